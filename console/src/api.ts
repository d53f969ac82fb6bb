import { currentSession } from './auth/session.js';

/** An answer of the console API that was not a success, with the API's own words. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly problems: string[] = [],
  ) {
    super(message);
  }
}

/** Calls the console's API as the signed-in staff member. */
export async function api<T>(
  path: string,
  options: { method?: string; body?: unknown; headers?: Record<string, string> } = {},
): Promise<T> {
  const session = currentSession();
  if (!session) throw new ApiError(401, 'your session has ended: sign in again');
  const response = await fetch(path, {
    method: options.method ?? 'GET',
    headers: {
      authorization: session.idToken,
      ...(options.body === undefined ? {} : { 'content-type': 'application/json' }),
      ...options.headers,
    },
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
    cache: 'no-store',
  });
  const text = await response.text();
  const body = text ? (JSON.parse(text) as Record<string, unknown>) : {};
  if (!response.ok) {
    const problems = Array.isArray(body.problems) ? (body.problems as string[]) : [];
    const message =
      typeof body.message === 'string'
        ? body.message
        : problems.length > 0
          ? 'the request was refused'
          : `the request failed (${response.status})`;
    throw new ApiError(response.status, message, problems);
  }
  return body as T;
}

/** A query string from the set values only. */
export function query(values: Record<string, string | number | undefined>): string {
  const set = Object.entries(values).filter(
    (entry): entry is [string, string | number] => entry[1] !== undefined && entry[1] !== '',
  );
  return set.length === 0 ? '' : `?${new URLSearchParams(set.map(([k, v]) => [k, String(v)]))}`;
}

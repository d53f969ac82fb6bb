// What Warden's HTTP APIs (behind API Gateway's Lambda proxy integration) share: JSON answers that
// are never cached, and request parts validated with zod whose problems name the field, never
// echo the value.
import type { z } from 'zod';
import { formatIssues } from './validation.js';

export interface ApiAnswer {
  statusCode: number;
  headers: Record<string, string>;
  body: string;
}

export function json(statusCode: number, body: unknown): ApiAnswer {
  return {
    statusCode,
    headers: {
      'content-type': 'application/json',
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
    },
    body: JSON.stringify(body),
  };
}

export const invalid = (problems: string[]) => json(400, { status: 'invalid', problems });
export const notFound = (message: string) => json(404, { status: 'not_found', message });
export const conflict = (message: string) => json(409, { status: 'conflict', message });

/** A body that is not JSON; `validate` reports it as such. */
const NOT_JSON = Symbol('not JSON');

/** The JSON body of a proxy event, undefined when there is none. */
export function parseBody(event: { body?: string | null; isBase64Encoded?: boolean }): unknown {
  if (!event.body) return undefined;
  try {
    return JSON.parse(
      event.isBase64Encoded ? Buffer.from(event.body, 'base64').toString('utf8') : event.body,
    );
  } catch {
    return NOT_JSON;
  }
}

/** A header, whatever its case. */
export function headerOf(
  event: { headers?: Record<string, string | undefined> | null },
  name: string,
): string | undefined {
  const entry = Object.entries(event.headers ?? {}).find(
    ([k]) => k.toLowerCase() === name.toLowerCase(),
  );
  return entry?.[1];
}

export type Checked<T> = { value: T } | { problems: string[] };

/** Names each field that is wrong, never echoes a value; the root is called `root`. */
export function validate<T extends z.ZodType>(
  schema: T,
  input: unknown,
  root = '(body)',
): Checked<z.infer<T>> {
  if (input === NOT_JSON) return { problems: ['(body): is not valid JSON'] };
  const parsed = schema.safeParse(input);
  if (parsed.success) return { value: parsed.data };
  return {
    problems: formatIssues(parsed.error.issues).map((p) => p.replace(/^\(root\)/, root)),
  };
}

import { z } from 'zod';
import { type CognitoUser, cognitoUserSchema } from './cognito-user.js';

/**
 * What `aws cognito-idp list-users` prints, saved to a file: one page `{ "Users": [...] }`, an
 * array of such pages, or a bare array of users (`--query Users`).
 */
export type ListUsersExport =
  | {
      ok: true;
      users: CognitoUser[];
      /** Why the export is only part of the pool, when it is. */
      incomplete?: string;
    }
  | { ok: false; problem: string };

const pageSchema = z.object({
  Users: z.array(cognitoUserSchema, 'must be a list of users'),
  PaginationToken: z.string().optional(),
  NextToken: z.string().optional(),
});
type Page = z.output<typeof pageSchema>;

const SHAPE =
  'not the output of list-users: expected {"Users": [...]}, an array of such pages, or an array of users';

/**
 * Reads and checks an export of one pool. Refuses it with a message that names the path and
 * field of the first problem, or the account given twice (the same page pasted twice would
 * otherwise be counted twice and planned twice).
 */
export function readListUsersExport(document: unknown, pool: string): ListUsersExport {
  const shape = shapeOf(document);
  if (!shape) return { ok: false, problem: `(root): ${SHAPE}` };
  const parsed = shape.schema.safeParse(document);
  if (!parsed.success) {
    const issue = parsed.error.issues[0] as z.core.$ZodIssue;
    return { ok: false, problem: `${pathOf(issue.path) || '(root)'}: ${issue.message || SHAPE}` };
  }
  const pages = shape.pages(parsed.data);
  const seen = new Map<string, string>();
  const users: CognitoUser[] = [];
  for (const { page, where } of pages) {
    for (const [i, user] of page.Users.entries()) {
      const first = seen.get(user.Username);
      if (first !== undefined) {
        return {
          ok: false,
          problem: `${where(i)}: duplicate account (pool ${pool}, username "${user.Username}"), first at ${first}: the same page given twice?`,
        };
      }
      seen.set(user.Username, where(i));
      users.push(user);
    }
  }
  const last = pages.at(-1)?.page;
  const token = last?.PaginationToken
    ? 'PaginationToken'
    : last?.NextToken
      ? 'NextToken'
      : undefined;
  if (!token) return { ok: true, users };
  return {
    ok: true,
    users,
    incomplete: `its last page has a ${token}: list-users stopped before the end of the pool`,
  };
}

/** A page, and how to name the path of its i-th user in messages. */
type Located = { page: Page; where: (i: number) => string };

function shapeOf(
  document: unknown,
): { schema: z.ZodType; pages: (data: unknown) => Located[] } | undefined {
  if (Array.isArray(document)) {
    const first = document[0];
    if (isObject(first) && 'Users' in first) {
      return {
        schema: z.array(pageSchema),
        pages: (data) =>
          (data as Page[]).map((page, p) => ({ page, where: (i) => `[${p}].Users[${i}]` })),
      };
    }
    return {
      schema: z.array(cognitoUserSchema),
      pages: (data) => [{ page: { Users: data as CognitoUser[] }, where: (i) => `[${i}]` }],
    };
  }
  if (isObject(document) && 'Users' in document) {
    return {
      schema: pageSchema,
      pages: (data) => [{ page: data as Page, where: (i) => `Users[${i}]` }],
    };
  }
  return undefined;
}

/** `[1].Users[3].Enabled`: the path of a zod issue as one would write it in JavaScript. */
function pathOf(path: readonly PropertyKey[]): string {
  return path
    .map((key, i) => (typeof key === 'number' ? `[${key}]` : `${i === 0 ? '' : '.'}${String(key)}`))
    .join('');
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

import { config, type core, safeParse } from 'zod/mini';
import { en } from 'zod/v4/locales';
import { InvalidInputError } from './errors.js';

// Schemas on the sign-in path are built with `zod/mini`: they load in a fraction of the time
// of the full zod's, which counts on every cold start. zod/mini ships without messages; these
// are the English ones the full zod gives, set here because every parse goes through this module.
config(en());

/** One `path: message` line per issue; the root is named `(root)`. Values are never echoed. */
export function formatIssues(issues: readonly core.$ZodIssue[]): string[] {
  return issues.map((issue) => `${issue.path.map(String).join('.') || '(root)'}: ${issue.message}`);
}

type InvalidInputClass = new (origin: string, problems: string[]) => InvalidInputError;

/** The parsed value, or the issues that name what is wrong. Takes full zod or zod/mini schemas. */
export function tryParse<T extends core.$ZodType>(
  schema: T,
  input: unknown,
): { ok: true; value: core.output<T> } | { ok: false; issues: readonly core.$ZodIssue[] } {
  const parsed = safeParse(schema, input);
  return parsed.success
    ? { ok: true, value: parsed.data }
    : { ok: false, issues: parsed.error.issues };
}

/**
 * Parses `input` with `schema`, or throws an InvalidInputError (or the given subclass) that
 * names `origin` and every bad field by its path.
 */
export function parseOrThrow<T extends core.$ZodType>(
  schema: T,
  input: unknown,
  origin: string,
  ErrorClass: InvalidInputClass = InvalidInputError,
): core.output<T> {
  const parsed = tryParse(schema, input);
  if (parsed.ok) return parsed.value;
  throw new ErrorClass(origin, formatIssues(parsed.issues));
}

import type { z } from 'zod';
import { InvalidInputError } from './errors.js';

/** One `path: message` line per issue; the root is named `(root)`. Values are never echoed. */
export function formatIssues(issues: readonly z.core.$ZodIssue[]): string[] {
  return issues.map((issue) => `${issue.path.map(String).join('.') || '(root)'}: ${issue.message}`);
}

type InvalidInputClass = new (origin: string, problems: string[]) => InvalidInputError;

/**
 * Parses `input` with `schema`, or throws an InvalidInputError (or the given subclass) that
 * names `origin` and every bad field by its path.
 */
export function parseOrThrow<T extends z.ZodType>(
  schema: T,
  input: unknown,
  origin: string,
  ErrorClass: InvalidInputClass = InvalidInputError,
): z.infer<T> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  throw new ErrorClass(origin, formatIssues(parsed.error.issues));
}

import { z } from 'zod';
import { SITUATIONS } from '../reconcile/situation.js';
import { parseOrThrow } from '../shared/validation.js';
import { DEFAULT_PAGE_SIZE, FINDING_SORT_KEYS, type FindingsQuery } from './findings-query.js';

const csv = z
  .union([z.string(), z.array(z.string())])
  .transform((v) => (Array.isArray(v) ? v : v.split(',')).map((s) => s.trim()).filter(Boolean));

/** A findings query as the console's query string or the CLI's options give it. */
export const findingsQuerySchema = z.strictObject({
  situation: csv.pipe(z.array(z.enum(SITUATIONS))).optional(),
  pool: z.string().min(1).optional(),
  action: z.enum(['disable', 'none']).optional(),
  outcome: z.enum(['disabled', 'already_done', 'failed', 'not_applied']).optional(),
  search: z.string().max(200).optional(),
  sort: z.enum(FINDING_SORT_KEYS).default('situation'),
  order: z.enum(['asc', 'desc']).default('asc'),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(1000).default(DEFAULT_PAGE_SIZE),
});
export type FindingsQueryInput = z.input<typeof findingsQuerySchema>;

/** Reads a query from untrusted input (a query string, CLI options); names every bad field. */
export function parseFindingsQuery(input: unknown, origin = 'findings query'): FindingsQuery {
  return parseOrThrow(findingsQuerySchema, input ?? {}, origin);
}

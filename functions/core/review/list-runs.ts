import { z } from 'zod';
import { RUN_STATUSES } from '../reconcile/run-record.js';
import { parseOrThrow } from '../shared/validation.js';
import type { RunHistory } from './ports.js';
import { type RunListItem, runListItem } from './run-report.js';

export const runsQuerySchema = z.strictObject({
  limit: z.coerce.number().int().min(1).max(200).default(20),
  status: z.enum(RUN_STATUSES).optional(),
  /** The cursor a previous page returned. */
  after: z.string().min(1).max(200).optional(),
});
export type RunsQueryInput = z.input<typeof runsQuerySchema>;

export interface RunsPage {
  runs: RunListItem[];
  /** The cursor of the next page; null on the last. */
  next: string | null;
}

/**
 * Lists runs newest first, a page at a time, optionally only those with one status (for the
 * console's runs page and `warden runs list`).
 */
export async function listRuns(input: RunsQueryInput, runs: RunHistory): Promise<RunsPage> {
  const query = parseOrThrow(runsQuerySchema, input, 'runs query');
  const page = await runs.pageRuns(query);
  return { runs: page.runs.map(runListItem), next: page.next ?? null };
}

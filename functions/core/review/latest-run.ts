import type { RunHistory, RunSummary } from './ports.js';

/** How many pages of runs to look through for one that planned (failed runs plan nothing). */
const PAGES = 5;

/**
 * The newest run that planned and reported, started before the run `before` when given: the run
 * whose findings say where each account stands, and the one changes are counted from.
 */
export async function latestPlannedRun(
  runs: RunHistory,
  before?: string,
): Promise<RunSummary | undefined> {
  let after = before;
  for (let page = 0; page < PAGES; page++) {
    const { runs: older, next } = await runs.pageRuns({ limit: 20, after });
    const planned = older.find((r) => r.reports && r.status !== 'failed');
    if (planned || !next) return planned;
    after = next;
  }
  return undefined;
}

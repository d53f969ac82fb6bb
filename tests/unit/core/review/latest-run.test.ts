import { beforeEach, describe, expect, it } from 'vitest';
import { latestPlannedRun } from '../../../../functions/core/review/latest-run.js';
import { MemoryRunHistory, reviewRun } from '../../fakes/memory-review.js';

const REPORTS = { reports: { json: 'j', csv: 'c' } };
let runs: MemoryRunHistory;

/** `count` failed runs, `<prefix>-000` on: newer than the runs `r-1` and `r-2`. */
async function failedRuns(prefix: string, count: number) {
  for (let i = 0; i < count; i++) {
    const runId = `${prefix}-${String(i).padStart(3, '0')}`;
    await runs.saveRun(reviewRun(runId, '2026-11-30T10:00:00Z', { status: 'failed' }));
  }
}

beforeEach(() => {
  runs = new MemoryRunHistory();
});

describe('the latest run that planned', () => {
  it('skips runs that reported nothing and failed runs, even with reports', async () => {
    await runs.saveRun(reviewRun('r-1', '2026-11-29T10:00:00Z', REPORTS));
    await runs.saveRun(reviewRun('r-2', '2026-11-30T10:00:00Z', { status: 'planned' }));
    await runs.saveRun(reviewRun('r-3', '2026-11-30T11:00:00Z', { status: 'failed', ...REPORTS }));
    expect((await latestPlannedRun(runs))?.runId).toBe('r-1');
  });

  it('looks through five pages of twenty runs, and no further', async () => {
    await runs.saveRun(reviewRun('r-1', '2026-11-29T10:00:00Z', REPORTS));
    await failedRuns('r-5', 99);
    expect((await latestPlannedRun(runs))?.runId).toBe('r-1');
    await failedRuns('r-6', 1);
    expect(await latestPlannedRun(runs)).toBeUndefined();
  });

  it('starts before the run it is given', async () => {
    await runs.saveRun(reviewRun('r-1', '2026-11-29T10:00:00Z', REPORTS));
    await runs.saveRun(reviewRun('r-2', '2026-11-30T10:00:00Z', REPORTS));
    expect((await latestPlannedRun(runs))?.runId).toBe('r-2');
    expect((await latestPlannedRun(runs, 'r-2'))?.runId).toBe('r-1');
    expect(await latestPlannedRun(runs, 'r-1')).toBeUndefined();
  });
});

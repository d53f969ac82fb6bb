import type { FeedKind, FeedProblem } from '../hr/hr-record.js';
import type { Clock, IdGenerator } from '../shared/clock.js';
import type { Notifier, RunStore } from './ports.js';
import { newRunRecord, type RunRecord } from './run-record.js';
import { summariseRun } from './summarise-run.js';

/**
 * Records a run whose feed failed validation: nothing was listed or changed. The notes carry
 * where each problem is, not the values, which may be personal data.
 */
export async function rejectFeed(
  feed: { kind: FeedKind; source: string },
  problems: readonly FeedProblem[],
  trigger: string,
  deps: { runs: RunStore; notifier: Notifier; clock: Clock; ids: IdGenerator },
): Promise<RunRecord> {
  const startedAt = deps.clock.now();
  const shown = problems.slice(0, 20).map((p) => `${p.location ?? 'feed'}: ${p.field ?? 'row'}`);
  const run: RunRecord = {
    ...newRunRecord({
      runId: deps.ids.runId(startedAt),
      mode: 'dry-run',
      trigger,
      startedAt,
      feed: { ...feed, records: 0 },
    }),
    status: 'rejected',
    finishedAt: startedAt,
    notes: [
      `HR feed rejected with ${problems.length} problem(s); nothing was changed. Run \`warden hr validate\` on the file for details.`,
      ...shown,
    ],
  };
  await deps.runs.saveRun(run);
  await deps.notifier.notify(summariseRun(run));
  return run;
}

import type { FeedKind, FeedProblem } from '../hr/hr-record.js';
import type { Clock, GovernanceStore, IdGenerator, Notifier } from '../ports.js';
import type { RunRecord } from './run-record.js';
import { emptyCounts } from './situation.js';
import { summariseRun } from './summarise-run.js';

/**
 * Records a run whose feed failed validation: nothing was listed or changed. The notes carry
 * where each problem is, not the values, which may be personal data.
 */
export async function rejectFeed(
  feed: { kind: FeedKind; source: string },
  problems: FeedProblem[],
  trigger: string,
  deps: { store: GovernanceStore; notifier: Notifier; clock: Clock; ids: IdGenerator },
): Promise<RunRecord> {
  const startedAt = deps.clock.now();
  const shown = problems.slice(0, 20).map((p) => `${p.location ?? 'feed'}: ${p.field ?? 'row'}`);
  const run: RunRecord = {
    runId: deps.ids.runId(startedAt),
    status: 'rejected',
    mode: 'dry-run',
    trigger,
    startedAt,
    finishedAt: startedAt,
    feed: { ...feed, records: 0 },
    accounts: 0,
    counts: emptyCounts(),
    actions: { planned: 0, applied: 0, alreadyDone: 0, failed: 0 },
    notes: [
      `HR feed rejected with ${problems.length} problem(s); nothing was changed. Run \`warden hr validate\` on the file for details.`,
      ...shown,
    ],
  };
  await deps.store.saveRun(run);
  await deps.notifier.notify(summariseRun(run));
  return run;
}

import type { Clock } from '../shared/clock.js';
import type { EventLog } from '../shared/event-log.js';
import type { Notifier, RunStore } from './ports.js';
import { summariseRun } from './summarise-run.js';

/** Runs looked at: a crash leaves the run before this one applying, rarely an older one. */
const RECENT_RUNS = 10;

/**
 * Closes the runs whose process died while applying. Only the lock holder applies, so a run
 * still recorded as `applying` once this run holds the lock was interrupted: it is recorded as
 * failed, naming the run that takes over its actions (their journal lets this run finish them),
 * and admins are told.
 */
export async function closeInterruptedRuns(
  takenOverBy: string,
  deps: { runs: RunStore; notifier: Notifier; clock: Clock; log: EventLog },
): Promise<void> {
  for (const run of await deps.runs.listRuns(RECENT_RUNS)) {
    if (run.status !== 'applying' || run.runId === takenOverBy) continue;
    const closed = {
      ...run,
      status: 'failed' as const,
      error: 'Interrupted',
      finishedAt: deps.clock.now(),
      notes: [
        ...run.notes,
        `interrupted before it finished; run ${takenOverBy} took over and finished its actions`,
      ],
    };
    await deps.runs.saveRun(closed);
    deps.log.warn('closed an interrupted run', { runId: run.runId, resumedBy: takenOverBy });
    await deps.notifier.notify(summariseRun(closed));
  }
}

import type { Account } from '../account.js';
import type { RunOffboardingSession } from '../offboarding/ports.js';
import { concludePlan } from './conclude-plan.js';
import { exemptionLookup } from './exemptions.js';
import type { AccountDirectory } from './ports.js';
import { PostureCheck } from './posture-check.js';
import { indexRoster } from './roster-index.js';
import type { RunDependencies, RunRequest } from './run-reconciliation.js';
import type { RunRecord } from './run-record.js';
import type { Finding } from './situation.js';
import { type SourcePlan, SourcePlanner } from './source-plan.js';

export interface PlannedRun {
  run: RunRecord;
  findings: readonly Finding[];
  offboarding: RunOffboardingSession | undefined;
}

/**
 * Classifies every account of every source as `accountsOf` streams them (live from the
 * directory, or from a run's checkpoints), then plans and guards the whole: correlate ->
 * classify -> plan -> guard. Changes nothing but the orphans' first sightings.
 */
export async function planRun(
  started: RunRecord,
  request: RunRequest,
  deps: RunDependencies,
  accountsOf: (directory: AccountDirectory) => AsyncIterable<Account>,
): Promise<PlannedRun> {
  const { config, feed } = request;
  const now = started.startedAt;
  const roster = indexRoster(feed);
  const offboarding = deps.offboarding?.startRun(roster);
  const exemptionFor = exemptionLookup(config.exemptions, now, config.feed.timeZone);
  const pendingActionIds = await deps.storage.journal.listPendingActions();
  const sources: SourcePlan[] = [];

  for (const directory of deps.directories) {
    const state = await deps.storage.memory.loadSourceState(directory.source);
    const posture = config.geoPolicy
      ? await PostureCheck.start(config.geoPolicy, config.postureAction, directory)
      : undefined;
    const planner = new SourcePlanner(
      { now, roster, state, orphans: config.orphans, exemptionFor },
      { posture, pendingActionIds },
    );
    for await (const account of accountsOf(directory)) {
      const finding = planner.add(account);
      offboarding?.observe(account, finding);
      if (planner.size % 1000 === 0) {
        deps.log.info('listing', { source: directory.source, accounts: planner.size });
      }
    }
    const plan = planner.result();
    sources.push(plan);
    deps.log.info('listed', { source: directory.source, accounts: plan.findings.length });
    if (feed.kind === 'roster') {
      await deps.storage.memory.recordOrphansSeen(directory.source, plan.enabledOrphans, now);
    }
  }

  const concluded = concludePlan({
    run: started,
    sources,
    config,
    baseline: await deps.storage.baselines.getFeedBaseline(feed.kind),
    approval: request.approval,
  });
  deps.log.info('planned', {
    status: concluded.run.status,
    accounts: concluded.findings.length,
    disable: concluded.run.actions.planned,
  });
  return { ...concluded, offboarding };
}

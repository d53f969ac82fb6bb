import type { Account } from '../account.js';
import type { HrFeed } from '../hr/hr-record.js';
import type { RunOffboardingSession } from '../offboarding/ports.js';
import { concludePlan } from './conclude-plan.js';
import type { DryRunReportRows } from './dry-run-report-rows.js';
import { exemptionLookup } from './exemptions.js';
import type { ListedFindings } from './listed-findings.js';
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

/** What a plan needs from the store besides the accounts: read before the first is listed. */
export type PlanInputs = Awaited<ReturnType<typeof readPlanInputs>>;

/** Independent reads, made at once. */
export async function readPlanInputs(
  deps: Pick<RunDependencies, 'storage' | 'directories'>,
  feedKind: HrFeed['kind'],
) {
  const { journal, memory, baselines } = deps.storage;
  const [pendingActionIds, states, baseline] = await Promise.all([
    journal.listPendingActions(),
    Promise.all(deps.directories.map((d) => memory.loadSourceState(d.source))),
    baselines.getFeedBaseline(feedKind),
  ]);
  return { pendingActionIds, states, baseline };
}

/**
 * Classifies every account of every source as `accountsOf` streams them (live from the
 * directory, or from a run's checkpoints), then plans and guards the whole: correlate ->
 * classify -> plan -> guard. Changes nothing but the orphans' first sightings, and stores the
 * findings `listed` takes, and renders a dry-run's `reportRows`, as they come.
 */
export async function planRun(
  started: RunRecord,
  request: RunRequest,
  deps: RunDependencies,
  accountsOf: (directory: AccountDirectory) => AsyncIterable<Account>,
  {
    inputs,
    listed,
    reportRows,
  }: { inputs?: PlanInputs; listed?: ListedFindings; reportRows?: DryRunReportRows } = {},
): Promise<PlannedRun> {
  const { config, feed } = request;
  const now = started.startedAt;
  const roster = indexRoster(feed);
  const offboarding = deps.offboarding?.startRun(roster, started.mode);
  const exemptionFor = exemptionLookup(config.exemptions, now, config.feed.timeZone);
  const { pendingActionIds, states, baseline } = inputs ?? (await readPlanInputs(deps, feed.kind));
  const sources: SourcePlan[] = [];

  for (const [i, directory] of deps.directories.entries()) {
    const state = states[i] as (typeof states)[number];
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
      listed?.add(finding);
      reportRows?.add(finding);
      if (planner.size % 1000 === 0) {
        deps.log.info('listing', { source: directory.source, accounts: planner.size });
      }
    }
    const plan = planner.result();
    sources.push(plan);
    deps.log.info('listed', { source: directory.source, accounts: plan.findings.length });
  }

  const concluded = concludePlan({
    run: started,
    sources,
    config,
    baseline,
    approval: request.approval,
  });
  deps.log.info('planned', {
    status: concluded.run.status,
    accounts: concluded.findings.length,
    disable: concluded.run.actions.planned,
  });
  // Only a full roster decides orphans, and only one the guard let through is trusted.
  if (feed.kind === 'roster' && concluded.run.status !== 'quarantined') {
    await rememberOrphans(deps, sources, now);
  }
  return { ...concluded, offboarding };
}

/** Each source's new orphans from now, and those HR lists again forgotten. */
async function rememberOrphans(
  deps: Pick<RunDependencies, 'storage' | 'directories'>,
  sources: readonly SourcePlan[],
  now: Date,
): Promise<void> {
  const { memory } = deps.storage;
  const writes: Promise<void>[] = [];
  sources.forEach(({ unseenOrphans, orphansGone }, i) => {
    const { source } = deps.directories[i] as AccountDirectory;
    if (unseenOrphans.length > 0) writes.push(memory.recordOrphansSeen(source, unseenOrphans, now));
    if (orphansGone.length > 0) writes.push(memory.forgetOrphans(source, orphansGone));
  });
  await Promise.all(writes);
}

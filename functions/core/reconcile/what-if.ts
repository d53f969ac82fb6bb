import type { Account } from '../account.js';
import type { ReconcileConfig } from '../config/reconcile-config.js';
import type { HrFeed } from '../hr/hr-record.js';
import { concludePlan } from './conclude-plan.js';
import { exemptionLookup } from './exemptions.js';
import { indexRoster } from './roster-index.js';
import { type RunResult, withOutcomes } from './run-reconciliation.js';
import { feedSummary, newRunRecord } from './run-record.js';
import { SourcePlanner } from './source-plan.js';

const NO_MEMORY = { disabledByWarden: new Set<string>(), orphanFirstSeen: new Map<string, Date>() };

/**
 * The plan a run would make, from accounts already in hand and with no stored state: no
 * baseline for the shrink rule, no memory of earlier runs. Changes nothing anywhere.
 */
export function whatIf(
  feed: HrFeed,
  accounts: Iterable<Account>,
  config: ReconcileConfig,
  now: Date,
  runId: string,
): RunResult {
  const planner = new SourcePlanner({
    now,
    roster: indexRoster(feed),
    state: NO_MEMORY,
    orphans: config.orphans,
    exemptionFor: exemptionLookup(config.exemptions, now, config.feed.timeZone),
  });
  for (const account of accounts) planner.add(account);
  const { run, findings } = concludePlan({
    run: newRunRecord({
      runId,
      mode: 'dry-run',
      trigger: 'what-if',
      startedAt: now,
      feed: feedSummary(feed),
    }),
    sources: [planner.result()],
    config,
    baseline: undefined,
  });
  return { run: { ...run, finishedAt: now }, findings: withOutcomes(findings, new Map()) };
}

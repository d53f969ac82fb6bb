import type { Account } from '../account.js';
import type { ReconcileConfig } from '../config/reconcile-config.js';
import type { HrFeed } from '../hr/hr-record.js';
import { concludePlan } from './conclude-plan.js';
import { exemptionLookup } from './exemptions.js';
import type { SourceState } from './ports.js';
import { indexRoster } from './roster-index.js';
import type { RunResult } from './run-reconciliation.js';
import { feedSummary, newRunRecord } from './run-record.js';
import { SourcePlanner } from './source-plan.js';
import { withOutcomes } from './stored-findings.js';

const NO_MEMORY: SourceState = { disabledByWarden: new Map(), orphanFirstSeen: new Map() };

/**
 * The plan a run would make, from accounts already in hand and with no stored state: no
 * baseline for the shrink rule, no memory of earlier runs. Changes nothing anywhere.
 * `accountsIncomplete` says why the accounts are only part of the pool: orphans are then not
 * decided.
 */
export function whatIf(
  feed: HrFeed,
  accounts: Iterable<Account>,
  config: ReconcileConfig,
  now: Date,
  runId: string,
  { accountsIncomplete }: { accountsIncomplete?: string } = {},
): RunResult {
  const planner = new SourcePlanner({
    now,
    roster: indexRoster(feed),
    state: NO_MEMORY,
    orphans: config.orphans,
    exemptionFor: exemptionLookup(config.exemptions, now, config.feed.timeZone),
    orphansUndecided: accountsIncomplete,
  });
  for (const account of accounts) planner.add(account);
  const { run, findings } = concludePlan({
    run: newRunRecord({
      runId,
      mode: 'dry-run',
      trigger: 'what-if',
      startedAt: now,
      feed: feedSummary(feed),
      notes: [
        ...(feed.notes ?? []),
        ...(accountsIncomplete
          ? [
              `the account export is incomplete (${accountsIncomplete}): orphans were not decided, and the guard's percentages cover only the accounts in the file`,
            ]
          : []),
      ],
    }),
    sources: [planner.result()],
    config,
    baseline: undefined,
  });
  return { run: { ...run, finishedAt: now }, findings: withOutcomes(findings, new Map()) };
}

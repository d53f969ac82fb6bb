import type { Account } from '../account.js';
import type { ReconcileConfig } from '../config/reconcile-config.js';
import type { HrFeed } from '../hr/hr-record.js';
import { exemptionLookup } from './exemptions.js';
import { PlanBuilder } from './plan-builder.js';
import { concludePlan, newRunRecord } from './plan-summary.js';
import { indexRoster } from './roster-index.js';
import type { RunResult } from './run-reconciliation.js';

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
  const run = newRunRecord(runId, 'dry-run', 'what-if', now, feed);
  const builder = new PlanBuilder({
    now,
    roster: indexRoster(feed),
    state: { disabledByWarden: new Set(), orphanFirstSeen: new Map() },
    orphans: config.orphans,
    exemptionFor: exemptionLookup(config.exemptions, now, config.feed.timeZone),
    orphansUndecided: accountsIncomplete,
  });
  for (const account of accounts) builder.add(account);
  const findings = concludePlan(run, [builder], feed, config, undefined);
  if (accountsIncomplete) {
    run.notes.push(
      `the account export is incomplete (${accountsIncomplete}): orphans were not decided, and the guard's percentages cover only the accounts in the file`,
    );
  }
  run.finishedAt = now;
  return { run, findings };
}

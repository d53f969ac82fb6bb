import type { Account } from '../../../functions/core/account.js';
import {
  parseReconcileConfig,
  type ReconcileConfig,
} from '../../../functions/core/config/reconcile-config.js';
import type { HrFeed } from '../../../functions/core/hr/hr-record.js';
import { parseCsvFeed } from '../../../functions/core/hr/parse-csv.js';
import type { ClassifyContext } from '../../../functions/core/reconcile/classify.js';
import { exemptionLookup } from '../../../functions/core/reconcile/exemptions.js';
import type { SourceState } from '../../../functions/core/reconcile/ports.js';
import { indexRoster } from '../../../functions/core/reconcile/roster-index.js';
import {
  feedSummary,
  newRunRecord,
  type RunMode,
  type RunRecord,
} from '../../../functions/core/reconcile/run-record.js';

export const POOL = 'us-east-1_TestPool';
export const HEADER = 'employee_id,email,display_name,status,last_day';

export function account(username: string, fields: Partial<Account> = {}): Account {
  return {
    source: POOL,
    username,
    sub: `sub-${username}`,
    enabled: true,
    status: 'CONFIRMED',
    ...fields,
  };
}

/** A feed from CSV rows (header added); throws when the rows are invalid, so tests fail loudly. */
export function feed(rows: string[], kind: HrFeed['kind'] = 'roster', timeZone = 'UTC'): HrFeed {
  const result = parseCsvFeed([HEADER, ...rows].join('\n'), { kind, timeZone, source: 'test.csv' });
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return result.feed;
}

export function config(overrides: Record<string, unknown> = {}): ReconcileConfig {
  return parseReconcileConfig(overrides, 'test');
}

const NO_MEMORY: SourceState = { disabledByWarden: new Map(), orphanFirstSeen: new Map() };

/** What classification needs, from a feed and a configuration, with nothing remembered. */
export function classifyContext(
  hrFeed: HrFeed,
  now: Date,
  cfg: ReconcileConfig = config(),
  state: SourceState = NO_MEMORY,
): ClassifyContext {
  return {
    now,
    roster: indexRoster(hrFeed),
    state,
    orphans: cfg.orphans,
    exemptionFor: exemptionLookup(cfg.exemptions, now, cfg.feed.timeZone),
  };
}

/** A run as it starts, on the given feed. */
export function startedRun(hrFeed: HrFeed, mode: RunMode, startedAt: Date): RunRecord {
  return newRunRecord({
    runId: 'run-1',
    mode,
    trigger: 'test',
    startedAt,
    feed: feedSummary(hrFeed),
  });
}

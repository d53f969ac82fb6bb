import type { Account } from '../../../functions/core/account.js';
import {
  parseReconcileConfig,
  type ReconcileConfig,
} from '../../../functions/core/config/reconcile-config.js';
import type { HrFeed } from '../../../functions/core/hr/hr-record.js';
import { parseCsvFeed } from '../../../functions/core/hr/parse-csv.js';

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

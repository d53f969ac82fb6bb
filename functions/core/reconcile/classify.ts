import { type Account, accountKey } from '../account.js';
import type { ReconcileConfig } from '../config/reconcile-config.js';
import type { HrRecord } from '../hr/hr-record.js';
import type { SourceState } from '../ports.js';
import { actionId } from './action-id.js';
import { correlate } from './correlate.js';
import type { ExemptionMatch } from './exemptions.js';
import type { RosterIndex } from './roster-index.js';
import type { Finding, MatchKind } from './situation.js';

const DAY_MS = 86_400_000;

export interface ClassifyContext {
  now: Date;
  roster: RosterIndex;
  state: SourceState;
  orphans: ReconcileConfig['orphans'];
  exemptionFor: (account: Account, employeeId: string | undefined) => ExemptionMatch | undefined;
}

/** Puts one account in its situation and plans what to do about it. */
export function classify(account: Account, ctx: ClassifyContext): Finding {
  const key = accountKey(account);
  const correlation = correlate(account, ctx.roster);
  const record = correlation.kind === 'none' ? undefined : correlation.record;
  const match: MatchKind =
    correlation.kind === 'employee_id' || correlation.kind === 'email' ? correlation.kind : 'none';
  const base = {
    source: account.source,
    username: account.username,
    accountKey: key,
    enabled: account.enabled,
    match,
    employeeId: record?.employeeId,
  };
  const weak = match === 'email' ? ' (matched by email only: weaker than the employee id)' : '';

  const exemption = ctx.exemptionFor(account, record?.employeeId);
  if (exemption && !exemption.expired) {
    return {
      ...base,
      situation: 'exempt',
      action: 'none',
      reason: `exempt until ${exemption.exemption.expires}, owner ${exemption.exemption.owner}: ${exemption.exemption.reason}`,
    };
  }
  const expiredNote = exemption ? `; exemption expired on ${exemption.exemption.expires}` : '';

  if (correlation.kind === 'conflict') {
    return {
      ...base,
      situation: 'disputed',
      action: 'none',
      reason: `${correlation.reason}; review by hand, Warden never acts on it`,
    };
  }
  if (!record) return unmatched(account, base, key, ctx, expiredNote);
  if (record.status === 'active') return activeRecord(account, base, key, ctx, weak + expiredNote);
  return leaverRecord(account, base, key, record, ctx.now, weak + expiredNote);
}

type Base = Omit<Finding, 'situation' | 'action' | 'reason' | 'actionId'>;

function activeRecord(
  account: Account,
  base: Base,
  key: string,
  ctx: ClassifyContext,
  note: string,
): Finding {
  if (!account.enabled && ctx.state.disabledByWarden.has(key)) {
    return {
      ...base,
      situation: 'rehire_candidate',
      action: 'none',
      reason: `HR lists the person as active again but Warden disabled the account; re-enable by hand after review${note}`,
    };
  }
  const disabled = account.enabled ? '' : '; account disabled outside Warden';
  return { ...base, situation: 'active', action: 'none', reason: `active in HR${disabled}${note}` };
}

function leaverRecord(
  account: Account,
  base: Base,
  key: string,
  record: HrRecord,
  now: Date,
  note: string,
): Finding {
  const lastDay = record.lastDay as NonNullable<HrRecord['lastDay']>;
  if (lastDay.accessEndsAt > now) {
    return {
      ...base,
      situation: 'future_leaver',
      action: 'none',
      reason: `last day ${lastDay.raw} is still ahead; access ends at ${lastDay.accessEndsAt.toISOString()}${note}`,
    };
  }
  // Computed for disabled leavers too, so a run can finish what an interrupted one began.
  const id = actionId('disable', account.source, key, `leaver:${record.employeeId}:${lastDay.raw}`);
  if (!account.enabled) {
    return {
      ...base,
      situation: 'leaver_disabled',
      action: 'none',
      actionId: id,
      reason: `left on ${lastDay.raw}; already disabled${note}`,
    };
  }
  return {
    ...base,
    situation: 'leaver',
    action: 'disable',
    actionId: id,
    reason: `left on ${lastDay.raw} but the account is still enabled${note}`,
  };
}

function unmatched(
  account: Account,
  base: Base,
  key: string,
  ctx: ClassifyContext,
  note: string,
): Finding {
  if (ctx.roster.kind === 'leavers') {
    return {
      ...base,
      situation: 'unmatched',
      action: 'none',
      reason: `not a listed leaver; orphans are not decided from a leavers-only feed${note}`,
    };
  }
  if (!account.enabled) {
    return {
      ...base,
      situation: 'orphan',
      action: 'none',
      reason: `no HR record; already disabled${note}`,
    };
  }
  if (ctx.orphans.policy === 'report') {
    return {
      ...base,
      situation: 'orphan',
      action: 'none',
      reason: `no HR record; orphan policy is report-only${note}`,
    };
  }
  const firstSeen = ctx.state.orphanFirstSeen.get(key) ?? ctx.now;
  const graceEnds = new Date(firstSeen.getTime() + ctx.orphans.graceDays * DAY_MS);
  if (graceEnds > ctx.now) {
    return {
      ...base,
      situation: 'orphan',
      action: 'none',
      reason: `no HR record since ${firstSeen.toISOString()}; disabled after the grace period ends ${graceEnds.toISOString()}${note}`,
    };
  }
  return {
    ...base,
    situation: 'orphan',
    action: 'disable',
    actionId: actionId('disable', account.source, key, `orphan:${firstSeen.toISOString()}`),
    reason: `no HR record since ${firstSeen.toISOString()}; grace period of ${ctx.orphans.graceDays} days is over${note}`,
  };
}

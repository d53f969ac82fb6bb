import { type Account, accountKey } from '../account.js';
import type { ReconcileConfig } from '../config/reconcile-config.js';
import type { HrRecord } from '../hr/hr-record.js';
import { actionId } from './action-id.js';
import { correlate } from './correlate.js';
import type { ExemptionMatch } from './exemptions.js';
import type { SourceState } from './ports.js';
import type { RosterIndex } from './roster-index.js';
import type { ActionKind, Finding, MatchKind, Situation } from './situation.js';

const DAY_MS = 86_400_000;
const WEAK_MATCH = ' (matched by email only: weaker than the employee id)';

export interface ClassifyContext {
  now: Date;
  roster: RosterIndex;
  state: SourceState;
  orphans: ReconcileConfig['orphans'];
  exemptionFor: (account: Account, employeeId: string | undefined) => ExemptionMatch | undefined;
  /** Set when orphans must not be decided (e.g. an incomplete account export): the reason. */
  orphansUndecided?: string;
}

/** The situation of one account and what to do about it. */
interface Verdict {
  situation: Situation;
  action: ActionKind;
  reason: string;
  actionId?: string;
  accessEndsAt?: string;
  offboardingId?: string;
}

/** Puts one account in its situation and plans what to do about it. */
export function classify(account: Account, ctx: ClassifyContext): Finding {
  const key = accountKey(account);
  const correlation = correlate(account, ctx.roster);
  const record = correlation.kind === 'none' ? undefined : correlation.record;
  const match: MatchKind =
    correlation.kind === 'employee_id' || correlation.kind === 'email' ? correlation.kind : 'none';

  let verdict: Verdict;
  const exemption = ctx.exemptionFor(account, record?.employeeId);
  const offboardingId = ctx.state.offboardedBy?.get(key);
  // An offboarding comes first: exemptions steer what the feed alone would do (decision 0022).
  if (offboardingId && (!account.enabled || !disabledSinceRunBegan(key, ctx))) {
    verdict = offboarded(account, key, offboardingId, record);
  } else if (exemption && !exemption.expired) {
    const { expires, owner, reason } = exemption.exemption;
    verdict = {
      situation: 'exempt',
      action: 'none',
      reason: `exempt until ${expires}, owner ${owner}: ${reason}`,
    };
  } else if (correlation.kind === 'conflict') {
    verdict = {
      situation: 'disputed',
      action: 'none',
      reason: `${correlation.reason}; review by hand, Warden never acts on it`,
    };
  } else if (!record) {
    verdict = unmatched(account, key, ctx);
  } else if (record.status === 'active') {
    verdict = activeRecord(account, key, record, ctx);
  } else {
    verdict = leaverRecord(account, key, record, ctx.now);
  }

  let reason = verdict.reason;
  if (match === 'email') reason += WEAK_MATCH;
  if ((correlation.kind === 'employee_id' || correlation.kind === 'email') && correlation.note)
    reason += `; ${correlation.note}`;
  if (exemption?.expired) reason += `; exemption expired on ${exemption.exemption.expires}`;
  // One object literal of one shape per account: a million findings stay compact.
  return {
    source: account.source,
    username: account.username,
    accountKey: key,
    enabled: account.enabled,
    situation: verdict.situation,
    match,
    employeeId: record?.employeeId,
    action: verdict.action,
    actionId: verdict.actionId,
    reason,
    accessEndsAt: verdict.accessEndsAt,
    offboardingId: verdict.offboardingId,
  };
}

/**
 * An HR offboarding disabled the account: it stays so, whatever the feed says yet. Enabled again
 * outside Warden, it is disabled again.
 */
function offboarded(
  account: Account,
  key: string,
  offboardingId: string,
  record: HrRecord | undefined,
): Verdict {
  const feedSays = record?.status === 'active' ? '; the feed still lists the person as active' : '';
  const accessEndsAt = record?.lastDay?.accessEndsAt.toISOString();
  if (!account.enabled) {
    return {
      situation: 'leaver_disabled',
      action: 'none',
      offboardingId,
      accessEndsAt,
      reason: `disabled by offboarding ${offboardingId}${feedSays}`,
    };
  }
  return {
    situation: 'leaver',
    action: 'disable',
    actionId: actionId('disable', account.source, key, `offboarding:${offboardingId}`),
    offboardingId,
    accessEndsAt,
    reason: `offboarded by ${offboardingId}${feedSays}`,
  };
}

/** Warden disabled the account after the run began: the run's listing may predate that. */
function disabledSinceRunBegan(key: string, ctx: ClassifyContext): boolean {
  const disabled = ctx.state.disabledByWarden.get(key);
  return disabled !== undefined && disabled.at > ctx.now;
}

const ACTIVE: Verdict = { situation: 'active', action: 'none', reason: 'active in HR' };
const ACTIVE_DISABLED: Verdict = {
  situation: 'active',
  action: 'none',
  reason: 'active in HR; account disabled outside Warden',
};
const REHIRE: Verdict = {
  situation: 'rehire_candidate',
  action: 'none',
  reason:
    'HR lists the person as active again but Warden disabled the account; re-enable by hand after review',
};

function activeRecord(
  account: Account,
  key: string,
  record: HrRecord,
  ctx: ClassifyContext,
): Verdict {
  // A termination date on an active record: ahead, the person is leaving; passed, HR contradicts
  // itself, and only a person can tell which half is wrong (docs/decisions/0009).
  if (record.lastDay && record.lastDay.accessEndsAt > ctx.now) {
    return leaverRecord(account, key, record, ctx.now);
  }
  if (record.lastDay) {
    return {
      situation: 'disputed',
      action: 'none',
      reason: `HR conflict: the record is active but its termination date ${record.lastDay.raw} has passed; review with HR, Warden never acts on it`,
    };
  }
  if (account.enabled) return ACTIVE;
  return ctx.state.disabledByWarden.has(key) ? REHIRE : ACTIVE_DISABLED;
}

function leaverRecord(account: Account, key: string, record: HrRecord, now: Date): Verdict {
  const lastDay = record.lastDay;
  if (!lastDay) return undatedLeaver(account, key, record);
  const accessEndsAt = lastDay.accessEndsAt.toISOString();
  if (lastDay.accessEndsAt > now) {
    return {
      accessEndsAt,
      situation: 'future_leaver',
      action: 'none',
      reason: `last day ${lastDay.raw} is still ahead; access ends at ${lastDay.accessEndsAt.toISOString()}`,
    };
  }
  // Computed for disabled leavers too, so a run can finish what an interrupted one began.
  const id = actionId('disable', account.source, key, `leaver:${record.employeeId}:${lastDay.raw}`);
  if (!account.enabled) {
    return {
      situation: 'leaver_disabled',
      action: 'none',
      actionId: id,
      accessEndsAt,
      reason: `left on ${lastDay.raw}; already disabled`,
    };
  }
  return {
    situation: 'leaver',
    action: 'disable',
    actionId: id,
    accessEndsAt,
    reason: `left on ${lastDay.raw} but the account is still enabled`,
  };
}

/** A leaver HR gave no date for, in a feed that declares such people already gone. */
function undatedLeaver(account: Account, key: string, record: HrRecord): Verdict {
  const id = actionId('disable', account.source, key, `leaver:${record.employeeId}:undated`);
  const left = 'left; HR gave no last day, so it counts as passed';
  if (!account.enabled) {
    return {
      situation: 'leaver_disabled',
      action: 'none',
      actionId: id,
      reason: `${left}; already disabled`,
    };
  }
  return {
    situation: 'leaver',
    action: 'disable',
    actionId: id,
    reason: `${left}, but the account is still enabled`,
  };
}

const NOT_A_LEAVER: Verdict = {
  situation: 'unmatched',
  action: 'none',
  reason: 'not a listed leaver; orphans are not decided from a leavers-only feed',
};
const ORPHAN_DISABLED: Verdict = {
  situation: 'orphan',
  action: 'none',
  reason: 'no HR record; already disabled',
};
const ORPHAN_REPORTED: Verdict = {
  situation: 'orphan',
  action: 'none',
  reason: 'no HR record; orphan policy is report-only',
};

function unmatched(account: Account, key: string, ctx: ClassifyContext): Verdict {
  if (ctx.roster.kind === 'leavers') return NOT_A_LEAVER;
  if (ctx.orphansUndecided) {
    return {
      situation: 'unmatched',
      action: 'none',
      reason: `no HR record; orphans are not decided: ${ctx.orphansUndecided}`,
    };
  }
  if (!account.enabled) return ORPHAN_DISABLED;
  if (ctx.orphans.policy === 'report') return ORPHAN_REPORTED;
  const firstSeen = ctx.state.orphanFirstSeen.get(key) ?? ctx.now;
  const graceEnds = new Date(firstSeen.getTime() + ctx.orphans.graceDays * DAY_MS);
  if (graceEnds > ctx.now) {
    return {
      situation: 'orphan',
      action: 'none',
      reason: `no HR record since ${firstSeen.toISOString()}; disabled after the grace period ends ${graceEnds.toISOString()}`,
    };
  }
  return {
    situation: 'orphan',
    action: 'disable',
    actionId: actionId('disable', account.source, key, `orphan:${firstSeen.toISOString()}`),
    reason: `no HR record since ${firstSeen.toISOString()}; grace period of ${ctx.orphans.graceDays} days is over`,
  };
}

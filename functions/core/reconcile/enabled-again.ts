import type { Account } from '../account.js';
import { actionId } from './action-id.js';
import type { SourceState, WardenDisable } from './ports.js';
import type { Finding } from './situation.js';

/**
 * An account Warden disabled and someone then enabled outside Warden (a restore through Warden
 * forgets the disable) is disabled again as a new change: the earlier action is done, so under
 * its id the journal would call it `already_done` and leave the account enabled. The new id
 * follows from the earlier one, so a run that repeats the plan repeats the id, and each time
 * the account is enabled again gives another.
 */
export function disableAgainId(finding: Finding, earlier: WardenDisable): string {
  return actionId('disable', finding.source, finding.accountKey, `again-after:${earlier.actionId}`);
}

/**
 * A planned disable of an enabled account that Warden disabled before the run began, under the
 * id of a new change. A disable completed after the run began (an offboarding while it listed)
 * may postdate the listing, which then proves nothing; such a plan is left as it is.
 */
export function disableAgain(
  account: Account,
  finding: Finding,
  state: SourceState,
  runStartedAt: Date,
): Finding {
  if (!account.enabled || finding.action !== 'disable') return finding;
  const earlier = state.disabledByWarden.get(finding.accountKey);
  if (!earlier || earlier.at > runStartedAt) return finding;
  return {
    ...finding,
    actionId: disableAgainId(finding, earlier),
    reason: `${finding.reason}; Warden disabled the account at ${earlier.at.toISOString()} (action ${earlier.actionId}) and it has been enabled again outside Warden`,
  };
}

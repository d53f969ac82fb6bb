import type { Account } from '../account.js';
import { type HrRecord, normaliseEmail } from '../hr/hr-record.js';
import type { RosterIndex } from './roster-index.js';

export type Correlation =
  | { kind: 'employee_id' | 'email'; record: HrRecord }
  | { kind: 'none' }
  | { kind: 'conflict'; reason: string; record?: HrRecord };

const NONE: Correlation = { kind: 'none' };

/**
 * Ties an account to at most one HR record: the immutable employee id first, the normalised
 * email as a weaker fallback. When the two keys point at different people, it is a conflict.
 */
export function correlate(account: Account, roster: RosterIndex): Correlation {
  const email = account.email ? normaliseEmail(account.email) : undefined;
  if (account.employeeId) {
    const byId = roster.byEmployeeId.get(account.employeeId);
    // The usual case, the record's own email, needs no second lookup.
    const byEmail =
      email === undefined || email === byId?.email ? undefined : roster.byEmail.get(email);
    if (byId) {
      if (byEmail) {
        return {
          kind: 'conflict',
          record: byId,
          reason: `employee id matches ${byId.employeeId} but email matches ${byEmail.employeeId}`,
        };
      }
      return { kind: 'employee_id', record: byId };
    }
    if (byEmail) {
      return {
        kind: 'conflict',
        record: byEmail,
        reason: `employee id ${account.employeeId} is not in the feed but the email matches ${byEmail.employeeId}`,
      };
    }
    return NONE;
  }
  const byEmail = email === undefined ? undefined : roster.byEmail.get(email);
  return byEmail ? { kind: 'email', record: byEmail } : NONE;
}

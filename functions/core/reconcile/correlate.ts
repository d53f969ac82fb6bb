import type { Account } from '../account.js';
import { type HrRecord, normaliseEmail } from '../hr/hr-record.js';
import type { RosterIndex } from './roster-index.js';

export type Correlation =
  /** `note`: what a reviewer should know about the match (shared email, no email in HR). */
  | { kind: 'employee_id' | 'email'; record: HrRecord; note?: string }
  | { kind: 'none' }
  | { kind: 'conflict'; reason: string; record?: HrRecord };

const NONE: Correlation = { kind: 'none' };
const NO_EMAIL_NOTE = 'the HR record has no email: matched by employee id alone';

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
      if (!byId.email) return { kind: 'employee_id', record: byId, note: NO_EMAIL_NOTE };
      return sharedEmailMatch('employee_id', byId, roster);
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
  return byEmail ? sharedEmailMatch('email', byEmail, roster) : NONE;
}

/**
 * A match through a record whose email other records carry too. The email belongs to the record
 * that holds it now; an account that names an earlier record by id is someone to ask HR about
 * (a rehire still using the old account), never an account to act on.
 */
function sharedEmailMatch(
  kind: 'employee_id' | 'email',
  record: HrRecord,
  roster: RosterIndex,
): Correlation {
  const shared =
    roster.sharedEmails.size > 0 && record.email
      ? roster.sharedEmails.get(record.email)
      : undefined;
  if (!shared) return { kind, record };
  const holder = roster.byEmail.get(record.email as string) as HrRecord;
  if (holder !== record) {
    return {
      kind: 'conflict',
      record,
      reason: `employee id ${record.employeeId} is a ${record.status} whose email now belongs to ${holder.status} record ${holder.employeeId} (rehired under a new id?)`,
    };
  }
  const others = shared
    .filter((r) => r !== record)
    .map((r) => `${r.employeeId} (${r.status})`)
    .join(', ');
  return { kind, record, note: `the email is also on HR record ${others}` };
}

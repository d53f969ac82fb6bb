import type { HrFeed, HrRecord } from '../hr/hr-record.js';

/** The feed indexed by both correlation keys. A validated feed has no duplicate id. */
export interface RosterIndex {
  kind: HrFeed['kind'];
  byEmployeeId: Map<string, HrRecord>;
  /** Each email to the record that holds it now (see `holdsEmail`). */
  byEmail: Map<string, HrRecord>;
  /** Emails on more than one record (a leaver and a later record), with all their records. */
  sharedEmails: Map<string, HrRecord[]>;
}

export function indexRoster(feed: HrFeed): RosterIndex {
  const byEmployeeId = new Map<string, HrRecord>();
  const byEmail = new Map<string, HrRecord>();
  const sharedEmails = new Map<string, HrRecord[]>();
  for (const record of feed.records) {
    byEmployeeId.set(record.employeeId, record);
    if (!record.email) continue;
    const holder = byEmail.get(record.email);
    if (!holder) {
      byEmail.set(record.email, record);
      continue;
    }
    sharedEmails.set(record.email, [...(sharedEmails.get(record.email) ?? [holder]), record]);
    if (holdsEmail(record, holder)) byEmail.set(record.email, record);
  }
  return { kind: feed.kind, byEmployeeId, byEmail, sharedEmails };
}

/**
 * Whether `a` rather than `b` holds an email both records carry: the active record (a validated
 * feed has at most one per email), else the leaver whose access ends last.
 */
function holdsEmail(a: HrRecord, b: HrRecord): boolean {
  if (a.status !== b.status) return a.status === 'active';
  const end = (r: HrRecord) => r.lastDay?.accessEndsAt.getTime() ?? Number.NEGATIVE_INFINITY;
  return end(a) > end(b);
}

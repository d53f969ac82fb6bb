import type { FeedRules } from './feed-rules.js';
import type { FeedProblem, FeedResult, HrRecord } from './hr-record.js';

/**
 * Feed-wide rules, applied after every row was checked: unique ids, one current person per
 * email, and a feed whose content matches what it was declared to be. `notes` (how the feed was
 * read) travel with the feed into the report, with what these rules noticed.
 */
export function checkFeed(
  records: HrRecord[],
  rowProblems: FeedProblem[],
  rules: Pick<FeedRules, 'kind' | 'undatedLeavers' | 'preset'>,
  source: string,
  read: { rows: number; notes: string[] },
): FeedResult {
  const problems = [...rowProblems];
  const byId = new Map<string, HrRecord>();
  const activeByEmail = new Map<string, HrRecord>();
  const emailsSeen = new Set<string>();
  const shared = new Set<string>();
  const accepted: HrRecord[] = [];
  for (const record of records) {
    const sameId = byId.get(record.employeeId);
    if (sameId) {
      problems.push({
        location: record.location,
        field: 'employee_id',
        reason: `duplicate of ${sameId.location} (${record.employeeId})`,
      });
      continue;
    }
    byId.set(record.employeeId, record);
    accepted.push(record);
    if (!record.email) continue;
    // A leaver may share an email with the person who holds it now (a rehire under a new id);
    // two current people may not.
    const holder = activeByEmail.get(record.email);
    if (record.status === 'active' && holder) {
      problems.push({
        location: record.location,
        field: 'email',
        reason: `same email as ${holder.location}, which has another employee_id (${holder.employeeId})`,
      });
      continue;
    }
    if (record.status === 'active') activeByEmail.set(record.email, record);
    if (emailsSeen.has(record.email)) shared.add(record.email);
    emailsSeen.add(record.email);
  }

  if (rules.kind === 'leavers') {
    for (const record of records.filter((r) => r.status !== 'leaver')) {
      problems.push({
        location: record.location,
        field: 'status',
        reason: 'a leavers-only feed may list only leavers',
      });
    }
  } else if (records.length > 0 && records.every((r) => r.status === 'leaver')) {
    problems.push({
      location: null,
      field: null,
      reason:
        'every record is a leaver: declare the feed as leavers-only (--leavers-only, or feed.kind "leavers") so orphans are not decided from it',
    });
  }

  problems.sort(byLocation);
  if (problems.length > 0) return { ok: false, problems, read: { rows: read.rows, records } };
  const notes = [...read.notes, ...feedNotes(accepted, shared.size, rules)];
  return {
    ok: true,
    feed: { kind: rules.kind, source, records: accepted, ...(notes.length ? { notes } : {}) },
  };
}

/** What the report should say about rows accepted as real HR data has them. */
function feedNotes(
  records: HrRecord[],
  sharedEmails: number,
  rules: Pick<FeedRules, 'undatedLeavers' | 'preset'>,
): string[] {
  const notes: string[] = [];
  const withoutEmail = records.filter((r) => !r.email).length;
  if (withoutEmail > 0) {
    notes.push(
      `${withoutEmail} record(s) have no email: their accounts are matched by employee id alone`,
    );
  }
  if (sharedEmails > 0) {
    notes.push(
      `${sharedEmails} email(s) appear on more than one record (a leaver and a later record, e.g. a rehire under a new id): the active record holds the email, and matches through it are flagged`,
    );
  }
  const undated = records.filter((r) => r.status === 'leaver' && !r.lastDay).length;
  if (undated > 0) {
    const from = rules.preset?.undatedLeavers ? `, as preset ${rules.preset.name} declares` : '';
    notes.push(
      `${undated} leaver(s) have no last day: the date was not given, and they count as already left (undatedLeavers: already_left${from})`,
    );
  }
  return notes;
}

function byLocation(a: FeedProblem, b: FeedProblem): number {
  const rank = (p: FeedProblem) =>
    p.location === null ? -1 : Number(p.location.replace(/\D/g, ''));
  return rank(a) - rank(b);
}

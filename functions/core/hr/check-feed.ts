import type { FeedOptions } from './feed-options.js';
import type { FeedProblem, FeedResult, HrRecord } from './hr-record.js';

/**
 * Feed-wide rules, applied after every row was checked: unique ids, one email per person,
 * and a feed whose content matches what it was declared to be.
 */
export function checkFeed(
  records: HrRecord[],
  rowProblems: FeedProblem[],
  options: FeedOptions,
): FeedResult {
  const problems = [...rowProblems];
  const byId = new Map<string, HrRecord>();
  const byEmail = new Map<string, HrRecord>();
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
    const sameEmail = byEmail.get(record.email);
    if (sameEmail) {
      problems.push({
        location: record.location,
        field: 'email',
        reason: `same email as ${sameEmail.location}, which has another employee_id (${sameEmail.employeeId})`,
      });
    } else byEmail.set(record.email, record);
  }

  if (options.kind === 'leavers') {
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
  if (problems.length > 0) return { ok: false, problems };
  return { ok: true, feed: { kind: options.kind, source: options.source, records } };
}

function byLocation(a: FeedProblem, b: FeedProblem): number {
  const rank = (p: FeedProblem) =>
    p.location === null ? -1 : Number(p.location.replace(/\D/g, ''));
  return rank(a) - rank(b);
}

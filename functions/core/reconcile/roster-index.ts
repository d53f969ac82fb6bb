import type { HrFeed, HrRecord } from '../hr/hr-record.js';

/** The feed indexed by both correlation keys. A validated feed has no duplicate of either. */
export interface RosterIndex {
  kind: HrFeed['kind'];
  byEmployeeId: Map<string, HrRecord>;
  byEmail: Map<string, HrRecord>;
}

export function indexRoster(feed: HrFeed): RosterIndex {
  const byEmployeeId = new Map<string, HrRecord>();
  const byEmail = new Map<string, HrRecord>();
  for (const record of feed.records) {
    byEmployeeId.set(record.employeeId, record);
    byEmail.set(record.email, record);
  }
  return { kind: feed.kind, byEmployeeId, byEmail };
}

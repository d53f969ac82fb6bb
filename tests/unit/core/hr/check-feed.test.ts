import { describe, expect, it } from 'vitest';
import { checkFeed } from '../../../../functions/core/hr/check-feed.js';
import type { FeedProblem, HrRecord } from '../../../../functions/core/hr/hr-record.js';

const options = { kind: 'roster' as const, undatedLeavers: 'reject' as const, preset: undefined };
const read = (n: number) => ({ rows: n, notes: [] });
const record = (location: string, employeeId: string, email: string): HrRecord => ({
  employeeId,
  email,
  displayName: '',
  status: 'leaver',
  location,
});

describe('feed-wide checks', () => {
  it('accepts a feed of unique people as the feed it was declared to be', () => {
    const records = [record('record 1', 'E1', 'a@x.org'), record('record 2', 'E2', 'b@x.org')];
    expect(
      checkFeed(records, [], { ...options, kind: 'leavers' }, 'hr.json', read(2)),
    ).toMatchObject({
      ok: true,
      feed: { kind: 'leavers', source: 'hr.json', records },
    });
  });

  it('lists feed-wide problems first, then every other one in the order of the feed (two leavers may share an email)', () => {
    const rowProblem: FeedProblem = {
      location: 'record 12',
      field: 'email',
      reason: 'is required',
    };
    const result = checkFeed(
      [
        record('record 2', 'E1', 'a@x.org'),
        record('record 10', 'E1', 'c@x.org'),
        record('record 11', 'E3', 'a@x.org'),
      ],
      [rowProblem],
      options,
      'hr.json',
      read(4),
    );
    expect(result.ok ? [] : result.problems.map((p) => `${p.location}: ${p.reason}`)).toEqual([
      'null: every record is a leaver: declare the feed as leavers-only (--leavers-only, or feed.kind "leavers") so orphans are not decided from it',
      'record 10: duplicate of record 2 (E1)',
      'record 12: is required',
    ]);
  });
});

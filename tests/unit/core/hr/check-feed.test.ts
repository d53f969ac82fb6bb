import { describe, expect, it } from 'vitest';
import { checkFeed } from '../../../../functions/core/hr/check-feed.js';
import type { FeedProblem, HrRecord } from '../../../../functions/core/hr/hr-record.js';
import { FEED_PRESETS } from '../../../../functions/core/hr/presets/index.js';

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

describe('emails and notes', () => {
  const person = (
    location: string,
    employeeId: string,
    status: HrRecord['status'],
    email?: string,
  ): HrRecord => ({ employeeId, displayName: '', status, location, ...(email ? { email } : {}) });

  it('accepts any number of people without an email, and notes them', () => {
    const records = [person('2', 'E1', 'active'), person('3', 'E2', 'active')];
    expect(checkFeed(records, [], options, 'hr.csv', read(2))).toEqual({
      ok: true,
      feed: {
        kind: 'roster',
        source: 'hr.csv',
        records,
        notes: ['2 record(s) have no email: their accounts are matched by employee id alone'],
      },
    });
  });

  it('lets a leaver listed after the active holder share the email', () => {
    const records = [
      person('2', 'E1', 'active', 'a@x.org'),
      person('3', 'E9', 'leaver', 'a@x.org'),
    ];
    const result = checkFeed(
      records,
      [],
      { ...options, undatedLeavers: 'already_left' },
      'hr.csv',
      read(2),
    );
    expect(result.ok && result.feed.notes).toEqual([
      '1 email(s) appear on more than one record (a leaver and a later record, e.g. a rehire under a new id): the active record holds the email, and matches through it are flagged',
      '1 leaver(s) have no last day: the date was not given, and they count as already left (undatedLeavers: already_left)',
    ]);
  });

  it('says which preset declared that undated leavers have left', () => {
    const records = [
      person('2', 'E1', 'active', 'a@x.org'),
      person('3', 'E2', 'leaver', 'b@x.org'),
    ];
    const rules = {
      ...options,
      undatedLeavers: 'already_left' as const,
      preset: FEED_PRESETS.bamboohr,
    };
    const result = checkFeed(records, [], rules, 'hr.csv', read(2));
    expect(result.ok && result.feed.notes).toEqual([
      '1 leaver(s) have no last day: the date was not given, and they count as already left (undatedLeavers: already_left, as preset bamboohr declares)',
    ]);
  });

  it('keeps what was read of a rejected feed, and puts a feed-wide problem before the first record', () => {
    const records = [person('record 1', 'E1', 'leaver', 'a@x.org')];
    const rowProblem: FeedProblem = {
      location: 'record 1',
      field: 'email',
      reason: 'is not valid',
    };
    const result = checkFeed(
      records,
      [rowProblem],
      { ...options, undatedLeavers: 'already_left' },
      'hr.json',
      read(2),
    );
    expect(result).toMatchObject({ ok: false, read: { rows: 2, records } });
    expect(!result.ok && result.problems.map((p) => p.location)).toEqual([null, 'record 1']);
  });
});

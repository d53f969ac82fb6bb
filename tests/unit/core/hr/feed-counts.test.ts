import { describe, expect, it } from 'vitest';
import {
  pastTerminationsOfActive,
  summariseFeed,
} from '../../../../functions/core/hr/feed-counts.js';
import type { FeedResult, HrRecord } from '../../../../functions/core/hr/hr-record.js';

const now = new Date('2026-06-15T12:00:00Z');
const at = (iso: string) => ({ raw: iso.slice(0, 10), accessEndsAt: new Date(iso) });

const person = (
  employeeId: string,
  status: HrRecord['status'],
  lastDay?: HrRecord['lastDay'],
): HrRecord => ({
  employeeId,
  displayName: '',
  status,
  location: employeeId,
  ...(lastDay ? { lastDay } : {}),
});

// One active person without a date, one active with a termination ahead, one active whose
// termination passed, one active ending exactly now, a leaver ahead and a leaver gone.
const records = [
  person('1', 'active'),
  person('2', 'active', at('2026-06-20T00:00:00Z')),
  person('3', 'active', at('2026-06-01T00:00:00Z')),
  person('4', 'active', at(now.toISOString())),
  person('5', 'leaver', at('2026-07-01T00:00:00Z')),
  person('6', 'leaver', at('2026-01-01T00:00:00Z')),
];
const valid: FeedResult = { ok: true, feed: { kind: 'roster', source: 'hr.csv', records } };

describe('summariseFeed', () => {
  it('counts a valid feed by status, and as future leavers only those whose access ends after now', () => {
    expect(summariseFeed(valid, 'leavers', now)).toEqual({
      valid: true,
      kind: 'roster',
      records: 6,
      active: 4,
      leavers: 2,
      futureLeavers: 2,
      problems: [],
    });
  });

  it('for an invalid feed, counts every row read, the rows that passed, and the declared kind', () => {
    const invalid: FeedResult = {
      ok: false,
      problems: [{ location: '7', field: 'status', reason: 'is not a known status' }],
      read: { rows: 9, records: records.slice(4) },
    };
    expect(summariseFeed(invalid, 'leavers', now)).toEqual({
      valid: false,
      kind: 'leavers',
      records: 9,
      active: 0,
      leavers: 2,
      futureLeavers: 1,
      problems: [{ line: 7, field: 'status', reason: 'is not a known status' }],
    });
  });

  it('counts nothing when the rows could not be read at all', () => {
    const unreadable: FeedResult = {
      ok: false,
      problems: [{ location: null, field: null, reason: 'the file is empty' }],
    };
    expect(summariseFeed(unreadable, 'roster', now)).toMatchObject({
      records: 0,
      active: 0,
      leavers: 0,
      futureLeavers: 0,
    });
  });

  it.each([
    ['a CSV line number', '12', 12, 'bad date'],
    ['a JSON record number (into the reason)', 'record 3', null, 'record 3: bad date'],
    ['a number with a suffix', '12a', null, '12a: bad date'],
    ['a number with a prefix', 'a12', null, 'a12: bad date'],
    ['a feed-wide problem', null, null, 'bad date'],
  ])('places %s', (_, location, line, reason) => {
    const result: FeedResult = {
      ok: false,
      problems: [{ location, field: 'last_day', reason: 'bad date' }],
    };
    expect(summariseFeed(result, 'roster', now).problems).toEqual([
      { line, field: 'last_day', reason },
    ]);
  });
});

describe('pastTerminationsOfActive', () => {
  it('counts active records whose termination is at or before now, never leavers or undated ones', () => {
    expect(pastTerminationsOfActive(valid, now)).toBe(2);
  });

  it('is zero for an invalid feed, whatever rows it read', () => {
    const invalid: FeedResult = {
      ok: false,
      problems: [{ location: null, field: null, reason: 'x' }],
      read: { rows: 6, records },
    };
    expect(pastTerminationsOfActive(invalid, now)).toBe(0);
  });
});

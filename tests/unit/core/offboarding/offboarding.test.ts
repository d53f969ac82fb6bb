import { describe, expect, it } from 'vitest';
import {
  feedOffboardingId,
  hrOffboardingId,
  OFFBOARDING_ID,
  type Offboarding,
  offboardingIdOfSchedule,
  scheduleNameOf,
  viewOf,
} from '../../../../functions/core/offboarding/offboarding.js';

describe('offboarding ids', () => {
  it('never change for the same Idempotency-Key or employee id, across releases', () => {
    // Stored ids: a retry after an upgrade must find the offboarding it began.
    expect(hrOffboardingId('key-1')).toBe('ob-cf877b9ada6dd84d424ca892');
    expect(feedOffboardingId('E1')).toBe('lv-230d4d04722f7d2e40ddf8dd');
    expect(hrOffboardingId('key-2')).not.toBe(hrOffboardingId('key-1'));
  });

  it.each([
    ['an HR id', hrOffboardingId('k'), true],
    ['a feed id', feedOffboardingId('E1'), true],
    ['text before the id', `x${hrOffboardingId('k')}`, false],
    ['text after the id', `${hrOffboardingId('k')}0`, false],
    ['a short id', 'ob-0123456789abcdef', false],
    ['upper-case hex', 'ob-0123456789ABCDEF01234567', false],
    ['non-hex letters', 'ob-0123456789abcdefghijklmn', false],
  ])('accept %s in a path: %s', (_, id, ok) => {
    expect(OFFBOARDING_ID.test(id)).toBe(ok);
  });

  it('name a schedule, and a schedule name gives its offboarding back, and nothing for others', () => {
    const id = hrOffboardingId('k');
    expect(scheduleNameOf(id)).toBe(`offboarding-${id}`);
    expect(offboardingIdOfSchedule(scheduleNameOf(id))).toBe(id);
    expect(offboardingIdOfSchedule(scheduleNameOf(feedOffboardingId('E1')))).toBe(
      feedOffboardingId('E1'),
    );
    for (const other of [
      `x-offboarding-${id}`,
      `offboarding-${id}-retry`,
      'offboarding-ob-0123',
      'offboarding-ob-zzzzzzzzzzzzzzzzzzzzzzzz',
      'nightly-run',
    ])
      expect(offboardingIdOfSchedule(other)).toBeUndefined();
  });
});

describe('the view of an offboarding', () => {
  it('shows outcomes, flags and warnings, with moments as ISO text', () => {
    const offboarding: Offboarding = {
      id: 'ob-1',
      employeeId: 'E1',
      status: 'partially_failed',
      effectiveAt: new Date('2026-12-01T10:00:00Z'),
      origin: 'hr',
      reason: 'resigned',
      requestedBy: 'hr.person',
      requestedAt: new Date('2026-11-30T09:00:00Z'),
      accounts: [
        { source: 'p', username: 'a', accountKey: 'k1', outcome: 'failed', error: 'Throttled' },
        { source: 'p', username: 'b', accountKey: 'k2' },
      ],
      flagged: [{ source: 'p', username: 'c', reason: 'disputed' }],
      warnings: ['p/d no longer exists'],
      history: [],
    };
    expect(viewOf(offboarding)).toEqual({
      id: 'ob-1',
      employeeId: 'E1',
      status: 'partially_failed',
      effectiveAt: '2026-12-01T10:00:00.000Z',
      accounts: [
        { source: 'p', username: 'a', outcome: 'failed' },
        { source: 'p', username: 'b', outcome: null },
      ],
      flagged: [{ source: 'p', username: 'c', reason: 'disputed' }],
      warnings: ['p/d no longer exists'],
      origin: 'hr',
      requestedBy: 'hr.person',
      requestedAt: '2026-11-30T09:00:00.000Z',
    });
    expect(viewOf({ ...offboarding, cancelReason: 'rehired' }).cancelReason).toBe('rehired');
  });
});

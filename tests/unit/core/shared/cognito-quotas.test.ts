import { describe, expect, it } from 'vitest';
import {
  type CategoryUsage,
  DEFAULT_COGNITO_QUOTAS,
  mergeUsage,
  quotaCategoryOf,
  throughputOf,
  usageSince,
} from '../../../../functions/core/shared/cognito-quotas.js';

const usage = (calls: number, activeMs: number, more: Partial<CategoryUsage> = {}) => ({
  calls,
  throttles: 0,
  retries: 0,
  failures: 0,
  activeMs,
  ...more,
});

describe('quotaCategoryOf', () => {
  it.each([
    ['ListUsers', 'UserList'],
    ['ListUsersInGroup', 'UserList'],
    ['AdminUserGlobalSignOut', 'UserUpdate'],
    ['AdminDisableUser', 'UserUpdate'],
    ['AdminEnableUser', 'UserUpdate'],
    ['AdminGetUser', 'UserRead'],
    ['DescribeUserPool', 'UserPoolRead'],
  ])('puts %s under %s', (operation, category) => {
    expect(quotaCategoryOf(operation)).toBe(category);
  });

  it('governs no other operation', () => {
    expect(quotaCategoryOf('InitiateAuth')).toBeUndefined();
  });
});

describe('mergeUsage', () => {
  it('adds every count of a category both parts used, and keeps those only one part used', () => {
    const a = {
      UserList: usage(10, 1000, { throttles: 1, retries: 2, failures: 3 }),
      UserRead: usage(4, 40),
    };
    const b = {
      UserList: usage(5, 500, { throttles: 4, retries: 5, failures: 6 }),
      UserUpdate: usage(7, 70),
    };
    expect(mergeUsage(a, b)).toEqual({
      UserList: usage(15, 1500, { throttles: 5, retries: 7, failures: 9 }),
      UserRead: usage(4, 40),
      UserUpdate: usage(7, 70),
    });
  });
});

describe('usageSince', () => {
  it('subtracts the earlier snapshot, and takes a category new since then as it is', () => {
    const before = {
      UserList: usage(10, 1000, { throttles: 1, retries: 2, failures: 3 }),
      UserRead: usage(4, 40),
    };
    const after = {
      UserList: usage(25, 1600, { throttles: 5, retries: 7, failures: 4 }),
      UserRead: usage(4, 40),
      UserUpdate: usage(7, 70),
    };
    expect(usageSince(before, after)).toEqual({
      UserList: usage(15, 600, { throttles: 4, retries: 5, failures: 1 }),
      UserRead: usage(0, 0),
      UserUpdate: usage(7, 70),
    });
  });

  it('leaves out what the later snapshot does not have', () => {
    expect(usageSince({ UserRead: usage(4, 40) }, {})).toEqual({});
  });
});

describe('throughputOf', () => {
  const limits = { quotas: { ...DEFAULT_COGNITO_QUOTAS }, share: 0.8 };

  it('reports the rate while in use, rounded to hundredths, against the share of the quota', () => {
    expect(throughputOf({ UserList: usage(10, 3000, { retries: 1 }) }, limits)).toEqual({
      UserList: {
        ...usage(10, 3000, { retries: 1 }),
        achievedPerSecond: 3.33,
        ceilingPerSecond: 24,
        quotaPerSecond: 30,
      },
    });
  });

  it('rounds the ceiling to hundredths too, and reports only the categories used', () => {
    const report = throughputOf({ UserPoolRead: usage(1, 2000) }, { ...limits, share: 1 / 3 });
    expect(Object.keys(report)).toEqual(['UserPoolRead']);
    expect(report.UserPoolRead).toMatchObject({ achievedPerSecond: 0.5, ceilingPerSecond: 5 });
    expect(
      throughputOf({ UserRead: usage(1, 1) }, { ...limits, share: 0.333 }).UserRead,
    ).toMatchObject({ achievedPerSecond: 1000, ceilingPerSecond: 39.96 });
  });

  it('reports no rate for a category that took no time', () => {
    expect(throughputOf({ UserRead: usage(3, 0) }, limits).UserRead?.achievedPerSecond).toBe(0);
  });
});

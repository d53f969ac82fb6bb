// Cognito's request-rate quotas, per account and Region, shared by every user pool there.
// Source: the Amazon Cognito Developer Guide, "Quotas in Amazon Cognito" (category table);
// see docs/decisions/0028-quota-aware-throughput.md.

/** The quota categories of the operations Warden calls, with Cognito's default rates (requests/s). */
export const DEFAULT_COGNITO_QUOTAS = {
  /** ListUsers, ListUsersInGroup. */
  UserList: 30,
  /** AdminUserGlobalSignOut, AdminDisableUser (and the other admin writes to a user). */
  UserUpdate: 25,
  /** AdminGetUser. */
  UserRead: 120,
  /** DescribeUserPool: how large a pool is, before a run chooses its path. */
  UserPoolRead: 15,
} as const;

export type QuotaCategory = keyof typeof DEFAULT_COGNITO_QUOTAS;
export const QUOTA_CATEGORIES = Object.keys(DEFAULT_COGNITO_QUOTAS) as QuotaCategory[];

const CATEGORY_OF: Readonly<Record<string, QuotaCategory>> = {
  ListUsers: 'UserList',
  ListUsersInGroup: 'UserList',
  AdminUserGlobalSignOut: 'UserUpdate',
  AdminDisableUser: 'UserUpdate',
  AdminEnableUser: 'UserUpdate',
  AdminGetUser: 'UserRead',
  DescribeUserPool: 'UserPoolRead',
};

/** The quota category of a Cognito operation (`ListUsers`), if Warden governs it. */
export function quotaCategoryOf(operation: string): QuotaCategory | undefined {
  return CATEGORY_OF[operation];
}

/** How one category was used during a run, or part of one. */
export interface CategoryUsage {
  /** Requests sent, retries included. */
  calls: number;
  /** Requests Cognito refused as over the quota. */
  throttles: number;
  /** Requests that repeated an earlier one (after a throttle or a transient fault). */
  retries: number;
  /** Requests that failed for good. */
  failures: number;
  /** Milliseconds from the first request's start to the last one's end. */
  activeMs: number;
}

export type QuotaUsage = Partial<Record<QuotaCategory, CategoryUsage>>;

/** Adds usage measured in two parts of a run (two invocations, two pools in parallel). */
export function mergeUsage(a: QuotaUsage, b: QuotaUsage): QuotaUsage {
  const merged: QuotaUsage = { ...a };
  for (const category of QUOTA_CATEGORIES) {
    const x = a[category];
    const y = b[category];
    if (!y) continue;
    merged[category] = x
      ? {
          calls: x.calls + y.calls,
          throttles: x.throttles + y.throttles,
          retries: x.retries + y.retries,
          failures: x.failures + y.failures,
          activeMs: x.activeMs + y.activeMs,
        }
      : { ...y };
  }
  return merged;
}

/** What one meter counted between two of its snapshots. */
export function usageSince(before: QuotaUsage, after: QuotaUsage): QuotaUsage {
  const delta: QuotaUsage = {};
  for (const category of QUOTA_CATEGORIES) {
    const now = after[category];
    const was = before[category];
    if (!now) continue;
    delta[category] = was
      ? {
          calls: now.calls - was.calls,
          throttles: now.throttles - was.throttles,
          retries: now.retries - was.retries,
          failures: now.failures - was.failures,
          activeMs: now.activeMs - was.activeMs,
        }
      : { ...now };
  }
  return delta;
}

/** What a run's report says of each category: its rate against Warden's ceiling. */
export interface CategoryThroughput extends CategoryUsage {
  /** Requests per second while the category was in use. */
  achievedPerSecond: number;
  /** The rate Warden allowed itself (its share of the quota). */
  ceilingPerSecond: number;
  /** The account's quota for the category, as configured. */
  quotaPerSecond: number;
}

export function throughputOf(
  usage: QuotaUsage,
  limits: { quotas: Record<QuotaCategory, number>; share: number },
): Partial<Record<QuotaCategory, CategoryThroughput>> {
  const report: Partial<Record<QuotaCategory, CategoryThroughput>> = {};
  for (const category of QUOTA_CATEGORIES) {
    const used = usage[category];
    if (!used) continue;
    const quota = limits.quotas[category];
    report[category] = {
      ...used,
      achievedPerSecond: used.activeMs > 0 ? round2((used.calls * 1000) / used.activeMs) : 0,
      ceilingPerSecond: round2(quota * limits.share),
      quotaPerSecond: quota,
    };
  }
  return report;
}

function round2(n: number): number {
  return Math.round(n * 100) / 100;
}

import { describe, expect, it } from 'vitest';
import { outcomeMetric, quotaMetrics } from '../../../../functions/core/reconcile/run-metrics.js';
import { RUN_STATUSES } from '../../../../functions/core/reconcile/run-record.js';

describe('run outcome metrics', () => {
  it('counts dry-runs and completed runs as successes, so the "no successful run" alarm stays quiet', () => {
    expect(outcomeMetric('planned')).toBe('RunsSucceeded');
    expect(outcomeMetric('completed')).toBe('RunsSucceeded');
  });

  it('counts quarantined, rejected and failing runs apart, none of them as success', () => {
    expect(outcomeMetric('quarantined')).toBe('RunsQuarantined');
    expect(outcomeMetric('rejected')).toBe('RunsRejected');
    expect(outcomeMetric('completed_with_errors')).toBe('RunsFailed');
    expect(outcomeMetric('failed')).toBe('RunsFailed');
    const successes = RUN_STATUSES.filter((s) => outcomeMetric(s) === 'RunsSucceeded');
    expect(successes).toEqual(['planned', 'completed']);
  });
});

describe('quota metrics', () => {
  const used = (calls: number, throttles: number, retries: number) => ({
    calls,
    throttles,
    retries,
    failures: 0,
    activeMs: 1000,
    achievedPerSecond: calls,
    ceilingPerSecond: 20,
    quotaPerSecond: 25,
  });

  it('gives the calls, throttles and retries of each quota category the run used', () => {
    const throughput = { UserList: used(40, 2, 3), UserUpdate: used(6, 0, 1) };
    expect(quotaMetrics({ throughput })).toEqual([
      ['UserListCalls', 40],
      ['UserListThrottles', 2],
      ['UserListRetries', 3],
      ['UserUpdateCalls', 6],
      ['UserUpdateThrottles', 0],
      ['UserUpdateRetries', 1],
    ]);
  });

  it('gives none for a run that recorded no throughput', () => {
    expect(quotaMetrics({})).toEqual([]);
  });
});

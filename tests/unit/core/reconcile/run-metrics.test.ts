import { describe, expect, it } from 'vitest';
import { outcomeMetric } from '../../../../functions/core/reconcile/run-metrics.js';
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

import { describe, expect, it } from 'vitest';
import { feedSummary, newRunRecord } from '../../../../functions/core/reconcile/run-record.js';
import { feed } from '../../fakes/builders.js';

describe('run records', () => {
  it('keep of a feed its kind, source and size, never the records', () => {
    const summary = feedSummary(feed(['E1,ana@x.org,Ana Lopez,active,']));
    expect(summary).toEqual({ kind: 'roster', source: 'test.csv', records: 1 });
    expect(JSON.stringify(summary)).not.toMatch(/ana|Lopez/);
  });

  it('start planned, with nothing listed, counted or changed', () => {
    const startedAt = new Date('2026-11-29T12:00:00Z');
    const run = newRunRecord({
      runId: 'r-1',
      mode: 'dry-run',
      trigger: 'cli',
      startedAt,
      feed: { kind: 'leavers', source: 'l.csv', records: 4 },
    });
    expect(run).toMatchObject({
      status: 'planned',
      accounts: 0,
      actions: { planned: 0, applied: 0, alreadyDone: 0, failed: 0 },
      notes: [],
    });
    expect(Object.values(run.counts).every((n) => n === 0)).toBe(true);
  });
});

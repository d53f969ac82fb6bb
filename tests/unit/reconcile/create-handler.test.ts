import { describe, expect, it } from 'vitest';
import type { ReconcileServices } from '../../../functions/core/reconcile/handle-request.js';
import { InvalidInputError } from '../../../functions/core/shared/errors.js';
import {
  createReconcileHandler,
  type MetricsSink,
} from '../../../functions/reconcile/create-handler.js';
import { reconcileWorld } from '../fakes/reconcile-world.js';

class MemoryMetrics implements MetricsSink {
  readonly added: [string, number][] = [];
  flushes = 0;
  add(name: string, count: number): void {
    this.added.push([name, count]);
  }
  flush(): void {
    this.flushes++;
  }
}

function reconcile(settings: Record<string, unknown> = {}) {
  const world = reconcileWorld(settings);
  const metrics = new MemoryMetrics();
  let built = 0;
  const dependencies = (): Promise<ReconcileServices> => {
    built++;
    return Promise.resolve(world.services);
  };
  const handler = createReconcileHandler(dependencies, metrics);
  return { ...world, metrics, handler, built: () => built };
}

describe('reconcile handler', () => {
  it('runs on a scheduled event and answers with the run’s outcome, never the people in it', async () => {
    const r = reconcile();
    const response = await r.handler({});
    expect(response).toMatchObject({
      runId: 'run-001',
      status: 'completed',
      mode: 'apply',
      counts: { active: 1, leaver: 2 },
      actions: { planned: 2, applied: 2, alreadyDone: 0, failed: 0 },
      guard: { tripped: false, reasons: [] },
      reports: { json: 'mem://run-001/report.json', csv: 'mem://run-001/report.csv' },
      notes: [],
    });
    expect(JSON.stringify(response)).not.toMatch(/ana|ben|cruz|@x\.org/);
    expect(r.storage.runs.records.get('run-001')?.trigger).toBe('schedule');
  });

  it('counts the run in its outcome metric, with the accounts disabled and actions failed', async () => {
    const r = reconcile();
    r.directory.failOn.add('cruz');
    await r.handler(undefined);
    expect(r.metrics.added).toEqual([
      ['RunsFailed', 1],
      ['AccountsDisabled', 1],
      ['ActionsFailed', 1],
    ]);
    expect(r.metrics.flushes).toBe(1);
  });

  it('counts a successful run as succeeded and a quarantined one as quarantined', async () => {
    const ok = reconcile();
    await ok.handler({ trigger: 'manual' });
    expect(ok.metrics.added[0]).toEqual(['RunsSucceeded', 1]);

    const stopped = reconcile({ guard: { maxDisableCount: 1 } });
    const response = await stopped.handler({});
    expect(response.status).toBe('quarantined');
    expect(response.guard?.tripped).toBe(true);
    expect(stopped.metrics.added).toEqual([
      ['RunsQuarantined', 1],
      ['AccountsDisabled', 0],
      ['ActionsFailed', 0],
    ]);
  });

  it('routes a rejection of a quarantined run, counted as rejected', async () => {
    const r = reconcile({ guard: { maxDisableCount: 1 } });
    const { runId } = await r.handler({});
    const response = await r.handler({ reject: runId });
    expect(response.status).toBe('rejected');
    expect(r.metrics.added.at(-3)).toEqual(['RunsRejected', 1]);
  });

  it('forces a dry-run when the event asks for one', async () => {
    const r = reconcile();
    const response = await r.handler({ dryRun: true, feed: { key: 'feeds/roster.csv' } });
    expect([response.mode, response.status]).toEqual(['dry-run', 'planned']);
    expect(r.directory.disableCalls).toEqual([]);
  });

  it('counts a failed run and flushes the metrics when the run throws', async () => {
    const r = reconcile({ accountSources: [] });
    await expect(r.handler({})).rejects.toThrow(/lists no user pool/);
    expect(r.metrics.added).toEqual([['RunsFailed', 1]]);
    expect(r.metrics.flushes).toBe(1);
  });

  it('refuses an invalid event before building anything, and still counts and flushes', async () => {
    const r = reconcile();
    const attempt = r.handler({ approve: 'r-1', feed: { key: 'feeds/other.csv' } });
    await expect(attempt).rejects.toBeInstanceOf(InvalidInputError);
    await expect(r.handler({ dryRun: 'yes' })).rejects.toThrow(/^invalid event: dryRun: /);
    expect(r.built()).toBe(0);
    expect(r.metrics.added).toEqual([
      ['RunsFailed', 1],
      ['RunsFailed', 1],
    ]);
    expect(r.metrics.flushes).toBe(2);
  });
});

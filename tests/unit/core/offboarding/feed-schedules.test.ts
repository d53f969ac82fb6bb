import { describe, expect, it } from 'vitest';
import { requestOffboarding } from '../../../../functions/core/offboarding/request-offboarding.js';
import { runOffboarding } from '../../../../functions/core/offboarding/run-offboarding.js';
import { runReconciliation } from '../../../../functions/core/reconcile/run-reconciliation.js';
import { account, config, feed, POOL } from '../../fakes/builders.js';
import { offboardingWorld } from '../../fakes/memory-offboarding.js';
import { MemoryDirectory, MemoryReports, sequentialIds } from '../../fakes/memory-services.js';
import { memoryStorage } from '../../fakes/memory-storage.js';

const ACTIVE = [
  'E1,ana@x.org,Ana,active,',
  'E3,cruz@x.org,Cruz,active,',
  'E4,dana@x.org,Dana,active,',
];

function world() {
  const directory = new MemoryDirectory(POOL, [
    account('ana', { employeeId: 'E1', email: 'ana@x.org' }),
    account('ben', { employeeId: 'E2', email: 'ben@x.org' }),
    account('cruz', { employeeId: 'E3', email: 'cruz@x.org' }),
    account('dana', { employeeId: 'E4', email: 'dana@x.org' }),
  ]);
  const storage = memoryStorage();
  const o = offboardingWorld([directory], undefined, storage.memory);
  const run = (rows: string[], dryRun = false, guard: Record<string, number> = {}) =>
    runReconciliation(
      {
        feed: feed(rows, 'roster', 'America/Mexico_City'),
        config: config({
          guard: { maxDisablePercent: 50, ...guard },
          feed: { timeZone: 'America/Mexico_City' },
        }),
        dryRun,
        trigger: 'test',
      },
      {
        directories: [directory],
        storage,
        reports: new MemoryReports(),
        notifier: o.notifier,
        clock: o.clock,
        ids: sequentialIds(),
        log: o.log,
        offboarding: runOffboarding(o.deps),
      },
    );
  return { directory, o, storage, run };
}

describe('future leavers from the feed', () => {
  it('a dry-run shows the schedule it would create and creates none', async () => {
    const w = world();
    const { run } = await w.run([...ACTIVE, 'E2,ben@x.org,Ben,leaver,2026-12-31'], true);
    expect(run.offboardings?.feedSchedules).toEqual([
      expect.objectContaining({ employeeId: 'E2', change: 'create', applied: false }),
    ]);
    expect(w.o.scheduler.schedules.size).toBe(0);
    expect(run.offboardings?.pending).toEqual([]);
  });

  it('a dry-run shows the move and the cancel it would make, and changes neither schedule nor record', async () => {
    const w = world();
    await w.run([...ACTIVE, 'E2,ben@x.org,Ben,leaver,2026-12-31']);
    const schedules = structuredClone([...w.o.scheduler.schedules.values()]);
    const records = structuredClone([...w.o.store.items.values()]);
    const move = await w.run([...ACTIVE, 'E2,ben@x.org,Ben,leaver,2027-01-15'], true);
    expect(move.run.offboardings?.feedSchedules).toEqual([
      expect.objectContaining({ employeeId: 'E2', change: 'move', applied: false }),
    ]);
    const cancel = await w.run([...ACTIVE, 'E2,ben@x.org,Ben,active,'], true);
    expect(cancel.run.offboardings?.feedSchedules).toEqual([
      expect.objectContaining({ employeeId: 'E2', change: 'cancel', applied: false }),
    ]);
    expect([...w.o.scheduler.schedules.values()]).toEqual(schedules);
    expect(w.o.scheduler.removed).toEqual([]);
    expect([...w.o.store.items.values()]).toEqual(records);
    expect(cancel.run.offboardings?.pending).toEqual([
      expect.objectContaining({ employeeId: 'E2', effectiveAt: '2027-01-01T06:00:00.000Z' }),
    ]);
  });

  it('a dry-run leaves the account index as the last applied run kept it', async () => {
    const w = world();
    await w.run([...ACTIVE, 'E2,ben@x.org,Ben,active,']);
    const before = w.o.index.replaced.length;
    await w.run([...ACTIVE, 'E2,ben.new@x.org,Ben,active,'], true);
    expect(w.o.index.replaced.length).toBe(before);
    expect(w.o.index.people.get('E2')).toBe('ben@x.org');
  });

  it('an applied run schedules the leaver at the end of the last day, and the report lists it', async () => {
    const w = world();
    const { run } = await w.run([...ACTIVE, 'E2,ben@x.org,Ben,leaver,2026-12-31']);
    expect([...w.o.scheduler.schedules.values()]).toEqual([
      expect.objectContaining({
        expression: 'at(2027-01-01T00:00:00)',
        timeZone: 'America/Mexico_City',
      }),
    ]);
    expect(run.offboardings?.pending).toEqual([
      expect.objectContaining({
        employeeId: 'E2',
        origin: 'feed',
        effectiveAt: '2027-01-01T06:00:00.000Z',
      }),
    ]);
    expect(w.directory.disableCalls).toEqual([]);
  });

  it('moves the schedule when last_day changes, and cancels it when the person stays', async () => {
    const w = world();
    await w.run([...ACTIVE, 'E2,ben@x.org,Ben,leaver,2026-12-31']);
    const moved = await w.run([...ACTIVE, 'E2,ben@x.org,Ben,leaver,2027-01-15']);
    expect(moved.run.offboardings?.feedSchedules).toEqual([
      expect.objectContaining({
        change: 'move',
        applied: true,
        previousEffectiveAt: '2027-01-01T06:00:00.000Z',
      }),
    ]);
    expect([...w.o.scheduler.schedules.values()].map((s) => s.expression)).toEqual([
      'at(2027-01-16T00:00:00)',
    ]);
    const kept = await w.run([...ACTIVE, 'E2,ben@x.org,Ben,active,']);
    expect(kept.run.offboardings?.feedSchedules).toEqual([
      expect.objectContaining({ change: 'cancel', applied: true }),
    ]);
    expect(w.o.scheduler.schedules.size).toBe(0);
    expect([...w.o.store.items.values()][0]?.status).toBe('cancelled');
  });

  it('keeps the account index from each run, and leaves it alone when the guard stops a run', async () => {
    const w = world();
    await w.run([...ACTIVE, 'E2,ben@x.org,Ben,active,']);
    expect(w.o.index.people.get('E2')).toBe('ben@x.org');
    expect(w.o.index.accounts.map((a) => [a.employeeId, a.username])).toContainEqual(['E2', 'ben']);
    const before = w.o.index.replaced.length;
    const { run } = await w.run(
      [...ACTIVE, 'E2,ben@x.org,Ben,leaver,2020-01-01', 'E5,eve@x.org,Eve,active,'],
      false,
      { maxDisableCount: 0 },
    );
    expect(run.status).toBe('quarantined');
    expect(w.o.index.replaced.length).toBe(before);
  });

  it('a run never re-enables what an offboarding disabled: leaver_disabled with the offboarding id', async () => {
    const w = world();
    await w.run([...ACTIVE, 'E2,ben@x.org,Ben,active,']);
    const offboarding = await requestOffboarding(
      {
        id: 'ob-000000000000000000000003',
        employeeId: 'E2',
        reason: 'left',
        requestedBy: 'hr',
        caller: 'hr',
        origin: 'hr',
      },
      w.o.deps,
    );
    // The feed has not caught up: HR still lists Ben as active.
    const { run, findings } = await w.run([...ACTIVE, 'E2,ben@x.org,Ben,active,']);
    expect(findings.find((f) => f.username === 'ben')).toMatchObject({
      situation: 'leaver_disabled',
      offboardingId: offboarding.id,
      action: 'none',
    });
    expect(run.counts.rehire_candidate).toBe(0);
    expect(w.directory.accounts.find((a) => a.username === 'ben')?.enabled).toBe(false);
  });
});

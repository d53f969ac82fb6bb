import { describe, expect, it, vi } from 'vitest';
import { feedOffboardingId } from '../../../../functions/core/offboarding/offboarding.js';
import { requestOffboarding } from '../../../../functions/core/offboarding/request-offboarding.js';
import { runOffboarding } from '../../../../functions/core/offboarding/run-offboarding.js';
import { indexRoster } from '../../../../functions/core/reconcile/roster-index.js';
import type { RunStatus } from '../../../../functions/core/reconcile/run-record.js';
import { feed } from '../../fakes/builders.js';
import { findingOf, hrRequest, minutesFrom, peopleWorld } from '../../fakes/offboarding-people.js';

/** Someone else: a feed always lists someone. */
const OTHER = 'E7,zed@x.org,Zed,active,';
const PAST_LEAVER = 'E8,yan@x.org,Yan,leaver,2026-01-01';

const futureLeaver = (employeeId: string, accessEndsAt: string) =>
  findingOf({ employeeId, accessEndsAt });

/** A feed offboarding of E2 already scheduled by an earlier run. */
async function withFeedSchedule() {
  const w = peopleWorld();
  const at = minutesFrom(w.clock.now(), 60).toISOString();
  const earlier = runOffboarding(w.deps).startRun(
    indexRoster(feed(['E2,citlali@x.org,C,active,'])),
    'apply',
  );
  await earlier.finish({
    runId: 'R0',
    status: 'completed',
    feedKind: 'roster',
    findings: [futureLeaver('E2', at)],
  });
  expect((await w.deps.store.get(feedOffboardingId('E2')))?.status).toBe('scheduled');
  return { w, at };
}

describe('reconciliation’s side of offboarding', () => {
  it.each<[RunStatus, boolean]>([
    ['completed', true],
    ['completed_with_errors', true],
    ['quarantined', false],
    ['failed', false],
    ['planned', false],
  ])('a run that ends %s keeps the index and applies the schedules: %s', async (status, kept) => {
    const w = peopleWorld();
    const at = minutesFrom(w.clock.now(), 60).toISOString();
    const mode = status === 'planned' ? 'dry-run' : 'apply';
    const session = runOffboarding(w.deps).startRun(indexRoster(feed([OTHER])), mode);
    const section = await session.finish({
      runId: 'R1',
      status,
      feedKind: 'roster',
      findings: [futureLeaver('E1', at)],
    });
    expect(w.index.replaced.length).toBe(kept ? 1 : 0);
    expect(section.feedSchedules.map((c) => [c.change, c.applied])).toEqual([['create', kept]]);
    expect(section.pending.map((p) => p.id)).toEqual(kept ? [feedOffboardingId('E1')] : []);
    expect(w.log.lines.filter((l) => l.message === 'feed schedules')).toEqual([
      { level: 'info', message: 'feed schedules', detail: { planned: 1, applied: kept ? 1 : 0 } },
    ]);
  });

  it.each([
    ['a full roster that does not list the person cancels it', 'roster', OTHER, true],
    ['a leavers feed that does not list the person keeps it', 'leavers', PAST_LEAVER, false],
    [
      'a leavers feed that lists the person without a future last day cancels it',
      'leavers',
      'E2,citlali@x.org,C,leaver,2026-11-01',
      true,
    ],
  ] as const)('%s', async (_, feedKind, row, cancelled) => {
    const { w } = await withFeedSchedule();
    const session = runOffboarding(w.deps).startRun(indexRoster(feed([row], feedKind)), 'apply');
    const section = await session.finish({
      runId: 'R1',
      status: 'completed',
      feedKind,
      findings: [],
    });
    expect(section.feedSchedules.map((c) => c.change)).toEqual(cancelled ? ['cancel'] : []);
    expect(w.index.replaced.at(-1)?.complete).toBe(feedKind === 'roster');
  });

  it('lists as pending what it created even when another change failed', async () => {
    const w = peopleWorld();
    const at = minutesFrom(w.clock.now(), 60).toISOString();
    const accountsOf = w.index.accountsOf.bind(w.index);
    w.index.accountsOf = (source, employeeId) =>
      employeeId === 'E2' ? Promise.reject(new Error('throttled')) : accountsOf(source, employeeId);
    const session = runOffboarding(w.deps).startRun(indexRoster(feed([OTHER])), 'apply');
    const section = await session.finish({
      runId: 'R1',
      status: 'completed',
      feedKind: 'roster',
      findings: [futureLeaver('E2', at), futureLeaver('E1', at)],
    });
    expect(section.feedSchedules.map((c) => [c.employeeId, c.applied])).toEqual([
      ['E2', false],
      ['E1', true],
    ]);
    expect(section.pending.map((p) => p.employeeId)).toContain('E1');
  });

  it('lists HR offboardings waiting for their moment among the pending', async () => {
    const w = peopleWorld();
    await requestOffboarding(
      {
        id: 'ob-000000000000000000000009',
        employeeId: 'E1',
        effectiveAt: minutesFrom(w.clock.now(), 60),
        reason: 'r',
        requestedBy: 'hr',
        caller: 'hr',
        origin: 'hr',
      },
      w.deps,
    );
    const section = await runOffboarding(w.deps)
      .startRun(indexRoster(feed([OTHER])), 'apply')
      .finish({ runId: 'R1', status: 'completed', feedKind: 'roster', findings: [] });
    expect(section.pending.map((p) => [p.id, p.origin])).toEqual([
      ['ob-000000000000000000000009', 'hr'],
    ]);
  });

  it('reads the offboardings as a dry-run starts, and once', async () => {
    const w = peopleWorld();
    await requestOffboarding(hrRequest({ effectiveAt: minutesFrom(w.clock.now(), 60) }), w.deps);
    const reads = vi.spyOn(w.deps.store, 'list');
    const session = runOffboarding(w.deps).startRun(indexRoster(feed([OTHER])), 'dry-run');
    expect(reads).toHaveBeenCalledTimes(1);
    const section = await session.finish({
      runId: 'R1',
      status: 'planned',
      feedKind: 'roster',
      findings: [],
    });
    expect(reads).toHaveBeenCalledTimes(1);
    expect(section.pending.map((p) => p.employeeId)).toEqual(['E1']);
  });

  it('reads them at its end in an applied run, whose schedules follow what is stored then', async () => {
    const w = peopleWorld();
    const reads = vi.spyOn(w.deps.store, 'list');
    const session = runOffboarding(w.deps).startRun(indexRoster(feed([OTHER])), 'apply');
    expect(reads).not.toHaveBeenCalled();
    await requestOffboarding(hrRequest({ effectiveAt: minutesFrom(w.clock.now(), 60) }), w.deps);
    const section = await session.finish({
      runId: 'R1',
      status: 'completed',
      feedKind: 'roster',
      findings: [],
    });
    expect(section.pending.map((p) => p.employeeId)).toEqual(['E1']);
  });

  it('notes on a dry-run a read of the offboardings that failed as it started', async () => {
    const w = peopleWorld();
    w.deps.store.list = () => Promise.reject(new Error('throttled'));
    const session = runOffboarding(w.deps).startRun(indexRoster(feed([OTHER])), 'dry-run');
    await expect(
      session.finish({ runId: 'R1', status: 'planned', feedKind: 'roster', findings: [] }),
    ).rejects.toThrow('throttled');
  });
});

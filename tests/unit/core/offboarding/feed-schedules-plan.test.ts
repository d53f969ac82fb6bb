import { describe, expect, it } from 'vitest';
import {
  applyFeedSchedules,
  type FeedScheduleChange,
  pendingOffboardings,
  planFeedSchedules,
} from '../../../../functions/core/offboarding/feed-schedules.js';
import {
  feedOffboardingId,
  type Offboarding,
} from '../../../../functions/core/offboarding/offboarding.js';
import type { Finding } from '../../../../functions/core/reconcile/situation.js';
import { findingOf, minutesFrom, peopleWorld } from '../../fakes/offboarding-people.js';

const LAST_DAY = '2026-12-31T06:00:00.000Z';
const OTHER_DAY = '2027-01-15T06:00:00.000Z';

const offboarding = (employeeId: string, fields: Partial<Offboarding> = {}): Offboarding => ({
  id: feedOffboardingId(employeeId),
  employeeId,
  status: 'scheduled',
  effectiveAt: new Date(LAST_DAY),
  origin: 'feed',
  reason: 'future leaver in the HR feed',
  requestedBy: 'reconciliation run R0',
  requestedAt: new Date('2026-11-01T00:00:00Z'),
  accounts: [],
  flagged: [],
  warnings: [],
  history: [
    { at: new Date('2026-11-01T00:00:00Z'), what: 'requested', by: 'x' },
    { at: new Date('2026-11-01T00:00:00Z'), what: 'scheduled', by: 'x', detail: LAST_DAY },
  ],
  ...fields,
});

const plan = (
  findings: Finding[],
  existing: Offboarding[] = [],
  complete = true,
  listed: (id: string) => boolean = () => false,
) =>
  planFeedSchedules({ findings, existing, complete, listed }).map((c) => [
    c.employeeId,
    c.change,
    c.effectiveAt,
    c.applied,
  ]);

describe('planning the schedules of future leavers', () => {
  it('plans one only for a future leaver with an employee id and a moment', () => {
    expect(
      plan([
        findingOf({ employeeId: 'E1', accessEndsAt: LAST_DAY }),
        findingOf({ accessEndsAt: LAST_DAY }),
        findingOf({ employeeId: 'E2' }),
        findingOf({ employeeId: 'E3', accessEndsAt: LAST_DAY, situation: 'leaver' }),
      ]),
    ).toEqual([['E1', 'create', LAST_DAY, false]]);
  });

  it('creates again for a person whose last offboarding ran or was cancelled', () => {
    const existing = [
      offboarding('E1', { status: 'done' }),
      offboarding('E2', { status: 'cancelled' }),
    ];
    const findings = ['E1', 'E2'].map((e) => findingOf({ employeeId: e, accessEndsAt: LAST_DAY }));
    expect(plan(findings, existing).map(([e, change]) => [e, change])).toEqual([
      ['E1', 'create'],
      ['E2', 'create'],
    ]);
  });

  it('moves a scheduled one only when the moment changed, keeping the previous moment', () => {
    const existing = [offboarding('E1')];
    expect(plan([findingOf({ employeeId: 'E1', accessEndsAt: LAST_DAY })], existing)).toEqual([]);
    expect(
      planFeedSchedules({
        findings: [findingOf({ employeeId: 'E1', accessEndsAt: OTHER_DAY })],
        existing,
        complete: true,
        listed: () => true,
      }),
    ).toEqual([
      {
        employeeId: 'E1',
        offboardingId: feedOffboardingId('E1'),
        change: 'move',
        effectiveAt: OTHER_DAY,
        previousEffectiveAt: LAST_DAY,
        applied: false,
      },
    ]);
  });

  it.each([
    ['a full roster no longer lists as a leaver', true, false, [['E1', 'cancel', LAST_DAY, false]]],
    ['a partial feed lists as staying', false, true, [['E1', 'cancel', LAST_DAY, false]]],
    ['a partial feed does not mention', false, false, []],
  ])('cancels the feed’s own schedule of a person %s', (_, complete, listed, changes) => {
    expect(plan([], [offboarding('E1')], complete, () => listed)).toEqual(changes);
  });

  it('never cancels an HR offboarding or one that is no longer scheduled', () => {
    const existing = [
      offboarding('E1', { origin: 'hr' }),
      offboarding('E2', { status: 'done' }),
      offboarding('E3', { status: 'partially_failed' }),
    ];
    expect(plan([], existing, true)).toEqual([]);
  });
});

describe('applying the planned schedules', () => {
  const change = (fields: Partial<FeedScheduleChange>): FeedScheduleChange => ({
    employeeId: 'E1',
    offboardingId: feedOffboardingId('E1'),
    change: 'create',
    effectiveAt: minutesFrom(new Date('2026-11-29T12:00:00Z'), 60).toISOString(),
    applied: false,
    ...fields,
  });

  it('creates the offboarding on behalf of the run, and schedules it', async () => {
    const w = peopleWorld();
    const [created] = await applyFeedSchedules([change({})], 'R1', w.deps);
    expect(created?.applied).toBe(true);
    const stored = await w.deps.store.get(feedOffboardingId('E1'));
    const by = 'reconciliation run R1';
    expect(stored).toMatchObject({
      status: 'scheduled',
      origin: 'feed',
      reason: 'future leaver in the HR feed',
      requestedBy: by,
      requestedAt: w.clock.now(),
      flagged: [],
      warnings: [],
    });
    expect(stored?.accounts.map((a) => a.username)).toEqual(['mariana.ruiz', 'mruiz']);
    expect(stored?.history.map((h) => [h.what, h.by])).toEqual([
      ['requested', by],
      ['scheduled', by],
    ]);
    expect(w.scheduler.schedules.size).toBe(1);
  });

  it('moves and cancels with the run as the actor and the feed as the reason', async () => {
    const w = peopleWorld();
    await applyFeedSchedules([change({})], 'R1', w.deps);
    const later = minutesFrom(w.clock.now(), 120).toISOString();
    await applyFeedSchedules([change({ change: 'move', effectiveAt: later })], 'R2', w.deps);
    const moved = await w.deps.store.get(feedOffboardingId('E1'));
    expect(moved?.effectiveAt.toISOString()).toBe(later);
    expect(moved?.history.map((h) => [h.what, h.by])).toEqual([
      ['requested', 'reconciliation run R1'],
      ['scheduled', 'reconciliation run R1'],
      ['moved', 'reconciliation run R2'],
    ]);
    await applyFeedSchedules([change({ change: 'cancel' })], 'R3', w.deps);
    expect(await w.deps.store.get(feedOffboardingId('E1'))).toMatchObject({
      status: 'cancelled',
      cancelReason: 'no longer a future leaver in the HR feed',
    });
  });

  it('logs a change that fails, without personal data, and leaves it unapplied for the next run', async () => {
    const w = peopleWorld();
    const changes = [
      change({ change: 'move' }),
      change({ employeeId: 'E2', offboardingId: feedOffboardingId('E2') }),
    ];
    const applied = await applyFeedSchedules(changes, 'R1', w.deps);
    expect(applied.map((c) => [c.employeeId, c.applied])).toEqual([
      ['E1', false],
      ['E2', true],
    ]);
    expect(w.log.lines.filter((l) => l.level === 'warn')).toEqual([
      {
        level: 'warn',
        message: 'feed schedule change failed',
        detail: {
          offboardingId: feedOffboardingId('E1'),
          change: 'move',
          error: 'OffboardingNotFoundError',
        },
      },
    ]);
  });
});

describe('the pending offboardings a report lists', () => {
  it('are the scheduled ones only', () => {
    const all = [
      offboarding('E1'),
      offboarding('E2', { status: 'done' }),
      offboarding('E3', { origin: 'hr' }),
    ];
    expect(pendingOffboardings(all)).toEqual([
      { id: feedOffboardingId('E1'), employeeId: 'E1', effectiveAt: LAST_DAY, origin: 'feed' },
      { id: feedOffboardingId('E3'), employeeId: 'E3', effectiveAt: LAST_DAY, origin: 'hr' },
    ]);
  });
});

describe('a feed schedule whose scheduling was interrupted', () => {
  it('is planned again by the next run, and then scheduled', async () => {
    const w = peopleWorld();
    const at = minutesFrom(w.clock.now(), 60).toISOString();
    const create: FeedScheduleChange = {
      employeeId: 'E1',
      offboardingId: feedOffboardingId('E1'),
      change: 'create',
      effectiveAt: at,
      applied: false,
    };
    const upsert = w.scheduler.upsert.bind(w.scheduler);
    w.scheduler.upsert = () => Promise.reject(new Error('throttled'));
    expect((await applyFeedSchedules([create], 'R1', w.deps))[0]?.applied).toBe(false);
    w.scheduler.upsert = upsert;

    const next = planFeedSchedules({
      findings: [findingOf({ employeeId: 'E1', accessEndsAt: at })],
      existing: await w.deps.store.list(),
      complete: true,
      listed: () => true,
    });
    expect(next).toEqual([create]);
    await applyFeedSchedules(next, 'R2', w.deps);
    expect([...w.scheduler.schedules.values()].map((s) => s.offboardingId)).toEqual([
      feedOffboardingId('E1'),
    ]);
  });
});

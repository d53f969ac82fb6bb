import { describe, expect, it } from 'vitest';
import {
  cancelOffboarding,
  moveOffboarding,
} from '../../../../functions/core/offboarding/change-offboarding.js';
import { OffboardingConflictError } from '../../../../functions/core/offboarding/errors.js';
import { requestOffboarding } from '../../../../functions/core/offboarding/request-offboarding.js';
import { account } from '../../fakes/builders.js';
import {
  ACCRED,
  HR,
  hrRequest,
  minutesFrom,
  PRESS,
  peopleWorld,
} from '../../fakes/offboarding-people.js';

// What a request leaves stored, logged and scheduled, and what the same request id does later.

describe('the moment a request acts', () => {
  it.each([
    ['absent', undefined],
    ['in the past', -30],
    ['exactly now', 0],
  ])('offboards now when the moment is %s, recording now as its moment', async (_, minutes) => {
    const w = peopleWorld();
    const now = w.clock.now();
    const effectiveAt = minutes === undefined ? undefined : minutesFrom(now, minutes);
    const done = await requestOffboarding(hrRequest({ effectiveAt }), w.deps);
    expect(done).toMatchObject({ status: 'done', effectiveAt: now, requestedAt: now });
    expect(w.press.disableCalls).toEqual(['mariana.ruiz']);
  });

  it('schedules a moment in the future and records who asked, when and for when', async () => {
    const w = peopleWorld();
    const now = w.clock.now();
    const at = minutesFrom(now, 1);
    const scheduled = await requestOffboarding(hrRequest({ effectiveAt: at }), w.deps);
    expect(scheduled).toMatchObject({
      status: 'scheduled',
      effectiveAt: at,
      origin: 'hr',
      reason: 'resigned',
      requestedBy: 'hr.person',
      requestedAt: now,
      flagged: [],
      warnings: [],
    });
    expect(scheduled.history).toEqual([
      { at: now, what: 'requested', by: HR },
      { at: now, what: 'scheduled', by: HR, detail: at.toISOString() },
    ]);
    expect(await w.deps.store.get(scheduled.id)).toEqual(scheduled);
    expect(w.log.lines).toContainEqual({
      level: 'info',
      message: 'offboarding scheduled',
      detail: { offboardingId: scheduled.id, accounts: 2, flagged: 0 },
    });
  });
});

describe('a request that fails part-way', () => {
  it('leaves a scheduled record with no accounts yet, which the same request finishes once due', async () => {
    const w = peopleWorld();
    const now = w.clock.now();
    const at = minutesFrom(now, 30);
    const accountsOf = w.index.accountsOf.bind(w.index);
    w.index.accountsOf = () => Promise.reject(new Error('throttled'));
    await expect(requestOffboarding(hrRequest({ effectiveAt: at }), w.deps)).rejects.toThrow(
      'throttled',
    );
    expect(await w.deps.store.get(hrRequest().id)).toEqual({
      id: hrRequest().id,
      employeeId: 'E1',
      status: 'scheduled',
      effectiveAt: at,
      origin: 'hr',
      reason: 'resigned',
      requestedBy: 'hr.person',
      requestedAt: now,
      accounts: [],
      flagged: [],
      warnings: [],
      history: [{ at: now, what: 'requested', by: HR }],
    });
    w.index.accountsOf = accountsOf;
    w.clock.current = at;
    const done = await requestOffboarding(hrRequest({ effectiveAt: at }), w.deps);
    expect(done.status).toBe('done');
    expect(w.press.disableCalls).toEqual(['mariana.ruiz']);
  });
});

describe('the same request id again', () => {
  it('returns the first offboarding even while another offboarding of the person is acting', async () => {
    const w = peopleWorld();
    const first = await requestOffboarding(hrRequest(), w.deps);
    const now = w.clock.now();
    await w.deps.store.claimPerson('E1', 'ob-other', now, minutesFrom(now, 5));
    expect(await requestOffboarding(hrRequest(), w.deps)).toEqual(first);
  });

  it.each([
    ['not yet due', 30, 'scheduled', []],
    ['due within the minute the schedule may fire early', 0.5, 'scheduled', []],
    ['due exactly now', 0, 'done', ['mariana.ruiz']],
    ['past due', -1, 'done', ['mariana.ruiz']],
  ])(
    'for a scheduled offboarding %s: acts only once its moment has come',
    async (_, minutes, status, disabled) => {
      const w = peopleWorld();
      const at = minutesFrom(w.clock.now(), 60);
      await requestOffboarding(hrRequest({ effectiveAt: at }), w.deps);
      w.clock.current = minutesFrom(at, -minutes);
      const again = await requestOffboarding(hrRequest({ effectiveAt: at }), w.deps);
      expect(again.status).toBe(status);
      expect(w.press.disableCalls).toEqual(disabled);
    },
  );

  it('finishes a partially failed offboarding', async () => {
    const w = peopleWorld();
    w.accred.failOn.add('mruiz');
    expect((await requestOffboarding(hrRequest(), w.deps)).status).toBe('partially_failed');
    w.accred.failOn.clear();
    const again = await requestOffboarding(hrRequest(), w.deps);
    expect(again.status).toBe('done');
    expect(w.accred.disableCalls).toEqual(['mruiz']);
  });

  it('leaves a cancelled offboarding as it is, even past its moment', async () => {
    const w = peopleWorld();
    const at = minutesFrom(w.clock.now(), 60);
    await requestOffboarding(hrRequest({ effectiveAt: at }), w.deps);
    const cancelled = await cancelOffboarding(hrRequest().id, 'rehired', HR, w.deps);
    w.clock.current = minutesFrom(at, 1);
    expect(await requestOffboarding(hrRequest({ effectiveAt: at }), w.deps)).toEqual(cancelled);
    expect(w.press.disableCalls).toEqual([]);
  });
});

describe('moving a scheduled offboarding after the accounts changed', () => {
  it('removes the access end of each account that is no longer the person’s, and keeps the others', async () => {
    const w = peopleWorld();
    // A second press account, and an accreditation account with the same username.
    const alt = account('mariana.alt', { source: PRESS, employeeId: 'E1', email: 'alt@x.org' });
    w.press.accounts.push(alt);
    w.index.link('E1', alt);
    w.accred.accounts.push(account('mariana.alt', { source: ACCRED, email: 'mariana@x.org' }));
    const at = minutesFrom(w.clock.now(), 60);
    const scheduled = await requestOffboarding(hrRequest({ effectiveAt: at }), w.deps);
    expect(scheduled.accounts).toHaveLength(4);

    w.index.accounts = w.index.accounts.filter((a) => a.username !== 'mariana.alt');
    w.press.accounts.splice(w.press.accounts.indexOf(alt), 1);
    const later = minutesFrom(at, 60);
    const moved = await moveOffboarding(scheduled.id, later, HR, w.deps);
    expect(moved.accounts.map((a) => `${a.source}/${a.username}`).sort()).toEqual([
      `${ACCRED}/mariana.alt`,
      `${ACCRED}/mruiz`,
      `${PRESS}/mariana.ruiz`,
    ]);
    expect(await w.accessEnds.accessEndsAt(PRESS, 'mariana.alt')).toBeUndefined();
    expect(await w.accessEnds.accessEndsAt(ACCRED, 'mariana.alt')).toEqual(later);
    expect(await w.accessEnds.accessEndsAt(PRESS, 'mariana.ruiz')).toEqual(later);
    expect(moved.history.at(-1)).toEqual({
      at: w.clock.now(),
      what: 'moved',
      by: HR,
      detail: later.toISOString(),
    });
  });
});

describe('a request refused for a conflict', () => {
  it('stores nothing', async () => {
    const w = peopleWorld();
    const now = w.clock.now();
    await w.deps.store.claimPerson('E1', 'ob-other', now, minutesFrom(now, 5));
    await expect(requestOffboarding(hrRequest(), w.deps)).rejects.toThrow(OffboardingConflictError);
    expect(await w.deps.store.get(hrRequest().id)).toBeUndefined();
  });
});

describe('retrying a request whose scheduling failed', () => {
  it('finishes the scheduling: the schedule and the access ends exist afterwards', async () => {
    const w = peopleWorld();
    const at = minutesFrom(w.clock.now(), 30);
    const upsert = w.scheduler.upsert.bind(w.scheduler);
    w.scheduler.upsert = () => Promise.reject(new Error('throttled'));
    await expect(requestOffboarding(hrRequest({ effectiveAt: at }), w.deps)).rejects.toThrow(
      'throttled',
    );
    w.scheduler.upsert = upsert;
    const retried = await requestOffboarding(hrRequest({ effectiveAt: at }), w.deps);
    expect(retried.status).toBe('scheduled');
    expect(retried.accounts.map((a) => a.username)).toEqual(['mariana.ruiz', 'mruiz']);
    expect(retried.history.map((h) => h.what)).toEqual(['requested', 'scheduled']);
    expect([...w.scheduler.schedules.values()].map((s) => s.offboardingId)).toEqual([retried.id]);
    expect(await w.deps.store.get(retried.id)).toEqual(retried);
    expect(w.press.disableCalls).toEqual([]);
  });
});

import { describe, expect, it, vi } from 'vitest';
import { OffboardingNotFoundError } from '../../../../functions/core/offboarding/errors.js';
import {
  executeOffboarding,
  executeScheduled,
  hasRetryLeft,
  MAX_ATTEMPTS,
} from '../../../../functions/core/offboarding/execute-offboarding.js';
import { requestOffboarding } from '../../../../functions/core/offboarding/request-offboarding.js';
import { instantOfAt } from '../../../../functions/core/offboarding/schedule.js';
import {
  ACCRED,
  HR,
  hrRequest,
  minutesFrom,
  PRESS,
  peopleWorld,
} from '../../fakes/offboarding-people.js';

const ID = hrRequest().id;

describe('executing an offboarding', () => {
  it('refuses an offboarding that does not exist', async () => {
    const w = peopleWorld();
    await expect(executeOffboarding('ob-missing', 'schedule', w.deps)).rejects.toThrow(
      OffboardingNotFoundError,
    );
  });

  it.each(['done', 'cancelled'])(
    'leaves a %s offboarding as it is and says so in the log',
    async (status) => {
      const w = peopleWorld();
      const at = minutesFrom(w.clock.now(), 60);
      const first = await requestOffboarding(hrRequest({ effectiveAt: at }), w.deps);
      const final = {
        ...first,
        status: status as 'done' | 'cancelled',
        effectiveAt: w.clock.now(),
      };
      await w.deps.store.save(final);
      expect(await executeOffboarding(ID, 'schedule', w.deps)).toEqual(final);
      expect(w.press.disableCalls).toEqual([]);
      expect(w.log.lines.at(-1)).toEqual({
        level: 'info',
        message: 'offboarding already final',
        detail: { offboardingId: ID, status },
      });
    },
  );

  it.each([
    ['fires up to a minute early: acts', 1, 'done', ['mariana.ruiz']],
    ['fires more than a minute early: a stale schedule, does nothing', 1.001, 'scheduled', []],
  ])('a schedule that %s', async (_, minutesEarly, status, disabled) => {
    const w = peopleWorld();
    const at = minutesFrom(w.clock.now(), 60);
    await requestOffboarding(hrRequest({ effectiveAt: at }), w.deps);
    w.clock.current = minutesFrom(at, -minutesEarly);
    expect((await executeOffboarding(ID, 'schedule', w.deps)).status).toBe(status);
    expect(w.press.disableCalls).toEqual(disabled);
    const warned = w.log.lines.filter((l) => l.level === 'warn');
    expect(warned).toEqual(
      status === 'scheduled'
        ? [
            {
              level: 'warn',
              message: 'offboarding not due yet; a stale schedule?',
              detail: { offboardingId: ID },
            },
          ]
        : [],
    );
  });

  it('audits each disable as an offboarding disable, with the offboarding, the person and the reason', async () => {
    const w = peopleWorld();
    const done = await requestOffboarding(hrRequest(), w.deps);
    expect(w.journal.audit.map((a) => [a.kind, a.source, a.username, a.runId, a.reason])).toEqual([
      ['disable', PRESS, 'mariana.ruiz', ID, `offboarding ${ID} of E1: resigned`],
      ['disable', ACCRED, 'mruiz', ID, `offboarding ${ID} of E1: resigned`],
    ]);
    expect(done.history.at(-1)).toEqual({
      at: w.clock.now(),
      what: 'executed',
      by: HR,
      detail: '2 account(s) disabled, 0 failed, 0 flagged',
    });
    expect(w.log.lines.at(-1)).toEqual({
      level: 'info',
      message: 'offboarding executed',
      detail: { offboardingId: ID, status: 'done', accounts: 2, failed: 0, flagged: 0 },
    });
  });

  it('disables again an account re-enabled since an earlier offboarding of the person', async () => {
    const w = peopleWorld();
    await requestOffboarding(hrRequest(), w.deps);
    for (const a of [...w.press.accounts, ...w.accred.accounts]) a.enabled = true;
    const second = await requestOffboarding(
      hrRequest({ id: 'ob-000000000000000000000002' }),
      w.deps,
    );
    expect(second.accounts.map((a) => a.outcome)).toEqual(['disabled', 'disabled']);
    expect(w.press.disableCalls).toEqual(['mariana.ruiz', 'mariana.ruiz']);
    expect(w.journal.audit.map((a) => a.runId)).toEqual([ID, ID, second.id, second.id]);
  });
});

describe('a partial failure', () => {
  it('records the failure with its error, audits only what succeeded, and retries two minutes later', async () => {
    const w = peopleWorld();
    w.accred.failOn.add('mruiz');
    const failed = vi.spyOn(w.deps.journal, 'completeAction');
    const partial = await requestOffboarding(hrRequest(), w.deps);
    expect(partial.status).toBe('partially_failed');
    expect(failed.mock.calls.map(([intent, outcome]) => [intent.username, outcome])).toEqual([
      ['mruiz', { ok: false, error: 'SimulatedFailure', at: w.clock.now() }],
    ]);
    expect(w.journal.audit.map((a) => a.username)).toEqual(['mariana.ruiz']);
    expect(partial.history.at(-1)?.detail).toBe('1 account(s) disabled, 1 failed, 0 flagged');
    expect([...w.scheduler.schedules.values()]).toEqual([
      {
        name: `offboarding-${ID}-retry-1`,
        // 12:00Z is 06:00 in Mexico City.
        expression: 'at(2026-11-29T06:02:00)',
        timeZone: 'America/Mexico_City',
        offboardingId: ID,
      },
    ]);
    expect(w.log.lines.filter((l) => l.level === 'warn')).toEqual([
      {
        level: 'warn',
        message: 'offboarding partially failed; retry scheduled',
        detail: { offboardingId: ID },
      },
    ]);
  });

  it('tries a partial failure again under a schedule of its own each time, waiting twice as long, then stops', async () => {
    const w = peopleWorld();
    w.accred.failOn.add('mruiz');
    await requestOffboarding(hrRequest(), w.deps);
    const waits: number[] = [];
    for (let retry = 1; retry < MAX_ATTEMPTS; retry++) {
      const schedule = w.scheduler.schedules.get(`offboarding-${ID}-retry-${retry}`);
      const at = instantOfAt(schedule?.expression ?? '', schedule?.timeZone ?? '') as Date;
      waits.push((at.getTime() - w.clock.now().getTime()) / 60_000);
      w.clock.current = at;
      const again = await executeScheduled(ID, w.deps);
      expect(hasRetryLeft(again)).toBe(retry < MAX_ATTEMPTS - 1);
    }
    expect(waits).toEqual([2, 4, 8, 16, 32, 64, 128]);
    expect(w.scheduler.schedules.size).toBe(MAX_ATTEMPTS - 1);
    expect(w.log.lines.at(-1)).toEqual({
      level: 'warn',
      message: 'offboarding partially failed; no retry left',
      detail: { offboardingId: ID, attempts: MAX_ATTEMPTS },
    });
  });

  it('keeps the outcome of an account acted on earlier that has gone since', async () => {
    const w = peopleWorld();
    w.accred.failOn.add('mruiz');
    await requestOffboarding(hrRequest(), w.deps);
    w.accred.failOn.clear();
    w.index.accounts = [];
    w.press.accounts.splice(0, 1);
    const retried = await executeOffboarding(ID, 'schedule', w.deps);
    expect(retried.accounts.map((a) => [a.username, a.outcome])).toEqual([
      ['mruiz', 'disabled'],
      ['mariana.ruiz', 'disabled'],
    ]);
  });

  it('lists no account a schedule found earlier that is gone before anything was done to it', async () => {
    const w = peopleWorld();
    const at = minutesFrom(w.clock.now(), 60);
    await requestOffboarding(hrRequest({ effectiveAt: at }), w.deps);
    w.index.accounts = [];
    w.press.accounts.splice(0, 1);
    w.clock.current = at;
    const done = await executeOffboarding(ID, 'schedule', w.deps);
    expect(done.accounts.map((a) => [a.username, a.outcome])).toEqual([['mruiz', 'disabled']]);
  });
});

describe('an attempt that stopped after its disables were recorded, before it was saved', () => {
  const saveFailsOnce = (w: ReturnType<typeof peopleWorld>) => {
    const save = w.deps.store.save.bind(w.deps.store);
    w.deps.store.save = () => {
      w.deps.store.save = save;
      return Promise.reject(new Error('crashed'));
    };
  };

  it('is finished by the next attempt without acting or auditing again', async () => {
    const w = peopleWorld();
    saveFailsOnce(w);
    await expect(requestOffboarding(hrRequest(), w.deps)).rejects.toThrow('crashed');
    const done = await requestOffboarding(hrRequest(), w.deps);
    expect(done.status).toBe('done');
    expect(done.accounts.map((a) => a.outcome)).toEqual(['already_disabled', 'already_disabled']);
    expect(w.press.disableCalls).toEqual(['mariana.ruiz']);
    expect(w.journal.audit).toHaveLength(2);
  });

  it('no longer reports as failed an account whose retry succeeded before the stop', async () => {
    const w = peopleWorld();
    w.accred.failOn.add('mruiz');
    await requestOffboarding(hrRequest(), w.deps);
    w.accred.failOn.clear();
    saveFailsOnce(w);
    await expect(executeOffboarding(ID, 'schedule', w.deps)).rejects.toThrow('crashed');
    const done = await executeOffboarding(ID, 'schedule', w.deps);
    expect(done.status).toBe('done');
    expect(done.accounts.map((a) => [a.username, a.outcome])).toEqual([
      ['mariana.ruiz', 'disabled'],
      ['mruiz', 'already_disabled'],
    ]);
  });
});

describe('an attempt that stopped after its disables were recorded, before the marks', () => {
  it('leaves every account marked as offboarded once the next attempt is done', async () => {
    const w = peopleWorld();
    w.accred.failOn.add('mruiz');
    const mark = w.deps.offboarded.markOffboarded.bind(w.deps.offboarded);
    w.deps.offboarded.markOffboarded = () => Promise.reject(new Error('crashed'));
    await expect(requestOffboarding(hrRequest(), w.deps)).rejects.toThrow('crashed');
    w.deps.offboarded.markOffboarded = mark;
    w.accred.failOn.clear();
    const done = await executeOffboarding(ID, 'schedule', w.deps);
    expect(done.status).toBe('done');
    expect(w.press.disableCalls).toEqual(['mariana.ruiz']);
    expect(w.memory.offboardedBy.get(PRESS)?.get('sub-mariana.ruiz')).toBe(ID);
    expect(w.memory.offboardedBy.get(ACCRED)?.get('sub-mruiz')).toBe(ID);
  });
});

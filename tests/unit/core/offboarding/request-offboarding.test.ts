import { describe, expect, it, vi } from 'vitest';
import {
  cancelOffboarding,
  moveOffboarding,
} from '../../../../functions/core/offboarding/change-offboarding.js';
import {
  OffboardingConflictError,
  OffboardingKeyReusedError,
} from '../../../../functions/core/offboarding/errors.js';
import { executeOffboarding } from '../../../../functions/core/offboarding/execute-offboarding.js';
import { requestOffboarding } from '../../../../functions/core/offboarding/request-offboarding.js';
import { account } from '../../fakes/builders.js';
import { offboardingWorld } from '../../fakes/memory-offboarding.js';
import { MemoryDirectory } from '../../fakes/memory-services.js';
import {
  ACCRED,
  HR,
  PRESS,
  hrRequest as request,
  peopleWorld as world,
} from '../../fakes/offboarding-people.js';

describe('one offboarding of a person acts at a time', () => {
  it('refuses a request for a person another offboarding is acting on, and creates nothing', async () => {
    const w = world();
    const until = new Date(w.clock.now().getTime() + 60_000);
    expect(await w.deps.store.claimPerson('E1', 'ob-other', w.clock.now(), until)).toBe('ob-other');
    await expect(requestOffboarding(request(), w.deps)).rejects.toThrow(
      new OffboardingConflictError(
        'offboarding ob-other of the same person is in progress; retry shortly',
      ),
    );
    expect(await w.deps.store.list()).toEqual([]);
    expect(w.press.disableCalls).toEqual([]);
  });

  it('refuses a future-dated request too while another offboarding acts on the person', async () => {
    const w = world();
    const until = new Date(w.clock.now().getTime() + 60_000);
    await w.deps.store.claimPerson('E1', 'ob-other', w.clock.now(), until);
    const later = new Date(w.clock.now().getTime() + 86_400_000);
    await expect(requestOffboarding(request({ effectiveAt: later }), w.deps)).rejects.toThrow(
      OffboardingConflictError,
    );
    expect(await w.deps.store.list()).toEqual([]);
    expect(w.scheduler.schedules.size).toBe(0);
  });

  it('lets the next offboarding of the person act once the last one ended, even after a failure', async () => {
    const w = world();
    w.press.failOn.add('mariana.ruiz');
    expect((await requestOffboarding(request(), w.deps)).status).toBe('partially_failed');
    const now = w.clock.now();
    expect(await w.deps.store.claimPerson('E1', 'ob-next', now, now)).toBe('ob-next');
  });

  it('takes over the claim of an offboarding that died once it has expired', async () => {
    const w = world();
    const past = new Date(w.clock.now().getTime() - 60_000);
    await w.deps.store.claimPerson('E1', 'ob-died', past, past);
    expect((await requestOffboarding(request(), w.deps)).status).toBe('done');
  });

  it('claims the person once for a request that acts now, and reads nothing it just wrote', async () => {
    const w = world();
    const claim = vi.spyOn(w.deps.store, 'claimPerson');
    const release = vi.spyOn(w.deps.store, 'releasePerson');
    const get = vi.spyOn(w.deps.store, 'get');
    expect((await requestOffboarding(request(), w.deps)).status).toBe('done');
    expect(claim).toHaveBeenCalledTimes(1);
    expect(release).toHaveBeenCalledTimes(1);
    // Only the look for an earlier request with the same id.
    expect(get).toHaveBeenCalledTimes(1);
    const now = w.clock.now();
    expect(await w.deps.store.claimPerson('E1', 'ob-next', now, now)).toBe('ob-next');
  });

  it('does nothing more to accounts Warden already signed out and disabled: no second call, no second audit entry', async () => {
    const w = world();
    const first = await requestOffboarding(request(), w.deps);
    const second = await requestOffboarding(request({ id: 'ob-000000000000000000000002' }), w.deps);
    expect(second.status).toBe('done');
    expect(second.accounts.map((a) => a.outcome)).toEqual(['already_disabled', 'already_disabled']);
    expect(w.press.disableCalls).toEqual(['mariana.ruiz']);
    expect(w.accred.disableCalls).toEqual(['mruiz']);
    expect(w.journal.audit.map((a) => a.runId)).toEqual([first.id, first.id]);
  });
});

describe('an HR offboarding, now', () => {
  it('signs out and disables every account of the person in every pool, each audited once', async () => {
    const w = world();
    const done = await requestOffboarding(request(), w.deps);
    expect(done.status).toBe('done');
    expect(done.accounts.map((a) => [a.source, a.username, a.outcome])).toEqual([
      [PRESS, 'mariana.ruiz', 'disabled'],
      [ACCRED, 'mruiz', 'disabled'],
    ]);
    expect(w.press.disableCalls).toEqual(['mariana.ruiz']);
    expect(w.accred.disableCalls).toEqual(['mruiz']);
    expect(w.press.accounts.find((a) => a.username === 'citlali.tapia')?.enabled).toBe(true);
    expect(w.journal.audit.map((a) => [a.username, a.runId])).toEqual([
      ['mariana.ruiz', done.id],
      ['mruiz', done.id],
    ]);
    expect(w.notifier.notices.at(-1)?.subject).toMatch(/offboarding done: E1/);
  });

  it('records the outcomes of all the accounts together, after every pool has answered', async () => {
    const w = world();
    const together = vi.spyOn(w.deps.journal, 'completeActions');
    const single = vi.spyOn(w.deps.journal, 'completeAction');
    await requestOffboarding(request(), w.deps);
    expect(together).toHaveBeenCalledTimes(1);
    expect(together.mock.calls[0]?.[0].map((c) => c.intent.username)).toEqual([
      'mariana.ruiz',
      'mruiz',
    ]);
    expect(single).not.toHaveBeenCalled();
  });

  it('records the access end before acting, and it outlives a full-roster reconciliation', async () => {
    const w = world();
    w.press.failOn.add('mariana.ruiz');
    await requestOffboarding(request(), w.deps);
    // The disable failed, yet the triggers already refuse the person from now on.
    expect(await w.accessEnds.accessEndsAt(PRESS, 'mariana.ruiz')).toEqual(w.clock.now());
    await w.accessEnds.recordAccessEnds(PRESS, new Map(), true);
    expect(await w.accessEnds.accessEndsAt(PRESS, 'mariana.ruiz')).toEqual(w.clock.now());
  });

  it('reports an account that was already disabled as already_disabled', async () => {
    const w = world();
    (w.accred.accounts[0] as { enabled: boolean }).enabled = false;
    const done = await requestOffboarding(request(), w.deps);
    expect(done.accounts.find((a) => a.username === 'mruiz')?.outcome).toBe('already_disabled');
  });

  it('is done with no accounts and a warning for a person with none', async () => {
    const w = world();
    const done = await requestOffboarding(request({ employeeId: 'E404' }), w.deps);
    expect(done.status).toBe('done');
    expect(done.accounts).toEqual([]);
    expect(done.warnings.join('\n')).toMatch(/no account to disable was found for E404/);
  });

  it('the same request id twice returns the first offboarding and audits nothing again', async () => {
    const w = world();
    const first = await requestOffboarding(request(), w.deps);
    const again = await requestOffboarding(request(), w.deps);
    expect(again).toEqual(first);
    expect(w.journal.audit).toHaveLength(2);
  });

  it('refuses another request under an id already used, and changes nothing', async () => {
    const w = world();
    const first = await requestOffboarding(request(), w.deps);
    for (const other of [{ reason: 'other' }, { employeeId: 'E10002' }, { requestedBy: 'x' }])
      await expect(requestOffboarding(request(other), w.deps)).rejects.toThrow(
        OffboardingKeyReusedError,
      );
    expect(await w.store.get(first.id)).toEqual(first);
    expect(w.journal.audit).toHaveLength(2);
  });

  it('finishes the remaining accounts on a retry after a partial failure, auditing each once', async () => {
    const w = world();
    w.accred.failOn.add('mruiz');
    const first = await requestOffboarding(request(), w.deps);
    expect(first.status).toBe('partially_failed');
    expect(first.accounts.find((a) => a.username === 'mruiz')).toMatchObject({
      outcome: 'failed',
      error: 'SimulatedFailure',
    });
    // A retry is scheduled at once, two minutes out.
    expect([...w.scheduler.schedules.values()][0]?.offboardingId).toBe(first.id);
    w.accred.failOn.clear();
    const retried = await executeOffboarding(first.id, 'schedule', w.deps);
    expect(retried.status).toBe('done');
    expect(retried.accounts.map((a) => a.outcome)).toEqual(['disabled', 'disabled']);
    expect(w.press.disableCalls).toEqual(['mariana.ruiz']);
    expect(w.journal.audit.map((a) => a.username)).toEqual(['mariana.ruiz', 'mruiz']);
  });

  it('acts on every pool at once: a slow pool does not hold back the others', async () => {
    const w = world();
    let release: () => void = () => undefined;
    const pressAnswers = new Promise<void>((resolve) => {
      release = resolve;
    });
    const disablePress = w.press.disable.bind(w.press);
    w.press.disable = async (a) => {
      await pressAnswers;
      return disablePress(a);
    };
    const offboarding = requestOffboarding(request(), w.deps);
    // Let every promise that can settle settle, without a timer.
    await new Promise((resolve) => setImmediate(resolve));
    expect(w.accred.disableCalls).toEqual(['mruiz']);
    release();
    const done = await offboarding;
    expect(done.accounts.map((a) => [a.username, a.outcome])).toEqual([
      ['mariana.ruiz', 'disabled'],
      ['mruiz', 'disabled'],
    ]);
  });
});

describe('never the wrong person', () => {
  it('flags an account the last run found disputed, and leaves it alone', async () => {
    const w = world();
    w.index.accounts = [];
    w.index.link('E1', w.press.accounts[0] as never, 'mariana@x.org', 'disputed');
    const done = await requestOffboarding(request(), w.deps);
    expect(done.flagged.map((f) => f.username)).toEqual(['mariana.ruiz']);
    expect(w.press.disableCalls).toEqual([]);
  });

  it('flags an account with the email but another employee id', async () => {
    const w = world();
    (w.accred.accounts[0] as { employeeId?: string }).employeeId = 'E9';
    const done = await requestOffboarding(request(), w.deps);
    expect(done.flagged).toEqual([
      expect.objectContaining({ username: 'mruiz', reason: expect.stringMatching(/E9/) }),
    ]);
    expect(w.accred.disableCalls).toEqual([]);
  });

  it('acts on none when the id is on accounts of more than one person and HR email is unknown', async () => {
    const press = new MemoryDirectory(PRESS, [
      account('ana', { source: PRESS, employeeId: 'E7', email: 'ana@x.org' }),
      account('bob', { source: PRESS, employeeId: 'E7', email: 'bob@x.org' }),
    ]);
    const w = offboardingWorld([press]);
    w.index.link('E7', press.accounts[0] as never);
    w.index.link('E7', press.accounts[1] as never);
    const done = await requestOffboarding(request({ employeeId: 'E7' }), w.deps);
    expect(done.accounts).toEqual([]);
    expect(done.flagged.map((f) => f.username)).toEqual(['ana', 'bob']);
    expect(press.disableCalls).toEqual([]);
  });
});

describe('an HR offboarding at a moment', () => {
  const at = new Date('2026-12-15T23:30:00Z');

  it('schedules one one-time schedule in the deployment zone and records the access end now', async () => {
    const w = world();
    const scheduled = await requestOffboarding(request({ effectiveAt: at }), w.deps);
    expect(scheduled.status).toBe('scheduled');
    expect([...w.scheduler.schedules.values()]).toEqual([
      {
        name: `offboarding-${scheduled.id}`,
        expression: 'at(2026-12-15T17:30:00)',
        timeZone: 'America/Mexico_City',
        offboardingId: scheduled.id,
      },
    ]);
    expect(w.press.disableCalls).toEqual([]);
    expect(await w.accessEnds.accessEndsAt(ACCRED, 'mruiz')).toEqual(at);
    expect(scheduled.accounts.map((a) => a.outcome)).toEqual([undefined, undefined]);
  });

  it('fires: the executor disables the accounts once the moment has come', async () => {
    const w = world();
    const scheduled = await requestOffboarding(request({ effectiveAt: at }), w.deps);
    expect((await executeOffboarding(scheduled.id, 'schedule', w.deps)).status).toBe('scheduled');
    w.clock.current = at;
    expect((await executeOffboarding(scheduled.id, 'schedule', w.deps)).status).toBe('done');
    expect(w.press.disableCalls).toEqual(['mariana.ruiz']);
  });

  it('moves: the schedule and the access end follow the new moment', async () => {
    const w = world();
    const scheduled = await requestOffboarding(request({ effectiveAt: at }), w.deps);
    const later = new Date('2027-01-10T18:00:00Z');
    const moved = await moveOffboarding(scheduled.id, later, HR, w.deps);
    expect(moved.effectiveAt).toEqual(later);
    expect([...w.scheduler.schedules.values()].map((s) => s.expression)).toEqual([
      'at(2027-01-10T12:00:00)',
    ]);
    expect(await w.accessEnds.accessEndsAt(PRESS, 'mariana.ruiz')).toEqual(later);
  });

  it('moved to the past, it offboards now', async () => {
    const w = world();
    const scheduled = await requestOffboarding(request({ effectiveAt: at }), w.deps);
    const moved = await moveOffboarding(scheduled.id, new Date('2020-01-01T00:00:00Z'), HR, w.deps);
    expect(moved.status).toBe('done');
    expect(w.scheduler.schedules.size).toBe(0);
  });

  it('cancels: the schedule and its access ends go; a cancel of one done is a conflict', async () => {
    const w = world();
    const scheduled = await requestOffboarding(request({ effectiveAt: at }), w.deps);
    const cancelled = await cancelOffboarding(scheduled.id, 'rehired', HR, w.deps);
    expect(cancelled).toMatchObject({ status: 'cancelled', cancelReason: 'rehired' });
    expect(w.scheduler.schedules.size).toBe(0);
    expect(await w.accessEnds.accessEndsAt(PRESS, 'mariana.ruiz')).toBeUndefined();
    expect(w.press.disableCalls).toEqual([]);

    const done = await requestOffboarding(request({ id: 'ob-000000000000000000000002' }), w.deps);
    await expect(cancelOffboarding(done.id, 'oops', HR, w.deps)).rejects.toThrow(
      OffboardingConflictError,
    );
  });
});

import { describe, expect, it } from 'vitest';
import {
  cancelOffboarding,
  moveOffboarding,
} from '../../../../functions/core/offboarding/change-offboarding.js';
import { OffboardingConflictError } from '../../../../functions/core/offboarding/errors.js';
import { executeOffboarding } from '../../../../functions/core/offboarding/execute-offboarding.js';
import { requestOffboarding } from '../../../../functions/core/offboarding/request-offboarding.js';
import { HR, hrRequest, minutesFrom, peopleWorld } from '../../fakes/offboarding-people.js';

const ID = hrRequest().id;

async function scheduledWorld() {
  const w = peopleWorld();
  const at = minutesFrom(w.clock.now(), 60);
  const scheduled = await requestOffboarding(hrRequest({ effectiveAt: at }), w.deps);
  return { w, at, scheduled };
}

/** A cancel that lands after the next change has read the offboarding, before it claims the person. */
function cancelBeforeTheFirstClaim(w: Awaited<ReturnType<typeof scheduledWorld>>['w']): void {
  const claim = w.store.claimPerson.bind(w.store);
  let raced = false;
  w.store.claimPerson = async (...args) => {
    if (!raced) {
      raced = true;
      await cancelOffboarding(ID, 'rehired', HR, w.deps);
    }
    return claim(...args);
  };
}

describe('moving a scheduled offboarding', () => {
  it('to exactly now offboards now, and its history says it was moved to now', async () => {
    const { w, scheduled } = await scheduledWorld();
    const now = w.clock.now();
    const moved = await moveOffboarding(ID, now, 'staff ana', w.deps);
    expect(moved.status).toBe('done');
    expect(moved.effectiveAt).toEqual(now);
    expect(moved.history.map((h) => [h.what, h.by, h.detail])).toEqual([
      ...scheduled.history.map((h) => [h.what, h.by, h.detail]),
      ['moved', 'staff ana', 'now'],
      ['executed', 'staff ana', '2 account(s) disabled, 0 failed, 0 flagged'],
    ]);
    expect(w.scheduler.removed).toEqual([`offboarding-${ID}`]);
  });

  it('to now while another offboarding acts on the person is a conflict that changes nothing', async () => {
    const { w, at, scheduled } = await scheduledWorld();
    await w.store.claimPerson('E1', 'ob-other', w.clock.now(), minutesFrom(w.clock.now(), 5));
    await expect(moveOffboarding(ID, w.clock.now(), HR, w.deps)).rejects.toThrow(
      OffboardingConflictError,
    );
    expect(await w.store.get(ID)).toEqual(scheduled);
    expect(w.scheduler.removed).toEqual([]);
    expect((await w.store.get(ID))?.effectiveAt).toEqual(at);
    expect(w.press.disableCalls).toEqual([]);
  });

  it('to now never acts on an offboarding cancelled between its read and its claim', async () => {
    const { w } = await scheduledWorld();
    cancelBeforeTheFirstClaim(w);
    await expect(moveOffboarding(ID, w.clock.now(), HR, w.deps)).rejects.toThrow(
      `offboarding ${ID} is cancelled; only a scheduled offboarding can be moved`,
    );
    expect((await w.store.get(ID))?.status).toBe('cancelled');
    expect(w.press.disableCalls).toEqual([]);
  });

  it('to later is refused when the schedule fired after the move read the offboarding', async () => {
    const { w, at } = await scheduledWorld();
    w.clock.current = at;
    const schedule = w.scheduler.schedules.get(`offboarding-${ID}`);
    // The move reads the offboarding as scheduled; the schedule then fires and completes.
    const get = w.store.get.bind(w.store);
    let raced = false;
    w.store.get = async (id) => {
      const read = await get(id);
      if (!raced) {
        raced = true;
        await executeOffboarding(ID, 'scheduler', w.deps);
      }
      return read;
    };
    await expect(moveOffboarding(ID, minutesFrom(at, 60), HR, w.deps)).rejects.toThrow(
      new OffboardingConflictError(
        `offboarding ${ID} is done; only a scheduled offboarding can be moved`,
      ),
    );
    const done = await get(ID);
    expect(done?.status).toBe('done');
    expect(done?.effectiveAt).toEqual(at);
    expect(w.scheduler.schedules.get(`offboarding-${ID}`)).toEqual(schedule);
  });

  it('to later while the offboarding acts on the person is a conflict that changes nothing', async () => {
    const { w, scheduled } = await scheduledWorld();
    await w.store.claimPerson('E1', ID, w.clock.now(), minutesFrom(w.clock.now(), 5));
    await expect(moveOffboarding(ID, minutesFrom(w.clock.now(), 120), HR, w.deps)).rejects.toThrow(
      OffboardingConflictError,
    );
    expect(await w.store.get(ID)).toEqual(scheduled);
  });

  it('is refused once the offboarding is no longer scheduled, naming its state', async () => {
    const { w } = await scheduledWorld();
    await moveOffboarding(ID, w.clock.now(), HR, w.deps);
    await expect(moveOffboarding(ID, minutesFrom(w.clock.now(), 5), HR, w.deps)).rejects.toThrow(
      new OffboardingConflictError(
        `offboarding ${ID} is done; only a scheduled offboarding can be moved`,
      ),
    );
  });
});

describe('cancelling a scheduled offboarding', () => {
  it('records who cancelled it and when, and logs only its id', async () => {
    const { w, scheduled } = await scheduledWorld();
    const cancelled = await cancelOffboarding(ID, 'rehired', 'staff ana', w.deps);
    expect(cancelled.history).toEqual([
      ...scheduled.history,
      { at: w.clock.now(), what: 'cancelled', by: 'staff ana' },
    ]);
    expect(await w.deps.store.get(ID)).toEqual(cancelled);
    expect(w.log.lines.at(-1)).toEqual({
      level: 'info',
      message: 'offboarding cancelled',
      detail: { offboardingId: ID },
    });
  });

  it('never ends with disabled accounts when it races the schedule firing', async () => {
    const { w, at } = await scheduledWorld();
    w.clock.current = at;
    // The schedule fires and reads the offboarding; the cancel lands before it acts.
    cancelBeforeTheFirstClaim(w);
    const fired = await executeOffboarding(ID, 'scheduler', w.deps);
    expect(fired.status).toBe('cancelled');
    expect((await w.store.get(ID))?.status).toBe('cancelled');
    expect(w.press.disableCalls).toEqual([]);
  });

  it('while the offboarding acts on the person is a conflict, and changes nothing', async () => {
    const { w, scheduled } = await scheduledWorld();
    await w.store.claimPerson('E1', ID, w.clock.now(), minutesFrom(w.clock.now(), 5));
    await expect(cancelOffboarding(ID, 'rehired', HR, w.deps)).rejects.toThrow(
      OffboardingConflictError,
    );
    expect(await w.store.get(ID)).toEqual(scheduled);
  });

  it('is refused twice, naming the state it is in', async () => {
    const { w } = await scheduledWorld();
    await cancelOffboarding(ID, 'rehired', HR, w.deps);
    await expect(cancelOffboarding(ID, 'again', HR, w.deps)).rejects.toThrow(
      new OffboardingConflictError(
        `offboarding ${ID} is cancelled; only a scheduled offboarding can be cancelled`,
      ),
    );
  });
});

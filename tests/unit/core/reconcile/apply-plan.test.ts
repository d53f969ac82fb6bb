import { describe, expect, it } from 'vitest';
import { applyPlan, recordAccessEnds } from '../../../../functions/core/reconcile/apply-plan.js';
import type { ActionIntent, ActionOutcome } from '../../../../functions/core/reconcile/ports.js';
import type { Finding } from '../../../../functions/core/reconcile/situation.js';
import { account, feed, POOL, startedRun } from '../../fakes/builders.js';
import { FixedClock, MemoryDirectory, MemoryLog } from '../../fakes/memory-services.js';
import { memoryStorage } from '../../fakes/memory-storage.js';

const NOW = new Date('2026-11-29T12:00:00Z');
const OTHER_POOL = 'eu-west-1_Other';

const disable = (username: string, source = POOL): Finding => ({
  source,
  username,
  accountKey: `sub-${username}`,
  enabled: true,
  situation: 'leaver',
  match: 'employee_id',
  action: 'disable',
  actionId: `id-${username}`,
  reason: 'left',
});

function world(usernames: string[]) {
  const directory = new MemoryDirectory(
    POOL,
    usernames.map((u) => account(u)),
  );
  const storage = memoryStorage();
  const log = new MemoryLog();
  const planned = usernames.map((u) => disable(u));
  const run = startedRun(feed(['E1,ana@x.org,Ana,active,']), 'apply', NOW);
  const counts = { planned: planned.length, applied: 0, alreadyDone: 0, failed: 0 };
  /** An earlier run already disabled this account under the same action id. */
  const doneBefore = async (username: string) => {
    const f = disable(username);
    const intent: ActionIntent = {
      actionId: f.actionId as string,
      runId: 'run-0',
      kind: 'disable',
      source: f.source,
      username,
      accountKey: f.accountKey,
      reason: f.reason,
      at: NOW,
    };
    await storage.journal.beginAction(intent);
    await storage.journal.completeAction(intent, { ok: true, at: NOW });
  };
  const apply = () =>
    applyPlan(
      planned,
      run,
      { directories: [directory], storage, clock: new FixedClock(NOW), log },
      counts,
    );
  return { directory, storage, log, apply, doneBefore };
}

describe('applying a plan', () => {
  it('disables each planned account once, counts every outcome and journals a failure by its error', async () => {
    const w = world(['ana', 'ben', 'cruz']);
    await w.doneBefore('ana');
    const outcomesJournaled: [string, ActionOutcome][] = [];
    const complete = w.storage.journal.completeAction.bind(w.storage.journal);
    w.storage.journal.completeAction = (intent: ActionIntent, outcome: ActionOutcome) => {
      outcomesJournaled.push([intent.username, outcome]);
      return complete(intent, outcome);
    };
    w.directory.failOn.add('cruz');

    const { outcomes, actions } = await w.apply();

    expect([...outcomes]).toEqual([
      ['id-ana', 'already_done'],
      ['id-ben', 'disabled'],
      ['id-cruz', 'failed'],
    ]);
    expect(actions).toEqual({ planned: 3, applied: 1, alreadyDone: 1, failed: 1 });
    expect(w.directory.disableCalls).toEqual(['ben']);
    expect(outcomesJournaled).toEqual([
      ['ben', { ok: true, at: NOW }],
      ['cruz', { ok: false, error: 'SimulatedFailure', at: NOW }],
    ]);
  });

  it('reports progress every hundred actions and at the last one, whatever their outcome', async () => {
    const usernames = Array.from({ length: 102 }, (_, i) => `u${i}`);
    const w = world(usernames);
    w.directory.failOn.add('u7');
    await w.doneBefore('u3');

    await w.apply();

    const progress = w.log.lines.filter((l) => l.message === 'applying').map((l) => l.detail);
    expect(progress).toEqual([
      { done: 100, of: 102 },
      { done: 102, of: 102 },
    ]);
  });
});

describe('access ends the sign-in triggers enforce', () => {
  const ending = (username: string, source: string, accessEndsAt?: string): Finding => ({
    ...disable(username, source),
    ...(accessEndsAt ? { accessEndsAt } : {}),
  });
  const findings = [
    ending('ana', POOL, '2026-12-01T06:00:00.000Z'),
    ending('ben', POOL),
    ending('cruz', OTHER_POOL, '2026-12-02T06:00:00.000Z'),
  ];
  const directories = [new MemoryDirectory(POOL, []), new MemoryDirectory(OTHER_POOL, [])];

  it('are recorded per pool, only for accounts whose access ends, replacing all after a roster', async () => {
    const storage = memoryStorage();
    storage.accessEnds.ends.set(POOL, new Map([['gone', NOW]]));
    await recordAccessEnds(findings, { kind: 'roster' }, { directories, storage });
    expect([...storage.accessEnds.ends]).toEqual([
      [POOL, new Map([['ana', new Date('2026-12-01T06:00:00.000Z')]])],
      [OTHER_POOL, new Map([['cruz', new Date('2026-12-02T06:00:00.000Z')]])],
    ]);
  });

  it('are added to those known after a leavers list, which names only some people', async () => {
    const storage = memoryStorage();
    storage.accessEnds.ends.set(POOL, new Map([['gone', NOW]]));
    await recordAccessEnds(findings, { kind: 'leavers' }, { directories, storage });
    expect([...(storage.accessEnds.ends.get(POOL)?.keys() ?? [])]).toEqual(['gone', 'ana']);
  });
});

import { describe, expect, it } from 'vitest';
import {
  CheckpointMissingError,
  RunCheckpoints,
} from '../../../../functions/core/reconcile/run-checkpoints.js';
import type { Finding } from '../../../../functions/core/reconcile/situation.js';
import { account, feed, POOL, startedRun } from '../../fakes/builders.js';
import { MemoryCheckpoints } from '../../fakes/memory-services.js';

const NOW = new Date('2026-11-29T12:00:00Z');

function checkpoints() {
  const store = new MemoryCheckpoints();
  return { store, run: new RunCheckpoints(store, 'run-1') };
}

const finding = (i: number): Finding => ({
  source: POOL,
  username: `u${i}`,
  accountKey: `k${i}`,
  enabled: true,
  situation: 'active',
  match: 'employee_id',
  action: 'none',
  reason: 'active in HR',
});

describe('run checkpoints', () => {
  it('give back the dates of a run and of its accounts as dates, though stored as text', async () => {
    const { run } = checkpoints();
    const started = startedRun(feed(['E1,ana@x.org,Ana,active,']), 'apply', NOW);
    const finishedAt = new Date('2026-11-29T12:05:00Z');
    await run.saveState({ run: { ...started, finishedAt }, dryRun: false, groups: [], usage: {} });
    const state = await run.loadState();
    expect([state.run.startedAt, state.run.finishedAt]).toEqual([NOW, finishedAt]);

    const progress = {
      source: POOL,
      generation: 0,
      cursor: { segments: [] },
      parts: 1,
      accounts: 2,
      savedAt: NOW.toISOString(),
      done: true,
      restarts: 0,
      usage: {},
    };
    await run.putAccounts(progress, 0, [account('ana', { createdAt: NOW }), account('ben')]);
    const listed = [];
    for await (const a of run.accounts(progress)) listed.push(a);
    expect(listed.map((a) => a.createdAt)).toEqual([NOW, undefined]);
  });

  it('store a plan of more than 50,000 findings in parts of 50,000, and read it back whole, in order', async () => {
    const { store, run } = checkpoints();
    const plan = Array.from({ length: 50_001 }, (_, i) => finding(i));
    await run.savePlan(plan);
    expect([...store.parts.keys()]).toEqual(['run-1/plan/0', 'run-1/plan/1']);
    const loaded = await run.loadPlan();
    expect(loaded).toHaveLength(50_001);
    expect([loaded[0]?.username, loaded[49_999]?.username, loaded[50_000]?.username]).toEqual([
      'u0',
      'u49999',
      'u50000',
    ]);
  });

  it('store an empty plan as one part', async () => {
    const { store, run } = checkpoints();
    await run.savePlan([]);
    expect([...store.parts.keys()]).toEqual(['run-1/plan/0']);
    expect(await run.loadPlan()).toEqual([]);
  });

  it('read the outcomes of the batches applied so far, and no later ones', async () => {
    const { run } = checkpoints();
    await run.saveOutcomes(0, new Map([['a0', 'disabled']]));
    await run.saveOutcomes(1, new Map([['a1', 'failed']]));
    await run.saveOutcomes(2, new Map([['a2', 'disabled']]));
    expect([...(await run.loadOutcomes(2))]).toEqual([
      ['a0', 'disabled'],
      ['a1', 'failed'],
    ]);
  });

  it('refuse to go on without a checkpoint a step needs', async () => {
    const { run } = checkpoints();
    await expect(run.loadState()).rejects.toThrow(CheckpointMissingError);
    await expect(run.loadState()).rejects.toThrow('run run-1 has no checkpoint state');
    await expect(run.loadPlan()).rejects.toThrow(CheckpointMissingError);
  });
});

import { describe, expect, it } from 'vitest';
import { ListedFindings } from '../../../../functions/core/reconcile/listed-findings.js';
import type { RunMode, StoredFinding } from '../../../../functions/core/reconcile/run-record.js';
import { storedFinding } from '../../fakes/memory-review.js';

/** Records each write; `answer` decides how each one ends (at once, by default). */
function runStore(answer: (call: number) => Promise<void> = () => Promise.resolve()) {
  const writes: StoredFinding[][] = [];
  return {
    writes,
    saveFindings(_runId: string, findings: readonly StoredFinding[]) {
      writes.push([...findings]);
      return answer(writes.length);
    },
  };
}

const leavers = (n: number) =>
  Array.from({ length: n }, (_, i) => storedFinding(`l${i}`, 'leaver'));

function listed(mode: RunMode, store = runStore()) {
  return { store, findings: new ListedFindings(store, 'r-1', mode) };
}

describe('findings stored while the accounts are listed', () => {
  it('are every finding of a dry-run worth a review, 25 a write, the rest when flushed', async () => {
    const { store, findings } = listed('dry-run');
    for (const f of [...leavers(55), storedFinding('ana', 'active')]) findings.add(f);
    await findings.flush();
    expect(store.writes.map((w) => w.length)).toEqual([25, 25, 5]);
    const stored = store.writes.flat();
    expect(stored.map((f) => f.username)).not.toContain('ana');
    // No disable of a dry-run is ever applied.
    expect(new Set(stored.map((f) => f.outcome))).toEqual(new Set(['not_applied']));
  });

  it('in an applied run are those that plan no change: a disable is stored with its outcome at the end', async () => {
    const { store, findings } = listed('apply');
    const orphanInGrace = storedFinding('olga', 'orphan', { action: 'none', actionId: undefined });
    const disabledActive = storedFinding('dana', 'active', { enabled: false });
    const leaver = storedFinding('ben', 'leaver');
    const active = storedFinding('ana', 'active');
    expect(
      [orphanInGrace, disabledActive, leaver, active].map((f) => findings.storesNow(f)),
    ).toEqual([true, true, false, false]);
    for (const f of [orphanInGrace, disabledActive, leaver, active]) findings.add(f);
    await findings.flush();
    expect(store.writes).toEqual([[orphanInGrace, disabledActive]]);
  });

  it('are written one write at a time, so they never crowd the listing', async () => {
    const answers: (() => void)[] = [];
    const store = runStore(() => new Promise((resolve) => answers.push(resolve)));
    const { findings } = listed('dry-run', store);
    for (const f of leavers(50)) findings.add(f);
    const flushed = findings.flush();
    await Promise.resolve();
    expect(store.writes).toHaveLength(1);
    answers[0]?.();
    await new Promise((resolve) => setImmediate(resolve));
    expect(store.writes).toHaveLength(2);
    answers[1]?.();
    await flushed;
  });

  it('fail the flush when a write fails, and no write is made after it', async () => {
    const store = runStore((call) =>
      call === 1 ? Promise.reject(new Error('ProvisionedThroughputExceeded')) : Promise.resolve(),
    );
    const { findings } = listed('dry-run', store);
    for (const f of leavers(60)) findings.add(f);
    await expect(findings.flush()).rejects.toThrow('ProvisionedThroughputExceeded');
    expect(store.writes).toHaveLength(1);
  });

  it('are none when nothing is worth a review', async () => {
    const { store, findings } = listed('dry-run');
    findings.add(storedFinding('ana', 'active'));
    await findings.flush();
    expect(store.writes).toEqual([]);
  });
});

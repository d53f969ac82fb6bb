import { describe, expect, it } from 'vitest';
import { closeInterruptedRuns } from '../../../../functions/core/reconcile/interrupted-runs.js';
import { feed, startedRun } from '../../fakes/builders.js';
import { FixedClock, MemoryLog, MemoryNotifier } from '../../fakes/memory-services.js';
import { memoryStorage } from '../../fakes/memory-storage.js';

const NOW = new Date('2026-11-29T12:00:00Z');

describe('closing interrupted runs', () => {
  it('closes every other run left applying, never the run taking over', async () => {
    const { runs } = memoryStorage();
    const applying = {
      ...startedRun(feed(['E1,ana@x.org,Ana,active,']), 'apply', NOW),
      status: 'applying' as const,
    };
    await runs.saveRun({ ...applying, runId: 'run-old' });
    await runs.saveRun({ ...applying, runId: 'run-new' });
    const notifier = new MemoryNotifier();
    await closeInterruptedRuns('run-new', {
      runs,
      notifier,
      clock: new FixedClock(NOW),
      log: new MemoryLog(),
    });
    expect([
      (await runs.getRun('run-old'))?.status,
      (await runs.getRun('run-new'))?.status,
    ]).toEqual(['failed', 'applying']);
    expect(notifier.notices.map((n) => n.runId)).toEqual(['run-old']);
  });
});

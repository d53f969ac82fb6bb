import { describe, expect, it } from 'vitest';
import {
  approvalOf,
  markApproved,
  rejectRun,
} from '../../../../functions/core/reconcile/review-quarantine.js';
import {
  newRunRecord,
  type RunRecord,
  type RunStatus,
  type StoredFinding,
} from '../../../../functions/core/reconcile/run-record.js';
import { ReviewError } from '../../../../functions/core/shared/errors.js';
import { FixedClock, MemoryNotifier } from '../../fakes/memory-services.js';
import { MemoryRunStore } from '../../fakes/memory-storage.js';

const NOW = new Date('2026-11-29T12:00:00Z');

function runWith(runId: string, status: RunStatus): RunRecord {
  return {
    ...newRunRecord({
      runId,
      mode: 'apply',
      trigger: 'schedule',
      startedAt: NOW,
      feed: { kind: 'roster', source: 's3://hr-feeds/feeds/roster.csv', records: 3 },
    }),
    status,
    notes: ['earlier note'],
  };
}

const finding = (username: string, fields: Partial<StoredFinding>): StoredFinding => ({
  source: 'pool',
  username,
  accountKey: `sub-${username}`,
  enabled: true,
  situation: 'leaver',
  match: 'employee_id',
  action: 'none',
  reason: 'r',
  ...fields,
});

async function store(...runs: RunRecord[]) {
  const runStore = new MemoryRunStore();
  for (const run of runs) await runStore.saveRun(run);
  const notifier = new MemoryNotifier();
  return { runs: runStore, notifier, clock: new FixedClock(NOW) };
}

describe('approving a quarantined run', () => {
  it('lets through exactly the changes the run planned', async () => {
    const deps = await store(runWith('q-1', 'quarantined'));
    await deps.runs.saveFindings('q-1', [
      finding('ben', { action: 'disable', actionId: 'a-ben', outcome: 'not_applied' }),
      finding('cruz', { action: 'disable', actionId: 'a-cruz', outcome: 'not_applied' }),
      finding('dana', { situation: 'leaver_disabled', actionId: 'a-dana' }),
      finding('ops', { situation: 'orphan' }),
    ]);
    const { approval, run } = await approvalOf(deps.runs, 'q-1');
    expect(approval).toEqual({ runId: 'q-1', actionIds: new Set(['a-ben', 'a-cruz']) });
    expect(run.runId).toBe('q-1');
  });

  it('refuses a run that does not exist or is not quarantined', async () => {
    const deps = await store(runWith('c-1', 'completed'));
    await expect(approvalOf(deps.runs, 'nope')).rejects.toThrow(new ReviewError('no run nope'));
    await expect(approvalOf(deps.runs, 'c-1')).rejects.toThrow(
      'run c-1 is completed, not quarantined',
    );
  });

  it('records on the quarantined run which run applied it and how that ended', async () => {
    const quarantined = runWith('q-1', 'quarantined');
    const deps = await store(quarantined);
    await markApproved(deps.runs, quarantined, runWith('r-2', 'completed_with_errors'), {
      mark: { by: 'arn:aws:sts::1:assumed-role/Admin/ops', reason: 'HR confirmed the leavers' },
      at: NOW,
    });
    const recorded = deps.runs.records.get('q-1');
    expect(recorded?.notes).toEqual([
      'earlier note',
      'approved by an admin; run r-2 ended completed_with_errors',
    ]);
    expect(recorded?.review).toEqual({
      decision: 'approved',
      by: 'arn:aws:sts::1:assumed-role/Admin/ops',
      reason: 'HR confirmed the leavers',
      at: NOW,
      appliedBy: { runId: 'r-2', status: 'completed_with_errors' },
    });
  });

  it('names nobody for a direct invocation without a reviewer', async () => {
    const quarantined = runWith('q-1', 'quarantined');
    const deps = await store(quarantined);
    await markApproved(deps.runs, quarantined, runWith('r-2', 'completed'), { at: NOW });
    expect(deps.runs.records.get('q-1')?.review).toMatchObject({
      decision: 'approved',
      by: 'unnamed (the reconcile function was invoked directly)',
      reason: 'none given',
    });
  });

  it('refuses a run an admin already decided', async () => {
    const quarantined = runWith('q-1', 'quarantined');
    const deps = await store(quarantined);
    await markApproved(deps.runs, quarantined, runWith('r-2', 'completed'), { at: NOW });
    await expect(approvalOf(deps.runs, 'q-1')).rejects.toThrow(
      'run q-1 was already approved at 2026-11-29T12:00:00.000Z',
    );
    await expect(rejectRun('q-1', deps)).rejects.toBeInstanceOf(ReviewError);
  });
});

describe('rejecting a quarantined run', () => {
  it('closes it for good, says when, and tells the admins', async () => {
    const deps = await store(runWith('q-1', 'quarantined'));
    const rejected = await rejectRun('q-1', deps, { by: 'local:ops', reason: 'truncated feed' });
    expect(rejected.status).toBe('rejected');
    expect(rejected.review).toEqual({
      decision: 'rejected',
      by: 'local:ops',
      reason: 'truncated feed',
      at: NOW,
    });
    // Who decided is in the record, never in the notification.
    expect(deps.notifier.notices[0]?.message).not.toContain('local:ops');
    expect(rejected.notes).toEqual([
      'earlier note',
      'rejected by an admin at 2026-11-29T12:00:00.000Z; nothing was changed',
    ]);
    expect(deps.runs.records.get('q-1')?.status).toBe('rejected');
    expect(deps.notifier.notices.map((n) => [n.runId, n.status])).toEqual([['q-1', 'rejected']]);
  });

  it('refuses a run that is not quarantined, and changes nothing', async () => {
    const deps = await store(runWith('p-1', 'planned'));
    await expect(rejectRun('p-1', deps)).rejects.toBeInstanceOf(ReviewError);
    expect(deps.runs.records.get('p-1')?.status).toBe('planned');
    expect(deps.notifier.notices).toEqual([]);
  });
});

import { beforeEach, describe, expect, it, vi } from 'vitest';
import { decideQuarantine } from '../../../../functions/core/review/decide-quarantine.js';
import { RunNotFoundError } from '../../../../functions/core/review/errors.js';
import { InvalidInputError, ReviewError } from '../../../../functions/core/shared/errors.js';
import {
  MemoryAdminAudit,
  MemoryDecisions,
  MemoryRunHistory,
  reviewRun,
} from '../../fakes/memory-review.js';
import { FixedClock } from '../../fakes/memory-services.js';

const NOW = new Date('2026-11-30T12:00:00Z');
const ADMIN = 'arn:aws:iam::111122223333:user/it-admin';
let runs: MemoryRunHistory;
let decisions: MemoryDecisions;
let audit: MemoryAdminAudit;
const deps = () => ({ runs, decisions, audit, clock: new FixedClock(NOW) });

beforeEach(async () => {
  runs = new MemoryRunHistory();
  decisions = new MemoryDecisions(runs, NOW);
  audit = new MemoryAdminAudit();
  await runs.saveRun(reviewRun('r-q', '2026-11-30T10:00:00Z', { status: 'quarantined' }));
  await runs.saveRun(reviewRun('r-done', '2026-11-30T11:00:00Z'));
});

describe('deciding a quarantined run', () => {
  it('approves through the reconcile path with who and why, and audits the outcome', async () => {
    const result = await decideQuarantine(
      { runId: 'r-q', decision: 'approve', reason: '  leavers confirmed by HR ', actor: ADMIN },
      deps(),
    );
    expect(decisions.calls).toEqual([
      {
        decision: 'approve',
        runId: 'r-q',
        review: { by: ADMIN, reason: 'leavers confirmed by HR' },
      },
    ]);
    expect(result.decided).toMatchObject({ runId: 'r-q-applied', status: 'completed' });
    expect(result.run.review).toMatchObject({ decision: 'approved', by: ADMIN });
    expect(audit.entries).toEqual([
      expect.objectContaining({
        action: 'run.approve',
        actor: ADMIN,
        target: 'r-q',
        reason: 'leavers confirmed by HR',
        outcome: 'completed',
        at: NOW,
      }),
    ]);
  });

  it('rejects, recorded with the reason', async () => {
    const result = await decideQuarantine(
      { runId: 'r-q', decision: 'reject', reason: 'truncated feed', actor: ADMIN },
      deps(),
    );
    expect(result.run.status).toBe('rejected');
    expect(audit.entries[0]).toMatchObject({ action: 'run.reject', outcome: 'rejected' });
  });

  it('refuses before invoking anything: no reason, an unknown run, a run not quarantined, a run decided', async () => {
    await expect(
      decideQuarantine({ runId: 'r-q', decision: 'approve', reason: '  ', actor: ADMIN }, deps()),
    ).rejects.toThrow(InvalidInputError);
    await expect(
      decideQuarantine({ runId: 'r-x', decision: 'approve', reason: 'r', actor: ADMIN }, deps()),
    ).rejects.toThrow(RunNotFoundError);
    await expect(
      decideQuarantine({ runId: 'r-done', decision: 'reject', reason: 'r', actor: ADMIN }, deps()),
    ).rejects.toThrow(/is completed, not quarantined/);
    await decideQuarantine({ runId: 'r-q', decision: 'reject', reason: 'r', actor: ADMIN }, deps());
    await expect(
      decideQuarantine({ runId: 'r-q', decision: 'approve', reason: 'r', actor: ADMIN }, deps()),
    ).rejects.toThrow(ReviewError);
    expect(decisions.calls).toHaveLength(1);
    // Every refusal after the input is valid is audited, with who asked and why.
    expect(audit.entries.map((e) => [e.target, e.action, e.outcome, e.actor])).toEqual([
      ['r-x', 'run.approve', 'refused', ADMIN],
      ['r-done', 'run.reject', 'refused', ADMIN],
      ['r-q', 'run.reject', 'rejected', ADMIN],
      ['r-q', 'run.approve', 'refused', ADMIN],
    ]);
  });

  it('lets a failure to read the run through, not audited as a refusal', async () => {
    vi.spyOn(runs, 'getRun').mockRejectedValue(new Error('read timed out'));
    await expect(
      decideQuarantine({ runId: 'r-q', decision: 'approve', reason: 'r', actor: ADMIN }, deps()),
    ).rejects.toThrow('read timed out');
    expect(audit.entries).toEqual([]);
  });

  it('audits a decision that failed, and lets the error through', async () => {
    decisions.failWith = new ReviewError('the run lock is held');
    await expect(
      decideQuarantine({ runId: 'r-q', decision: 'approve', reason: 'ok', actor: ADMIN }, deps()),
    ).rejects.toThrow('the run lock is held');
    expect(audit.entries[0]?.outcome).toBe('failed: ReviewError');
  });
});

describe('deciding a quarantined run, field by field', () => {
  it('names a missing reason', async () => {
    await expect(
      decideQuarantine({ runId: 'r-q', decision: 'reject', reason: ' ', actor: ADMIN }, deps()),
    ).rejects.toThrow(
      'invalid review: reason: is required: say why, it is recorded with your decision',
    );
  });

  it('gives each decision its own audit id', async () => {
    await runs.saveRun(reviewRun('r-q2', '2026-11-30T10:30:00Z', { status: 'quarantined' }));
    for (const runId of ['r-q', 'r-q2']) {
      await decideQuarantine(
        { runId, decision: 'reject', reason: 'stale feed', actor: ADMIN },
        deps(),
      );
    }
    const [first, second] = audit.entries.map((e) => e.id);
    expect(first).toMatch(/^review-[0-9a-f]{16}$/);
    expect(second).toMatch(/^review-[0-9a-f]{16}$/);
    expect(second).not.toBe(first);
  });
});

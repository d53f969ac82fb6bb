import { describe, expect, it } from 'vitest';
import type { FeedProblem } from '../../../../functions/core/hr/hr-record.js';
import { rejectFeed } from '../../../../functions/core/reconcile/reject-feed.js';
import { FixedClock, MemoryNotifier, sequentialIds } from '../../fakes/memory-services.js';
import { MemoryRunStore } from '../../fakes/memory-storage.js';

const NOW = new Date('2026-11-29T12:00:00Z');

function reject(problems: FeedProblem[]) {
  const deps = {
    runs: new MemoryRunStore(),
    notifier: new MemoryNotifier(),
    clock: new FixedClock(NOW),
    ids: sequentialIds(),
  };
  const feed = { kind: 'roster' as const, source: 's3://hr-feeds/feeds/roster.csv' };
  return { deps, run: rejectFeed(feed, problems, 'schedule', deps) };
}

const badEmail = (line: number): FeedProblem => ({
  location: String(line),
  field: 'email',
  reason: `is not a valid email address (got "ana.lopez-${line}")`,
});

describe('a rejected feed', () => {
  it('is recorded as a rejected run that listed and changed nothing, and admins are told', async () => {
    const { deps, run } = reject([badEmail(2)]);
    const rejected = await run;
    expect(rejected).toMatchObject({
      runId: 'run-001',
      status: 'rejected',
      mode: 'dry-run',
      trigger: 'schedule',
      startedAt: NOW,
      finishedAt: NOW,
      accounts: 0,
      feed: { kind: 'roster', source: 's3://hr-feeds/feeds/roster.csv', records: 0 },
      actions: { planned: 0, applied: 0 },
    });
    expect(deps.runs.records.get('run-001')?.status).toBe('rejected');
    expect(deps.notifier.notices).toEqual([
      expect.objectContaining({ runId: 'run-001', status: 'rejected' }),
    ]);
  });

  it('says where the problems are, never the values found there', async () => {
    const { deps, run } = reject([
      { location: null, field: null, reason: 'the feed has no records' },
      badEmail(2),
    ]);
    const rejected = await run;
    expect(rejected.notes).toEqual([
      'HR feed rejected with 2 problem(s); nothing was changed. Run `warden hr validate` on the file for details.',
      'feed: row',
      '2: email',
    ]);
    expect(deps.notifier.notices[0]?.message).not.toContain('ana.lopez');
  });

  it('lists at most twenty problem locations, and counts them all', async () => {
    const rejected = await reject(Array.from({ length: 25 }, (_, i) => badEmail(i + 2))).run;
    expect(rejected.notes[0]).toMatch(/^HR feed rejected with 25 problem\(s\)/);
    expect(rejected.notes).toHaveLength(21);
    expect(rejected.notes.at(-1)).toBe('21: email');
  });
});

import { describe, expect, it } from 'vitest';
import { reportFinding } from '../../../../functions/core/reconcile/render-report.js';
import { changesSince } from '../../../../functions/core/review/run-changes.js';
import { reviewRun, storedFinding } from '../../fakes/memory-review.js';

const previous = {
  run: reviewRun('r-1', '2026-11-29T10:00:00Z'),
  findings: [
    storedFinding('ben', 'leaver', { outcome: 'disabled' }),
    storedFinding('olga', 'orphan'),
    storedFinding('otto', 'orphan'),
    storedFinding('fay', 'future_leaver'),
  ].map(reportFinding),
};

describe('changes since the previous run', () => {
  it('finds new leavers, newly disabled accounts, resolved and new orphans', () => {
    const current = {
      run: reviewRun('r-2', '2026-11-30T10:00:00Z'),
      findings: [
        storedFinding('ben', 'leaver_disabled', { enabled: false }),
        storedFinding('cai', 'leaver', { outcome: 'disabled' }),
        storedFinding('fay', 'leaver', { outcome: 'already_done' }),
        storedFinding('otto', 'active'),
        storedFinding('nia', 'orphan'),
      ].map(reportFinding),
    };
    const changes = changesSince(previous, current);
    const names = (list: { accounts: { username: string }[] }) =>
      list.accounts.map((a) => a.username);
    expect(names(changes.newLeavers)).toEqual(['cai']);
    expect(names(changes.newlyDisabled)).toEqual(['cai', 'fay']);
    expect(changes.resolvedOrphans.accounts).toEqual([
      {
        source: 'pool-a',
        username: 'olga',
        employeeId: 'E-olga',
        situation: null,
        previousSituation: 'orphan',
      },
      {
        source: 'pool-a',
        username: 'otto',
        employeeId: 'E-otto',
        situation: 'active',
        previousSituation: 'orphan',
      },
    ]);
    expect(names(changes.newOrphans)).toEqual(['nia']);
    expect(changes).toMatchObject({ previousRunId: 'r-1', notes: [] });
  });

  it('caps each list and says how many there are; warns when the feeds differ in kind', () => {
    const current = {
      run: reviewRun('r-2', '2026-11-30T10:00:00Z', {
        feed: { kind: 'leavers', source: 's3://f/leavers.csv', records: 3 },
      }),
      findings: ['a', 'b', 'c'].map((u) => reportFinding(storedFinding(u, 'leaver'))),
    };
    const changes = changesSince(previous, current, 2);
    expect(changes.newLeavers.count).toBe(3);
    expect(changes.newLeavers.accounts).toHaveLength(2);
    expect(changes.notes[0]).toMatch(/orphans are decided only from a full roster/);
  });
});

describe('changes since the previous run, rule by rule', () => {
  const run = reviewRun('r-2', '2026-11-30T10:00:00Z');
  const keys = (list: { accounts: { source: string; username: string }[] }) =>
    list.accounts.map((a) => `${a.source}/${a.username}`);

  it('counts a future leaver as leaving, whether new or already listed', () => {
    const changes = changesSince(
      { run: previous.run, findings: [reportFinding(storedFinding('fay', 'future_leaver'))] },
      {
        run,
        findings: [storedFinding('fay', 'leaver'), storedFinding('gus', 'future_leaver')].map(
          reportFinding,
        ),
      },
    );
    expect(keys(changes.newLeavers)).toEqual(['pool-a/gus']);
  });

  it('neither resolves nor adds an orphan found by both runs', () => {
    const findings = [reportFinding(storedFinding('olga', 'orphan'))];
    const changes = changesSince({ run: previous.run, findings }, { run, findings: [...findings] });
    expect(changes.newOrphans.count).toBe(0);
    expect(changes.resolvedOrphans.count).toBe(0);
  });

  it('lists accounts by pool, then username', () => {
    const changes = changesSince(
      { run: previous.run, findings: [] },
      {
        run,
        findings: [
          storedFinding('mia', 'leaver'),
          storedFinding('alex', 'leaver', { source: 'pool-b' }),
          storedFinding('zoe', 'leaver'),
        ].map(reportFinding),
      },
    );
    expect(keys(changes.newLeavers)).toEqual(['pool-a/mia', 'pool-a/zoe', 'pool-b/alex']);
  });

  it('tells apart accounts of one username in two pools', () => {
    const changes = changesSince(
      {
        run: previous.run,
        findings: [
          storedFinding('sam', 'orphan'),
          storedFinding('sam', 'leaver', { source: 'pool-b' }),
        ].map(reportFinding),
      },
      {
        run,
        findings: [
          storedFinding('sam', 'leaver'),
          storedFinding('sam', 'orphan', { source: 'pool-b' }),
        ].map(reportFinding),
      },
    );
    expect(keys(changes.newLeavers)).toEqual(['pool-a/sam']);
    expect(keys(changes.newOrphans)).toEqual(['pool-b/sam']);
    expect(changes.resolvedOrphans.accounts).toEqual([
      expect.objectContaining({
        source: 'pool-a',
        situation: 'leaver',
        previousSituation: 'orphan',
      }),
    ]);
  });
});

import { describe, expect, it } from 'vitest';
import { whatIf } from '../../../../functions/core/reconcile/what-if.js';
import { account, config, feed } from '../../fakes/builders.js';

const NOW = new Date('2026-11-29T12:00:00Z');
const ROWS = ['E1,ana@x.org,Ana,active,', 'E2,ben@x.org,Ben,leaver,2025-01-31'];
const ACCOUNTS = [
  account('ana', { employeeId: 'E1' }),
  account('ben', { employeeId: 'E2' }),
  account('ops'),
];
const LENIENT = { guard: { maxDisablePercent: 100 } };

describe('what-if', () => {
  it('plans a dry-run from accounts in hand, applying nothing', () => {
    const { run, findings } = whatIf(feed(ROWS), ACCOUNTS, config(LENIENT), NOW, 'w-1');
    expect(run).toMatchObject({
      runId: 'w-1',
      mode: 'dry-run',
      trigger: 'what-if',
      status: 'planned',
      startedAt: NOW,
      finishedAt: NOW,
      accounts: 3,
      actions: { planned: 1, applied: 0 },
    });
    expect(findings.map((f) => [f.username, f.situation, f.outcome])).toEqual([
      ['ana', 'active', undefined],
      ['ben', 'leaver', 'not_applied'],
      ['ops', 'orphan', undefined],
    ]);
    // A complete account export and a feed read as given: nothing to note.
    expect(run.notes).toEqual([]);
  });

  it('shows whether the guard would quarantine the real run', () => {
    const { run } = whatIf(feed(ROWS), ACCOUNTS, config(), NOW, 'w-1');
    expect(run.status).toBe('quarantined');
    expect(run.guard?.reasons).toEqual([
      'plan disables 33.3% of 3 enabled accounts, more than maxDisablePercent 20%',
    ]);
  });

  it('remembers nothing: every orphan is seen for the first time now', () => {
    const orphans = { orphans: { policy: 'disable', graceDays: 14 }, ...LENIENT };
    const { findings } = whatIf(feed(ROWS), ACCOUNTS, config(orphans), NOW, 'w-1');
    expect(findings.find((f) => f.username === 'ops')).toMatchObject({
      situation: 'orphan',
      action: 'none',
      reason: expect.stringMatching(
        /^no HR record since 2026-11-29T12:00:00\.000Z; disabled after/,
      ),
    });
  });
});

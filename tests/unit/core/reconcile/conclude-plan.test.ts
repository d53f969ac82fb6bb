import { describe, expect, it } from 'vitest';
import type { Account } from '../../../../functions/core/account.js';
import type { ReconcileConfig } from '../../../../functions/core/config/reconcile-config.js';
import { type Approval, concludePlan } from '../../../../functions/core/reconcile/conclude-plan.js';
import type { FeedBaseline } from '../../../../functions/core/reconcile/feed-baseline.js';
import type { RunMode } from '../../../../functions/core/reconcile/run-record.js';
import {
  type SourcePlan,
  SourcePlanner,
} from '../../../../functions/core/reconcile/source-plan.js';
import { account, classifyContext, config, feed, startedRun } from '../../fakes/builders.js';
import { ROWS } from '../../fakes/reconcile-world.js';

const NOW = new Date('2026-11-29T12:00:00Z');
const PEOPLE = [
  account('ana', { employeeId: 'E1' }),
  account('ben', { employeeId: 'E2' }),
  account('cruz', { employeeId: 'E3' }),
];
/** Two leavers among three accounts: only the count rule is left to trip. */
const LENIENT = config({ guard: { maxDisablePercent: 100 } });
const STRICT = config({ guard: { maxDisablePercent: 100, maxDisableCount: 1 } });

function planOf(accounts: Account[], cfg = LENIENT, source = 'pool-a'): SourcePlan {
  const planner = new SourcePlanner(classifyContext(feed(ROWS), NOW, cfg));
  for (const a of accounts) planner.add({ ...a, source });
  return planner.result();
}

function conclude(
  options: {
    sources?: SourcePlan[];
    cfg?: ReconcileConfig;
    mode?: RunMode;
    kind?: 'roster' | 'leavers';
    baseline?: FeedBaseline;
    approval?: Approval;
  } = {},
) {
  const cfg = options.cfg ?? LENIENT;
  return concludePlan({
    run: startedRun(feedOf(options.kind), options.mode ?? 'apply', NOW),
    sources: options.sources ?? [planOf(PEOPLE, cfg)],
    config: cfg,
    baseline: options.baseline,
    approval: options.approval,
  });
}

/** A leavers-only feed lists only the leavers. */
const feedOf = (kind: 'roster' | 'leavers' = 'roster') =>
  feed(kind === 'leavers' ? ROWS.slice(1) : ROWS, kind);

const disableIds = (plan: SourcePlan) =>
  plan.findings.filter((f) => f.action === 'disable').map((f) => f.actionId as string);

describe('concluding a plan', () => {
  it('tells admins, by count, of accounts enabled outside Warden after Warden disabled them', () => {
    const plain = planOf(PEOPLE);
    const again = { ...plain, enabledAgain: 2 };
    expect(conclude({ sources: [again, { ...plain, enabledAgain: 1 }] }).run.notes).toEqual([
      "3 account(s) Warden had disabled were enabled again outside Warden and are disabled again (each one's reason in the report names Warden's earlier disable)",
    ]);
    expect(conclude({ sources: [again], mode: 'dry-run' }).run.notes[0]).toMatch(
      /^2 account\(s\) .* and would be disabled again/,
    );
    expect(conclude({ sources: [plain] }).run.notes).toEqual([]);
  });

  it('goes on to apply a plan within the guard, and stops a dry-run at planned', () => {
    const applied = conclude();
    expect(applied.run).toMatchObject({
      status: 'applying',
      accounts: 3,
      actions: { planned: 2, applied: 0 },
      guard: { tripped: false, disableCount: 2, enabledCount: 3 },
    });
    expect(applied.run.counts).toMatchObject({ active: 1, leaver: 2 });
    expect(conclude({ mode: 'dry-run' }).run.status).toBe('planned');
  });

  it('totals the plans of every source', () => {
    const { run, findings } = conclude({
      sources: [planOf(PEOPLE.slice(0, 2), LENIENT, 'pool-a'), planOf(PEOPLE, LENIENT, 'pool-b')],
    });
    expect(run.accounts).toBe(5);
    expect(run.counts).toMatchObject({ active: 2, leaver: 3 });
    expect(run.actions.planned).toBe(3);
    expect(findings.map((f) => `${f.source}/${f.username}`)).toEqual([
      'pool-a/ana',
      'pool-a/ben',
      'pool-b/ana',
      'pool-b/ben',
      'pool-b/cruz',
    ]);
  });

  it('quarantines a plan the guard stops, in a dry-run as in a real run', () => {
    for (const mode of ['apply', 'dry-run'] as const) {
      const { run } = conclude({ cfg: STRICT, mode });
      expect(run.status).toBe('quarantined');
      expect(run.guard?.reasons).toEqual(['plan disables 2 accounts, more than maxDisableCount 1']);
    }
  });

  it('quarantines a roster that shrank sharply since the last accepted feed', () => {
    const baseline = { kind: 'roster' as const, records: 10, runId: 'r-0', acceptedAt: NOW };
    const { run } = conclude({ baseline });
    expect(run.status).toBe('quarantined');
    expect(run.guard?.reasons[0]).toMatch(/^roster shrank by 70% \(10 -> 3 records\)/);
  });

  it('lets through, once approved, exactly the changes of the quarantined plan', () => {
    const plan = planOf(PEOPLE, STRICT);
    const approval = { runId: 'q-1', actionIds: new Set(disableIds(plan)) };
    const { run } = conclude({ cfg: STRICT, sources: [plan], approval });
    expect(run.status).toBe('applying');
    expect(run.guard).toMatchObject({
      tripped: false,
      reasons: [
        'plan disables 2 accounts, more than maxDisableCount 1',
        'approved by an admin (quarantined run q-1)',
      ],
    });
    expect(run.notes).toContain('applies the plan of quarantined run q-1, approved by an admin');
  });

  it('lets through an approved plan that has since lost a change', () => {
    const approval = { runId: 'q-1', actionIds: new Set(disableIds(planOf(PEOPLE, STRICT))) };
    const cfg = config({ guard: { maxDisablePercent: 100, maxDisableCount: 0 } });
    const shrunk = planOf(PEOPLE.slice(0, 2), cfg);
    expect(conclude({ cfg, sources: [shrunk], approval }).run.status).toBe('applying');
  });

  it('keeps quarantined a plan that grew since it was approved, saying by how much', () => {
    const plan = planOf(PEOPLE, STRICT);
    const approval = { runId: 'q-1', actionIds: new Set(disableIds(plan).slice(0, 1)) };
    const { run } = conclude({ cfg: STRICT, sources: [plan], approval });
    expect(run.status).toBe('quarantined');
    expect(run.guard?.reasons.at(-1)).toBe('1 planned change(s) were not in approved run q-1');
    // Nothing is noted of an approval that did not let the plan through.
    expect(run.notes).toEqual([]);
  });

  it('keeps quarantined a plan of other changes, even as many as were approved', () => {
    const plan = planOf(PEOPLE, STRICT);
    const approval = { runId: 'q-1', actionIds: new Set(['other-1', 'other-2']) };
    const { run } = conclude({ cfg: STRICT, sources: [plan], approval });
    expect(run.status).toBe('quarantined');
    expect(run.guard?.reasons.at(-1)).toBe('2 planned change(s) were not in approved run q-1');
  });

  it('weighs the plan against the enabled accounts only', () => {
    // One leaver among two enabled accounts is 50%; among all five it would be 20%.
    const accounts = [
      account('ana', { employeeId: 'E1' }),
      account('ben', { employeeId: 'E2' }),
      account('cruz', { employeeId: 'E3', enabled: false }),
      account('old-1', { enabled: false }),
      account('old-2', { enabled: false }),
    ];
    const cfg = config();
    const { run } = conclude({ cfg, sources: [planOf(accounts, cfg)] });
    expect(run.guard).toMatchObject({ tripped: true, enabledCount: 2, disablePercent: 50 });
  });

  it('needs no approval note for a plan the guard lets through anyway', () => {
    const approval = { runId: 'q-1', actionIds: new Set<string>() };
    const { run } = conclude({ approval });
    expect(run.status).toBe('applying');
    expect(run.guard?.reasons).toEqual([]);
    expect(run.notes).toEqual([]);
  });

  it('says that a leavers-only feed decides no orphans', () => {
    const { run } = conclude({ kind: 'leavers' });
    expect(run.notes).toEqual([
      'leavers-only feed: accounts of people not listed are "unmatched"; orphans were not decided',
    ]);
    expect(conclude({ kind: 'roster' }).run.notes).toEqual([]);
  });

  it('merges the MFA posture of every source, and has none when no source was checked', () => {
    const gap = (username: string) => ({ source: 'pool', username, groups: [] });
    const withPosture = (checked: number, usernames: string[]) => ({
      ...planOf(PEOPLE),
      posture: { checked, withoutVerifiedEmail: usernames.map(gap) },
    });
    const { run } = conclude({
      sources: [withPosture(2, ['ana']), withPosture(3, ['eva', 'fio'])],
    });
    expect(run.posture).toEqual({
      checked: 5,
      withoutVerifiedEmail: [gap('ana'), gap('eva'), gap('fio')],
    });
    expect(conclude().run.posture).toBeUndefined();
  });

  it('leaves the run it was given as it was', () => {
    const started = startedRun(feed(ROWS), 'apply', NOW);
    concludePlan({ run: started, sources: [planOf(PEOPLE)], config: LENIENT, baseline: undefined });
    expect(started).toMatchObject({ status: 'planned', accounts: 0, notes: [] });
    expect(started.counts.leaver).toBe(0);
  });
});

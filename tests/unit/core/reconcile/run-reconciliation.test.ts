import { describe, expect, it, vi } from 'vitest';
import type { HtmlReportRenderer } from '../../../../functions/core/reconcile/ports.js';
import {
  renderCsvReport,
  renderJsonReport,
} from '../../../../functions/core/reconcile/render-report.js';
import { approvalOf, rejectRun } from '../../../../functions/core/reconcile/review-quarantine.js';
import { runReconciliation } from '../../../../functions/core/reconcile/run-reconciliation.js';
import { newRunRecord } from '../../../../functions/core/reconcile/run-record.js';
import { RunInProgressError } from '../../../../functions/core/shared/errors.js';
import { account, config, feed, POOL } from '../../fakes/builders.js';
import {
  FixedClock,
  MemoryDirectory,
  MemoryLog,
  MemoryNotifier,
  MemoryReports,
  sequentialIds,
} from '../../fakes/memory-services.js';
import { memoryStorage } from '../../fakes/memory-storage.js';

const ROWS = [
  'E1,ana@x.org,Ana,active,',
  'E2,ben@x.org,Ben,leaver,2025-01-31',
  'E3,cruz@x.org,Cruz,leaver,2025-02-28',
  'E4,dana@x.org,Dana,active,',
  'E5,eli@x.org,Eli,active,',
];

function world(
  accounts = [
    account('ana', { employeeId: 'E1' }),
    account('ben', { employeeId: 'E2' }),
    account('cruz', { employeeId: 'E3' }),
    account('dana', { employeeId: 'E4' }),
    account('eli', { employeeId: 'E5' }),
    account('press-ops', {}),
  ],
) {
  const directory = new MemoryDirectory(POOL, accounts);
  const storage = memoryStorage();
  const reports = new MemoryReports();
  const notifier = new MemoryNotifier();
  const clock = new FixedClock(new Date('2026-11-29T12:00:00Z'));
  const log = new MemoryLog();
  const deps = {
    directories: [directory],
    storage,
    reports,
    notifier,
    clock,
    ids: sequentialIds(),
    log,
  };
  // Two leavers among six accounts is 33%: this small world needs a looser percentage rule.
  const run = (dryRun: boolean, rows = ROWS, overrides: Record<string, unknown> = {}) =>
    runReconciliation(
      {
        feed: feed(rows),
        config: config({ guard: { maxDisablePercent: 50 }, ...overrides }),
        dryRun,
        trigger: 'test',
      },
      deps,
    );
  const review = { runs: storage.runs, notifier, clock };
  return { directory, storage, reports, notifier, clock, log, deps, review, run };
}

const enabled = (d: MemoryDirectory) => d.accounts.filter((a) => a.enabled).map((a) => a.username);

describe('the findings a run stores while it lists', () => {
  const strays = Array.from({ length: 30 }, (_, i) => account(`stray-${i}`, {}));
  /** The findings stored when the directory has given its last account. */
  function listedWorld(thenFail = false) {
    const w = world([account('ana', { employeeId: 'E1' }), ...strays]);
    const stored = { whenListed: -1 };
    const list = w.directory.listAccounts.bind(w.directory);
    w.directory.listAccounts = async function* () {
      yield* list();
      stored.whenListed = [...w.storage.runs.findings.values()].flat().length;
      if (thenFail) throw new Error('ServiceUnavailable');
    };
    return { w, stored };
  }

  it('are written as the accounts come, 25 at a time, and the rest at the end', async () => {
    const { w, stored } = listedWorld();
    const { run } = await w.run(true);
    expect(stored.whenListed).toBe(25);
    // Thirty orphans seen for the first time; the active person is not kept.
    expect(
      w.storage.runs.findings
        .get(run.runId)
        ?.map((f) => f.username)
        .sort(),
    ).toEqual(strays.map((a) => a.username).sort());
  });

  it('stay stored under the failed run when the listing fails', async () => {
    const { w, stored } = listedWorld(true);
    await expect(w.run(true)).rejects.toThrow('ServiceUnavailable');
    const [failed] = w.storage.runs.records.values();
    expect(failed?.status).toBe('failed');
    expect(w.storage.runs.findings.get(failed?.runId as string)).toHaveLength(stored.whenListed);
  });
});

describe('a reconciliation run', () => {
  it('dry-run plans and reports everything and changes nothing', async () => {
    const w = world();
    const { run, findings } = await w.run(true);
    expect(run.status).toBe('planned');
    expect(run.counts).toMatchObject({ active: 3, leaver: 2, orphan: 1 });
    expect(
      findings.filter((f) => f.action === 'disable').map((f) => [f.username, f.outcome]),
    ).toEqual([
      ['ben', 'not_applied'],
      ['cruz', 'not_applied'],
    ]);
    expect(w.directory.disableCalls).toEqual([]);
    expect(enabled(w.directory)).toHaveLength(6);
    expect(w.storage.journal.audit).toEqual([]);
    expect(w.reports.written.has(run.runId)).toBe(true);
  });

  it("reports each finding of a dry-run over many accounts, as at the run's end", async () => {
    const w = world([
      account('ana', { employeeId: 'E1' }),
      account('ben', { employeeId: 'E2' }),
      ...Array.from({ length: 1_100 }, (_, i) => account(`guest-${i}`, {})),
    ]);
    const { run, findings } = await w.run(true);
    const written = w.reports.written.get(run.runId);
    expect(written?.csv).toBe(renderCsvReport(findings));
    // The JSON report is written before the run has its end and its reports' addresses.
    const { finishedAt: _, reports: __, ...reported } = run;
    expect(written?.json).toBe(renderJsonReport(reported, findings));
    expect(findings).toHaveLength(1_102);
  });

  it('apply disables the leavers, audits each change and records the run', async () => {
    const w = world();
    const { run } = await w.run(false);
    expect(run.status).toBe('completed');
    expect(run.actions).toEqual({ planned: 2, applied: 2, alreadyDone: 0, failed: 0 });
    expect(w.directory.disableCalls).toEqual(['ben', 'cruz']);
    expect(w.storage.journal.audit.map((a) => [a.username, a.kind, a.runId])).toEqual([
      ['ben', 'disable', run.runId],
      ['cruz', 'disable', run.runId],
    ]);
    expect(w.storage.runs.records.get(run.runId)?.status).toBe('completed');
    expect(w.storage.runs.findings.get(run.runId)?.map((f) => f.username)).toEqual([
      'ben',
      'cruz',
      'press-ops',
    ]);
  });

  it('a second run changes nothing and adds no audit entries', async () => {
    const w = world();
    await w.run(false);
    const { run } = await w.run(false);
    expect(run.counts).toMatchObject({ leaver: 0, leaver_disabled: 2 });
    expect(run.actions.planned).toBe(0);
    expect(w.directory.disableCalls).toEqual(['ben', 'cruz']);
    expect(w.storage.journal.audit).toHaveLength(2);
  });

  it('disables again a person who left, was rehired and left again', async () => {
    const w = world();
    await w.run(false);
    // Rehired: HR lists Ben as active again and an admin re-enables his account by hand.
    const ben = w.directory.accounts.find((a) => a.username === 'ben') as { enabled: boolean };
    ben.enabled = true;
    const rehired = ROWS.map((row) =>
      row.replace('E2,ben@x.org,Ben,leaver,2025-01-31', 'E2,ben@x.org,Ben,active,'),
    );
    expect((await w.run(false, rehired)).run.counts).toMatchObject({ active: 4 });

    const leftAgain = ROWS.map((row) => row.replace('2025-01-31', '2026-10-31'));
    const { findings } = await w.run(false, leftAgain);
    expect(findings.find((f) => f.username === 'ben')).toMatchObject({ outcome: 'disabled' });
    expect(ben.enabled).toBe(false);
    expect(w.storage.journal.audit.map((a) => a.username)).toEqual(['ben', 'cruz', 'ben']);
  });

  it('disables again, as a new audited change, a leaver whose account was enabled outside Warden', async () => {
    const w = world();
    await w.run(false);
    // Enabled again in the user pool itself, not restored through Warden.
    const ben = w.directory.accounts.find((a) => a.username === 'ben') as { enabled: boolean };
    ben.enabled = true;
    w.clock.current = new Date('2026-11-29T13:00:00Z');

    const { run, findings } = await w.run(false);
    const first = w.storage.journal.audit[0]?.actionId;
    expect(findings.find((f) => f.username === 'ben')).toMatchObject({
      situation: 'leaver',
      action: 'disable',
      outcome: 'disabled',
      reason: expect.stringContaining(
        `Warden disabled the account at 2026-11-29T12:00:00.000Z (action ${first}) and it has been enabled again outside Warden`,
      ),
    });
    expect(run.actions).toMatchObject({ planned: 1, applied: 1, alreadyDone: 0 });
    const note =
      "1 account(s) Warden had disabled were enabled again outside Warden and are disabled again (each one's reason in the report names Warden's earlier disable)";
    expect(run.notes).toContain(note);
    expect(w.notifier.notices.at(-1)?.message).toContain(note);
    expect(ben.enabled).toBe(false);
    const audited = w.storage.journal.audit.filter((a) => a.username === 'ben');
    expect(audited).toHaveLength(2);
    expect(audited[1]?.actionId).not.toBe(first);

    // Enabled outside Warden once more: a third change, under an id of its own.
    ben.enabled = true;
    w.clock.current = new Date('2026-11-29T14:00:00Z');
    await w.run(false);
    expect(ben.enabled).toBe(false);
    const ids = w.storage.journal.audit.filter((a) => a.username === 'ben').map((a) => a.actionId);
    expect(new Set(ids).size).toBe(3);
  });

  it('disables again an offboarded account enabled outside Warden while the feed still lists the person as active', async () => {
    const w = world();
    const offboardingAction = 'offboarding-action-dana';
    w.storage.memory.offboardedBy.set(POOL, new Map([['sub-dana', 'ofb-1']]));
    w.storage.memory.markDisabled(
      POOL,
      'sub-dana',
      offboardingAction,
      new Date('2026-11-28T09:00:00Z'),
    );

    const { findings } = await w.run(false);
    expect(findings.find((f) => f.username === 'dana')).toMatchObject({
      situation: 'leaver',
      action: 'disable',
      offboardingId: 'ofb-1',
      outcome: 'disabled',
      reason: expect.stringMatching(
        /^offboarded by ofb-1; the feed still lists the person as active; Warden disabled the account at 2026-11-28T09:00:00.000Z \(action offboarding-action-dana\) and it has been enabled again outside Warden/,
      ),
    });
    expect(enabled(w.directory)).not.toContain('dana');
  });

  it('does not take an account Warden disabled after the run began for one enabled outside Warden', async () => {
    const w = world();
    // An offboarding disabled Ben after this run's listing saw his account enabled.
    w.storage.memory.markDisabled(
      POOL,
      'sub-ben',
      'offboarding-action-ben',
      new Date('2026-11-29T12:00:01Z'),
    );
    const { findings } = await w.run(false);
    const ben = findings.find((f) => f.username === 'ben');
    expect(ben?.reason).not.toMatch(/outside Warden/);
    expect(ben).toMatchObject({ situation: 'leaver', outcome: 'disabled' });
  });

  it('converges after a failure mid-apply, auditing each change exactly once', async () => {
    const w = world();
    w.directory.failOn.add('cruz');
    const first = await w.run(false);
    expect(first.run.status).toBe('completed_with_errors');
    expect(first.run.actions).toMatchObject({ applied: 1, failed: 1 });
    expect(first.findings.find((f) => f.username === 'cruz')?.outcome).toBe('failed');

    w.directory.failOn.clear();
    const second = await w.run(false);
    expect(second.run.status).toBe('completed');
    expect(second.run.actions).toMatchObject({ planned: 1, applied: 1 });
    expect(enabled(w.directory)).not.toContain('cruz');
    expect(w.storage.journal.audit.map((a) => a.username)).toEqual(['ben', 'cruz']);
  });

  it('finishes and audits an action that a crashed run applied but never recorded', async () => {
    const w = world();
    const { findings } = await w.run(true);
    const ben = findings.find((f) => f.username === 'ben');
    // The crash: intent recorded, account disabled, outcome never written.
    await w.storage.journal.beginAction({
      actionId: ben?.actionId as string,
      runId: 'crashed',
      kind: 'disable',
      source: POOL,
      username: 'ben',
      accountKey: 'sub-ben',
      reason: 'left',
      at: new Date('2026-11-29T11:00:00Z'),
    });
    (w.directory.accounts.find((a) => a.username === 'ben') as { enabled: boolean }).enabled =
      false;

    const { run, findings: after } = await w.run(false);
    expect(after.find((f) => f.username === 'ben')).toMatchObject({
      situation: 'leaver_disabled',
      outcome: 'disabled',
    });
    expect(run.actions.applied).toBe(2);
    expect(w.storage.journal.audit.filter((a) => a.username === 'ben')).toHaveLength(1);
    expect(await w.storage.journal.listPendingActions()).toEqual(new Set());
  });

  it('quarantines a plan over the guard: nothing is changed and admins are told why', async () => {
    const w = world();
    const { run } = await w.run(false, ROWS, { guard: { maxDisableCount: 1 } });
    expect(run.status).toBe('quarantined');
    expect(w.directory.disableCalls).toEqual([]);
    expect(w.storage.journal.audit).toEqual([]);
    const notice = w.notifier.notices.at(-1);
    expect(notice?.status).toBe('quarantined');
    expect(notice?.message).toMatch(/more than maxDisableCount 1/);
  });

  it('shows in a dry-run that a real run would be quarantined', async () => {
    const w = world();
    const { run } = await w.run(true, ROWS, { guard: { maxDisablePercent: 5 } });
    expect([run.status, run.mode]).toEqual(['quarantined', 'dry-run']);
  });

  it('quarantines a roster that shrank sharply since the last accepted one', async () => {
    const w = world();
    await w.run(true);
    const { run } = await w.run(false, ROWS.slice(0, 3));
    expect(run.status).toBe('quarantined');
    expect(run.guard?.reasons[0]).toMatch(/roster shrank by 40%/);
    expect(w.directory.disableCalls).toEqual([]);
  });

  it('marks a rehired person whose account Warden disabled as a rehire candidate', async () => {
    const w = world();
    await w.run(false);
    const rehired = ROWS.map((r) => (r.startsWith('E2,') ? 'E2,ben@x.org,Ben,active,' : r));
    const { findings } = await w.run(false, rehired);
    expect(findings.find((f) => f.username === 'ben')?.situation).toBe('rehire_candidate');
    expect(enabled(w.directory)).not.toContain('ben');
  });

  it('disables orphans only under the disable policy and after the grace period', async () => {
    const w = world();
    const policy = { orphans: { policy: 'disable', graceDays: 14 } };
    await w.run(false, ROWS, policy);
    expect(enabled(w.directory)).toContain('press-ops');
    w.clock.current = new Date('2026-12-14T12:00:00Z');
    const { findings } = await w.run(false, ROWS, policy);
    expect(findings.find((f) => f.username === 'press-ops')).toMatchObject({
      situation: 'orphan',
      outcome: 'disabled',
    });
  });

  it('never overlaps another run', async () => {
    const w = world();
    await w.storage.lock.acquire(
      'reconcile',
      'someone-else',
      w.clock.now(),
      new Date('2026-11-29T13:00:00Z'),
    );
    await expect(w.run(false)).rejects.toBeInstanceOf(RunInProgressError);
    expect(w.directory.disableCalls).toEqual([]);
  });

  it('closes a run that died while applying as failed, says who finished it, and tells admins', async () => {
    const w = world();
    const died = {
      ...newRunRecord({
        runId: 'run-000',
        mode: 'apply',
        trigger: 'schedule',
        startedAt: new Date('2026-11-29T11:00:00Z'),
        feed: { kind: 'roster', records: 5, source: 's3://feed' },
      }),
      status: 'applying' as const,
    };
    await w.storage.runs.saveRun(died);
    await w.storage.runs.saveRun({ ...died, runId: 'run-quarantined', status: 'quarantined' });
    const { run } = await w.run(false);
    expect(await w.storage.runs.getRun('run-000')).toMatchObject({
      status: 'failed',
      error: 'Interrupted',
      finishedAt: w.clock.now(),
      notes: [
        `interrupted before it finished; run ${run.runId} took over and finished its actions`,
      ],
    });
    expect((await w.storage.runs.getRun('run-quarantined'))?.status).toBe('quarantined');
    expect(w.notifier.notices.map((n) => `${n.runId} ${n.status}`)).toEqual([
      'run-000 failed',
      `${run.runId} completed`,
    ]);
    expect(w.log.lines).toContainEqual({
      level: 'warn',
      message: 'closed an interrupted run',
      detail: { runId: 'run-000', resumedBy: run.runId },
    });
  });

  it('records and notifies a failed run, naming no person', async () => {
    const w = world();
    w.directory.listAccounts = async function* () {
      yield await Promise.resolve(account('ben', { employeeId: 'E2', email: 'ben@x.org' }));
      throw Object.assign(new Error('ben@x.org broke it'), { name: 'ServiceUnavailable' });
    };
    await expect(w.run(false)).rejects.toThrow();
    const [stored] = [...w.storage.runs.records.values()];
    expect(stored).toMatchObject({ status: 'failed', error: 'ServiceUnavailable' });
    const notice = w.notifier.notices.at(-1);
    expect(notice?.status).toBe('failed');
    expect(notice?.message).not.toMatch(/ben/);
    expect(w.storage.lock.held.size).toBe(0);
  });

  it('still fails, and logs by error name, when even the failure cannot be recorded', async () => {
    const w = world();
    const fault = (name: string) => Object.assign(new Error('ben@x.org'), { name });
    w.directory.listAccounts = async function* () {
      yield await Promise.reject(fault('ServiceUnavailable'));
    };
    w.storage.runs.saveRun = () => Promise.reject(fault('TableGone'));
    w.notifier.notify = () => Promise.reject(fault('TopicGone'));
    await expect(w.run(false)).rejects.toThrow(
      expect.objectContaining({ name: 'ServiceUnavailable' }),
    );
    expect(w.log.lines.filter((l) => l.level === 'warn')).toEqual([
      {
        level: 'warn',
        message: 'could not record the failed run',
        detail: { runId: 'run-001', error: 'TableGone' },
      },
      {
        level: 'warn',
        message: 'could not notify the failed run',
        detail: { runId: 'run-001', error: 'TopicGone' },
      },
    ]);
    expect(w.storage.lock.held.size).toBe(0);
  });

  it('notifies a completed run with counts and report locations, without names or emails', async () => {
    const w = world();
    await w.run(false);
    const notice = w.notifier.notices.at(-1);
    expect(notice?.message).toMatch(/leaver 2/);
    expect(notice?.message).toMatch(/mem:\/\/run-001\/report\.json/);
    expect(notice?.message).not.toMatch(/ben|cruz|@x\.org/);
  });

  it('tells sign-in checks when access of leavers ends, on applied runs only, and forgets rehires', async () => {
    const w = world();
    const rows = [...ROWS, 'E6,fio@x.org,Fio,leaver,2099-01-31'];
    w.directory.accounts.push(account('fio', { employeeId: 'E6' }));
    await w.run(true, rows);
    expect(w.storage.accessEnds.ends.size).toBe(0);
    await w.run(false, rows);
    expect(w.storage.accessEnds.ends.get(POOL)).toEqual(
      new Map([
        ['ben', new Date('2025-02-01T00:00:00Z')],
        ['cruz', new Date('2025-03-01T00:00:00Z')],
        ['fio', new Date('2099-02-01T00:00:00Z')],
      ]),
    );
    const rehired = rows.map((r) => (r.startsWith('E2,') ? 'E2,ben@x.org,Ben,active,' : r));
    await w.run(false, rehired);
    expect([...(w.storage.accessEnds.ends.get(POOL)?.keys() ?? [])]).toEqual(['cruz', 'fio']);
  });

  it('reports, and never acts on, people who may be asked for a code but have no verified email', async () => {
    const w = world([
      account('ana', { employeeId: 'E1', emailVerified: true }),
      account('dana', { employeeId: 'E4', emailVerified: false }),
      account('eli', { employeeId: 'E5', emailVerified: false }),
      account('ben', { employeeId: 'E2', emailVerified: false }),
    ]);
    w.directory.groups.set('press-admins', ['eli']);
    const geoPolicy = {
      default: { allowedCountries: ['MX'], outside: 'require_mfa' },
      groups: { 'press-admins': { allowedCountries: ['MX'], outside: 'deny' } },
      unknown: 'deny',
    };
    const { run } = await w.run(false, ROWS, { geoPolicy });
    // ben is a leaver being disabled; eli can only be allowed or refused, never asked for a code.
    expect(run.posture).toEqual({
      checked: 3,
      withoutVerifiedEmail: [{ source: POOL, username: 'dana', groups: [] }],
    });
    expect(w.notifier.notices.at(-1)?.message).toMatch(
      /MFA posture: 1 of 3 accounts may be asked for a one-time code/,
    );
    expect(w.directory.disableCalls).toEqual(['ben']);
    const { run: withoutGeo } = await w.run(true);
    expect(withoutGeo.posture).toBeUndefined();
  });

  it('disables, per policy and through the guard, people who cannot receive a code; never exempt ones', async () => {
    const w = world([
      account('ana', { employeeId: 'E1', emailVerified: true }),
      account('dana', { employeeId: 'E4', emailVerified: false }),
      account('eli', { employeeId: 'E5', emailVerified: false }),
    ]);
    const geoPolicy = { default: { allowedCountries: ['MX'], outside: 'require_mfa' } };
    const exemptions = [
      {
        username: 'eli',
        owner: 'it@x.org',
        reason: 'travels with a hardware key',
        expires: '2027-01-01',
      },
    ];
    const { run, findings } = await w.run(false, ROWS, {
      geoPolicy,
      postureAction: 'disable',
      exemptions,
    });
    expect(run.posture?.withoutVerifiedEmail.map((g) => g.username)).toEqual(['dana', 'eli']);
    expect(findings.find((f) => f.username === 'dana')).toMatchObject({
      action: 'disable',
      outcome: 'disabled',
    });
    expect(w.directory.disableCalls).toEqual(['dana']);
    expect(w.storage.journal.audit.map((a) => a.username)).toEqual(['dana']);
    const { run: again } = await w.run(false, ROWS, {
      geoPolicy,
      postureAction: 'disable',
      exemptions,
    });
    expect(again.actions.planned).toBe(0);

    const guarded = world([
      account('dana', { employeeId: 'E4', emailVerified: false }),
      account('ana', { employeeId: 'E1' }),
    ]);
    const { run: stopped } = await guarded.run(false, ROWS, {
      geoPolicy,
      postureAction: 'disable',
      guard: { maxDisableCount: 0 },
    });
    expect(stopped.status).toBe('quarantined');
    expect(guarded.directory.disableCalls).toEqual([]);
  });

  it('applies a quarantined plan once an admin approves it, and only that plan', async () => {
    const w = world();
    const strict = { guard: { maxDisableCount: 1 } };
    const { run: quarantined } = await w.run(false, ROWS, strict);
    expect(quarantined.status).toBe('quarantined');
    const { approval } = await approvalOf(w.storage.runs, quarantined.runId);
    expect(approval.actionIds.size).toBe(2);

    // A plan that grew since the approval stays quarantined.
    w.directory.accounts.push(account('fio', { employeeId: 'E6' }));
    const grown = [...ROWS, 'E6,fio@x.org,Fio,leaver,2025-05-31'];
    const stillStopped = await runReconciliation(
      { feed: feed(grown), config: config(strict), dryRun: false, trigger: 'approval', approval },
      w.deps,
    );
    expect(stillStopped.run.status).toBe('quarantined');
    expect(stillStopped.run.guard?.reasons.at(-1)).toMatch(
      /1 planned change\(s\) were not in approved run/,
    );
    expect(w.directory.disableCalls).toEqual([]);

    w.directory.accounts.pop();
    const applied = await runReconciliation(
      { feed: feed(ROWS), config: config(strict), dryRun: false, trigger: 'approval', approval },
      w.deps,
    );
    expect(applied.run.status).toBe('completed');
    expect(w.directory.disableCalls).toEqual(['ben', 'cruz']);
  });

  it('lets an admin reject a quarantined run for good, and only a quarantined one', async () => {
    const w = world();
    const { run } = await w.run(false, ROWS, { guard: { maxDisableCount: 1 } });
    const rejected = await rejectRun(run.runId, w.review);
    expect(rejected.status).toBe('rejected');
    expect(w.storage.runs.records.get(run.runId)?.status).toBe('rejected');
    expect(w.notifier.notices.at(-1)?.status).toBe('rejected');
    await expect(approvalOf(w.storage.runs, run.runId)).rejects.toThrow(/was already rejected at/);
    await expect(rejectRun('r-nope', w.review)).rejects.toThrow(/no run r-nope/);
  });
});

describe("the order of a run's work", () => {
  it('makes the reads it needs before listing at once, not one after another', async () => {
    const w = world();
    const events: string[] = [];
    const watch = <A extends unknown[], R>(name: string, call: (...args: A) => Promise<R>) => {
      return async (...args: A) => {
        events.push(`${name} begun`);
        const result = await call(...args);
        events.push(`${name} done`);
        return result;
      };
    };
    const { runs, journal, memory, baselines } = w.storage;
    runs.listRuns = watch('runs', runs.listRuns.bind(runs));
    journal.listPendingActions = watch('journal', journal.listPendingActions.bind(journal));
    memory.loadSourceState = watch('state', memory.loadSourceState.bind(memory));
    baselines.getFeedBaseline = watch('baseline', baselines.getFeedBaseline.bind(baselines));
    await w.run(true);
    expect(events.slice(0, 4).sort()).toEqual([
      'baseline begun',
      'journal begun',
      'runs begun',
      'state begun',
    ]);
  });

  it('begins the HTML report, and so its reads of the previous run, before listing', async () => {
    const w = world();
    const events: string[] = [];
    const listAccounts = w.directory.listAccounts.bind(w.directory);
    w.directory.listAccounts = async function* () {
      events.push('listing');
      yield* listAccounts();
    };
    const htmlReport: HtmlReportRenderer = {
      begin: (runId) => {
        events.push(`report of ${runId} begun`);
        return {
          render: (run) => {
            events.push(`report of ${run.runId} rendered`);
            return Promise.resolve('<html></html>');
          },
        };
      },
    };
    const { run } = await runReconciliation(
      { feed: feed(ROWS), config: config({}), dryRun: true, trigger: 'test' },
      { ...w.deps, htmlReport },
    );
    expect(events).toEqual([
      `report of ${run.runId} begun`,
      'listing',
      `report of ${run.runId} rendered`,
    ]);
  });
});

describe('planning a run', () => {
  it('logs progress every thousand accounts listed, then what each pool listed and what was planned', async () => {
    const accounts = Array.from({ length: 2001 }, (_, i) => account(`ops-${i}`));
    const w = world(accounts);
    await w.run(true);
    const planning = w.log.lines
      .filter((l) => ['listing', 'listed', 'planned'].includes(l.message))
      .map((l) => [l.message, l.detail]);
    expect(planning).toEqual([
      ['listing', { source: POOL, accounts: 1000 }],
      ['listing', { source: POOL, accounts: 2000 }],
      ['listed', { source: POOL, accounts: 2001 }],
      ['planned', { status: 'planned', accounts: 2001, disable: 0 }],
    ]);
  });

  it('remembers when orphans were first seen from a roster, never from a leavers list', async () => {
    const leavers = world();
    await runReconciliation(
      {
        feed: feed(['E2,ben@x.org,Ben,leaver,2025-01-31'], 'leavers'),
        config: config({ feed: { kind: 'leavers' } }),
        dryRun: true,
        trigger: 'test',
      },
      leavers.deps,
    );
    expect(leavers.storage.memory.orphanFirstSeen.size).toBe(0);

    const roster = world();
    await roster.run(true);
    expect([...(roster.storage.memory.orphanFirstSeen.get(POOL)?.keys() ?? [])]).toEqual([
      'sub-press-ops',
    ]);
  });

  it("counts an orphan's grace from when it became an orphan again, not from its first time", async () => {
    const w = world();
    const policy = {
      orphans: { policy: 'disable', graceDays: 14 },
      guard: { maxDisablePercent: 50, maxRosterShrinkPercent: 100 },
    };
    const withoutEli = ROWS.filter((r) => !r.startsWith('E5,'));
    await w.run(false, withoutEli, policy);
    w.clock.current = new Date('2026-11-30T12:00:00Z');
    await w.run(false, ROWS, policy);
    expect(w.storage.memory.orphanFirstSeen.get(POOL)?.has('sub-eli')).toBe(false);
    w.clock.current = new Date('2027-03-09T12:00:00Z');
    const { run, findings } = await w.run(false, withoutEli, policy);
    expect(run.status).toBe('completed');
    expect(findings.find((f) => f.username === 'eli')).toMatchObject({
      situation: 'orphan',
      action: 'none',
    });
    expect(enabled(w.directory)).toContain('eli');
  });

  it('remembers no orphan from a run the guard stopped: its feed is not trusted', async () => {
    const w = world();
    const { run } = await w.run(
      false,
      ROWS.filter((r) => !r.startsWith('E5,')),
      {
        guard: { maxDisableCount: 0 },
      },
    );
    expect(run.status).toBe('quarantined');
    expect(w.storage.memory.orphanFirstSeen.size).toBe(0);
  });

  it('writes only first sightings: orphans already seen cost no write', async () => {
    const w = world();
    await w.run(true);
    const record = vi.spyOn(w.storage.memory, 'recordOrphansSeen');
    await w.run(true);
    expect(record).not.toHaveBeenCalled();
    expect(w.storage.memory.orphanFirstSeen.get(POOL)?.get('sub-press-ops')).toBeDefined();
  });
});

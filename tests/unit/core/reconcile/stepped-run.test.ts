import { describe, expect, it } from 'vitest';
import type { Account } from '../../../../functions/core/account.js';
import { runOffboarding } from '../../../../functions/core/offboarding/run-offboarding.js';
import {
  handleReconcileRequest,
  type ReconcileRequest,
} from '../../../../functions/core/reconcile/handle-request.js';
import { RUN_LOCK } from '../../../../functions/core/reconcile/run-reconciliation.js';
import { applyStep } from '../../../../functions/core/reconcile/step-apply.js';
import { beginSteppedRun } from '../../../../functions/core/reconcile/step-begin.js';
import {
  failSteppedRun,
  finishSteppedRun,
} from '../../../../functions/core/reconcile/step-finish.js';
import { listGroupStep } from '../../../../functions/core/reconcile/step-list.js';
import { planStep } from '../../../../functions/core/reconcile/step-plan.js';
import {
  quotaGroups,
  routeRequest,
  type SteppedServices,
} from '../../../../functions/core/reconcile/stepped-run.js';
import {
  ListingExpiredError,
  RunInProgressError,
} from '../../../../functions/core/shared/errors.js';
import { account, config } from '../../fakes/builders.js';
import { offboardingWorld } from '../../fakes/memory-offboarding.js';
import { MemoryCheckpoints } from '../../fakes/memory-services.js';
import { csv, FEED_BUCKET, reconcileWorld } from '../../fakes/reconcile-world.js';

// 25 people, every fourth a leaver, and two accounts nobody on the roster owns.
const PEOPLE = 25;
const isLeaver = (i: number) => i % 4 === 1;
const ROWS = Array.from(
  { length: PEOPLE },
  (_, i) => `E${i},p${i}@x.org,P${i},${isLeaver(i) ? 'leaver,2025-01-31' : 'active,'}`,
);
const ACCOUNTS: Account[] = [
  ...Array.from({ length: PEOPLE }, (_, i) => account(`u${i}`, { employeeId: `E${i}` })),
  account('press-ops', {}),
  account('kiosk', {}),
];
const LEAVERS = ACCOUNTS.filter((_, i) => i < PEOPLE && isLeaver(i)).map((a) => a.username);

/** Many small invocations: 2 accounts a page, 3 pages an invocation, 3 disables a batch. */
const SMALL_STEPS = {
  singleInvocationMaxAccounts: 0,
  pagesPerInvocation: 3,
  pagesPerCheckpoint: 2,
  disablesPerInvocation: 3,
};

function world(settings: Record<string, unknown> = {}) {
  const w = reconcileWorld(
    { guard: { maxDisablePercent: 100, maxDisableCount: 100 }, steps: SMALL_STEPS, ...settings },
    ACCOUNTS.map((a) => ({ ...a })),
  );
  w.feeds.put(FEED_BUCKET, 'feeds/roster.csv', csv(ROWS));
  const checkpoints = new MemoryCheckpoints();
  const deps: SteppedServices = { ...w.services, checkpoints };
  return { ...w, checkpoints, deps };
}

const request = (forceDryRun = false): ReconcileRequest => ({
  kind: 'run',
  trigger: 'schedule',
  forceDryRun,
});

/** Drives the steps as the state machine does, counting each step's invocations. */
async function runInSteps(deps: SteppedServices, req = request()) {
  const calls = { list: 0, apply: 0 };
  const begun = await beginSteppedRun(req, deps);
  if (begun.kind === 'closed') return { run: begun.run, calls };
  for (const group of begun.groups) {
    do calls.list++;
    while (!(await listGroupStep(begun.runId, group, deps)).done);
  }
  const plan = await planStep(begun.runId, deps);
  if (plan.status === 'applying' && plan.disables > 0) {
    do calls.apply++;
    while (!(await applyStep(begun.runId, deps)).done);
  }
  return { run: await finishSteppedRun(begun.runId, deps), calls };
}

const findingsOf = (w: ReturnType<typeof world>, runId: string) =>
  JSON.parse(w.reports.written.get(runId)?.json as string).findings;

describe('a run carried out in steps', () => {
  it('is routed to steps only when the directory is larger than one invocation handles', async () => {
    const small = world({ steps: { singleInvocationMaxAccounts: 27 } });
    expect(await routeRequest(request(), small.deps)).toEqual({
      path: 'single',
      estimatedAccounts: 27,
    });
    const large = world({ steps: { singleInvocationMaxAccounts: 26 } });
    expect((await routeRequest(request(), large.deps)).path).toBe('steps');
    expect(large.log.lines).toEqual([
      { level: 'info', message: 'route', detail: { path: 'steps', estimatedAccounts: 27 } },
    ]);
    // Reviews of quarantined runs re-plan one run's feed: always one invocation.
    expect((await routeRequest({ kind: 'reject', runId: 'r' }, large.deps)).path).toBe('single');
  });

  it('gives the same run, findings and changes as one invocation, in many small invocations', async () => {
    for (const dryRun of [true, false]) {
      const single = world();
      const once = await handleReconcileRequest(request(dryRun), single.services);
      const stepped = world();
      const { run, calls } = await runInSteps(stepped.deps, request(dryRun));
      expect(calls.list).toBeGreaterThan(3);
      expect(calls.apply).toBe(dryRun ? 0 : Math.ceil(LEAVERS.length / 3));
      expect({ ...run, throughput: undefined }).toEqual({ ...once, throughput: undefined });
      expect(findingsOf(stepped, run.runId)).toEqual(findingsOf(single, once.runId));
      expect(stepped.directory.disableCalls).toEqual(single.directory.disableCalls);
      expect(stepped.storage.journal.audit).toEqual(single.storage.journal.audit);
      // Only an applied run tells the sign-in checks whose access ended.
      expect(stepped.storage.accessEnds.ends).toEqual(single.storage.accessEnds.ends);
      expect(stepped.storage.accessEnds.ends.size).toBe(dryRun ? 0 : 1);
      // The lock is free and the checkpoints are gone.
      expect(stepped.storage.lock.held.size).toBe(0);
      expect(stepped.checkpoints.parts.size).toBe(0);
    }
  });

  it('resumes an apply batch that crashed after its changes: nothing is done twice', async () => {
    const w = world();
    const begun = await beginSteppedRun(request(), w.deps);
    if (begun.kind !== 'started') throw new Error('not started');
    while (!(await listGroupStep(begun.runId, 0, w.deps)).done);
    await planStep(begun.runId, w.deps);
    w.checkpoints.failNextPut.add('outcomes/0');
    await expect(applyStep(begun.runId, w.deps)).rejects.toThrow('crashed');
    while (!(await applyStep(begun.runId, w.deps)).done);
    const run = await finishSteppedRun(begun.runId, w.deps);
    expect(run.actions).toEqual({ planned: 6, applied: 3, alreadyDone: 3, failed: 0 });
    expect(run.status).toBe('completed');
    expect(w.directory.disableCalls).toEqual(LEAVERS);
    expect(w.storage.journal.audit.map((a) => a.username)).toEqual(LEAVERS);
  });

  it('keeps several disables in flight, so that the quota rather than round trips sets the pace', async () => {
    const w = world();
    let inFlight = 0;
    let most = 0;
    const disable = w.directory.disable.bind(w.directory);
    w.directory.disable = async (account) => {
      most = Math.max(most, ++inFlight);
      for (let tick = 0; tick < 5; tick++) await Promise.resolve();
      inFlight--;
      return disable(account);
    };
    const { run } = await runInSteps(w.deps);
    expect(run.actions.applied).toBe(LEAVERS.length);
    // One at a time would never have two in flight.
    expect(most).toBeGreaterThan(1);
  });

  it('restarts a listing cleanly when Cognito refuses a pagination token', async () => {
    const w = world();
    w.directory.expiredTokens.set('6', 1);
    const { run } = await runInSteps(w.deps);
    expect(run.counts).toMatchObject({ active: 19, leaver: 6, orphan: 2 });
    // The pages up to the refused token were listed twice, in two generations.
    expect(w.directory.pagesListed.filter((p) => p === '0')).toHaveLength(2);
    expect(w.log.lines.some((l) => l.message.includes('pagination token expired'))).toBe(true);
  });

  it('fails the run when a listing keeps being refused', async () => {
    const w = world();
    w.directory.expiredTokens.set('2', 99);
    const begun = await beginSteppedRun(request(), w.deps);
    if (begun.kind !== 'started') throw new Error('not started');
    const listing = async () => {
      while (!(await listGroupStep(begun.runId, 0, w.deps)).done);
    };
    await expect(listing()).rejects.toThrow(ListingExpiredError);
  });

  it('restarts a listing whose cursor is older than it trusts', async () => {
    const w = world({ steps: { ...SMALL_STEPS, maxCursorAgeMinutes: 30 } });
    const begun = await beginSteppedRun(request(), w.deps);
    if (begun.kind !== 'started') throw new Error('not started');
    await listGroupStep(begun.runId, 0, w.deps);
    w.clock.current = new Date(w.clock.current.getTime() + 31 * 60_000);
    while (!(await listGroupStep(begun.runId, 0, w.deps)).done);
    await planStep(begun.runId, w.deps);
    while (!(await applyStep(begun.runId, w.deps)).done);
    const run = await finishSteppedRun(begun.runId, w.deps);
    expect(run.counts).toMatchObject({ active: 19, leaver: 6, orphan: 2 });
    expect(w.directory.pagesListed.filter((p) => p === '0')).toHaveLength(2);
  });

  it('stops when another run took the lock after this one lost it', async () => {
    const w = world();
    const begun = await beginSteppedRun(request(), w.deps);
    if (begun.kind !== 'started') throw new Error('not started');
    w.storage.lock.held.set(RUN_LOCK, { owner: 'other', until: new Date('2099-01-01') });
    await expect(listGroupStep(begun.runId, 0, w.deps)).rejects.toThrow(RunInProgressError);
    await expect(beginSteppedRun(request(), w.deps)).rejects.toThrow(RunInProgressError);
    expect(w.directory.pagesListed).toEqual([]);
  });

  it('records a failed step as a failed run, frees the lock and removes the checkpoints', async () => {
    const w = world();
    const begun = await beginSteppedRun(request(), w.deps);
    if (begun.kind !== 'started') throw new Error('not started');
    await listGroupStep(begun.runId, 0, w.deps);
    const failed = await failSteppedRun(begun.runId, 'Sandbox.Timedout', w.deps);
    expect(failed?.status).toBe('failed');
    expect((await w.storage.runs.getRun(begun.runId))?.status).toBe('failed');
    expect(w.storage.lock.held.size).toBe(0);
    expect(w.checkpoints.parts.size).toBe(0);
    expect(w.notifier.notices.map((n) => n.status)).toEqual(['failed']);
    // A failure before the run had an id has nothing to record.
    expect(await failSteppedRun(undefined, 'Error', w.deps)).toBeUndefined();
  });

  it('holds the lock for twenty minutes from the start of each step, and logs the start', async () => {
    const w = world();
    const begun = await beginSteppedRun(request(), w.deps);
    if (begun.kind !== 'started') throw new Error('not started');
    const twentyMinutesOn = (d: Date) => new Date(d.getTime() + 20 * 60_000);
    expect(w.storage.lock.held.get(RUN_LOCK)).toEqual({
      owner: begun.runId,
      until: twentyMinutesOn(w.clock.now()),
    });
    expect(w.log.lines).toEqual([
      { level: 'info', message: 'run begun in steps', detail: { runId: begun.runId, groups: 1 } },
    ]);
  });

  it('frees the lock when the first step cannot save its checkpoints, for the retry', async () => {
    const w = world();
    w.checkpoints.failNextPut.add('feed');
    await expect(beginSteppedRun(request(), w.deps)).rejects.toThrow('crashed');
    expect(w.storage.lock.held.size).toBe(0);
    expect((await beginSteppedRun(request(), w.deps)).kind).toBe('started');
  });

  it('a step without its checkpoint cannot go on', async () => {
    const w = world();
    const begun = await beginSteppedRun(request(), w.deps);
    if (begun.kind !== 'started') throw new Error('not started');
    await expect(planStep(begun.runId, w.deps)).rejects.toThrow(/no checkpoint listing/);
  });

  it('closes a run on an invalid feed in its first step, changing nothing', async () => {
    const w = world();
    w.feeds.put(FEED_BUCKET, 'feeds/roster.csv', 'not,a,roster\n1,2,3');
    const begun = await beginSteppedRun(request(), w.deps);
    expect(begun.kind === 'closed' && begun.run.status).toBe('rejected');
    expect(w.storage.lock.held.size).toBe(0);
    expect(w.checkpoints.parts.size).toBe(0);
  });
});

describe('the last step of a run carried out in steps', () => {
  /** The same world twice, with offboarding: one run in one invocation, one in steps. */
  function withOffboarding(rows: string[]) {
    const pair = [world(), world()].map((w) => {
      w.feeds.put(FEED_BUCKET, 'feeds/roster.csv', csv(rows));
      const o = offboardingWorld([w.directory]);
      const deps: SteppedServices = { ...w.deps, offboarding: runOffboarding(o.deps) };
      return { ...w, o, deps };
    });
    return pair as [(typeof pair)[0], (typeof pair)[0]];
  }
  // Besides the leavers, E2 leaves at the end of the year: a schedule for a future leaver.
  const WITH_FUTURE_LEAVER = ROWS.map((r) =>
    r.startsWith('E2,') ? 'E2,p2@x.org,P2,leaver,2026-12-31' : r,
  );

  it('keeps the account index and the offboarding schedules exactly as one invocation does', async () => {
    const [single, stepped] = withOffboarding(WITH_FUTURE_LEAVER);
    const once = await handleReconcileRequest(request(), single.deps);
    const { run } = await runInSteps(stepped.deps);
    expect(run.offboardings?.feedSchedules).toEqual([
      expect.objectContaining({ employeeId: 'E2', change: 'create', applied: true }),
    ]);
    expect(run.offboardings).toEqual(once.offboardings);
    expect(stepped.o.index.accounts).toHaveLength(PEOPLE);
    expect(stepped.o.index.replaced).toEqual(single.o.index.replaced);
  });

  it('leaves the account index alone after a dry-run', async () => {
    const [, stepped] = withOffboarding(ROWS);
    const { run } = await runInSteps(stepped.deps, request(true));
    expect(run.status).toBe('planned');
    expect(stepped.o.index.replaced).toEqual([]);
  });

  it('ends a run with a failed disable as completed_with_errors, and logs how it finished', async () => {
    const w = world();
    w.directory.failOn.add(LEAVERS[0] as string);
    const { run } = await runInSteps(w.deps);
    expect(run.status).toBe('completed_with_errors');
    expect(run.actions).toEqual({ planned: 6, applied: 5, alreadyDone: 0, failed: 1 });
    expect(w.log.lines.filter((l) => l.message === 'run finished')).toEqual([
      {
        level: 'info',
        message: 'run finished',
        detail: { runId: run.runId, status: run.status, actions: run.actions },
      },
    ]);
  });

  it('completes an applied run that had nothing to disable, with no apply step', async () => {
    const w = world();
    w.feeds.put(
      FEED_BUCKET,
      'feeds/roster.csv',
      csv(ROWS.map((r) => r.replace(/leaver,2025-01-31$/, 'active,'))),
    );
    const { run, calls } = await runInSteps(w.deps);
    expect(calls.apply).toBe(0);
    expect([run.status, run.actions]).toEqual([
      'completed',
      { planned: 0, applied: 0, alreadyDone: 0, failed: 0 },
    ]);
  });

  it('applies an approved quarantined run in steps and records who approved it', async () => {
    const w = world({ guard: { maxDisablePercent: 100, maxDisableCount: 1 } });
    const quarantined = await handleReconcileRequest(request(), w.deps);
    expect(quarantined.status).toBe('quarantined');
    w.clock.current = new Date('2026-11-29T13:00:00Z');
    const mark = { by: 'alice (it-security)', reason: 'the leavers of the quarter' };
    const { run } = await runInSteps(w.deps, {
      kind: 'approve',
      runId: quarantined.runId,
      review: mark,
    });
    expect([run.status, run.actions.applied]).toEqual(['completed', LEAVERS.length]);
    expect((await w.storage.runs.getRun(quarantined.runId))?.review).toEqual({
      decision: 'approved',
      ...mark,
      at: new Date('2026-11-29T13:00:00Z'),
      appliedBy: { runId: run.runId, status: 'completed' },
    });
  });

  it('records no failure for a run another run has since taken the lock from', async () => {
    const w = world();
    const begun = await beginSteppedRun(request(), w.deps);
    if (begun.kind !== 'started') throw new Error('not started');
    const other = { owner: 'other', until: new Date('2099-01-01') };
    w.storage.lock.held.set(RUN_LOCK, other);
    expect(await failSteppedRun(begun.runId, 'Sandbox.Timedout', w.deps)).toBeUndefined();
    expect(w.storage.lock.held.get(RUN_LOCK)).toEqual(other);
    expect(w.notifier.notices).toEqual([]);
  });
});

describe('quota groups', () => {
  it('puts pools of one account and Region together, and others apart', () => {
    const groups = quotaGroups(
      config({
        accountSources: [
          { userPoolId: 'us-east-1_A' },
          { userPoolId: 'us-east-1_B' },
          { userPoolId: 'eu-west-1_C' },
          {
            userPoolId: 'us-east-1_D',
            userPoolArn: 'arn:aws:cognito-idp:us-east-1:222222222222:userpool/us-east-1_D',
          },
        ],
      }),
    );
    expect(groups).toEqual([['us-east-1_A', 'us-east-1_B'], ['eu-west-1_C'], ['us-east-1_D']]);
  });

  it('keeps apart pools of two accounts in one Region', () => {
    const arn = (account: string, pool: string) =>
      `arn:aws:cognito-idp:us-east-1:${account}:userpool/${pool}`;
    const groups = quotaGroups(
      config({
        accountSources: [
          { userPoolId: 'us-east-1_E', userPoolArn: arn('111111111111', 'us-east-1_E') },
          { userPoolId: 'us-east-1_F', userPoolArn: arn('222222222222', 'us-east-1_F') },
          { userPoolId: 'us-east-1_G', userPoolArn: arn('111111111111', 'us-east-1_G') },
        ],
      }),
    );
    expect(groups).toEqual([['us-east-1_E', 'us-east-1_G'], ['us-east-1_F']]);
  });
});

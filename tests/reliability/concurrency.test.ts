import { afterAll, describe, expect, it } from 'vitest';
import { DynamoRunLock } from '../../functions/aws/dynamo/run-lock.js';
import { DynamoRunStore } from '../../functions/aws/dynamo/run-store.js';
import { newRunRecord } from '../../functions/core/reconcile/run-record.js';
import { type FaultProxy, startFaultProxy } from '../../local/fault-proxy.js';
import { type ApiAnswer, localOffboardingApi } from '../../local/local-offboarding.js';
import { reliabilityCount, reportFigures } from './report-figures.js';
import {
  accountStates,
  auditState,
  createWorld,
  PEOPLE,
  reconcile,
  runsOf,
  SECOND_ACCOUNT,
  type World,
} from './world.js';

// Runs started together, a lock left by a run that died, and a burst of offboarding requests
// for one person. Requests go through the proxy one at a time: the emulator does not isolate
// concurrent DynamoDB writes, which AWS does (see local/fault-proxy.ts).

const OFFBOARDING_REQUESTS = reliabilityCount(50, 50);
const LEAVERS = PEOPLE.filter((p) => p.leaver).map((p) => p.username);
const PERSON = { employeeId: 'E01', accounts: ['user01', SECOND_ACCOUNT].sort() };

const figures = {
  concurrentRuns: { started: 0, ran: 0, refused: 0 },
  staleLockTakenOver: false,
  offboardingRequests: { sameKey: 0, distinctKeys: 0 },
  offboardingOutcome: { answers: {} as Record<string, number>, signOuts: 0, disables: 0 },
  accountsWronglyChanged: 0,
};

afterAll(() => reportFigures('concurrency', figures));

async function withSerialProxy<T>(world: World, use: (proxy: FaultProxy) => Promise<T>) {
  const proxy = await startFaultProxy({ target: world.endpoint, serial: true });
  try {
    return await use(proxy);
  } finally {
    await proxy.close();
  }
}

/** What the world should look like after the leavers were disabled, and nothing else. */
function expectOnlyLeaversDisabled(states: Record<string, boolean>, also: string[] = []) {
  const wrong = Object.entries(states).filter(
    ([name, enabled]) => enabled === (LEAVERS.includes(name) || also.includes(name)),
  );
  figures.accountsWronglyChanged += wrong.length;
  expect(wrong).toEqual([]);
}

describe('concurrency on the local AWS', () => {
  it('two runs started together: exactly one runs, the other is refused with a clear message', async () => {
    const world = await createWorld();
    const results = await withSerialProxy(world, (proxy) =>
      Promise.allSettled([
        reconcile(world, { endpoint: proxy.endpoint }),
        reconcile(world, { endpoint: proxy.endpoint }),
      ]),
    );
    const ran = results.filter((r) => r.status === 'fulfilled');
    const refused = results.filter((r) => r.status === 'rejected');
    figures.concurrentRuns = { started: 2, ran: ran.length, refused: refused.length };
    expect(ran).toHaveLength(1);
    expect(refused).toHaveLength(1);
    expect(String((refused[0] as PromiseRejectedResult).reason)).toMatch(
      /RunInProgressError: another reconciliation run holds the lock; runs never overlap/,
    );
    expect((await runsOf(world)).map((r) => r.status)).toEqual(['completed']);
    const { entries, verification } = await auditState(world);
    expect(Object.keys(entries).sort()).toEqual([...LEAVERS].sort());
    expect(Object.values(entries).every((kinds) => kinds.length === 1)).toBe(true);
    expect(verification.ok).toBe(true);
    expectOnlyLeaversDisabled(await accountStates(world));
  });

  it('a lock left by a run that died is taken over once it has expired, and that run is closed as failed', async () => {
    const world = await createWorld();
    const diedAt = new Date(Date.now() - 30 * 60_000);
    const lock = new DynamoRunLock(world.table);
    expect(
      await lock.acquire(
        'reconcile',
        'run-that-died',
        diedAt,
        new Date(diedAt.getTime() + 20 * 60_000),
      ),
    ).toBe(true);
    const runs = new DynamoRunStore(world.table);
    await runs.saveRun({
      ...newRunRecord({
        runId: 'run-that-died',
        mode: 'apply',
        trigger: 'schedule',
        startedAt: diedAt,
        feed: { kind: 'roster', records: PEOPLE.length, source: 's3://feed' },
      }),
      status: 'applying',
    });

    const run = await reconcile(world);
    figures.staleLockTakenOver = run.status === 'completed';
    expect(run.status).toBe('completed');
    const died = await runs.getRun('run-that-died');
    expect(died).toMatchObject({ status: 'failed', error: 'Interrupted' });
    expect(died?.notes.at(-1)).toBe(
      `interrupted before it finished; run ${run.runId} took over and finished its actions`,
    );
    expectOnlyLeaversDisabled(await accountStates(world));

    // A live lock is respected: a run that started a minute ago still holds it.
    const live = new Date(Date.now() - 60_000);
    expect(
      await lock.acquire('reconcile', 'live-run', live, new Date(live.getTime() + 20 * 60_000)),
    ).toBe(true);
    await expect(reconcile(world)).rejects.toThrow(/another reconciliation run holds the lock/);
  });

  it.each([
    ['the same Idempotency-Key', true],
    ['a different Idempotency-Key each', false],
  ] as const)(
    `${OFFBOARDING_REQUESTS} offboarding requests for one person at once, with %s: one set of actions and of audit entries`,
    async (_, sameKey) => {
      const world = await createWorld();
      expect((await reconcile(world)).status).toBe('completed');
      const answers = await withSerialProxy(world, async (proxy) => {
        process.env.AWS_ENDPOINT_URL = proxy.endpoint;
        const api = localOffboardingApi(world.warden.resources, world.config);
        const answers = await Promise.all(
          Array.from({ length: OFFBOARDING_REQUESTS }, (_, i) =>
            api('POST', '/offboardings', {
              body: { employeeId: PERSON.employeeId, reason: 'left', requestedBy: 'hr-system' },
              headers: { 'Idempotency-Key': sameKey ? 'one-request' : `request-${i}` },
            }),
          ),
        );
        const signOuts = proxy.stats.operations['cognito-idp.AdminUserGlobalSignOut'] ?? 0;
        const disables = proxy.stats.operations['cognito-idp.AdminDisableUser'] ?? 0;
        figures.offboardingOutcome.signOuts += signOuts;
        figures.offboardingOutcome.disables += disables;
        expect(signOuts).toBe(PERSON.accounts.length);
        expect(disables).toBe(PERSON.accounts.length);
        return answers;
      });
      figures.offboardingRequests[sameKey ? 'sameKey' : 'distinctKeys'] = answers.length;
      for (const a of answers) {
        const key = `${a.status} ${String(a.body.status)}`;
        figures.offboardingOutcome.answers[key] =
          (figures.offboardingOutcome.answers[key] ?? 0) + 1;
      }
      // Each answer is the offboarding (done) or a conflict that names the one in progress.
      const done = answers.filter((a: ApiAnswer) => a.status === 201);
      expect(done.length).toBeGreaterThan(0);
      expect(done.every((a) => a.body.status === 'done')).toBe(true);
      expect(answers.every((a) => a.status === 201 || a.status === 409)).toBe(true);

      const { entries, verification } = await auditState(world);
      for (const account of PERSON.accounts) expect(entries[account]).toEqual(['disable']);
      expect(verification.ok).toBe(true);
      expectOnlyLeaversDisabled(await accountStates(world), PERSON.accounts);
    },
  );
});

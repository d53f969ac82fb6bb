import {
  AdminEnableUserCommand,
  AdminGetUserCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { beforeAll, describe, expect, it } from 'vitest';
import { documentClient } from '../../functions/aws/clients/dynamodb.js';
import { DynamoAuditLog } from '../../functions/aws/dynamo/audit-log.js';
import { GovernanceTable } from '../../functions/aws/dynamo/governance-table.js';
import { DynamoRunStore } from '../../functions/aws/dynamo/run-store.js';
import { DEFAULT_FEED_KEY } from '../../functions/core/shared/bucket-layout.js';
import type { ReconcileResponse } from '../../functions/reconcile/reconcile-event.js';
import { RECONCILE_TASKS } from '../../infra/constructs/reconcile-definition.js';
import { executeLocally, type LocalExecutionOptions } from '../../local/local-state-machine.js';
import type { LocalWarden } from '../../local/local-warden.js';
import { createGovernedPool, functionEnvironment } from '../../local/provision.js';
import { listedUser, seedUsers, uploadFeed } from '../../local/seed.js';
import { localWarden } from './local-aws.js';

// Two pools of one Region (one quota group, listed in turn), 60 accounts, 6 leavers.
const PEOPLE = 60;
const isLeaver = (i: number) => i % 10 === 3;
let warden: LocalWarden;
let secondPool: string;
let runs: DynamoRunStore;
let audit: DynamoAuditLog;

beforeAll(async () => {
  warden = await localWarden();
  secondPool = (await createGovernedPool(warden.cognito, `${warden.resources.table}-second`))
    .userPoolId;
  const users = Array.from({ length: PEOPLE }, (_, i) =>
    listedUser(`user${i}`, `person${i}@x.org`, `E${i}`),
  );
  await seedUsers(warden.cognito, warden.resources.userPoolId, users.slice(0, 40));
  await seedUsers(warden.cognito, secondPool, users.slice(40));
  const roster = ['employee_id,email,display_name,status,last_day'];
  for (let i = 0; i < PEOPLE; i++)
    roster.push(`E${i},person${i}@x.org,,${isLeaver(i) ? 'leaver,2024-12-31' : 'active,'}`);
  await uploadFeed(warden.s3, warden.resources.feedBucket, DEFAULT_FEED_KEY, roster.join('\n'));
  const table = new GovernanceTable(documentClient(), warden.resources.table);
  runs = new DynamoRunStore(table);
  audit = new DynamoAuditLog(table);
});

const pools = () => [{ userPoolId: warden.resources.userPoolId }, { userPoolId: secondPool }];

/** Settings that force a run into steps, and many small invocations of each. */
const inSteps = {
  steps: {
    singleInvocationMaxAccounts: 0,
    pagesPerInvocation: 3,
    pagesPerCheckpoint: 1,
    disablesPerInvocation: 2,
  },
};

function configure(config: Record<string, unknown>): void {
  Object.assign(process.env, functionEnvironment(warden.resources, config));
}

/** Executes the state machine, counting each Task's invocations. */
async function execute(input: Record<string, unknown>, around?: LocalExecutionOptions['around']) {
  const calls = new Map<string, number>();
  const output = (await executeLocally(input, {
    around: (task, event, handler) => {
      calls.set(task, (calls.get(task) ?? 0) + 1);
      return around ? around(task, event, handler) : handler(event);
    },
  })) as ReconcileResponse;
  return { output, calls };
}

async function findingsOf(response: ReconcileResponse) {
  const report = JSON.parse(await warden.readObject(response.reports?.json as string));
  return (report.findings as { username: string; situation: string; action: string }[])
    .map((f) => `${f.username}:${f.situation}:${f.action}`)
    .sort();
}

const isEnabled = async (userPoolId: string, username: string) =>
  (
    await warden.cognito.send(
      new AdminGetUserCommand({ UserPoolId: userPoolId, Username: username }),
    )
  ).Enabled;

describe('the reconciliation state machine, executed locally against the real handlers', () => {
  it('runs a small directory in one invocation of the reconcile function', async () => {
    configure({ accountSources: pools(), guard: { maxDisableCount: PEOPLE } });
    const { output, calls } = await execute({ trigger: 'schedule', dryRun: true });
    expect(calls.get(RECONCILE_TASKS.single)).toBe(1);
    expect(calls.has(RECONCILE_TASKS.begin)).toBe(false);
    expect(output).toMatchObject({ status: 'planned', actions: { planned: 6 } });
  });

  it('a run forced into many small invocations gives the same result as one invocation', async () => {
    // A third pool of this test's own: 200 more accounts of the same people, at least 4 pages
    // in one listing stream (16 segments make more).
    const third = (await createGovernedPool(warden.cognito, `${warden.resources.table}-third`))
      .userPoolId;
    const more = Array.from({ length: 200 }, (_, i) =>
      listedUser(`more${i}`, `person${i % PEOPLE}@x.org`, `E${i % PEOPLE}`),
    );
    await seedUsers(warden.cognito, third, more);
    const config = {
      accountSources: [...pools(), { userPoolId: third }],
      guard: { maxDisableCount: PEOPLE },
    };
    configure(config);
    const single = await warden.invokeReconcile({ dryRun: true, trigger: 'schedule' }, config);
    configure({ ...config, ...inSteps });
    const { output, calls } = await execute({ trigger: 'schedule', dryRun: true });
    // Pools of one quota are listed in turn, 3 pages an invocation: 6 pages or more (4 of them
    // the third pool's) take at least 2 invocations of the list step.
    expect(calls.get(RECONCILE_TASKS.list)).toBeGreaterThan(1);
    expect(Object.values(output.counts).reduce((a, b) => a + b)).toBe(PEOPLE + 200);
    expect(output).toMatchObject({ status: 'planned', mode: 'dry-run' });
    expect(output.counts).toEqual(single.counts);
    expect(output.actions).toEqual(single.actions);
    expect(await findingsOf(output)).toEqual(await findingsOf(single));
    expect(output.throughput?.UserList?.calls).toBeGreaterThan(0);
  });

  it('an invalid feed closes the run as rejected in its first step, changing nothing', async () => {
    await uploadFeed(
      warden.s3,
      warden.resources.feedBucket,
      'feeds/bad.csv',
      'not,a,roster\n1,2,3',
    );
    configure({ accountSources: pools(), ...inSteps });
    const { output, calls } = await execute({ feed: { key: 'feeds/bad.csv' }, trigger: 'upload' });
    expect(output.status).toBe('rejected');
    expect(calls.has(RECONCILE_TASKS.list)).toBe(false);
  });

  it('applies in batches through crashes: each leaver disabled and audited once, runs never overlap', async () => {
    const config = { accountSources: pools(), guard: { maxDisableCount: PEOPLE }, dryRun: false };
    const stepped = { ...config, ...inSteps };
    configure(stepped);
    const crashed = new Set<string>();
    let overlapping: unknown;
    const { output, calls } = await execute(
      { trigger: 'schedule' },
      async (task, event, handler) => {
        if (task === RECONCILE_TASKS.plan && overlapping === undefined) {
          // Another run while this one holds the lock between its steps: refused.
          overlapping = await warden.invokeReconcile({}, stepped).catch((e: Error) => e.name);
        }
        const result = await handler(event);
        // The invocation did its work, then died before answering (a timeout): Step Functions
        // retries the step, which resumes from its checkpoints.
        if (
          (task === RECONCILE_TASKS.list || task === RECONCILE_TASKS.apply) &&
          !crashed.has(task)
        ) {
          crashed.add(task);
          throw Object.assign(new Error('the invocation timed out'), { name: 'Sandbox.Timedout' });
        }
        return result;
      },
    );
    expect(overlapping).toBe('RunInProgressError');
    // 6 disables, 2 a batch: 3 invocations, the one retried after its crash included, since
    // the retry went on from the checkpoint the crashed invocation had saved.
    expect(crashed).toEqual(new Set([RECONCILE_TASKS.list, RECONCILE_TASKS.apply]));
    expect(calls.get(RECONCILE_TASKS.apply)).toBe(3);
    expect(output).toMatchObject({
      status: 'completed',
      actions: { planned: 6, applied: 6, failed: 0 },
    });
    for (let i = 0; i < PEOPLE; i++) {
      const pool = i < 40 ? warden.resources.userPoolId : secondPool;
      expect(await isEnabled(pool, `user${i}`), `user${i}`).toBe(!isLeaver(i));
      if (isLeaver(i)) expect(await audit.listAudit(pool, `user${i}`)).toHaveLength(1);
    }
    expect((await runs.getRun(output.runId))?.status).toBe('completed');
    // The lock is free again, and nothing is left to do.
    const again = await warden.invokeReconcile({}, config);
    expect(again).toMatchObject({ status: 'completed', actions: { planned: 0 } });

    // A leaver's account enabled in the pool itself: the next stepped run disables it again.
    const pool = warden.resources.userPoolId;
    await warden.cognito.send(new AdminEnableUserCommand({ UserPoolId: pool, Username: 'user3' }));
    const { output: next } = await execute({ trigger: 'schedule' });
    expect(next).toMatchObject({ status: 'completed', actions: { planned: 1, applied: 1 } });
    expect(await isEnabled(pool, 'user3')).toBe(false);
    expect(await audit.listAudit(pool, 'user3')).toHaveLength(2);
  });
});

// HR offboarding, now, for an employee with accounts in three pools, on the local AWS: from the
// API handler receiving the request to the last account being signed out and disabled, and to
// the handler's answer (which comes once the outcomes and audit entries are recorded). Prints one
// JSON line: median and p95 of both over the requests; where a request's time goes (each AWS
// call timed through Node's HTTP client diagnostics, which adds no hop), with the timeline of the
// request at the p95; the table's size before and after; and the AWS calls one request makes
// (counted over a few more requests, after the timed ones, through a proxy that forwards every
// call untouched, so its extra hop is not in the times).

import { performance } from 'node:perf_hooks';
import { DynamoDBClient, ScanCommand } from '@aws-sdk/client-dynamodb';
import { recordAwsCalls, type TimedCall } from './aws-call-timeline.js';

// The functions log warnings only, so the output is the one JSON line (set before they load).
process.env.POWERTOOLS_LOG_LEVEL ??= 'WARN';
process.env.POWERTOOLS_METRICS_DISABLED ??= 'true';
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
const { localOffboardingApi } = await import('../local/local-offboarding.js');
const { startLocalWarden } = await import('../local/local-warden.js');
const { createGovernedPool } = await import('../local/provision.js');
const { listedUser, seedUsers, uploadFeed } = await import('../local/seed.js');
const { startFaultProxy } = await import('../local/fault-proxy.js');

const requests = Number(process.argv[2] ?? 100);
const POOLS = 3;
/** Requests whose AWS calls are counted. */
const COUNTED = 5;

const warden = await startLocalWarden('warden-bench-offboarding');
try {
  const { resources } = warden;
  const pools = [resources.userPoolId];
  for (let i = 1; i < POOLS; i++)
    pools.push((await createGovernedPool(warden.cognito, `bench-pool-${i}`)).userPoolId);
  const people = Array.from({ length: requests + COUNTED }, (_, i) => ({
    employeeId: `E${20000 + i}`,
    email: `person.${i}@bench.example`,
  }));
  for (const [p, userPoolId] of pools.entries()) {
    await seedUsers(
      warden.cognito,
      userPoolId,
      people.map(({ employeeId, email }) =>
        listedUser(`${employeeId.toLowerCase()}-${p}`, email, employeeId),
      ),
    );
  }
  const roster = [
    'employee_id,email,display_name,status,last_day',
    ...people.map((p) => `${p.employeeId},${p.email},Person,active,`),
  ].join('\n');
  await uploadFeed(warden.s3, resources.feedBucket, 'feeds/roster.csv', roster);
  const config = {
    accountSources: pools.map((userPoolId) => ({ userPoolId })),
    dryRun: false,
    guard: { maxRosterShrinkPercent: 100 },
  };
  // The run that builds the account index.
  await warden.invokeReconcile({ trigger: 'bench' }, config);
  // Every request leaves items behind (audit entries, marks, its record), as in a deployment.
  const tableItems = async () =>
    (
      await new DynamoDBClient({}).send(
        new ScanCommand({ TableName: resources.table, Select: 'COUNT' }),
      )
    ).Count;
  const itemsBefore = await tableItems();
  const offboard = async (api: ReturnType<typeof localOffboardingApi>, i: number) => {
    const answer = await api('POST', '/offboardings', {
      headers: { 'Idempotency-Key': `bench-${i}` },
      body: { employeeId: people[i]?.employeeId, reason: 'benchmark', requestedBy: 'bench' },
    });
    const disabled = (answer.body.accounts as { outcome: string }[]).filter(
      (a) => a.outcome === 'disabled',
    );
    if (answer.status !== 201 || disabled.length !== POOLS)
      throw new Error(`request ${i}: ${answer.status} ${JSON.stringify(answer.body)}`);
    return disabled.length;
  };
  const api = localOffboardingApi(resources, config);
  const samples: { answerMs: number; calls: TimedCall[]; started: number }[] = [];
  let accounts = 0;
  const recorder = recordAwsCalls();
  for (let i = 0; i < requests; i++) {
    recorder.take();
    const started = performance.now();
    accounts += await offboard(api, i);
    samples.push({ answerMs: performance.now() - started, calls: recorder.take(), started });
  }
  recorder.stop();
  const itemsAfter = await tableItems();
  const proxy = await startFaultProxy({ target: warden.emulator.endpoint });
  process.env.AWS_ENDPOINT_URL = proxy.endpoint;
  // The same config with its keys in another order: the functions build their clients again
  // (now with the proxy as their endpoint) when their environment changes.
  const countedApi = localOffboardingApi(
    resources,
    Object.fromEntries(Object.entries(config).reverse()),
  );
  for (let i = requests; i < requests + COUNTED; i++) await offboard(countedApi, i);
  await proxy.close();
  const callsPerRequest = (service: string): Record<string, number> =>
    Object.fromEntries(
      Object.entries(proxy.stats.operations)
        .filter(([op]) => op.startsWith(`${service}.`))
        .map(([op, n]): [string, number] => [op.slice(service.length + 1), n / COUNTED])
        .sort(([a], [b]) => a.localeCompare(b)),
    );
  const dynamoDbCalls = callsPerRequest('dynamodb');
  const phasesOf = ({ answerMs, calls, started }: (typeof samples)[number]) => {
    const endOf = (operation: string) =>
      Math.max(...calls.filter((c) => c.operation === operation).map((c) => c.endMs)) - started;
    const transaction = calls.find((c) => c.operation === 'dynamodb.TransactWriteItems');
    return {
      answerMs,
      lastDisabledMs: endOf('cognito-idp.AdminDisableUser'),
      completionTransactionMs: transaction ? transaction.endMs - transaction.startMs : 0,
      afterTransactionMs: transaction ? answerMs - (transaction.endMs - started) : 0,
    };
  };
  const phases = samples.map(phasesOf);
  const at = (values: number[], q: number) => {
    const sorted = [...values].sort((a, b) => a - b);
    const value = sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] as number;
    return Number(value.toFixed(1));
  };
  const summary = (key: keyof (typeof phases)[number]) => {
    const values = phases.map((p) => p[key]);
    return { medianMs: at(values, 0.5), p95Ms: at(values, 0.95) };
  };
  // The request whose answer time is the p95, call by call: start-end ms from its start.
  const p95Request = samples.find(
    (s) => Number(s.answerMs.toFixed(1)) === summary('answerMs').p95Ms,
  );
  const timeline = (p95Request?.calls ?? []).map(
    (c) =>
      `${(c.startMs - (p95Request?.started ?? 0)).toFixed(0)}-${(c.endMs - (p95Request?.started ?? 0)).toFixed(0)} ${c.operation}`,
  );
  console.log(
    JSON.stringify({
      benchmark: 'offboarding-now',
      pools: POOLS,
      requests,
      accountsDisabled: accounts,
      medianMs: summary('answerMs').medianMs,
      p95Ms: summary('answerMs').p95Ms,
      // Issue 9's target: from the request's arrival to the last account signed out and disabled.
      lastAccountDisabled: { ...summary('lastDisabledMs'), targetP95Ms: 1000 },
      completionTransaction: summary('completionTransactionMs'),
      afterCompletionTransaction: summary('afterTransactionMs'),
      tableItems: { beforeRequests: itemsBefore, afterRequests: itemsAfter },
      dynamoDbCallsPerRequest: Object.values(dynamoDbCalls).reduce((a, b) => a + b, 0),
      dynamoDbCallsByOperation: dynamoDbCalls,
      cognitoCallsByOperation: callsPerRequest('cognito-idp'),
      p95RequestTimeline: timeline,
    }),
  );
} finally {
  await warden.emulator.stop();
}

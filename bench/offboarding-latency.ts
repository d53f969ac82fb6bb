// HR offboarding, now: from the API handler receiving the request to the last account being
// signed out and disabled (the handler answers only then), for an employee with accounts in three
// pools, on the local AWS. Prints one JSON line: median and p95 over the requests, and the AWS
// calls one request makes (counted over a few more requests, after the timed ones, through a
// proxy that forwards every call untouched, so its extra hop is not in the times).

import { performance } from 'node:perf_hooks';

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
  const samples: number[] = [];
  let accounts = 0;
  for (let i = 0; i < requests; i++) {
    const started = performance.now();
    accounts += await offboard(api, i);
    samples.push(performance.now() - started);
  }
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
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) =>
    sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] as number;
  console.log(
    JSON.stringify({
      benchmark: 'offboarding-now',
      pools: POOLS,
      requests,
      accountsDisabled: accounts,
      medianMs: Number(at(0.5).toFixed(1)),
      p95Ms: Number(at(0.95).toFixed(1)),
      targetP95Ms: 1000,
      dynamoDbCallsPerRequest: Object.values(dynamoDbCalls).reduce((a, b) => a + b, 0),
      dynamoDbCallsByOperation: dynamoDbCalls,
      cognitoCallsByOperation: callsPerRequest('cognito-idp'),
    }),
  );
} finally {
  await warden.emulator.stop();
}

// Emulator benchmark: accounts/s of a full dry-run (the real handler: feed, listing, plan,
// guard, findings, reports, notification) beside a bare ListUsers loop over the same pool.
// It also breaks the last dry-run down into phases, with the AWS calls each made, and times each
// dry-run's work before its first ListUsers request and after its last answer.
// Run through `npm run bench` or alone: `tsx bench/dry-run-vs-list-users.ts [ACCOUNTS] [ROUNDS]`.
import { ListUsersCommand } from '@aws-sdk/client-cognito-identity-provider';
import { cognitoClient } from '../functions/aws/clients/cognito.js';
import { evenlySpaced } from '../functions/aws/evenly-spaced.js';
import { ratesOf, reconcileConfigSchema } from '../functions/core/config/reconcile-config.js';
import { DEFAULT_FEED_KEY } from '../functions/core/shared/bucket-layout.js';
import { startLocalWarden } from '../local/local-warden.js';
import { seedUsers, uploadFeed } from '../local/seed.js';
import { recordAwsCalls } from './aws-call-timeline.js';
import { type RunPhases, watchRunPhases } from './run-phases.js';

const size = Number(process.argv[2] ?? 10_000);
const rounds = Number(process.argv[3] ?? 3);
// Times the dry-run's phases from its log lines, which it keeps off the output.
const measure = watchRunPhases();
process.env.POWERTOOLS_METRICS_DISABLED ??= 'true';
const DEFAULT_LIST_RATE = ratesOf(reconcileConfigSchema.parse({}).rateLimits).UserList;

const warden = await startLocalWarden('warden-bench', (m) => console.error(m));
try {
  const pool = warden.resources.userPoolId;
  const users = Array.from({ length: size }, (_, i) => ({
    Username: `user${i}`,
    Enabled: true,
    UserStatus: 'CONFIRMED',
    Attributes: [
      { Name: 'email', Value: `person${i}@example.org` },
      { Name: 'custom:employee_id', Value: `E${i}` },
    ],
  }));
  await seedUsers(warden.cognito, pool, users, (n) => console.error(`seeded ${n}/${size}`));
  const roster = ['employee_id,email,display_name,status,last_day'];
  for (let i = 0; i < size; i++)
    roster.push(`E${i},person${i}@example.org,,${i % 50 === 0 ? 'leaver,2024-12-31' : 'active,'}`);
  await uploadFeed(warden.s3, warden.resources.feedBucket, DEFAULT_FEED_KEY, roster.join('\n'));
  const config = {
    accountSources: [{ userPoolId: pool }],
    guard: { maxDisablePercent: 100, maxDisableCount: size },
  };

  const client = cognitoClient();
  const listPage = (token: string | undefined) =>
    client.send(new ListUsersCommand({ UserPoolId: pool, Limit: 60, PaginationToken: token }));
  // The same loop held to Warden's default ListUsers rate by the bucket Warden uses
  // (one request every 1/rate seconds), to separate the quota guard from the rest.
  const wardenRate = evenlySpaced(1000 / DEFAULT_LIST_RATE);
  const listPageAtWardenRate: typeof listPage = async (token) => {
    await wardenRate();
    return listPage(token);
  };
  const bareLoop = async (fetchPage: typeof listPage) => {
    let token: string | undefined;
    let count = 0;
    do {
      const page = await fetchPage(token);
      count += page.Users?.length ?? 0;
      token = page.PaginationToken;
    } while (token);
    return count;
  };
  let phases: RunPhases | undefined;
  const calls = recordAwsCalls();
  const beforeFirstList: number[] = [];
  const afterLastList: number[] = [];
  const listRequests: number[] = [];
  const dryRun = async () => {
    calls.take();
    const started = performance.now();
    const [response, measured] = await measure(() =>
      warden.invokeReconcile({ dryRun: true, trigger: 'bench' }, config),
    );
    const ended = performance.now();
    const lists = calls.take().filter((c) => c.operation === 'cognito-idp.ListUsers');
    beforeFirstList.push(Math.round((lists[0]?.startMs ?? Number.NaN) - started));
    afterLastList.push(Math.round(ended - (lists.at(-1)?.endMs ?? Number.NaN)));
    listRequests.push(lists.length);
    phases = measured;
    return Object.values(response.counts).reduce((a, b) => a + b, 0);
  };
  const timed = async (fn: () => Promise<number>) => {
    const started = process.hrtime.bigint();
    const accounts = await fn();
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    if (accounts !== size) throw new Error(`expected ${size} accounts, got ${accounts}`);
    return accounts / seconds;
  };

  const bare: number[] = [];
  const bareAtRate: number[] = [];
  const warden_: number[] = [];
  await dryRun(); // warm-up: module loading, first connections
  beforeFirstList.length = 0;
  afterLastList.length = 0;
  listRequests.length = 0;
  for (let r = 0; r < rounds; r++) {
    bare.push(await timed(() => bareLoop(listPage)));
    bareAtRate.push(await timed(() => bareLoop(listPageAtWardenRate)));
    warden_.push(await timed(dryRun));
  }
  const median = (xs: number[]) =>
    [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
  console.log(
    JSON.stringify({
      benchmark: 'full dry-run vs bare ListUsers loop, local emulator',
      accounts: size,
      rounds,
      bareListUsersAccountsPerSecond: bare.map(Math.round),
      [`bareListUsersAt${DEFAULT_LIST_RATE}RpsAccountsPerSecond`]: bareAtRate.map(Math.round),
      dryRunAccountsPerSecond: warden_.map(Math.round),
      medianRatioVsBare: Number((median(warden_) / median(bare)).toFixed(2)),
      medianRatioVsBareAtSameRate: Number((median(warden_) / median(bareAtRate)).toFixed(2)),
      // Each dry-run's milliseconds from its start to its first ListUsers request, and from the
      // answer to its last one to its end: the work the listing does not hide.
      dryRunMsBeforeFirstListUsers: beforeFirstList,
      dryRunMsAfterLastListUsers: afterLastList,
      // Each dry-run's ListUsers requests: more than the bare loop's when it listed in 16 streams.
      dryRunListUsersRequests: listRequests,
      // The last round's dry-run: seconds per phase, and AWS calls per phase by command.
      lastDryRunPhaseSeconds: phases?.seconds,
      lastDryRunCallsByPhase: phases?.calls,
    }),
  );
} finally {
  await warden.emulator.stop();
}

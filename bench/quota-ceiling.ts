// Emulator benchmark behind the quota simulator (local/quota-simulator.ts), which enforces
// Cognito's default per-category rates and throttles the excess exactly as Cognito does:
// 1. a full dry-run over ACCOUNTS accounts in 4 pools of one Region (one ListUsers quota):
//    wall time, achieved ListUsers rate as a fraction of the quota, failed calls;
// 2. an applied run disabling DISABLES of them: achieved UserUpdate rate as a fraction of the
//    quota, and actions lost (planned but neither applied nor already done).
// Run through `npm run bench` or alone: `tsx bench/quota-ceiling.ts [ACCOUNTS] [DISABLES]`.

import { DEFAULT_FEED_KEY } from '../functions/core/shared/bucket-layout.js';
import {
  DEFAULT_COGNITO_QUOTAS,
  type QuotaCategory,
} from '../functions/core/shared/cognito-quotas.js';
import type { ReconcileResponse } from '../functions/reconcile/reconcile-event.js';
import { startLocalWarden } from '../local/local-warden.js';
import { createGovernedPool } from '../local/provision.js';
import { type CategoryCounts, startQuotaSimulator } from '../local/quota-simulator.js';
import { listedUser, seedUsers, uploadFeed } from '../local/seed.js';

const size = Number(process.argv[2] ?? 100_000);
const disables = Math.min(size, Number(process.argv[3] ?? 5_000));
const POOLS = 4;
process.env.POWERTOOLS_LOG_LEVEL ??= 'WARN';
process.env.POWERTOOLS_METRICS_DISABLED ??= 'true';

const warden = await startLocalWarden('warden-quota-bench', (m) => console.error(m));
const simulator = await startQuotaSimulator(warden.emulator.endpoint);
try {
  const pools = [warden.resources.userPoolId];
  for (let p = 1; p < POOLS; p++)
    pools.push((await createGovernedPool(warden.cognito, `quota-bench-${p}`)).userPoolId);
  // Person i lives in pool i mod 4; every (size / disables)-th person has left.
  const every = size / disables;
  const isLeaver = (i: number) => disables > 0 && i % every < 1;
  for (let p = 0; p < POOLS; p++) {
    const users = [];
    for (let i = p; i < size; i += POOLS)
      users.push(listedUser(`user${i}`, `person${i}@example.org`, `E${i}`));
    await seedUsers(warden.cognito, pools[p] as string, users, (n) =>
      console.error(`pool ${p + 1}/${POOLS}: seeded ${n}/${users.length}`),
    );
  }
  const roster = ['employee_id,email,display_name,status,last_day'];
  for (let i = 0; i < size; i++)
    roster.push(`E${i},person${i}@example.org,,${isLeaver(i) ? 'leaver,2024-12-31' : 'active,'}`);
  await uploadFeed(warden.s3, warden.resources.feedBucket, DEFAULT_FEED_KEY, roster.join('\n'));
  const config = {
    accountSources: pools.map((userPoolId) => ({ userPoolId })),
    guard: { maxDisablePercent: 100, maxDisableCount: size, maxRosterShrinkPercent: 100 },
  };

  // From here on the handler's Cognito calls go through the simulator.
  process.env.AWS_ENDPOINT_URL = simulator.endpoint;
  const phase = async (dryRun: boolean) => {
    simulator.reset();
    const started = process.hrtime.bigint();
    const response = await warden.invokeReconcile(
      { dryRun, trigger: 'bench' },
      { ...config, dryRun },
    );
    const wallSeconds = Number(process.hrtime.bigint() - started) / 1e9;
    return { response, wallSeconds, counts: simulator.counts() };
  };

  const listing = await phase(true);
  const listed = Object.values(listing.response.counts).reduce((a, b) => a + b, 0);
  if (listed !== size) throw new Error(`expected ${size} accounts, the run saw ${listed}`);
  const applying = disables > 0 ? await phase(false) : undefined;
  const actions = applying?.response.actions;

  console.log(
    JSON.stringify({
      benchmark: 'quota ceiling: 4 pools behind the quota simulator, local emulator',
      accounts: size,
      pools: POOLS,
      wallSeconds: round(listing.wallSeconds),
      accountsPerSecond: Math.round(size / listing.wallSeconds),
      listUsersQuotaPerSecond: DEFAULT_COGNITO_QUOTAS.UserList,
      listUsersAchievedPerSecond: round(rateOf(listing.counts, 'UserList')),
      listUsersFractionOfCeiling: fraction(listing.counts, 'UserList'),
      listUsersThrottled: listing.counts.UserList?.throttled ?? 0,
      failedCalls: failures(listing.response),
      disables,
      applyWallSeconds: applying && round(applying.wallSeconds),
      userUpdateQuotaPerSecond: DEFAULT_COGNITO_QUOTAS.UserUpdate,
      userUpdateAchievedPerSecond: applying && round(rateOf(applying.counts, 'UserUpdate')),
      userUpdateFractionOfCeiling: applying && fraction(applying.counts, 'UserUpdate'),
      userUpdateThrottled: applying?.counts.UserUpdate?.throttled ?? 0,
      applyFailedCalls: applying && failures(applying.response),
      actionsPlanned: actions?.planned,
      actionsApplied: actions?.applied,
      lostActions: actions && actions.planned - actions.applied - actions.alreadyDone,
    }),
  );
} finally {
  await simulator.stop();
  await warden.emulator.stop();
}

/** Requests the simulator accepted per second, from the first accepted to the last. */
function rateOf(counts: Partial<Record<QuotaCategory, CategoryCounts>>, category: QuotaCategory) {
  const c = counts[category];
  if (!c || c.firstAt === undefined || c.lastAt === undefined || c.accepted < 2) return 0;
  return (c.accepted - 1) / ((c.lastAt - c.firstAt) / 1000);
}

function fraction(counts: Partial<Record<QuotaCategory, CategoryCounts>>, category: QuotaCategory) {
  return round(rateOf(counts, category) / DEFAULT_COGNITO_QUOTAS[category], 3);
}

/** Cognito calls that failed for good, every category (throttles that were retried are not). */
function failures(response: ReconcileResponse): number {
  return Object.values(response.throughput ?? {}).reduce((n, c) => n + (c?.failures ?? 0), 0);
}

function round(x: number, digits = 2): number {
  return Number(x.toFixed(digits));
}

// A whole reconcile function's services in memory: one user pool, the feed bucket, storage,
// reports and notices, for tests of request handling and of the handler factory.
import type { Account } from '../../../functions/core/account.js';
import type { ReconcileServices } from '../../../functions/core/reconcile/handle-request.js';
import { account, config, HEADER, POOL } from './builders.js';
import {
  FixedClock,
  MemoryDirectory,
  MemoryFeeds,
  MemoryLog,
  MemoryNotifier,
  MemoryReports,
  sequentialIds,
} from './memory-services.js';
import { memoryStorage } from './memory-storage.js';

export const FEED_BUCKET = 'hr-feeds';
export const ROWS = [
  'E1,ana@x.org,Ana,active,',
  'E2,ben@x.org,Ben,leaver,2025-01-31',
  'E3,cruz@x.org,Cruz,leaver,2025-02-28',
];

export const csv = (rows: string[]) => [HEADER, ...rows].join('\n');

/** Ana stays, Ben and Cruz left; the default feed says so, and the run applies by default. */
export function reconcileWorld(settings: Record<string, unknown> = {}, accounts?: Account[]) {
  const directory = new MemoryDirectory(
    POOL,
    accounts ?? [
      account('ana', { employeeId: 'E1' }),
      account('ben', { employeeId: 'E2' }),
      account('cruz', { employeeId: 'E3' }),
    ],
  );
  const feeds = new MemoryFeeds();
  feeds.put(FEED_BUCKET, 'feeds/roster.csv', csv(ROWS));
  const services = {
    config: config({
      accountSources: [{ userPoolId: POOL }],
      dryRun: false,
      guard: { maxDisablePercent: 100 },
      ...settings,
    }),
    feeds,
    feedBucket: FEED_BUCKET,
    directories: [directory],
    storage: memoryStorage(),
    reports: new MemoryReports(),
    notifier: new MemoryNotifier(),
    clock: new FixedClock(new Date('2026-11-29T12:00:00Z')),
    ids: sequentialIds(),
    log: new MemoryLog(),
  } satisfies ReconcileServices;
  return { ...services, directory, services };
}

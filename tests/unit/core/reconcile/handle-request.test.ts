import { describe, expect, it } from 'vitest';
import {
  handleReconcileRequest,
  resolveRequest,
} from '../../../../functions/core/reconcile/handle-request.js';
import { newRunRecord } from '../../../../functions/core/reconcile/run-record.js';
import {
  ConfigError,
  ReviewError,
  RunInProgressError,
} from '../../../../functions/core/shared/errors.js';
import { account } from '../../fakes/builders.js';
import { pressPolicy } from '../../fakes/memory-geo.js';
import { csv, FEED_BUCKET, ROWS, reconcileWorld } from '../../fakes/reconcile-world.js';

/** Lets every pending callback of the event loop run once. */
const turn = () => new Promise((resolve) => setImmediate(resolve));

/**
 * The world's directory lists one account per turn of the event loop, as a rate-limited listing
 * does; `events` gets when listing and the feed's read begin, `listing` how far listing got.
 */
function watchListing(w: ReturnType<typeof reconcileWorld>) {
  const events: string[] = [];
  const listing = { listed: 0, closed: false };
  const { accounts } = w.directory;
  w.directory.listAccounts = async function* () {
    events.push('listing');
    try {
      for (const listed of accounts) {
        await turn();
        listing.listed++;
        yield { ...listed };
      }
    } finally {
      listing.closed = true;
    }
  };
  const read = w.feeds.read.bind(w.feeds);
  w.feeds.read = (...args) => {
    events.push('feed');
    return read(...args);
  };
  return { events, listing };
}

const manyAccounts = Array.from({ length: 50 }, (_, i) => account(`user${i}`));

const run = (overrides: { feed?: { bucket?: string; key: string }; forceDryRun?: boolean } = {}) =>
  ({ kind: 'run', trigger: 'schedule', forceDryRun: false, ...overrides }) as const;

describe('handling a reconcile request', () => {
  it('refuses to run when no user pool is configured', async () => {
    const w = reconcileWorld({ accountSources: [] });
    await expect(handleReconcileRequest(run(), w.services)).rejects.toThrow(
      new ConfigError('configuration', [
        'accountSources: lists no user pool; nothing to reconcile',
      ]),
    );
    expect(w.feeds.reads).toEqual([]);
  });

  it('reads the default feed from the feed bucket when the request names none', async () => {
    const w = reconcileWorld();
    const result = await handleReconcileRequest(run(), w.services);
    expect(w.feeds.reads).toEqual([{ bucket: FEED_BUCKET, key: 'feeds/roster.csv' }]);
    expect(result.feed).toEqual({
      kind: 'roster',
      source: `s3://${FEED_BUCKET}/feeds/roster.csv`,
      records: 3,
      version: 'v1',
    });
    expect([result.status, result.trigger]).toEqual(['completed', 'schedule']);
    expect(w.directory.disableCalls).toEqual(['ben', 'cruz']);
  });

  it('runs on the feed the request names, in the feed bucket unless it names another', async () => {
    const w = reconcileWorld();
    w.feeds.put(FEED_BUCKET, 'feeds/monday.csv', csv(ROWS));
    w.feeds.put('hr-uploads', 'exports/monday.csv', csv(ROWS));
    await handleReconcileRequest(run({ feed: { key: 'feeds/monday.csv' } }), w.services);
    const other = await handleReconcileRequest(
      run({ feed: { bucket: 'hr-uploads', key: 'exports/monday.csv' } }),
      w.services,
    );
    expect(w.feeds.reads).toEqual([
      { bucket: FEED_BUCKET, key: 'feeds/monday.csv' },
      { bucket: 'hr-uploads', key: 'exports/monday.csv' },
    ]);
    expect(other.feed.source).toBe('s3://hr-uploads/exports/monday.csv');
  });

  it('records a rejected run for an invalid feed, changes nothing, and logs no value', async () => {
    const w = reconcileWorld();
    w.feeds.put(FEED_BUCKET, 'feeds/roster.csv', csv(['E1,ana-at-x.org,Ana,active,']));
    const result = await handleReconcileRequest(run(), w.services);
    expect(result).toMatchObject({ status: 'rejected', feed: { records: 0 } });
    expect(w.storage.runs.records.get(result.runId)?.status).toBe('rejected');
    expect(w.notifier.notices.at(-1)?.status).toBe('rejected');
    expect(w.directory.disableCalls).toEqual([]);
    expect(w.storage.baselines.baselines.size).toBe(0);
    expect(w.log.lines).toEqual([
      { level: 'warn', message: 'HR feed rejected', detail: { problems: 1, at: ['2:email'] } },
    ]);
    expect(JSON.stringify(w.log.lines)).not.toContain('ana-at-x.org');
  });

  it('begins listing the accounts before it reads the feed, and plans from that listing', async () => {
    const w = reconcileWorld();
    const { events, listing } = watchListing(w);
    const result = await handleReconcileRequest(run(), w.services);
    expect(events).toEqual(['listing', 'feed']);
    expect(listing).toEqual({ listed: 3, closed: true });
    expect(result.counts).toMatchObject({ active: 1, leaver: 2 });
    expect(w.directory.disableCalls).toEqual(['ben', 'cruz']);
  });

  it('stops the listing it began when the feed is rejected', async () => {
    const w = reconcileWorld({}, manyAccounts);
    w.feeds.put(FEED_BUCKET, 'feeds/roster.csv', csv(['E1,ana-at-x.org,Ana,active,']));
    const { listing } = watchListing(w);
    const result = await handleReconcileRequest(run(), w.services);
    expect(result.status).toBe('rejected');
    for (let i = 0; i < 5; i++) await turn();
    expect(listing.closed).toBe(true);
    expect(listing.listed).toBeLessThan(manyAccounts.length);
  });

  it('stops the listing it began when another run holds the lock', async () => {
    const w = reconcileWorld({}, manyAccounts);
    const { listing } = watchListing(w);
    const later = new Date('2026-11-29T13:00:00Z');
    await w.storage.lock.acquire('reconcile', 'someone-else', w.clock.now(), later);
    await expect(handleReconcileRequest(run(), w.services)).rejects.toBeInstanceOf(
      RunInProgressError,
    );
    for (let i = 0; i < 5; i++) await turn();
    expect(listing.closed).toBe(true);
    expect(listing.listed).toBeLessThan(manyAccounts.length);
  });

  it('rejects a feed larger than feed.maxBytes without changing anything', async () => {
    const w = reconcileWorld({ feed: { maxBytes: 40 } });
    const result = await handleReconcileRequest(run(), w.services);
    expect(result).toMatchObject({ status: 'rejected' });
    expect(result.feed).toEqual({
      kind: 'roster',
      source: `s3://${FEED_BUCKET}/feeds/roster.csv`,
      records: 0,
    });
    expect(w.log.lines.map((l) => l.detail)).toEqual([{ problems: 1, at: ['feed:row'] }]);
    expect(result.notes).toEqual([
      expect.stringMatching(/^HR feed rejected with 1 problem/),
      'feed: row',
    ]);
    expect(w.directory.disableCalls).toEqual([]);
  });

  it('forces a dry-run when asked, and never forces a real run on a dry-run deployment', async () => {
    const forced = reconcileWorld();
    expect((await handleReconcileRequest(run({ forceDryRun: true }), forced.services)).mode).toBe(
      'dry-run',
    );
    expect(forced.directory.disableCalls).toEqual([]);

    const dryDeployment = reconcileWorld({ dryRun: true });
    const result = await handleReconcileRequest(
      run({ forceDryRun: false }),
      dryDeployment.services,
    );
    expect([result.mode, result.status]).toEqual(['dry-run', 'planned']);
    expect(dryDeployment.directory.disableCalls).toEqual([]);
  });

  it('closes a quarantined run for good when an admin rejects it', async () => {
    const w = reconcileWorld({ guard: { maxDisableCount: 1 } });
    const quarantined = await handleReconcileRequest(run(), w.services);
    const rejected = await handleReconcileRequest(
      { kind: 'reject', runId: quarantined.runId },
      w.services,
    );
    expect(rejected.status).toBe('rejected');
    expect(w.feeds.reads).toHaveLength(1);
    expect(w.directory.disableCalls).toEqual([]);
  });

  it('applies an approved run from the feed that run read, whatever the default feed says now', async () => {
    const w = reconcileWorld({ guard: { maxDisablePercent: 100, maxDisableCount: 1 } });
    w.feeds.put('hr-uploads', 'exports/friday.csv', csv(ROWS));
    const quarantined = await handleReconcileRequest(
      run({ feed: { bucket: 'hr-uploads', key: 'exports/friday.csv' } }),
      w.services,
    );
    expect(quarantined.status).toBe('quarantined');
    w.feeds.put(FEED_BUCKET, 'feeds/roster.csv', csv(ROWS.slice(0, 1)));

    w.clock.current = new Date('2026-11-29T13:00:00Z');
    const mark = { by: 'alice (it-security)', reason: 'mass leavers after the merger' };
    const applied = await handleReconcileRequest(
      { kind: 'approve', runId: quarantined.runId, review: mark },
      w.services,
    );
    expect(w.storage.runs.records.get(quarantined.runId)?.review).toEqual({
      decision: 'approved',
      ...mark,
      at: new Date('2026-11-29T13:00:00Z'),
      appliedBy: { runId: applied.runId, status: 'completed' },
    });
    expect(w.feeds.reads.at(-1)).toEqual({
      bucket: 'hr-uploads',
      key: 'exports/friday.csv',
      version: 'v1',
    });
    expect([applied.status, applied.trigger]).toEqual(['completed', 'approval']);
    expect(w.directory.disableCalls).toEqual(['ben', 'cruz']);
    expect(w.storage.runs.records.get(quarantined.runId)?.notes).toContain(
      `approved by an admin; run ${applied.runId} ended completed`,
    );
  });

  it("applies an approved run's MFA posture disables, which leave the account active", async () => {
    const w = reconcileWorld(
      {
        guard: { maxDisablePercent: 100, maxDisableCount: 1 },
        geoPolicy: pressPolicy(),
        postureAction: 'disable',
      },
      [
        account('ana', { employeeId: 'E1', emailVerified: false }),
        account('ben', { employeeId: 'E2' }),
        account('cruz', { employeeId: 'E3' }),
      ],
    );
    w.directory.groups.set('correspondents', ['ana']);
    const quarantined = await handleReconcileRequest(run(), w.services);
    expect([quarantined.status, quarantined.actions.planned]).toEqual(['quarantined', 3]);
    const applied = await handleReconcileRequest(
      { kind: 'approve', runId: quarantined.runId },
      w.services,
    );
    expect(applied.status).toBe('completed');
    expect(w.directory.disableCalls.sort()).toEqual(['ana', 'ben', 'cruz']);
  });

  it('applies an approved run from the version of the feed that run read, even after a new upload', async () => {
    const w = reconcileWorld({ guard: { maxDisablePercent: 100, maxDisableCount: 1 } });
    const quarantined = await handleReconcileRequest(run(), w.services);
    expect([quarantined.status, quarantined.feed.version]).toEqual(['quarantined', 'v1']);
    // A new export at the same key lists Cruz as active again.
    w.feeds.put(
      FEED_BUCKET,
      'feeds/roster.csv',
      csv([ROWS[0], ROWS[1], 'E3,cruz@x.org,Cruz,active,'] as string[]),
    );
    const applied = await handleReconcileRequest(
      { kind: 'approve', runId: quarantined.runId },
      w.services,
    );
    expect(w.feeds.reads.at(-1)).toEqual({
      bucket: FEED_BUCKET,
      key: 'feeds/roster.csv',
      version: 'v1',
    });
    expect([applied.status, applied.feed.version]).toEqual(['completed', 'v1']);
    expect(w.directory.disableCalls).toEqual(['ben', 'cruz']);
  });

  it('refuses to approve a run that did not read its feed from S3', async () => {
    const w = reconcileWorld();
    await w.storage.runs.saveRun({
      ...newRunRecord({
        runId: 'r-cli',
        mode: 'apply',
        trigger: 'cli',
        startedAt: w.clock.now(),
        feed: { kind: 'roster', source: 'roster.csv', records: 3 },
      }),
      status: 'quarantined',
    });
    await expect(
      handleReconcileRequest({ kind: 'approve', runId: 'r-cli' }, w.services),
    ).rejects.toThrow(
      new ReviewError('run r-cli did not read its feed from S3; approve it where it ran'),
    );
    expect(w.directory.disableCalls).toEqual([]);
  });

  it('logs how each run finished, by id, status and counts only', async () => {
    const w = reconcileWorld();
    const result = await handleReconcileRequest(run(), w.services);
    expect(w.log.lines.filter((l) => l.message === 'run finished')).toEqual([
      {
        level: 'info',
        message: 'run finished',
        detail: {
          runId: result.runId,
          status: 'completed',
          actions: { planned: 2, applied: 2, alreadyDone: 0, failed: 0 },
        },
      },
    ]);
  });

  it('logs where the first twenty problems of a rejected feed are, and only how many more', async () => {
    const w = reconcileWorld();
    const bad = Array.from({ length: 25 }, (_, i) => `E${i},not-an-email,P${i},active,`);
    w.feeds.put(FEED_BUCKET, 'feeds/roster.csv', csv(bad));
    await handleReconcileRequest(run(), w.services);
    const [rejected] = w.log.lines;
    expect(rejected?.detail?.problems).toBe(25);
    expect(rejected?.detail?.at).toEqual(Array.from({ length: 20 }, (_, i) => `${i + 2}:email`));
  });

  it('resolves a valid feed to a run to carry out', async () => {
    const w = reconcileWorld();
    const requested = await resolveRequest(run({ forceDryRun: true }), w.services);
    expect(requested).toMatchObject({ kind: 'run', dryRun: true, trigger: 'schedule' });
  });
});

import type { ReconcileConfig } from '../config/reconcile-config.js';
import type { HrFeed } from '../hr/hr-record.js';
import { parseFeedInTurns } from '../hr/parse-feed.js';
import { DEFAULT_FEED_KEY, parseS3Uri } from '../shared/bucket-layout.js';
import { ConfigError, ReviewError } from '../shared/errors.js';
import { readAhead } from '../shared/read-ahead.js';
import type { Approval } from './conclude-plan.js';
import type { AccountDirectory, FeedLocation, FeedSource } from './ports.js';
import { rejectFeed } from './reject-feed.js';
import { approvalOf, markApproved, type ReviewMark, rejectRun } from './review-quarantine.js';
import { type RunDependencies, runReconciliation } from './run-reconciliation.js';
import type { RunRecord } from './run-record.js';

/** What the reconcile function is asked to do. */
export type ReconcileRequest =
  /** A run, on the feed named (or the default one); `forceDryRun` can never force the reverse. */
  | { kind: 'run'; feed?: { bucket?: string; key: string }; forceDryRun: boolean; trigger: string }
  /** Apply exactly the plan of a quarantined run, re-planned from its own feed. */
  | { kind: 'approve'; runId: string; review?: ReviewMark }
  /** Close a quarantined run without applying it. */
  | { kind: 'reject'; runId: string; review?: ReviewMark };

export interface ReconcileServices extends RunDependencies {
  config: ReconcileConfig;
  feeds: FeedSource;
  /** Where scheduled runs read their feed when the request names no bucket. */
  feedBucket: string;
}

/** What a run request resolves to: a feed to reconcile, or a run already closed (rejected feed). */
export type RequestedRun =
  | { kind: 'closed'; run: RunRecord }
  | {
      kind: 'run';
      feed: HrFeed;
      dryRun: boolean;
      trigger: string;
      /** The quarantined run an admin approved, what its approval lets through, and who approved. */
      review?: { approval: Approval; run: RunRecord; mark?: ReviewMark };
    };

/** Routes a request: reject, approve (re-plan from the run's feed), or run on a feed. */
export async function handleReconcileRequest(
  request: ReconcileRequest,
  deps: ReconcileServices,
): Promise<RunRecord> {
  // Listing changes nothing and sets a run's pace, so it starts at once, beside the feed's
  // reading and checks and the run's lock; it stops wherever the run does not go ahead.
  const listing = request.kind === 'reject' ? undefined : listAhead(deps.directories);
  try {
    const requested = await resolveRequest(request, deps);
    if (requested.kind === 'closed') return requested.run;
    const { run } = await runReconciliation(
      {
        feed: requested.feed,
        config: deps.config,
        dryRun: requested.dryRun,
        trigger: requested.trigger,
        approval: requested.review?.approval,
      },
      deps,
      listing?.accountsOf,
    );
    if (requested.review)
      await markApproved(deps.storage.runs, requested.review.run, run, {
        mark: requested.review.mark,
        at: deps.clock.now(),
      });
    deps.log.info('run finished', { runId: run.runId, status: run.status, actions: run.actions });
    return run;
  } finally {
    listing?.stop();
  }
}

/** The first source's listing, begun now; later sources are listed when the plan reaches them. */
function listAhead(directories: readonly AccountDirectory[]) {
  const [first] = directories;
  if (!first) return undefined;
  const ahead = readAhead(first.listAccounts());
  return {
    accountsOf: (directory: AccountDirectory) =>
      directory === first ? ahead.items : directory.listAccounts(),
    stop: ahead.stop,
  };
}

/**
 * Checks the configuration, closes a rejection, and reads and validates the feed a run needs:
 * an invalid feed is recorded as a rejected run and changes nothing.
 */
export async function resolveRequest(
  request: ReconcileRequest,
  deps: ReconcileServices,
): Promise<RequestedRun> {
  const { config } = deps;
  if (config.accountSources.length === 0) {
    throw new ConfigError('configuration', [
      'accountSources: lists no user pool; nothing to reconcile',
    ]);
  }
  if (request.kind === 'reject') {
    const run = await rejectRun(
      request.runId,
      { runs: deps.storage.runs, notifier: deps.notifier, clock: deps.clock },
      request.review,
    );
    return { kind: 'closed', run };
  }
  const review =
    request.kind === 'approve' ? await approvalOf(deps.storage.runs, request.runId) : undefined;
  const location = review
    ? feedOfRun(review.run)
    : {
        bucket: (request.kind === 'run' && request.feed?.bucket) || deps.feedBucket,
        key: (request.kind === 'run' && request.feed?.key) || DEFAULT_FEED_KEY,
      };
  const trigger = request.kind === 'run' ? request.trigger : 'approval';
  const source = `s3://${location.bucket}/${location.key}`;
  const { bytes, version } = await deps.feeds.read(location, config.feed.maxBytes);
  const parsed = await parseFeedInTurns(bytes, { ...config.feed, source });
  if (!parsed.ok) {
    deps.log.warn('HR feed rejected', {
      problems: parsed.problems.length,
      at: parsed.problems.slice(0, 20).map((p) => `${p.location ?? 'feed'}:${p.field ?? 'row'}`),
    });
    const run = await rejectFeed({ kind: config.feed.kind, source }, parsed.problems, trigger, {
      runs: deps.storage.runs,
      notifier: deps.notifier,
      clock: deps.clock,
      ids: deps.ids,
    });
    return { kind: 'closed', run };
  }
  return {
    kind: 'run',
    feed: version ? { ...parsed.feed, version } : parsed.feed,
    dryRun: config.dryRun || (request.kind === 'run' && request.forceDryRun),
    trigger,
    review: review && { ...review, mark: request.kind === 'approve' ? request.review : undefined },
  };
}

/** The feed a quarantined run read (the same version, where recorded), which its approval re-plans from. */
function feedOfRun(run: RunRecord): FeedLocation {
  const location = parseS3Uri(run.feed.source);
  if (!location)
    throw new ReviewError(
      `run ${run.runId} did not read its feed from S3; approve it where it ran`,
    );
  return run.feed.version ? { ...location, version: run.feed.version } : location;
}

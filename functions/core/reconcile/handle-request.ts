import type { ReconcileConfig } from '../config/reconcile-config.js';
import { parseFeed } from '../hr/parse-feed.js';
import { DEFAULT_FEED_KEY, parseS3Uri } from '../shared/bucket-layout.js';
import { ConfigError, ReviewError } from '../shared/errors.js';
import type { FeedLocation, FeedSource } from './ports.js';
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

/** Routes a request: reject, approve (re-plan from the run's feed), or run on a feed. */
export async function handleReconcileRequest(
  request: ReconcileRequest,
  deps: ReconcileServices,
): Promise<RunRecord> {
  const { config } = deps;
  if (config.accountSources.length === 0) {
    throw new ConfigError('configuration', [
      'accountSources: lists no user pool; nothing to reconcile',
    ]);
  }
  if (request.kind === 'reject') {
    return rejectRun(
      request.runId,
      { runs: deps.storage.runs, notifier: deps.notifier, clock: deps.clock },
      request.review,
    );
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
  const parsed = parseFeed(await deps.feeds.read(location), { ...config.feed, source });
  if (!parsed.ok) {
    deps.log.warn('HR feed rejected', {
      problems: parsed.problems.length,
      at: parsed.problems.slice(0, 20).map((p) => `${p.location ?? 'feed'}:${p.field ?? 'row'}`),
    });
    return rejectFeed({ kind: config.feed.kind, source }, parsed.problems, trigger, {
      runs: deps.storage.runs,
      notifier: deps.notifier,
      clock: deps.clock,
      ids: deps.ids,
    });
  }
  const { run } = await runReconciliation(
    {
      feed: parsed.feed,
      config,
      dryRun: config.dryRun || (request.kind === 'run' && request.forceDryRun),
      trigger,
      approval: review?.approval,
    },
    deps,
  );
  if (review && request.kind === 'approve')
    await markApproved(deps.storage.runs, review.run, run, {
      mark: request.review,
      at: deps.clock.now(),
    });
  deps.log.info('run finished', { runId: run.runId, status: run.status, actions: run.actions });
  return run;
}

/** The feed a quarantined run read, which its approval re-plans from. */
function feedOfRun(run: RunRecord): FeedLocation {
  const location = parseS3Uri(run.feed.source);
  if (!location)
    throw new ReviewError(
      `run ${run.runId} did not read its feed from S3; approve it where it ran`,
    );
  return location;
}

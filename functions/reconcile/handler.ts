import { Logger } from '@aws-lambda-powertools/logger';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { Metrics } from '@aws-lambda-powertools/metrics';
import middy from '@middy/core';
import { z } from 'zod';
import { cognitoClient, documentClient } from '../aws/clients.js';
import { CognitoDirectory } from '../aws/cognito-directory.js';
import { DynamoGovernanceStore } from '../aws/dynamo-governance-store.js';
import { s3Client, snsClient } from '../aws/report-clients.js';
import { readFeedObject } from '../aws/s3-feed-reader.js';
import { S3ReportStore } from '../aws/s3-report-store.js';
import { SnsNotifier } from '../aws/sns-notifier.js';
import { randomRunIds, systemClock } from '../aws/system.js';
import { parseFeed } from '../core/hr/parse-feed.js';
import { outcomeMetric } from '../core/reconcile/outcome-metric.js';
import { rejectFeed } from '../core/reconcile/reject-feed.js';
import { approvalOf, markApproved, rejectRun } from '../core/reconcile/review-quarantine.js';
import { runReconciliation } from '../core/reconcile/run-reconciliation.js';
import type { RunStatus } from '../core/reconcile/run-record.js';
import { DEFAULT_FEED_KEY, RECONCILE_METRICS } from '../core/resources.js';
import { readEnvironment } from './environment.js';

export const logger = new Logger({ serviceName: RECONCILE_METRICS.service });
const metrics = new Metrics({
  namespace: RECONCILE_METRICS.namespace,
  serviceName: RECONCILE_METRICS.service,
});

/** The scheduled event; every field is optional. `dryRun: true` can force a dry-run, never the reverse. */
export const reconcileEventSchema = z
  .strictObject({
    feed: z
      .strictObject({ bucket: z.string().min(1).optional(), key: z.string().min(1) })
      .optional(),
    dryRun: z.boolean().optional(),
    trigger: z.string().max(100).default('schedule'),
    /** Apply the plan of this quarantined run (re-planned from its feed; only the same changes pass). */
    approve: z.string().min(1).optional(),
    /** Close this quarantined run without applying it. */
    reject: z.string().min(1).optional(),
  })
  .refine(
    (e) => !(e.approve && (e.reject || e.feed)),
    "approve takes neither reject nor feed: it reuses the run's feed",
  );
export type ReconcileEvent = z.input<typeof reconcileEventSchema>;

export interface ReconcileResponse {
  runId: string;
  status: RunStatus;
  mode: string;
  counts: Record<string, number>;
  actions: { planned: number; applied: number; alreadyDone: number; failed: number };
  guard?: { tripped: boolean; reasons: string[] };
  reports?: { json: string; csv: string };
  notes: string[];
}

async function reconcile(rawEvent: unknown): Promise<ReconcileResponse> {
  try {
    const response = await reconcileOnce(rawEvent);
    recordOutcome(response);
    return response;
  } catch (error) {
    metrics.addMetric(RECONCILE_METRICS.failed, 'Count', 1);
    throw error;
  } finally {
    metrics.publishStoredMetrics();
  }
}

/** Metrics the stack's alarms watch: every run counts in exactly one outcome metric. */
function recordOutcome(response: ReconcileResponse): void {
  metrics.addMetric(outcomeMetric(response.status), 'Count', 1);
  metrics.addMetric(RECONCILE_METRICS.accountsDisabled, 'Count', response.actions.applied);
  metrics.addMetric(RECONCILE_METRICS.actionsFailed, 'Count', response.actions.failed);
}

async function reconcileOnce(rawEvent: unknown): Promise<ReconcileResponse> {
  const parsedEvent = reconcileEventSchema.safeParse(rawEvent ?? {});
  if (!parsedEvent.success) {
    throw new Error(
      `invalid event: ${parsedEvent.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ')}`,
    );
  }
  const event = parsedEvent.data;
  const env = readEnvironment(process.env);
  const { config } = env;
  if (config.accountSources.length === 0) {
    throw new Error('configuration lists no accountSources: nothing to reconcile');
  }
  const s3 = s3Client();
  const store = new DynamoGovernanceStore(documentClient(), env.table);
  const notifier = new SnsNotifier(snsClient(), env.topicArn);
  const cognito = cognitoClient();

  if (event.reject) {
    return respond(await rejectRun(event.reject, { store, notifier, clock: systemClock }));
  }
  const review = event.approve ? await approvalOf(store, event.approve) : undefined;
  const feedObject = review ? /^s3:\/\/([^/]+)\/(.+)$/.exec(review.run.feed.source) : undefined;
  const bucket = feedObject?.[1] ?? event.feed?.bucket ?? env.feedBucket;
  const key = feedObject?.[2] ?? event.feed?.key ?? DEFAULT_FEED_KEY;
  const source = `s3://${bucket}/${key}`;
  const parsed = parseFeed(await readFeedObject(s3, bucket, key), { ...config.feed, source });
  if (!parsed.ok) {
    logger.warn('HR feed rejected', {
      problems: parsed.problems.length,
      at: parsed.problems.slice(0, 20).map((p) => `${p.location ?? 'feed'}:${p.field ?? 'row'}`),
    });
    const run = await rejectFeed(
      { kind: config.feed.kind, source },
      parsed.problems,
      event.trigger,
      {
        store,
        notifier,
        clock: systemClock,
        ids: randomRunIds,
      },
    );
    return respond(run);
  }

  const directories = config.accountSources.map(
    (s) =>
      new CognitoDirectory(cognito, {
        userPoolId: s.userPoolId,
        correlationAttribute: s.correlationAttribute,
        ...config.rateLimits,
      }),
  );
  const { run } = await runReconciliation(
    {
      feed: parsed.feed,
      config,
      dryRun: config.dryRun || event.dryRun === true,
      trigger: review ? 'approval' : event.trigger,
      approval: review?.approval,
    },
    {
      directories,
      store,
      reports: new S3ReportStore(s3, env.reportsBucket),
      notifier,
      clock: systemClock,
      ids: randomRunIds,
      progress: (step, detail) => logger.info(step, detail),
    },
  );
  if (review) await markApproved(store, review.run, run);
  logger.info('run finished', { runId: run.runId, status: run.status, actions: run.actions });
  return respond(run);
}

function respond(run: Awaited<ReturnType<typeof runReconciliation>>['run']): ReconcileResponse {
  return {
    runId: run.runId,
    status: run.status,
    mode: run.mode,
    counts: run.counts,
    actions: run.actions,
    guard: run.guard && { tripped: run.guard.tripped, reasons: run.guard.reasons },
    reports: run.reports,
    notes: run.notes,
  };
}

export const handler = middy(reconcile).use(injectLambdaContext(logger));

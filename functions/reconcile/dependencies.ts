import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { z } from 'zod';
import { documentClient } from '../aws/clients/dynamodb.js';
import { s3Client } from '../aws/clients/s3.js';
import { snsClient } from '../aws/clients/sns.js';
import { cognitoDirectories } from '../aws/cognito-directories.js';
import { QuotaMeter } from '../aws/cognito-quota.js';
import { GovernanceTable } from '../aws/dynamo/governance-table.js';
import { dynamoReconcileStorage } from '../aws/dynamo/reconcile-storage.js';
import { DynamoRunStore } from '../aws/dynamo/run-store.js';
import { offboardingServices, scheduleSettings } from '../aws/offboarding-services.js';
import { powertoolsLog } from '../aws/powertools-log.js';
import { S3FeedSource } from '../aws/s3-feed-reader.js';
import { S3ReportStore } from '../aws/s3-report-store.js';
import { SnsNotifier } from '../aws/sns-notifier.js';
import { publishedConsoleAddress } from '../aws/ssm-console-address.js';
import { randomRunIds, systemClock } from '../aws/system.js';
import { parseReconcileConfig } from '../core/config/reconcile-config.js';
import { runOffboarding } from '../core/offboarding/run-offboarding.js';
import type { ReconcileServices } from '../core/reconcile/handle-request.js';
import { RECONCILE_METRICS } from '../core/reconcile/run-metrics.js';
import { withRunLinks } from '../core/review/console-link.js';
import { reportKey } from '../core/shared/bucket-layout.js';
import { ENV, jsonVariable, readEnvironment } from '../core/shared/environment.js';
import { htmlReportRenderer } from '../report-views/html-report-renderer.js';
import type { MetricsSink } from './create-handler.js';

export const logger = new Logger({ serviceName: RECONCILE_METRICS.service });
const powertoolsMetrics = new Metrics({
  namespace: RECONCILE_METRICS.namespace,
  serviceName: RECONCILE_METRICS.service,
});

const environment = {
  table: z.string().min(1),
  reportsBucket: z.string().min(1),
  feedBucket: z.string().min(1),
  topicArn: z.string().startsWith('arn:'),
  config: z.prefault(jsonVariable, '{}'),
  consoleUrlParameter: z.string().startsWith('/').optional(),
};

/**
 * The composition root of the reconcile function, built per invocation from the environment
 * (so a local run may change the configuration between invocations).
 */
export async function reconcileDependencies(): Promise<ReconcileServices> {
  const env = readEnvironment(environment, process.env);
  const config = parseReconcileConfig(env.config, ENV.config);
  const s3 = s3Client();
  const meter = new QuotaMeter();
  const table = new GovernanceTable(documentClient(), env.table);
  const log = powertoolsLog(logger);
  // Where HR offboarding is deployed, runs keep the account index and future leavers' schedules.
  const scheduling = scheduleSettings(process.env);
  const consoleUrl = await publishedConsoleAddress(env.consoleUrlParameter, {
    clock: systemClock,
    log,
  });
  return {
    config,
    feedBucket: env.feedBucket,
    feeds: new S3FeedSource(s3),
    storage: dynamoReconcileStorage(table),
    directories: cognitoDirectories(config, meter),
    quotaUsage: () => meter.snapshot(),
    reports: new S3ReportStore(s3, env.reportsBucket),
    htmlReport: htmlReportRenderer({
      runs: new DynamoRunStore(table),
      clock: systemClock,
      log,
      consoleUrl,
      artifactsOf: (run) => {
        const uri = (extension: 'json' | 'csv' | 'html') =>
          `s3://${env.reportsBucket}/${reportKey(run.runId, run.startedAt, extension)}`;
        return { json: uri('json'), csv: uri('csv'), html: uri('html') };
      },
    }),
    // Every run notice ends with a link to the run's page in the console, where one is deployed.
    notifier: withRunLinks(new SnsNotifier(snsClient(), env.topicArn), consoleUrl),
    clock: systemClock,
    ids: randomRunIds,
    log,
    offboarding: scheduling
      ? runOffboarding(
          offboardingServices({
            schedules: scheduling,
            table,
            config,
            topicArn: env.topicArn,
            clock: systemClock,
            log,
            // The run's own Cognito calls share these buckets: keep them evenly spaced.
            cognitoBurst: 1,
          }),
        )
      : undefined,
  };
}

/** Run outcomes as CloudWatch metrics, written as embedded-metric-format log lines. */
export const runMetrics: MetricsSink = {
  add: (name, count) => powertoolsMetrics.addMetric(name, 'Count', count),
  flush: () => powertoolsMetrics.publishStoredMetrics(),
};

// Stores a synthetic run of N findings on the local AWS the way the reconcile function stores a
// run: its JSON, CSV and HTML reports in the reports bucket, then its record in the governance
// table, so the console API and `warden report` read it as they read any run.
import { documentClient } from '../functions/aws/clients/dynamodb.js';
import { GovernanceTable } from '../functions/aws/dynamo/governance-table.js';
import { DynamoRunStore } from '../functions/aws/dynamo/run-store.js';
import { S3ReportStore } from '../functions/aws/s3-report-store.js';
import {
  type ReportFinding,
  renderCsvReport,
  renderJsonReport,
} from '../functions/core/reconcile/render-report.js';
import type { RunRecord, StoredFinding } from '../functions/core/reconcile/run-record.js';
import { reportKey } from '../functions/core/shared/bucket-layout.js';
import { SILENT_LOG } from '../functions/core/shared/event-log.js';
import { htmlReportRenderer } from '../functions/report-views/html-report-renderer.js';
import type { LocalWarden } from '../local/local-warden.js';
import { syntheticRun } from './synthetic-run.js';

/** A report finding as the reconcile function keeps it before rendering its reports. */
function storedFinding(f: ReportFinding): StoredFinding {
  return {
    source: f.source,
    username: f.username,
    accountKey: `${f.source}/${f.username}`,
    enabled: f.enabled,
    situation: f.situation,
    match: f.match,
    action: f.action,
    reason: f.reason,
    ...(f.employeeId === null ? {} : { employeeId: f.employeeId }),
    ...(f.actionId === null ? {} : { actionId: f.actionId }),
    ...(f.outcome === null ? {} : { outcome: f.outcome }),
  };
}

/** The stored run, its HTML report as written to the bucket, and the size of its JSON report. */
export async function storeSyntheticRun(
  warden: Pick<LocalWarden, 's3' | 'resources'>,
  count: number,
): Promise<{ run: RunRecord; html: string; jsonBytes: number }> {
  const { run: synthetic, findings } = syntheticRun(count);
  const { reports: _placeholders, ...run } = synthetic;
  const stored = findings.map(storedFinding);
  const bucket = warden.resources.reportsBucket;
  const runs = new DynamoRunStore(new GovernanceTable(documentClient(), warden.resources.table));
  const html = await htmlReportRenderer({
    runs,
    clock: { now: () => run.finishedAt ?? run.startedAt },
    log: SILENT_LOG,
    artifactsOf: ({ runId, startedAt }) => {
      const uri = (extension: 'json' | 'csv' | 'html') =>
        `s3://${bucket}/${reportKey(runId, startedAt, extension)}`;
      return { json: uri('json'), csv: uri('csv'), html: uri('html') };
    },
  })
    .begin(run.runId)
    .render(run, stored);
  if (html === undefined) throw new Error(`the HTML report of run ${run.runId} was not rendered`);
  const json = renderJsonReport(run, stored);
  const reports = await new S3ReportStore(warden.s3, bucket).write(run.runId, run.startedAt, {
    json,
    csv: renderCsvReport(stored),
    html,
  });
  const recorded = { ...run, reports };
  await runs.saveRun(recorded);
  return { run: recorded, html, jsonBytes: Buffer.byteLength(json) };
}

// The console benchmark's stored run: what the console API and `warden report` read back must be
// the run of N findings the benchmark thinks it stored.
import { beforeAll, describe, expect, it } from 'vitest';
import { storeSyntheticRun } from '../../bench/store-synthetic-run.js';
import { HOSTILE_USERNAME } from '../../bench/synthetic-run.js';
import { documentClient } from '../../functions/aws/clients/dynamodb.js';
import { GovernanceTable } from '../../functions/aws/dynamo/governance-table.js';
import { DynamoRunStore } from '../../functions/aws/dynamo/run-store.js';
import { S3ReportArchive } from '../../functions/aws/s3-report-archive.js';
import { reportArtifact, showRun } from '../../functions/core/review/show-run.js';
import type { LocalWarden } from '../../local/local-warden.js';
import { localWarden } from './local-aws.js';

let warden: LocalWarden;
beforeAll(async () => {
  warden = await localWarden();
});

describe('the console benchmark stores its run as the reconcile function would', () => {
  it('keeps every finding in the reports bucket and the record in the run history', async () => {
    const { run, html } = await storeSyntheticRun(warden, 120);
    const deps = {
      runs: new DynamoRunStore(new GovernanceTable(documentClient(), warden.resources.table)),
      reports: new S3ReportArchive(warden.s3),
      clock: { now: () => new Date('2026-11-29T06:05:00Z') },
    };
    const view = await showRun(
      run.runId,
      { sort: 'username', order: 'asc', page: 1, pageSize: 25, search: 'svg' },
      deps,
    );
    expect(view.run).toMatchObject({ runId: run.runId, status: 'quarantined' });
    expect(view.findings).toMatchObject({ total: 120, matched: 1, complete: true });
    expect(view.findings.rows.map((f) => f.username)).toEqual([HOSTILE_USERNAME]);
    expect(run.reports?.html).toMatch(new RegExp(`^s3://${warden.resources.reportsBucket}/`));
    const stored = await reportArtifact(run.runId, 'html', deps);
    expect(stored).toEqual({ text: html, rendered: false });
    expect(html).toContain('&lt;svg/onload=alert(1)>');
  });
});

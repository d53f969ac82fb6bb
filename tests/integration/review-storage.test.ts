import { PutObjectCommand } from '@aws-sdk/client-s3';
import { beforeAll, describe, expect, it } from 'vitest';
import { documentClient } from '../../functions/aws/clients/dynamodb.js';
import { s3Client } from '../../functions/aws/clients/s3.js';
import { DynamoAdminAudit } from '../../functions/aws/dynamo/admin-audit.js';
import { DynamoAuditLog } from '../../functions/aws/dynamo/audit-log.js';
import { GovernanceTable } from '../../functions/aws/dynamo/governance-table.js';
import { DynamoRestoreLedger } from '../../functions/aws/dynamo/restore-ledger.js';
import { DynamoRunStore } from '../../functions/aws/dynamo/run-store.js';
import { DynamoSignInLog } from '../../functions/aws/dynamo/sign-in-log.js';
import { S3ReportArchive } from '../../functions/aws/s3-report-archive.js';
import type { SignInDecisionEntry } from '../../functions/core/geo/ports.js';
import {
  newRunRecord,
  type RunRecord,
  type RunStatus,
} from '../../functions/core/reconcile/run-record.js';
import { InvalidInputError } from '../../functions/core/shared/errors.js';
import { ITEM_KEY } from '../../functions/core/shared/table-keys.js';
import { localWarden } from './local-aws.js';

let table: GovernanceTable;
let reportsBucket: string;

beforeAll(async () => {
  const warden = await localWarden();
  table = new GovernanceTable(documentClient(), warden.resources.table);
  reportsBucket = warden.resources.reportsBucket;
});

const run = (minute: number, status: RunStatus): RunRecord => ({
  ...newRunRecord({
    runId: `r-20261130T10${String(minute).padStart(2, '0')}00Z`,
    mode: 'apply',
    trigger: 'schedule',
    startedAt: new Date(`2026-11-30T10:${String(minute).padStart(2, '0')}:00Z`),
    feed: { kind: 'roster', source: 's3://feeds/roster.csv', records: 3 },
  }),
  status,
});

describe('the runs list', () => {
  it('pages runs newest first, and filters by status across pages', async () => {
    const store = new DynamoRunStore(table);
    const statuses: RunStatus[] = ['completed', 'quarantined', 'completed', 'failed', 'completed'];
    for (const [i, status] of statuses.entries()) await store.saveRun(run(i, status));
    await store.saveRun({
      ...run(1, 'rejected'),
      review: {
        decision: 'rejected',
        by: 'arn:aws:iam::1:user/ana',
        reason: 'bad feed',
        at: new Date('2026-11-30T11:00:00Z'),
      },
    });

    const first = await store.pageRuns({ limit: 2 });
    expect(first.runs.map((r) => r.runId)).toEqual(['r-20261130T100400Z', 'r-20261130T100300Z']);
    const second = await store.pageRuns({ limit: 2, after: first.next });
    expect(second.runs.map((r) => r.runId)).toEqual(['r-20261130T100200Z', 'r-20261130T100100Z']);
    expect(second.runs[1]?.review?.at).toEqual(new Date('2026-11-30T11:00:00Z'));
    const last = await store.pageRuns({ limit: 2, after: second.next });
    expect(last).toEqual({ runs: [expect.objectContaining({ runId: 'r-20261130T100000Z' })] });

    const completed = await store.pageRuns({ limit: 2, status: 'completed' });
    expect(completed.runs.map((r) => r.runId)).toEqual([
      'r-20261130T100400Z',
      'r-20261130T100200Z',
    ]);
    const rest = await store.pageRuns({ limit: 2, status: 'completed', after: completed.next });
    expect(rest.runs.map((r) => r.runId)).toEqual(['r-20261130T100000Z']);
    expect(rest.next).toBeUndefined();
  });
});

describe('recent sign-in decisions', () => {
  const decision = (iso: string, extra: Partial<SignInDecisionEntry>): SignInDecisionEntry => ({
    source: 'pool',
    username: 'ana',
    at: new Date(iso),
    outcome: 'allowed',
    country: 'ES',
    rule: 'default',
    reason: 'allowed country',
    ip: '88.1.1.1',
    ...extra,
  });

  it('lists them newest first across days, filtered, a page at a time', async () => {
    const log = new DynamoSignInLog(table);
    await log.recordDecision(
      decision('2026-11-28T09:00:00Z', { outcome: 'denied', country: 'RU' }),
    );
    await log.recordDecision(decision('2026-11-29T09:00:00Z', {}));
    await log.recordDecision(
      decision('2026-11-30T08:00:00Z', { outcome: 'denied', country: 'RU' }),
    );
    await log.recordDecision(decision('2026-11-30T09:00:00Z', { country: null }));
    const now = new Date('2026-11-30T12:00:00Z');

    const page = await log.recent({ limit: 2, days: 7 }, now);
    expect(page.decisions.map((d) => d.at.toISOString())).toEqual([
      '2026-11-30T09:00:00.000Z',
      '2026-11-30T08:00:00.000Z',
    ]);
    const next = await log.recent({ limit: 2, days: 7, after: page.next }, now);
    expect(next.decisions.map((d) => d.at.toISOString())).toEqual([
      '2026-11-29T09:00:00.000Z',
      '2026-11-28T09:00:00.000Z',
    ]);

    const denied = await log.recent({ limit: 10, days: 7, outcome: 'denied', country: 'RU' }, now);
    expect(denied.decisions).toHaveLength(2);
    expect(denied.next).toBeUndefined();
    const lastTwoDays = await log.recent({ limit: 10, days: 2, outcome: 'denied' }, now);
    expect(lastTwoDays.decisions.map((d) => d.country)).toEqual(['RU']);
  });

  it('refuses a cursor it did not give', async () => {
    await expect(
      new DynamoSignInLog(table).recent(
        { limit: 5, days: 1, after: 'bm90IGEgY3Vyc29y' },
        new Date(),
      ),
    ).rejects.toThrow(InvalidInputError);
  });
});

describe('the restore ledger', () => {
  it('knows what Warden did to an account, and a restore forgets it, lifts access ends and audits once', async () => {
    const ledger = new DynamoRestoreLedger(table);
    await table.put({ ...ITEM_KEY.disabledByWarden('pool-r', 'sub-cai'), actionId: 'act-cai' });
    await table.put({ ...ITEM_KEY.offboardedAccount('pool-r', 'sub-cai'), offboardingId: 'off-1' });
    await table.put({ ...ITEM_KEY.action('act-cai'), status: 'done' });
    await table.put({
      ...ITEM_KEY.accessEnd('pool-r', 'cai'),
      accessEndsAt: '2026-11-01T00:00:00.000Z',
    });
    await table.put({
      ...ITEM_KEY.offboardingAccessEnd('pool-r', 'cai', 'off-1'),
      offboardingId: 'off-1',
      accessEndsAt: '2026-11-02T00:00:00.000Z',
    });

    expect(await ledger.marks('pool-r', 'sub-cai')).toEqual({
      disabledBy: 'act-cai',
      offboardedBy: 'off-1',
    });
    expect(await ledger.accessEnds('pool-r', 'cai')).toEqual({
      reconciliation: new Date('2026-11-01T00:00:00Z'),
      offboardings: [{ offboardingId: 'off-1', at: new Date('2026-11-02T00:00:00Z') }],
    });

    const at = new Date('2026-11-30T12:00:00Z');
    await ledger.recordRestore({
      restoreId: 'restore-1',
      source: 'pool-r',
      username: 'cai',
      accountKey: 'sub-cai',
      at,
      actor: 'arn:aws:iam::1:user/ana',
      reason: 'wrongly listed as a leaver',
      overrideReason: 'HR confirmed the return',
      disableActionIds: ['act-cai'],
      liftAccessEnds: { offboardingIds: ['off-1'], reconciliation: true },
    });

    expect(await ledger.marks('pool-r', 'sub-cai')).toEqual({});
    expect(await ledger.accessEnds('pool-r', 'cai')).toEqual({ offboardings: [] });
    expect(await table.get(ITEM_KEY.action('act-cai'))).toMatchObject({
      status: 'undone',
      restoredBy: 'restore-1',
    });
    expect(await new DynamoAuditLog(table).listAudit('pool-r', 'cai')).toEqual([
      {
        actionId: 'restore-1',
        runId: 'restore-1',
        kind: 'restore',
        source: 'pool-r',
        username: 'cai',
        reason: 'wrongly listed as a leaver (override: HR confirmed the return)',
        at,
        actor: 'arn:aws:iam::1:user/ana',
      },
    ]);
  });
});

describe("admins' decisions", () => {
  it('are kept per day, oldest first', async () => {
    const audit = new DynamoAdminAudit(table);
    const entry = (iso: string, id: string) => ({
      id,
      at: new Date(iso),
      actor: 'local:ana',
      action: 'run.reject' as const,
      target: 'r-1',
      reason: 'bad feed',
      outcome: 'rejected',
    });
    await audit.record(entry('2026-11-30T10:00:00Z', 'b'));
    await audit.record(entry('2026-11-30T09:00:00Z', 'a'));
    await audit.record(entry('2026-11-29T09:00:00Z', 'z'));
    expect(await audit.list('2026-11-30')).toEqual([
      entry('2026-11-30T09:00:00Z', 'a'),
      entry('2026-11-30T10:00:00Z', 'b'),
    ]);
  });
});

describe('the report archive', () => {
  it('reads the artifacts a run names, and answers undefined for one that is gone', async () => {
    const s3 = s3Client();
    const key = 'runs/2026/11/30/r-a/report.json';
    const findings = [{ source: 'pool', username: '<svg/onload=alert(1)>', situation: 'orphan' }];
    await s3.send(
      new PutObjectCommand({ Bucket: reportsBucket, Key: key, Body: JSON.stringify({ findings }) }),
    );
    const withReports: RunRecord = {
      ...run(0, 'completed'),
      runId: 'r-a',
      reports: {
        json: `s3://${reportsBucket}/${key}`,
        csv: `s3://${reportsBucket}/runs/2026/11/30/r-a/report.csv`,
      },
    };
    const archive = new S3ReportArchive(s3);
    expect(await archive.readFindings(withReports)).toEqual(findings);
    expect(await archive.read(withReports, 'csv')).toBeUndefined();
    expect(await archive.read(withReports, 'html')).toBeUndefined();
  });
});

import { QueryCommand, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import type { RunStore } from '../../core/reconcile/ports.js';
import type { RunRecord, RunStatus, StoredFinding } from '../../core/reconcile/run-record.js';
import type { RunHistory, RunSummary } from '../../core/review/ports.js';
import { GOVERNANCE_TABLE, ITEM_KEY, PARTITION } from '../../core/shared/table-keys.js';
import { type GovernanceTable, type Item, withoutKeys } from './governance-table.js';

const { partitionKey: PK } = GOVERNANCE_TABLE;

/** The fields of a run record the runs list reads: never its posture or offboarding lists. */
const SUMMARY_FIELDS: readonly (keyof RunSummary)[] = [
  'runId',
  'startedAt',
  'finishedAt',
  'trigger',
  'mode',
  'status',
  'counts',
  'guard',
  'actions',
  'review',
  'feed',
  'reports',
];

/** Run records in one partition (run ids sort by time), findings in one partition per run. */
export class DynamoRunStore implements RunStore, RunHistory {
  constructor(private readonly table: GovernanceTable) {}

  async saveRun(run: RunRecord): Promise<void> {
    await this.table.put({ ...ITEM_KEY.run(run.runId), ...encodeRun(run) });
  }

  async getRun(runId: string): Promise<RunRecord | undefined> {
    const item = await this.table.get(ITEM_KEY.run(runId));
    return item ? decodeRun(item) : undefined;
  }

  async listRuns(limit: number): Promise<RunRecord[]> {
    const items = await this.table.queryAll(PARTITION.runs, { newestFirst: true, limit });
    return items.map(decodeRun);
  }

  async pageRuns(query: {
    limit: number;
    after?: string;
    status?: RunStatus;
  }): Promise<{ runs: RunSummary[]; next?: string }> {
    const runs: RunSummary[] = [];
    let startKey: QueryCommandInput['ExclusiveStartKey'] = query.after
      ? ITEM_KEY.run(query.after)
      : undefined;
    do {
      const page = await this.table.db.send(
        new QueryCommand({
          TableName: this.table.name,
          KeyConditionExpression: '#pk = :pk',
          ScanIndexForward: false,
          ExclusiveStartKey: startKey,
          // With a status filter DynamoDB reads pages it then thins out; read fuller pages.
          Limit: query.status ? Math.max(query.limit * 4, 100) : query.limit,
          ProjectionExpression: SUMMARY_FIELDS.map((_, i) => `#f${i}`).join(', '),
          ...(query.status ? { FilterExpression: '#status = :status' } : {}),
          ExpressionAttributeNames: {
            '#pk': PK,
            ...Object.fromEntries(SUMMARY_FIELDS.map((f, i) => [`#f${i}`, f])),
            ...(query.status ? { '#status': 'status' } : {}),
          },
          ExpressionAttributeValues: {
            ':pk': PARTITION.runs,
            ...(query.status ? { ':status': query.status } : {}),
          },
        }),
      );
      for (const item of page.Items ?? []) {
        runs.push(decodeRun(item));
        if (runs.length === query.limit) {
          const more = item !== page.Items?.at(-1) || page.LastEvaluatedKey !== undefined;
          return { runs, ...(more ? { next: item.runId as string } : {}) };
        }
      }
      startKey = page.LastEvaluatedKey;
    } while (startKey);
    return { runs };
  }

  async getFinding(
    runId: string,
    source: string,
    username: string,
  ): Promise<StoredFinding | undefined> {
    const item = await this.table.get(ITEM_KEY.finding(runId, source, username));
    return item ? (withoutKeys(item) as unknown as StoredFinding) : undefined;
  }

  async saveFindings(runId: string, findings: readonly StoredFinding[]): Promise<void> {
    await this.table.batchPut(
      findings.map((f) => ({ ...ITEM_KEY.finding(runId, f.source, f.username), ...f })),
    );
  }

  async listFindings(runId: string): Promise<StoredFinding[]> {
    const items = await this.table.queryAll(PARTITION.findings(runId));
    return items.map((item) => withoutKeys(item) as unknown as StoredFinding);
  }
}

/** Dates travel as ISO strings in DynamoDB. */
function encodeRun(run: RunRecord): Item {
  return {
    ...run,
    startedAt: run.startedAt.toISOString(),
    finishedAt: run.finishedAt?.toISOString(),
    ...(run.review ? { review: { ...run.review, at: run.review.at.toISOString() } } : {}),
  };
}

function decodeRun(item: Item): RunRecord {
  const run = withoutKeys(item) as unknown as RunRecord & {
    startedAt: string;
    finishedAt?: string;
    review?: RunRecord['review'] & { at: string };
  };
  return {
    ...run,
    startedAt: new Date(run.startedAt),
    finishedAt: run.finishedAt ? new Date(run.finishedAt) : undefined,
    ...(run.review ? { review: { ...run.review, at: new Date(run.review.at) } } : {}),
  };
}

import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import {
  BatchWriteCommand,
  DeleteCommand,
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  type QueryCommandInput,
  TransactWriteCommand,
} from '@aws-sdk/lib-dynamodb';
import type { FeedKind } from '../core/hr/hr-record.js';
import type {
  ActionIntent,
  ActionOutcome,
  AuditEntry,
  FeedBaseline,
  GovernanceStore,
  SourceState,
} from '../core/ports.js';
import type { RunRecord, StoredFinding } from '../core/reconcile/run-record.js';
import { GOVERNANCE_TABLE } from '../core/resources.js';
import { decodeRun, encodeRun } from './run-item.js';

const { partitionKey: PK, sortKey: SK, ttlAttribute: TTL } = GOVERNANCE_TABLE;
type Item = Record<string, unknown>;

// Single-table layout (partition key / sort key):
//   RUNS / <runId>                     run record (run ids sort by time)
//   RUN#<runId> / F#<source>#<user>    findings of a run
//   SOURCE#<source> / DISABLED#<key>   accounts Warden disabled
//   SOURCE#<source> / ORPHAN#<key>     when an orphan was first seen
//   FEED#<kind> / BASELINE             the last accepted feed's size
//   LOCK#<name> / LOCK                 run lock, with a TTL
//   ACTION#<id> / ACTION               intent and outcome of one change
//   PENDING / <actionId>               begun, not yet completed
//   AUDIT#<source>#<user> / <at>#<id>  one audit entry per completed change
//   ACCESS#<source> / <user>           when a leaver's access ends (read by sign-in triggers)
export class DynamoGovernanceStore implements GovernanceStore {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async acquireLock(name: string, owner: string, now: Date, until: Date): Promise<boolean> {
    try {
      await this.db.send(
        new PutCommand({
          TableName: this.tableName,
          Item: {
            [PK]: `LOCK#${name}`,
            [SK]: 'LOCK',
            owner,
            until: until.toISOString(),
            [TTL]: epochSeconds(until),
          },
          // A lock whose holder died is taken over once it has expired.
          ConditionExpression: 'attribute_not_exists(#pk) OR #until < :now',
          ExpressionAttributeNames: { '#pk': PK, '#until': 'until' },
          ExpressionAttributeValues: { ':now': now.toISOString() },
        }),
      );
      return true;
    } catch (error) {
      if ((error as Error).name === 'ConditionalCheckFailedException') return false;
      throw error;
    }
  }

  async releaseLock(name: string, owner: string): Promise<void> {
    await this.db
      .send(
        new DeleteCommand({
          TableName: this.tableName,
          Key: { [PK]: `LOCK#${name}`, [SK]: 'LOCK' },
          ConditionExpression: '#owner = :owner',
          ExpressionAttributeNames: { '#owner': 'owner' },
          ExpressionAttributeValues: { ':owner': owner },
        }),
      )
      .catch((error: Error) => {
        if (error.name !== 'ConditionalCheckFailedException') throw error;
      });
  }

  async saveRun(run: RunRecord): Promise<void> {
    await this.db.send(
      new PutCommand({
        TableName: this.tableName,
        Item: { [PK]: 'RUNS', [SK]: run.runId, ...encodeRun(run) },
      }),
    );
  }

  async getRun(runId: string): Promise<RunRecord | undefined> {
    const { Item } = await this.db.send(
      new GetCommand({ TableName: this.tableName, Key: { [PK]: 'RUNS', [SK]: runId } }),
    );
    return Item ? decodeRun(Item) : undefined;
  }

  async listRuns(limit: number): Promise<RunRecord[]> {
    const { Items } = await this.db.send(
      new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: '#pk = :pk',
        ExpressionAttributeNames: { '#pk': PK },
        ExpressionAttributeValues: { ':pk': 'RUNS' },
        ScanIndexForward: false,
        Limit: limit,
      }),
    );
    return (Items ?? []).map(decodeRun);
  }

  async saveFindings(runId: string, findings: StoredFinding[]): Promise<void> {
    const items = findings.map((f) => ({
      [PK]: `RUN#${runId}`,
      [SK]: `F#${f.source}#${f.username}`,
      ...f,
    }));
    await this.batchPut(items);
  }

  async listFindings(runId: string): Promise<StoredFinding[]> {
    const items = await this.queryAll(`RUN#${runId}`);
    return items.map(({ [PK]: _pk, [SK]: _sk, ...finding }) => finding as unknown as StoredFinding);
  }

  async loadSourceState(source: string): Promise<SourceState> {
    const items = await this.queryAll(`SOURCE#${source}`);
    const state: SourceState = { disabledByWarden: new Set(), orphanFirstSeen: new Map() };
    for (const item of items) {
      const sk = item[SK] as string;
      if (sk.startsWith('DISABLED#')) state.disabledByWarden.add(sk.slice('DISABLED#'.length));
      if (sk.startsWith('ORPHAN#'))
        state.orphanFirstSeen.set(sk.slice('ORPHAN#'.length), new Date(item.firstSeen as string));
    }
    return state;
  }

  async recordOrphansSeen(source: string, accountKeys: string[], at: Date): Promise<void> {
    const known = (await this.loadSourceState(source)).orphanFirstSeen;
    const fresh = accountKeys.filter((key) => !known.has(key));
    await this.batchPut(
      fresh.map((key) => ({
        [PK]: `SOURCE#${source}`,
        [SK]: `ORPHAN#${key}`,
        firstSeen: at.toISOString(),
      })),
    );
  }

  async recordAccessEnds(
    source: string,
    ends: Map<string, Date>,
    complete: boolean,
  ): Promise<void> {
    const pk = `ACCESS#${source}`;
    const existing = await this.queryAll(pk);
    const changed = [...ends].filter(
      ([username, at]) =>
        !existing.some((item) => item[SK] === username && item.accessEndsAt === at.toISOString()),
    );
    await this.batchPut(
      changed.map(([username, at]) => ({
        [PK]: pk,
        [SK]: username,
        accessEndsAt: at.toISOString(),
      })),
    );
    if (!complete) return;
    for (const item of existing.filter((i) => !ends.has(i[SK] as string))) {
      await this.db.send(
        new DeleteCommand({ TableName: this.tableName, Key: { [PK]: pk, [SK]: item[SK] } }),
      );
    }
  }

  async getFeedBaseline(kind: FeedKind): Promise<FeedBaseline | undefined> {
    const { Item } = await this.db.send(
      new GetCommand({
        TableName: this.tableName,
        Key: { [PK]: `FEED#${kind}`, [SK]: 'BASELINE' },
      }),
    );
    if (!Item) return undefined;
    return {
      kind,
      records: Item.records as number,
      runId: Item.runId as string,
      acceptedAt: new Date(Item.acceptedAt as string),
    };
  }

  async saveFeedBaseline(baseline: FeedBaseline): Promise<void> {
    await this.db.send(
      new PutCommand({
        TableName: this.tableName,
        Item: {
          [PK]: `FEED#${baseline.kind}`,
          [SK]: 'BASELINE',
          records: baseline.records,
          runId: baseline.runId,
          acceptedAt: baseline.acceptedAt.toISOString(),
        },
      }),
    );
  }

  async listPendingActions(): Promise<Set<string>> {
    const items = await this.queryAll('PENDING');
    return new Set(items.map((item) => item[SK] as string));
  }

  async beginAction(intent: ActionIntent): Promise<'new' | 'done'> {
    const key = { [PK]: `ACTION#${intent.actionId}`, [SK]: 'ACTION' };
    const { Item } = await this.db.send(
      new GetCommand({ TableName: this.tableName, Key: key, ConsistentRead: true }),
    );
    if (Item?.status === 'done') return 'done';
    await this.db.send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Put: {
              TableName: this.tableName,
              Item: { ...key, ...serialise(intent), status: 'pending' },
            },
          },
          {
            Put: {
              TableName: this.tableName,
              Item: { [PK]: 'PENDING', [SK]: intent.actionId, runId: intent.runId },
            },
          },
        ],
      }),
    );
    return 'new';
  }

  async completeAction(intent: ActionIntent, outcome: ActionOutcome): Promise<void> {
    const actionKey = { [PK]: `ACTION#${intent.actionId}`, [SK]: 'ACTION' };
    if (!outcome.ok) {
      // The intent stays pending: the next run retries it.
      await this.db.send(
        new PutCommand({
          TableName: this.tableName,
          Item: {
            ...actionKey,
            ...serialise(intent),
            status: 'pending',
            lastError: outcome.error,
            lastErrorAt: outcome.at.toISOString(),
          },
        }),
      );
      return;
    }
    const audit: AuditEntry = { ...intent, at: outcome.at };
    try {
      await this.db.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Update: {
                TableName: this.tableName,
                Key: actionKey,
                UpdateExpression: 'SET #status = :done, completedAt = :at, completedBy = :run',
                ConditionExpression: '#status <> :done',
                ExpressionAttributeNames: { '#status': 'status' },
                ExpressionAttributeValues: {
                  ':done': 'done',
                  ':at': outcome.at.toISOString(),
                  ':run': intent.runId,
                },
              },
            },
            {
              Put: {
                TableName: this.tableName,
                Item: {
                  [PK]: `AUDIT#${intent.source}#${intent.username}`,
                  [SK]: `${outcome.at.toISOString()}#${intent.actionId}`,
                  ...serialise(audit),
                },
              },
            },
            {
              Delete: {
                TableName: this.tableName,
                Key: { [PK]: 'PENDING', [SK]: intent.actionId },
              },
            },
            {
              Put: {
                TableName: this.tableName,
                Item: {
                  [PK]: `SOURCE#${intent.source}`,
                  [SK]: `DISABLED#${intent.accountKey}`,
                  actionId: intent.actionId,
                  at: outcome.at.toISOString(),
                },
              },
            },
          ],
        }),
      );
    } catch (error) {
      // Already completed by an earlier attempt: the audit entry exists once, as it should.
      if (
        !(
          error instanceof TransactionCanceledException &&
          error.CancellationReasons?.[0]?.Code === 'ConditionalCheckFailed'
        )
      ) {
        throw error;
      }
    }
  }

  async listAudit(source: string, username: string): Promise<AuditEntry[]> {
    const items = await this.queryAll(`AUDIT#${source}#${username}`);
    return items.map((item) => ({
      actionId: item.actionId as string,
      runId: item.runId as string,
      kind: item.kind as string,
      source: item.source as string,
      username: item.username as string,
      reason: item.reason as string,
      at: new Date(item.at as string),
    }));
  }

  private async queryAll(pk: string): Promise<Item[]> {
    const items: Item[] = [];
    let ExclusiveStartKey: QueryCommandInput['ExclusiveStartKey'];
    do {
      const page = await this.db.send(
        new QueryCommand({
          TableName: this.tableName,
          KeyConditionExpression: '#pk = :pk',
          ExpressionAttributeNames: { '#pk': PK },
          ExpressionAttributeValues: { ':pk': pk },
          ExclusiveStartKey,
        }),
      );
      items.push(...(page.Items ?? []));
      ExclusiveStartKey = page.LastEvaluatedKey;
    } while (ExclusiveStartKey);
    return items;
  }

  private async batchPut(items: Item[]): Promise<void> {
    for (let i = 0; i < items.length; i += 25) {
      let pending = items.slice(i, i + 25).map((Item) => ({ PutRequest: { Item } }));
      for (let attempt = 1; pending.length > 0; attempt++) {
        if (attempt > 8) throw new Error('DynamoDB left items unprocessed after 8 attempts');
        if (attempt > 1) await new Promise((resolve) => setTimeout(resolve, 50 * 2 ** attempt));
        const result = await this.db.send(
          new BatchWriteCommand({ RequestItems: { [this.tableName]: pending } }),
        );
        pending = (result.UnprocessedItems?.[this.tableName] ?? []) as typeof pending;
      }
    }
  }
}

function serialise(value: ActionIntent | AuditEntry): Item {
  return { ...value, at: value.at.toISOString() };
}

function epochSeconds(date: Date): number {
  return Math.floor(date.getTime() / 1000);
}

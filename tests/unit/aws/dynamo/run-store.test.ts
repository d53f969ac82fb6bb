import { BatchWriteCommand, GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { beforeEach, describe, expect, it } from 'vitest';
import { DynamoRunStore } from '../../../../functions/aws/dynamo/run-store.js';
import {
  newRunRecord,
  type RunRecord,
  type StoredFinding,
} from '../../../../functions/core/reconcile/run-record.js';
import { mockedTable, TABLE } from '../../fakes/aws-mocks.js';

const { db, table } = mockedTable();
const store = new DynamoRunStore(table);

const RUN: RunRecord = {
  ...newRunRecord({
    runId: 'r-20261129',
    mode: 'apply',
    trigger: 'schedule',
    startedAt: new Date('2026-11-29T12:00:00Z'),
    feed: { kind: 'roster', source: 's3://hr-feeds/feeds/roster.csv', records: 3 },
  }),
  status: 'completed',
  finishedAt: new Date('2026-11-29T12:01:00Z'),
};
const FINDING: StoredFinding = {
  source: 'pool',
  username: 'ben',
  accountKey: 'sub-ben',
  enabled: true,
  situation: 'leaver',
  match: 'employee_id',
  employeeId: 'E2',
  action: 'disable',
  actionId: 'a-ben',
  reason: 'left',
  outcome: 'disabled',
};

beforeEach(() => db.reset());

/** The item the store wrote for the run, as DynamoDB would give it back. */
async function storedRun(run: RunRecord) {
  db.on(PutCommand).resolves({});
  await store.saveRun(run);
  return db.commandCalls(PutCommand)[0]?.args[0].input.Item as Record<string, unknown>;
}

describe('DynamoDB run store', () => {
  it('keeps a run under RUNS by its id, with its dates as ISO strings', async () => {
    expect(await storedRun(RUN)).toMatchObject({
      pk: 'RUNS',
      sk: 'r-20261129',
      status: 'completed',
      startedAt: '2026-11-29T12:00:00.000Z',
      finishedAt: '2026-11-29T12:01:00.000Z',
    });
  });

  it('gives a run back as it was saved', async () => {
    const item = await storedRun(RUN);
    db.on(GetCommand).resolves({ Item: item });
    expect(await store.getRun('r-20261129')).toEqual(RUN);
    expect(db.commandCalls(GetCommand)[0]?.args[0].input.Key).toEqual({
      pk: 'RUNS',
      sk: 'r-20261129',
    });
    db.on(GetCommand).resolves({});
    expect(await store.getRun('r-nope')).toBeUndefined();
  });

  it('gives back a run that has not finished without a finish time', async () => {
    const item = await storedRun({ ...RUN, status: 'applying', finishedAt: undefined });
    db.on(GetCommand).resolves({ Item: item });
    expect((await store.getRun('r-20261129'))?.finishedAt).toBeUndefined();
  });

  it('lists the newest runs first, as many as asked', async () => {
    const item = await storedRun(RUN);
    db.on(QueryCommand).resolves({ Items: [item, { ...item, sk: 'r-older', runId: 'r-older' }] });
    const runs = await store.listRuns(2);
    expect(runs.map((r) => r.runId)).toEqual(['r-20261129', 'r-older']);
    expect(runs[0]?.startedAt).toEqual(RUN.startedAt);
    expect(db.commandCalls(QueryCommand)[0]?.args[0].input).toMatchObject({
      ExpressionAttributeValues: { ':pk': 'RUNS' },
      ScanIndexForward: false,
      Limit: 2,
    });
  });

  it('keeps the findings of a run in the run’s partition, one item per account', async () => {
    db.on(BatchWriteCommand).resolves({});
    await store.saveFindings('r-1', [FINDING]);
    expect(db.commandCalls(BatchWriteCommand)[0]?.args[0].input.RequestItems?.[TABLE]).toEqual([
      { PutRequest: { Item: { pk: 'RUN#r-1', sk: 'F#pool#ben', ...FINDING } } },
    ]);
    db.on(QueryCommand).resolves({ Items: [{ pk: 'RUN#r-1', sk: 'F#pool#ben', ...FINDING }] });
    expect(await store.listFindings('r-1')).toEqual([FINDING]);
  });
});

import {
  BatchWriteCommand,
  DeleteCommand,
  GetCommand,
  PutCommand,
  QueryCommand,
} from '@aws-sdk/lib-dynamodb';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { epochSeconds, withoutKeys } from '../../../../functions/aws/dynamo/governance-table.js';
import { WardenError } from '../../../../functions/core/shared/errors.js';
import { conditionFailed, fault, mockedTable, TABLE } from '../../fakes/aws-mocks.js';

const { db, table } = mockedTable();
const KEY = { pk: 'RUNS', sk: 'r-1' };
const items = (n: number, from = 0) =>
  Array.from({ length: n }, (_, i) => ({ pk: 'P', sk: `s-${from + i}` }));
type PutRequest = { PutRequest: { Item: Record<string, string> } };
const putRequests = (n: number) =>
  items(n).map((Item) => ({ PutRequest: { Item } })) as PutRequest[] as [
    PutRequest,
    PutRequest,
    PutRequest,
  ];

beforeEach(() => db.reset());
afterEach(() => vi.useRealTimers());

describe('governance table', () => {
  it('gets an item by key, read consistently when asked', async () => {
    db.on(GetCommand).resolves({ Item: { ...KEY, status: 'planned' } });
    expect(await table.get(KEY, true)).toEqual({ ...KEY, status: 'planned' });
    expect(db.commandCalls(GetCommand)[0]?.args[0].input).toEqual({
      TableName: TABLE,
      Key: KEY,
      ConsistentRead: true,
    });
    db.on(GetCommand).resolves({});
    expect(await table.get(KEY)).toBeUndefined();
  });

  it('puts and deletes items in its own table', async () => {
    db.on(PutCommand).resolves({});
    db.on(DeleteCommand).resolves({});
    await table.put({ ...KEY, status: 'planned' });
    await table.delete(KEY);
    expect(db.commandCalls(PutCommand)[0]?.args[0].input).toEqual({
      TableName: TABLE,
      Item: { ...KEY, status: 'planned' },
    });
    expect(db.commandCalls(DeleteCommand)[0]?.args[0].input).toEqual({
      TableName: TABLE,
      Key: KEY,
    });
  });

  it('writes an item only where none has its key, and says whether it did', async () => {
    db.on(PutCommand).resolvesOnce({}).rejectsOnce(conditionFailed());
    expect(await table.putIfAbsent({ ...KEY })).toBe(true);
    expect(await table.putIfAbsent({ ...KEY })).toBe(false);
    expect(db.commandCalls(PutCommand)[0]?.args[0].input).toMatchObject({
      ConditionExpression: 'attribute_not_exists(#pk)',
      ExpressionAttributeNames: { '#pk': 'pk' },
    });
  });

  it('lets every fault other than a failed condition through', async () => {
    db.on(PutCommand).rejects(fault());
    await expect(table.putIfAbsent({ ...KEY })).rejects.toThrow('throttled');
  });

  it('follows the pages of a partition to the last one', async () => {
    db.on(QueryCommand)
      .resolvesOnce({ Items: items(2), LastEvaluatedKey: { pk: 'P', sk: 's-1' } })
      .resolvesOnce({ Items: items(2, 2), LastEvaluatedKey: { pk: 'P', sk: 's-3' } })
      .resolvesOnce({ Items: items(1, 4) });
    expect((await table.queryAll('P')).map((i) => i.sk)).toEqual([
      's-0',
      's-1',
      's-2',
      's-3',
      's-4',
    ]);
    const calls = db.commandCalls(QueryCommand).map((c) => c.args[0].input);
    expect(calls[0]).toMatchObject({
      TableName: TABLE,
      KeyConditionExpression: '#pk = :pk',
      ExpressionAttributeValues: { ':pk': 'P' },
      ScanIndexForward: true,
      ExclusiveStartKey: undefined,
    });
    expect(calls.map((c) => c.ExclusiveStartKey)).toEqual([
      undefined,
      { pk: 'P', sk: 's-1' },
      { pk: 'P', sk: 's-3' },
    ]);
  });

  it('stops paging once it has the newest items it was asked for', async () => {
    db.on(QueryCommand)
      .resolvesOnce({ Items: items(2), LastEvaluatedKey: { pk: 'P', sk: 's-1' } })
      .resolvesOnce({ Items: items(2, 2), LastEvaluatedKey: { pk: 'P', sk: 's-3' } });
    const newest = await table.queryAll('P', { newestFirst: true, limit: 3 });
    expect(newest.map((i) => i.sk)).toEqual(['s-0', 's-1', 's-2']);
    expect(db.commandCalls(QueryCommand)).toHaveLength(2);
    expect(db.commandCalls(QueryCommand)[0]?.args[0].input).toMatchObject({
      ScanIndexForward: false,
      Limit: 3,
    });
  });

  it('asks for pages of at most 1,000 items, fewer when fewer are wanted', async () => {
    db.on(QueryCommand).resolves({ Items: items(1) });
    await table.queryAll('P');
    await table.queryAll('P', { limit: 5000 });
    await table.queryAll('P', { limit: 3 });
    expect(db.commandCalls(QueryCommand).map((c) => c.args[0].input.Limit)).toEqual([
      1000, 1000, 3,
    ]);
  });

  it('writes items in batches of 25', async () => {
    db.on(BatchWriteCommand).resolves({});
    await table.batchPut(items(60));
    const batches = db
      .commandCalls(BatchWriteCommand)
      .map((c) => c.args[0].input.RequestItems?.[TABLE]?.length);
    expect(batches).toEqual([25, 25, 10]);
    await table.batchPut([]);
    expect(db.commandCalls(BatchWriteCommand)).toHaveLength(3);
  });

  it('puts and deletes in batches of 25, never more than 4 batches at once', async () => {
    let inFlight = 0;
    let most = 0;
    db.on(BatchWriteCommand).callsFake(async () => {
      most = Math.max(most, ++inFlight);
      await Promise.resolve();
      await Promise.resolve();
      inFlight--;
      return {};
    });
    await table.batchWrite(items(200), [{ pk: 'P', sk: 'gone' }]);
    const written = db
      .commandCalls(BatchWriteCommand)
      .flatMap((c) => c.args[0].input.RequestItems?.[TABLE] ?? []);
    expect(written).toHaveLength(201);
    expect(written).toContainEqual({ DeleteRequest: { Key: { pk: 'P', sk: 'gone' } } });
    expect(db.commandCalls(BatchWriteCommand)).toHaveLength(9);
    expect(most).toBe(4);
  });

  it('retries, after a pause, only what DynamoDB left unprocessed', async () => {
    vi.useFakeTimers();
    const [first, second, third] = putRequests(3);
    db.on(BatchWriteCommand)
      .resolvesOnce({ UnprocessedItems: { [TABLE]: [second, third] } })
      .resolvesOnce({ UnprocessedItems: { [TABLE]: [third] } })
      .resolvesOnce({});
    const writing = table.batchPut(items(3));
    await vi.runAllTimersAsync();
    await writing;
    expect(
      db.commandCalls(BatchWriteCommand).map((c) => c.args[0].input.RequestItems?.[TABLE]),
    ).toEqual([[first, second, third], [second, third], [third]]);
  });

  it('gives up when DynamoDB keeps leaving items unprocessed', async () => {
    vi.useFakeTimers();
    db.on(BatchWriteCommand).resolves({ UnprocessedItems: { [TABLE]: putRequests(1) } });
    const writing = table.batchPut(items(1));
    const failure = expect(writing).rejects.toThrow(
      new WardenError('DynamoDB left items unprocessed after 8 attempts'),
    );
    await vi.runAllTimersAsync();
    await failure;
    expect(db.commandCalls(BatchWriteCommand)).toHaveLength(8);
  });
});

describe('item helpers', () => {
  it('strips the table keys from an item', () => {
    expect(withoutKeys({ pk: 'RUNS', sk: 'r-1', status: 'planned' })).toEqual({
      status: 'planned',
    });
  });

  it('turns a date into the epoch seconds DynamoDB TTL reads', () => {
    expect(epochSeconds(new Date('2026-11-29T12:00:00.999Z'))).toBe(1_795_953_600);
  });
});

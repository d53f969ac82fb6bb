// The local AWS answers a Query from the partition asked for alone (decision 0049): every kind
// of Query must still return exactly that partition's items, as DynamoDB would, while Scans and
// Queries of other partitions run beside it.
import { CreateTableCommand } from '@aws-sdk/client-dynamodb';
import {
  PutCommand,
  QueryCommand,
  type QueryCommandInput,
  ScanCommand,
} from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { documentClient, dynamoDbClient } from '../../functions/aws/clients/dynamodb.js';
import { localWarden } from './local-aws.js';

const client = documentClient();
let TableName: string;
let prefix: string;
const SIZES = { a: 23, b: 7, c: 0 } as const;

beforeAll(async () => {
  TableName = (await localWarden()).resources.table;
  prefix = `PART#${Math.random().toString(36).slice(2)}`;
  for (const [name, size] of Object.entries(SIZES))
    for (let i = 0; i < size; i++)
      await client.send(
        new PutCommand({
          TableName,
          Item: {
            pk: `${prefix}#${name}`,
            sk: `item#${String(i).padStart(3, '0')}`,
            i,
            even: i % 2 === 0,
          },
        }),
      );
});

/** Every item a Query returns, page after page. */
async function queryAll(input: Omit<QueryCommandInput, 'TableName'>) {
  const items: Record<string, unknown>[] = [];
  let ExclusiveStartKey: Record<string, unknown> | undefined;
  do {
    const page = await client.send(new QueryCommand({ ...input, TableName, ExclusiveStartKey }));
    items.push(...(page.Items ?? []));
    ExclusiveStartKey = page.LastEvaluatedKey;
  } while (ExclusiveStartKey);
  return items;
}

const byKey = (pk: string, extra: Partial<QueryCommandInput> = {}) =>
  queryAll({
    KeyConditionExpression: 'pk = :pk',
    ExpressionAttributeValues: { ':pk': pk },
    ...extra,
  });

describe('Query on the local AWS', () => {
  it('returns the partition asked for, in key order both ways, page by page', async () => {
    const a = await byKey(`${prefix}#a`, { Limit: 5 });
    expect(a.map((item) => item.i)).toEqual([...Array(SIZES.a).keys()]);
    expect(new Set(a.map((item) => item.pk))).toEqual(new Set([`${prefix}#a`]));
    const backwards = await byKey(`${prefix}#a`, { Limit: 4, ScanIndexForward: false });
    expect(backwards.map((item) => item.i)).toEqual([...Array(SIZES.a).keys()].reverse());
    expect((await byKey(`${prefix}#b`)).map((item) => item.i)).toEqual([...Array(SIZES.b).keys()]);
    expect(await byKey(`${prefix}#c`)).toEqual([]);
  });

  it('applies key conditions, filters, projections and counts within the partition', async () => {
    const between = await queryAll({
      KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
      FilterExpression: 'even = :yes',
      ProjectionExpression: 'i',
      ExpressionAttributeValues: {
        ':pk': `${prefix}#a`,
        ':from': 'item#005',
        ':to': 'item#012',
        ':yes': true,
      },
    });
    expect(between).toEqual([6, 8, 10, 12].map((i) => ({ i })));
    const counted = await client.send(
      new QueryCommand({
        TableName,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :p)',
        ExpressionAttributeValues: { ':pk': `${prefix}#b`, ':p': 'item#00' },
        Select: 'COUNT',
      }),
    );
    expect(counted.Count).toBe(SIZES.b);
  });

  it('leaves Scans the whole table while Queries run beside them', async () => {
    const [scanned, ...queried] = await Promise.all([
      (async () => {
        const items: Record<string, unknown>[] = [];
        let ExclusiveStartKey: Record<string, unknown> | undefined;
        do {
          const page = await client.send(
            new ScanCommand({
              TableName,
              FilterExpression: 'begins_with(pk, :p)',
              ExpressionAttributeValues: { ':p': prefix },
              ExclusiveStartKey,
            }),
          );
          items.push(...(page.Items ?? []));
          ExclusiveStartKey = page.LastEvaluatedKey;
        } while (ExclusiveStartKey);
        return items;
      })(),
      ...Array.from({ length: 8 }, (_, k) => byKey(`${prefix}#${k % 2 ? 'a' : 'b'}`)),
    ]);
    expect(scanned).toHaveLength(SIZES.a + SIZES.b);
    expect(queried.map((items) => items.length)).toEqual(
      queried.map((_, k) => (k % 2 ? SIZES.a : SIZES.b)),
    );
  });

  it('reads a table keyed by a partition key alone', async () => {
    const name = `${TableName}-hash-only`;
    await dynamoDbClient().send(
      new CreateTableCommand({
        TableName: name,
        KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
        AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
        BillingMode: 'PAY_PER_REQUEST',
      }),
    );
    for (const pk of ['one', 'two'])
      await client.send(new PutCommand({ TableName: name, Item: { pk, value: pk.length } }));
    const query = (pk: string) =>
      client.send(
        new QueryCommand({
          TableName: name,
          KeyConditionExpression: 'pk = :pk',
          ExpressionAttributeValues: { ':pk': pk },
        }),
      );
    expect((await query('two')).Items).toEqual([{ pk: 'two', value: 3 }]);
    expect((await query('three')).Items).toEqual([]);
  });
});

// The local AWS writes DynamoDB attribute values without its generic serialiser where it can
// (decision 0044): every kind of value must still come back as it was stored.
import {
  BatchGetCommand,
  GetCommand,
  PutCommand,
  QueryCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { beforeEach, describe, expect, it } from 'vitest';
import { documentClient } from '../../functions/aws/clients/dynamodb.js';
import { localWarden } from './local-aws.js';

const client = documentClient();
let TableName: string;
let pk: string;

const everyKind = (sk: string) => ({
  pk,
  sk,
  text: 'Zoë',
  empty: '',
  whole: 42,
  fraction: -0.125,
  yes: true,
  nothing: null,
  texts: new Set(['a', 'b']),
  numbers: new Set([1, 2.5]),
  nested: { list: [1, 'two', { deep: [false, null] }], map: {} },
  emptyList: [],
});
const withBinary = (sk: string) => ({
  ...everyKind(sk),
  bytes: new Uint8Array([0, 1, 254]),
  inMap: { bytes: new Uint8Array([7]) },
});

beforeEach(async () => {
  TableName ??= (await localWarden()).resources.table;
  pk = `ANSWERS#${Math.random().toString(36).slice(2)}`;
  await client.send(new PutCommand({ TableName, Item: everyKind('plain') }));
  await client.send(new PutCommand({ TableName, Item: withBinary('binary') }));
});

describe('DynamoDB answers on the local AWS', () => {
  it('return every kind of value as stored, from GetItem, Query and BatchGetItem', async () => {
    for (const [sk, expected] of [
      ['plain', everyKind('plain')],
      ['binary', withBinary('binary')],
    ] as const) {
      const got = await client.send(new GetCommand({ TableName, Key: { pk, sk } }));
      expect(got.Item).toEqual(expected);
    }
    const queried = await client.send(
      new QueryCommand({
        TableName,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': pk },
      }),
    );
    expect(queried.Items).toEqual([withBinary('binary'), everyKind('plain')]);
    const batch = await client.send(
      new BatchGetCommand({ RequestItems: { [TableName]: { Keys: [{ pk, sk: 'plain' }] } } }),
    );
    expect(batch.Responses?.[TableName]).toEqual([everyKind('plain')]);
  });

  it('return the values an update wrote', async () => {
    const updated = await client.send(
      new UpdateCommand({
        TableName,
        Key: { pk, sk: 'plain' },
        UpdateExpression: 'SET whole = whole + :one, nested.#map.added = :added',
        ExpressionAttributeNames: { '#map': 'map' },
        ExpressionAttributeValues: { ':one': 1, ':added': ['x'] },
        ReturnValues: 'ALL_NEW',
      }),
    );
    expect(updated.Attributes).toMatchObject({
      whole: 43,
      nested: { list: [1, 'two', { deep: [false, null] }], map: { added: ['x'] } },
    });
  });
});

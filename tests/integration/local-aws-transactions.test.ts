// The local AWS's transactions keep rollback copies per item, not per table (decision 0042):
// a cancelled transaction must still leave every item it named as it was.
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import {
  GetCommand,
  PutCommand,
  TransactWriteCommand,
  type TransactWriteCommandInput,
} from '@aws-sdk/lib-dynamodb';
import { beforeEach, describe, expect, it } from 'vitest';
import { documentClient } from '../../functions/aws/clients/dynamodb.js';
import { localWarden } from './local-aws.js';

type Writes = NonNullable<TransactWriteCommandInput['TransactItems']>;

const client = documentClient();
let TableName: string;
let partition: string;

beforeEach(async () => {
  TableName ??= (await localWarden()).resources.table;
  partition = `TXTEST#${Math.random().toString(36).slice(2)}`;
  for (const sk of ['kept', 'updated', 'deleted', 'overwritten'])
    await client.send(new PutCommand({ TableName, Item: { pk: partition, sk, value: 'before' } }));
});

const read = async (sk: string) =>
  (await client.send(new GetCommand({ TableName, Key: { pk: partition, sk } }))).Item;

const everyKindOfWrite = (): Writes => [
  { Put: { TableName, Item: { pk: partition, sk: 'created', value: 'after' } } },
  { Put: { TableName, Item: { pk: partition, sk: 'overwritten', value: 'after' } } },
  {
    Update: {
      TableName,
      Key: { pk: partition, sk: 'updated' },
      UpdateExpression: 'SET #v = :v',
      ExpressionAttributeNames: { '#v': 'value' },
      ExpressionAttributeValues: { ':v': 'after' },
    },
  },
  { Delete: { TableName, Key: { pk: partition, sk: 'deleted' } } },
];

const expectUntouched = async () => {
  expect(await read('created')).toBeUndefined();
  for (const sk of ['kept', 'updated', 'deleted', 'overwritten'])
    expect(await read(sk)).toEqual({ pk: partition, sk, value: 'before' });
};

describe('transactions on the local AWS', () => {
  it('apply every write when no condition fails', async () => {
    await client.send(new TransactWriteCommand({ TransactItems: everyKindOfWrite() }));
    expect(await read('created')).toMatchObject({ value: 'after' });
    expect(await read('overwritten')).toMatchObject({ value: 'after' });
    expect(await read('updated')).toMatchObject({ value: 'after' });
    expect(await read('deleted')).toBeUndefined();
    expect(await read('kept')).toMatchObject({ value: 'before' });
  });

  it('change nothing when the last condition fails', async () => {
    const writes: Writes = [
      ...everyKindOfWrite(),
      {
        ConditionCheck: {
          TableName,
          Key: { pk: partition, sk: 'kept' },
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      },
    ];
    await expect(client.send(new TransactWriteCommand({ TransactItems: writes }))).rejects.toThrow(
      TransactionCanceledException,
    );
    await expectUntouched();
  });

  it('change nothing when a conditional write in the middle fails', async () => {
    const writes = everyKindOfWrite();
    writes.splice(2, 0, {
      Put: {
        TableName,
        Item: { pk: partition, sk: 'kept', value: 'after' },
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    });
    await expect(client.send(new TransactWriteCommand({ TransactItems: writes }))).rejects.toThrow(
      TransactionCanceledException,
    );
    await expectUntouched();
  });

  it('change nothing when one item is named twice', async () => {
    const writes: Writes = [
      ...everyKindOfWrite(),
      { Delete: { TableName, Key: { pk: partition, sk: 'created' } } },
    ];
    await expect(client.send(new TransactWriteCommand({ TransactItems: writes }))).rejects.toThrow(
      /multiple operations on one item/,
    );
    await expectUntouched();
  });
});

import { DeleteCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { beforeEach, describe, expect, it } from 'vitest';
import { DynamoRunLock } from '../../../../functions/aws/dynamo/run-lock.js';
import { conditionFailed, fault, mockedTable } from '../../fakes/aws-mocks.js';

const { db, table } = mockedTable();
const lock = new DynamoRunLock(table);
const NOW = new Date('2026-11-29T12:00:00Z');
const UNTIL = new Date('2026-11-29T12:20:00Z');

beforeEach(() => db.reset());

describe('DynamoDB run lock', () => {
  it('takes a free or expired lock until a time, with a TTL to clean it up', async () => {
    db.on(PutCommand).resolves({});
    expect(await lock.acquire('reconcile', 'run-1', NOW, UNTIL)).toBe(true);
    expect(db.commandCalls(PutCommand)[0]?.args[0].input).toMatchObject({
      Item: {
        pk: 'LOCK#reconcile',
        sk: 'LOCK',
        owner: 'run-1',
        until: '2026-11-29T12:20:00.000Z',
        expiresAt: 1_795_954_800,
      },
      ConditionExpression: 'attribute_not_exists(#pk) OR #until < :now OR #owner = :owner',
      ExpressionAttributeValues: { ':now': '2026-11-29T12:00:00.000Z', ':owner': 'run-1' },
    });
  });

  it('is refused while another run holds it', async () => {
    db.on(PutCommand).rejects(conditionFailed());
    expect(await lock.acquire('reconcile', 'run-2', NOW, UNTIL)).toBe(false);
  });

  it('releases only a lock its owner still holds, and leaves one taken over alone', async () => {
    db.on(DeleteCommand).rejects(conditionFailed());
    await expect(lock.release('reconcile', 'run-1')).resolves.toBeUndefined();
    expect(db.commandCalls(DeleteCommand)[0]?.args[0].input).toMatchObject({
      Key: { pk: 'LOCK#reconcile', sk: 'LOCK' },
      ConditionExpression: '#owner = :owner',
      ExpressionAttributeValues: { ':owner': 'run-1' },
    });
  });

  it('lets a fault through rather than pretend the lock was taken or released', async () => {
    db.on(PutCommand).rejects(fault());
    db.on(DeleteCommand).rejects(fault());
    await expect(lock.acquire('reconcile', 'run-1', NOW, UNTIL)).rejects.toThrow('throttled');
    await expect(lock.release('reconcile', 'run-1')).rejects.toThrow('throttled');
  });
});

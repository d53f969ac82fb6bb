import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { beforeEach, describe, expect, it } from 'vitest';
import { DynamoRateLimiter } from '../../../../functions/aws/dynamo/rate-limiter.js';
import { mockedTable } from '../../fakes/aws-mocks.js';

const { db, table } = mockedTable();
const limiter = new DynamoRateLimiter(table);
const NOW = new Date('2026-11-29T12:00:30Z');
const WINDOW = Math.floor(NOW.getTime() / 60_000);

beforeEach(() => db.reset());

describe('DynamoDB rate limiter', () => {
  it('counts attempts per key in one-minute windows that expire', async () => {
    db.on(UpdateCommand).resolves({ Attributes: { count: 1 } });
    expect(await limiter.allow('ip:88.1.1.1', 10, NOW)).toBe(true);
    expect(db.commandCalls(UpdateCommand)[0]?.args[0].input).toMatchObject({
      Key: { pk: 'RATE#ip:88.1.1.1', sk: String(WINDOW) },
      UpdateExpression: 'ADD #count :one SET #ttl = :ttl',
      ExpressionAttributeValues: { ':one': 1, ':ttl': (WINDOW + 2) * 60 },
      ReturnValues: 'UPDATED_NEW',
    });
  });

  it('allows up to the limit in a window and refuses beyond it', async () => {
    db.on(UpdateCommand)
      .resolvesOnce({ Attributes: { count: 10 } })
      .resolvesOnce({
        Attributes: { count: 11 },
      });
    expect(await limiter.allow('ip:88.1.1.1', 10, NOW)).toBe(true);
    expect(await limiter.allow('ip:88.1.1.1', 10, NOW)).toBe(false);
  });
});

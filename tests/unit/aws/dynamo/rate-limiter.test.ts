import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { beforeEach, describe, expect, it } from 'vitest';
import { DynamoRateLimiter } from '../../../../functions/aws/dynamo/rate-limiter.js';
import { mockedTable } from '../../fakes/aws-mocks.js';

const { db, table } = mockedTable();
const limiter = new DynamoRateLimiter(table);
/** Half-way through a minute: last minute's count weighs half. */
const NOW = new Date('2026-11-29T12:00:30Z');
const WINDOW = Math.floor(NOW.getTime() / 60_000);

beforeEach(() => db.reset());

describe('DynamoDB rate limiter', () => {
  it('counts each attempt in this minute, reads the last, and lets both expire', async () => {
    db.on(UpdateCommand).resolves({ Attributes: { count: 1 } });
    db.on(GetCommand).resolves({});
    expect(await limiter.allow('ip:88.1.1.1', 10, NOW)).toBe(true);
    expect(db.commandCalls(UpdateCommand)[0]?.args[0].input).toMatchObject({
      Key: { pk: 'RATE#ip:88.1.1.1', sk: String(WINDOW) },
      UpdateExpression: 'ADD #count :one SET #ttl = :ttl',
      ExpressionAttributeValues: { ':one': 1, ':ttl': (WINDOW + 3) * 60 },
      ReturnValues: 'UPDATED_NEW',
    });
    expect(db.commandCalls(GetCommand)[0]?.args[0].input.Key).toEqual({
      pk: 'RATE#ip:88.1.1.1',
      sk: String(WINDOW - 1),
    });
  });

  it('slides: last minute counts for the part of it still within the last sixty seconds', async () => {
    db.on(GetCommand).resolves({ Item: { count: 8 } });
    // 6 now + 8 × 0.5 = 10: at the limit.
    db.on(UpdateCommand)
      .resolvesOnce({ Attributes: { count: 6 } })
      .resolvesOnce({ Attributes: { count: 7 } });
    expect(await limiter.allow('user:ana', 10, NOW)).toBe(true);
    expect(await limiter.allow('user:ana', 10, NOW)).toBe(false);
  });
});

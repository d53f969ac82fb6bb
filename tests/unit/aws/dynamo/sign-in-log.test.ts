import { PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { beforeEach, describe, expect, it } from 'vitest';
import { DynamoSignInLog } from '../../../../functions/aws/dynamo/sign-in-log.js';
import type { SignInDecisionEntry } from '../../../../functions/core/geo/ports.js';
import { mockedTable } from '../../fakes/aws-mocks.js';

const { db, table } = mockedTable();
const log = new DynamoSignInLog(table);
const ENTRY: SignInDecisionEntry = {
  source: 'pool',
  username: 'ana',
  at: new Date('2026-11-29T12:00:00Z'),
  outcome: 'denied',
  country: 'KP',
  rule: 'deniedCountries',
  reason: 'KP is in deniedCountries',
  ip: '175.45.176.1',
};

beforeEach(() => db.reset());

describe('DynamoDB sign-in log', () => {
  it('keeps each decision in the person’s partition, written once, expiring, and gives it back', async () => {
    db.on(PutCommand).resolves({});
    await log.recordDecision(ENTRY);
    const put = db.commandCalls(PutCommand)[0]?.args[0].input;
    const item = put?.Item;
    expect(item).toMatchObject({
      pk: 'SIGNIN#pool#ana',
      sk: expect.stringMatching(/^2026-11-29T12:00:00\.000Z#denied#[0-9a-f]{8}$/),
      at: '2026-11-29T12:00:00.000Z',
      country: 'KP',
      ip: '175.45.176.1',
      expiresAt: Math.floor(ENTRY.at.getTime() / 1000) + 400 * 86_400,
    });
    expect(put?.ConditionExpression).toBe('attribute_not_exists(#pk)');
    db.on(QueryCommand).resolves({ Items: [item ?? {}] });
    expect(await log.listDecisions('pool', 'ana')).toEqual([ENTRY]);
    expect(db.commandCalls(QueryCommand)[0]?.args[0].input.ExpressionAttributeValues).toEqual({
      ':pk': 'SIGNIN#pool#ana',
    });
  });
});

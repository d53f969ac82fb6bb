import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { beforeEach, describe, expect, it } from 'vitest';
import { DynamoNonceRegister } from '../../../../functions/aws/dynamo/nonce-register.js';
import { conditionFailed, mockedTable } from '../../fakes/aws-mocks.js';

const { db, table } = mockedTable();
const nonces = new DynamoNonceRegister(table);
const EXPIRES = new Date('2026-11-29T12:02:00.500Z');

beforeEach(() => db.reset());

describe('DynamoDB nonce register', () => {
  it('claims a nonce once per trigger, kept until its context could no longer be valid', async () => {
    db.on(PutCommand).resolves({});
    expect(await nonces.claimNonce('n1', 'define-auth-challenge', EXPIRES)).toBe(true);
    expect(db.commandCalls(PutCommand)[0]?.args[0].input).toMatchObject({
      Item: { pk: 'NONCE#n1', sk: 'define-auth-challenge', expiresAt: 1_795_953_721 },
      ConditionExpression: 'attribute_not_exists(#pk)',
    });
  });

  it('refuses a nonce the same trigger already claimed: a replay', async () => {
    db.on(PutCommand).rejects(conditionFailed());
    expect(await nonces.claimNonce('n1', 'define-auth-challenge', EXPIRES)).toBe(false);
  });
});

import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { documentClient } from '../../functions/aws/clients/dynamodb.js';
import { DynamoAccessEndRegister } from '../../functions/aws/dynamo/access-end-register.js';
import { GovernanceTable } from '../../functions/aws/dynamo/governance-table.js';
import { DynamoSignInLog } from '../../functions/aws/dynamo/sign-in-log.js';
import { ITEM_KEY } from '../../functions/core/shared/table-keys.js';
import { localWarden } from './local-aws.js';

let table: GovernanceTable;
const at = new Date('2026-11-30T12:00:00.123Z');
const entry = {
  source: 'pool',
  username: 'ana',
  at,
  outcome: 'denied' as const,
  country: 'ES',
  rule: 'default',
  reason: 'r',
  ip: '88.1.1.1',
};

beforeAll(async () => {
  const warden = await localWarden();
  table = new GovernanceTable(documentClient(), warden.resources.table);
});

describe('sign-in records', () => {
  it('keep two decisions of the same millisecond apart, and expire after the retention', async () => {
    const log = new DynamoSignInLog(table, 30);
    await log.recordDecision(entry);
    await log.recordDecision(entry);
    expect(await log.listDecisions('pool', 'ana')).toEqual([entry, entry]);
    const { Items = [] } = await table.db.send(
      new QueryCommand({
        TableName: table.name,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': 'SIGNIN#pool#ana' },
      }),
    );
    const expiry = Math.floor(at.getTime() / 1000) + 30 * 86_400;
    expect(Items.map((item) => item.expiresAt)).toEqual([expiry, expiry]);
  });
});

describe('the access-end register', () => {
  it('answers an unreadable stored value with a date that refuses, never with "no end"', async () => {
    await table.put({ ...ITEM_KEY.accessEnd('pool', 'bea'), accessEndsAt: 'not a date' });
    const read = await new DynamoAccessEndRegister(table).accessEndsAt('pool', 'bea');
    expect(read).toBeInstanceOf(Date);
    expect(Number.isNaN(read?.getTime())).toBe(true);
  });
});

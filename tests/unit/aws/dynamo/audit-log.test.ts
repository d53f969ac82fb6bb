import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { beforeEach, describe, expect, it } from 'vitest';
import { DynamoAuditLog } from '../../../../functions/aws/dynamo/audit-log.js';
import { mockedTable } from '../../fakes/aws-mocks.js';

const { db, table } = mockedTable();
const audit = new DynamoAuditLog(table);

beforeEach(() => db.reset());

describe('DynamoDB audit log', () => {
  it('gives every change Warden made to one account, oldest first, with its time as a date', async () => {
    const entry = {
      actionId: 'a-ben',
      runId: 'r-2',
      kind: 'disable',
      source: 'pool',
      username: 'ben',
      reason: 'left on 2025-01-31',
    };
    db.on(QueryCommand).resolves({
      Items: [
        {
          pk: 'AUDIT#pool#ben',
          sk: '2026-11-29T12:00:05.000Z#a-ben',
          ...entry,
          accountKey: 'sub-ben',
          at: '2026-11-29T12:00:05.000Z',
        },
      ],
    });
    expect(await audit.listAudit('pool', 'ben')).toEqual([
      { ...entry, at: new Date('2026-11-29T12:00:05Z') },
    ]);
    expect(db.commandCalls(QueryCommand)[0]?.args[0].input).toMatchObject({
      ExpressionAttributeValues: { ':pk': 'AUDIT#pool#ben' },
      ScanIndexForward: true,
    });
  });
});

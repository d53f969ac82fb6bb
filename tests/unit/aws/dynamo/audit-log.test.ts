import { GetCommand, QueryCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { beforeEach, describe, expect, it } from 'vitest';
import { DynamoAuditLog } from '../../../../functions/aws/dynamo/audit-log.js';
import { mockedTable, transactionCancelled } from '../../fakes/aws-mocks.js';

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

  describe('appending an entry together with other writes', () => {
    const STREAM = { source: 'pool', username: 'cai' };
    const ENTRY = { pk: 'AUDIT#pool#cai', sk: '2026-11-30T12:00:00.000Z#r-1', kind: 'restore' };
    const OTHER = { Delete: { TableName: 'warden', Key: { pk: 'SOURCE#pool', sk: 'DISABLED#k' } } };

    it('writes them in one transaction, the entry linked after the head', async () => {
      db.on(GetCommand).resolves({ Item: { seq: 2, hash: 'h2' } });
      db.on(TransactWriteCommand).resolves({});
      await audit.appendTogether(STREAM, ENTRY, [OTHER]);
      const items = db.commandCalls(TransactWriteCommand)[0]?.args[0].input.TransactItems;
      expect(items?.[0]).toEqual(OTHER);
      expect(items?.[1]?.Put?.Item).toMatchObject({ ...ENTRY, seq: 3, prevHash: 'h2' });
      expect(items).toHaveLength(3);
    });

    it('reads the head again and retries when another writer moved it', async () => {
      db.on(GetCommand)
        .resolvesOnce({ Item: { seq: 2, hash: 'h2' } })
        .resolves({ Item: { seq: 3, hash: 'h3' } });
      db.on(TransactWriteCommand)
        .rejectsOnce(transactionCancelled('None', 'None', 'ConditionalCheckFailed'))
        .resolves({});
      await audit.appendTogether(STREAM, ENTRY, [OTHER]);
      const attempts = db.commandCalls(TransactWriteCommand);
      expect(attempts).toHaveLength(2);
      expect(attempts[1]?.args[0].input.TransactItems?.[1]?.Put?.Item).toMatchObject({
        seq: 4,
        prevHash: 'h3',
      });
    });

    it('gives up at once when something else refused the transaction', async () => {
      db.on(GetCommand).resolves({});
      db.on(TransactWriteCommand).rejects(
        transactionCancelled('None', 'ConditionalCheckFailed', 'None'),
      );
      await expect(audit.appendTogether(STREAM, ENTRY, [OTHER])).rejects.toThrow(
        'Transaction cancelled',
      );
      expect(db.commandCalls(TransactWriteCommand)).toHaveLength(1);
    });
  });
});

import {
  DeleteCommand,
  GetCommand,
  PutCommand,
  QueryCommand,
  TransactWriteCommand,
} from '@aws-sdk/lib-dynamodb';
import { beforeEach, describe, expect, it } from 'vitest';
import { DynamoActionJournal } from '../../../../functions/aws/dynamo/action-journal.js';
import { entryHash, GENESIS } from '../../../../functions/core/audit/chain.js';
import type { ActionIntent } from '../../../../functions/core/reconcile/ports.js';
import {
  conditionFailed,
  fault,
  mockedTable,
  TABLE,
  transactionCancelled,
} from '../../fakes/aws-mocks.js';

const { db, table } = mockedTable();
const journal = new DynamoActionJournal(table);
const POOL = 'us-east-1_Pool';
const INTENT: ActionIntent = {
  actionId: 'a-ben',
  runId: 'r-2',
  kind: 'disable',
  source: POOL,
  username: 'ben',
  accountKey: 'sub-ben',
  reason: 'left on 2025-01-31',
  at: new Date('2026-11-29T12:00:00Z'),
};
const ANA: ActionIntent = { ...INTENT, actionId: 'a-ana', username: 'ana', accountKey: 'sub-ana' };
const DONE_AT = new Date('2026-11-29T12:00:05Z');
const BEN_AND_ANA = [
  { intent: INTENT, at: DONE_AT },
  { intent: ANA, at: DONE_AT },
];
const SERIALISED = { ...INTENT, at: '2026-11-29T12:00:00.000Z' };

const transaction = () =>
  db.commandCalls(TransactWriteCommand)[0]?.args[0].input.TransactItems ?? [];

beforeEach(() => db.reset());

describe('DynamoDB action journal', () => {
  it('lists the actions begun and never completed', async () => {
    db.on(QueryCommand).resolves({ Items: [{ pk: 'PENDING', sk: 'a-ben', runId: 'r-1' }] });
    expect(await journal.listPendingActions()).toEqual(new Set(['a-ben']));
    expect(db.commandCalls(QueryCommand)[0]?.args[0].input.ExpressionAttributeValues).toEqual({
      ':pk': 'PENDING',
    });
  });

  it('marks the action pending, then records its intent unless it is done, without a transaction', async () => {
    db.on(PutCommand).resolves({});
    expect(await journal.beginAction(INTENT)).toBe('new');
    const [marker, intent] = db.commandCalls(PutCommand).map((c) => c.args[0].input);
    // The marker first: a crash before the intent leaves a pending action a run finishes.
    expect(marker).toEqual({
      TableName: TABLE,
      Item: { pk: 'PENDING', sk: 'a-ben', runId: 'r-2' },
    });
    expect(intent).toEqual({
      TableName: TABLE,
      Item: { pk: 'ACTION#a-ben', sk: 'ACTION', ...SERIALISED, status: 'pending' },
      ConditionExpression: 'attribute_not_exists(#status) OR #status <> :done',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: { ':done': 'done' },
    });
    expect(db.commandCalls(GetCommand)).toEqual([]);
    expect(db.commandCalls(TransactWriteCommand)).toEqual([]);
  });

  it('recognises an action an earlier run completed, and takes its new marker back', async () => {
    db.on(PutCommand, { Item: { pk: 'PENDING' } }).resolves({});
    db.on(PutCommand, { Item: { pk: 'ACTION#a-ben' } }).rejects(conditionFailed());
    db.on(DeleteCommand).resolves({});
    expect(await journal.beginAction(INTENT)).toBe('done');
    expect(db.commandCalls(DeleteCommand).map((c) => c.args[0].input.Key)).toEqual([
      { pk: 'PENDING', sk: 'a-ben' },
    ]);
    expect(db.commandCalls(TransactWriteCommand)).toEqual([]);
  });

  it('fails, leaving the action pending, when the intent cannot be written', async () => {
    db.on(PutCommand, { Item: { pk: 'PENDING' } }).resolves({});
    db.on(PutCommand, { Item: { pk: 'ACTION#a-ben' } }).rejects(fault());
    await expect(journal.beginAction(INTENT)).rejects.toThrow('throttled');
    expect(db.commandCalls(DeleteCommand)).toEqual([]);
  });

  it('writes nothing more when the pending marker cannot be written', async () => {
    db.on(PutCommand).rejects(fault());
    await expect(journal.beginAction(INTENT)).rejects.toThrow('throttled');
    expect(db.commandCalls(PutCommand)).toHaveLength(1);
  });

  it('completes an action, audits it, clears it from pending and marks the account, all at once', async () => {
    db.on(GetCommand).resolves({});
    db.on(TransactWriteCommand).resolves({});
    await journal.completeAction(INTENT, { ok: true, at: DONE_AT });
    expect(db.commandCalls(GetCommand)[0]?.args[0].input).toMatchObject({
      Key: { pk: 'AUDIT#~heads', sk: `${POOL}#ben` },
      ConsistentRead: true,
    });
    const [update, audit, head, pending, mark] = transaction();
    expect(update?.Update).toMatchObject({
      Key: { pk: 'ACTION#a-ben', sk: 'ACTION' },
      ConditionExpression: '#status <> :done',
      ExpressionAttributeValues: {
        ':done': 'done',
        ':at': '2026-11-29T12:00:05.000Z',
        ':run': 'r-2',
      },
    });
    const entry = audit?.Put?.Item as Record<string, unknown>;
    expect(entry).toEqual({
      pk: `AUDIT#${POOL}#ben`,
      sk: '2026-11-29T12:00:05.000Z#a-ben',
      ...SERIALISED,
      at: '2026-11-29T12:00:05.000Z',
      seq: 1,
      prevHash: GENESIS,
      hash: entryHash(entry),
    });
    expect(audit?.Put?.ConditionExpression).toBe('attribute_not_exists(#pk)');
    expect(head?.Put).toMatchObject({
      Item: { pk: 'AUDIT#~heads', sk: `${POOL}#ben`, source: POOL, username: 'ben', seq: 1 },
      ConditionExpression: 'attribute_not_exists(#pk)',
    });
    expect(head?.Put?.Item?.hash).toBe(entry.hash);
    expect(pending?.Delete?.Key).toEqual({ pk: 'PENDING', sk: 'a-ben' });
    expect(mark?.Put?.Item).toEqual({
      pk: `SOURCE#${POOL}`,
      sk: 'DISABLED#sub-ben',
      actionId: 'a-ben',
      at: '2026-11-29T12:00:05.000Z',
    });
  });

  it('appends to the chain after the head, only if the head has not moved since', async () => {
    db.on(GetCommand).resolves({ Item: { seq: 4, hash: 'h4' } });
    db.on(TransactWriteCommand).resolves({});
    await journal.completeAction(INTENT, { ok: true, at: DONE_AT });
    const [, audit, head] = transaction();
    expect(audit?.Put?.Item).toMatchObject({ seq: 5, prevHash: 'h4' });
    expect(head?.Put).toMatchObject({
      Item: { seq: 5 },
      ConditionExpression: '#hash = :head',
      ExpressionAttributeValues: { ':head': 'h4' },
    });
  });

  it('reads the head again and retries when another writer appended first', async () => {
    db.on(GetCommand)
      .resolvesOnce({ Item: { seq: 4, hash: 'h4' } })
      .resolves({ Item: { seq: 5, hash: 'h5' } });
    db.on(TransactWriteCommand)
      .rejectsOnce(transactionCancelled('None', 'None', 'ConditionalCheckFailed', 'None', 'None'))
      .rejectsOnce(transactionCancelled('None', 'TransactionConflict', 'None', 'None', 'None'))
      .resolves({});
    await journal.completeAction(INTENT, { ok: true, at: DONE_AT });
    const attempts = db.commandCalls(TransactWriteCommand);
    expect(attempts).toHaveLength(3);
    expect(attempts[2]?.args[0].input.TransactItems?.[1]?.Put?.Item).toMatchObject({
      seq: 6,
      prevHash: 'h5',
    });
  });

  it('audits an action once: completing it again is quietly recognised', async () => {
    db.on(GetCommand).resolves({});
    db.on(TransactWriteCommand).rejects(
      transactionCancelled('ConditionalCheckFailed', 'None', 'None', 'None', 'None'),
    );
    await expect(
      journal.completeAction(INTENT, { ok: true, at: DONE_AT }),
    ).resolves.toBeUndefined();
  });

  it('fails when the transaction is cancelled for any other reason, or fails outright', async () => {
    db.on(GetCommand).resolves({});
    db.on(TransactWriteCommand).rejects(
      transactionCancelled('None', 'ConditionalCheckFailed', 'None', 'None', 'None'),
    );
    await expect(journal.completeAction(INTENT, { ok: true, at: DONE_AT })).rejects.toThrow(
      'Transaction cancelled',
    );
    db.on(TransactWriteCommand).rejects(fault());
    await expect(journal.completeAction(INTENT, { ok: true, at: DONE_AT })).rejects.toThrow(
      'throttled',
    );
  });

  it('completes the actions of several accounts in one transaction, each on its own chain', async () => {
    db.on(GetCommand, { Key: { sk: `${POOL}#ben` } }).resolves({ Item: { seq: 4, hash: 'h4' } });
    db.on(GetCommand, { Key: { sk: `${POOL}#ana` } }).resolves({});
    db.on(TransactWriteCommand).resolves({});
    await journal.completeActions(BEN_AND_ANA);
    expect(db.commandCalls(TransactWriteCommand)).toHaveLength(1);
    const items = transaction();
    expect(items).toHaveLength(10);
    expect(items[0]?.Update?.Key).toEqual({ pk: 'ACTION#a-ben', sk: 'ACTION' });
    expect(items[1]?.Put?.Item).toMatchObject({ actionId: 'a-ben', seq: 5, prevHash: 'h4' });
    expect(items[5]?.Update?.Key).toEqual({ pk: 'ACTION#a-ana', sk: 'ACTION' });
    expect(items[6]?.Put?.Item).toMatchObject({ actionId: 'a-ana', seq: 1, prevHash: GENESIS });
    expect(items[9]?.Put?.Item).toMatchObject({ sk: 'DISABLED#sub-ana', actionId: 'a-ana' });
  });

  it('completes the others when one of them was completed meanwhile', async () => {
    db.on(GetCommand).resolves({});
    db.on(TransactWriteCommand)
      .rejectsOnce(transactionCancelled('ConditionalCheckFailed', ...Array(9).fill('None')))
      .resolves({});
    await journal.completeActions(BEN_AND_ANA);
    const attempts = db.commandCalls(TransactWriteCommand);
    expect(attempts).toHaveLength(2);
    const retried = attempts[1]?.args[0].input.TransactItems ?? [];
    expect(retried).toHaveLength(5);
    expect(retried[0]?.Update?.Key).toEqual({ pk: 'ACTION#a-ana', sk: 'ACTION' });
  });

  it('reads every head again when another writer moved one of them', async () => {
    db.on(GetCommand, { Key: { sk: `${POOL}#ben` } }).resolves({});
    db.on(GetCommand, { Key: { sk: `${POOL}#ana` } })
      .resolvesOnce({ Item: { seq: 1, hash: 'h1' } })
      .resolves({ Item: { seq: 2, hash: 'h2' } });
    db.on(TransactWriteCommand)
      .rejectsOnce(
        transactionCancelled(...Array(7).fill('None'), 'ConditionalCheckFailed', 'None', 'None'),
      )
      .resolves({});
    await journal.completeActions(BEN_AND_ANA);
    const attempts = db.commandCalls(TransactWriteCommand);
    expect(attempts).toHaveLength(2);
    expect(attempts[1]?.args[0].input.TransactItems?.[6]?.Put?.Item).toMatchObject({
      seq: 3,
      prevHash: 'h2',
    });
  });

  it('never puts two completions of one account in a transaction, nor more than twenty', async () => {
    db.on(GetCommand).resolves({});
    db.on(TransactWriteCommand).resolves({});
    const many = Array.from({ length: 21 }, (_, i) => ({
      intent: { ...INTENT, actionId: `a-${i}`, username: `u${i}`, accountKey: `k${i}` },
      at: DONE_AT,
    }));
    await journal.completeActions([
      { intent: INTENT, at: DONE_AT },
      { intent: { ...INTENT, actionId: 'a-ben-2' }, at: DONE_AT },
      ...many,
    ]);
    const sizes = db
      .commandCalls(TransactWriteCommand)
      .map((c) => c.args[0].input.TransactItems?.length);
    expect(sizes.reduce((a = 0, b = 0) => a + b, 0)).toBe(23 * 5);
    expect(Math.max(...(sizes as number[]))).toBeLessThanOrEqual(100);
    for (const call of db.commandCalls(TransactWriteCommand)) {
      const heads = (call.args[0].input.TransactItems ?? [])
        .map((item) => item.Put?.Item)
        .filter((item) => item?.pk === 'AUDIT#~heads')
        .map((item) => item?.sk);
      expect(new Set(heads).size).toBe(heads.length);
    }
  });

  it('completes nothing, and calls nothing, for no actions', async () => {
    await journal.completeActions([]);
    expect(db.calls()).toEqual([]);
  });

  it('keeps a failed action pending, with the error name, so the next run retries it', async () => {
    db.on(PutCommand).resolves({});
    await journal.completeAction(INTENT, { ok: false, error: 'TooManyRequests', at: DONE_AT });
    expect(db.commandCalls(PutCommand)[0]?.args[0].input.Item).toEqual({
      pk: 'ACTION#a-ben',
      sk: 'ACTION',
      ...SERIALISED,
      status: 'pending',
      lastError: 'TooManyRequests',
      lastErrorAt: '2026-11-29T12:00:05.000Z',
    });
    expect(db.commandCalls(PutCommand)[0]?.args[0].input.ConditionExpression).toBe(
      'attribute_not_exists(#status) OR #status <> :done',
    );
    expect(db.commandCalls(TransactWriteCommand)).toEqual([]);
  });

  it('never turns a completed action back to pending when a late attempt fails', async () => {
    db.on(PutCommand).rejects(conditionFailed());
    await expect(
      journal.completeAction(INTENT, { ok: false, error: 'TooManyRequests', at: DONE_AT }),
    ).resolves.toBeUndefined();
  });
});

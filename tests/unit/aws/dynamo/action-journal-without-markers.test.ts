import { DeleteCommand, GetCommand, PutCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { beforeEach, describe, expect, it } from 'vitest';
import { DynamoActionJournal } from '../../../../functions/aws/dynamo/action-journal.js';
import type { ActionIntent } from '../../../../functions/core/reconcile/ports.js';
import { conditionFailed, mockedTable, transactionCancelled } from '../../fakes/aws-mocks.js';

// The offboarding's journal: no run resumes an offboarding's action, so it keeps no pending markers.
const { db, table } = mockedTable();
const journal = new DynamoActionJournal(table, { pendingMarkers: false });
const POOL = 'us-east-1_Pool';
const BEN: ActionIntent = {
  actionId: 'a-ben',
  runId: 'ob-1',
  kind: 'disable',
  source: POOL,
  username: 'ben',
  accountKey: 'sub-ben',
  reason: 'offboarding ob-1 of E1: resigned',
  at: new Date('2026-11-29T12:00:00Z'),
};
const ANA: ActionIntent = { ...BEN, actionId: 'a-ana', username: 'ana', accountKey: 'sub-ana' };
const DONE_AT = new Date('2026-11-29T12:00:05Z');
const BEN_AND_ANA = [
  { intent: BEN, at: DONE_AT },
  { intent: ANA, at: DONE_AT },
];

const pendingWrites = () =>
  [
    ...db.commandCalls(PutCommand).map((c) => c.args[0].input.Item?.pk),
    ...db.commandCalls(DeleteCommand).map((c) => c.args[0].input.Key?.pk),
    ...db
      .commandCalls(TransactWriteCommand)
      .flatMap((c) => c.args[0].input.TransactItems ?? [])
      .map((item) => item.Put?.Item?.pk ?? item.Delete?.Key?.pk ?? item.Update?.Key?.pk),
  ].filter((pk) => pk === 'PENDING');

beforeEach(() => db.reset());

describe('an action journal without pending markers', () => {
  it('begins an action with its intent alone', async () => {
    db.on(PutCommand).resolves({});
    expect(await journal.beginAction(BEN)).toBe('new');
    expect(db.commandCalls(PutCommand).map((c) => c.args[0].input.Item?.pk)).toEqual([
      'ACTION#a-ben',
    ]);
  });

  it('recognises a completed action and has no marker to take back', async () => {
    db.on(PutCommand).rejects(conditionFailed());
    expect(await journal.beginAction(BEN)).toBe('done');
    expect(db.commandCalls(DeleteCommand)).toEqual([]);
  });

  it('completes each action with four writes: outcome, audit entry, chain head, mark', async () => {
    db.on(GetCommand).resolves({});
    db.on(TransactWriteCommand).resolves({});
    await journal.completeActions(BEN_AND_ANA);
    const items = db.commandCalls(TransactWriteCommand)[0]?.args[0].input.TransactItems ?? [];
    expect(items).toHaveLength(8);
    expect(items[0]?.Update?.Key).toEqual({ pk: 'ACTION#a-ben', sk: 'ACTION' });
    expect(items[1]?.Put?.Item).toMatchObject({ pk: `AUDIT#${POOL}#ben`, actionId: 'a-ben' });
    expect(items[2]?.Put?.Item).toMatchObject({ pk: 'AUDIT#~heads', sk: `${POOL}#ben` });
    expect(items[3]?.Put?.Item).toMatchObject({ sk: 'DISABLED#sub-ben', actionId: 'a-ben' });
    expect(items[4]?.Update?.Key).toEqual({ pk: 'ACTION#a-ana', sk: 'ACTION' });
    expect(items[7]?.Put?.Item).toMatchObject({ sk: 'DISABLED#sub-ana', actionId: 'a-ana' });
    expect(pendingWrites()).toEqual([]);
  });

  it('finds, by the shorter stride, the action completed meanwhile and the chain that moved', async () => {
    db.on(GetCommand).resolves({});
    db.on(TransactWriteCommand)
      // Ana's outcome (index 4) was completed by an earlier attempt.
      .rejectsOnce(transactionCancelled(...Array(4).fill('None'), 'ConditionalCheckFailed'))
      // Then Ben's head (index 2) moved.
      .rejectsOnce(transactionCancelled('None', 'None', 'ConditionalCheckFailed', 'None'))
      .resolves({});
    await journal.completeActions(BEN_AND_ANA);
    const attempts = db
      .commandCalls(TransactWriteCommand)
      .map((c) => c.args[0].input.TransactItems);
    expect(attempts.map((items) => items?.length)).toEqual([8, 4, 4]);
    expect(attempts[2]?.[0]?.Update?.Key).toEqual({ pk: 'ACTION#a-ben', sk: 'ACTION' });
  });
});

import {
  BatchWriteCommand,
  DeleteCommand,
  GetCommand,
  PutCommand,
  QueryCommand,
} from '@aws-sdk/lib-dynamodb';
import { beforeEach, describe, expect, it } from 'vitest';
import { DynamoAccountIndex } from '../../../../functions/aws/dynamo/account-index.js';
import type {
  AccountIndexSnapshot,
  IndexedAccount,
} from '../../../../functions/core/offboarding/ports.js';
import { mockedTable, TABLE } from '../../fakes/aws-mocks.js';

const { db, table } = mockedTable();
const index = new DynamoAccountIndex(table);
const POOL = 'us-east-1_Pool';
const ACCOUNTS = `INDEX#${POOL}`;
const PEOPLE = 'INDEX#~people';

const entry = (employeeId: string, username: string, link: IndexedAccount['link'] = 'linked') => ({
  source: POOL,
  username,
  accountKey: `sub-${username}`,
  employeeId,
  link,
});
const snapshot = (accounts: IndexedAccount[]): AccountIndexSnapshot => ({
  people: new Map(accounts.map((a) => [a.employeeId, `${a.username}@x.org`])),
  accounts: new Map([[POOL, accounts]]),
});
const stored = (accounts: IndexedAccount[]) => ({
  [ACCOUNTS]: accounts.map((a) => ({ pk: ACCOUNTS, sk: `${a.employeeId} ${a.username}`, ...a })),
  [PEOPLE]: accounts.map((a) => ({ pk: PEOPLE, sk: a.employeeId, email: `${a.username}@x.org` })),
});

/** The table as the mock serves it: the stored items of each partition, and the digests. */
function serve(items: Record<string, Record<string, unknown>[]>, digests = new Map()) {
  db.on(QueryCommand).callsFake((input) => ({
    Items: items[input.ExpressionAttributeValues[':pk']] ?? [],
  }));
  db.on(GetCommand).callsFake((input) => ({
    Item: digests.has(input.Key.sk)
      ? { ...input.Key, digest: digests.get(input.Key.sk) }
      : undefined,
  }));
  return digests;
}
const digestsWritten = () =>
  new Map(
    db
      .commandCalls(PutCommand)
      .map((c) => [c.args[0].input.Item?.sk, c.args[0].input.Item?.digest]),
  );
const writes = () =>
  db.commandCalls(BatchWriteCommand).flatMap((c) => c.args[0].input.RequestItems?.[TABLE] ?? []);

beforeEach(() => {
  db.reset();
  db.on(BatchWriteCommand).resolves({});
  db.on(PutCommand).resolves({});
  db.on(DeleteCommand).resolves({});
});

describe('DynamoDB account index', () => {
  const ana = entry('E1', 'ana');
  const ben = entry('E2', 'ben');
  const cruz = entry('E3', 'cruz');

  it('writes only the differences: new and changed entries, and those a full roster no longer has', async () => {
    serve(stored([ana, ben, cruz]));
    await index.replace(snapshot([ana, entry('E2', 'ben', 'disputed'), entry('E4', 'dana')]), true);
    const accountWrites = writes().filter(
      (w) => ('PutRequest' in w ? w.PutRequest?.Item : w.DeleteRequest?.Key)?.pk === ACCOUNTS,
    );
    expect(accountWrites).toEqual([
      { PutRequest: { Item: expect.objectContaining({ sk: 'E2 ben', link: 'disputed' }) } },
      { PutRequest: { Item: expect.objectContaining({ sk: 'E4 dana' }) } },
      { DeleteRequest: { Key: { pk: ACCOUNTS, sk: 'E3 cruz' } } },
    ]);
    // The digest goes before the partition changes and comes back after.
    const order = db.calls().map((c) => c.args[0].constructor.name);
    expect(order.indexOf('DeleteCommand')).toBeLessThan(order.indexOf('BatchWriteCommand'));
    expect(order.lastIndexOf('PutCommand')).toBeGreaterThan(order.lastIndexOf('BatchWriteCommand'));
    expect(db.commandCalls(QueryCommand)[0]?.args[0].input.ConsistentRead).toBe(true);
  });

  it('reads and writes nothing more for an unchanged full roster once the digests are stored', async () => {
    const items = stored([ana, ben]);
    serve(items);
    await index.replace(snapshot([ana, ben]), true);
    expect(writes()).toEqual([]); // the stored entries were already right
    const digests = digestsWritten();
    expect([...digests.keys()].sort()).toEqual([ACCOUNTS, PEOPLE]);

    db.resetHistory();
    serve(items, digests);
    await index.replace(snapshot([ana, ben]), true);
    expect(db.commandCalls(GetCommand).map((c) => c.args[0].input.ConsistentRead)).toEqual([
      true,
      true,
    ]);
    expect(db.commandCalls(QueryCommand)).toEqual([]);
    expect(db.commandCalls(BatchWriteCommand)).toEqual([]);
    expect(db.commandCalls(PutCommand)).toEqual([]);
    expect(db.commandCalls(DeleteCommand)).toEqual([]);
  });

  it('trusts no digest from a partial feed: it reads, adds, removes nothing, and keeps the digest of the whole', async () => {
    const items = stored([ana, ben]);
    serve(items);
    await index.replace(snapshot([ana, ben]), true);
    const whole = digestsWritten();

    db.resetHistory();
    serve(items, whole);
    await index.replace(snapshot([cruz]), false);
    expect(db.commandCalls(QueryCommand)).toHaveLength(2);
    expect(writes().every((w) => 'PutRequest' in w)).toBe(true);
    expect(writes()).toHaveLength(2); // cruz's account and email
    const afterPartial = digestsWritten();

    // A full roster with all three finds the digest the partial run left: nothing to do.
    db.resetHistory();
    serve(stored([ana, ben, cruz]), afterPartial);
    await index.replace(snapshot([ana, ben, cruz]), true);
    expect(db.commandCalls(QueryCommand)).toEqual([]);
    expect(writes()).toEqual([]);
  });
});

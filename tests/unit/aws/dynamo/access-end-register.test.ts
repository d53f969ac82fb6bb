import { BatchWriteCommand, DeleteCommand, GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { beforeEach, describe, expect, it } from 'vitest';
import { DynamoAccessEndRegister } from '../../../../functions/aws/dynamo/access-end-register.js';
import { mockedTable, TABLE } from '../../fakes/aws-mocks.js';

const { db, table } = mockedTable();
const register = new DynamoAccessEndRegister(table);
const POOL = 'us-east-1_Pool';
const BEN = '2025-02-01T00:00:00.000Z';
const CRUZ = '2025-03-01T00:00:00.000Z';

beforeEach(() => {
  db.reset();
  db.on(QueryCommand).resolves({
    Items: [
      { pk: `ACCESS#${POOL}`, sk: 'ben', accessEndsAt: BEN },
      { pk: `ACCESS#${POOL}`, sk: 'cruz', accessEndsAt: CRUZ },
    ],
  });
  db.on(BatchWriteCommand).resolves({});
  db.on(DeleteCommand).resolves({});
});

const written = () =>
  db
    .commandCalls(BatchWriteCommand)
    .flatMap((c) => c.args[0].input.RequestItems?.[TABLE] ?? [])
    .map((r) => r.PutRequest?.Item);
const deleted = () => db.commandCalls(DeleteCommand).map((c) => c.args[0].input.Key);

describe('DynamoDB access-end register', () => {
  it('tells when a person’s access ends, and nothing for someone it does not know', async () => {
    // No offboarding recorded an end for them.
    db.on(QueryCommand).resolves({ Items: [] });
    db.on(GetCommand).resolves({ Item: { pk: `ACCESS#${POOL}`, sk: 'ben', accessEndsAt: BEN } });
    expect(await register.accessEndsAt(POOL, 'ben')).toEqual(new Date(BEN));
    expect(db.commandCalls(GetCommand)[0]?.args[0].input.Key).toEqual({
      pk: `ACCESS#${POOL}`,
      sk: 'ben',
    });
    db.on(GetCommand).resolves({});
    expect(await register.accessEndsAt(POOL, 'ana')).toBeUndefined();
  });

  it('gives the earliest end when an offboarding recorded one beside the run’s', async () => {
    const offboarded = '2025-01-15T00:00:00.000Z';
    db.on(GetCommand).resolves({ Item: { pk: `ACCESS#${POOL}`, sk: 'ben', accessEndsAt: BEN } });
    db.on(QueryCommand).resolves({
      Items: [{ pk: `ACCESS#${POOL}#offboarding`, sk: 'ben ob-1', accessEndsAt: offboarded }],
    });
    expect(await register.accessEndsAt(POOL, 'ben')).toEqual(new Date(offboarded));
    expect(db.commandCalls(QueryCommand)[0]?.args[0].input.ExpressionAttributeValues).toEqual({
      ':pk': `ACCESS#${POOL}#offboarding`,
      ':prefix': 'ben ',
    });
  });

  it('writes only the access ends that are new or changed', async () => {
    const later = '2025-02-15T00:00:00.000Z';
    const eva = '2099-01-01T00:00:00.000Z';
    await register.recordAccessEnds(
      POOL,
      new Map([
        ['ben', new Date(later)],
        ['cruz', new Date(CRUZ)],
        ['eva', new Date(eva)],
      ]),
      false,
    );
    expect(written()).toEqual([
      { pk: `ACCESS#${POOL}`, sk: 'ben', accessEndsAt: later },
      { pk: `ACCESS#${POOL}`, sk: 'eva', accessEndsAt: eva },
    ]);
    expect(deleted()).toEqual([]);
  });

  it('forgets the people a complete feed no longer lists as leavers (a rehire)', async () => {
    await register.recordAccessEnds(POOL, new Map([['cruz', new Date(CRUZ)]]), true);
    expect(written()).toEqual([]);
    expect(deleted()).toEqual([{ pk: `ACCESS#${POOL}`, sk: 'ben' }]);
  });
});

import { BatchWriteCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { beforeEach, describe, expect, it } from 'vitest';
import { DynamoSourceMemory } from '../../../../functions/aws/dynamo/source-memory.js';
import { mockedTable, TABLE } from '../../fakes/aws-mocks.js';

const { db, table } = mockedTable();
const memory = new DynamoSourceMemory(table);
const POOL = 'us-east-1_Pool';
const SEEN = '2026-11-01T06:00:00.000Z';

beforeEach(() => {
  db.reset();
  db.on(QueryCommand).resolves({
    Items: [
      { pk: `SOURCE#${POOL}`, sk: 'DISABLED#sub-ben', actionId: 'a1', at: SEEN },
      { pk: `SOURCE#${POOL}`, sk: 'ORPHAN#sub-ops', firstSeen: SEEN },
    ],
  });
  db.on(BatchWriteCommand).resolves({});
});

describe('DynamoDB source memory', () => {
  it('remembers which accounts Warden disabled and when each orphan was first seen', async () => {
    expect(await memory.loadSourceState(POOL)).toEqual({
      disabledByWarden: new Map([['sub-ben', { actionId: 'a1', at: new Date(SEEN) }]]),
      orphanFirstSeen: new Map([['sub-ops', new Date(SEEN)]]),
      offboardedBy: new Map(),
    });
    expect(db.commandCalls(QueryCommand)[0]?.args[0].input.ExpressionAttributeValues).toEqual({
      ':pk': `SOURCE#${POOL}`,
    });
  });

  it('records new orphans with today’s date and keeps the first sighting of known ones', async () => {
    await memory.recordOrphansSeen(POOL, ['sub-ops', 'sub-new'], new Date('2026-11-29T12:00:00Z'));
    expect(db.commandCalls(BatchWriteCommand)[0]?.args[0].input.RequestItems?.[TABLE]).toEqual([
      {
        PutRequest: {
          Item: {
            pk: `SOURCE#${POOL}`,
            sk: 'ORPHAN#sub-new',
            firstSeen: '2026-11-29T12:00:00.000Z',
          },
        },
      },
    ]);
  });

  it('forgets first sightings of accounts that are no longer orphans', async () => {
    await memory.forgetOrphans(POOL, ['sub-ops']);
    expect(db.commandCalls(BatchWriteCommand)[0]?.args[0].input.RequestItems?.[TABLE]).toEqual([
      { DeleteRequest: { Key: { pk: `SOURCE#${POOL}`, sk: 'ORPHAN#sub-ops' } } },
    ]);
  });

  it('writes nothing when every orphan is already known', async () => {
    await memory.recordOrphansSeen(POOL, ['sub-ops'], new Date('2026-11-29T12:00:00Z'));
    expect(db.commandCalls(BatchWriteCommand)).toEqual([]);
  });
});

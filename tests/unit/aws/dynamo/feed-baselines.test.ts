import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { beforeEach, describe, expect, it } from 'vitest';
import { DynamoFeedBaselines } from '../../../../functions/aws/dynamo/feed-baselines.js';
import { mockedTable } from '../../fakes/aws-mocks.js';

const { db, table } = mockedTable();
const baselines = new DynamoFeedBaselines(table);
const BASELINE = {
  kind: 'roster' as const,
  records: 1200,
  runId: 'r-1',
  acceptedAt: new Date('2026-11-29T12:00:00Z'),
};

beforeEach(() => db.reset());

describe('DynamoDB feed baselines', () => {
  it('keeps the size of the last accepted feed of each kind, and gives it back', async () => {
    db.on(PutCommand).resolves({});
    await baselines.saveFeedBaseline(BASELINE);
    const item = db.commandCalls(PutCommand)[0]?.args[0].input.Item;
    expect(item).toEqual({
      pk: 'FEED#roster',
      sk: 'BASELINE',
      records: 1200,
      runId: 'r-1',
      acceptedAt: '2026-11-29T12:00:00.000Z',
    });
    db.on(GetCommand).resolves({ Item: item });
    expect(await baselines.getFeedBaseline('roster')).toEqual(BASELINE);
  });

  it('has no baseline before a feed of that kind was accepted', async () => {
    db.on(GetCommand).resolves({});
    expect(await baselines.getFeedBaseline('leavers')).toBeUndefined();
    expect(db.commandCalls(GetCommand)[0]?.args[0].input.Key).toEqual({
      pk: 'FEED#leavers',
      sk: 'BASELINE',
    });
  });
});

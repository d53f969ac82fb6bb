import { GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { beforeEach, describe, expect, it } from 'vitest';
import { dynamoReconcileStorage } from '../../../../functions/aws/dynamo/reconcile-storage.js';
import { mockedTable, TABLE } from '../../fakes/aws-mocks.js';

const { db, table } = mockedTable();
const storage = dynamoReconcileStorage(table);
const NOW = new Date('2026-11-29T12:00:00Z');

beforeEach(() => {
  db.reset();
  db.on(PutCommand).resolves({});
  db.on(GetCommand).resolves({});
  db.on(QueryCommand).resolves({ Items: [] });
});

describe('the storage of a reconciliation run', () => {
  it('keeps every role in the one governance table, each under its own keys', async () => {
    await storage.lock.acquire('reconcile', 'r-1', NOW, NOW);
    await storage.baselines.saveFeedBaseline({
      kind: 'roster',
      records: 3,
      runId: 'r-1',
      acceptedAt: NOW,
    });
    await storage.memory.loadSourceState('pool');
    await storage.journal.listPendingActions();
    expect(await storage.runs.getRun('r-1')).toBeUndefined();
    expect(await storage.accessEnds.accessEndsAt('pool', 'ana')).toBeUndefined();

    const written = db.commandCalls(PutCommand).map((c) => c.args[0].input);
    const read = db.commandCalls(GetCommand).map((c) => c.args[0].input);
    const queried = db.commandCalls(QueryCommand).map((c) => c.args[0].input);
    expect([...written, ...read, ...queried].every((input) => input.TableName === TABLE)).toBe(
      true,
    );
    expect(written.map((w) => w.Item?.pk)).toEqual(['LOCK#reconcile', 'FEED#roster']);
    expect(read.map((r) => r.Key?.pk)).toEqual(['RUNS', 'ACCESS#pool']);
    expect(queried.map((q) => q.ExpressionAttributeValues?.[':pk'])).toEqual([
      'SOURCE#pool',
      'PENDING',
      // Access ends an offboarding recorded live beside the run's own.
      'ACCESS#pool#offboarding',
    ]);
  });
});

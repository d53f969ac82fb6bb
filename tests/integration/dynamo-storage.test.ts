import { beforeAll, describe, expect, it } from 'vitest';
import { documentClient } from '../../functions/aws/clients/dynamodb.js';
import { DynamoAuditLog } from '../../functions/aws/dynamo/audit-log.js';
import { GovernanceTable } from '../../functions/aws/dynamo/governance-table.js';
import { dynamoReconcileStorage } from '../../functions/aws/dynamo/reconcile-storage.js';
import type { ActionIntent, ReconcileStorage } from '../../functions/core/reconcile/ports.js';
import { ITEM_KEY } from '../../functions/core/shared/table-keys.js';
import { localWarden } from './local-aws.js';

let storage: ReconcileStorage;
let audit: DynamoAuditLog;
let table: GovernanceTable;
const t = (iso: string) => new Date(iso);

beforeAll(async () => {
  const warden = await localWarden();
  table = new GovernanceTable(documentClient(), warden.resources.table);
  storage = dynamoReconcileStorage(table);
  audit = new DynamoAuditLog(table);
});

const intent = (actionId: string): ActionIntent => ({
  actionId,
  runId: 'run-1',
  kind: 'disable',
  source: 'pool-1',
  username: 'ricardo',
  accountKey: 'sub-r',
  reason: 'left on 2023-11-30',
  at: t('2026-11-29T10:00:00Z'),
});

describe('DynamoDB storage roles on the governance table', () => {
  it('a lock has one holder until released or expired', async () => {
    expect(
      await storage.lock.acquire('job', 'a', t('2026-01-01T00:00:00Z'), t('2026-01-01T00:20:00Z')),
    ).toBe(true);
    expect(
      await storage.lock.acquire('job', 'b', t('2026-01-01T00:10:00Z'), t('2026-01-01T00:30:00Z')),
    ).toBe(false);
    // Its holder may take it again, to extend it; another may not.
    expect(
      await storage.lock.acquire('job', 'a', t('2026-01-01T00:05:00Z'), t('2026-01-01T00:25:00Z')),
    ).toBe(true);
    expect(
      await storage.lock.acquire('job', 'b', t('2026-01-01T00:21:00Z'), t('2026-01-01T00:41:00Z')),
    ).toBe(false);
    await storage.lock.release('job', 'b'); // not the holder: no effect
    expect(
      await storage.lock.acquire('job', 'b', t('2026-01-01T00:11:00Z'), t('2026-01-01T00:31:00Z')),
    ).toBe(false);
    expect(
      await storage.lock.acquire('job', 'b', t('2026-01-01T00:26:00Z'), t('2026-01-01T00:46:00Z')),
    ).toBe(true);
    await storage.lock.release('job', 'b');
    expect(
      await storage.lock.acquire('job', 'c', t('2026-01-01T00:27:00Z'), t('2026-01-01T00:47:00Z')),
    ).toBe(true);
  });

  it('an action is audited exactly once, however often it is completed', async () => {
    expect(await storage.journal.beginAction(intent('act-1'))).toBe('new');
    expect(await storage.journal.listPendingActions()).toContain('act-1');
    await storage.journal.completeAction(intent('act-1'), {
      ok: true,
      at: t('2026-11-29T10:00:01Z'),
    });
    await storage.journal.completeAction(intent('act-1'), {
      ok: true,
      at: t('2026-11-29T10:00:02Z'),
    });
    expect(await storage.journal.beginAction(intent('act-1'))).toBe('done');
    expect(await audit.listAudit('pool-1', 'ricardo')).toEqual([
      {
        actionId: 'act-1',
        runId: 'run-1',
        kind: 'disable',
        source: 'pool-1',
        username: 'ricardo',
        reason: 'left on 2023-11-30',
        at: t('2026-11-29T10:00:01Z'),
      },
    ]);
    expect(await storage.journal.listPendingActions()).not.toContain('act-1');
    expect((await storage.memory.loadSourceState('pool-1')).disabledByWarden).toEqual(
      new Map([['sub-r', { actionId: 'act-1', at: t('2026-11-29T10:00:01Z') }]]),
    );
  });

  it('a failed action stays pending for the next run and is not audited', async () => {
    await storage.journal.beginAction(intent('act-2'));
    await storage.journal.completeAction(intent('act-2'), {
      ok: false,
      error: 'TooManyRequestsException',
      at: t('2026-11-29T10:00:03Z'),
    });
    expect(await storage.journal.listPendingActions()).toContain('act-2');
    expect((await audit.listAudit('pool-1', 'ricardo')).map((a) => a.actionId)).toEqual(['act-1']);
  });

  it('an action whose intent a crash kept from being written is finished by the next attempt', async () => {
    // The state a crash leaves between the pending marker and the intent.
    await table.put({ ...ITEM_KEY.pending('act-3'), runId: 'run-0' });
    expect(await storage.journal.listPendingActions()).toContain('act-3');
    expect(await storage.journal.beginAction(intent('act-3'))).toBe('new');
    await storage.journal.completeAction(intent('act-3'), {
      ok: true,
      at: t('2026-11-29T10:00:04Z'),
    });
    // A late failure of another attempt does not reopen it.
    await storage.journal.completeAction(intent('act-3'), {
      ok: false,
      error: 'TooManyRequestsException',
      at: t('2026-11-29T10:00:05Z'),
    });
    expect(await storage.journal.listPendingActions()).not.toContain('act-3');
    expect(await storage.journal.beginAction(intent('act-3'))).toBe('done');
    expect(await storage.journal.listPendingActions()).not.toContain('act-3');
    expect(
      (await audit.listAudit('pool-1', 'ricardo')).filter((a) => a.actionId === 'act-3'),
    ).toHaveLength(1);
  });

  it('remembers when an orphan was first seen, and keeps the first date', async () => {
    await storage.memory.recordOrphansSeen('pool-2', ['k1'], t('2026-11-01T00:00:00Z'));
    await storage.memory.recordOrphansSeen('pool-2', ['k1', 'k2'], t('2026-11-20T00:00:00Z'));
    const { orphanFirstSeen } = await storage.memory.loadSourceState('pool-2');
    expect(orphanFirstSeen).toEqual(
      new Map([
        ['k1', t('2026-11-01T00:00:00Z')],
        ['k2', t('2026-11-20T00:00:00Z')],
      ]),
    );
    await storage.memory.forgetOrphans('pool-2', ['k1']);
    expect((await storage.memory.loadSourceState('pool-2')).orphanFirstSeen).toEqual(
      new Map([['k2', t('2026-11-20T00:00:00Z')]]),
    );
  });

  it('keeps the last accepted feed size per kind', async () => {
    expect(await storage.baselines.getFeedBaseline('roster')).toBeUndefined();
    await storage.baselines.saveFeedBaseline({
      kind: 'roster',
      records: 320,
      runId: 'run-9',
      acceptedAt: t('2026-11-29T00:00:00Z'),
    });
    expect(await storage.baselines.getFeedBaseline('roster')).toEqual({
      kind: 'roster',
      records: 320,
      runId: 'run-9',
      acceptedAt: t('2026-11-29T00:00:00Z'),
    });
    expect(await storage.baselines.getFeedBaseline('leavers')).toBeUndefined();
  });

  it('stores more findings than one batch holds', async () => {
    const findings = Array.from({ length: 60 }, (_, i) => ({
      source: 'pool-1',
      username: `u${i}`,
      accountKey: `k${i}`,
      enabled: true,
      situation: 'active' as const,
      match: 'employee_id' as const,
      action: 'none' as const,
      reason: 'active in HR',
    }));
    await storage.runs.saveFindings('run-7', findings);
    expect((await storage.runs.listFindings('run-7')).map((f) => f.username).sort()).toEqual(
      findings.map((f) => f.username).sort(),
    );
  });
});

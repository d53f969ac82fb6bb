import { beforeAll, describe, expect, it } from 'vitest';
import { documentClient } from '../../functions/aws/clients.js';
import { DynamoGovernanceStore } from '../../functions/aws/dynamo-governance-store.js';
import type { ActionIntent } from '../../functions/core/ports.js';
import { localWarden } from './local-aws.js';

let store: DynamoGovernanceStore;
const t = (iso: string) => new Date(iso);

beforeAll(async () => {
  const warden = await localWarden();
  store = new DynamoGovernanceStore(documentClient(), warden.resources.table);
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

describe('DynamoDB governance store', () => {
  it('a lock has one holder until released or expired', async () => {
    expect(
      await store.acquireLock('job', 'a', t('2026-01-01T00:00:00Z'), t('2026-01-01T00:20:00Z')),
    ).toBe(true);
    expect(
      await store.acquireLock('job', 'b', t('2026-01-01T00:10:00Z'), t('2026-01-01T00:30:00Z')),
    ).toBe(false);
    await store.releaseLock('job', 'b'); // not the holder: no effect
    expect(
      await store.acquireLock('job', 'b', t('2026-01-01T00:11:00Z'), t('2026-01-01T00:31:00Z')),
    ).toBe(false);
    expect(
      await store.acquireLock('job', 'b', t('2026-01-01T00:21:00Z'), t('2026-01-01T00:41:00Z')),
    ).toBe(true);
    await store.releaseLock('job', 'b');
    expect(
      await store.acquireLock('job', 'c', t('2026-01-01T00:22:00Z'), t('2026-01-01T00:42:00Z')),
    ).toBe(true);
  });

  it('an action is audited exactly once, however often it is completed', async () => {
    expect(await store.beginAction(intent('act-1'))).toBe('new');
    expect(await store.listPendingActions()).toContain('act-1');
    await store.completeAction(intent('act-1'), { ok: true, at: t('2026-11-29T10:00:01Z') });
    await store.completeAction(intent('act-1'), { ok: true, at: t('2026-11-29T10:00:02Z') });
    expect(await store.beginAction(intent('act-1'))).toBe('done');
    expect(await store.listAudit('pool-1', 'ricardo')).toEqual([
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
    expect(await store.listPendingActions()).not.toContain('act-1');
    expect((await store.loadSourceState('pool-1')).disabledByWarden).toEqual(new Set(['sub-r']));
  });

  it('a failed action stays pending for the next run and is not audited', async () => {
    await store.beginAction(intent('act-2'));
    await store.completeAction(intent('act-2'), {
      ok: false,
      error: 'TooManyRequestsException',
      at: t('2026-11-29T10:00:03Z'),
    });
    expect(await store.listPendingActions()).toContain('act-2');
    expect((await store.listAudit('pool-1', 'ricardo')).map((a) => a.actionId)).toEqual(['act-1']);
  });

  it('remembers when an orphan was first seen, and keeps the first date', async () => {
    await store.recordOrphansSeen('pool-2', ['k1'], t('2026-11-01T00:00:00Z'));
    await store.recordOrphansSeen('pool-2', ['k1', 'k2'], t('2026-11-20T00:00:00Z'));
    const { orphanFirstSeen } = await store.loadSourceState('pool-2');
    expect(orphanFirstSeen).toEqual(
      new Map([
        ['k1', t('2026-11-01T00:00:00Z')],
        ['k2', t('2026-11-20T00:00:00Z')],
      ]),
    );
  });

  it('keeps the last accepted feed size per kind', async () => {
    expect(await store.getFeedBaseline('roster')).toBeUndefined();
    await store.saveFeedBaseline({
      kind: 'roster',
      records: 320,
      runId: 'run-9',
      acceptedAt: t('2026-11-29T00:00:00Z'),
    });
    expect(await store.getFeedBaseline('roster')).toEqual({
      kind: 'roster',
      records: 320,
      runId: 'run-9',
      acceptedAt: t('2026-11-29T00:00:00Z'),
    });
    expect(await store.getFeedBaseline('leavers')).toBeUndefined();
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
    await store.saveFindings('run-7', findings);
    expect((await store.listFindings('run-7')).map((f) => f.username).sort()).toEqual(
      findings.map((f) => f.username).sort(),
    );
  });
});

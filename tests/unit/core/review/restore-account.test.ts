import { beforeEach, describe, expect, it, vi } from 'vitest';
import { NotFoundError, RestoreRefusedError } from '../../../../functions/core/review/errors.js';
import { restoreAccount } from '../../../../functions/core/review/restore-account.js';
import { InvalidInputError, WardenError } from '../../../../functions/core/shared/errors.js';
import { account } from '../../fakes/builders.js';
import {
  MemoryAdminAudit,
  MemoryGovernedPool,
  MemoryLedger,
  MemoryRunHistory,
  reviewRun,
  storedFinding,
} from '../../fakes/memory-review.js';
import { FixedClock } from '../../fakes/memory-services.js';

const NOW = new Date('2026-11-30T12:00:00Z');
const ADMIN = 'arn:aws:iam::111122223333:user/it-admin';
let pool: MemoryGovernedPool;
let ledger: MemoryLedger;
let runs: MemoryRunHistory;
let audit: MemoryAdminAudit;
const deps = () => ({
  pools: [pool],
  ledger,
  trail: ledger,
  runs,
  audit,
  clock: new FixedClock(NOW),
});
const disable = (username: string, actionId: string, iso: string) =>
  ledger.audit({
    actionId,
    runId: 'r-1',
    kind: 'disable',
    source: 'pool-a',
    username,
    reason: 'orphan',
    at: new Date(iso),
  });
const request = (username: string, extra: Record<string, string> = {}) => ({
  source: 'pool-a',
  username,
  reason: 'wrongly disabled',
  actor: ADMIN,
  ...extra,
});

beforeEach(async () => {
  pool = new MemoryGovernedPool('pool-a', [
    account('ana', { source: 'pool-a', enabled: false }),
    account('ben', { source: 'pool-a', enabled: false }),
    account('cai', { source: 'pool-a', enabled: true }),
    account('<svg/onload=alert(1)>', { source: 'pool-a', enabled: false }),
  ]);
  ledger = new MemoryLedger();
  runs = new MemoryRunHistory();
  audit = new MemoryAdminAudit();
  await runs.saveRun(
    reviewRun('r-1', '2026-11-30T02:00:00Z', { reports: { json: 'j', csv: 'c' } }),
  );
  await runs.saveFindings('r-1', [
    storedFinding('ana', 'orphan', { outcome: 'disabled' }),
    storedFinding('ben', 'leaver', { outcome: 'disabled' }),
  ]);
});

describe('restoring an account Warden disabled', () => {
  it('re-enables it, forgets every disable since the last restore, audits it, and warns it may be disabled again', async () => {
    disable('ana', 'act-old', '2026-10-01T00:00:00Z');
    ledger.audit({
      actionId: 'restore-0',
      runId: 'restore-0',
      kind: 'restore',
      source: 'pool-a',
      username: 'ana',
      reason: 'x',
      at: new Date('2026-10-02T00:00:00Z'),
    });
    disable('ana', 'act-ana', '2026-11-30T02:00:00Z');
    ledger.marksOf.set('pool-a/sub-ana', { disabledBy: 'act-ana' });

    const result = await restoreAccount(request('ana'), deps());
    expect(result).toMatchObject({ outcome: 'enabled', overridden: [], liftedAccessEnds: 0 });
    expect(result.warnings[0]).toMatch(/the last run found the account orphan/);
    expect(pool.enabled).toEqual(['ana']);
    expect(ledger.restores[0]).toMatchObject({ disableActionIds: ['act-ana'], actor: ADMIN });
    expect(ledger.restores[0]?.liftAccessEnds).toBeUndefined();
    expect(audit.entries).toEqual([
      expect.objectContaining({
        action: 'account.restore',
        target: 'pool-a/ana',
        outcome: 'enabled',
      }),
    ]);
    // Restored: Warden has not disabled it since, so a second restore is refused.
    await expect(restoreAccount(request('ana'), deps())).rejects.toThrow(
      /was last changed by a restore/,
    );
  });

  it('refuses a current leaver or an offboarded person without an override reason, and audits the refusal', async () => {
    disable('ben', 'act-ben', '2026-11-30T02:00:00Z');
    ledger.marksOf.set('pool-a/sub-ben', { disabledBy: 'act-ben', offboardedBy: 'off-1' });
    ledger.reconciliationEnds.set('pool-a/ben', new Date('2026-11-29T00:00:00Z'));
    ledger.offboardingEnds.set('pool-a/ben', [
      { offboardingId: 'off-1', at: new Date('2026-11-29T00:00:00Z') },
    ]);

    const refused = await restoreAccount(request('ben'), deps()).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(RestoreRefusedError);
    expect((refused as RestoreRefusedError).needsOverride).toBe(true);
    expect((refused as Error).message).toMatch(
      /offboarded \(off-1\).*a leaver.*lists the account as leaver/,
    );
    expect(pool.enabled).toEqual([]);
    expect(audit.entries[0]?.outcome).toBe('refused');

    const result = await restoreAccount(
      request('ben', { overrideReason: 'HR rehired her' }),
      deps(),
    );
    expect(result.overridden).toHaveLength(3);
    expect(result.liftedAccessEnds).toBe(2);
    expect(result.warnings).toHaveLength(2);
    expect(ledger.restores[0]?.liftAccessEnds).toEqual({
      offboardingIds: ['off-1'],
      reconciliation: true,
    });
    expect(audit.entries[1]).toMatchObject({
      overrideReason: 'HR rehired her',
      outcome: 'enabled',
    });
  });

  it('counts an offboarding access end even when the account holds no offboarding mark', async () => {
    disable('<svg/onload=alert(1)>', 'act-x', '2026-11-30T02:00:00Z');
    ledger.offboardingEnds.set('pool-a/<svg/onload=alert(1)>', [
      { offboardingId: 'off-2', at: NOW },
    ]);
    await expect(restoreAccount(request('<svg/onload=alert(1)>'), deps())).rejects.toThrow(
      /an offboarding ended the person's access \(off-2\)/,
    );
  });

  it('finishes a restore interrupted after the account was enabled', async () => {
    disable('cai', 'act-cai', '2026-11-30T02:00:00Z');
    const result = await restoreAccount(request('cai'), deps());
    expect(result.outcome).toBe('already_enabled');
    expect(pool.enabled).toEqual([]);
    expect(ledger.restores).toHaveLength(1);
  });

  it('refuses what Warden never disabled, unknown pools and accounts, and a missing reason', async () => {
    await expect(restoreAccount(request('ana'), deps())).rejects.toThrow(/Warden never disabled/);
    await expect(restoreAccount({ ...request('ana'), source: 'pool-z' }, deps())).rejects.toThrow(
      NotFoundError,
    );
    await expect(restoreAccount(request('zed'), deps())).rejects.toThrow(NotFoundError);
    await expect(restoreAccount({ ...request('ana'), reason: ' ' }, deps())).rejects.toThrow(
      InvalidInputError,
    );
    // Refusals of a valid request are audited; invalid input names no action to audit.
    expect(audit.entries.map((e) => [e.target, e.action, e.outcome])).toEqual([
      ['pool-a/ana', 'account.restore', 'refused'],
      ['pool-z/ana', 'account.restore', 'refused'],
      ['pool-a/zed', 'account.restore', 'refused'],
    ]);
  });

  it('lets a failure to read the trail through, not audited as a refusal', async () => {
    vi.spyOn(ledger, 'listAudit').mockRejectedValue(new Error('read timed out'));
    await expect(restoreAccount(request('ana'), deps())).rejects.toThrow('read timed out');
    expect(audit.entries).toEqual([]);
  });

  it('audits a restore that failed part-way', async () => {
    disable('ana', 'act-ana', '2026-11-30T02:00:00Z');
    ledger.failWith = new WardenError('transaction cancelled');
    await expect(restoreAccount(request('ana'), deps())).rejects.toThrow('transaction cancelled');
    expect(audit.entries[0]?.outcome).toBe('failed: WardenError');
  });
});

describe('restoring an account, rule by rule', () => {
  /** The error a restore is refused with; fails the test if the restore goes through. */
  const refusal = (username: string, extra: Record<string, string> = {}): Promise<Error> =>
    restoreAccount(request(username, extra), deps()).then(
      () => {
        throw new Error(`expected the restore of ${username} to be refused`);
      },
      (e: unknown) => e as Error,
    );

  it('names the missing reason, override reason, pool or account', async () => {
    await expect(restoreAccount({ ...request('ana'), reason: ' ' }, deps())).rejects.toThrow(
      'invalid restore: reason: is required: say why the account is restored; it is audited',
    );
    await expect(restoreAccount(request('ana', { overrideReason: ' ' }), deps())).rejects.toThrow(
      'invalid restore: overrideReason: is required: say why the rules are overridden',
    );
    await expect(restoreAccount({ ...request('ana'), source: 'pool-z' }, deps())).rejects.toThrow(
      'pool-z is not a user pool Warden governs',
    );
    await expect(restoreAccount(request('zed'), deps())).rejects.toThrow(
      'no account zed in pool-a',
    );
  });

  it('refuses for good what Warden did not disable, naming its last change', async () => {
    const never = (await refusal('ana')) as RestoreRefusedError;
    expect(never.message).toBe(
      'Warden never disabled pool-a/ana; enable it in the user pool if it must be',
    );
    expect(never.needsOverride).toBe(false);
    disable('ana', 'act-ana', '2026-11-30T02:00:00Z');
    await restoreAccount(request('ana'), deps());
    const again = (await refusal('ana')) as RestoreRefusedError;
    expect(again.message).toBe(
      'pool-a/ana was last changed by a restore at 2026-11-30T12:00:00.000Z; Warden has not disabled it since',
    );
    expect(again.needsOverride).toBe(false);
  });

  it('refuses a leaver with every rule that applies, in one message', async () => {
    disable('ben', 'act-ben', '2026-11-30T02:00:00Z');
    ledger.marksOf.set('pool-a/sub-ben', { disabledBy: 'act-ben', offboardedBy: 'off-1' });
    ledger.reconciliationEnds.set('pool-a/ben', NOW);
    expect((await refusal('ben')).message).toBe(
      "pool-a/ben is not restored: the person was offboarded (off-1); the person's access ended at 2026-11-30T12:00:00.000Z (a leaver); run r-1 lists the account as leaver. An admin may restore it with an override reason.",
    );
  });

  it('refuses an account the last run found already disabled as a leaver', async () => {
    await runs.saveFindings('r-1', [storedFinding('ben', 'leaver_disabled', { enabled: false })]);
    disable('ben', 'act-ben', '2026-11-30T02:00:00Z');
    expect((await refusal('ben')).message).toMatch(
      /: run r-1 lists the account as leaver_disabled\. /,
    );
  });

  it('lets an access end still to come stand, with no override needed', async () => {
    disable('cai', 'act-cai', '2026-11-30T02:00:00Z');
    ledger.reconciliationEnds.set('pool-a/cai', new Date('2026-12-01T00:00:00Z'));
    const result = await restoreAccount(request('cai'), deps());
    expect(result).toMatchObject({ overridden: [], liftedAccessEnds: 0, warnings: [] });
    expect(ledger.reconciliationEnds.has('pool-a/cai')).toBe(true);
  });

  it('lifts only the access ends there are when overriding, and records the override reason', async () => {
    disable('cai', 'act-cai', '2026-11-30T02:00:00Z');
    ledger.offboardingEnds.set('pool-a/cai', [
      { offboardingId: 'off-2', at: NOW },
      { offboardingId: 'off-3', at: NOW },
    ]);
    expect((await refusal('cai')).message).toContain(
      "an offboarding ended the person's access (off-2, off-3)",
    );
    const result = await restoreAccount(
      request('cai', { overrideReason: 'HR reversed both offboardings' }),
      deps(),
    );
    expect(result.liftedAccessEnds).toBe(2);
    expect(result.warnings).toEqual([
      "the person's access ends were lifted: the sign-in triggers let them in again until a new offboarding or run records one",
    ]);
    expect(ledger.restores[0]).toMatchObject({
      overrideReason: 'HR reversed both offboardings',
      liftAccessEnds: { offboardingIds: ['off-2', 'off-3'], reconciliation: false },
    });
  });

  it('restores before any run has planned, with no standing to warn about', async () => {
    runs = new MemoryRunHistory();
    disable('ana', 'act-ana', '2026-11-30T02:00:00Z');
    const result = await restoreAccount(request('ana'), deps());
    expect(result).toMatchObject({ outcome: 'enabled', overridden: [], warnings: [] });
  });

  it('names a restore by the disable it undoes: the same id when retried, another for another account', async () => {
    disable('ana', 'act-ana', '2026-11-30T02:00:00Z');
    disable('cai', 'act-cai', '2026-11-30T02:00:00Z');
    ledger.failWith = new WardenError('transaction cancelled');
    await expect(restoreAccount(request('ana'), deps())).rejects.toThrow('transaction cancelled');
    ledger.failWith = undefined;
    const ana = await restoreAccount(request('ana'), deps());
    const cai = await restoreAccount(request('cai'), deps());
    expect(ana.restoreId).toMatch(/^restore-[0-9a-f]{24}$/);
    expect(audit.entries.map((e) => e.id)).toEqual([ana.restoreId, ana.restoreId, cai.restoreId]);
    expect(cai.restoreId).not.toBe(ana.restoreId);
  });
});

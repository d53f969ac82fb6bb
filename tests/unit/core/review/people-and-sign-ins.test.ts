import { beforeEach, describe, expect, it } from 'vitest';
import type { SignInDecisionEntry } from '../../../../functions/core/geo/ports.js';
import { findPerson } from '../../../../functions/core/review/find-person.js';
import { recentSignIns } from '../../../../functions/core/review/recent-sign-ins.js';
import { InvalidInputError } from '../../../../functions/core/shared/errors.js';
import { account } from '../../fakes/builders.js';
import { MemorySignInLog } from '../../fakes/memory-geo.js';
import { MemoryAccountIndex, MemoryOffboardingStore } from '../../fakes/memory-offboarding.js';
import {
  MemoryGovernedPool,
  MemoryLedger,
  MemoryRunHistory,
  MemorySignInHistory,
  reviewRun,
  storedFinding,
} from '../../fakes/memory-review.js';
import { FixedClock } from '../../fakes/memory-services.js';

const NOW = new Date('2026-11-30T12:00:00Z');
const decision = (iso: string, fields: Partial<SignInDecisionEntry> = {}): SignInDecisionEntry => ({
  source: 'pool-a',
  username: 'ana',
  at: new Date(iso),
  outcome: 'allowed',
  country: 'ES',
  rule: 'default',
  reason: 'allowed country',
  ip: '88.1.1.1',
  ...fields,
});

describe('finding a person', () => {
  let deps: Parameters<typeof findPerson>[1];
  const ANA_A = account('ana', { source: 'pool-a', email: 'Ana@Example.org', employeeId: 'E1' });
  const ANA_B = account('ana.l', { source: 'pool-b', employeeId: 'E1', enabled: false });
  beforeEach(async () => {
    const index = new MemoryAccountIndex();
    index.link('E1', ANA_A);
    index.link('E1', ANA_B);
    const runs = new MemoryRunHistory();
    await runs.saveRun(
      reviewRun('r-1', '2026-11-30T02:00:00Z', { reports: { json: 'j', csv: 'c' } }),
    );
    await runs.saveFindings('r-1', [storedFinding('ana.l', 'leaver', { source: 'pool-b' })]);
    const ledger = new MemoryLedger();
    ledger.reconciliationEnds.set('pool-b/ana.l', new Date('2026-11-29T00:00:00Z'));
    ledger.offboardingEnds.set('pool-b/ana.l', [
      { offboardingId: 'off-1', at: new Date('2026-11-28T00:00:00Z') },
    ]);
    ledger.audit({
      actionId: 'act-1',
      runId: 'r-1',
      kind: 'disable',
      source: 'pool-b',
      username: 'ana.l',
      reason: 'left',
      at: new Date('2026-11-30T02:00:01Z'),
    });
    const signIns = new MemorySignInLog();
    await signIns.recordDecision(
      decision('2026-11-30T03:00:00Z', { outcome: 'denied', country: 'RU', rule: 'press' }),
    );
    const offboardings = new MemoryOffboardingStore();
    await offboardings.create({
      id: 'off-1',
      employeeId: 'E1',
      effectiveAt: new Date('2026-11-28T00:00:00Z'),
      reason: 'left',
      requestedBy: 'hr',
      requestedAt: new Date('2026-11-27T00:00:00Z'),
      status: 'done',
      origin: 'hr',
      accounts: [],
      flagged: [],
      warnings: [],
      history: [],
    });
    deps = {
      pools: [new MemoryGovernedPool('pool-a', [ANA_A]), new MemoryGovernedPool('pool-b', [ANA_B])],
      index,
      offboardings,
      ledger,
      trail: ledger,
      signIns,
      runs,
    };
  });

  it('by employee id: every account, where the last run put it, the access end, offboardings and the trail', async () => {
    const person = await findPerson({ query: 'E1' }, deps);
    expect(person.employeeIds).toEqual(['E1']);
    expect(person.accounts).toEqual([
      expect.objectContaining({
        source: 'pool-a',
        username: 'ana',
        accessEndsAt: null,
        lastRun: expect.objectContaining({ situation: 'active' }),
      }),
      expect.objectContaining({
        source: 'pool-b',
        username: 'ana.l',
        enabled: false,
        accessEndsAt: '2026-11-28T00:00:00.000Z',
        lastRun: { runId: 'r-1', situation: 'leaver', reason: 'leaver reason' },
      }),
    ]);
    expect(person.offboardings.map((o) => o.id)).toEqual(['off-1']);
    expect(person.trail.map((t) => [t.type, t.at])).toEqual([
      ['sign-in', '2026-11-30T03:00:00.000Z'],
      ['change', '2026-11-30T02:00:01.000Z'],
    ]);
    expect(person.trail[0]).toMatchObject({ country: 'RU', rule: 'press', outcome: 'denied' });
    expect(person.lastRun).toEqual({ runId: 'r-1', startedAt: '2026-11-30T02:00:00.000Z' });
  });

  it('by email or username, then every account linked to the same employee id', async () => {
    expect((await findPerson({ query: 'ana@example.org' }, deps)).accounts).toHaveLength(2);
    expect((await findPerson({ query: 'ana', by: 'username' }, deps)).accounts).toHaveLength(2);
    expect(await findPerson({ query: 'nobody' }, deps)).toMatchObject({
      accounts: [],
      employeeIds: [],
    });
    await expect(findPerson({ query: ' ' }, deps)).rejects.toThrow(InvalidInputError);
  });
});

describe('recent sign-ins', () => {
  it('filters and pages, and never returns the address', async () => {
    const history = new MemorySignInHistory([
      decision('2026-11-30T09:00:00Z', { outcome: 'denied', country: 'RU' }),
      decision('2026-11-30T10:00:00Z'),
      decision('2026-11-30T11:00:00Z', { outcome: 'denied', country: 'RU' }),
    ]);
    const deps = { signIns: history, clock: new FixedClock(NOW) };
    const page = await recentSignIns(
      { country: 'ru', outcome: 'denied', limit: '1' as never },
      deps,
    );
    expect(page.decisions).toEqual([
      {
        source: 'pool-a',
        username: 'ana',
        at: '2026-11-30T11:00:00.000Z',
        outcome: 'denied',
        country: 'RU',
        rule: 'default',
        reason: 'allowed country',
      },
    ]);
    expect(page.next).not.toBeNull();
    const rest = await recentSignIns(
      { country: 'RU', outcome: 'denied', limit: 1, after: page.next ?? '' },
      deps,
    );
    expect(rest).toMatchObject({ decisions: [{ at: '2026-11-30T09:00:00.000Z' }], next: null });
    expect(history.queries[0]).toMatchObject({ days: 30, country: 'RU' });
    await expect(recentSignIns({ country: 'Spain' }, deps)).rejects.toThrow(
      /two-letter country code/,
    );
  });
});

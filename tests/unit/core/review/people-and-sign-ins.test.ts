import { beforeEach, describe, expect, it } from 'vitest';
import type { Account } from '../../../../functions/core/account.js';
import type { SignInDecisionEntry } from '../../../../functions/core/geo/ports.js';
import type { Offboarding } from '../../../../functions/core/offboarding/offboarding.js';
import { findPerson, type PersonQuery } from '../../../../functions/core/review/find-person.js';
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

/** An offboarding HR asked for, carried out before the tests look. */
const doneOffboarding = (id: string, employeeId: string): Offboarding => ({
  id,
  employeeId,
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
    await offboardings.create(doneOffboarding('off-1', 'E1'));
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

describe('finding a person, rule by rule', () => {
  const RUN_START = '2026-11-30T02:00:00Z';

  /** Counts the live reads of each account, as the pool's API would be called. */
  class CountingPool extends MemoryGovernedPool {
    readonly reads: string[] = [];
    override byUsername(username: string) {
      this.reads.push(username);
      return super.byUsername(username);
    }
  }

  async function world(
    pools: Record<string, Account[]>,
    employees: Record<string, string[]> = {},
  ): Promise<Parameters<typeof findPerson>[1]> {
    const index = new MemoryAccountIndex();
    for (const accounts of Object.values(pools)) {
      for (const a of accounts) if (a.employeeId) index.link(a.employeeId, a);
    }
    const runs = new MemoryRunHistory();
    await runs.saveRun(reviewRun('r-1', RUN_START, { reports: { json: 'j', csv: 'c' } }));
    const offboardings = new MemoryOffboardingStore();
    for (const [employeeId, ids] of Object.entries(employees)) {
      for (const id of ids) {
        await offboardings.create(doneOffboarding(id, employeeId));
      }
    }
    const ledger = new MemoryLedger();
    return {
      pools: Object.entries(pools).map(([source, accounts]) => new CountingPool(source, accounts)),
      index,
      offboardings,
      ledger,
      trail: ledger,
      signIns: new MemorySignInLog(),
      runs,
    };
  }

  it('names an empty query in the person search', async () => {
    await expect(findPerson({ query: ' ' }, await world({}))).rejects.toThrow(
      'invalid person search: query: is required: an employee id, a username or an email',
    );
  });

  it('lists the accounts by pool, then username; one created after the last run has no standing in it', async () => {
    const deps = await world({
      'pool-b': [
        account('alex', {
          source: 'pool-b',
          employeeId: 'E1',
          createdAt: new Date('2026-11-30T02:00:01Z'),
        }),
      ],
      'pool-a': [
        account('zoe', {
          source: 'pool-a',
          employeeId: 'E1',
          createdAt: new Date('2026-11-01T00:00:00Z'),
        }),
        account('mia', { source: 'pool-a', employeeId: 'E1', createdAt: new Date(RUN_START) }),
      ],
    });
    const active = {
      runId: 'r-1',
      situation: 'active',
      reason: 'active in HR (not among the findings kept for review)',
    };
    // The index hands the accounts over out of order.
    const index = new MemoryAccountIndex();
    for (const [source, username] of [
      ['pool-a', 'mia'],
      ['pool-b', 'alex'],
      ['pool-a', 'zoe'],
    ] as const) {
      index.link('E1', account(username, { source, employeeId: 'E1' }));
    }
    deps.index = index;
    const person = await findPerson({ query: 'E1', by: 'employeeId' }, deps);
    expect(person.accounts.map((a) => [a.source, a.username, a.lastRun])).toEqual([
      ['pool-a', 'mia', active],
      ['pool-a', 'zoe', active],
      ['pool-b', 'alex', null],
    ]);
  });

  it('by employee id: their offboardings even when no account is left, and no one else’s', async () => {
    const deps = await world({ 'pool-a': [] }, { E7: ['off-7'], E2: ['off-2'] });
    const person = await findPerson({ query: 'E7', by: 'employeeId' }, deps);
    expect(person.employeeIds).toEqual(['E7']);
    expect(person.accounts).toEqual([]);
    expect(person.offboardings.map((o) => o.id)).toEqual(['off-7']);
  });

  it('looks only where `by` says, and tries a plain query as a username and an employee id', async () => {
    const deps = await world({
      'pool-a': [
        account('ana@example.org', {
          source: 'pool-a',
          employeeId: 'E3',
          email: 'old@example.org',
        }),
        account('bo', { source: 'pool-a', employeeId: 'E4', email: 'ana@example.org' }),
        account('carl', { source: 'pool-a', employeeId: 'E5' }),
      ],
    });
    const usernames = async (query: PersonQuery) =>
      (await findPerson(query, deps)).accounts.map((a) => a.username);
    expect(await usernames({ query: 'ana@example.org', by: 'username' })).toEqual([
      'ana@example.org',
    ]);
    expect(await usernames({ query: 'ana@example.org' })).toEqual(['bo']);
    expect(await usernames({ query: 'ana@example.org', by: 'email' })).toEqual(['bo']);
    expect(await usernames({ query: 'E5', by: 'username' })).toEqual([]);
    expect(await usernames({ query: 'carl', by: 'employeeId' })).toEqual([]);
    expect(await usernames({ query: 'carl' })).toEqual(['carl']);
    expect(await usernames({ query: 'E5' })).toEqual(['carl']);
  });

  it('gathers the sorted employee ids of the accounts found, and reads each account once', async () => {
    const deps = await world({
      'pool-a': [account('ana', { source: 'pool-a', employeeId: 'E2' })],
      'pool-b': [account('ana', { source: 'pool-b', employeeId: 'E1' })],
      'pool-c': [account('ana', { source: 'pool-c' })],
    });
    const person = await findPerson({ query: 'ana', by: 'username' }, deps);
    expect(person.employeeIds).toEqual(['E1', 'E2']);
    expect(person.accounts.map((a) => [a.source, a.employeeId])).toEqual([
      ['pool-a', 'E2'],
      ['pool-b', 'E1'],
      ['pool-c', null],
    ]);
    expect(deps.pools.map((p) => (p as CountingPool).reads)).toEqual([['ana'], ['ana'], ['ana']]);
  });

  it('merges the trails of all accounts, newest first, with who made each change', async () => {
    const deps = await world({
      'pool-a': [account('ana', { source: 'pool-a', employeeId: 'E1' })],
      'pool-b': [account('ana.l', { source: 'pool-b', employeeId: 'E1' })],
    });
    const ledger = deps.ledger as MemoryLedger;
    const change = (source: string, username: string, iso: string, actor?: string) =>
      ledger.audit({
        actionId: `act-${iso}`,
        runId: 'r-1',
        kind: actor ? 'restore' : 'disable',
        source,
        username,
        reason: 'why',
        at: new Date(iso),
        ...(actor ? { actor } : {}),
      });
    change('pool-a', 'ana', '2026-11-30T05:00:00Z', 'arn:aws:iam::123456789012:role/it-admin');
    change('pool-b', 'ana.l', '2026-11-30T03:00:00Z');
    await (deps.signIns as MemorySignInLog).recordDecision(
      decision('2026-11-30T01:00:00Z', { source: 'pool-a', username: 'ana' }),
    );
    const { trail } = await findPerson({ query: 'E1' }, deps);
    expect(
      trail.map((t) => [t.type, t.source, t.at, t.type === 'change' ? t.actor : t.outcome]),
    ).toEqual([
      ['change', 'pool-a', '2026-11-30T05:00:00.000Z', 'arn:aws:iam::123456789012:role/it-admin'],
      ['change', 'pool-b', '2026-11-30T03:00:00.000Z', null],
      ['sign-in', 'pool-a', '2026-11-30T01:00:00.000Z', 'allowed'],
    ]);
  });
});

describe('a recent sign-ins query', () => {
  const history = () => new MemorySignInHistory([]);

  it('passes every filter on, trimmed and with the country in capitals', async () => {
    const signIns = history();
    await recentSignIns(
      { limit: 20, after: '40', country: ' es ', rule: ' press ', outcome: 'denied', days: 90 },
      { signIns, clock: new FixedClock(NOW) },
    );
    await recentSignIns({ country: 'unknown' }, { signIns, clock: new FixedClock(NOW) });
    expect(signIns.queries).toEqual([
      { limit: 20, after: '40', country: 'ES', rule: 'press', outcome: 'denied', days: 90 },
      { limit: 50, country: 'unknown', days: 30 },
    ]);
  });

  it('names the query and the field in its error', async () => {
    await expect(
      recentSignIns({ country: 'Spain' }, { signIns: history(), clock: new FixedClock(NOW) }),
    ).rejects.toThrow(
      'invalid sign-ins query: country: must be a two-letter country code or "unknown"',
    );
  });
});

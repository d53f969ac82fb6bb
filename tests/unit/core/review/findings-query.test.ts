import { describe, expect, it } from 'vitest';
import { reportFinding } from '../../../../functions/core/reconcile/render-report.js';
import {
  DEFAULT_FINDINGS_QUERY,
  queryFindings,
} from '../../../../functions/core/review/findings-query.js';
import { parseFindingsQuery } from '../../../../functions/core/review/findings-query-input.js';
import { InvalidInputError } from '../../../../functions/core/shared/errors.js';
import { storedFinding } from '../../fakes/memory-review.js';

const FINDINGS = [
  storedFinding('dan', 'active'),
  storedFinding('ana', 'orphan', { source: 'pool-b', outcome: 'disabled' }),
  storedFinding('ben', 'leaver', { outcome: 'failed' }),
  storedFinding('cai', 'leaver', { employeeId: 'E-777' }),
].map(reportFinding);

const query = (fields: Partial<typeof DEFAULT_FINDINGS_QUERY>) => ({
  ...DEFAULT_FINDINGS_QUERY,
  ...fields,
});

describe('the findings table', () => {
  it('sorts by what needs attention first, then by username', () => {
    const page = queryFindings(FINDINGS, DEFAULT_FINDINGS_QUERY);
    expect(page.rows.map((f) => f.username)).toEqual(['ben', 'cai', 'ana', 'dan']);
    expect(page).toMatchObject({ total: 4, matched: 4, pages: 1, pools: ['pool-a', 'pool-b'] });
  });

  it('sorts by any column, either way', () => {
    expect(
      queryFindings(FINDINGS, query({ sort: 'username', order: 'desc' })).rows.map(
        (f) => f.username,
      ),
    ).toEqual(['dan', 'cai', 'ben', 'ana']);
    expect(queryFindings(FINDINGS, query({ sort: 'source' })).rows.map((f) => f.username)).toEqual([
      'ben',
      'cai',
      'dan',
      'ana',
    ]);
  });

  it('filters by situation, pool, action and outcome, and searches usernames, ids and reasons', () => {
    const names = (q: Partial<typeof DEFAULT_FINDINGS_QUERY>) =>
      queryFindings(FINDINGS, query(q)).rows.map((f) => f.username);
    expect(names({ situation: ['leaver', 'active'] })).toEqual(['ben', 'cai', 'dan']);
    expect(names({ pool: 'pool-b' })).toEqual(['ana']);
    expect(names({ action: 'none' })).toEqual(['dan']);
    expect(names({ outcome: 'failed' })).toEqual(['ben']);
    expect(names({ search: 'e-777' })).toEqual(['cai']);
    expect(names({ search: ' ORPHAN reason' })).toEqual(['ana']);
    expect(names({ search: 'pool-b' })).toEqual(['ana']);
  });

  it('pages, and a page past the end is the last page', () => {
    const page = queryFindings(FINDINGS, query({ pageSize: 3, page: 9 }));
    expect(page).toMatchObject({ page: 2, pages: 2, matched: 4 });
    expect(page.rows.map((f) => f.username)).toEqual(['dan']);
    expect(page.query.page).toBe(2);
    expect(queryFindings([], DEFAULT_FINDINGS_QUERY)).toMatchObject({ pages: 1, rows: [] });
  });

  it('answers repeated queries of the same findings as a fresh copy would, in every order', () => {
    const names = (findings: typeof FINDINGS, q: Partial<typeof DEFAULT_FINDINGS_QUERY>) =>
      queryFindings(findings, query(q)).rows.map((f) => f.username);
    for (const sort of ['username', 'outcome', 'situation'] as const)
      for (const order of ['asc', 'desc'] as const)
        for (const search of [undefined, 'e-777', 'pool-a']) {
          const q = { sort, order, search };
          expect(names(FINDINGS, q), JSON.stringify(q)).toEqual(names([...FINDINGS], q));
        }
  });

  it('sees a finding added to findings it has already sorted', () => {
    const findings = [...FINDINGS];
    expect(queryFindings(findings, query({ sort: 'username' })).matched).toBe(4);
    findings.push(reportFinding(storedFinding('abe', 'exempt', { source: 'pool-c' })));
    const page = queryFindings(findings, query({ sort: 'username' }));
    expect(page.rows.map((f) => f.username)).toEqual(['abe', 'ana', 'ben', 'cai', 'dan']);
    expect(page.pools).toEqual(['pool-a', 'pool-b', 'pool-c']);
  });
});

describe('a findings query from a query string or options', () => {
  it('reads lists and numbers, with defaults', () => {
    expect(parseFindingsQuery({ situation: 'leaver, orphan', page: '2' })).toEqual({
      ...DEFAULT_FINDINGS_QUERY,
      situation: ['leaver', 'orphan'],
      page: 2,
    });
    expect(parseFindingsQuery(undefined)).toEqual(DEFAULT_FINDINGS_QUERY);
  });

  it('names every bad field', () => {
    expect(() => parseFindingsQuery({ situation: 'gone', pageSize: 5000 })).toThrow(
      InvalidInputError,
    );
    expect(() => parseFindingsQuery({ situation: 'gone' })).toThrow(/situation/);
  });
});

describe('the findings table, rule by rule', () => {
  const names = (findings: typeof FINDINGS, q: Partial<typeof DEFAULT_FINDINGS_QUERY>) =>
    queryFindings(findings, query(q)).rows.map((f) => `${f.source}/${f.username}`);

  it('ranks every situation by attention, whatever the usernames say', () => {
    // Usernames run against the attention order, so a situation ranked wrongly shows.
    const order = [
      'leaver',
      'orphan',
      'disputed',
      'rehire_candidate',
      'future_leaver',
      'leaver_disabled',
      'exempt',
      'unmatched',
      'active',
    ] as const;
    const findings = order.map((situation, i) =>
      reportFinding(storedFinding(`u${9 - i}`, situation)),
    );
    for (const given of [findings, [...findings].reverse()]) {
      const page = queryFindings(given, DEFAULT_FINDINGS_QUERY);
      expect(page.rows.map((f) => f.situation)).toEqual(order);
    }
  });

  it('breaks a tie of usernames by pool, in the chosen direction', () => {
    const findings = [
      storedFinding('ana', 'active', { source: 'pool-a' }),
      storedFinding('ana', 'active', { source: 'pool-b' }),
    ].map(reportFinding);
    expect(names(findings, { sort: 'username', order: 'desc' })).toEqual([
      'pool-b/ana',
      'pool-a/ana',
    ]);
    expect(names(findings, { sort: 'username', order: 'asc' })).toEqual([
      'pool-a/ana',
      'pool-b/ana',
    ]);
  });

  it('sorts a missing employee id or outcome before any value', () => {
    const findings = [
      storedFinding('ana', 'leaver', { employeeId: 'E-1', outcome: 'disabled' }),
      storedFinding('ben', 'orphan', { employeeId: undefined }),
    ].map(reportFinding);
    expect(names(findings, { sort: 'employeeId' })).toEqual(['pool-a/ben', 'pool-a/ana']);
    expect(names(findings, { sort: 'outcome' })).toEqual(['pool-a/ben', 'pool-a/ana']);
    expect(names([...findings].reverse(), { sort: 'employeeId' })).toEqual([
      'pool-a/ben',
      'pool-a/ana',
    ]);
  });

  it('searches usernames whatever their case, and skips a missing employee id', () => {
    const findings = [
      storedFinding('MiXed.Case', 'active', { employeeId: 'E-1' }),
      storedFinding('nobody', 'orphan', { employeeId: undefined }),
    ].map(reportFinding);
    expect(names(findings, { search: 'mixed' })).toEqual(['pool-a/MiXed.Case']);
    expect(names(findings, { search: 'orphan' })).toEqual(['pool-a/nobody']);
    expect(names(findings, { search: 'zzz' })).toEqual([]);
  });

  it('lists the pools in order, and says the rows are complete unless told otherwise', () => {
    const findings = [
      storedFinding('ana', 'active', { source: 'pool-b' }),
      storedFinding('ben', 'active', { source: 'pool-a' }),
    ].map(reportFinding);
    const page = queryFindings(findings, DEFAULT_FINDINGS_QUERY);
    expect(page.pools).toEqual(['pool-a', 'pool-b']);
    expect(page.complete).toBe(true);
    expect(queryFindings(findings, DEFAULT_FINDINGS_QUERY, false).complete).toBe(false);
  });
});

describe('a findings query, field by field', () => {
  it('reads every field, dropping empty list items', () => {
    expect(
      parseFindingsQuery({
        situation: 'leaver,',
        pool: 'pool-a',
        action: 'disable',
        outcome: 'not_applied',
        search: 'ana',
        sort: 'username',
        order: 'desc',
        page: '3',
        pageSize: '100',
      }),
    ).toEqual({
      situation: ['leaver'],
      pool: 'pool-a',
      action: 'disable',
      outcome: 'not_applied',
      search: 'ana',
      sort: 'username',
      order: 'desc',
      page: 3,
      pageSize: 100,
    });
  });

  it.each([
    ['action', 'none'],
    ['outcome', 'disabled'],
    ['outcome', 'already_done'],
    ['outcome', 'failed'],
    ['order', 'asc'],
  ])('accepts %s %s', (field, value) => {
    expect(parseFindingsQuery({ [field]: value })).toMatchObject({ [field]: value });
  });

  it('names the query and the field in its error', () => {
    expect(() => parseFindingsQuery({ pageSize: 5000 })).toThrow(
      /^invalid findings query: pageSize: /,
    );
  });
});

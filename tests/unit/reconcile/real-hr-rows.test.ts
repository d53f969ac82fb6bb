import { describe, expect, it } from 'vitest';
import type { FeedOptions } from '../../../functions/core/hr/feed-options.js';
import type { HrFeed } from '../../../functions/core/hr/hr-record.js';
import { parseCsvFeed } from '../../../functions/core/hr/parse-csv.js';
import { type ClassifyContext, classify } from '../../../functions/core/reconcile/classify.js';
import { exemptionLookup } from '../../../functions/core/reconcile/exemptions.js';
import { indexRoster } from '../../../functions/core/reconcile/roster-index.js';
import { whatIf } from '../../../functions/core/reconcile/what-if.js';
import { account, config, HEADER } from '../fakes/builders.js';

const NOW = new Date('2026-11-29T12:00:00Z');

function feedOf(rows: string[], options: Partial<FeedOptions> = {}): HrFeed {
  const result = parseCsvFeed([HEADER, ...rows].join('\n'), {
    kind: 'roster',
    timeZone: 'UTC',
    source: 'hr.csv',
    ...options,
  });
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return result.feed;
}

function context(feed: HrFeed, extra: Partial<ClassifyContext> = {}): ClassifyContext {
  const cfg = config();
  return {
    now: NOW,
    roster: indexRoster(feed),
    state: { disabledByWarden: new Map(), orphanFirstSeen: new Map() },
    orphans: cfg.orphans,
    exemptionFor: exemptionLookup(cfg.exemptions, NOW, 'UTC'),
    ...extra,
  };
}

describe('rows as real HR data has them', () => {
  it('an active row with a future termination date is a future leaver, with the instant access ends', () => {
    const f = classify(
      account('dana', { employeeId: 'E4' }),
      context(feedOf(['E4,dana@x.org,Dana,active,2026-12-31'])),
    );
    expect([f.situation, f.action, f.accessEndsAt]).toEqual([
      'future_leaver',
      'none',
      '2027-01-01T00:00:00.000Z',
    ]);
  });

  it('an active row whose termination date has passed is an HR conflict: disputed, never acted on', () => {
    const f = classify(
      account('elena', { employeeId: 'E5' }),
      context(feedOf(['E5,elena@x.org,Elena,active,2024-01-31'])),
    );
    expect([f.situation, f.action, f.actionId, f.accessEndsAt]).toEqual([
      'disputed',
      'none',
      undefined,
      undefined,
    ]);
    expect(f.reason).toBe(
      'HR conflict: the record is active but its termination date 2024-01-31 has passed; review with HR, Warden never acts on it',
    );
  });

  it('an active record without an email is matched by employee id alone, and the report says so', () => {
    const feed = feedOf(['E1,,Ana,active,', 'E2,ben@x.org,Ben,leaver,2025-01-31']);
    const f = classify(account('ana', { employeeId: 'E1', email: 'ana@x.org' }), context(feed));
    expect([f.situation, f.match]).toEqual(['active', 'employee_id']);
    expect(f.reason).toBe('active in HR; the HR record has no email: matched by employee id alone');
    expect(feed.notes).toEqual([
      '1 record(s) have no email: their accounts are matched by employee id alone',
    ]);
    const unknown = classify(account('ana2', { email: 'ana@x.org' }), context(feed));
    expect(unknown.situation).toBe('orphan');
  });

  it('a leaver and an active record may share an email: the active one holds it, and the match is flagged', () => {
    const feed = feedOf([
      'E7,gloria@x.org,Gloria,leaver,2022-06-30',
      'E17,Gloria@x.org,Gloria,active,',
    ]);
    const byEmail = classify(account('gloria', { email: 'gloria@x.org' }), context(feed));
    expect([byEmail.situation, byEmail.employeeId, byEmail.action]).toEqual([
      'active',
      'E17',
      'none',
    ]);
    expect(byEmail.reason).toMatch(/the email is also on HR record E7 \(leaver\)$/);
    const byNewId = classify(
      account('gloria', { employeeId: 'E17', email: 'gloria@x.org' }),
      context(feed),
    );
    expect([byNewId.situation, byNewId.match]).toEqual(['active', 'employee_id']);
    expect(byNewId.reason).toMatch(/also on HR record E7 \(leaver\)/);
  });

  it('an account still carrying the leaver id of a shared email is disputed, not disabled', () => {
    const feed = feedOf([
      'E7,gloria@x.org,Gloria,leaver,2022-06-30',
      'E17,gloria@x.org,Gloria,active,',
    ]);
    const f = classify(
      account('gloria', { employeeId: 'E7', email: 'gloria@x.org' }),
      context(feed),
    );
    expect([f.situation, f.action]).toEqual(['disputed', 'none']);
    expect(f.reason).toMatch(
      /employee id E7 is a leaver whose email now belongs to active record E17 \(rehired under a new id\?\)/,
    );
  });

  it('two leavers sharing an email: the one who leaves last holds it', () => {
    const feed = feedOf([
      'E7,gloria@x.org,Gloria,leaver,2022-06-30',
      'E17,gloria@x.org,Gloria,leaver,2026-12-31',
      'E1,ana@x.org,Ana,active,',
    ]);
    const f = classify(account('gloria', { email: 'gloria@x.org' }), context(feed));
    expect([f.situation, f.employeeId]).toEqual(['future_leaver', 'E17']);
  });

  it('two active records may not share an email', () => {
    const result = parseCsvFeed(
      [
        HEADER,
        'E1,a@x.org,,active,',
        'E2,ben@x.org,,leaver,2025-01-01',
        'E3,A@x.org,,active,',
      ].join('\n'),
      { kind: 'roster', timeZone: 'UTC', source: 'hr.csv' },
    );
    expect(!result.ok && result.problems).toEqual([
      {
        location: '4',
        field: 'email',
        reason: 'same email as 2, which has another employee_id (E1)',
      },
    ]);
  });

  it('a leaver without a date is refused unless the feed declares such leavers already gone', () => {
    const rows = ['E1,ana@x.org,Ana,active,', 'E6,felix@x.org,Felix,leaver,'];
    const refused = parseCsvFeed([HEADER, ...rows].join('\n'), {
      kind: 'roster',
      timeZone: 'UTC',
      source: 'hr.csv',
    });
    expect(!refused.ok && refused.problems[0]?.reason).toBe('is required for a leaver');

    const feed = feedOf(rows, { undatedLeavers: 'already_left' });
    expect(feed.notes?.[0]).toMatch(/^1 leaver\(s\) have no last day: the date was not given/);
    const enabled = classify(account('felix', { employeeId: 'E6' }), context(feed));
    expect([enabled.situation, enabled.action]).toEqual(['leaver', 'disable']);
    expect(enabled.reason).toBe(
      'left; HR gave no last day, so it counts as passed, but the account is still enabled',
    );
    const again = classify(account('felix', { employeeId: 'E6' }), context(feed));
    expect(again.actionId).toBe(enabled.actionId);
    const disabled = classify(
      account('felix', { employeeId: 'E6', enabled: false }),
      context(feed),
    );
    expect(disabled.situation).toBe('leaver_disabled');
  });

  it('orphans are not decided when the account export is incomplete, and the run says why', () => {
    const feed = feedOf(['E1,ana@x.org,Ana,active,', 'E2,ben@x.org,Ben,leaver,2025-01-31']);
    const accounts = [
      account('ana', { employeeId: 'E1' }),
      account('ben', { employeeId: 'E2' }),
      account('press-ops', {}),
    ];
    const { run, findings } = whatIf(feed, accounts, config(), NOW, 'r-1', {
      accountsIncomplete: 'its last page has a PaginationToken',
    });
    expect(findings.map((f) => [f.username, f.situation])).toEqual([
      ['ana', 'active'],
      ['ben', 'leaver'],
      ['press-ops', 'unmatched'],
    ]);
    expect(findings[2]?.reason).toBe(
      'no HR record; orphans are not decided: its last page has a PaginationToken',
    );
    expect(run.notes).toEqual([
      "the account export is incomplete (its last page has a PaginationToken): orphans were not decided, and the guard's percentages cover only the accounts in the file",
    ]);
  });

  it("the feed's notes reach the run's report", () => {
    const feed = feedOf(['E1,,Ana,active,']);
    const { run } = whatIf(feed, [account('ana', { employeeId: 'E1' })], config(), NOW, 'r-2');
    expect(run.notes).toContain(
      '1 record(s) have no email: their accounts are matched by employee id alone',
    );
  });

  it('the plan is made as of the moment given: a day later, the termination date of an active record has passed', () => {
    const feed = feedOf(['E1,ana@x.org,Ana,active,', 'E3,cruz@x.org,Cruz,active,2026-11-30']);
    const before = whatIf(feed, [account('cruz', { employeeId: 'E3' })], config(), NOW, 'r-3');
    const after = whatIf(
      feed,
      [account('cruz', { employeeId: 'E3' })],
      config(),
      new Date('2026-12-01T00:00:00Z'),
      'r-4',
    );
    expect(before.findings[0]?.situation).toBe('future_leaver');
    expect(after.findings[0]?.situation).toBe('disputed');
  });
});

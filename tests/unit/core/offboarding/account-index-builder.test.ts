import { describe, expect, it } from 'vitest';
import type { Account } from '../../../../functions/core/account.js';
import { AccountIndexBuilder } from '../../../../functions/core/offboarding/account-index-builder.js';
import { indexRoster } from '../../../../functions/core/reconcile/roster-index.js';
import type { Finding } from '../../../../functions/core/reconcile/situation.js';
import { account, feed, POOL } from '../../fakes/builders.js';

const roster = () =>
  indexRoster(feed(['E1,ana@x.org,Ana,active,', 'E2,ben@x.org,Ben,active,', 'E3,,Cy,active,']));
const findingOf = (a: Account, situation: Finding['situation'] = 'active'): Finding => ({
  source: a.source,
  username: a.username,
  accountKey: `key-${a.username}`,
  enabled: true,
  situation,
  match: 'employee_id',
  action: 'none',
  reason: 'r',
});

function indexed(...accounts: [Account, Finding['situation']?][]) {
  const builder = new AccountIndexBuilder(roster());
  for (const [a, situation] of accounts) builder.add(a, findingOf(a, situation));
  return builder
    .snapshot([POOL])
    .accounts.get(POOL)
    ?.map((e) => [e.username, e.employeeId, e.link]);
}

describe('the account index a run builds', () => {
  it.each([
    [
      'its employee id and email',
      account('ana', { employeeId: 'E1', email: 'ANA@x.org' }),
      [['ana', 'E1', 'linked']],
    ],
    ['its employee id alone', account('ana', { employeeId: 'E1' }), [['ana', 'E1', 'linked']]],
    ['its email alone', account('ana', { email: 'ana@x.org' }), [['ana', 'E1', 'linked']]],
    [
      'its email, with an id HR does not know',
      account('ana', { employeeId: 'E9', email: 'ana@x.org' }),
      [['ana', 'E1', 'linked']],
    ],
    ['nothing HR knows', account('zed', { employeeId: 'E9', email: 'zed@x.org' }), []],
  ])('ties an account to the person of %s', (_, a, entries) => {
    expect(indexed([a])).toEqual(entries);
  });

  it('indexes an account whose keys point at two people under both, as disputed', () => {
    const a = account('ana', { employeeId: 'E1', email: 'ben@x.org' });
    expect(indexed([a])).toEqual([
      ['ana', 'E1', 'disputed'],
      ['ana', 'E2', 'disputed'],
    ]);
  });

  it('keeps an account the run found disputed as disputed', () => {
    expect(indexed([account('ana', { employeeId: 'E1' }), 'disputed'])).toEqual([
      ['ana', 'E1', 'disputed'],
    ]);
  });

  it('keeps every account of a source, the finding’s key, and HR’s emails only for people who have one', () => {
    const builder = new AccountIndexBuilder(roster());
    for (const a of [account('ana', { employeeId: 'E1' }), account('ben', { employeeId: 'E2' })])
      builder.add(a, findingOf(a));
    const snapshot = builder.snapshot([POOL, 'other-pool']);
    expect(snapshot.people).toEqual(
      new Map([
        ['E1', 'ana@x.org'],
        ['E2', 'ben@x.org'],
      ]),
    );
    expect(snapshot.accounts).toEqual(
      new Map([
        [
          POOL,
          [
            {
              source: POOL,
              username: 'ana',
              accountKey: 'key-ana',
              employeeId: 'E1',
              link: 'linked',
            },
            {
              source: POOL,
              username: 'ben',
              accountKey: 'key-ben',
              employeeId: 'E2',
              link: 'linked',
            },
          ],
        ],
        ['other-pool', []],
      ]),
    );
  });
});

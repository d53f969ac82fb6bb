import { describe, expect, it } from 'vitest';
import type { Account } from '../../../../functions/core/account.js';
import {
  decideAccounts,
  findAccounts,
} from '../../../../functions/core/offboarding/find-accounts.js';
import type { IndexedAccount } from '../../../../functions/core/offboarding/ports.js';
import { account } from '../../fakes/builders.js';
import { ACCRED, PRESS, peopleWorld } from '../../fakes/offboarding-people.js';

const entry = (a: Account, link: IndexedAccount['link'] = 'linked'): IndexedAccount => ({
  source: a.source,
  username: a.username,
  accountKey: `sub-${a.username}`,
  employeeId: 'E1',
  link,
});
const ana = account('ana', { source: PRESS, employeeId: 'E1', email: 'ana@x.org' });
const usernames = (accounts: readonly { username: string }[]) => accounts.map((a) => a.username);

describe('deciding which accounts an offboarding may act on', () => {
  it('acts on an indexed account as it is now, and on accounts with the HR email', () => {
    const found = account('ana2', { source: PRESS, email: 'ana@x.org' });
    const decided = decideAccounts(
      { employeeId: 'E1', email: 'ana@x.org', accounts: [entry(ana)] },
      [{ source: PRESS, indexed: [{ entry: entry(ana), live: ana }], byEmail: [ana, found] }],
    );
    expect(decided).toEqual({ linked: [ana, found], flagged: [], warnings: [] });
  });

  it('warns of an indexed account that no longer exists, and that nothing is left to act on', () => {
    const decided = decideAccounts(
      { employeeId: 'E1', email: 'ana@x.org', accounts: [entry(ana)] },
      [{ source: PRESS, indexed: [{ entry: entry(ana), live: undefined }], byEmail: [] }],
    );
    expect(decided).toEqual({
      linked: [],
      flagged: [],
      warnings: [`${PRESS}/ana no longer exists`, 'no account to disable was found for E1'],
    });
  });

  it.each([
    [
      'disputed by the last run',
      entry(ana, 'disputed'),
      ana,
      'the last reconciliation found this account disputed: its keys point at more than one person',
    ],
    [
      'now carrying another employee id',
      entry(ana),
      { ...ana, employeeId: 'E9' },
      'the account now carries employee id E9',
    ],
  ])('flags an indexed account %s and leaves it alone', (_, indexed, live, reason) => {
    const decided = decideAccounts({ employeeId: 'E1', email: 'ana@x.org', accounts: [indexed] }, [
      { source: PRESS, indexed: [{ entry: indexed, live }], byEmail: [] },
    ]);
    expect(decided.linked).toEqual([]);
    expect(decided.flagged).toEqual([{ source: PRESS, username: 'ana', reason }]);
  });

  describe('when HR has no email for the person', () => {
    const decide = (accounts: Account[]) =>
      decideAccounts({ employeeId: 'E1', accounts: accounts.map((a) => entry(a)) }, [
        {
          source: PRESS,
          indexed: accounts.map((a) => ({ entry: entry(a), live: a })),
          byEmail: [],
        },
      ]);

    it('flags every account when the accounts carry the emails of more than one person', () => {
      const bob = account('bob', { source: PRESS, employeeId: 'E1', email: 'bob@x.org' });
      const decided = decide([ana, bob]);
      expect(decided.linked).toEqual([]);
      const reason = 'employee id E1 is on accounts of more than one person (different emails)';
      expect(decided.flagged).toEqual([
        { source: PRESS, username: 'ana', reason },
        { source: PRESS, username: 'bob', reason },
      ]);
    });

    it('acts on accounts that carry one email, however written, or none', () => {
      const upper = account('ana.b', { source: PRESS, employeeId: 'E1', email: ' ANA@x.org' });
      const none = account('ana.c', { source: PRESS, employeeId: 'E1', email: undefined });
      expect(usernames(decide([ana, upper, none]).linked)).toEqual(['ana', 'ana.b', 'ana.c']);
      expect(usernames(decide([ana]).linked)).toEqual(['ana']);
    });
  });

  it('acts on accounts with different emails when HR knows the person’s email', () => {
    const alias = account('ana.alias', { source: PRESS, employeeId: 'E1', email: 'alias@x.org' });
    const decided = decideAccounts(
      { employeeId: 'E1', email: 'ana@x.org', accounts: [entry(alias)] },
      [{ source: PRESS, indexed: [{ entry: entry(alias), live: alias }], byEmail: [ana] }],
    );
    expect(usernames(decided.linked)).toEqual(['ana.alias', 'ana']);
    expect(decided.flagged).toEqual([]);
  });

  it.each([
    [
      'neither an email nor accounts',
      undefined,
      false,
      [
        'employee id E1 is not in the account index: no applied reconciliation run has seen it in its HR feed (dry-runs keep no index)',
        'no account to disable was found for E1',
      ],
    ],
    ['an email but no accounts', 'ana@x.org', false, ['no account to disable was found for E1']],
    ['accounts but no email', undefined, true, []],
  ])(
    'warns of a person no applied run has indexed only when the index has %s',
    (_, email, indexed, warnings) => {
      const entries = indexed ? [entry(ana)] : [];
      const decided = decideAccounts({ employeeId: 'E1', email, accounts: entries }, [
        { source: PRESS, indexed: entries.map((e) => ({ entry: e, live: ana })), byEmail: [] },
      ]);
      expect(decided.warnings).toEqual(warnings);
    },
  );
});

describe('finding the accounts', () => {
  it('looks each indexed account up only in its own source', async () => {
    const w = peopleWorld();
    w.index.link('E1', w.accred.accounts[0] as Account);
    const found = await findAccounts('E1', w.index, w.deps.sources);
    expect(found.linked.map((a) => `${a.source}/${a.username}`)).toEqual([
      `${PRESS}/mariana.ruiz`,
      `${ACCRED}/mruiz`,
    ]);
    expect(found.warnings).toEqual([]);
  });
});

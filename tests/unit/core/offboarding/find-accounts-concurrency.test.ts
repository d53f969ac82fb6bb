import { describe, expect, it } from 'vitest';
import type { Account } from '../../../../functions/core/account.js';
import { findAccounts } from '../../../../functions/core/offboarding/find-accounts.js';
import type {
  AccountLookup,
  IndexedAccount,
  OffboardingSource,
} from '../../../../functions/core/offboarding/ports.js';
import { account } from '../../fakes/builders.js';
import { MemoryAccountIndex } from '../../fakes/memory-offboarding.js';
import { MemoryDirectory } from '../../fakes/memory-services.js';

const PRESS = 'us-east-1_Press';
const ACCRED = 'us-east-1_Accred';

/** A promise and the function that resolves it. */
function gate<T>() {
  let open: (value: T) => void = () => {};
  const promise = new Promise<T>((resolve) => {
    open = resolve;
  });
  return { promise, open };
}

/** Records the order in which the look-ups are asked, in one list shared by every source. */
function recordingLookup(directory: MemoryDirectory, asked: string[]): AccountLookup {
  return {
    source: directory.source,
    byEmail: (email) => {
      asked.push(`${directory.source} byEmail`);
      return Promise.resolve(directory.accounts.filter((a) => a.email === email));
    },
    byUsername: (username) => {
      asked.push(`${directory.source} byUsername ${username}`);
      return Promise.resolve(directory.accounts.find((a) => a.username === username));
    },
  };
}

function world() {
  const asked: string[] = [];
  const press = new MemoryDirectory(PRESS, [
    account('mariana.ruiz', { source: PRESS, employeeId: 'E1', email: 'mariana@x.org' }),
  ]);
  const accred = new MemoryDirectory(ACCRED, [
    account('mruiz', { source: ACCRED, employeeId: 'E1', email: 'mariana@x.org' }),
  ]);
  const index = new MemoryAccountIndex();
  index.link('E1', press.accounts[0] as Account, 'mariana@x.org');
  index.link('E1', accred.accounts[0] as Account);
  const sources: OffboardingSource[] = [press, accred].map((directory) => ({
    directory,
    lookup: recordingLookup(directory, asked),
  }));
  return { asked, index, sources };
}

describe('finding a person’s accounts, each read as soon as what it needs is known', () => {
  it('asks every pool for the email while one pool’s index entries are still being read', async () => {
    const { asked, index, sources } = world();
    const accredEntries = gate<IndexedAccount[]>();
    const accountsOf = index.accountsOf.bind(index);
    index.accountsOf = (source, employeeId) =>
      source === ACCRED ? accredEntries.promise : accountsOf(source, employeeId);

    const found = findAccounts('E1', index, sources);
    await new Promise((resolve) => setImmediate(resolve));
    // The press pool is looked up entirely, and the accreditation pool by email, before the
    // accreditation pool's index entries have come back.
    expect(asked).toEqual(
      expect.arrayContaining([
        `${PRESS} byEmail`,
        `${ACCRED} byEmail`,
        `${PRESS} byUsername mariana.ruiz`,
      ]),
    );
    expect(asked).not.toContain(`${ACCRED} byUsername mruiz`);

    accredEntries.open(await accountsOf(ACCRED, 'E1'));
    const { linked, flagged } = await found;
    expect(linked.map((a) => `${a.source}/${a.username}`).sort()).toEqual([
      `${ACCRED}/mruiz`,
      `${PRESS}/mariana.ruiz`,
    ]);
    expect(flagged).toEqual([]);
  });

  it('reads each pool’s indexed accounts while the person’s email is still being read', async () => {
    const { asked, index, sources } = world();
    const email = gate<string | undefined>();
    const emailOf = index.emailOf.bind(index);
    index.emailOf = () => email.promise;

    const found = findAccounts('E1', index, sources);
    await new Promise((resolve) => setImmediate(resolve));
    expect(asked.sort()).toEqual([
      `${ACCRED} byUsername mruiz`,
      `${PRESS} byUsername mariana.ruiz`,
    ]);

    email.open(await emailOf('E1'));
    const { linked, warnings } = await found;
    expect(linked).toHaveLength(2);
    expect(warnings).toEqual([]);
    // The email look-ups found the same accounts again: each is acted on once.
    expect(asked.filter((a) => a.endsWith('byEmail'))).toHaveLength(2);
  });

  it('gives up with the index’s error when the email cannot be read', async () => {
    const { index, sources } = world();
    index.emailOf = () => Promise.reject(new Error('table unavailable'));
    await expect(findAccounts('E1', index, sources)).rejects.toThrow('table unavailable');
  });
});

import type { Account } from '../account.js';
import { normaliseEmail } from '../hr/hr-record.js';
import type { FlaggedAccount } from './offboarding.js';
import type { AccountIndex, IndexedAccount, IndexedPerson, OffboardingSource } from './ports.js';

/** What one source shows of the person, live: the indexed accounts as they are now, and email matches. */
export interface SourceSighting {
  source: string;
  indexed: readonly { entry: IndexedAccount; live: Account | undefined }[];
  byEmail: readonly Account[];
}

export interface FoundAccounts {
  /** Accounts that are the person's and no one else's, as they are now. */
  linked: Account[];
  flagged: FlaggedAccount[];
  warnings: string[];
}

/**
 * The person's accounts in every source: those the last run tied to them (the account index),
 * plus any account with their HR email (created since). Reads single accounts, never a whole pool.
 * Nothing waits on what it does not need: each source reads its index entries and then those
 * accounts, and asks for the email as soon as the index gave it, all sources at once.
 */
export async function findAccounts(
  employeeId: string,
  index: AccountIndex,
  sources: readonly OffboardingSource[],
): Promise<FoundAccounts> {
  const email = index.emailOf(employeeId);
  const [sightings, personEmail] = await Promise.all([
    Promise.all(
      sources.map(async ({ lookup }): Promise<SourceSighting> => {
        const [indexed, byEmail] = await Promise.all([
          index.accountsOf(lookup.source, employeeId).then((entries) =>
            Promise.all(
              entries.map(async (entry) => ({
                entry,
                live: await lookup.byUsername(entry.username),
              })),
            ),
          ),
          email.then((address) => (address ? lookup.byEmail(address) : [])),
        ]);
        return { source: lookup.source, indexed, byEmail };
      }),
    ),
    email,
  ]);
  const person: IndexedPerson = {
    employeeId,
    email: personEmail,
    accounts: sightings.flatMap((s) => s.indexed.map(({ entry }) => entry)),
  };
  return decideAccounts(person, sightings);
}

/**
 * Which accounts may be acted on. Never the wrong person: an account whose keys point at someone
 * else, or that the last run found disputed, is flagged for review; so is every account when
 * they carry the emails of more than one person and HR's email for this one is unknown.
 */
export function decideAccounts(
  person: IndexedPerson,
  sightings: readonly SourceSighting[],
): FoundAccounts {
  const { employeeId } = person;
  const linked: Account[] = [];
  const flagged: FlaggedAccount[] = [];
  const warnings: string[] = [];
  const flag = (account: { source: string; username: string }, reason: string) =>
    flagged.push({ source: account.source, username: account.username, reason });
  const otherPerson = (account: Account) =>
    account.employeeId !== undefined && account.employeeId !== employeeId;

  for (const sighting of sightings) {
    const seen = new Set<string>();
    for (const { entry, live } of sighting.indexed) {
      seen.add(entry.username);
      if (!live) {
        warnings.push(`${entry.source}/${entry.username} no longer exists`);
      } else if (entry.link === 'disputed') {
        flag(
          live,
          'the last reconciliation found this account disputed: its keys point at more than one person',
        );
      } else if (otherPerson(live)) {
        flag(live, `the account now carries employee id ${live.employeeId}`);
      } else {
        linked.push(live);
      }
    }
    for (const account of sighting.byEmail) {
      if (seen.has(account.username)) continue;
      seen.add(account.username);
      if (otherPerson(account)) {
        flag(
          account,
          `the email matches, but the account carries employee id ${account.employeeId}`,
        );
      } else {
        linked.push(account);
      }
    }
  }

  if (person.email === undefined) {
    const emails = new Set(linked.flatMap((a) => (a.email ? [normaliseEmail(a.email)] : [])));
    if (emails.size > 1) {
      for (const account of linked.splice(0)) {
        flag(
          account,
          `employee id ${employeeId} is on accounts of more than one person (different emails)`,
        );
      }
    }
  }
  if (person.email === undefined && person.accounts.length === 0) {
    warnings.push(
      `employee id ${employeeId} is not in the account index: no applied reconciliation run has seen it in its HR feed (dry-runs keep no index)`,
    );
  }
  if (linked.length === 0) warnings.push(`no account to disable was found for ${employeeId}`);
  return { linked, flagged, warnings };
}

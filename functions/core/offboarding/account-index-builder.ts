import type { Account } from '../account.js';
import { normaliseEmail } from '../hr/hr-record.js';
import type { RosterIndex } from '../reconcile/roster-index.js';
import type { Finding } from '../reconcile/situation.js';
import type { AccountIndexSnapshot, IndexedAccount } from './ports.js';

/**
 * Builds the account index from a run's correlations: every HR person's email, and each account
 * tied to the one person its keys point at. An account whose employee id and email point at two
 * people is indexed under both, as disputed, so neither offboarding acts on it.
 */
export class AccountIndexBuilder {
  private readonly accounts = new Map<string, IndexedAccount[]>();

  constructor(private readonly roster: RosterIndex) {}

  add(account: Account, finding: Finding): void {
    const people = new Set<string>();
    if (account.employeeId && this.roster.byEmployeeId.has(account.employeeId))
      people.add(account.employeeId);
    const byEmail = account.email
      ? this.roster.byEmail.get(normaliseEmail(account.email))
      : undefined;
    if (byEmail) people.add(byEmail.employeeId);
    const link = people.size > 1 || finding.situation === 'disputed' ? 'disputed' : 'linked';
    for (const employeeId of people) {
      const entries = this.accounts.get(account.source) ?? [];
      entries.push({
        source: account.source,
        username: account.username,
        accountKey: finding.accountKey,
        employeeId,
        link,
      });
      this.accounts.set(account.source, entries);
    }
  }

  snapshot(sources: readonly string[]): AccountIndexSnapshot {
    const people = new Map<string, string>();
    for (const [employeeId, record] of this.roster.byEmployeeId) {
      if (record.email) people.set(employeeId, record.email);
    }
    return {
      people,
      accounts: new Map(sources.map((source) => [source, this.accounts.get(source) ?? []])),
    };
  }
}

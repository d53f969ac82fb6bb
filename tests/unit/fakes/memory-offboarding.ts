// In-memory implementations of the offboarding capability's ports, for unit tests of the core.
import type { Account } from '../../../functions/core/account.js';
import type { OffboardingDependencies } from '../../../functions/core/offboarding/execute-offboarding.js';
import type { Offboarding } from '../../../functions/core/offboarding/offboarding.js';
import type {
  AccountIndex,
  AccountIndexSnapshot,
  AccountLookup,
  IndexedAccount,
  IndexedPerson,
  OffboardedAccounts,
  OffboardingAccessEnds,
  OffboardingScheduler,
  OffboardingStore,
  OneTimeSchedule,
} from '../../../functions/core/offboarding/ports.js';
import type { AccessEndRegister } from '../../../functions/core/shared/access-end-register.js';
import { FixedClock, type MemoryDirectory, MemoryLog, MemoryNotifier } from './memory-services.js';
import { MemoryActionJournal, MemorySourceMemory } from './memory-storage.js';

export class MemoryOffboardingStore implements OffboardingStore {
  readonly items = new Map<string, Offboarding>();
  get(id: string): Promise<Offboarding | undefined> {
    return Promise.resolve(this.items.get(id));
  }
  create(offboarding: Offboarding): Promise<boolean> {
    if (this.items.has(offboarding.id)) return Promise.resolve(false);
    this.items.set(offboarding.id, offboarding);
    return Promise.resolve(true);
  }
  save(offboarding: Offboarding): Promise<void> {
    this.items.set(offboarding.id, offboarding);
    return Promise.resolve();
  }
  list(): Promise<Offboarding[]> {
    return Promise.resolve([...this.items.values()]);
  }
  readonly claims = new Map<string, { holder: string; until: Date }>();
  claimPerson(employeeId: string, offboardingId: string, now: Date, until: Date): Promise<string> {
    const claim = this.claims.get(employeeId);
    if (claim && claim.holder !== offboardingId && claim.until > now)
      return Promise.resolve(claim.holder);
    this.claims.set(employeeId, { holder: offboardingId, until });
    return Promise.resolve(offboardingId);
  }
  releasePerson(employeeId: string, offboardingId: string): Promise<void> {
    if (this.claims.get(employeeId)?.holder === offboardingId) this.claims.delete(employeeId);
    return Promise.resolve();
  }
}

export class MemoryAccountIndex implements AccountIndex {
  people = new Map<string, string>();
  accounts: IndexedAccount[] = [];
  replaced: { snapshot: AccountIndexSnapshot; complete: boolean }[] = [];

  lookup(employeeId: string, sources: readonly string[]): Promise<IndexedPerson> {
    return Promise.resolve({
      employeeId,
      email: this.people.get(employeeId),
      accounts: this.accounts.filter(
        (a) => a.employeeId === employeeId && sources.includes(a.source),
      ),
    });
  }
  emailOf(employeeId: string): Promise<string | undefined> {
    return Promise.resolve(this.people.get(employeeId));
  }
  accountsOf(source: string, employeeId: string): Promise<IndexedAccount[]> {
    return Promise.resolve(
      this.accounts.filter((a) => a.employeeId === employeeId && a.source === source),
    );
  }
  replace(snapshot: AccountIndexSnapshot, complete: boolean): Promise<void> {
    this.replaced.push({ snapshot, complete });
    this.people = new Map(snapshot.people);
    this.accounts = [...snapshot.accounts.values()].flat();
    return Promise.resolve();
  }
  link(
    employeeId: string,
    account: Account,
    email?: string,
    link: IndexedAccount['link'] = 'linked',
  ) {
    if (email) this.people.set(employeeId, email);
    this.accounts.push({
      source: account.source,
      username: account.username,
      accountKey: account.sub ?? `username:${account.username}`,
      employeeId,
      link,
    });
  }
}

/** Looks accounts up in a MemoryDirectory, counting calls: nothing may list a whole pool. */
export class MemoryLookup implements AccountLookup {
  calls = 0;
  constructor(private readonly directory: MemoryDirectory) {}
  get source() {
    return this.directory.source;
  }
  byEmail(email: string): Promise<Account[]> {
    this.calls++;
    return Promise.resolve(
      this.directory.accounts
        .filter((a) => a.email?.toLowerCase() === email)
        .map((a) => ({ ...a })),
    );
  }
  byUsername(username: string): Promise<Account | undefined> {
    this.calls++;
    const found = this.directory.accounts.find((a) => a.username === username);
    return Promise.resolve(found ? { ...found } : undefined);
  }
}

export class MemoryScheduler implements OffboardingScheduler {
  readonly schedules = new Map<string, OneTimeSchedule>();
  readonly removed: string[] = [];
  upsert(schedule: OneTimeSchedule): Promise<void> {
    this.schedules.set(schedule.name, schedule);
    return Promise.resolve();
  }
  remove(name: string): Promise<void> {
    this.schedules.delete(name);
    this.removed.push(name);
    return Promise.resolve();
  }
}

/**
 * Access ends by origin, as the DynamoDB register keeps them: reconciliation's own (replaced by a
 * complete run), and each offboarding's (removed only by that offboarding). The earliest counts.
 */
export class MemoryAccessEndsByOrigin implements AccessEndRegister, OffboardingAccessEnds {
  readonly reconciliation = new Map<string, Date>();
  readonly offboardings = new Map<string, Date>();

  accessEndsAt(source: string, username: string): Promise<Date | undefined> {
    const ends = [
      this.reconciliation.get(`${source}/${username}`),
      ...[...this.offboardings]
        .filter(([k]) => k.startsWith(`${source}/${username}/`))
        .map(([, at]) => at),
    ].filter((d): d is Date => d !== undefined);
    return Promise.resolve(
      ends.length ? new Date(Math.min(...ends.map((d) => d.getTime()))) : undefined,
    );
  }
  recordAccessEnds(
    source: string,
    ends: ReadonlyMap<string, Date>,
    complete: boolean,
  ): Promise<void> {
    if (complete) {
      for (const key of [...this.reconciliation.keys()])
        if (key.startsWith(`${source}/`)) this.reconciliation.delete(key);
    }
    for (const [username, at] of ends) this.reconciliation.set(`${source}/${username}`, at);
    return Promise.resolve();
  }
  recordOffboardingEnd(source: string, username: string, id: string, at: Date): Promise<void> {
    this.offboardings.set(`${source}/${username}/${id}`, at);
    return Promise.resolve();
  }
  removeOffboardingEnd(source: string, username: string, id: string): Promise<void> {
    this.offboardings.delete(`${source}/${username}/${id}`);
    return Promise.resolve();
  }
}

/** Marks accounts an offboarding disabled in the source memory reconciliation runs read. */
export class MemoryOffboarded implements OffboardedAccounts {
  constructor(private readonly memory: MemorySourceMemory) {}
  disablingAction(source: string, accountKey: string): Promise<string | undefined> {
    return Promise.resolve(this.memory.disabledByWarden.get(source)?.get(accountKey)?.actionId);
  }
  markOffboarded(source: string, accountKey: string, offboardingId: string): Promise<void> {
    const marks = this.memory.offboardedBy.get(source) ?? new Map<string, string>();
    marks.set(accountKey, offboardingId);
    this.memory.offboardedBy.set(source, marks);
    return Promise.resolve();
  }
}

/** A whole offboarding world over the given directories, at a fixed time. */
export function offboardingWorld(
  directories: MemoryDirectory[],
  now = '2026-11-29T12:00:00Z',
  memory = new MemorySourceMemory(),
) {
  const journal = new MemoryActionJournal(memory);
  const lookups = directories.map((d) => new MemoryLookup(d));
  const deps = {
    store: new MemoryOffboardingStore(),
    index: new MemoryAccountIndex(),
    sources: directories.map((directory, i) => ({ directory, lookup: lookups[i] as MemoryLookup })),
    accessEnds: new MemoryAccessEndsByOrigin(),
    offboarded: new MemoryOffboarded(memory),
    journal,
    scheduler: new MemoryScheduler(),
    notifier: new MemoryNotifier(),
    clock: new FixedClock(new Date(now)),
    log: new MemoryLog(),
    timeZone: 'America/Mexico_City',
  } satisfies OffboardingDependencies;
  return { ...deps, deps, memory, lookups };
}

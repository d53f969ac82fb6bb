// The ports of the HR offboarding capability, implemented in functions/aws/ with AWS SDK v3 and
// in tests by small in-memory fakes.
import type { Account } from '../account.js';
import type { FeedKind } from '../hr/hr-record.js';
import type { AccountDirectory } from '../reconcile/ports.js';
import type { RosterIndex } from '../reconcile/roster-index.js';
import type { RunMode, RunStatus } from '../reconcile/run-record.js';
import type { Finding } from '../reconcile/situation.js';
import type { OffboardingsSection } from '../shared/pending-offboardings.js';
import type { Offboarding } from './offboarding.js';

/** Offboarding requests, one item each. */
export interface OffboardingStore {
  get(id: string): Promise<Offboarding | undefined>;
  /** Writes the offboarding only if none has its id; false when one already had it. */
  create(offboarding: Offboarding): Promise<boolean>;
  save(offboarding: Offboarding): Promise<void>;
  /** Every offboarding, oldest request first. */
  list(): Promise<Offboarding[]>;
  /**
   * Lets one offboarding act on a person at a time: claims the person for `offboardingId` until
   * `until`, unless another offboarding holds an unexpired claim. Returns the holder's id.
   */
  claimPerson(employeeId: string, offboardingId: string, now: Date, until: Date): Promise<string>;
  /** Ends this offboarding's claim; a claim another offboarding took since is left alone. */
  releasePerson(employeeId: string, offboardingId: string): Promise<void>;
}

/** An account the last reconciliation tied to a person. */
export interface IndexedAccount {
  source: string;
  username: string;
  accountKey: string;
  employeeId: string;
  /** `disputed`: the account's keys point at more than one person; never acted on. */
  link: 'linked' | 'disputed';
}

/** What the index knows of one person: their HR email and the accounts tied to them. */
export interface IndexedPerson {
  employeeId: string;
  /** Normalised (trimmed, case-folded) email from the HR feed. */
  email?: string;
  accounts: IndexedAccount[];
}

/** What one run learnt: every person's email and, per source, the accounts tied to people. */
export interface AccountIndexSnapshot {
  people: ReadonlyMap<string, string>;
  accounts: ReadonlyMap<string, readonly IndexedAccount[]>;
}

/**
 * Employee id -> accounts, kept by reconciliation runs: Cognito's ListUsers cannot filter on
 * custom attributes, so an offboarding looks the person up here.
 */
export interface AccountIndex {
  lookup(employeeId: string, sources: readonly string[]): Promise<IndexedPerson>;
  /** The person's HR email alone: an offboarding asks each pool for it without waiting on the rest. */
  emailOf(employeeId: string): Promise<string | undefined>;
  /** The person's accounts in one source alone, for the same reason. */
  accountsOf(source: string, employeeId: string): Promise<IndexedAccount[]>;
  /** With `complete` (a full roster), the snapshot is the whole truth and older entries go. */
  replace(snapshot: AccountIndexSnapshot, complete: boolean): Promise<void>;
}

/** Reads single accounts of one source, live: never the whole directory. */
export interface AccountLookup {
  readonly source: string;
  /** Accounts whose email is exactly this (normalised) address. */
  byEmail(email: string): Promise<Account[]>;
  byUsername(username: string): Promise<Account | undefined>;
}

/** One governed source: how to find accounts in it, and how to disable them. */
export interface OffboardingSource {
  directory: AccountDirectory;
  lookup: AccountLookup;
}

/** A one-time EventBridge Scheduler schedule that invokes the executor with the offboarding id. */
export interface OneTimeSchedule {
  name: string;
  /** `at(yyyy-mm-ddThh:mm:ss)`. */
  expression: string;
  timeZone: string;
  offboardingId: string;
}

export interface OffboardingScheduler {
  /** Creates the schedule, or moves it if it exists. */
  upsert(schedule: OneTimeSchedule): Promise<void>;
  /** Deletes the schedule; one already gone (it fired) is fine. */
  remove(name: string): Promise<void>;
}

/**
 * Access ends an offboarding records, kept apart from those reconciliation records, so a run
 * with a full roster never removes them; a cancelled offboarding removes its own.
 */
export interface OffboardingAccessEnds {
  recordOffboardingEnd(
    source: string,
    username: string,
    offboardingId: string,
    at: Date,
  ): Promise<void>;
  removeOffboardingEnd(source: string, username: string, offboardingId: string): Promise<void>;
}

/** Remembers which offboarding disabled an account, so runs report it as `leaver_disabled`. */
export interface OffboardedAccounts {
  /** The action with which Warden (a run or an offboarding) last disabled the account, if any. */
  disablingAction(source: string, accountKey: string): Promise<string | undefined>;
  markOffboarded(
    source: string,
    accountKey: string,
    offboardingId: string,
    at: Date,
  ): Promise<void>;
}

/** One call of the offboarding API, with the identity that signed it. */
export interface ApiCallEntry {
  callId: string;
  at: Date;
  /** The caller's IAM ARN as API Gateway authenticated it. */
  caller: string;
  action: 'create' | 'preview' | 'status' | 'list' | 'move' | 'cancel' | 'unknown';
  /** The HTTP status the call was answered with. */
  status: number;
  offboardingId?: string;
  employeeId?: string;
}

export interface ApiCallAudit {
  recordCall(entry: ApiCallEntry): Promise<void>;
  /** Calls of one day (YYYY-MM-DD), oldest first. */
  listCalls(day: string): Promise<ApiCallEntry[]>;
}

/**
 * What a reconciliation run asks of the offboarding capability: it shows each account to the
 * session as it is classified, then lets it keep the account index and the future leavers'
 * schedules in step with the run.
 */
export interface RunOffboarding {
  startRun(roster: RosterIndex, mode: RunMode): RunOffboardingSession;
}

export interface RunOffboardingSession {
  observe(account: Account, finding: Finding): void;
  finish(run: {
    runId: string;
    status: RunStatus;
    feedKind: FeedKind;
    findings: readonly Finding[];
  }): Promise<OffboardingsSection>;
}

import type { Account } from './account.js';
import type { FeedKind } from './hr/hr-record.js';
import type { RunRecord, StoredFinding } from './reconcile/run-record.js';

export interface Clock {
  now(): Date;
}

export interface IdGenerator {
  /** A new unique, sortable id for a run. */
  runId(now: Date): string;
}

/** One account source (a Cognito user pool today). */
export interface AccountDirectory {
  readonly source: string;
  /** Every account, page by page, without holding the whole directory in memory. */
  listAccounts(): AsyncIterable<Account>;
  /** Ends every session and stops the account from signing in again; safe to repeat. */
  disable(account: Account): Promise<void>;
  /** Usernames of a group's members. */
  groupMembers(group: string): AsyncIterable<string>;
}

/** What Warden remembers about one source between runs. */
export interface SourceState {
  /** Keys of accounts Warden itself disabled. */
  disabledByWarden: Set<string>;
  /** When each current orphan was first seen, by account key. */
  orphanFirstSeen: Map<string, Date>;
}

export interface FeedBaseline {
  kind: FeedKind;
  records: number;
  runId: string;
  acceptedAt: Date;
}

/** A change Warden makes, keyed by a deterministic id so repeats are recognised. */
export interface ActionIntent {
  actionId: string;
  runId: string;
  kind: 'disable';
  source: string;
  username: string;
  accountKey: string;
  reason: string;
  at: Date;
}

export interface ActionOutcome {
  ok: boolean;
  /** Error name only: messages may echo personal data. */
  error?: string;
  at: Date;
}

export interface GovernanceStore {
  /** Takes a named lock until `until`; false when another live owner holds it. */
  acquireLock(name: string, owner: string, now: Date, until: Date): Promise<boolean>;
  releaseLock(name: string, owner: string): Promise<void>;

  saveRun(run: RunRecord): Promise<void>;
  getRun(runId: string): Promise<RunRecord | undefined>;
  listRuns(limit: number): Promise<RunRecord[]>;
  /** Findings worth reviewing; the report artifacts hold every finding. */
  saveFindings(runId: string, findings: StoredFinding[]): Promise<void>;
  listFindings(runId: string): Promise<StoredFinding[]>;

  loadSourceState(source: string): Promise<SourceState>;
  recordOrphansSeen(source: string, accountKeys: string[], at: Date): Promise<void>;

  /**
   * Records when each leaver's access ends, for the sign-in triggers. With `complete`, the
   * map is the whole truth for the source and entries not in it are removed (a rehire).
   */
  recordAccessEnds(source: string, ends: Map<string, Date>, complete: boolean): Promise<void>;

  getFeedBaseline(kind: FeedKind): Promise<FeedBaseline | undefined>;
  saveFeedBaseline(baseline: FeedBaseline): Promise<void>;

  /** Ids of actions whose intent was recorded but whose outcome never was. */
  listPendingActions(): Promise<Set<string>>;
  /** Records the intent; returns 'done' when an earlier run already completed this action. */
  beginAction(intent: ActionIntent): Promise<'new' | 'done'>;
  /** Records the outcome and, when it succeeded, the audit entry — once per action id. */
  completeAction(intent: ActionIntent, outcome: ActionOutcome): Promise<void>;
  listAudit(source: string, username: string): Promise<AuditEntry[]>;
}

export interface AuditEntry {
  actionId: string;
  runId: string;
  kind: string;
  source: string;
  username: string;
  reason: string;
  at: Date;
}

export interface ReportFiles {
  json: string;
  csv: string;
}

export interface ReportStore {
  /** Writes the run's report artifacts; returns where they are (URIs). */
  write(runId: string, startedAt: Date, files: { json: string; csv: string }): Promise<ReportFiles>;
}

export interface RunNotice {
  runId: string;
  status: string;
  subject: string;
  message: string;
}

export interface Notifier {
  notify(notice: RunNotice): Promise<void>;
}

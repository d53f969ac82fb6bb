// The ports of the reconciliation capability: what a run needs from the world, each
// implemented in functions/aws/ with AWS SDK v3 and in tests by small in-memory fakes.
import type { Account } from '../account.js';
import type { FeedKind } from '../hr/hr-record.js';
import type { AccessEndRegister } from '../shared/access-end-register.js';
import type { FeedBaseline } from './feed-baseline.js';
import type { ReportFiles, RunRecord, StoredFinding } from './run-record.js';

/**
 * Where a listing stands, to resume it in another invocation: a pagination token per segment
 * (a directory may list in several segments side by side). Plain JSON.
 */
export interface ListingCursor {
  segments: { key: string; token?: string; done: boolean }[];
}

/** One page of a listing, and the cursor that resumes after it. */
export interface ListedPage {
  accounts: Account[];
  cursor: ListingCursor;
}

/** One account source (a Cognito user pool today). */
export interface AccountDirectory {
  readonly source: string;
  /** Every account, page by page, without holding the whole directory in memory. */
  listAccounts(): AsyncIterable<Account>;
  /** The cursor of a listing not yet begun. */
  startListing(): ListingCursor;
  /** The pages from `cursor` on; ListingExpiredError when the directory refuses a stale cursor. */
  listPages(cursor: ListingCursor): AsyncIterable<ListedPage>;
  /** About how many accounts the source holds (cheap, approximate). */
  estimatedSize(): Promise<number>;
  /** Ends every session and stops the account from signing in again; safe to repeat. */
  disable(account: Account): Promise<void>;
  /** Usernames of a group's members. */
  groupMembers(group: string): AsyncIterable<string>;
}

/** Keeps runs from overlapping. */
export interface RunLock {
  /** Takes (or, for its owner, extends) the named lock until `until`; false when another live owner holds it. */
  acquire(name: string, owner: string, now: Date, until: Date): Promise<boolean>;
  release(name: string, owner: string): Promise<void>;
}

/** Run records, and the findings of each run worth an admin's review. */
export interface RunStore {
  saveRun(run: RunRecord): Promise<void>;
  getRun(runId: string): Promise<RunRecord | undefined>;
  /** Newest first. */
  listRuns(limit: number): Promise<RunRecord[]>;
  /** Findings worth reviewing; the report artifacts hold every finding. */
  saveFindings(runId: string, findings: readonly StoredFinding[]): Promise<void>;
  listFindings(runId: string): Promise<StoredFinding[]>;
}

/** Warden's last disable of an account: the action and when it completed. */
export interface WardenDisable {
  actionId: string;
  at: Date;
}

/** What Warden remembers about one source between runs. */
export interface SourceState {
  /** Accounts Warden itself disabled (a run or an offboarding), by account key: its last disable. */
  disabledByWarden: ReadonlyMap<string, WardenDisable>;
  /** When each current orphan was first seen, by account key. */
  orphanFirstSeen: ReadonlyMap<string, Date>;
  /** The offboarding that disabled each account, by account key. */
  offboardedBy?: ReadonlyMap<string, string>;
}

export interface SourceMemory {
  loadSourceState(source: string): Promise<SourceState>;
  /** Remembers when each orphan was first seen; an orphan already known keeps its date. */
  recordOrphansSeen(source: string, accountKeys: readonly string[], at: Date): Promise<void>;
  /** Forgets these accounts' first sightings as orphans: they are no longer orphans. */
  forgetOrphans(source: string, accountKeys: readonly string[]): Promise<void>;
}

export interface FeedBaselines {
  getFeedBaseline(kind: FeedKind): Promise<FeedBaseline | undefined>;
  saveFeedBaseline(baseline: FeedBaseline): Promise<void>;
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

/** Intent before the change, outcome after it: what makes applying idempotent and resumable. */
export interface ActionJournal {
  /** Ids of actions whose intent was recorded but whose outcome never was. */
  listPendingActions(): Promise<Set<string>>;
  /** Records the intent; returns 'done' when an earlier run already completed this action. */
  beginAction(intent: ActionIntent): Promise<'new' | 'done'>;
  /** Records the outcome and, when it succeeded, the audit entry: once per action id. */
  completeAction(intent: ActionIntent, outcome: ActionOutcome): Promise<void>;
  /** `completeAction` for several actions that succeeded, in as few writes as the store allows. */
  completeActions(completed: readonly Completion[]): Promise<void>;
}

/** An action that succeeded, and when. */
export interface Completion {
  intent: ActionIntent;
  at: Date;
}

/** Every store a run uses, one per role. */
export interface ReconcileStorage {
  lock: RunLock;
  runs: RunStore;
  memory: SourceMemory;
  baselines: FeedBaselines;
  journal: ActionJournal;
  accessEnds: AccessEndRegister;
}

/** A run's report artifacts; the HTML report is written where a renderer is deployed. */
export interface ReportArtifacts {
  json: string;
  csv: string;
  html?: string;
}

/** Report artifacts, each given as soon as it is rendered. */
export type PendingReportArtifacts = {
  [K in keyof ReportArtifacts]: ReportArtifacts[K] | Promise<ReportArtifacts[K]>;
};

export interface ReportStore {
  /** Writes the run's report artifacts, each once it is at hand; returns where they are. */
  write(runId: string, startedAt: Date, files: PendingReportArtifacts): Promise<ReportFiles>;
}

/**
 * Renders a run's self-contained HTML report (functions/report-views/, composed by the reconcile
 * function's dependencies: the core does not render HTML). Never fails the run: a report it
 * cannot render is left out and the reason logged.
 */
export interface HtmlReportRenderer {
  /**
   * Starts reading what the report of run `runId` is compared with. A run calls it when it
   * starts, so that those reads overlap its listing instead of following it.
   */
  begin(runId: string): HtmlReport;
}

/** One run's HTML report, begun: rendered once the run's findings are known. */
export interface HtmlReport {
  render(run: RunRecord, findings: readonly StoredFinding[]): Promise<string | undefined>;
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

/** Where HR feeds are read from: the feed bucket. */
export interface FeedSource {
  /**
   * The feed's bytes, at most `maxBytes + 1` of them (enough to tell a feed is too large without
   * holding all of it): its settings (encoding, delimiter, ...) say how to read them.
   */
  read(location: FeedLocation, maxBytes: number): Promise<FeedObject>;
}

export interface FeedLocation {
  bucket: string;
  key: string;
  /** One version of the object (the bucket keeps every upload); the latest without it. */
  version?: string;
}

export interface FeedObject {
  bytes: Uint8Array;
  /** The version read, where the bucket keeps versions: an approval reads the same again. */
  version?: string;
}

/**
 * A run's checkpoints, so that a run carried out in several invocations can resume from any
 * step: named parts of JSON lines (compressed where stored), kept until the run ends.
 */
export interface CheckpointStore {
  /** Writes (or overwrites) a part: writing the same part twice is harmless. */
  put(runId: string, part: string, lines: readonly unknown[]): Promise<void>;
  /** The lines of a part, or undefined when it was never written. */
  get(runId: string, part: string): Promise<unknown[] | undefined>;
  /** Removes every part of the run. */
  clear(runId: string): Promise<void>;
}

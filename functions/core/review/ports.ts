// The ports of the review capability: what the console API and the admin CLI need to read runs,
// decide quarantines, restore accounts and look people up. Implemented in functions/aws/ with
// AWS SDK v3 and, for unit tests of the core, by small in-memory fakes.
import type { SignInDecisionEntry, SignInOutcome } from '../geo/ports.js';
import type { AccountLookup } from '../offboarding/ports.js';
import type { ReportFinding } from '../reconcile/render-report.js';
import type { ReviewMark } from '../reconcile/review-quarantine.js';
import type { ActionCounts, RunRecord, RunStatus, StoredFinding } from '../reconcile/run-record.js';

/** What the runs list needs of a run record (the store may read only these fields). */
export type RunSummary = Pick<
  RunRecord,
  | 'runId'
  | 'startedAt'
  | 'finishedAt'
  | 'trigger'
  | 'mode'
  | 'status'
  | 'counts'
  | 'guard'
  | 'actions'
  | 'review'
  | 'feed'
  | 'reports'
>;

/** Run records and the findings each run kept for review, read by the review. */
export interface RunHistory {
  getRun(runId: string): Promise<RunRecord | undefined>;
  /**
   * Runs newest first: at most `limit`, starting after the run id `after` (the cursor), only those
   * with `status` when given. `next` is the cursor of the following page, if there is one.
   */
  pageRuns(query: {
    limit: number;
    after?: string;
    status?: RunStatus;
  }): Promise<{ runs: RunSummary[]; next?: string }>;
  /** The findings the run kept for review (decision 0005). */
  listFindings(runId: string): Promise<StoredFinding[]>;
  getFinding(runId: string, source: string, username: string): Promise<StoredFinding | undefined>;
}

export type ReportFormat = 'json' | 'csv' | 'html';

/** The report artifacts in the reports bucket. */
export interface ReportArchive {
  /** The artifact's text, or undefined when the run wrote none of that format. */
  read(run: RunRecord, format: ReportFormat): Promise<string | undefined>;
  /** Every finding of the run, from its JSON report; undefined when it has none. */
  readFindings(run: RunRecord): Promise<ReportFinding[] | undefined>;
}

/** What the reconcile function answers: the run that applied an approval, or the rejected run. */
export interface DecidedRun {
  runId: string;
  status: RunStatus;
  actions: ActionCounts;
}

/**
 * Approves or rejects a quarantined run through the reconcile function's own path (the same as
 * invoking it with `{"approve": runId}`), so an approval applies exactly the reviewed plan, under
 * the run lock, with the reconcile function's rights.
 */
export interface QuarantineDecisions {
  approve(runId: string, review: ReviewMark): Promise<DecidedRun>;
  reject(runId: string, review: ReviewMark): Promise<DecidedRun>;
}

/** What an admin did through the console or the CLI. */
export interface AdminActionEntry {
  id: string;
  at: Date;
  /** The admin's identity: an IAM ARN, a console staff member, or a local identity. */
  actor: string;
  action: 'run.approve' | 'run.reject' | 'account.restore';
  /** A run id, or `pool/username`. */
  target: string;
  reason: string;
  overrideReason?: string;
  /** How it ended: the status reached, or the error's name. */
  outcome: string;
}

/** The audit of admins' decisions, one partition per day. */
export interface AdminAudit {
  record(entry: AdminActionEntry): Promise<void>;
  /** Decisions of one day (YYYY-MM-DD), oldest first. */
  list(day: string): Promise<AdminActionEntry[]>;
}

/** A governed pool's single accounts: looked up, and re-enabled by a restore. */
export interface GovernedPool extends AccountLookup {
  enable(username: string): Promise<void>;
}

/** What Warden remembers of having disabled one account. */
export interface WardenMarks {
  /** The disable action that marked the account, if one did. */
  disabledBy?: string;
  /** The offboarding that disabled the account, if one did. */
  offboardedBy?: string;
}

/** A restore, as it is recorded. */
export interface AccountRestore {
  restoreId: string;
  source: string;
  username: string;
  accountKey: string;
  at: Date;
  actor: string;
  reason: string;
  overrideReason?: string;
  /** Disable actions to forget, so that Warden's next disable is a new change, not "already done". */
  disableActionIds: string[];
  /** With an override: the access ends to lift, so the sign-in triggers let the person in again. */
  liftAccessEnds?: { offboardingIds: string[]; reconciliation: boolean };
}

/** Warden's memory of the accounts it disabled, and what a restore changes in it. */
export interface RestoreLedger {
  marks(source: string, accountKey: string): Promise<WardenMarks>;
  /**
   * In one transaction: forgets the account's disables and marks, lifts the access ends named,
   * and writes the restore into the account's audit trail.
   */
  recordRestore(restore: AccountRestore): Promise<void>;
  /** The access ends recorded for the account, by origin. */
  accessEnds(
    source: string,
    username: string,
  ): Promise<{ reconciliation?: Date; offboardings: { offboardingId: string; at: Date }[] }>;
}

/** Filters of the sign-ins list. */
export interface SignInQuery {
  limit: number;
  /** The cursor of the previous page. */
  after?: string;
  country?: string;
  rule?: string;
  outcome?: SignInOutcome;
  /** How far back to look, in days. */
  days: number;
}

/** Every person's sign-in decisions, newest first, across the whole fence. */
export interface SignInHistory {
  recent(
    query: SignInQuery,
    now: Date,
  ): Promise<{ decisions: SignInDecisionEntry[]; next?: string }>;
}

/**
 * Where the deployment publishes the console's address (an SSM parameter in AWS and locally):
 * the address, or undefined while none is published.
 */
export interface ConsoleAddressSource {
  read(): Promise<string | undefined>;
}

import type { FeedKind, HrFeed } from '../hr/hr-record.js';
import type { CategoryThroughput, QuotaCategory } from '../shared/cognito-quotas.js';
import type { OffboardingsSection } from '../shared/pending-offboardings.js';
import type { GuardVerdict } from './guard.js';
import { emptyCounts, type Finding, type Situation } from './situation.js';

export const RUN_STATUSES = [
  'planned',
  'quarantined',
  'applying',
  'completed',
  'completed_with_errors',
  'failed',
  'rejected',
] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];

export type RunMode = 'dry-run' | 'apply';

/** Where a run's report artifacts are (URIs); runs before the HTML report have none. */
export interface ReportFiles {
  json: string;
  csv: string;
  html?: string;
}

/** An admin's decision on a quarantined run: who, why, when, and (approved) the run that applied it. */
export interface RunReview {
  readonly decision: 'approved' | 'rejected';
  /** The admin's identity: an IAM ARN, a console staff member, or a local identity. */
  readonly by: string;
  readonly reason: string;
  readonly at: Date;
  /** The run that applied the approved plan, and how it ended. */
  readonly appliedBy?: { runId: string; status: RunStatus };
}

/** An exemption that ends within the next 30 days of the run, as configured. */
export interface ExpiringExemption {
  username?: string;
  employeeId?: string;
  userPoolId?: string;
  owner: string;
  reason: string;
  /** The last day it holds (YYYY-MM-DD, in the deployment's time zone). */
  expires: string;
  /** Whole days from the run's start to the end of that day. */
  daysLeft: number;
}

/** Disable actions in the plan, and how applying them went. */
export interface ActionCounts {
  planned: number;
  applied: number;
  alreadyDone: number;
  failed: number;
}

export interface PostureGap {
  source: string;
  username: string;
  groups: string[];
}

/** MFA posture: enabled accounts that may be asked for a one-time code but cannot receive one. */
export interface PostureReport {
  checked: number;
  withoutVerifiedEmail: PostureGap[];
}

export interface RunRecord {
  readonly runId: string;
  readonly status: RunStatus;
  readonly mode: RunMode;
  readonly trigger: string;
  readonly startedAt: Date;
  readonly finishedAt?: Date;
  /** `version`: the object version read, which an approval reads again. */
  readonly feed: { kind: FeedKind; source: string; records: number; version?: string };
  readonly accounts: number;
  readonly counts: Record<Situation, number>;
  readonly guard?: GuardVerdict;
  readonly actions: ActionCounts;
  /** Why orphans were not decided, approvals, rejections. */
  readonly notes: readonly string[];
  readonly posture?: PostureReport;
  /** Pending offboardings, and the future leavers' schedules this run kept (or would keep). */
  readonly offboardings?: OffboardingsSection;
  /** App clients that sign people in without the geo fence, as configured, with their reasons. */
  readonly unfencedClients?: readonly { clientId: string; reason: string }[];
  /** Exemptions that end within 30 days of the run. */
  readonly expiringExemptions?: readonly ExpiringExemption[];
  /** An admin's approval or rejection of the run, when it was quarantined. */
  readonly review?: RunReview;
  /** Cognito calls per quota category: the rate achieved against Warden's ceiling, throttles, retries. */
  readonly throughput?: Partial<Record<QuotaCategory, CategoryThroughput>>;
  readonly reports?: ReportFiles;
  /** Error name only, for failed runs. */
  readonly error?: string;
}

export type ActionOutcomeKind = 'disabled' | 'already_done' | 'failed' | 'not_applied';

/** A finding as reports and the store keep it: with the outcome of its planned action. */
export interface StoredFinding extends Finding {
  outcome?: ActionOutcomeKind;
}

export const NO_ACTIONS: ActionCounts = { planned: 0, applied: 0, alreadyDone: 0, failed: 0 };

export type FeedSummary = RunRecord['feed'];

/** What a run records of its feed: never the records themselves. */
export function feedSummary(feed: HrFeed): FeedSummary {
  const summary = { kind: feed.kind, source: feed.source, records: feed.records.length };
  return feed.version ? { ...summary, version: feed.version } : summary;
}

/** A run as it starts: nothing listed, nothing planned. */
export function newRunRecord(fields: {
  runId: string;
  mode: RunMode;
  trigger: string;
  startedAt: Date;
  feed: FeedSummary;
  /** What the feed itself said about how it was read. */
  notes?: readonly string[];
}): RunRecord {
  return {
    ...fields,
    status: 'planned',
    accounts: 0,
    counts: emptyCounts(),
    actions: NO_ACTIONS,
    notes: [...(fields.notes ?? [])],
  };
}

import type { FeedKind } from '../hr/hr-record.js';
import type { ReportFiles } from '../ports.js';
import type { GuardVerdict } from './guard.js';
import type { Finding, Situation } from './situation.js';

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

export interface RunRecord {
  runId: string;
  status: RunStatus;
  mode: RunMode;
  trigger: string;
  startedAt: Date;
  finishedAt?: Date;
  feed: { kind: FeedKind; source: string; records: number };
  accounts: number;
  counts: Record<Situation, number>;
  guard?: GuardVerdict;
  /** Disable actions in the plan, and how applying them went. */
  actions: { planned: number; applied: number; alreadyDone: number; failed: number };
  /** Why orphans were not decided, when they were not. */
  notes: string[];
  /** MFA posture: enabled accounts that may be asked for a one-time code but cannot receive one. */
  posture?: { checked: number; withoutVerifiedEmail: PostureGap[] };
  reports?: ReportFiles;
  /** Error name only, for failed runs. */
  error?: string;
}

export interface PostureGap {
  source: string;
  username: string;
  groups: string[];
}

export type ActionOutcomeKind = 'disabled' | 'already_done' | 'failed' | 'not_applied';

export interface StoredFinding extends Finding {
  outcome?: ActionOutcomeKind;
}

// The report view model: everything the run page shows, as plain JSON-ready values. The console
// API returns it, the CLI prints it, and the HTML report and the console render it with the same
// components (functions/report-views/).
import type { GuardCheck } from '../reconcile/guard.js';
import type { ReportFinding } from '../reconcile/render-report.js';
import type {
  ActionCounts,
  ExpiringExemption,
  PostureReport,
  RunMode,
  RunRecord,
  RunStatus,
} from '../reconcile/run-record.js';
import { SITUATIONS, type Situation } from '../reconcile/situation.js';
import type { OffboardingsSection } from '../shared/pending-offboardings.js';
import { runPageUrl } from './console-link.js';
import {
  DEFAULT_FINDINGS_QUERY,
  type FindingsPage,
  type FindingsQuery,
  queryFindings,
} from './findings-query.js';
import type { RunSummary } from './ports.js';
import { changesSince, type RunChanges } from './run-changes.js';

export interface RunHeader {
  runId: string;
  startedAt: string;
  finishedAt: string | null;
  trigger: string;
  mode: RunMode;
  status: RunStatus;
  feed: RunRecord['feed'];
  accounts: number;
  actions: ActionCounts;
  notes: string[];
  /** Error name of a failed run. */
  error: string | null;
}

export interface GuardView {
  tripped: boolean;
  /** One sentence per rule that tripped (and the approval, once approved). */
  reasons: string[];
  /** Each rule with its threshold and the measured value; empty for runs recorded before them. */
  checks: GuardCheck[];
  disableCount: number;
  enabledCount: number;
  disablePercent: number;
}

export interface ReviewView {
  decision: 'approved' | 'rejected';
  by: string;
  reason: string;
  at: string;
  appliedBy: { runId: string; status: RunStatus } | null;
}

export interface ActionsView {
  counts: ActionCounts;
  /** A plan not applied (dry-run, quarantine) says what it would do. */
  applied: boolean;
  /** Planned disables and their outcomes, the first `limit`; `more` are in the findings table. */
  rows: ReportFinding[];
  more: number;
}

export interface ErrorsView {
  /** The run's own failure (error name only). */
  run: string | null;
  failedActions: ReportFinding[];
}

export interface ReportLinks {
  console: string | null;
  json: string | null;
  csv: string | null;
  html: string | null;
}

export interface RunReportView {
  generatedAt: string;
  run: RunHeader;
  /** Every situation, in the reconciliation model's order, with its count. */
  counts: { situation: Situation; count: number }[];
  guard: GuardView | null;
  review: ReviewView | null;
  actions: ActionsView;
  errors: ErrorsView;
  /** Null for the first run, or when no earlier run planned. */
  changes: RunChanges | null;
  offboardings: OffboardingsSection | null;
  expiringExemptions: ExpiringExemption[];
  posture: PostureReport | null;
  unfencedClients: { clientId: string; reason: string }[];
  findings: FindingsPage;
  links: ReportLinks;
}

export interface RunReportInput {
  run: RunRecord;
  /** The run's findings: every one (its JSON report), or those kept for review. */
  findings: readonly ReportFinding[];
  /** False when `findings` are only those kept for review. */
  complete: boolean;
  /** The newest earlier run that planned, with its findings. */
  previous?: { run: RunRecord; findings: readonly ReportFinding[] };
  query?: FindingsQuery;
  now: Date;
  /** The console's address, for the link to the run's page. */
  consoleUrl?: string;
  /** Planned actions listed in the actions section; the findings table holds the rest. */
  actionRows?: number;
}

const ACTION_ROWS = 200;

/** The view model of one run's report. */
export function buildRunReport(input: RunReportInput): RunReportView {
  const { run, findings } = input;
  const planned = findings.filter((f) => f.action === 'disable');
  const limit = input.actionRows ?? ACTION_ROWS;
  return {
    generatedAt: input.now.toISOString(),
    run: {
      runId: run.runId,
      startedAt: run.startedAt.toISOString(),
      finishedAt: run.finishedAt?.toISOString() ?? null,
      trigger: run.trigger,
      mode: run.mode,
      status: run.status,
      feed: run.feed,
      accounts: run.accounts,
      actions: run.actions,
      notes: [...run.notes],
      error: run.error ?? null,
    },
    counts: SITUATIONS.map((situation) => ({ situation, count: run.counts[situation] ?? 0 })),
    guard: run.guard
      ? {
          tripped: run.guard.tripped,
          reasons: [...run.guard.reasons],
          checks: run.guard.checks ?? [],
          disableCount: run.guard.disableCount,
          enabledCount: run.guard.enabledCount,
          disablePercent: run.guard.disablePercent,
        }
      : null,
    review: run.review
      ? {
          decision: run.review.decision,
          by: run.review.by,
          reason: run.review.reason,
          at: run.review.at.toISOString(),
          appliedBy: run.review.appliedBy ?? null,
        }
      : null,
    actions: {
      counts: run.actions,
      applied: isApplied(run),
      rows: planned.slice(0, limit),
      more: Math.max(0, planned.length - limit),
    },
    errors: {
      run: run.error ?? null,
      failedActions: planned.filter((f) => f.outcome === 'failed'),
    },
    changes: input.previous ? changesSince(input.previous, { run, findings }) : null,
    offboardings: run.offboardings ?? null,
    expiringExemptions: [...(run.expiringExemptions ?? [])],
    posture: run.posture ?? null,
    unfencedClients: [...(run.unfencedClients ?? [])],
    findings: queryFindings(findings, input.query ?? DEFAULT_FINDINGS_QUERY, input.complete),
    links: {
      console: input.consoleUrl ? runPageUrl(input.consoleUrl, run.runId) : null,
      json: run.reports?.json ?? null,
      csv: run.reports?.csv ?? null,
      html: run.reports?.html ?? null,
    },
  };
}

/** Whether the run's plan was carried out (an applied run that the guard let through). */
export function isApplied(run: Pick<RunRecord, 'mode' | 'status'>): boolean {
  return run.mode === 'apply' && run.status !== 'quarantined' && run.status !== 'rejected';
}

/** A run as the runs list shows it. */
export interface RunListItem {
  runId: string;
  startedAt: string;
  trigger: string;
  mode: RunMode;
  status: RunStatus;
  counts: Record<Situation, number>;
  guard: { tripped: boolean; reasons: string[] } | null;
  actions: ActionCounts;
  review: { decision: 'approved' | 'rejected'; at: string } | null;
}

export function runListItem(run: RunSummary): RunListItem {
  return {
    runId: run.runId,
    startedAt: run.startedAt.toISOString(),
    trigger: run.trigger,
    mode: run.mode,
    status: run.status,
    counts: run.counts,
    guard: run.guard ? { tripped: run.guard.tripped, reasons: [...run.guard.reasons] } : null,
    actions: run.actions,
    review: run.review ? { decision: run.review.decision, at: run.review.at.toISOString() } : null,
  };
}

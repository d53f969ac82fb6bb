import { z } from 'zod';
import type { ReconcileRequest } from '../core/reconcile/handle-request.js';
import type { ReportFiles, RunRecord, RunStatus } from '../core/reconcile/run-record.js';

/** The event that starts the function; every field is optional. */
export const reconcileEventSchema = z
  .strictObject({
    feed: z
      .strictObject({ bucket: z.string().min(1).optional(), key: z.string().min(1) })
      .optional(),
    /** `true` can force a dry-run, never the reverse. */
    dryRun: z.boolean().optional(),
    trigger: z.string().max(100).default('schedule'),
    /** Apply the plan of this quarantined run (re-planned from its feed; only the same changes pass). */
    approve: z.string().min(1).optional(),
    /** Close this quarantined run without applying it. */
    reject: z.string().min(1).optional(),
    /** Who approves or rejects, and why (the console and `warden runs approve|reject` send it). */
    review: z
      .strictObject({
        by: z.string().min(1).max(2048),
        reason: z.string().trim().min(1, 'is required').max(2000),
      })
      .optional(),
  })
  .refine(
    (e) => !(e.approve && (e.reject || e.feed)),
    "approve takes neither reject nor feed: it reuses the run's feed",
  )
  .refine((e) => !e.review || e.approve || e.reject, {
    message: 'goes with approve or reject',
    path: ['review'],
  });
export type ReconcileEvent = z.input<typeof reconcileEventSchema>;

export function requestOf(event: z.infer<typeof reconcileEventSchema>): ReconcileRequest {
  if (event.reject) return { kind: 'reject', runId: event.reject, review: event.review };
  if (event.approve) return { kind: 'approve', runId: event.approve, review: event.review };
  return {
    kind: 'run',
    feed: event.feed,
    forceDryRun: event.dryRun === true,
    trigger: event.trigger,
  };
}

/** What the function returns: the run's outcome, without findings or personal data. */
export interface ReconcileResponse {
  runId: string;
  status: RunStatus;
  mode: string;
  counts: Record<string, number>;
  actions: { planned: number; applied: number; alreadyDone: number; failed: number };
  guard?: { tripped: boolean; reasons: string[] };
  reports?: ReportFiles;
  notes: string[];
}

export function responseOf(run: RunRecord): ReconcileResponse {
  return {
    runId: run.runId,
    status: run.status,
    mode: run.mode,
    counts: run.counts,
    actions: run.actions,
    guard: run.guard && { tripped: run.guard.tripped, reasons: run.guard.reasons },
    reports: run.reports,
    notes: [...run.notes],
  };
}

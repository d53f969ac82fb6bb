import type { RunOffboardingSession } from '../offboarding/ports.js';
import { throughputOf } from '../shared/cognito-quotas.js';
import { errorName } from '../shared/errors.js';
import type { DryRunReportRows } from './dry-run-report-rows.js';
import type { ListedFindings } from './listed-findings.js';
import type { HtmlReport } from './ports.js';
import { renderCsvReportInTurns, renderJsonReport } from './render-report.js';
import type { RunDependencies, RunRequest } from './run-reconciliation.js';
import type { ActionOutcomeKind, RunRecord, StoredFinding } from './run-record.js';
import type { Finding } from './situation.js';
import { needsReview, withOutcomes } from './stored-findings.js';
import { summariseRun } from './summarise-run.js';

/** Index and future leavers' schedules; trouble there is noted on the run, never fatal to it. */
export async function finishOffboarding(
  session: RunOffboardingSession,
  run: RunRecord,
  request: Pick<RunRequest, 'feed'>,
  findings: readonly Finding[],
  deps: Pick<RunDependencies, 'log'>,
): Promise<RunRecord> {
  try {
    const offboardings = await session.finish({
      runId: run.runId,
      status: run.status,
      feedKind: request.feed.kind,
      findings,
    });
    return { ...run, offboardings };
  } catch (error) {
    deps.log.warn('offboarding bookkeeping failed', { runId: run.runId, error: errorName(error) });
    return { ...run, notes: [...run.notes, `offboarding bookkeeping failed: ${errorName(error)}`] };
  }
}

/** What a run's end may be given besides the plan. */
export interface RecordOptions {
  /** The HTML report, begun when the run started (otherwise begun now). */
  htmlReport?: HtmlReport;
  /** The findings stored while the accounts were listed. */
  listed?: ListedFindings;
  /** The offboarding bookkeeping, still to finish: the run it returns is the one recorded. */
  offboarding?: RunOffboardingSession;
  /** A dry-run's report rows, rendered while the accounts were listed. */
  reportRows?: DryRunReportRows;
}

/**
 * The end of every run that got as far as a plan: the feed becomes the baseline (unless the
 * guard stopped it), the reports and the findings worth a review are written, then the run
 * is stored and admins are told. Cognito throughput goes into the report. These writes do not
 * depend on one another and are made at once, beside the offboarding bookkeeping; the run
 * record comes after them, so it never names a report or findings not yet stored.
 */
export async function recordRun(
  ran: RunRecord,
  request: Pick<RunRequest, 'feed' | 'config'>,
  planned: readonly Finding[],
  outcomes: ReadonlyMap<string, ActionOutcomeKind>,
  deps: RunDependencies,
  {
    htmlReport = deps.htmlReport?.begin(ran.runId),
    listed,
    offboarding,
    reportRows,
  }: RecordOptions = {},
): Promise<{ run: RunRecord; findings: StoredFinding[] }> {
  const { runs, baselines } = deps.storage;
  const findings = withOutcomes(planned, outcomes);
  const rendered = reportRows?.reportsOf(findings) ?? {
    // The CSV needs nothing of the run: it is rendered while the bookkeeping finishes the run.
    csv: renderCsvReportInTurns(findings),
    json: (run: RunRecord) => renderJsonReport(run, findings),
  };
  const [[recorded, reports]] = await Promise.all([
    // First, so that the bookkeeping's read leaves first: the JSON and HTML reports wait for it.
    finalRun(ran, request, planned, deps, offboarding).then(
      async (run) =>
        [
          run,
          await deps.reports.write(run.runId, run.startedAt, {
            json: rendered.json(run),
            csv: rendered.csv,
            html: htmlReport?.render(run, findings),
          }),
        ] as const,
    ),
    // Every finding is in the report; the store keeps the ones an admin may need to act on,
    // some of them stored already while the accounts were listed.
    listed?.flush(),
    runs.saveFindings(
      ran.runId,
      findings.filter((f) => needsReview(f) && !listed?.storesNow(f)),
    ),
    ran.status === 'quarantined'
      ? undefined
      : baselines.saveFeedBaseline({
          kind: request.feed.kind,
          records: request.feed.records.length,
          runId: ran.runId,
          acceptedAt: ran.startedAt,
        }),
  ]);
  const run = { ...recorded, finishedAt: deps.clock.now(), reports };
  await runs.saveRun(run);
  deps.log.info('recorded', { runId: run.runId, status: run.status, findings: findings.length });
  await deps.notifier.notify(summariseRun(run));
  return { run, findings };
}

/** The run as its reports show it: with its offboarding bookkeeping and its Cognito throughput. */
async function finalRun(
  ran: RunRecord,
  request: Pick<RunRequest, 'feed' | 'config'>,
  planned: readonly Finding[],
  deps: RunDependencies,
  offboarding: RunOffboardingSession | undefined,
): Promise<RunRecord> {
  const run = offboarding ? await finishOffboarding(offboarding, ran, request, planned, deps) : ran;
  return deps.quotaUsage
    ? { ...run, throughput: throughputOf(deps.quotaUsage(), request.config.rateLimits) }
    : run;
}

/** A failed run is recorded and notified; if even that fails, the log says so by error name. */
export async function recordFailure(
  run: RunRecord,
  error: unknown,
  deps: Pick<RunDependencies, 'storage' | 'notifier' | 'clock' | 'log'>,
): Promise<RunRecord> {
  const failed: RunRecord = {
    ...run,
    status: 'failed',
    error: errorName(error),
    finishedAt: deps.clock.now(),
  };
  await deps.storage.runs.saveRun(failed).catch((saveError: unknown) => {
    deps.log.warn('could not record the failed run', {
      runId: failed.runId,
      error: errorName(saveError),
    });
  });
  await deps.notifier.notify(summariseRun(failed)).catch((notifyError: unknown) => {
    deps.log.warn('could not notify the failed run', {
      runId: failed.runId,
      error: errorName(notifyError),
    });
  });
  return failed;
}

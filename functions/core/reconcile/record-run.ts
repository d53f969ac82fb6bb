import type { RunOffboardingSession } from '../offboarding/ports.js';
import { throughputOf } from '../shared/cognito-quotas.js';
import { errorName } from '../shared/errors.js';
import type { HtmlReport, ReportStore } from './ports.js';
import { renderCsvReportInTurns, renderJsonReport } from './render-report.js';
import type { RunDependencies, RunRequest } from './run-reconciliation.js';
import type { ActionOutcomeKind, RunRecord, StoredFinding } from './run-record.js';
import type { Finding } from './situation.js';
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

/**
 * The end of every run that got as far as a plan: the feed becomes the baseline (unless the
 * guard stopped it), the reports and the findings worth a review are written, then the run
 * is stored and admins are told. Cognito throughput goes into the report. The first three do
 * not depend on one another and are written at once; the run record comes after them, so it
 * never names a report or findings not yet stored.
 */
export async function recordRun(
  ran: RunRecord,
  request: Pick<RunRequest, 'feed' | 'config'>,
  planned: readonly Finding[],
  outcomes: ReadonlyMap<string, ActionOutcomeKind>,
  deps: RunDependencies,
  htmlReport: HtmlReport | undefined = deps.htmlReport?.begin(ran.runId),
): Promise<{ run: RunRecord; findings: StoredFinding[] }> {
  const { runs, baselines } = deps.storage;
  let run = ran;
  if (deps.quotaUsage) {
    run = { ...run, throughput: throughputOf(deps.quotaUsage(), request.config.rateLimits) };
  }
  const findings = withOutcomes(planned, outcomes);
  // Started before the reports are rendered, so the findings' writes overlap that work.
  const [, , reports] = await Promise.all([
    // Every finding is in the report; the store keeps the ones an admin may need to act on.
    runs.saveFindings(run.runId, findings.filter(needsReview)),
    ran.status === 'quarantined'
      ? undefined
      : baselines.saveFeedBaseline({
          kind: request.feed.kind,
          records: request.feed.records.length,
          runId: ran.runId,
          acceptedAt: ran.startedAt,
        }),
    writeReports(run, findings, deps.reports, htmlReport),
  ]);
  run = { ...run, finishedAt: deps.clock.now(), reports };
  await runs.saveRun(run);
  deps.log.info('recorded', { runId: run.runId, status: run.status, findings: findings.length });
  await deps.notifier.notify(summariseRun(run));
  return { run, findings };
}

async function writeReports(
  run: RunRecord,
  findings: readonly StoredFinding[],
  store: ReportStore,
  htmlReport: HtmlReport | undefined,
) {
  // Rendering holds the thread: the writes started beside it are let out first, and the
  // longest part, the CSV, lets their answers in as it goes.
  await new Promise((resolve) => setImmediate(resolve));
  const json = renderJsonReport(run, findings);
  const csv = await renderCsvReportInTurns(findings);
  return store.write(run.runId, run.startedAt, {
    json,
    csv,
    html: await htmlReport?.render(run, findings),
  });
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

/** Planned disables carry their outcome; those never applied (dry-run, quarantine) say so. */
export function withOutcomes(
  findings: readonly Finding[],
  outcomes: ReadonlyMap<string, ActionOutcomeKind>,
): StoredFinding[] {
  return findings.map((f) =>
    f.action === 'disable'
      ? { ...f, outcome: outcomes.get(f.actionId as string) ?? 'not_applied' }
      : f,
  );
}

/** What an admin may act on, and every planned change (an approval applies only stored ones). */
function needsReview(finding: StoredFinding): boolean {
  return finding.situation !== 'active' || !finding.enabled || finding.action !== 'none';
}

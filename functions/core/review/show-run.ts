import { type ReportFinding, reportFinding } from '../reconcile/render-report.js';
import type { RunRecord } from '../reconcile/run-record.js';
import type { Clock } from '../shared/clock.js';
import { NotFoundError, RunNotFoundError } from './errors.js';
import { type FindingsPage, type FindingsQuery, queryFindings } from './findings-query.js';
import { latestPlannedRun } from './latest-run.js';
import type { ReportArchive, ReportFormat, RunHistory } from './ports.js';
import { buildRunReport, type RunReportView } from './run-report.js';

export interface ShowRunDependencies {
  runs: RunHistory;
  reports: ReportArchive;
  clock: Clock;
  /** The console's address, for links to run pages. */
  consoleUrl?: string;
}

/** The view model of one run's report, with one page of its findings. */
export async function showRun(
  runId: string,
  query: FindingsQuery | undefined,
  deps: ShowRunDependencies,
): Promise<RunReportView> {
  const run = await getRun(runId, deps.runs);
  const { findings, complete } = await findingsOf(run, deps);
  return runReport({ run, findings, complete, query }, deps);
}

/** One page of a run's findings table. */
export async function showFindings(
  runId: string,
  query: FindingsQuery,
  deps: Pick<ShowRunDependencies, 'runs' | 'reports'>,
): Promise<FindingsPage> {
  const run = await getRun(runId, deps.runs);
  const { findings, complete } = await findingsOf(run, deps);
  return queryFindings(findings, query, complete);
}

/** The run a report is compared with: the previous run that planned, and its findings. */
export interface PreviousRun {
  run: RunRecord;
  findings: ReportFinding[];
}

/** The previous run that planned before `runId`, with the findings it kept, if there is one. */
export async function previousPlannedRun(
  runs: RunHistory,
  runId: string,
): Promise<PreviousRun | undefined> {
  const summary = await latestPlannedRun(runs, runId);
  const run = summary && (await runs.getRun(summary.runId));
  return run && { run, findings: (await runs.listFindings(run.runId)).map(reportFinding) };
}

/**
 * The view model of a run whose findings are at hand (the reconcile function writing its HTML
 * report, or a page of the console), compared with the previous run that planned (read now,
 * unless the caller started reading it earlier).
 */
export async function runReport(
  input: {
    run: RunRecord;
    findings: readonly ReportFinding[];
    complete: boolean;
    query?: FindingsQuery;
  },
  deps: Pick<ShowRunDependencies, 'runs' | 'clock' | 'consoleUrl'>,
  previous: Promise<PreviousRun | undefined> = previousPlannedRun(deps.runs, input.run.runId),
): Promise<RunReportView> {
  return buildRunReport({
    ...input,
    previous: await previous,
    now: deps.clock.now(),
    consoleUrl: deps.consoleUrl,
  });
}

/**
 * One report artifact of a run as stored; an HTML report the run did not write (it ran before
 * HTML reports existed) is rendered from its findings by `renderHtml`.
 */
export async function reportArtifact(
  runId: string,
  format: ReportFormat,
  deps: ShowRunDependencies & {
    renderHtml?: (view: RunReportView, findings: readonly ReportFinding[]) => string;
  },
): Promise<{ text: string; rendered: boolean }> {
  const run = await getRun(runId, deps.runs);
  const stored = await deps.reports.read(run, format);
  if (stored !== undefined) return { text: stored, rendered: false };
  if (format === 'html' && deps.renderHtml) {
    const { findings, complete } = await findingsOf(run, deps);
    const view = await runReport({ run, findings, complete }, deps);
    return { text: deps.renderHtml(view, findings), rendered: true };
  }
  throw new NotFoundError(`run ${runId} has no ${format} report (status ${run.status})`);
}

export async function getRun(runId: string, runs: RunHistory): Promise<RunRecord> {
  const run = await runs.getRun(runId);
  if (!run) throw new RunNotFoundError(runId);
  return run;
}

/** Every finding from the JSON report, or, without one, those the run kept for review. */
async function findingsOf(
  run: RunRecord,
  deps: Pick<ShowRunDependencies, 'runs' | 'reports'>,
): Promise<{ findings: ReportFinding[]; complete: boolean }> {
  const all = run.reports ? await deps.reports.readFindings(run) : undefined;
  if (all) return { findings: all, complete: true };
  return {
    findings: (await deps.runs.listFindings(run.runId)).map(reportFinding),
    complete: false,
  };
}

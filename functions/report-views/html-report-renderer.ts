import type { HtmlReportRenderer } from '../core/reconcile/ports.js';
import { reportFinding } from '../core/reconcile/render-report.js';
import type { RunRecord, StoredFinding } from '../core/reconcile/run-record.js';
import type { RunHistory } from '../core/review/ports.js';
import { buildRunReport } from '../core/review/run-report.js';
import { previousPlannedRun, runReport } from '../core/review/show-run.js';
import type { Clock } from '../core/shared/clock.js';
import { errorName } from '../core/shared/errors.js';
import type { EventLog } from '../core/shared/event-log.js';
import { renderReportHtml } from './html-report.js';

/**
 * The reconcile function's HTML report: the run compared with the previous run that planned,
 * rendered by the console's components. A report that cannot be rendered is logged by error name
 * and left out; the JSON and CSV reports are still written.
 */
export function htmlReportRenderer(deps: {
  runs: RunHistory;
  clock: Clock;
  log: EventLog;
  consoleUrl?: string;
  /** Where the run's other artifacts will be, named in the report (`s3://...`). */
  artifactsOf?: (run: RunRecord) => RunRecord['reports'];
}): HtmlReportRenderer {
  return {
    begin(runId) {
      const previous = previousPlannedRun(deps.runs, runId);
      // A run that fails before its report never awaits the read: its failure is seen in render.
      previous.catch(() => undefined);
      return {
        async render(run, findings) {
          try {
            const rows = findings.map(reportFinding);
            const reports = run.reports ?? deps.artifactsOf?.(run);
            const view = await runReport(
              { run: reports ? { ...run, reports } : run, findings: rows, complete: true },
              deps,
              previous,
            );
            return renderReportHtml(view, rows);
          } catch (error) {
            deps.log.warn('HTML report not rendered', { runId, error: errorName(error) });
            return undefined;
          }
        },
      };
    },
  };
}

/** The HTML report of a run planned offline (`warden reconcile --html`): no earlier run to compare. */
export function offlineReportHtml(
  run: RunRecord,
  findings: readonly StoredFinding[],
  now: Date,
): string {
  const rows = findings.map(reportFinding);
  return renderReportHtml(buildRunReport({ run, findings: rows, complete: true, now }), rows);
}

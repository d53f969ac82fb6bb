import {
  csvReport,
  csvReportRows,
  jsonReport,
  jsonReportEntries,
  REPORT_ROWS_PER_PART,
} from './render-report.js';
import type { RunRecord, StoredFinding } from './run-record.js';
import type { Finding } from './situation.js';
import { beforeApplying } from './stored-findings.js';

/**
 * A dry-run's CSV rows and JSON entries, rendered while its accounts are listed (decision 0048).
 * No finding of a dry-run changes once made, so the run's end only joins the parts, and the
 * listing, which mostly waits on Cognito, hides the rendering.
 */
export class DryRunReportRows {
  private batch: StoredFinding[] = [];
  private readonly csv: string[] = [];
  private readonly json: string[] = [];
  /** The first finding of each part, to check at the end that the parts are the run's. */
  private readonly firsts: StoredFinding[] = [];
  private rendered = 0;

  add(finding: Finding): void {
    this.batch.push(beforeApplying(finding));
    if (this.batch.length === REPORT_ROWS_PER_PART) this.renderBatch();
  }

  /**
   * The reports of `findings`, which are the findings added, in the order added; undefined if
   * they are not, and the run's end then renders its reports itself.
   */
  reportsOf(
    findings: readonly StoredFinding[],
  ): { csv: string; json(run: RunRecord): string } | undefined {
    this.renderBatch();
    const same =
      findings.length === this.rendered &&
      this.firsts.every((first, part) => {
        const f = findings[part * REPORT_ROWS_PER_PART];
        return f?.source === first.source && f.username === first.username;
      });
    if (!same) return undefined;
    return { csv: csvReport(this.csv), json: (run) => jsonReport(run, this.json) };
  }

  private renderBatch(): void {
    const [first] = this.batch;
    if (!first) return;
    this.firsts.push(first);
    this.csv.push(csvReportRows(this.batch));
    this.json.push(jsonReportEntries(this.batch));
    this.rendered += this.batch.length;
    this.batch = [];
  }
}

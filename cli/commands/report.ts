import { writeFile } from 'node:fs/promises';
import type { Command } from 'commander';
import type { ReportFormat } from '../../functions/core/review/ports.js';
import { reportArtifact } from '../../functions/core/review/show-run.js';
import { renderReportHtml } from '../../functions/report-views/html-report.js';
import { CliError } from '../exit-codes.js';
import { asCliErrors } from '../review-errors.js';
import { addReviewTarget, openReview, type TargetOptions } from '../review-target.js';

const FORMATS: readonly ReportFormat[] = ['html', 'csv', 'json'];

interface ReportOptions extends TargetOptions {
  format: string;
  out?: string;
}

/** `warden report RUN_ID`: a run's report artifact, from the reports bucket. */
export function registerReport(program: Command): Command {
  return addReviewTarget(
    program
      .command('report')
      .description(
        "a run's report (HTML, CSV or JSON) from the reports bucket; an HTML report a run did not write is rendered from its findings",
      ),
  )
    .argument('<runId>', 'the run id')
    .option('--format <format>', 'html, csv or json', 'html')
    .option('--out <file>', 'write it to this file (default: standard output)')
    .action((runId: string, options: ReportOptions) =>
      asCliErrors(async () => {
        const format = options.format as ReportFormat;
        if (!FORMATS.includes(format))
          throw new CliError(`--format: must be one of ${FORMATS.join(', ')}`);
        const { services } = await openReview(options);
        const { text, rendered } = await reportArtifact(runId, format, {
          ...services,
          renderHtml: renderReportHtml,
        });
        if (!options.out) {
          if (options.json) console.log(JSON.stringify({ runId, format, rendered, content: text }));
          else process.stdout.write(text);
          return;
        }
        await writeFile(options.out, text);
        const bytes = Buffer.byteLength(text);
        if (options.json)
          console.log(JSON.stringify({ runId, format, rendered, out: options.out, bytes }));
        else
          console.log(
            `${format.toUpperCase()} report of run ${runId} written to ${options.out} (${bytes} bytes${rendered ? ', rendered from the run' : ''})`,
          );
      }),
    );
}

import { writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { toAccount } from '../../functions/aws/cognito-user.js';
import { randomRunIds, systemClock } from '../../functions/aws/system.js';
import { renderJsonReport } from '../../functions/core/reconcile/render-report.js';
import { whatIf } from '../../functions/core/reconcile/what-if.js';
import { DEFAULT_CORRELATION_ATTRIBUTE } from '../../functions/core/shared/employee-id-attribute.js';
import { offlineReportHtml } from '../../functions/report-views/html-report-renderer.js';
import { loadAccountsFile } from '../accounts-input.js';
import { EXIT } from '../exit-codes.js';
import { type FeedCliOptions, loadConfig, loadFeed } from '../feed-input.js';
import { momentOf } from '../moment.js';
import { addFeedOptions } from '../options.js';
import { formatRun } from '../print-run.js';

interface ReconcileOptions extends FeedCliOptions {
  hr: string;
  accountsFrom: string;
  dryRun?: boolean;
  json?: boolean;
  at?: string;
  allowPartial?: boolean;
  html?: string;
}

export function registerReconcile(program: Command): void {
  addFeedOptions(
    program
      .command('reconcile')
      .description(
        'offline what-if: plan a reconciliation of an HR feed against accounts from a file; no AWS involved',
      )
      .requiredOption('--hr <file>', 'HR feed (CSV or JSON)')
      .requiredOption(
        '--accounts-from <file>',
        'accounts as `aws cognito-idp list-users` prints them (one page, an array of pages, or an array of users)',
      )
      .option('--dry-run', 'plan only (offline runs always are: nothing is reachable to change)')
      .option('--json', 'print the report as JSON')
      .option(
        '--at <datetime>',
        'plan as if it were this moment (ISO 8601 with offset; default now)',
      )
      .option('--html <file>', 'also write the self-contained HTML report of the plan to this file')
      .option(
        '--allow-partial',
        'accept an export whose last page still has a pagination token; orphans are then not decided',
      ),
  ).action((options: ReconcileOptions) => {
    const now = momentOf(options.at, systemClock);
    const config = loadConfig(options);
    const feed = loadFeed(options.hr, config);
    const source = config.accountSources[0];
    const pool = source?.userPoolId ?? 'file';
    const { users, incomplete } = loadAccountsFile(
      options.accountsFrom,
      pool,
      options.allowPartial === true,
    );
    const attribute = source?.correlationAttribute ?? DEFAULT_CORRELATION_ATTRIBUTE;
    const accounts = users.map((user) => toAccount(user, pool, attribute));
    const { run, findings } = whatIf(feed, accounts, config, now, randomRunIds.runId(now), {
      accountsIncomplete: incomplete,
    });
    if (options.html) writeFileSync(options.html, offlineReportHtml(run, findings, now));
    if (options.json) console.log(renderJsonReport(run, findings));
    else {
      console.log(formatRun(run, findings));
      if (!options.dryRun)
        console.log('  (offline: a plan only; deploy Warden or run `warden demo` to apply one)');
    }
    process.exitCode = run.status === 'quarantined' ? EXIT.quarantined : EXIT.ok;
  });
}

import type { Command } from 'commander';
import { listUsersOutputSchema, toAccount } from '../../functions/aws/cognito-user.js';
import { randomRunIds, systemClock } from '../../functions/aws/system.js';
import { renderJsonReport } from '../../functions/core/reconcile/render-report.js';
import { whatIf } from '../../functions/core/reconcile/what-if.js';
import { DEFAULT_CORRELATION_ATTRIBUTE } from '../../functions/core/shared/employee-id-attribute.js';
import { CliError, EXIT } from '../exit-codes.js';
import { type FeedCliOptions, loadConfig, loadFeed, readJson } from '../feed-input.js';
import { addFeedOptions } from '../options.js';
import { formatRun } from '../print-run.js';

interface ReconcileOptions extends FeedCliOptions {
  hr: string;
  accountsFrom: string;
  dryRun?: boolean;
  json?: boolean;
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
        'accounts as `aws cognito-idp list-users` prints them (one page or an array of pages)',
      )
      .option('--dry-run', 'plan only (offline runs always are: nothing is reachable to change)')
      .option('--json', 'print the report as JSON'),
  ).action((options: ReconcileOptions) => {
    const config = loadConfig(options);
    const feed = loadFeed(options.hr, config);
    const accountsFile = listUsersOutputSchema.safeParse(
      readJson(options.accountsFrom, 'accounts file'),
    );
    if (!accountsFile.success) {
      const issue = accountsFile.error.issues[0];
      throw new CliError(
        `${options.accountsFrom}: not the output of list-users: ${issue?.path.join('.')}: ${issue?.message}`,
      );
    }
    const pages = Array.isArray(accountsFile.data) ? accountsFile.data : [accountsFile.data];
    const source = config.accountSources[0];
    const attribute = source?.correlationAttribute ?? DEFAULT_CORRELATION_ATTRIBUTE;
    const accounts = pages.flatMap((page) =>
      page.Users.map((user) => toAccount(user, source?.userPoolId ?? 'file', attribute)),
    );
    const now = systemClock.now();
    const { run, findings } = whatIf(feed, accounts, config, now, randomRunIds.runId(now));
    if (options.json) console.log(renderJsonReport(run, findings));
    else {
      console.log(formatRun(run, findings));
      if (!options.dryRun)
        console.log('  (offline: a plan only; deploy Warden or run `warden demo` to apply one)');
    }
    process.exitCode = run.status === 'quarantined' ? EXIT.quarantined : EXIT.ok;
  });
}

import type { Command } from 'commander';
import { systemClock } from '../../functions/aws/system.js';
import type { ReconcileConfig } from '../../functions/core/config/reconcile-config.js';
import { pastTerminationsOfActive, summariseFeed } from '../../functions/core/hr/feed-counts.js';
import { type FeedResult, formatProblem } from '../../functions/core/hr/hr-record.js';
import { CliError, EXIT } from '../exit-codes.js';
import { type FeedCliOptions, loadConfig, readFeed } from '../feed-input.js';
import { momentOf } from '../moment.js';
import { addFeedOptions } from '../options.js';

interface ValidateOptions extends FeedCliOptions {
  json?: boolean;
  at?: string;
}

export function registerHrValidate(hr: Command): void {
  addFeedOptions(
    hr
      .command('validate')
      .description(
        'check an HR feed (CSV or JSON); exit 0 when valid, 2 with one line per problem when not',
      )
      .argument('<file>', 'the feed: .csv, or .json')
      .option(
        '--json',
        'print { valid, kind, records, active, leavers, futureLeavers, problems: [{ line, field, reason }] }',
      )
      .option('--at <datetime>', 'count future leavers as of this moment (default now)'),
  ).action((file: string, options: ValidateOptions) => {
    const now = momentOf(options.at, systemClock);
    const config = loadConfig(options);
    const result = options.json ? readFeedOrSayWhyNot(file, config) : readFeed(file, config);
    const summary = summariseFeed(result, config.feed.kind, now);
    process.exitCode = result.ok ? EXIT.ok : EXIT.invalidInput;
    if (options.json) {
      console.log(JSON.stringify(summary, null, 2));
      return;
    }
    if (!result.ok) {
      console.error(result.problems.map((p) => formatProblem(file, p)).join('\n'));
      return;
    }
    console.log(
      `${file}: valid ${summary.kind} feed: ${summary.records} records, ${summary.active} active, ${summary.leavers} leavers, ${summary.futureLeavers} future leavers (dates in ${config.feed.timeZone})`,
    );
    const conflicts = pastTerminationsOfActive(result, now);
    if (conflicts > 0) {
      console.log(
        `  note: ${conflicts} active record(s) have a termination date that has passed: HR conflicts, reported as disputed and never acted on`,
      );
    }
    for (const note of result.feed.notes ?? []) console.log(`  note: ${note}`);
  });
}

/** For `--json`: a feed that cannot be read is a problem of the whole file, printed like the others. */
function readFeedOrSayWhyNot(file: string, config: ReconcileConfig): FeedResult {
  try {
    return readFeed(file, config);
  } catch (error) {
    if (!(error instanceof CliError)) throw error;
    return { ok: false, problems: [{ location: null, field: null, reason: error.message }] };
  }
}

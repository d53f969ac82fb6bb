import type { Command } from 'commander';
import { type FeedCliOptions, loadConfig, loadFeed } from '../feed-input.js';
import { addFeedOptions } from '../options.js';

export function registerHrValidate(program: Command): void {
  const hr = program.command('hr').description('work with HR feeds');
  addFeedOptions(
    hr
      .command('validate')
      .description(
        'check an HR feed (CSV or JSON); exit 0 when valid, 2 with one line per problem when not',
      )
      .argument('<file>', 'the feed: .csv, or .json'),
  ).action((file: string, options: FeedCliOptions) => {
    const config = loadConfig(options);
    const feed = loadFeed(file, config);
    const leavers = feed.records.filter((r) => r.status === 'leaver').length;
    console.log(
      `${file}: valid ${feed.kind} feed: ${feed.records.length} records, ${feed.records.length - leavers} active, ${leavers} leavers (dates in ${config.feed.timeZone})`,
    );
  });
}

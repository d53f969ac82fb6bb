import type { Command } from 'commander';

const collect = (value: string, previous: string[] = []) => [...previous, value];

/** Feed options shared by every command that reads an HR feed. */
export function addFeedOptions(command: Command): Command {
  return command
    .option(
      '--map <column=header>',
      'read a canonical column from another header (repeatable)',
      collect,
    )
    .option('--leavers-only', 'the feed lists only leavers: orphans are not decided')
    .option('--time-zone <zone>', 'IANA zone in which a date-only last_day ends (default UTC)')
    .option('--config <file>', 'Warden configuration (JSON)');
}

import type { Command } from 'commander';
import { PRESET_NAMES } from '../functions/core/hr/presets/index.js';

const collect = (value: string, previous: string[] = []) => [...previous, value];

/** Feed options shared by every command that reads an HR feed. */
export function addFeedOptions(command: Command): Command {
  return command
    .option(
      '--preset <name>',
      `read the export of an HR system as it comes: ${PRESET_NAMES.join(', ')} (see \`warden hr presets\`)`,
    )
    .option(
      '--map <column=header>',
      'read a canonical column from another header (repeatable)',
      collect,
    )
    .option(
      '--status-map <status=values...>',
      "HR's status values, e.g. leaver=Inactive,Terminated active=Active,Onboarding",
    )
    .option('--status-from-date', 'no status column: a record with a last day is a leaver')
    .option(
      '--date-format <format>',
      'format of date-only last days besides YYYY-MM-DD, e.g. MM/DD/YYYY (repeatable)',
      collect,
    )
    .option(
      '--delimiter <char>',
      "field delimiter (default: detected from the header); 'tab' for a tab",
    )
    .option(
      '--header-rows <n>',
      'header rows at the top; names are read from the first (default 1)',
    )
    .option('--encoding <label>', 'character encoding when not UTF-8, e.g. windows-1252')
    .option(
      '--undated-leavers <rule>',
      'a leaver without a last day: reject (default) or already_left',
    )
    .option('--leavers-only', 'the feed lists only leavers: orphans are not decided')
    .option('--time-zone <zone>', 'IANA zone in which a date-only last_day ends (default UTC)')
    .option(
      '--config <file>',
      "Warden configuration (JSON): the reconcile function's, or a deployment's (its reconcile part)",
    );
}

import { z } from 'zod';
import { type ColumnMap, HR_COLUMNS } from '../functions/core/hr/hr-record.js';
import type { StatusMap } from '../functions/core/hr/status-values.js';
import { CliError } from './exit-codes.js';

/** Feed options every command that reads an HR feed accepts, as commander hands them over. */
export interface FeedFlags {
  preset?: string;
  map?: string[];
  statusMap?: string[];
  statusFromDate?: boolean;
  dateFormat?: string[];
  delimiter?: string;
  headerRows?: string;
  encoding?: string;
  undatedLeavers?: string;
  leaversOnly?: boolean;
  timeZone?: string;
}

/**
 * The command line's feed options as `feed` configuration keys, to lay over the configuration
 * file's `feed` section. Values are checked with the configuration, so errors name the field.
 */
export function feedSectionFromFlags(flags: FeedFlags): Record<string, unknown> {
  const feed: Record<string, unknown> = {};
  if (flags.preset !== undefined) feed.preset = flags.preset;
  if (flags.leaversOnly) feed.kind = 'leavers';
  if (flags.timeZone) feed.timeZone = flags.timeZone;
  if (flags.map?.length) feed.columnMap = parseColumnMap(flags.map);
  if (flags.statusMap?.length) feed.statusMap = parseStatusMap(flags.statusMap);
  if (flags.statusFromDate) feed.statusFromDate = true;
  if (flags.dateFormat?.length) feed.dateFormats = flags.dateFormat;
  if (flags.delimiter !== undefined) feed.delimiter = parseDelimiter(flags.delimiter);
  if (flags.headerRows !== undefined)
    feed.headerRows = parseCount('--header-rows', flags.headerRows);
  if (flags.encoding !== undefined) feed.encoding = flags.encoding;
  if (flags.undatedLeavers !== undefined) feed.undatedLeavers = flags.undatedLeavers;
  return feed;
}

const columnSchema = z.enum(HR_COLUMNS);

/** `--map employee_id="Personnel No"` (repeatable): canonical column = column in the export. */
export function parseColumnMap(specs: string[]): ColumnMap {
  const map: ColumnMap = {};
  for (const spec of specs) {
    const at = spec.indexOf('=');
    const column = columnSchema.safeParse(spec.slice(0, at).trim());
    if (at < 0 || !column.success || spec.slice(at + 1).trim() === '') {
      throw new CliError(
        `--map ${spec}: expected COLUMN=HEADER with COLUMN one of ${HR_COLUMNS.join(', ')}`,
      );
    }
    map[column.data] = spec.slice(at + 1).trim();
  }
  return map;
}

/** `--status-map leaver=Inactive,Terminated active=Active,Onboarding`: HR's values per status. */
export function parseStatusMap(specs: string[]): StatusMap {
  const map: StatusMap = {};
  for (const spec of specs) {
    const [status, values] = [
      spec.slice(0, spec.indexOf('=')).trim(),
      spec.slice(spec.indexOf('=') + 1),
    ];
    const list = values
      .split(',')
      .map((v) => v.trim())
      .filter(Boolean);
    if (!spec.includes('=') || (status !== 'active' && status !== 'leaver') || list.length === 0) {
      throw new CliError(
        `--status-map ${spec}: expected active=VALUE[,VALUE...] or leaver=VALUE[,VALUE...]`,
      );
    }
    map[status] = [...(map[status] ?? []), ...list];
  }
  return map;
}

/** A tab is hard to type: `tab` and `\t` stand for it. */
function parseDelimiter(value: string): string {
  return value === 'tab' || value === '\\t' ? '\t' : value;
}

function parseCount(option: string, value: string): number {
  if (!/^\d+$/.test(value)) throw new CliError(`${option} ${value}: expected a whole number`);
  return Number(value);
}

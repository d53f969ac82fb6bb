import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { z } from 'zod';
import {
  parseReconcileConfig,
  type ReconcileConfig,
} from '../functions/core/config/reconcile-config.js';
import {
  type ColumnMap,
  formatProblem,
  HR_COLUMNS,
  type HrFeed,
} from '../functions/core/hr/hr-record.js';
import { parseFeed } from '../functions/core/hr/parse-feed.js';
import { ConfigError } from '../functions/core/shared/errors.js';
import { CliError } from './exit-codes.js';

/** Options every command that reads an HR feed accepts. */
export interface FeedCliOptions {
  map?: string[];
  leaversOnly?: boolean;
  timeZone?: string;
  config?: string;
}

export function readText(file: string, what: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    throw new CliError(
      `cannot read ${what} ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
    );
  }
}

export function readJson(file: string, what: string): unknown {
  const text = readText(file, what);
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new CliError(`${file}: not valid JSON: ${(error as Error).message}`);
  }
}

/** The configuration file (when given) with the command line's feed options on top. */
export function loadConfig(
  options: FeedCliOptions,
  overrides: Record<string, unknown> = {},
): ReconcileConfig {
  const fromFile = options.config
    ? (readJson(options.config, 'configuration') as Record<string, unknown>)
    : {};
  const feed = { ...((fromFile.feed as object | undefined) ?? {}) } as Record<string, unknown>;
  if (options.leaversOnly) feed.kind = 'leavers';
  if (options.timeZone) feed.timeZone = options.timeZone;
  if (options.map?.length) feed.columnMap = parseColumnMap(options.map);
  try {
    return parseReconcileConfig(
      { ...fromFile, ...overrides, feed },
      options.config ?? 'command line',
    );
  } catch (error) {
    if (error instanceof ConfigError) throw new CliError(error.message);
    throw error;
  }
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

/** Reads and validates a feed; on any problem, a CliError lists one `file:line: field: reason` per line. */
export function loadFeed(file: string, config: ReconcileConfig): HrFeed {
  const result = parseFeed(readText(file, 'HR feed'), {
    kind: config.feed.kind,
    timeZone: config.feed.timeZone,
    columnMap: config.feed.columnMap,
    source: basename(file),
  });
  if (result.ok) return result.feed;
  throw new CliError(result.problems.map((p) => formatProblem(file, p)).join('\n'));
}

import { CsvError, parse } from 'csv-parse/sync';
import { checkFeed } from './check-feed.js';
import type { FeedOptions } from './feed-options.js';
import {
  type FeedProblem,
  type FeedResult,
  HR_COLUMNS,
  type HrColumn,
  type HrRecord,
} from './hr-record.js';
import { parseHrRow } from './hr-row.js';

/**
 * Parses the canonical CSV feed (RFC 4180, UTF-8 with or without BOM, extra columns ignored).
 * Every problem is collected; one problem anywhere rejects the whole feed.
 */
export function parseCsvFeed(text: string, options: FeedOptions): FeedResult {
  let rows: { record: string[]; info: { lines: number } }[];
  try {
    // With `info`, each row comes with the line it started on.
    rows = parse(text, {
      bom: true,
      info: true,
      skip_empty_lines: true,
      relax_column_count: true,
    }) as unknown as typeof rows;
  } catch (error) {
    if (error instanceof CsvError) {
      const line = (error as CsvError & { lines?: number }).lines;
      return fail({
        location: line ? String(line) : null,
        field: null,
        reason: `malformed CSV: ${error.message}`,
      });
    }
    throw error;
  }
  const [header, ...body] = rows;
  if (!header) return fail({ location: null, field: null, reason: 'the feed is empty' });

  const columnIndex = resolveColumns(header.record, options);
  if ('problems' in columnIndex) return { ok: false, problems: columnIndex.problems };
  if (body.length === 0) {
    return fail({ location: null, field: null, reason: 'the feed has a header but no records' });
  }

  const records: HrRecord[] = [];
  const problems: FeedProblem[] = [];
  for (const { record: cells, info } of body) {
    const location = String(info.lines);
    if (cells.length !== header.record.length) {
      problems.push({
        location,
        field: null,
        reason: `has ${cells.length} fields but the header has ${header.record.length}${
          cells.length > header.record.length ? ' (an unquoted comma?)' : ''
        }`,
      });
      continue;
    }
    const row: Record<string, string | undefined> = {};
    for (const column of HR_COLUMNS) {
      const index = columnIndex.indexes[column];
      row[column] = index === undefined ? undefined : cells[index];
    }
    const result = parseHrRow(row, location, options.timeZone);
    if ('record' in result) records.push(result.record);
    else problems.push(...result.problems);
  }
  return checkFeed(records, problems, options);
}

/** Finds each canonical column in the header, through the column map when one is given. */
function resolveColumns(
  header: string[],
  options: FeedOptions,
): { indexes: Partial<Record<HrColumn, number>> } | { problems: FeedProblem[] } {
  const normalised = header.map((name) => name.trim().toLowerCase());
  const indexes: Partial<Record<HrColumn, number>> = {};
  const problems: FeedProblem[] = [];
  for (const column of HR_COLUMNS) {
    const wanted = (options.columnMap?.[column] ?? column).trim().toLowerCase();
    const index = normalised.indexOf(wanted);
    if (index >= 0) indexes[column] = index;
    else if (column !== 'display_name' && column !== 'last_day') {
      const mapped = options.columnMap?.[column]
        ? ` (mapped from "${options.columnMap[column]}")`
        : '';
      problems.push({
        location: '1',
        field: column,
        reason: `column is missing from the header${mapped}`,
      });
    }
  }
  if (indexes.last_day === undefined && options.kind === 'leavers') {
    problems.push({
      location: '1',
      field: 'last_day',
      reason: 'column is required in a leavers feed',
    });
  }
  return problems.length > 0 ? { problems } : { indexes };
}

function fail(problem: FeedProblem): FeedResult {
  return { ok: false, problems: [problem] };
}

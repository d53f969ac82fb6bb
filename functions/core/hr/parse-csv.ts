import { pipeline } from 'node:stream/promises';
import { type Options, parse as parseStream } from 'csv-parse';
import { CsvError, parse } from 'csv-parse/sync';
import { checkFeed } from './check-feed.js';
import type { FeedOptions } from './feed-options.js';
import { type FeedRules, feedRules } from './feed-rules.js';
import { delimiterName, headerColumns, headerDelimiter } from './header-delimiter.js';
import {
  type FeedProblem,
  type FeedResult,
  HR_COLUMNS,
  type HrColumn,
  type HrRecord,
} from './hr-record.js';
import { rowReader } from './hr-row.js';
import { lineNumbers } from './line-numbers.js';

/**
 * Parses a CSV feed (RFC 4180, extra columns ignored) by the feed's rules: the delimiter
 * (declared, or detected from the header), header rows, column names, status values and dates.
 * Every problem is collected; one problem anywhere rejects the whole feed.
 */
export function parseCsvFeed(text: string, options: FeedOptions, notes: string[] = []): FeedResult {
  const reader = csvFeedReader(text, options, notes);
  try {
    parse(reader.bytes, reader.csvOptions);
  } catch (error) {
    return reader.failed(error);
  }
  return reader.result();
}

/**
 * The same, `CHUNK_BYTES` at a time, letting other work run between chunks: a run's listing goes
 * on while its feed is read.
 */
export async function parseCsvFeedInTurns(
  text: string,
  options: FeedOptions,
  notes: string[] = [],
): Promise<FeedResult> {
  const reader = csvFeedReader(text, options, notes);
  try {
    const parser = parseStream(reader.csvOptions);
    // Every record is taken by `on_record`: nothing is left to read from the parser.
    parser.resume();
    await pipeline(inTurns(reader.bytes), parser);
  } catch (error) {
    return reader.failed(error);
  }
  return reader.result();
}

/**
 * About a hundred rows of a typical feed: 2–4 ms of parsing and checking. An answer to one of the
 * listing's requests takes several turns to read, each of which may wait for a chunk, so chunks
 * stay small against the listing's 35 ms bucket slot (decision 0050).
 */
const CHUNK_BYTES = 4 * 1024;

async function* inTurns(bytes: Buffer): AsyncGenerator<Buffer> {
  for (let at = 0; at < bytes.length; at += CHUNK_BYTES) {
    await new Promise((resolve) => setImmediate(resolve));
    yield bytes.subarray(at, at + CHUNK_BYTES);
  }
}

/** What both ways of parsing share: csv-parse's options, each row's checks, and the result. */
function csvFeedReader(text: string, options: FeedOptions, notes: string[]) {
  const rules = feedRules(options);
  const delimiter = rules.delimiter ?? headerDelimiter(text);
  const readNotes = [...notes];
  if (!rules.delimiter && delimiter !== ',') {
    readNotes.push(
      `fields are separated by ${delimiterName(delimiter)}s, detected from the header`,
    );
  }
  const readRow = rowReader(rules);
  const records: HrRecord[] = [];
  const problems: FeedProblem[] = [];
  let header: string[] | undefined;
  let columns: ReturnType<typeof resolveColumns> | undefined;
  let rowsRead = 0;
  const bytes = Buffer.from(text);
  const lines = lineNumbers(bytes);
  // Where the next row starts: csv-parse counts a quoted CRLF as two lines and gives the line a
  // row ends on, so lines are counted here, from each row's first byte.
  let nextRow = 0;
  const lineOfNextRow = () => lines.lineAt(lines.skipLineBreaks(nextRow));
  // Each row is checked as the parser reaches it and then dropped: only records and problems
  // are kept, never the list of every raw row (a large feed would need several times its size).
  const readCells = (cells: string[], line: number) => {
    rowsRead++;
    if (!header) {
      header = cells;
      columns = resolveColumns(cells, rules, text, delimiter);
    }
    // Names come from the first header row; the others (e.g. labels under system keys) are skipped.
    if (rowsRead <= rules.headerRows || !columns || 'problems' in columns) return;
    const location = String(line);
    if (cells.length !== header.length) {
      problems.push({
        location,
        field: null,
        reason: `has ${cells.length} fields but the header has ${header.length}${
          cells.length > header.length ? ` (an unquoted ${delimiterName(delimiter)}?)` : ''
        }`,
      });
      return;
    }
    const row: Record<string, string | undefined> = {};
    for (const column of HR_COLUMNS) {
      const index = columns.indexes[column];
      row[column] = index === undefined ? undefined : cells[index];
    }
    const result = readRow(row, location);
    if ('record' in result) records.push(result.record);
    else problems.push(...result.problems);
  };
  const csvOptions: Options = {
    bom: true,
    delimiter,
    // Any line ending, even mixed in one file (CRLF must come first to be one break, not two).
    record_delimiter: ['\r\n', '\n', '\r'],
    skip_empty_lines: true,
    relax_column_count: true,
    on_record: (cells: string[], info: { bytes: number }) => {
      readCells(cells, lineOfNextRow());
      nextRow = info.bytes;
      return null;
    },
  };

  return {
    bytes,
    csvOptions,
    /** csv-parse's own "at line N" counts differently: the row that broke is named instead. */
    failed(error: unknown): FeedResult {
      if (!(error instanceof CsvError)) throw error;
      return fail({
        location: String(lineOfNextRow()),
        field: null,
        reason: `malformed CSV: ${error.message.replace(/ at line \d+/, '')}`,
      });
    },
    result(): FeedResult {
      if (!header || !columns)
        return fail({ location: null, field: null, reason: 'the feed is empty' });
      if ('problems' in columns) return { ok: false, problems: columns.problems };
      const bodyRows = Math.max(0, rowsRead - rules.headerRows);
      if (bodyRows === 0) {
        return fail({
          location: null,
          field: null,
          reason: 'the feed has a header but no records',
        });
      }
      return checkFeed(records, problems, rules, options.source, {
        rows: bodyRows,
        notes: readNotes,
      });
    },
  };
}

/** Finds each canonical column in the header, under the names the rules give it. */
function resolveColumns(
  header: string[],
  rules: FeedRules,
  text: string,
  delimiter: string,
): { indexes: Partial<Record<HrColumn, number>> } | { problems: FeedProblem[] } {
  const normalised = header.map((name) => name.trim().toLowerCase());
  const indexes: Partial<Record<HrColumn, number>> = {};
  const problems: FeedProblem[] = [];
  const optional = new Set<HrColumn>(['display_name', 'last_day']);
  if (rules.statusFromDate) optional.add('status');
  for (const column of HR_COLUMNS) {
    const name = rules.columns[column]
      .map((n) => n.trim().toLowerCase())
      .find((n) => normalised.includes(n));
    const index = name === undefined ? undefined : normalised.indexOf(name);
    const again = name === undefined ? -1 : normalised.indexOf(name, (index as number) + 1);
    if (index !== undefined && again >= 0) {
      problems.push({
        location: '1',
        field: column,
        reason: `the header has this column twice (columns ${index + 1} and ${again + 1}): map the one to read with --map (or feed.columnMap)`,
      });
    } else if (index !== undefined) indexes[column] = index;
    else if (!optional.has(column)) {
      const origin = rules.columnOrigin[column];
      problems.push({
        location: '1',
        field: column,
        reason: `column is missing from the header${origin ? ` (${origin})` : ''}`,
      });
    }
  }
  const lastDayNeeded =
    rules.statusFromDate || (rules.kind === 'leavers' && rules.undatedLeavers === 'reject');
  if (indexes.last_day === undefined && lastDayNeeded) {
    problems.push({
      location: '1',
      field: 'last_day',
      reason: rules.statusFromDate
        ? 'column is required when the status comes from the date'
        : 'column is required in a leavers feed',
    });
  }
  if (problems.length > 0 && header.length === 1) {
    const other = [';', '\t', '|', ','].find((d) => d !== delimiter && headerColumns(text, d) > 1);
    if (other) {
      problems.unshift({
        location: '1',
        field: null,
        reason: `the header is one column when split by ${delimiterName(delimiter)}s but splits by ${delimiterName(other)}s: set --delimiter '${other === '\t' ? '\\t' : other}' (or feed.delimiter)`,
      });
    }
  }
  return problems.length > 0 ? { problems } : { indexes };
}

function fail(problem: FeedProblem): FeedResult {
  return { ok: false, problems: [problem] };
}

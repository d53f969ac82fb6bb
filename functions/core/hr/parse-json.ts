import { type ParseError, parseTree, printParseErrorCode } from 'jsonc-parser';
import { checkFeed } from './check-feed.js';
import type { FeedOptions } from './feed-options.js';
import { feedRules } from './feed-rules.js';
import { type FeedProblem, type FeedResult, HR_COLUMNS, type HrRecord } from './hr-record.js';
import { rowReader } from './hr-row.js';

/**
 * Parses the JSON form of the feed: an array of records with the canonical keys (or the keys the
 * rules map them from), or `{ "records": [...] }`. Locations are 1-based record numbers.
 */
export function parseJsonFeed(
  text: string,
  options: FeedOptions,
  notes: string[] = [],
): FeedResult {
  const body = text.replace(/^\uFEFF/, '');
  let document: unknown;
  try {
    document = JSON.parse(body);
  } catch {
    return invalidJson(body);
  }
  const items = Array.isArray(document)
    ? document
    : isObject(document) && Array.isArray(document.records)
      ? document.records
      : undefined;
  if (!items) return fail('must be an array of records or an object with a "records" array');
  if (items.length === 0) return fail('the feed has no records');

  const rules = feedRules(options);
  const readRow = rowReader(rules);
  const records: HrRecord[] = [];
  const problems: FeedProblem[] = [];
  items.forEach((item: unknown, index: number) => {
    const location = `record ${index + 1}`;
    if (!isObject(item)) {
      problems.push({ location, field: null, reason: 'must be an object' });
      return;
    }
    const row: Record<string, unknown> = {};
    for (const column of HR_COLUMNS) {
      const key = rules.columns[column].find((name) => Object.hasOwn(item, name));
      const value = key === undefined ? undefined : item[key];
      row[column] = value === null ? undefined : value;
    }
    const result = readRow(row, location);
    if ('record' in result) records.push(result.record);
    else problems.push(...result.problems);
  });
  return checkFeed(records, problems, rules, options.source, { rows: items.length, notes });
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function fail(reason: string, location: string | null = null): FeedResult {
  return { ok: false, problems: [{ location, field: null, reason }] };
}

/**
 * Where and why a text is not JSON. JSON.parse says it differently on each Node version, often
 * without a position and quoting the text around the error (HR data); jsonc-parser, as strict as
 * JSON.parse here, gives the offset and a code name instead.
 */
function invalidJson(body: string): FeedResult {
  const errors: ParseError[] = [];
  parseTree(body, errors, { disallowComments: true, allowTrailingComma: false });
  const [first] = errors;
  if (!first) return fail('is not valid JSON');
  const before = body.slice(0, first.offset);
  const line = before.split('\n').length;
  const column = first.offset - before.lastIndexOf('\n');
  return fail(
    `is not valid JSON at line ${line}, column ${column}: ${printParseErrorCode(first.error)}`,
    String(line),
  );
}

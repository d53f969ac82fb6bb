import type { FeedOptions } from './feed-options.js';
import type { FeedResult } from './hr-record.js';
import { parseCsvFeed } from './parse-csv.js';
import { parseJsonFeed } from './parse-json.js';

/** Picks the parser by the source's extension: `.json` is JSON, anything else CSV. */
export function parseFeed(text: string, options: FeedOptions): FeedResult {
  return options.source.toLowerCase().endsWith('.json')
    ? parseJsonFeed(text, options)
    : parseCsvFeed(text, options);
}

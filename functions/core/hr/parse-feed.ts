import { decodeFeed } from './decode-feed.js';
import type { FeedOptions } from './feed-options.js';
import type { FeedResult } from './hr-record.js';
import { parseCsvFeed } from './parse-csv.js';
import { parseJsonFeed } from './parse-json.js';

/**
 * Reads a feed as it was exported: bytes are decoded first (UTF-8 unless an encoding is
 * declared), text is taken as it is. The source's extension picks the parser: `.json` is JSON,
 * anything else CSV.
 */
export function parseFeed(input: string | Uint8Array, options: FeedOptions): FeedResult {
  let text = input as string;
  const notes: string[] = [];
  if (typeof input !== 'string') {
    const decoded = decodeFeed(input, options.encoding);
    if (!decoded.ok) return { ok: false, problems: [decoded.problem] };
    text = decoded.text;
    if (decoded.note) notes.push(decoded.note);
  }
  return options.source.toLowerCase().endsWith('.json')
    ? parseJsonFeed(text, options, notes)
    : parseCsvFeed(text, options, notes);
}

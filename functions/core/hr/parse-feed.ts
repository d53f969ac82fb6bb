import { decodeFeed } from './decode-feed.js';
import type { FeedOptions } from './feed-options.js';
import { DEFAULT_FEED_MAX_BYTES } from './feed-settings.js';
import type { FeedProblem, FeedResult } from './hr-record.js';
import { parseCsvFeed } from './parse-csv.js';
import { parseJsonFeed } from './parse-json.js';

/**
 * Reads a feed as it was exported: bytes are decoded first (UTF-8 unless an encoding is
 * declared), text is taken as it is. The source's extension picks the parser: `.json` is JSON,
 * anything else CSV. Bytes beyond the size limit (readers stop one byte past it) are refused.
 */
export function parseFeed(input: string | Uint8Array, options: FeedOptions): FeedResult {
  let text = input as string;
  const notes: string[] = [];
  if (typeof input !== 'string') {
    const maxBytes = options.maxBytes ?? DEFAULT_FEED_MAX_BYTES;
    if (input.length > maxBytes) return { ok: false, problems: [tooLarge(maxBytes)] };
    const decoded = decodeFeed(input, options.encoding);
    if (!decoded.ok) return { ok: false, problems: [decoded.problem] };
    text = decoded.text;
    if (decoded.note) notes.push(decoded.note);
  }
  return options.source.toLowerCase().endsWith('.json')
    ? parseJsonFeed(text, options, notes)
    : parseCsvFeed(text, options, notes);
}

function tooLarge(maxBytes: number): FeedProblem {
  return {
    location: null,
    field: null,
    reason: `the feed is larger than ${maxBytes} bytes, the most a feed may be (feed.maxBytes): split it, or raise the limit together with the memory of what reads it`,
  };
}

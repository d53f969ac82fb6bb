import { decodeFeed } from './decode-feed.js';
import type { FeedOptions } from './feed-options.js';
import { DEFAULT_FEED_MAX_BYTES } from './feed-settings.js';
import type { FeedProblem, FeedResult } from './hr-record.js';
import { parseCsvFeed, parseCsvFeedInTurns } from './parse-csv.js';
import { parseJsonFeed } from './parse-json.js';

/**
 * Reads a feed as it was exported: bytes are decoded first (UTF-8 unless an encoding is
 * declared), text is taken as it is. The source's extension picks the parser: `.json` is JSON,
 * anything else CSV. Bytes beyond the size limit (readers stop one byte past it) are refused.
 */
export function parseFeed(input: string | Uint8Array, options: FeedOptions): FeedResult {
  const decoded = decodeInput(input, options);
  if ('ok' in decoded) return decoded;
  return isJson(options)
    ? parseJsonFeed(decoded.text, options, decoded.notes)
    : parseCsvFeed(decoded.text, options, decoded.notes);
}

/**
 * The same result, with a CSV feed parsed a chunk at a time so that other work (a run's listing)
 * goes on in between. A JSON feed is parsed at once.
 */
export function parseFeedInTurns(
  input: string | Uint8Array,
  options: FeedOptions,
): Promise<FeedResult> {
  const decoded = decodeInput(input, options);
  if ('ok' in decoded) return Promise.resolve(decoded);
  return isJson(options)
    ? Promise.resolve(parseJsonFeed(decoded.text, options, decoded.notes))
    : parseCsvFeedInTurns(decoded.text, options, decoded.notes);
}

const isJson = (options: FeedOptions) => options.source.toLowerCase().endsWith('.json');

/** The feed's text and what decoding it noted, or why its bytes are refused. */
function decodeInput(
  input: string | Uint8Array,
  options: FeedOptions,
): { text: string; notes: string[] } | FeedResult {
  if (typeof input === 'string') return { text: input, notes: [] };
  const maxBytes = options.maxBytes ?? DEFAULT_FEED_MAX_BYTES;
  if (input.length > maxBytes) return { ok: false, problems: [tooLarge(maxBytes)] };
  const decoded = decodeFeed(input, options.encoding);
  if (!decoded.ok) return { ok: false, problems: [decoded.problem] };
  return { text: decoded.text, notes: decoded.note ? [decoded.note] : [] };
}

function tooLarge(maxBytes: number): FeedProblem {
  return {
    location: null,
    field: null,
    reason: `the feed is larger than ${maxBytes} bytes, the most a feed may be (feed.maxBytes): split it, or raise the limit together with the memory of what reads it`,
  };
}

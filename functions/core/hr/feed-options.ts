import type { FeedSettings } from './feed-settings.js';
import type { FeedKind } from './hr-record.js';

/** How to read one feed: the `feed` settings (a preset and its overrides) and where it came from. */
export interface FeedOptions extends Partial<Omit<FeedSettings, 'kind' | 'timeZone'>> {
  kind: FeedKind;
  /** IANA zone in which a date-only `last_day` ends. */
  timeZone: string;
  /** Shown in messages and reports, e.g. the file name or the S3 key. */
  source: string;
}

import type { ColumnMap, FeedKind } from './hr-record.js';

export interface FeedOptions {
  kind: FeedKind;
  /** IANA zone in which a date-only `last_day` ends. */
  timeZone: string;
  columnMap?: ColumnMap;
  /** Shown in messages and reports, e.g. the file name or the S3 key. */
  source: string;
}

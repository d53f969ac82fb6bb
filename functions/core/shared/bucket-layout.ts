// Where Warden keeps objects in its buckets. The CDK stack's IAM grants and the local
// provisioning use the same prefixes.

/** HR uploads under this prefix of the feed bucket start a run. */
export const FEED_PREFIX = 'feeds/';

/** Where the scheduled run reads the HR feed when the event names none. */
export const DEFAULT_FEED_KEY = `${FEED_PREFIX}roster.csv`;

/** Report artifacts live under this prefix of the reports bucket. */
export const REPORTS_PREFIX = 'runs/';

export type ReportExtension = 'json' | 'csv' | 'html';

/** `runs/YYYY/MM/DD/<runId>/report.{json,csv,html}` in the reports bucket. */
export function reportKey(runId: string, startedAt: Date, extension: ReportExtension): string {
  const day = startedAt.toISOString().slice(0, 10).replaceAll('-', '/');
  return `${REPORTS_PREFIX}${day}/${runId}/report.${extension}`;
}

/** An `s3://bucket/key` URI split in two; undefined for anything else. */
export function parseS3Uri(uri: string): { bucket: string; key: string } | undefined {
  const [, bucket, key] = /^s3:\/\/([^/]+)\/(.+)$/.exec(uri) ?? [];
  return bucket && key ? { bucket, key } : undefined;
}

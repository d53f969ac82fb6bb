import { describe, expect, it } from 'vitest';
import {
  CHECKPOINTS_PREFIX,
  checkpointKey,
  DEFAULT_FEED_KEY,
  FEED_PREFIX,
  parseS3Uri,
  REPORTS_PREFIX,
  reportKey,
} from '../../../../functions/core/shared/bucket-layout.js';

describe('bucket layout', () => {
  it('reads the scheduled feed from under the prefix whose uploads start a run', () => {
    expect(DEFAULT_FEED_KEY).toBe('feeds/roster.csv');
    expect(DEFAULT_FEED_KEY.startsWith(FEED_PREFIX)).toBe(true);
  });

  it('files reports by the UTC day the run started, then by run', () => {
    const startedAt = new Date('2026-11-29T23:30:00-06:00');
    expect(reportKey('r-1', startedAt, 'json')).toBe('runs/2026/11/30/r-1/report.json');
    expect(reportKey('r-1', startedAt, 'csv')).toBe('runs/2026/11/30/r-1/report.csv');
    expect(reportKey('r-1', startedAt, 'csv').startsWith(REPORTS_PREFIX)).toBe(true);
  });

  it("keeps a run's checkpoints under their own prefix, one file per part", () => {
    expect(checkpointKey('r-1', 'plan')).toBe('checkpoints/r-1/plan.jsonl.gz');
    expect(CHECKPOINTS_PREFIX).toBe('checkpoints/');
  });
});

describe('s3:// URIs', () => {
  it('splits a URI into bucket and key, keeping the slashes of the key', () => {
    expect(parseS3Uri('s3://hr-feeds/feeds/2026/roster.csv')).toEqual({
      bucket: 'hr-feeds',
      key: 'feeds/2026/roster.csv',
    });
  });

  it('refuses anything that is not a whole s3:// URI', () => {
    for (const uri of [
      'hr.csv',
      's3://hr-feeds',
      's3://hr-feeds/',
      's3:///key',
      'https://b/k',
      'xs3://b/k',
      's3://b/k\nmore',
    ]) {
      expect(parseS3Uri(uri)).toBeUndefined();
    }
  });
});

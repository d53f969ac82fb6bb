import { describe, expect, it } from 'vitest';
import { parseFeed } from '../../../../functions/core/hr/parse-feed.js';

const options = (source: string) => ({ kind: 'roster' as const, timeZone: 'UTC', source });
const JSON_FEED = JSON.stringify([{ employee_id: 'E1', email: 'a@x.org', status: 'active' }]);
const CSV_FEED = 'employee_id,email,display_name,status,last_day\nE1,a@x.org,,active,\n';

describe('choosing the HR feed parser', () => {
  it('reads a .json source as JSON, whatever the case of the extension', () => {
    expect(parseFeed(JSON_FEED, options('hr.json')).ok).toBe(true);
    expect(parseFeed(JSON_FEED, options('s3://hr-feeds/feeds/ROSTER.JSON')).ok).toBe(true);
  });

  it('refuses a feed larger than its size limit, before decoding any of it', () => {
    const bytes = new Uint8Array(Buffer.from(CSV_FEED));
    const result = parseFeed(bytes, { ...options('hr.csv'), maxBytes: bytes.length - 1 });
    expect(result).toEqual({
      ok: false,
      problems: [
        {
          location: null,
          field: null,
          reason: `the feed is larger than ${bytes.length - 1} bytes, the most a feed may be (feed.maxBytes): split it, or raise the limit together with the memory of what reads it`,
        },
      ],
    });
    expect(parseFeed(bytes, { ...options('hr.csv'), maxBytes: bytes.length }).ok).toBe(true);
  });

  it('has a default limit of 64 MiB', () => {
    const justOver = new Uint8Array(64 * 1024 * 1024 + 1);
    expect(parseFeed(justOver, options('hr.csv'))).toMatchObject({
      ok: false,
      problems: [{ reason: expect.stringMatching(/^the feed is larger than 67108864 bytes/) }],
    });
  });

  it('reads anything else as CSV', () => {
    expect(parseFeed(JSON_FEED, options('hr.csv')).ok).toBe(false);
    expect(parseFeed(CSV_FEED, options('feeds/roster.csv')).ok).toBe(true);
    expect(parseFeed(CSV_FEED, options('feeds/roster')).ok).toBe(true);
  });
});

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

  it('reads anything else as CSV', () => {
    expect(parseFeed(JSON_FEED, options('hr.csv')).ok).toBe(false);
    expect(parseFeed(CSV_FEED, options('feeds/roster.csv')).ok).toBe(true);
    expect(parseFeed(CSV_FEED, options('feeds/roster')).ok).toBe(true);
  });
});

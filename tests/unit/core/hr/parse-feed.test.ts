import { describe, expect, it } from 'vitest';
import { parseFeed, parseFeedInTurns } from '../../../../functions/core/hr/parse-feed.js';

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

describe('reading a feed in turns', () => {
  const HEADER = 'employee_id,email,display_name,status,last_day';
  /** Rows of about 90 bytes with quoted line breaks and commas, so that chunks cut through them. */
  const rows = (count: number, broken: (n: number) => string | undefined = () => undefined) =>
    Array.from(
      { length: count },
      (_, n) =>
        broken(n) ?? `E${n},p${n}@x.org,"Person ${n}, desk ${n % 7}\r\nfloor ${n % 3}",active,`,
    );

  it('gives what parsing at once gives, on a feed many chunks long', async () => {
    const text = [HEADER, ...rows(3_000)].join('\r\n');
    expect(text.length).toBeGreaterThan(10 * 4 * 1024);
    const inTurns = await parseFeedInTurns(Buffer.from(text), options('hr.csv'));
    expect(inTurns).toEqual(parseFeed(Buffer.from(text), options('hr.csv')));
    expect(inTurns.ok && inTurns.feed.records).toHaveLength(3_000);
  });

  it('lets other work run at least once every 4 KiB', async () => {
    const text = [HEADER, ...rows(1_000)].join('\r\n');
    let turns = 0;
    let parsing = true;
    const otherWork = () => {
      if (!parsing) return;
      turns++;
      setImmediate(otherWork);
    };
    setImmediate(otherWork);
    const parsed = await parseFeedInTurns(text, options('hr.csv'));
    parsing = false;
    expect(parsed.ok).toBe(true);
    expect(turns).toBeGreaterThanOrEqual(Math.floor(text.length / (4 * 1024)));
  });

  it('names the same lines for problems far into the feed', async () => {
    const broken = (n: number) =>
      n === 1_234
        ? `E${n},p${n}@x.org,,active,2024-02-30`
        : n === 2_900
          ? `E${n},not-an-email,,active,`
          : undefined;
    const text = [HEADER, ...rows(3_000, broken)].join('\n');
    const inTurns = await parseFeedInTurns(text, options('hr.csv'));
    expect(inTurns).toEqual(parseFeed(text, options('hr.csv')));
    // Rows span two lines, the broken ones one: row n starts on line 2 + 2n, less one past 1,234.
    expect(inTurns.ok ? [] : inTurns.problems.map((p) => [p.location, p.field])).toEqual([
      [String(2 + 2 * 1_234), 'last_day'],
      [String(2 + 2 * 2_900 - 1), 'email'],
    ]);
  });

  it('names the same row for malformed CSV far into the feed', async () => {
    const broken = (n: number) => (n === 2_500 ? `E${n},"p${n}@x.org,,active,` : undefined);
    const text = [HEADER, ...rows(2_600, broken)].join('\n');
    const inTurns = await parseFeedInTurns(text, options('hr.csv'));
    expect(inTurns.ok).toBe(false);
    expect(inTurns).toEqual(parseFeed(text, options('hr.csv')));
  });

  it('reads a JSON feed, and refuses what parsing at once refuses, alike', async () => {
    expect(await parseFeedInTurns(JSON_FEED, options('hr.json'))).toEqual(
      parseFeed(JSON_FEED, options('hr.json')),
    );
    const bytes = new Uint8Array(Buffer.from(CSV_FEED));
    const tooSmall = { ...options('hr.csv'), maxBytes: 10 };
    expect(await parseFeedInTurns(bytes, tooSmall)).toEqual(parseFeed(bytes, tooSmall));
  });
});

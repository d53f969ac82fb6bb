import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeFeed } from '../../../../functions/core/hr/decode-feed.js';
import { formatProblem } from '../../../../functions/core/hr/hr-record.js';
import { parseFeed } from '../../../../functions/core/hr/parse-feed.js';

const fixture = (name: string) => readFileSync(join('tests', 'fixtures', 'hr', name));
const options = { kind: 'roster' as const, timeZone: 'UTC', source: 'hr.csv' };

describe('feed encodings', () => {
  it('refuses a Windows-1252 file that declares nothing, naming its first non-UTF-8 line', () => {
    const result = parseFeed(fixture('personio-de-windows-1252.csv'), {
      ...options,
      preset: 'personio',
    });
    expect(!result.ok && result.problems.map((p) => formatProblem('de.csv', p))).toEqual([
      'de.csv:3: encoding: not valid UTF-8, and no encoding is declared (this is the first line that is not); the file looks like windows-1252: read it with --encoding windows-1252 (or feed.encoding "windows-1252")',
    ]);
  });

  it('reads it with the declared encoding, names intact (š is a Windows-1252-only letter)', () => {
    const decoded = decodeFeed(fixture('personio-de-windows-1252.csv'), 'windows-1252');
    expect(decoded.ok && decoded.text.split('\r\n')[2]).toContain(';Lena;Schäfer;');
    expect(decoded.ok && decoded.text).toContain(';Tomáš;Braun;');
    const result = parseFeed(fixture('personio-de-windows-1252.csv'), {
      ...options,
      preset: 'personio',
      encoding: 'windows-1252',
    });
    expect(result.ok && result.feed.records.length).toBe(7);
  });

  it('decodes the 32 bytes where Windows-1252 differs from ISO-8859-1 as Windows-1252 defines them', () => {
    const high = Uint8Array.from({ length: 32 }, (_, i) => 0x80 + i);
    const decoded = decodeFeed(high, 'windows-1252');
    expect(decoded.ok && decoded.text).toBe(
      '\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178',
    );
    const latin1Label = decodeFeed(Uint8Array.of(0x80, 0xe9), 'latin1');
    expect(latin1Label.ok && latin1Label.text).toBe('\u20acé');
  });

  it('refuses an invalid UTF-8 byte in an email instead of breaking matching silently', () => {
    const result = parseFeed(fixture('roster-invalid-utf8.csv'), options);
    expect(!result.ok && result.problems[0]).toMatchObject({ location: '4', field: 'encoding' });
  });

  it('suggests UTF-16 for a file that looks like it', () => {
    const utf16 = Buffer.from('\uFEFFemployee_id,email\r\n', 'utf16le');
    const decoded = decodeFeed(utf16);
    expect(!decoded.ok && decoded.problem.reason).toMatch(/looks like utf-16le/);
  });

  it('notes a UTF-8 file read as a declared single-byte encoding', () => {
    const decoded = decodeFeed(Buffer.from('name\nJosé\n'), 'windows-1252');
    expect(decoded.ok && decoded.note).toMatch(/valid UTF-8 but was read as windows-1252/);
  });

  it('takes text as it is, and a UTF-8 byte-order mark', () => {
    const bytes = Buffer.from('\uFEFFemployee_id,email,status\nE1,a@x.org,active\n');
    expect(parseFeed(bytes, options).ok).toBe(true);
    expect(parseFeed('employee_id,email,status\nE1,a@x.org,active\n', options).ok).toBe(true);
  });
});

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeFeed, isKnownEncoding } from '../../../../functions/core/hr/decode-feed.js';
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

  it('notes a UTF-8 file read as a declared single-byte encoding, in the feed too', () => {
    const decoded = decodeFeed(Buffer.from('name\nJosé\n'), 'windows-1252');
    expect(decoded.ok && decoded.note).toMatch(/valid UTF-8 but was read as windows-1252/);
    const bytes = Buffer.from('employee_id,email,display_name,status\nE1,a@x.org,José,active\n');
    const result = parseFeed(bytes, { ...options, encoding: 'windows-1252' });
    expect(result.ok && result.feed.notes).toEqual([
      'the file is valid UTF-8 but was read as windows-1252, as declared: check the encoding if names look wrong',
    ]);
  });

  it('takes text as it is, and a UTF-8 byte-order mark', () => {
    const bytes = Buffer.from('\uFEFFemployee_id,email,status\nE1,a@x.org,active\n');
    expect(parseFeed(bytes, options).ok).toBe(true);
    expect(parseFeed('employee_id,email,status\nE1,a@x.org,active\n', options).ok).toBe(true);
  });
});

describe('declared encodings', () => {
  it('refuses an encoding the platform does not know, before reading anything', () => {
    expect(isKnownEncoding('klingon')).toBe(false);
    expect(isKnownEncoding('latin1')).toBe(true);
    expect(decodeFeed(Buffer.from('a,b\n'), 'klingon')).toEqual({
      ok: false,
      problem: { location: null, field: 'encoding', reason: '"klingon" is not a known encoding' },
    });
  });

  it('refuses bytes that are not the declared encoding without pointing at a line', () => {
    // An odd number of bytes cannot be UTF-16; the lone 0xff is not UTF-8 either.
    expect(decodeFeed(Uint8Array.of(0x41, 0x00, 0xff), 'utf-16le')).toEqual({
      ok: false,
      problem: {
        location: null,
        field: 'encoding',
        reason:
          'not valid utf-16le, as declared; the file looks like utf-16le: read it with --encoding utf-16le (or feed.encoding "utf-16le")',
      },
    });
  });

  it('notes a declared single-byte encoding only for a file that is UTF-8 with non-ASCII bytes', () => {
    const note = (bytes: Uint8Array) => {
      const decoded = decodeFeed(bytes, 'windows-1252');
      return decoded.ok ? decoded.note : 'refused';
    };
    expect(note(Buffer.from('name\nJos\u00e9\n'))).toMatch(/^the file is valid UTF-8/);
    expect(note(Buffer.from('plain ASCII, up to DEL \u007f\n'))).toBeUndefined();
    expect(note(fixture('personio-de-windows-1252.csv'))).toBeUndefined();
  });

  it('leaves UTF-8 text as it is, C1 control characters included', () => {
    const decoded = decodeFeed(Buffer.from('a\u0085b\u0080'));
    expect(decoded).toEqual({ ok: true, text: 'a\u0085b\u0080' });
  });
});

describe('refusing a file that is not UTF-8', () => {
  const refusal = (bytes: number[]) => {
    const decoded = decodeFeed(Uint8Array.from(bytes));
    return decoded.ok ? 'accepted' : decoded.problem;
  };
  const a = 0x61;
  const nl = 0x0a;

  it.each([
    ['the first line', [0xff, nl, a], '1'],
    ['a line after a one-byte first line', [a, nl, 0xff], '2'],
    ['the last byte of a last line without a newline', [a, a, nl, a, a, 0xff], '2'],
    ['the third line', [a, nl, a, a, nl, 0xe9, a, nl], '3'],
  ])('names the first bad line: %s', (_, bytes, line) => {
    expect(refusal(bytes)).toMatchObject({
      location: line,
      reason: expect.stringContaining(' (this is the first line that is not); '),
    });
  });

  const guess = (bytes: number[]) => {
    const problem = refusal(bytes);
    return typeof problem === 'string' ? problem : /looks like (\S+):/.exec(problem.reason)?.[1];
  };

  it.each([
    ['a UTF-16LE byte-order mark', [0xff, 0xfe, 0x41, 0x42], 'utf-16le'],
    ['a UTF-16BE byte-order mark', [0xfe, 0xff, 0x41, 0x42], 'utf-16be'],
    ['0xff not followed by 0xfe', [0xff, 0x41, 0x42, 0x43], 'windows-1252'],
    ['0xfe not after 0xff', [0x41, 0xfe, 0x42, 0x43], 'windows-1252'],
    ['0xfe not followed by 0xff', [0xfe, 0x41, 0x42, 0x43], 'windows-1252'],
    ['0xff not after 0xfe', [0x41, 0xff, 0x42, 0x43], 'windows-1252'],
    ['zeros after each character (UTF-16LE)', [0x41, 0, 0xe9, 0], 'utf-16le'],
    ['zeros before each character (UTF-16BE)', [0, 0x41, 0, 0xe9, 0, 0x42], 'utf-16be'],
    ['as many zeros at odd as at even offsets', [0, 0, 0xe9, 0x41], 'utf-16be'],
    [
      'zeros in exactly a quarter of the bytes',
      [0x41, 0, 0xe9, 0, 0x43, 0x44, 0x45, 0x46],
      'windows-1252',
    ],
  ])('guesses the encoding from %s', (_, bytes, encoding) => {
    expect(guess(bytes)).toBe(encoding);
  });

  it('says in full what to do', () => {
    expect(refusal([0xe9, nl])).toEqual({
      location: '1',
      field: 'encoding',
      reason:
        'not valid UTF-8, and no encoding is declared (this is the first line that is not); the file looks like windows-1252: read it with --encoding windows-1252 (or feed.encoding "windows-1252")',
    });
  });
});

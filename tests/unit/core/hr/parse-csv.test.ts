import { describe, expect, it } from 'vitest';
import type { FeedOptions } from '../../../../functions/core/hr/feed-options.js';
import { formatProblem } from '../../../../functions/core/hr/hr-record.js';
import { parseCsvFeed } from '../../../../functions/core/hr/parse-csv.js';

const HEADER = 'employee_id,email,display_name,status,last_day';
const roster = (kind: 'roster' | 'leavers' = 'roster', timeZone = 'UTC'): FeedOptions => ({
  kind,
  timeZone,
  source: 'hr.csv',
});

function problemsOf(text: string, options: FeedOptions = roster()): string[] {
  const result = parseCsvFeed(text, options);
  if (result.ok) throw new Error('expected the feed to be rejected');
  return result.problems.map((p) => formatProblem('hr.csv', p));
}

describe('CSV HR feed', () => {
  it('reads canonical rows with a BOM, RFC 4180 quoting, CRLF and extra columns', () => {
    const text = `\uFEFF${HEADER},department\r\nE1, Ana.Lopez@Example.org ,"Ortega, Lucía",Active,,Press\r\nE2,b@example.org,"Say ""hi""",leaver,2024-01-31,IT\r\n`;
    const result = parseCsvFeed(text, roster());
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.feed.records).toEqual([
      {
        employeeId: 'E1',
        email: 'ana.lopez@example.org',
        displayName: 'Ortega, Lucía',
        status: 'active',
        location: '2',
      },
      {
        employeeId: 'E2',
        email: 'b@example.org',
        displayName: 'Say "hi"',
        status: 'leaver',
        location: '3',
        lastDay: { raw: '2024-01-31', accessEndsAt: new Date('2024-02-01T00:00:00Z') },
      },
    ]);
  });

  it('ends a date-only last day at midnight in the configured time zone', () => {
    const result = parseCsvFeed(
      `${HEADER}\nE1,a@x.org,,active,\nE2,b@x.org,,leaver,2024-01-31\n`,
      roster('roster', 'America/Mexico_City'),
    );
    expect(result.ok && result.feed.records[1]?.lastDay?.accessEndsAt.toISOString()).toBe(
      '2024-02-01T06:00:00.000Z',
    );
  });

  it('takes a date-time with offset as the exact moment', () => {
    const result = parseCsvFeed(
      `${HEADER}\nE1,a@x.org,,active,\nE2,b@x.org,,leaver,2024-01-31T17:30:00+02:00\n`,
      roster(),
    );
    expect(result.ok && result.feed.records[1]?.lastDay?.accessEndsAt.toISOString()).toBe(
      '2024-01-31T15:30:00.000Z',
    );
  });

  it('reads a real HR export through a column mapping', () => {
    const text =
      'Personnel No,Work Email,Name,Employment Status,Leaving Date\nP-1,a@x.org,A,active,\nP-2,b@x.org,B,leaver,2025-05-05\n';
    const result = parseCsvFeed(text, {
      ...roster(),
      columnMap: {
        employee_id: 'Personnel No',
        email: 'Work Email',
        display_name: 'Name',
        status: 'Employment Status',
        last_day: 'Leaving Date',
      },
    });
    expect(result.ok && result.feed.records.map((r) => r.employeeId)).toEqual(['P-1', 'P-2']);
  });

  it('names a mapped column that is missing from the header', () => {
    expect(
      problemsOf('Staff,email,status\nE1,a@x.org,active\n', {
        ...roster(),
        columnMap: { employee_id: 'Personnel No' },
      }),
    ).toEqual([
      'hr.csv:1: employee_id: column is missing from the header (mapped from "Personnel No")',
    ]);
  });

  it('rejects an empty feed and a header-only feed', () => {
    expect(problemsOf('')).toEqual(['hr.csv: the feed is empty']);
    expect(problemsOf(`${HEADER}\n`)).toEqual(['hr.csv: the feed has a header but no records']);
  });

  it('reports every bad row with its line and field, and rejects the whole feed', () => {
    const text = [
      HEADER,
      'E1,a@x.org,Ann,active,',
      ',b@x.org,Bob,active,',
      'E3,not-an-email,C,active,',
      'E4,d@x.org,D,retired,',
      'E5,e@x.org,E,leaver,',
      'E6,f@x.org,F,leaver,31/01/2024',
      'E7,g@x.org,G,leaver,2024-02-30',
      'E8,h@x.org,H,leaver,2024-01-31T10:00:00',
      'E1,i@x.org,I,active,',
      'E10,A@X.ORG,J,active,',
      'E11,k@x.org,Ortega, K,active,',
    ].join('\n');
    expect(problemsOf(text)).toEqual([
      'hr.csv:3: employee_id: is required',
      'hr.csv:4: email: is not a valid email address (got "not-an-email")',
      'hr.csv:5: status: must be "active" or "leaver" (got "retired")',
      'hr.csv:6: last_day: is required for a leaver',
      'hr.csv:7: last_day: must be a date (YYYY-MM-DD) or a date-time with offset (YYYY-MM-DDThh:mm:ss+hh:mm) (got "31/01/2024")',
      'hr.csv:8: last_day: must be a date (YYYY-MM-DD) or a date-time with offset (YYYY-MM-DDThh:mm:ss+hh:mm) (got "2024-02-30")',
      'hr.csv:9: last_day: must be a date (YYYY-MM-DD) or a date-time with offset (YYYY-MM-DDThh:mm:ss+hh:mm) (got "2024-01-31T10:00:00")',
      'hr.csv:10: employee_id: duplicate of 2 (E1)',
      'hr.csv:11: email: same email as 2, which has another employee_id (E1)',
      'hr.csv:12: has 6 fields but the header has 5 (an unquoted comma?)',
    ]);
  });

  it('counts lines correctly across quoted line breaks and blank lines', () => {
    const text = `${HEADER}\nE1,a@x.org,"two\nlines",active,\n\nE2,bad,,active,\n`;
    expect(problemsOf(text)).toEqual(['hr.csv:5: email: is not a valid email address (got "bad")']);
  });

  it('names the line a row starts on, in a CRLF file with a quoted line break too', () => {
    const text = `${HEADER}\r\nE1,bad-1,"two\r\nlines",active,\r\nE2,bad-2,,active,\r\n`;
    expect(problemsOf(text)).toEqual([
      'hr.csv:2: email: is not a valid email address (got "bad-1")',
      'hr.csv:4: email: is not a valid email address (got "bad-2")',
    ]);
  });

  it('reads a file whose line endings change midway, as concatenated exports have them', () => {
    const text = `${HEADER}\r\nE1,a@x.org,,active,\r\nE2,b@x.org,,leaver,2024-01-31\nE3,c@x.org,,active,\rE4,bad,,active,\n`;
    expect(problemsOf(text)).toEqual(['hr.csv:5: email: is not a valid email address (got "bad")']);
    const result = parseCsvFeed(text.replace('E4,bad', 'E4,d@x.org'), roster());
    expect(result.ok && result.feed.records.map((r) => [r.employeeId, r.location])).toEqual([
      ['E1', '2'],
      ['E2', '3'],
      ['E3', '4'],
      ['E4', '5'],
    ]);
  });

  it('refuses a header that names a column twice, whichever the feed means', () => {
    expect(problemsOf('employee_id,email,Email,status\nE1,a@x.org,b@x.org,active\n')).toEqual([
      'hr.csv:1: email: the header has this column twice (columns 2 and 3): map the one to read with --map (or feed.columnMap)',
    ]);
  });

  it('names the line where a row with an unclosed quote starts', () => {
    const text = `${HEADER}\nE1,a@x.org,,active,\nE2,b@x.org,"open,active,\nE3,c@x.org,,active,\n`;
    expect(problemsOf(text)).toEqual([
      'hr.csv:3: malformed CSV: Quote Not Closed: the parsing is finished with an opening quote',
    ]);
  });

  it('rejects malformed CSV with the line where it broke', () => {
    expect(problemsOf(`${HEADER}\nE1,a@x.org,"open,active,\n`)[0]).toMatch(
      /^hr\.csv:2: malformed CSV: Quote Not Closed/,
    );
  });

  it('requires a leavers-only feed to be declared as such', () => {
    const text = `${HEADER}\nE1,a@x.org,,leaver,2024-01-01\n`;
    expect(problemsOf(text)[0]).toMatch(
      /every record is a leaver: declare the feed as leavers-only/,
    );
    expect(parseCsvFeed(text, roster('leavers')).ok).toBe(true);
  });

  it('rejects an active row in a leavers-only feed', () => {
    expect(
      problemsOf(
        `${HEADER}\nE1,a@x.org,,active,\nE2,b@x.org,,leaver,2024-01-01\n`,
        roster('leavers'),
      ),
    ).toEqual(['hr.csv:2: status: a leavers-only feed may list only leavers']);
  });

  it('keeps the notes of what read the bytes before it', () => {
    const result = parseCsvFeed(`${HEADER}\nE1,a@x.org,,active,\n`, roster(), [
      'decoded as latin1',
    ]);
    expect(result.ok && result.feed.notes).toEqual(['decoded as latin1']);
  });

  it('names a row with too few fields without guessing at an unquoted delimiter', () => {
    expect(problemsOf(`${HEADER}\nE1,a@x.org,,active\n`)).toEqual([
      'hr.csv:2: has 4 fields but the header has 5',
    ]);
  });

  it('reads a quoted header after a byte-order mark', () => {
    const result = parseCsvFeed(
      '\uFEFF"employee_id","email","status"\nE1,a@x.org,active\n',
      roster(),
    );
    expect(result.ok && result.feed.records.map((r) => r.email)).toEqual(['a@x.org']);
  });

  it("names the row of csv-parse's error, with its own line number of any length removed", () => {
    const rows = Array.from({ length: 10 }, (_, i) => `E${i},e${i}@x.org,,active,`);
    expect(problemsOf([HEADER, ...rows, 'E99,"a"x,,active,'].join('\n'))).toEqual([
      'hr.csv:12: malformed CSV: Invalid Closing Quote: got "x" instead of delimiter, record delimiter, trimable character (if activated) or comment',
    ]);
  });

  it('matches header names and mapped names with surrounding spaces, in any case', () => {
    const result = parseCsvFeed(' Staff No , EMAIL ,status\nE1,a@x.org,active\n', {
      ...roster(),
      columnMap: { employee_id: ' staff no ' },
    });
    expect(result.ok && result.feed.records.map((r) => [r.employeeId, r.email])).toEqual([
      ['E1', 'a@x.org'],
    ]);
  });

  it.each([
    [
      'a roster needs a status column',
      'employee_id,email\n',
      {},
      ['status: column is missing from the header'],
    ],
    [
      'a leavers feed needs a last_day column',
      'employee_id,email,status\n',
      { kind: 'leavers' as const },
      ['last_day: column is required in a leavers feed'],
    ],
    [
      'a status from the date needs a last_day column',
      'employee_id,email\n',
      { statusFromDate: true },
      ['last_day: column is required when the status comes from the date'],
    ],
  ])('%s', (_, header, overrides, problems) => {
    expect(problemsOf(`${header}E1,a@x.org\n`, { ...roster(), ...overrides })).toEqual(
      problems.map((p) => `hr.csv:1: ${p}`),
    );
  });

  it.each([
    ['a roster', roster()],
    [
      'a leavers feed whose undated leavers have already left',
      { ...roster('leavers'), undatedLeavers: 'already_left' as const },
    ],
  ])('reads %s without a last_day column', (_, options) => {
    const status = options.kind === 'leavers' ? 'leaver' : 'active';
    const result = parseCsvFeed(`employee_id,email,status\nE1,a@x.org,${status}\n`, options);
    expect(result.ok && result.feed.records.length).toBe(1);
  });
});

describe('a header that does not split by its delimiter', () => {
  it.each([
    ['tabs', 'employee_id\temail\tstatus', ',', "commas but splits by tabs: set --delimiter '\\t'"],
    ['pipes', 'employee_id|email|status', ',', "commas but splits by pipes: set --delimiter '|'"],
    [
      'commas',
      'employee_id,email,status',
      ';',
      "semicolons but splits by commas: set --delimiter ','",
    ],
  ])('names %s as the delimiter it splits by', (_, header, delimiter, hint) => {
    expect(problemsOf(`${header}\nE1\n`, { ...roster(), delimiter })[0]).toBe(
      `hr.csv:1: the header is one column when split by ${hint} (or feed.delimiter)`,
    );
  });

  it('says only what is missing when no other delimiter splits it either', () => {
    expect(problemsOf('employee_id\nE1\n')).toEqual([
      'hr.csv:1: email: column is missing from the header',
      'hr.csv:1: status: column is missing from the header',
    ]);
  });

  it('does not suggest another delimiter for a header of several columns', () => {
    expect(problemsOf('employee_id,email;status\nE1,a@x.org;active\n')).toEqual([
      'hr.csv:1: email: column is missing from the header',
      'hr.csv:1: status: column is missing from the header',
    ]);
  });

  it('reads a valid header that would also split by another delimiter', () => {
    const result = parseCsvFeed(
      'employee_id,email,status,team;site\nE1,a@x.org,active,x\n',
      roster(),
    );
    expect(result.ok && result.feed.records.length).toBe(1);
  });
});

import { describe, expect, it } from 'vitest';
import { headerColumns, headerDelimiter } from '../../../../functions/core/hr/header-delimiter.js';
import { formatProblem } from '../../../../functions/core/hr/hr-record.js';
import { parseCsvFeed } from '../../../../functions/core/hr/parse-csv.js';

const options = { kind: 'roster' as const, timeZone: 'UTC', source: 'hr.csv' };

describe('delimiters', () => {
  it('detects the delimiter from the header', () => {
    expect(headerDelimiter('employee_id,email,status\n')).toBe(',');
    expect(headerDelimiter('employee_id;email;status\nE1;"a,b";x\n')).toBe(';');
    expect(headerDelimiter('employee_id\temail\tstatus\n')).toBe('\t');
    expect(headerDelimiter('employee_id|email|status\n')).toBe('|');
    expect(headerDelimiter('"Name; full",email\n')).toBe(',');
    expect(headerDelimiter('employee_id\n')).toBe(',');
  });

  it('reads a semicolon file and says the delimiter was detected', () => {
    const result = parseCsvFeed('employee_id;email;status\nE1;a@x.org;active\n', options);
    expect(result.ok && result.feed.notes).toEqual([
      'fields are separated by semicolons, detected from the header',
    ]);
  });

  it('a declared delimiter the header does not use is named as the problem', () => {
    const result = parseCsvFeed('employee_id;email;status\nE1;a@x.org;active\n', {
      ...options,
      delimiter: ',',
    });
    expect(!result.ok && formatProblem('hr.csv', result.problems[0] as never)).toBe(
      "hr.csv:1: the header is one column when split by commas but splits by semicolons: set --delimiter ';' (or feed.delimiter)",
    );
  });

  it('counts an unquoted delimiter in a row by its name', () => {
    const result = parseCsvFeed('employee_id;email;status\nE1;a@x.org;active;x\n', {
      ...options,
      delimiter: ';',
    });
    expect(!result.ok && result.problems[0]?.reason).toBe(
      'has 4 fields but the header has 3 (an unquoted semicolon?)',
    );
  });

  it('quotes a delimiter that has no name', () => {
    const result = parseCsvFeed('employee_id:email:status\nE1:a@x.org:active:x\n', {
      ...options,
      delimiter: ':',
    });
    expect(!result.ok && result.problems[0]?.reason).toBe(
      'has 4 fields but the header has 3 (an unquoted ":"?)',
    );
  });

  it('counts no columns in a header that cannot be read', () => {
    expect(headerColumns('"employee_id,email\n', ',')).toBe(0);
    expect(headerColumns('employee_id;email\n', ';')).toBe(2);
  });
});

import { describe, expect, it } from 'vitest';
import { feedRules } from '../../../../functions/core/hr/feed-rules.js';
import { rowReader } from '../../../../functions/core/hr/hr-row.js';

/** The canonical rules, in a zone: what a feed without a preset or mapping is read with. */
const parseHrRow = (row: Record<string, unknown>, location: string, timeZone: string) =>
  rowReader(feedRules({ kind: 'roster', timeZone, source: 'test.csv' }))(row, location);

const row = (fields: Record<string, unknown>) =>
  parseHrRow({ employee_id: 'E1', email: 'ana@x.org', status: 'active', ...fields }, '7', 'UTC');
const problems = (fields: Record<string, unknown>) => {
  const result = row(fields);
  return 'problems' in result ? result.problems.map((p) => `${p.field}: ${p.reason}`) : [];
};

describe('one HR row', () => {
  it('becomes a record with a case-folded email, an empty name by default, and its location', () => {
    expect(row({ email: ' Ana@X.org ', status: ' Active ' })).toEqual({
      record: {
        employeeId: 'E1',
        email: 'ana@x.org',
        displayName: '',
        status: 'active',
        location: '7',
      },
    });
  });

  it('ends a leaver’s access when the last day ends in the zone, or at the exact moment given', () => {
    const dated = parseHrRow(
      { employee_id: 'E2', email: 'b@x.org', status: 'leaver', last_day: '2026-01-31' },
      '8',
      'America/Mexico_City',
    );
    expect('record' in dated && dated.record.lastDay).toEqual({
      raw: '2026-01-31',
      accessEndsAt: new Date('2026-02-01T06:00:00Z'),
    });
    const exact = row({ status: 'leaver', last_day: '2026-01-31T17:30:00+01:00' });
    expect('record' in exact && exact.record.lastDay?.accessEndsAt).toEqual(
      new Date('2026-01-31T16:30:00Z'),
    );
  });

  it('ends a day whose next midnight the clocks skip at 01:00 the next day', () => {
    const santiago = parseHrRow(
      { employee_id: 'E2', email: 'b@x.org', status: 'leaver', last_day: '2024-09-07' },
      '8',
      'America/Santiago',
    );
    expect('record' in santiago && santiago.record.lastDay?.accessEndsAt).toEqual(
      new Date('2024-09-08T04:00:00Z'),
    );
  });

  it('refuses a date-time that names no moment: 24:00, or an offset beyond 14 hours', () => {
    for (const last_day of ['2026-01-31T24:00:00Z', '2026-01-31T10:00:00+15:00']) {
      expect(problems({ status: 'leaver', last_day })).toEqual([
        `last_day: must be a date (YYYY-MM-DD) or a date-time with offset (YYYY-MM-DDThh:mm:ss+hh:mm) (got "${last_day}")`,
      ]);
    }
  });

  it('refuses placeholder dates outside the years 1900 to 2199, as dates or date-times', () => {
    const placeholder =
      'last_day: is a placeholder, not a last day: dates must fall in the years 1900 to 2199 (leave the cell empty when there is none)';
    for (const last_day of ['1899-12-30', '9999-12-31', '0001-01-01T00:00:00Z', '2200-01-01']) {
      expect(problems({ status: 'leaver', last_day })).toEqual([
        `${placeholder} (got "${last_day}")`,
      ]);
    }
    expect(problems({ status: 'leaver', last_day: '1900-01-01' })).toEqual([]);
    expect(problems({ status: 'active', last_day: '2199-12-31T23:59:59Z' })).toEqual([]);
  });

  it('reads a last day the same in every row of a feed that repeats it, valid or not', () => {
    const read = rowReader(
      feedRules({ kind: 'roster', timeZone: 'Europe/Madrid', source: 'f.csv' }),
    );
    const leaver = (last_day: string, line: string) =>
      read({ employee_id: `E${line}`, status: 'leaver', last_day }, line);
    const dayEnd = { raw: '2026-03-31', accessEndsAt: new Date('2026-03-31T22:00:00Z') };
    for (const line of ['2', '3']) {
      expect(leaver('2026-03-31', line)).toMatchObject({ record: { lastDay: dayEnd } });
      expect(leaver('9999-12-31', line)).toMatchObject({
        problems: [{ location: line, field: 'last_day' }],
      });
    }
  });

  it('tells a missing value from a value of the wrong type', () => {
    expect(problems({ employee_id: undefined, email: ['ana@x.org'] })).toEqual([
      'employee_id: is required',
      'email: must be text (got ["ana@x.org"])',
    ]);
  });

  it('quotes only the start of a long bad value, since rows hold personal data', () => {
    const long = `${'x'.repeat(60)}@not-valid`;
    expect(problems({ email: long })).toEqual([
      `email: is not a valid email address (got "${'x'.repeat(37)}...")`,
    ]);
    // No work email is valid: the person is matched by employee id alone.
    expect(problems({ email: '   ' })).toEqual([]);
  });

  it('refuses an employee id with characters the directory attribute cannot hold', () => {
    expect(problems({ employee_id: 'E 1/2' })).toEqual([
      'employee_id: may contain only letters, digits and . _ : - (got "E 1/2")',
    ]);
  });

  it('trims text cells, and limits an employee id to 64 and a display name to 200 characters', () => {
    const trimmed = row({ employee_id: ' E1 ', display_name: ' Ana Ortega ' });
    expect('record' in trimmed && [trimmed.record.employeeId, trimmed.record.displayName]).toEqual([
      'E1',
      'Ana Ortega',
    ]);
    expect(problems({ employee_id: 'E'.repeat(64), display_name: 'a'.repeat(200) })).toEqual([]);
    expect(problems({ employee_id: 'E'.repeat(65), display_name: 'a'.repeat(201) })).toEqual([
      `employee_id: is longer than 64 characters (got "${'E'.repeat(37)}...")`,
      `display_name: is longer than 200 characters (got "${'a'.repeat(37)}...")`,
    ]);
  });

  it('quotes a bad value of up to 40 characters whole, and never a blank or null one', () => {
    const forty = `${'x'.repeat(30)}@not-valid`;
    expect(problems({ email: forty })).toEqual([
      `email: is not a valid email address (got "${forty}")`,
    ]);
    expect(problems({ employee_id: '   ', email: null })).toEqual([
      'employee_id: is required',
      'email: must be text',
    ]);
  });

  it('names the date formats the feed declares when a last day is none of them', () => {
    const rules = feedRules({
      kind: 'roster',
      timeZone: 'UTC',
      source: 'test.csv',
      dateFormats: ['DD.MM.YYYY', 'MM/DD/YYYY'],
    });
    const result = rowReader(rules)(
      { employee_id: 'E1', status: 'leaver', last_day: '31-01-2026' },
      '3',
    );
    expect('problems' in result && result.problems).toEqual([
      {
        location: '3',
        field: 'last_day',
        reason:
          'must be a date (DD.MM.YYYY, MM/DD/YYYY or YYYY-MM-DD) or a date-time with offset (YYYY-MM-DDThh:mm:ss+hh:mm) (got "31-01-2026")',
      },
    ]);
  });
});

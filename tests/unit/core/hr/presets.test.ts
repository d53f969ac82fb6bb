import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileDateFormat } from '../../../../functions/core/hr/date-formats.js';
import type { FeedOptions } from '../../../../functions/core/hr/feed-options.js';
import {
  type FeedResult,
  formatProblem,
  type HrFeed,
} from '../../../../functions/core/hr/hr-record.js';
import { parseFeed } from '../../../../functions/core/hr/parse-feed.js';
import { FEED_PRESETS, PRESET_NAMES } from '../../../../functions/core/hr/presets/index.js';

const fixture = (name: string) => readFileSync(join('tests', 'fixtures', 'hr', name));

function read(name: string, options: Partial<FeedOptions>): FeedResult {
  return parseFeed(fixture(name), { kind: 'roster', timeZone: 'UTC', source: name, ...options });
}

function accepted(name: string, options: Partial<FeedOptions>): HrFeed {
  const result = read(name, options);
  if (!result.ok) throw new Error(result.problems.map((p) => formatProblem(name, p)).join('\n'));
  return result.feed;
}

/** employee id -> [status, email or '-', last day or '-'] */
function table(feed: HrFeed): Record<string, [string, string, string]> {
  return Object.fromEntries(
    feed.records.map((r) => [r.employeeId, [r.status, r.email ?? '-', r.lastDay?.raw ?? '-']]),
  );
}

describe('presets', () => {
  it('every preset cites its sources and uses date formats that compile', () => {
    for (const name of PRESET_NAMES) {
      const preset = FEED_PRESETS[name];
      expect(preset.name).toBe(name);
      expect(preset.system).toMatch(/\S/);
      expect(preset.sources.length).toBeGreaterThan(0);
      for (const url of preset.sources) expect(url).toMatch(/^https:\/\//);
      for (const format of preset.dateFormats ?? [])
        expect(compileDateFormat(format)).toHaveProperty('pattern');
    }
  });

  it('bamboohr: Active/Inactive, MM/DD/YYYY, no email, a rehire sharing an email, an undated leaver', () => {
    const feed = accepted('bamboohr-employees.csv', { preset: 'bamboohr' });
    expect(table(feed)).toEqual({
      '1001': ['active', 'ana.ruiz@press.example', '-'],
      '1002': ['leaver', 'ricardo.salazar@press.example', '2023-11-30'],
      '1003': ['active', '-', '-'],
      '1004': ['active', 'dana.lopez@press.example', '2099-12-31'],
      '1005': ['active', 'elena.mora@press.example', '2024-01-31'],
      '1006': ['leaver', 'felix.ortega@press.example', '-'],
      '1007': ['leaver', 'gloria.paz@press.example', '2022-06-30'],
      '1107': ['active', 'gloria.paz@press.example', '-'],
    });
    expect(feed.notes).toEqual([
      '1 record(s) have no email: their accounts are matched by employee id alone',
      expect.stringMatching(/^1 email\(s\) appear on more than one record/),
      expect.stringMatching(/^1 leaver\(s\) have no last day: the date was not given/),
    ]);
  });

  it('bamboohr without the preset: the export is refused, naming the columns it lacks', () => {
    const result = read('bamboohr-employees.csv', {});
    expect(!result.ok && result.problems.map((p) => `${p.location}: ${p.field}`)).toEqual([
      '1: employee_id',
      '1: email',
    ]);
  });

  it('personio, German: semicolons detected, Aktiv/Inaktiv/Auszeit/Onboarding, DD.MM.YYYY', () => {
    const feed = accepted('personio-de.csv', { preset: 'personio' });
    expect(table(feed)).toEqual({
      '2001': ['active', 'jonas.becker@redaktion.example', '-'],
      '2002': ['leaver', 'lena.schaefer@redaktion.example', '2023-11-30'],
      '2003': ['active', '-', '-'],
      '2004': ['active', 'sophie.wagner@redaktion.example', '2099-12-31'],
      '2005': ['leaver', 'paul.krueger@redaktion.example', '-'],
      '2006': ['active', 'anna.hoffmann@redaktion.example', '-'],
      '2007': ['active', 'tim.braun@redaktion.example', '-'],
    });
    expect(feed.notes?.[0]).toBe('fields are separated by semicolons, detected from the header');
  });

  it('personio, English: lowercase statuses and the same date format', () => {
    const feed = accepted('personio-en.csv', { preset: 'personio' });
    expect(table(feed)).toMatchObject({
      '3002': ['leaver', 'noah.fischer@newsroom.example', '2024-01-31'],
      '3003': ['active', 'mia.costa@newsroom.example', '-'],
      '3004': ['active', 'liam.weber@newsroom.example', '-'],
      '3005': ['active', 'emma.berg@newsroom.example', '2099-01-15'],
    });
  });

  it('workday: no status column, so a termination date makes a leaver', () => {
    const feed = accepted('workday-report.csv', { preset: 'workday' });
    expect(table(feed)).toEqual({
      'W-1001': ['active', 'ana.ruiz@press.example', '-'],
      'W-1002': ['leaver', 'ricardo.salazar@press.example', '2023-11-30'],
      'W-1003': ['active', '-', '-'],
      'W-1004': ['leaver', 'dana.lopez@press.example', '2099-12-31'],
    });
  });

  it('workday: a leavers-only report with the status from the date is accepted', () => {
    const text =
      'Employee_ID,Email,Termination_Date\nW-2,b@x.org,2023-11-30\nW-4,d@x.org,2099-12-31\n';
    const result = parseFeed(text, {
      kind: 'leavers',
      timeZone: 'UTC',
      source: 'w.csv',
      preset: 'workday',
    });
    expect(result.ok && result.feed.records.map((r) => r.status)).toEqual(['leaver', 'leaver']);
  });

  it('successfactors: the second header row (labels) is not read as data', () => {
    const feed = accepted('successfactors-udf.csv', { preset: 'successfactors' });
    expect(table(feed)).toEqual({
      sf1001: ['active', 'alice.smith@press.example', '-'],
      sf1002: ['leaver', 'bruno.jones@press.example', '-'],
      sf1003: ['active', '-', '-'],
      sf1004: ['leaver', 'diego.navarro@press.example', '-'],
      sf1005: ['active', 'diego.navarro@press.example', '-'],
    });
    expect(feed.records[0]?.location).toBe('3');
    const withoutPreset = read('successfactors-udf.csv', {
      columnMap: { employee_id: 'USERID', email: 'EMAIL', status: 'STATUS' },
    });
    expect(!withoutPreset.ok && formatProblem('udf.csv', withoutPreset.problems[0] as never)).toBe(
      'udf.csv:2: employee_id: may contain only letters, digits and . _ : - (got "User ID")',
    );
  });

  it('a preset combines with overrides: each replaces only its own option', () => {
    const text =
      'Employee #,Work Email,Status,Termination Date\n1,a@x.org,Active,\n2,b@x.org,Terminated,31/01/2024\n3,c@x.org,On Leave,\n';
    const result = parseFeed(text, {
      kind: 'roster',
      timeZone: 'UTC',
      source: 'b.csv',
      preset: 'bamboohr',
      dateFormats: ['DD/MM/YYYY'],
      statusMap: { active: ['Active', 'On Leave'] },
    });
    expect(result.ok && table(result.feed)).toEqual({
      '1': ['active', 'a@x.org', '-'],
      '2': ['leaver', 'b@x.org', '2024-01-31'],
      '3': ['active', 'c@x.org', '-'],
    });
  });

  it('names the values a mapped status accepts', () => {
    const result = parseFeed(
      'Employee #,Work Email,Status\n1,a@x.org,Retired\n2,b@x.org,Active\n',
      {
        kind: 'roster',
        timeZone: 'UTC',
        source: 'b.csv',
        preset: 'bamboohr',
      },
    );
    expect(!result.ok && formatProblem('b.csv', result.problems[0] as never)).toBe(
      'b.csv:2: status: must be one of "Active" (active); "leaver", "Inactive", "Terminated" (leaver) (got "Retired")',
    );
  });

  it('personio: the German export\'s "Ende des Arbeitsverhältnisses" is the last day', () => {
    const result = parseFeed(
      'ID;E-Mail;Status;Ende des Arbeitsverhältnisses\n1;a@x.org;Aktiv;\n2;b@x.org;Inaktiv;31.01.2024\n',
      { kind: 'roster', timeZone: 'UTC', source: 'de.csv', preset: 'personio' },
    );
    expect(result.ok && table(result.feed)).toEqual({
      '1': ['active', 'a@x.org', '-'],
      '2': ['leaver', 'b@x.org', '2024-01-31'],
    });
  });

  it.each([
    [
      'successfactors',
      'USERID,FIRSTNAME\nUser ID,First Name\nsf1,Ana\n',
      [
        'email: column is missing from the header (preset successfactors looks for "EMAIL")',
        'status: column is missing from the header (preset successfactors looks for "STATUS")',
      ],
    ],
    [
      'personio',
      'ID;Status\n1;Aktiv\n',
      ['email: column is missing from the header (preset personio looks for "Email" or "E-Mail")'],
    ],
    [
      'workday',
      'Worker,Email,Termination_Date\nW1,a@x.org,\n',
      ['employee_id: column is missing from the header (preset workday looks for "Employee_ID")'],
    ],
  ] as const)(
    '%s: a missing column names the header the preset looks for',
    (preset, text, problems) => {
      const result = parseFeed(text, { kind: 'roster', timeZone: 'UTC', source: 'p.csv', preset });
      expect(!result.ok && result.problems.map((p) => `${p.field}: ${p.reason}`)).toEqual(problems);
    },
  );
});

import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const hrFile = (name: string) => join('tests', 'fixtures', 'hr', name);
const accountsFile = (name: string) => join('tests', 'fixtures', 'accounts', name);
const AT = ['--at', '2026-11-30T00:00:00Z'];

function warden(...args: string[]) {
  const result = spawnSync(process.execPath, ['bin/warden.js', ...args], {
    encoding: 'utf8',
    env: { ...process.env, AWS_ENDPOINT_URL: '' },
  });
  return { code: result.status, out: result.stdout, err: result.stderr };
}

function validateJson(file: string, ...options: string[]) {
  const r = warden('hr', 'validate', hrFile(file), '--json', ...AT, ...options);
  return { code: r.code, summary: JSON.parse(r.out) };
}

const valid = (records: number, active: number, leavers: number, futureLeavers: number) => ({
  valid: true,
  kind: 'roster',
  records,
  active,
  leavers,
  futureLeavers,
  problems: [],
});

describe('warden hr validate with the exports of HR systems', () => {
  it('bamboohr: accepted with the preset, counts as of --at', () => {
    expect(validateJson('bamboohr-employees.csv', '--preset', 'bamboohr')).toEqual({
      code: 0,
      summary: valid(8, 5, 3, 1),
    });
  });

  it('bamboohr: the same through mappings only', () => {
    const r = validateJson(
      'bamboohr-employees.csv',
      '--map',
      'employee_id=Employee #',
      '--map',
      'email=Work Email',
      '--map',
      'last_day=Termination Date',
      '--date-format',
      'MM/DD/YYYY',
      '--undated-leavers',
      'already_left',
      '--status-map',
      'leaver=Inactive,Terminated',
      'active=Active',
    );
    expect(r).toEqual({ code: 0, summary: valid(8, 5, 3, 1) });
  });

  it('personio: the German export with semicolons and the English one', () => {
    expect(validateJson('personio-de.csv', '--preset', 'personio')).toEqual({
      code: 0,
      summary: valid(7, 5, 2, 1),
    });
    expect(validateJson('personio-en.csv', '--preset', 'personio')).toEqual({
      code: 0,
      summary: valid(5, 4, 1, 1),
    });
  });

  it('workday: status from the termination date', () => {
    expect(validateJson('workday-report.csv', '--preset', 'workday')).toEqual({
      code: 0,
      summary: valid(4, 2, 2, 1),
    });
  });

  it('successfactors: two header rows', () => {
    expect(validateJson('successfactors-udf.csv', '--preset', 'successfactors')).toEqual({
      code: 0,
      summary: valid(5, 3, 2, 0),
    });
  });

  it('the human summary lists what the report will note', () => {
    const r = warden(
      'hr',
      'validate',
      hrFile('bamboohr-employees.csv'),
      '--preset',
      'bamboohr',
      ...AT,
    );
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/valid roster feed: 8 records, 5 active, 3 leavers, 1 future leavers/);
    expect(r.out).toMatch(
      /note: 1 active record\(s\) have a termination date that has passed: HR conflicts/,
    );
    expect(r.out).toMatch(/note: 1 leaver\(s\) have no last day: the date was not given/);
  });

  it('Windows-1252: refused without a declared encoding, naming the line; read with one', () => {
    const file = hrFile('personio-de-windows-1252.csv');
    const refused = warden('hr', 'validate', file, '--preset', 'personio');
    expect(refused.code).toBe(2);
    expect(refused.err.trim()).toBe(
      `${file}:3: encoding: not valid UTF-8, and no encoding is declared (this is the first line that is not); the file looks like windows-1252: read it with --encoding windows-1252 (or feed.encoding "windows-1252")`,
    );
    expect(
      validateJson(
        'personio-de-windows-1252.csv',
        '--preset',
        'personio',
        '--encoding',
        'windows-1252',
      ),
    ).toEqual({ code: 0, summary: valid(7, 5, 2, 1) });
  });

  it('invalid UTF-8: --json names the line, exit 2', () => {
    expect(validateJson('roster-invalid-utf8.csv')).toEqual({
      code: 2,
      summary: {
        valid: false,
        kind: 'roster',
        records: 0,
        active: 0,
        leavers: 0,
        futureLeavers: 0,
        problems: [
          {
            line: 4,
            field: 'encoding',
            reason:
              'not valid UTF-8, and no encoding is declared (this is the first line that is not); the file looks like windows-1252: read it with --encoding windows-1252 (or feed.encoding "windows-1252")',
          },
        ],
      },
    });
  });

  it('--json of an invalid feed: every problem with its line and field', () => {
    const r = warden(
      'hr',
      'validate',
      join('tests', 'fixtures', 'roster-broken.csv'),
      '--json',
      ...AT,
    );
    expect(r.code).toBe(2);
    expect(JSON.parse(r.out)).toEqual({
      valid: false,
      kind: 'roster',
      records: 4,
      active: 2,
      leavers: 0,
      futureLeavers: 0,
      problems: [
        { line: 3, field: 'last_day', reason: 'is required for a leaver' },
        { line: 4, field: 'employee_id', reason: 'duplicate of 2 (E1)' },
        { line: 5, field: 'status', reason: 'must be "active" or "leaver" (got "resigned")' },
        {
          line: 5,
          field: 'last_day',
          reason:
            'must be a date (YYYY-MM-DD) or a date-time with offset (YYYY-MM-DDThh:mm:ss+hh:mm) (got "30/11/2023")',
        },
      ],
    });
  });

  it('a declared delimiter the header does not use is named; bad options exit 2', () => {
    const r = warden(
      'hr',
      'validate',
      hrFile('personio-de.csv'),
      '--preset',
      'personio',
      '--delimiter',
      ',',
    );
    expect(r.code).toBe(2);
    expect(r.err).toMatch(
      /:1: the header is one column when split by commas but splits by semicolons: set --delimiter ';'/,
    );
    expect(warden('hr', 'validate', hrFile('personio-de.csv'), '--preset', 'sage')).toMatchObject({
      code: 2,
      err: expect.stringMatching(
        /feed\.preset: must be one of bamboohr, personio, workday, successfactors/,
      ),
    });
    expect(
      warden('hr', 'validate', hrFile('personio-de.csv'), '--status-map', 'gone=Inaktiv'),
    ).toMatchObject({
      code: 2,
      err: expect.stringMatching(/--status-map gone=Inaktiv: expected active=VALUE/),
    });
    expect(warden('hr', 'validate', hrFile('personio-de.csv'), '--header-rows', 'two').code).toBe(
      2,
    );
  });

  it('hr presets lists every preset with its source', () => {
    const r = warden('hr', 'presets');
    expect(r.code).toBe(0);
    for (const name of ['bamboohr', 'personio', 'workday', 'successfactors'])
      expect(r.out).toMatch(new RegExp(`^${name}: `, 'm'));
    expect(r.out).toMatch(
      /source: https:\/\/documentation\.bamboohr\.com\/docs\/list-of-field-names/,
    );
    const json = JSON.parse(warden('hr', 'presets', '--json').out);
    expect(json.map((p: { name: string }) => p.name)).toEqual([
      'bamboohr',
      'personio',
      'workday',
      'successfactors',
    ]);
  });
});

describe('warden reconcile with list-users exports as they come', () => {
  const reconcile = (accounts: string, ...options: string[]) =>
    warden(
      'reconcile',
      '--hr',
      join('tests', 'fixtures', 'roster-small.csv'),
      '--accounts-from',
      accountsFile(accounts),
      '--json',
      ...AT,
      ...options,
    );

  it('accepts epoch dates and a bare array of users', () => {
    for (const file of ['list-users-epoch.json', 'list-users-bare-array.json']) {
      const r = reconcile(file);
      expect(r.code).toBe(0);
      const report = JSON.parse(r.out);
      expect(report.accounts).toBe(5);
      expect(report.counts).toMatchObject({ active: 2, leaver: 1, future_leaver: 1, orphan: 1 });
    }
  });

  it('refuses an incomplete export with exit 2, unless --allow-partial: then orphans are not decided', () => {
    const refused = reconcile('list-users-incomplete.json');
    expect(refused.code).toBe(2);
    expect(refused.out).toBe('');
    expect(refused.err).toMatch(/the export is incomplete: its last page has a NextToken/);
    const partial = reconcile('list-users-incomplete.json', '--allow-partial');
    expect(partial.code).toBe(0);
    const report = JSON.parse(partial.out);
    expect(report.counts).toMatchObject({ orphan: 0, unmatched: 1, leaver: 1 });
    expect(report.notes).toContain(
      "the account export is incomplete (its last page has a NextToken: list-users stopped before the end of the pool): orphans were not decided, and the guard's percentages cover only the accounts in the file",
    );
  });

  it('refuses the same page given twice, naming the duplicate', () => {
    const r = reconcile('list-users-duplicated-page.json');
    expect(r.code).toBe(2);
    expect(r.err.trim()).toBe(
      `${accountsFile('list-users-duplicated-page.json')}: [1].Users[0]: duplicate account (pool file, username "ana"), first at [0].Users[0]: the same page given twice?`,
    );
  });

  it('--at plans as if it were that moment, and must be a date-time with a zone', () => {
    const early = JSON.parse(
      reconcile('list-users-epoch.json', '--at', '2023-11-30T12:00:00Z').out,
    );
    expect(early.startedAt).toBe('2023-11-30T12:00:00.000Z');
    expect(early.counts).toMatchObject({ leaver: 0, future_leaver: 2 });
    expect(reconcile('list-users-epoch.json', '--at', '2023-11-30')).toMatchObject({
      code: 2,
      err: expect.stringMatching(
        /--at 2023-11-30: expected an ISO 8601 date-time with a time zone/,
      ),
    });
  });

  it('an HR export with a preset, end to end: a match by employee id alone is reported', () => {
    const r = warden(
      'reconcile',
      '--hr',
      hrFile('workday-report.csv'),
      '--preset',
      'workday',
      '--accounts-from',
      accountsFile('workday-pool.json'),
      '--json',
      ...AT,
    );
    expect(r.code).toBe(0);
    const report = JSON.parse(r.out);
    expect(report.counts).toMatchObject({ active: 2, leaver: 1, future_leaver: 1, orphan: 1 });
    expect(report.notes).toContain(
      '1 record(s) have no email: their accounts are matched by employee id alone',
    );
    const cruz = report.findings.find((f: { username: string }) => f.username === 'cruz.diaz');
    expect(cruz.reason).toMatch(/the HR record has no email: matched by employee id alone/);
  });
});

import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const fixture = (name: string) => join('tests', 'fixtures', name);

function warden(...args: string[]) {
  const result = spawnSync(process.execPath, ['bin/warden.js', ...args], {
    encoding: 'utf8',
    env: { ...process.env, AWS_ENDPOINT_URL: '' },
  });
  return { code: result.status, out: result.stdout, err: result.stderr };
}

describe('warden CLI', () => {
  it('hr validate: exit 0 with a count summary for a valid feed', () => {
    const r = warden('hr', 'validate', fixture('roster-small.csv'));
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/valid roster feed: 4 records, 2 active, 2 leavers/);
  });

  it('hr validate: exit 2 and one file:line: field: reason line per problem', () => {
    const file = fixture('roster-broken.csv');
    const r = warden('hr', 'validate', file);
    expect(r.code).toBe(2);
    expect(r.err.trim().split('\n')).toEqual([
      `${file}:3: last_day: is required for a leaver`,
      `${file}:4: employee_id: duplicate of 2 (E1)`,
      `${file}:5: status: must be "active" or "leaver" (got "resigned")`,
      `${file}:5: last_day: must be a date (YYYY-MM-DD) or a date-time with offset (YYYY-MM-DDThh:mm:ss+hh:mm) (got "30/11/2023")`,
    ]);
  });

  it('hr validate: reads a real export through --map', () => {
    const maps = [
      'employee_id=Personnel No',
      'email=Work Email',
      'display_name=Full Name',
      'status=Employment Status',
      'last_day=Termination Date',
    ];
    const r = warden(
      'hr',
      'validate',
      fixture('export-mapped.csv'),
      ...maps.flatMap((m) => ['--map', m]),
    );
    expect(r.code).toBe(0);
    expect(warden('hr', 'validate', fixture('export-mapped.csv')).code).toBe(2);
    expect(warden('hr', 'validate', fixture('export-mapped.csv'), '--map', 'badcol=x').err).toMatch(
      /--map badcol=x: expected COLUMN=HEADER/,
    );
  });

  it('hr validate: exit 2 for a missing file or a bad time zone', () => {
    expect(warden('hr', 'validate', 'nope.csv')).toMatchObject({
      code: 2,
      err: expect.stringMatching(/cannot read HR feed nope\.csv: ENOENT/),
    });
    expect(
      warden('hr', 'validate', fixture('roster-small.csv'), '--time-zone', 'Nowhere/City').err,
    ).toMatch(/feed\.timeZone: is not a known IANA time zone/);
  });

  it('hr validate --json: a file that cannot be read is a problem of the whole file, in JSON too', () => {
    const r = warden('hr', 'validate', 'nope.csv', '--json');
    expect(r.code).toBe(2);
    expect(JSON.parse(r.out)).toMatchObject({
      valid: false,
      records: 0,
      problems: [{ line: null, field: null, reason: 'cannot read HR feed nope.csv: ENOENT' }],
    });
  });

  it('hr validate --config: takes the feed rules from a deployment configuration too, as set-up does', () => {
    const r = warden(
      'hr',
      'validate',
      fixture('roster-small.csv'),
      '--config',
      'config/example.json',
    );
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/dates in America\/Mexico_City/);

    const dir = mkdtempSync(join(tmpdir(), 'warden-config-'));
    const broken = join(dir, 'production.json');
    const example = JSON.parse(readFileSync('config/example.json', 'utf8'));
    // Its geo policy is a file beside the example, so the copy goes without it.
    writeFileSync(
      broken,
      JSON.stringify({ ...example, geo: undefined, retention: { reportDays: -1 } }),
    );
    const refused = warden('hr', 'validate', fixture('roster-small.csv'), '--config', broken);
    expect(refused.code).toBe(2);
    expect(refused.err).toMatch(/production\.json.*retention\.reportDays/s);
  });

  it('reconcile --json --html: the reports of an offline what-if from list-users pages', () => {
    const html = join(tmpdir(), `warden-cli-${process.pid}.html`);
    const r = warden(
      'reconcile',
      '--hr',
      fixture('roster-small.csv'),
      '--accounts-from',
      fixture('accounts-small.json'),
      '--dry-run',
      '--json',
      '--html',
      html,
    );
    expect(r.code).toBe(0);
    const report = JSON.parse(r.out);
    const page = readFileSync(html, 'utf8');
    expect(page).toMatch(/^<!doctype html>/);
    expect(page).toContain(`Warden run <code>${report.runId}</code>`);
    expect(report.runId).toMatch(/^r-/);
    expect(report.status).toBe('planned');
    expect(report.counts).toMatchObject({ active: 2, leaver: 1, future_leaver: 1, orphan: 1 });
    const bySituation = Object.fromEntries(
      report.findings.map((f: { username: string; situation: string }) => [f.username, f]),
    );
    expect(bySituation['ricardo.salazar']).toMatchObject({
      situation: 'leaver',
      action: 'disable',
      reason: expect.stringMatching(/left on 2023-11-30/),
    });
    expect(bySituation.cruz).toMatchObject({ situation: 'active', match: 'email' });
    expect(bySituation['press-ops']).toMatchObject({ situation: 'orphan', action: 'none' });
  });

  it('reconcile: exit 3 when the guard would quarantine, with the reason', () => {
    const config = join(tmpdir(), `warden-cli-${process.pid}.json`);
    writeFileSync(config, JSON.stringify({ guard: { maxDisablePercent: 10 } }));
    const args = [
      'reconcile',
      '--hr',
      fixture('roster-small.csv'),
      '--accounts-from',
      fixture('accounts-small.json'),
    ];
    const r = warden(...args, '--config', config);
    expect(r.code).toBe(3);
    expect(r.out).toMatch(/QUARANTINED by the guard/);
    expect(r.out).toMatch(
      /plan disables 20% of 5 enabled accounts, more than maxDisablePercent 10%/,
    );
    const ok = warden(...args);
    expect(ok.code).toBe(0);
    expect(ok.out).toMatch(/would disable[\s\S]*ricardo\.salazar/);
  });

  it('reconcile: exit 2 for invalid input', () => {
    const bad = warden(
      'reconcile',
      '--hr',
      fixture('roster-broken.csv'),
      '--accounts-from',
      fixture('accounts-small.json'),
    );
    expect(bad.code).toBe(2);
    const notAccounts = warden(
      'reconcile',
      '--hr',
      fixture('roster-small.csv'),
      '--accounts-from',
      fixture('roster-small.csv'),
    );
    expect(notAccounts).toMatchObject({ code: 2, err: expect.stringMatching(/not valid JSON/) });
  });

  it('exit 2 for a usage mistake', () => {
    expect(warden('reconcile', '--hr', fixture('roster-small.csv')).code).toBe(2);
    expect(warden('frobnicate').code).toBe(2);
  });

  it('geo check: the flagship address from Spain needs a code by default and is refused to press admins', () => {
    const plain = warden('geo', 'check', '--ip', '88.1.1.1');
    expect(plain.code).toBe(0);
    expect(plain.out).toMatch(
      /88\.1\.1\.1: ES \(Spain\)[\s\S]*decision: require_mfa\nrule: default: ES is outside the fence of default \(MX\)/,
    );
    const admin = JSON.parse(
      warden('geo', 'check', '--ip', '2a02:9000::1', '--group', 'press-admins', '--json').out,
    );
    expect(admin).toEqual({
      ip: '2a02:9000::1',
      country: 'ES',
      decision: 'deny',
      reason: 'ES is outside the fence of groups.press-admins (MX)',
      rule: 'groups.press-admins',
    });
    const unknown = JSON.parse(warden('geo', 'check', '--ip', '192.168.1.5', '--json').out);
    expect(unknown).toMatchObject({ country: null, decision: 'require_mfa', rule: 'unknown' });
  });

  it('geo check: exit 2 for an invalid address or policy', () => {
    expect(warden('geo', 'check', '--ip', '300.1.1.1')).toMatchObject({
      code: 2,
      err: expect.stringMatching(/not an IPv4 or IPv6 address/),
    });
    const policy = join(tmpdir(), `warden-geo-${process.pid}.json`);
    writeFileSync(
      policy,
      JSON.stringify({ default: { allowedCountries: ['XX'], outside: 'deny' } }),
    );
    const bad = warden('geo', 'check', '--ip', '8.8.8.8', '--policy', policy);
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(
      /default\.allowedCountries\.0: "XX" is not an ISO 3166-1 alpha-2 country code/,
    );
  });
});

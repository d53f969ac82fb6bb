import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import {
  neutraliseFormula,
  renderCsvReport,
  renderCsvReportInTurns,
  renderJsonReport,
  reportFinding,
} from '../../../../functions/core/reconcile/render-report.js';
import type { StoredFinding } from '../../../../functions/core/reconcile/run-record.js';
import { whatIf } from '../../../../functions/core/reconcile/what-if.js';
import { account, config, feed } from '../../fakes/builders.js';

const finding = (username: string): StoredFinding => ({
  source: 'pool',
  username,
  accountKey: username,
  enabled: true,
  situation: 'orphan',
  match: 'none',
  action: 'none',
  reason: 'no HR record, "quoted", with, commas',
});

describe('reports', () => {
  it('neutralises cells a spreadsheet would run as formulas', () => {
    for (const cell of ['=HYPERLINK("http://evil")', '+1', '-2+3', '@SUM(A1)', '\tx', '\rx']) {
      expect(neutraliseFormula(cell)).toBe(`'${cell}`);
    }
    expect(neutraliseFormula('ana.lopez')).toBe('ana.lopez');
    // Only a leading character makes a formula: a hyphenated name or an email is left as it is.
    expect(neutraliseFormula('ana-maria+hr@x.org')).toBe('ana-maria+hr@x.org');
  });

  it('writes the same CSV in turns as at once, whatever the number of rows', async () => {
    for (const count of [0, 1, 499, 500, 501, 1_234]) {
      const findings = Array.from({ length: count }, (_, i) =>
        finding(i % 3 === 0 ? `=cmd${i}` : `user\n${i}`),
      );
      expect(await renderCsvReportInTurns(findings)).toBe(renderCsvReport(findings));
    }
  });

  it('writes a CSV that round-trips, with formula-like usernames neutralised', () => {
    const rows = parse(renderCsvReport([finding('=cmd|calc'), finding('ana')]), {
      columns: true,
    }) as Record<string, string>[];
    expect(rows.map((r) => r.username)).toEqual(["'=cmd|calc", 'ana']);
    expect(rows[1]?.reason).toBe('no HR record, "quoted", with, commas');
  });

  it('quotes the cells that hold a comma, a quote, a CR or a LF, and those alone', () => {
    const reasons = ['a,b', 'say "no"', 'line\rbreak', 'line\nbreak', "it's; fine\t"];
    const csv = renderCsvReport(reasons.map((reason) => ({ ...finding('ana'), reason })));
    expect(csv.split('\n')[1]).toBe('pool,ana,orphan,none,,true,none,,,"a,b"');
    expect(csv.endsWith(",,it's; fine\t\n")).toBe(true);
    const rows = parse(csv, { columns: true }) as Record<string, string>[];
    expect(rows.map((r) => r.reason)).toEqual(reasons);
  });

  it('neutralises every cell, not the username alone: an employee id from HR may start with -', () => {
    const cells = parse(
      renderCsvReport([{ ...finding('ana'), employeeId: '-2+3', reason: '=1+1', source: '@pool' }]),
      { columns: true },
    ) as Record<string, string>[];
    expect(cells[0]).toMatchObject({ employee_id: "'-2+3", reason: "'=1+1", source: "'@pool" });
  });

  it('writes the JSON report as JSON.stringify would write the run with its findings', () => {
    const { run, findings } = whatIf(
      feed(['E1,a@x.org,,active,', 'E2,b@x.org,,leaver,2025-01-01']),
      [account('a', { employeeId: 'E1' }), account('b', { employeeId: 'E2' }), account('c')],
      config({ guard: { maxDisablePercent: 100 } }),
      new Date('2026-11-29T00:00:00Z'),
      'run-x',
    );
    for (const some of [[], findings.slice(0, 1), findings]) {
      expect(renderJsonReport(run, some)).toBe(
        JSON.stringify({ ...run, findings: some.map(reportFinding) }, null, 2),
      );
    }
  });

  it('JSON report carries run id, status, counts and findings with the documented fields', () => {
    const now = new Date('2026-11-29T00:00:00Z');
    const { run, findings } = whatIf(
      feed(['E1,a@x.org,,active,', 'E2,b@x.org,,leaver,2025-01-01']),
      [account('a', { employeeId: 'E1' }), account('b', { employeeId: 'E2' })],
      config({ guard: { maxDisablePercent: 100 } }),
      now,
      'run-x',
    );
    const report = JSON.parse(renderJsonReport(run, findings));
    expect(report).toMatchObject({
      runId: 'run-x',
      status: 'planned',
      counts: { active: 1, leaver: 1 },
    });
    expect(report.findings[1]).toMatchObject({
      username: 'b',
      situation: 'leaver',
      action: 'disable',
    });
    expect(report.findings[1].reason).toMatch(/left on 2025-01-01/);
  });

  it('gives each finding its action id, outcome and offboarding, and null where it has none', () => {
    const acted: StoredFinding = {
      ...finding('ben'),
      employeeId: 'E2',
      actionId: 'a1',
      outcome: 'disabled',
      offboardingId: 'off-42',
    };
    expect(reportFinding(acted)).toEqual({
      source: 'pool',
      username: 'ben',
      situation: 'orphan',
      match: 'none',
      employeeId: 'E2',
      enabled: true,
      action: 'none',
      actionId: 'a1',
      outcome: 'disabled',
      offboardingId: 'off-42',
      reason: acted.reason,
    });
    const plain = reportFinding(finding('ana'));
    expect([plain.employeeId, plain.actionId, plain.outcome]).toEqual([null, null, null]);
    expect(plain).not.toHaveProperty('offboardingId');
  });

  it('leaves a CSV cell empty where the finding has no employee id, action id or outcome', () => {
    const csv = renderCsvReport([
      finding('ana'),
      { ...finding('ben'), employeeId: 'E2', actionId: 'a1', outcome: 'failed' },
    ]);
    const rows = parse(csv, { columns: true }) as Record<string, string>[];
    expect(rows.map((r) => [r.employee_id, r.action_id, r.outcome])).toEqual([
      ['', '', ''],
      ['E2', 'a1', 'failed'],
    ]);
  });
});

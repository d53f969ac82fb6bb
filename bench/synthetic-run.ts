// A run of N synthetic findings and its report view model, for benchmarks and browser tests of
// the report and the console's run page. Deterministic: the same N gives the same run.
import type { ReportFinding } from '../functions/core/reconcile/render-report.js';
import { newRunRecord, type RunRecord } from '../functions/core/reconcile/run-record.js';
import { emptyCounts, type Situation } from '../functions/core/reconcile/situation.js';
import { buildRunReport, type RunReportView } from '../functions/core/review/run-report.js';

/** A username a report must show as text: Cognito usernames may hold `<` and `>`. */
export const HOSTILE_USERNAME = '<svg/onload=alert(1)>';

const STARTED = new Date('2026-11-29T06:00:00.000Z');

/** Mostly active accounts, as real pools are, with every situation present. */
const MIX: [Situation, number][] = [
  ['active', 880],
  ['leaver', 30],
  ['leaver_disabled', 25],
  ['future_leaver', 10],
  ['orphan', 20],
  ['disputed', 10],
  ['exempt', 5],
  ['rehire_candidate', 5],
  ['unmatched', 15],
];

function situationOf(i: number): Situation {
  let slot = (i * 7919) % 1000;
  for (const [situation, share] of MIX) {
    if (slot < share) return situation;
    slot -= share;
  }
  return 'active';
}

export function syntheticFindings(count: number): ReportFinding[] {
  const findings: ReportFinding[] = [];
  for (let i = 0; i < count; i++) {
    const situation = situationOf(i);
    const disable = situation === 'leaver';
    findings.push({
      source: i % 3 === 0 ? 'eu-west-1_Accredit' : 'eu-west-1_PressOffice',
      username: i === 1 ? HOSTILE_USERNAME : `user.${String(i).padStart(6, '0')}`,
      situation,
      match: situation === 'orphan' || situation === 'unmatched' ? 'none' : 'employee_id',
      employeeId: situation === 'orphan' ? null : `E${String(100000 + i)}`,
      enabled: situation !== 'leaver_disabled',
      action: disable ? 'disable' : 'none',
      actionId: disable ? `a${i.toString(16).padStart(31, '0')}` : null,
      outcome: disable ? 'not_applied' : null,
      reason: disable
        ? 'left on 2026-10-31 but the account is still enabled'
        : `${situation} in HR`,
    });
  }
  return findings;
}

/** A quarantined dry-run of `count` findings, as the reconcile function would record it. */
export function syntheticRun(count: number): { run: RunRecord; findings: ReportFinding[] } {
  const findings = syntheticFindings(count);
  const counts = emptyCounts();
  for (const f of findings) counts[f.situation]++;
  const planned = findings.filter((f) => f.action === 'disable').length;
  const enabled = findings.filter((f) => f.enabled).length;
  const run: RunRecord = {
    ...newRunRecord({
      runId: 'r-20261129T060000000Z-5e1ec7ed',
      mode: 'dry-run',
      trigger: 'schedule',
      startedAt: STARTED,
      feed: { kind: 'roster', source: 's3://hr-feeds/feeds/roster.csv', records: count },
    }),
    status: 'quarantined',
    finishedAt: new Date(STARTED.getTime() + 90_000),
    accounts: count,
    counts,
    actions: { planned, applied: 0, alreadyDone: 0, failed: 0 },
    guard: {
      tripped: true,
      reasons: [`plan disables ${planned} accounts, more than maxDisableCount 50`],
      checks: [
        {
          rule: 'maxDisableCount',
          threshold: 50,
          measured: planned,
          unit: 'accounts',
          tripped: planned > 50,
        },
        {
          rule: 'maxDisablePercent',
          threshold: 20,
          measured: Math.round((planned / enabled) * 1000) / 10,
          unit: 'percent',
          tripped: false,
        },
      ],
      disableCount: planned,
      enabledCount: enabled,
      disablePercent: Math.round((planned / enabled) * 1000) / 10,
      feedRecords: count,
    },
    reports: {
      json: 's3://reports/runs/2026/11/29/r-20261129T060000000Z-5e1ec7ed/report.json',
      csv: 's3://reports/runs/2026/11/29/r-20261129T060000000Z-5e1ec7ed/report.csv',
      html: 's3://reports/runs/2026/11/29/r-20261129T060000000Z-5e1ec7ed/report.html',
    },
  };
  return { run, findings };
}

/** The view model of a synthetic run of `count` findings, with the first page of its findings. */
export function syntheticRunReport(count: number): {
  view: RunReportView;
  findings: ReportFinding[];
} {
  const { run, findings } = syntheticRun(count);
  const view = buildRunReport({
    run,
    findings,
    complete: true,
    now: new Date(STARTED.getTime() + 90_000),
  });
  return { view, findings };
}

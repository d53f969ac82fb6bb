import { describe, expect, it } from 'vitest';
import { reportFinding } from '../../../../functions/core/reconcile/render-report.js';
import { SITUATIONS } from '../../../../functions/core/reconcile/situation.js';
import {
  buildRunReport,
  isApplied,
  runListItem,
} from '../../../../functions/core/review/run-report.js';
import { reviewRun, storedFinding } from '../../fakes/memory-review.js';

const NOW = new Date('2026-11-30T12:00:00Z');
const START = '2026-11-30T02:00:00Z';
const guard = {
  tripped: true,
  reasons: ['3 disables exceed the limit of 2'],
  disableCount: 3,
  enabledCount: 10,
  disablePercent: 30,
  feedRecords: 10,
};
const review = {
  decision: 'approved' as const,
  by: 'arn:aws:iam::123456789012:role/it-admin',
  reason: 'HR confirmed the leavers',
  at: new Date('2026-11-30T03:00:00Z'),
};

describe('the report of a run', () => {
  it('carries the run as recorded: header, counts of every situation, guard, review, sections and links', () => {
    const run = reviewRun('r-1', START, {
      status: 'failed',
      finishedAt: new Date('2026-11-30T02:05:00Z'),
      accounts: 12,
      counts: { ...reviewRun('r-0', START).counts, leaver: 3, orphan: 1 },
      notes: ['orphans reported only'],
      error: 'TooManyRequestsException',
      guard: {
        ...guard,
        checks: [
          { rule: 'maxDisableCount', threshold: 2, measured: 3, unit: 'accounts', tripped: true },
        ],
      },
      review: { ...review, appliedBy: { runId: 'r-1-applied', status: 'completed' } },
      offboardings: { pending: [], feedSchedules: [] },
      expiringExemptions: [
        { username: 'svc', owner: 'it', reason: 'migration', expires: '2026-12-10', daysLeft: 10 },
      ],
      posture: { checked: 4, withoutVerifiedEmail: [] },
      unfencedClients: [{ clientId: 'm2m', reason: 'nightly sync' }],
      reports: { json: 's3://r/r-1.json', csv: 's3://r/r-1.csv', html: 's3://r/r-1.html' },
    });
    const report = buildRunReport({
      run,
      findings: [],
      complete: true,
      now: NOW,
      consoleUrl: 'https://console.example.org/',
    });
    expect(report.generatedAt).toBe('2026-11-30T12:00:00.000Z');
    expect(report.run).toEqual({
      runId: 'r-1',
      startedAt: '2026-11-30T02:00:00.000Z',
      finishedAt: '2026-11-30T02:05:00.000Z',
      trigger: 'schedule',
      mode: 'apply',
      status: 'failed',
      feed: run.feed,
      accounts: 12,
      actions: run.actions,
      notes: ['orphans reported only'],
      error: 'TooManyRequestsException',
    });
    expect(report.counts).toEqual(
      SITUATIONS.map((situation) => ({
        situation,
        count: situation === 'leaver' ? 3 : situation === 'orphan' ? 1 : 0,
      })),
    );
    expect(report.guard).toEqual({
      tripped: true,
      reasons: ['3 disables exceed the limit of 2'],
      checks: [
        { rule: 'maxDisableCount', threshold: 2, measured: 3, unit: 'accounts', tripped: true },
      ],
      disableCount: 3,
      enabledCount: 10,
      disablePercent: 30,
    });
    expect(report.review).toEqual({
      decision: 'approved',
      by: 'arn:aws:iam::123456789012:role/it-admin',
      reason: 'HR confirmed the leavers',
      at: '2026-11-30T03:00:00.000Z',
      appliedBy: { runId: 'r-1-applied', status: 'completed' },
    });
    expect(report.errors.run).toBe('TooManyRequestsException');
    expect(report.offboardings).toEqual({ pending: [], feedSchedules: [] });
    expect(report.expiringExemptions).toEqual(run.expiringExemptions);
    expect(report.posture).toEqual({ checked: 4, withoutVerifiedEmail: [] });
    expect(report.unfencedClients).toEqual([{ clientId: 'm2m', reason: 'nightly sync' }]);
    expect(report.links).toEqual({
      console: 'https://console.example.org/#/runs/r-1',
      json: 's3://r/r-1.json',
      csv: 's3://r/r-1.csv',
      html: 's3://r/r-1.html',
    });
  });

  it('gives null or empty for what a run did not record', () => {
    const report = buildRunReport({
      run: reviewRun('r-1', START, {
        guard,
        review: { ...review, decision: 'rejected' },
        reports: { json: 's3://r/r-1.json', csv: 's3://r/r-1.csv' },
      }),
      findings: [],
      complete: true,
      now: NOW,
    });
    expect(report.run).toMatchObject({ finishedAt: null, error: null, notes: [] });
    expect(report.guard?.checks).toEqual([]);
    expect(report.review?.appliedBy).toBeNull();
    expect(report.errors.run).toBeNull();
    expect(report).toMatchObject({
      changes: null,
      offboardings: null,
      expiringExemptions: [],
      posture: null,
      unfencedClients: [],
      links: { console: null, json: 's3://r/r-1.json', csv: 's3://r/r-1.csv', html: null },
    });
  });

  it('lists the planned disables up to the limit, counts the rest, and names those that failed', () => {
    const findings = [
      storedFinding('ana', 'leaver', { outcome: 'disabled' }),
      storedFinding('bo', 'leaver', { outcome: 'failed' }),
      storedFinding('cy', 'active'),
      storedFinding('di', 'orphan', { outcome: 'failed' }),
    ].map(reportFinding);
    const report = buildRunReport({
      run: reviewRun('r-1', START),
      findings,
      complete: true,
      now: NOW,
      actionRows: 2,
    });
    expect(report.actions.rows.map((f) => f.username)).toEqual(['ana', 'bo']);
    expect(report.actions.more).toBe(1);
    expect(report.errors.failedActions.map((f) => f.username)).toEqual(['bo', 'di']);
    const all = buildRunReport({
      run: reviewRun('r-1', START),
      findings,
      complete: true,
      now: NOW,
    });
    expect(all.actions.rows.map((f) => f.username)).toEqual(['ana', 'bo', 'di']);
    expect(all.actions.more).toBe(0);
  });

  it.each([
    ['apply', 'completed', true],
    ['apply', 'failed', true],
    ['apply', 'quarantined', false],
    ['apply', 'rejected', false],
    ['dry-run', 'completed', false],
  ] as const)('a %s run that is %s was applied: %s', (mode, status, applied) => {
    expect(isApplied({ mode, status })).toBe(applied);
  });
});

describe('a run in the runs list', () => {
  it('carries the guard’s verdict and the review decision', () => {
    const item = runListItem(reviewRun('r-1', START, { guard, review }));
    expect(item.guard).toEqual({ tripped: true, reasons: ['3 disables exceed the limit of 2'] });
    expect(item.review).toEqual({ decision: 'approved', at: '2026-11-30T03:00:00.000Z' });
  });
});

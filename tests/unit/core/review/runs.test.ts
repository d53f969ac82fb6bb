import { beforeEach, describe, expect, it } from 'vitest';
import { reportFinding } from '../../../../functions/core/reconcile/render-report.js';
import { NotFoundError, RunNotFoundError } from '../../../../functions/core/review/errors.js';
import { listRuns } from '../../../../functions/core/review/list-runs.js';
import {
  reportArtifact,
  showFindings,
  showRun,
} from '../../../../functions/core/review/show-run.js';
import { InvalidInputError } from '../../../../functions/core/shared/errors.js';
import {
  MemoryArchive,
  MemoryRunHistory,
  reviewRun,
  storedFinding,
} from '../../fakes/memory-review.js';
import { FixedClock } from '../../fakes/memory-services.js';

const NOW = new Date('2026-11-30T12:00:00Z');
let runs: MemoryRunHistory;
let reports: MemoryArchive;
const deps = () => ({
  runs,
  reports,
  clock: new FixedClock(NOW),
  consoleUrl: 'https://console.example/',
});

beforeEach(() => {
  runs = new MemoryRunHistory();
  reports = new MemoryArchive();
});

describe('the runs list', () => {
  it('lists runs newest first, a page at a time, filtered by status', async () => {
    await runs.saveRun(reviewRun('r-1', '2026-11-28T10:00:00Z'));
    await runs.saveRun(reviewRun('r-2', '2026-11-29T10:00:00Z', { status: 'quarantined' }));
    await runs.saveRun(reviewRun('r-3', '2026-11-30T10:00:00Z'));

    const first = await listRuns({ limit: 2 }, runs);
    expect(first.runs.map((r) => r.runId)).toEqual(['r-3', 'r-2']);
    expect(first.runs[0]).toMatchObject({
      startedAt: '2026-11-30T10:00:00.000Z',
      trigger: 'schedule',
      mode: 'apply',
      status: 'completed',
      guard: null,
      review: null,
    });
    expect(first.runs[0]?.counts.leaver).toBe(0);
    expect(await listRuns({ limit: 2, after: first.next ?? '' }, runs)).toMatchObject({
      runs: [{ runId: 'r-1' }],
      next: null,
    });
    const quarantined = await listRuns({ status: 'quarantined' }, runs);
    expect(quarantined.runs.map((r) => r.runId)).toEqual(['r-2']);
  });

  it('refuses a bad limit or status, naming the field', async () => {
    await expect(listRuns({ limit: 0 }, runs)).rejects.toThrow(/limit/);
    await expect(listRuns({ status: 'done' as never }, runs)).rejects.toThrow(InvalidInputError);
  });
});

describe("a run's report", () => {
  it('reads every finding from the JSON report, compares with the previous run and links to the console', async () => {
    const previous = reviewRun('r-1', '2026-11-29T10:00:00Z', {
      reports: { json: 's3://b/r-1.json', csv: 's3://b/r-1.csv' },
    });
    await runs.saveRun(previous);
    await runs.saveFindings('r-1', [storedFinding('olga', 'orphan')]);
    const run = reviewRun('r-2', '2026-11-30T10:00:00Z', {
      status: 'quarantined',
      reports: { json: 's3://b/r-2.json', csv: 's3://b/r-2.csv' },
      guard: {
        tripped: true,
        reasons: ['would disable 2 accounts, more than 1'],
        checks: [
          { rule: 'maxDisableCount', threshold: 1, measured: 2, unit: 'accounts', tripped: true },
        ],
        disableCount: 2,
        enabledCount: 3,
        disablePercent: 66.7,
        feedRecords: 4,
      },
    });
    await runs.saveRun(run);
    const all = [
      storedFinding('ana', 'active'),
      storedFinding('ben', 'leaver'),
      storedFinding('cai', 'leaver'),
    ];
    await runs.saveFindings('r-2', all.slice(1));
    reports.put('r-2', 'json', JSON.stringify({ findings: all.map(reportFinding) }));

    const view = await showRun('r-2', undefined, deps());
    expect(view.findings).toMatchObject({ total: 3, complete: true });
    expect(view.guard?.checks[0]).toMatchObject({ threshold: 1, measured: 2 });
    expect(view.actions.rows.map((f) => f.username)).toEqual(['ben', 'cai']);
    expect(view.actions.applied).toBe(false);
    expect(view.changes?.previousRunId).toBe('r-1');
    expect(view.changes?.newLeavers.count).toBe(2);
    expect(view.changes?.resolvedOrphans.accounts).toEqual([
      expect.objectContaining({ username: 'olga', situation: null, previousSituation: 'orphan' }),
    ]);
    expect(view.links.console).toBe('https://console.example/#/runs/r-2');
    expect(view.generatedAt).toBe(NOW.toISOString());
  });

  it('falls back to the findings kept for review when the JSON report is gone', async () => {
    await runs.saveRun(
      reviewRun('r-1', '2026-11-30T10:00:00Z', { reports: { json: 'x', csv: 'y' } }),
    );
    await runs.saveFindings('r-1', [storedFinding('ben', 'leaver')]);
    const page = await showFindings(
      'r-1',
      { sort: 'username', order: 'asc', page: 1, pageSize: 10 },
      deps(),
    );
    expect(page).toMatchObject({ total: 1, complete: false });
    const view = await showRun('r-1', undefined, deps());
    expect(view.changes).toBeNull();
  });

  it('answers an unknown run id with RunNotFoundError', async () => {
    await expect(showRun('r-nope', undefined, deps())).rejects.toThrow(RunNotFoundError);
  });
});

describe("a run's report artifacts", () => {
  it('returns what is stored, renders an HTML report a run did not write, and names what is missing', async () => {
    await runs.saveRun(reviewRun('r-1', '2026-11-30T10:00:00Z'));
    reports.put('r-1', 'csv', 'source,username\n');
    expect(await reportArtifact('r-1', 'csv', deps())).toEqual({
      text: 'source,username\n',
      rendered: false,
    });
    const html = await reportArtifact('r-1', 'html', {
      ...deps(),
      renderHtml: (view, findings) => `<p>${view.run.runId} ${findings.length}</p>`,
    });
    expect(html).toEqual({ text: '<p>r-1 0</p>', rendered: true });
    await expect(reportArtifact('r-1', 'json', deps())).rejects.toThrow(NotFoundError);
  });
});

describe('runs, named in their errors', () => {
  it('names the runs query, the unknown run, and the missing artifact', async () => {
    await expect(listRuns({ limit: 0 }, runs)).rejects.toThrow(/^invalid runs query: limit: /);
    await expect(showRun('r-nope', undefined, deps())).rejects.toThrow('no run r-nope');
    await runs.saveRun(reviewRun('r-1', '2026-11-30T10:00:00Z', { status: 'quarantined' }));
    await expect(
      reportArtifact('r-1', 'json', { ...deps(), renderHtml: () => '<p>rendered</p>' }),
    ).rejects.toThrow('run r-1 has no json report (status quarantined)');
  });
});

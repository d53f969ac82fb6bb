import { describe, expect, it } from 'vitest';
import {
  htmlReportRenderer,
  offlineReportHtml,
} from '../../../functions/report-views/html-report-renderer.js';
import { MemoryRunHistory, reviewRun, storedFinding } from '../fakes/memory-review.js';
import { FixedClock, MemoryLog } from '../fakes/memory-services.js';

const NOW = new Date('2026-11-30T12:00:00Z');
const RUN = reviewRun('r-2', '2026-11-30T10:00:00Z');

describe("the reconcile function's HTML report", () => {
  it('compares with the previous run and names where the other artifacts are', async () => {
    const runs = new MemoryRunHistory();
    await runs.saveRun(
      reviewRun('r-1', '2026-11-29T10:00:00Z', { reports: { json: 'j', csv: 'c' } }),
    );
    await runs.saveFindings('r-1', [storedFinding('olga', 'orphan')]);
    const renderer = htmlReportRenderer({
      runs,
      clock: new FixedClock(NOW),
      log: new MemoryLog(),
      consoleUrl: 'https://console.example',
      artifactsOf: (run) => ({ json: `s3://b/${run.runId}.json`, csv: `s3://b/${run.runId}.csv` }),
    });
    const html = await renderer.begin('r-2').render(RUN, [storedFinding('ben', 'leaver')]);
    expect(html).toContain('s3://b/r-2.json');
    expect(html).toContain('https://console.example/#/runs/r-2');
    expect(html).toMatch(/Resolved orphans/i);
  });

  it('leaves the report out, logged by error name only, when it cannot be rendered', async () => {
    const runs = new MemoryRunHistory();
    runs.pageRuns = () => Promise.reject(new TypeError('boom for ben@example.org'));
    const log = new MemoryLog();
    const html = await htmlReportRenderer({ runs, clock: new FixedClock(NOW), log })
      .begin('r-2')
      .render(RUN, []);
    expect(html).toBeUndefined();
    expect(log.lines).toEqual([
      {
        level: 'warn',
        message: 'HTML report not rendered',
        detail: { runId: 'r-2', error: 'TypeError' },
      },
    ]);
  });

  it('renders an offline run with nothing to compare', () => {
    expect(offlineReportHtml(RUN, [storedFinding('ben', 'leaver')], NOW)).toContain(
      'No earlier run to compare with.',
    );
  });
});

// The console benchmark's timing in the browser, on a small HTML report: it must see the table's
// first page, type the search and see the one match, or its figures mean nothing.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { timeLoad, uniqueUsername, watchPage } from '../../bench/page-timing.js';
import { syntheticRunReport } from '../../bench/synthetic-run.js';
import { DEFAULT_PAGE_SIZE } from '../../functions/core/review/findings-query.js';
import { renderReportHtml } from '../../functions/report-views/html-report.js';
import { launchChromium } from './harness.js';

const COUNT = 300;
let browser: Browser;
let dir: string;

beforeAll(async () => {
  browser = await launchChromium();
  dir = mkdtempSync(join(tmpdir(), 'warden-page-timing-'));
});

afterAll(async () => {
  await browser?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('the console benchmark in the browser', () => {
  it('times an HTML report from navigation to its table, then to a search answered', async () => {
    const { view, findings } = syntheticRunReport(COUNT);
    const file = join(dir, 'report.html');
    writeFileSync(file, renderReportHtml(view, findings));
    const context = await browser.newContext();
    const page = await context.newPage();
    await watchPage(page, COUNT, DEFAULT_PAGE_SIZE, true);
    const timing = await timeLoad(page, pathToFileURL(file).href);
    expect(timing.tableMs).toBeGreaterThan(0);
    expect(timing.interactiveMs).toBeGreaterThanOrEqual(timing.tableMs);
    const rows = page.locator('#findings table tbody tr');
    expect(await rows.count()).toBe(1);
    expect(await rows.first().textContent()).toContain(uniqueUsername(COUNT));
    await context.close();
  });
});

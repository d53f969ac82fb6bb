// What the console benchmark measures in the browser, each figure in ms from the navigation's
// start (the page's own `performance.now()`, whose origin is that moment):
// - the console's run page: `tableMs` when an animation frame first shows the findings table with
//   its first page of rows; `interactiveMs` when a search typed into it has come back from the API
//   and the table shows the one matching finding;
// - the self-contained HTML report: `loadedMs` after the load event (the whole file parsed, its
//   script run) and the next frame painted; `interactiveMs` when a search typed into it has
//   updated the table.
import type { Page } from 'playwright-core';

export interface PageTiming {
  tableMs: number;
  interactiveMs: number;
}

/** Some finding's username that no other username contains. */
export const uniqueUsername = (total: number) => `user.${String(total - 1).padStart(6, '0')}`;

/** The count line under the filters once the table holds `rows` rows of `matched` findings. */
async function frameShowing(page: Page, rows: number, matched: number): Promise<number> {
  const answer = await page.waitForFunction(
    ({ rows, matched }) => {
      const count = document.querySelector('#findings .count')?.textContent ?? '';
      const shown = document.querySelectorAll('#findings table tbody tr').length;
      const total = count.match(/of ([\d,]+) matching/)?.[1]?.replace(/,/g, '');
      return shown === rows && Number(total) === matched && performance.now();
    },
    { rows, matched },
    { polling: 'raf', timeout: 120_000 },
  );
  return (await answer.jsonValue()) as number;
}

/** Types into the table's search box and waits for the table to show the one match. */
async function searchOne(page: Page, total: number): Promise<number> {
  await page.getByRole('searchbox', { name: 'Search' }).fill(uniqueUsername(total));
  return frameShowing(page, 1, 1);
}

/** The console's run page, loaded afresh in a tab already signed in to the console. */
export async function timeRunPage(
  page: Page,
  consoleUrl: string,
  runId: string,
  total: number,
  pageSize: number,
): Promise<PageTiming> {
  await page.goto('about:blank');
  await page.goto(`${consoleUrl}/#/runs/${encodeURIComponent(runId)}`, { waitUntil: 'commit' });
  const tableMs = await frameShowing(page, Math.min(pageSize, total), total);
  return { tableMs, interactiveMs: await searchOne(page, total) };
}

/**
 * The HTML report, opened from a file:// URL. The moment the frame after the load event has been
 * painted is taken in the page, by a script the browser injects before the report's own (the
 * report's Content-Security-Policy does not apply to it).
 */
export async function timeHtmlReport(
  page: Page,
  fileUrl: string,
  total: number,
  pageSize: number,
): Promise<{ loadedMs: number; interactiveMs: number }> {
  await page.addInitScript(() =>
    addEventListener('load', () =>
      requestAnimationFrame(() =>
        setTimeout(() => {
          (globalThis as { paintedAfterLoad?: number }).paintedAfterLoad = performance.now();
        }),
      ),
    ),
  );
  await page.goto(fileUrl, { waitUntil: 'load' });
  await frameShowing(page, Math.min(pageSize, total), total);
  const painted = await page.waitForFunction(
    () => (globalThis as { paintedAfterLoad?: number }).paintedAfterLoad,
    undefined,
    { timeout: 120_000 },
  );
  const loadedMs = (await painted.jsonValue()) as number;
  return { loadedMs, interactiveMs: await searchOne(page, total) };
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2
    ? (sorted[middle] as number)
    : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

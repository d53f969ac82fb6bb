// What the console benchmark measures in the browser. A script the browser runs at the start of
// every document of the page (before the page's own scripts; the page's Content-Security-Policy
// does not apply to it) watches each animation frame and takes, in ms from the navigation's start
// (the page's own `performance.now()`), so that no round trip to this process is counted:
// - `tableMs`: the first frame that shows the findings table with its first page of rows and the
//   count of every finding (for the HTML report, whose table is in the file, the first frame after
//   the load event: the whole file parsed and its script run);
// - `interactiveMs`: at that frame a search for one username is typed into the table (an `input`
//   event, as a keystroke gives); the first frame that shows the one match.
import type { Page } from 'playwright-core';

export interface PageTiming {
  tableMs: number;
  interactiveMs: number;
}

/** Some finding's username that no other username contains. */
export const uniqueUsername = (total: number) => `user.${String(total - 1).padStart(6, '0')}`;

interface Watch {
  rows: number;
  total: number;
  username: string;
  afterLoad: boolean;
}

/** Runs in the page, as its source text (see `watchPage`). */
function watchFindingsTable({ rows, total, username, afterLoad }: Watch): void {
  const state = globalThis as { findingsTiming?: Partial<PageTiming> };
  const timing: Partial<PageTiming> = {};
  state.findingsTiming = timing;
  const frame = () => {
    const count = document.querySelector('#findings .count')?.textContent ?? '';
    const matched = Number(count.match(/of ([\d,]+) matching/)?.[1]?.replace(/,/g, ''));
    const shown = document.querySelectorAll('#findings table tbody tr').length;
    const search = document.querySelector<HTMLInputElement>('#findings input[type=search]');
    const ready = !afterLoad || document.readyState === 'complete';
    if (timing.tableMs === undefined && ready && search && shown === rows && matched === total) {
      timing.tableMs = performance.now();
      search.value = username;
      search.dispatchEvent(new Event('input', { bubbles: true }));
    } else if (timing.tableMs !== undefined && shown === 1 && matched === 1) {
      timing.interactiveMs = performance.now();
      return;
    }
    requestAnimationFrame(frame);
  };
  requestAnimationFrame(frame);
}

/** Watches every document the page loads from now on. */
export async function watchPage(page: Page, total: number, pageSize: number, afterLoad: boolean) {
  const watch: Watch = {
    rows: Math.min(pageSize, total),
    total,
    username: uniqueUsername(total),
    afterLoad,
  };
  // The source as this process runs it may call the TypeScript loader's `__name` helper, which
  // the page does not have: the script brings a stand-in.
  await page.addInitScript({
    content: `(() => { const __name = (f) => f; (${watchFindingsTable})(${JSON.stringify(watch)}); })();`,
  });
}

/** Loads `url` afresh in a watched page and waits for its figures. */
export async function timeLoad(page: Page, url: string): Promise<PageTiming> {
  await page.goto('about:blank');
  await page.goto(url, { waitUntil: 'commit' });
  const answer = await page.waitForFunction(
    () => {
      const { findingsTiming } = globalThis as { findingsTiming?: Partial<PageTiming> };
      return findingsTiming?.interactiveMs !== undefined && findingsTiming;
    },
    undefined,
    { timeout: 120_000 },
  );
  return (await answer.jsonValue()) as PageTiming;
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2
    ? (sorted[middle] as number)
    : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

// The console and the HTML report with a run of N findings (default 100,000), in Debian's headless
// Chromium: the run is stored on the local AWS as the reconcile function stores one (reports in
// the reports bucket, the record in the governance table), the console is served as
// `warden console --local` serves it, and an it-admin opens the run page; then the run's
// self-contained report.html is opened from a file:// URL. What each figure means: page-timing.ts.
// `node --import tsx bench/console-findings.ts [N] [RUNS]` prints one JSON line: the figures of the
// first load of each page and their medians over RUNS loads. The first run page load is the
// console API's first read of the run: it reads and parses the whole JSON report from the bucket
// (later loads use the parsed findings its container keeps).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';

// The functions log warnings only, so the output is the one JSON line (set before they load).
process.env.POWERTOOLS_LOG_LEVEL ??= 'WARN';
process.env.POWERTOOLS_METRICS_DISABLED ??= 'true';
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
const { DEFAULT_PAGE_SIZE } = await import('../functions/core/review/findings-query.js');
const { startLocalConsole } = await import('../local/console/local-console.js');
const { createLocalStaffPool } = await import('../local/console/staff-pool.js');
const { localQuarantineDecisions } = await import('../local/local-review.js');
const { startLocalWarden } = await import('../local/local-warden.js');
const { idTokenOf, launchChromium, signIn, watchedPage } = await import(
  '../tests/browser/harness.js'
);
const { median, timeLoad, watchPage } = await import('./page-timing.js');
const { storeSyntheticRun } = await import('./store-synthetic-run.js');

const count = Number(process.argv[2] ?? 100_000);
const runs = Number(process.argv[3] ?? 5);
const round = (ms: number) => Number(ms.toFixed(1));
const progress = (message: string) => process.stderr.write(`${message}\n`);

const warden = await startLocalWarden('warden-bench-console');
const workDir = mkdtempSync(join(tmpdir(), 'warden-bench-console-'));
let close = async () => {};
try {
  progress(`storing a run of ${count} findings`);
  const storing = performance.now();
  const { run, html, jsonBytes } = await storeSyntheticRun(warden, count);
  const storeSeconds = (performance.now() - storing) / 1000;
  const config = { accountSources: [{ userPoolId: warden.resources.userPoolId }] };
  const staff = await createLocalStaffPool(warden.cognito, 'warden-bench-console');
  const served = await startLocalConsole({
    endpoint: warden.emulator.endpoint,
    resources: warden.resources,
    config,
    staff,
    decisions: localQuarantineDecisions(warden, config),
  });
  const browser = await launchChromium();
  close = async () => {
    await browser.close();
    await served.close();
  };

  const admin = staff.users.find((u) => u.role === 'it-admin');
  if (!admin) throw new Error('the local staff pool has no it-admin');
  const tab = await watchedPage(browser);
  await signIn(tab, served.url, admin, staff.totpSecret);
  await watchPage(tab.page, count, DEFAULT_PAGE_SIZE, false);
  const runPageUrl = `${served.url}/#/runs/${encodeURIComponent(run.runId)}`;
  const runPage = [];
  for (let i = 0; i < runs; i++) {
    progress(`run page ${i + 1}/${runs}`);
    runPage.push(await timeLoad(tab.page, runPageUrl));
  }
  const apiResponse = await tab.page.request.get(
    `${served.url}/api/runs/${encodeURIComponent(run.runId)}`,
    { headers: { authorization: await idTokenOf(tab.page) } },
  );
  const runPageApiBytes = (await apiResponse.body()).length;
  if (tab.consoleErrors.length || tab.offLoopback.length)
    throw new Error(`the console tab saw ${[...tab.consoleErrors, ...tab.offLoopback].join('; ')}`);

  const reportFile = join(workDir, 'report.html');
  writeFileSync(reportFile, html);
  const report = [];
  for (let i = 0; i < runs; i++) {
    progress(`HTML report ${i + 1}/${runs}`);
    // A fresh context each time: nothing cached, and any request or error the file makes is seen.
    const context = await browser.newContext();
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('request', (r) => {
      if (!r.url().startsWith('file:')) problems.push(`request ${r.url()}`);
    });
    page.on('console', (m) => m.type() === 'error' && problems.push(m.text()));
    page.on('pageerror', (e) => problems.push(e.message));
    await watchPage(page, count, DEFAULT_PAGE_SIZE, true);
    report.push(await timeLoad(page, pathToFileURL(reportFile).href));
    await context.close();
    if (problems.length) throw new Error(`the HTML report ${problems.join('; ')}`);
  }

  const [firstRunPage] = runPage;
  const [firstReport] = report;
  console.log(
    JSON.stringify({
      benchmark: 'console-findings',
      findings: count,
      runs,
      storeSeconds: round(storeSeconds),
      runPageFirstTableMs: round(firstRunPage?.tableMs ?? Number.NaN),
      runPageFirstInteractiveMs: round(firstRunPage?.interactiveMs ?? Number.NaN),
      runPageMedianTableMs: round(median(runPage.map((t) => t.tableMs))),
      runPageMedianInteractiveMs: round(median(runPage.map((t) => t.interactiveMs))),
      reportJsonBytes: jsonBytes,
      runPageApiBytes,
      targetRunPageInteractiveMs: 1000,
      htmlReportBytes: Buffer.byteLength(html),
      htmlReportFirstOpenMs: round(firstReport?.tableMs ?? Number.NaN),
      htmlReportMedianOpenMs: round(median(report.map((t) => t.tableMs))),
      htmlReportMedianInteractiveMs: round(median(report.map((t) => t.interactiveMs))),
      targetHtmlReportOpenMs: 2000,
    }),
  );
} finally {
  await close();
  await warden.emulator.stop();
  rmSync(workDir, { recursive: true, force: true });
}

import { h } from 'preact';
import { renderToString } from 'preact-render-to-string';
import { describe, expect, it } from 'vitest';
import { HOSTILE_USERNAME, syntheticRun } from '../../../bench/synthetic-run.js';
import { buildRunReport } from '../../../functions/core/review/run-report.js';
import { bundleReportClient } from '../../../functions/report-views/client/bundle.js';
import { REPORT_CLIENT_JS } from '../../../functions/report-views/client/report-client.generated.js';
import { RunReport } from '../../../functions/report-views/components/run-report.js';
import {
  decodeFindings,
  encodeFindings,
  scriptSafeJson,
} from '../../../functions/report-views/embedded-findings.js';
import { REPORT_CSP, renderReportHtml } from '../../../functions/report-views/html-report.js';

const { run, findings } = syntheticRun(400);
const view = (query = {}) =>
  buildRunReport({
    run: { ...run, runId: `${run.runId}<b>` },
    findings,
    complete: true,
    now: new Date('2026-11-29T06:02:00Z'),
    consoleUrl: 'https://console.example',
    query: { sort: 'username', order: 'asc', page: 1, pageSize: 50, ...query },
  });

describe('the run report components', () => {
  it('render a hostile username as text, never as markup', () => {
    const html = renderToString(h(RunReport, { view: view({ search: 'onload' }) }));
    // Text is escaped: `<` can open no element (`>` alone is plain text in HTML).
    expect(html).toContain('<code>&lt;svg/onload=alert(1)></code>');
    expect(html).not.toContain(HOSTILE_USERNAME);
    expect(html).not.toContain('<b>');
    expect(html).toContain('<svg'); // the situation chart, inline
  });
});

describe('the self-contained HTML report', () => {
  const html = renderReportHtml(view({ search: 'onload' }), findings);

  it('escapes every person-facing value, in the page and in the data it carries', () => {
    expect(html).not.toContain(HOSTILE_USERNAME);
    expect(html).toContain('&lt;svg/onload=alert(1)>');
    expect(html).toContain('\\u003csvg/onload=alert(1)\\u003e');
    expect(html.match(/<\/script>/g)).toHaveLength(2);
  });

  it('loads nothing from anywhere: no external source, link, stylesheet, font or image', () => {
    expect(html).not.toMatch(/<link\b/i);
    expect(html).not.toMatch(/<script[^>]*\ssrc=/i);
    expect(html).not.toMatch(/<(img|iframe|object|embed|audio|video|source)\b/i);
    expect(html).not.toMatch(/\ssrc=["']?(https?:)?\/\//i);
    expect(html).not.toMatch(/@import|url\(/i);
    // The only absolute links are the console's page of the run, which opens nothing by itself.
    const hrefs = [...html.matchAll(/href="([^"]*)"/g)].map((m) => m[1]);
    for (const href of hrefs)
      expect(href).toMatch(/^(#|https:\/\/console\.example\/#\/runs\/|s3:\/\/)/);
    expect(REPORT_CSP).toContain("default-src 'none'");
    expect(html).toContain(`content="${REPORT_CSP}"`);
  });

  it('carries every finding, compactly, and reads them back', () => {
    const data = encodeFindings(findings, view().findings.query, true);
    expect(decodeFindings(JSON.parse(scriptSafeJson(data)))).toEqual(findings);
    expect(data.strings.length).toBeLessThan(findings.length / 10);
  });

  it('ships the script built from the current source', async () => {
    expect(await bundleReportClient()).toBe(REPORT_CLIENT_JS);
  }, 60_000);
});

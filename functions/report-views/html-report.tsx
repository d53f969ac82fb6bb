// The self-contained HTML report of a run: one file with its styles, its one script and its data
// inline, and a Content-Security-Policy that lets nothing else load. No external script, style,
// font or image, and no network request: the policy's `default-src 'none'` enforces it.
import { createHash } from 'node:crypto';
import { renderToString } from 'preact-render-to-string';
import type { ReportFinding } from '../core/reconcile/render-report.js';
import type { RunReportView } from '../core/review/run-report.js';
import { REPORT_CLIENT_JS } from './client/report-client.generated.js';
import { STATUS_LABEL } from './components/format.js';
import { RunReport } from './components/run-report.js';
import { encodeFindings, scriptSafeJson } from './embedded-findings.js';
import { REPORT_CSS } from './report-css.js';
import { FINDINGS_DATA_ID } from './report-ids.js';

const sha256 = (text: string) => `'sha256-${createHash('sha256').update(text).digest('base64')}'`;

/** Only the inline style and the inline script above run; nothing may be fetched or submitted. */
export const REPORT_CSP = [
  "default-src 'none'",
  `style-src ${sha256(REPORT_CSS)}`,
  `script-src ${sha256(REPORT_CLIENT_JS)}`,
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

/**
 * The report as one HTML document. The page is rendered on the server by the same components as
 * the console's run page; every finding rides along as escaped JSON, and the script renders one
 * page of them at a time, so 100,000 findings open quickly.
 */
export function renderReportHtml(view: RunReportView, findings: readonly ReportFinding[]): string {
  const body = renderToString(
    <main>
      <RunReport view={view} />
    </main>,
  );
  const data = scriptSafeJson(
    encodeFindings(findings, view.findings.query, view.findings.complete),
  );
  const title = escapeText(`Warden run ${view.run.runId}: ${STATUS_LABEL[view.run.status]}`);
  return [
    '<!doctype html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${REPORT_CSP}">`,
    '<meta name="referrer" content="no-referrer">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${title}</title>`,
    `<style>${REPORT_CSS}</style>`,
    '</head>',
    '<body>',
    body,
    `<script type="application/json" id="${FINDINGS_DATA_ID}">${data}</script>`,
    `<script>${REPORT_CLIENT_JS}</script>`,
    '</body>',
    '</html>',
  ].join('\n');
}

function escapeText(text: string): string {
  return text.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);
}

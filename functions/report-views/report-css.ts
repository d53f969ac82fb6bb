// The report's styles: inlined into the HTML report, and served as a file by the console (whose
// Content-Security-Policy allows no inline style). Classes only, no style attributes, so both
// policies hold. Colours keep a contrast of at least 4.5:1; meaning is always in words too.
export const REPORT_CSS = `
:root { color-scheme: light; --ink: #1b1f24; --muted: #4d5560; --line: #d0d7de; --soft: #f6f8fa;
  --bad: #a40e26; --warn: #7a4b00; --good: #1a6b32; --accent: #0b57d0; }
* { box-sizing: border-box; }
body { margin: 0; font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--ink); background: #fff; }
main { max-width: 1200px; margin: 0 auto; padding: 24px; }
h1 { font-size: 1.5rem; margin: 0 0 4px; }
h2 { font-size: 1.2rem; margin: 0 0 12px; }
h3 { font-size: 1rem; margin: 12px 0 6px; }
code { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 0.92em; word-break: break-all; }
.meta, .aside, .generated, .more, .empty, .note { color: var(--muted); }
.aside { font-weight: normal; font-size: 0.9rem; }
.section { margin: 28px 0; }
.contents ul { list-style: none; padding: 0; margin: 12px 0; display: flex; flex-wrap: wrap; gap: 4px 14px; }
.contents a { color: var(--accent); }
.cards { display: grid; grid-template-columns: repeat(auto-fill, minmax(160px, 1fr)); gap: 10px; margin: 16px 0; }
.card { border: 1px solid var(--line); border-radius: 8px; padding: 10px 12px; background: var(--soft); }
.card dt { color: var(--muted); font-size: 0.85rem; }
.card dd { margin: 2px 0 0; font-size: 1.1rem; font-weight: 600; }
.badge { display: inline-block; padding: 1px 8px; border-radius: 10px; font-size: 0.85rem; font-weight: 600; border: 1px solid var(--line); background: #fff; color: var(--ink); }
.status-quarantined, .status-failed, .situation-leaver, .situation-orphan, .situation-disputed { background: #ffebe9; border-color: #ffb8b0; color: var(--bad); }
.status-completed_with_errors, .situation-rehire_candidate, .situation-future_leaver { background: #fff8c5; border-color: #e3c46b; color: var(--warn); }
.status-completed, .situation-active { background: #dafbe1; border-color: #8fd19e; color: var(--good); }
.run-quarantined .report-header { border-left: 6px solid var(--bad); padding-left: 12px; }
.chart { max-width: 100%; height: auto; font-size: 13px; }
.chart text { fill: var(--ink); }
.chart rect { fill: #8c959f; }
.chart .situation-leaver rect, .chart .situation-orphan rect, .chart .situation-disputed rect { fill: #cf222e; }
.chart .situation-active rect { fill: #2da44e; }
.chart .situation-future_leaver rect, .chart .situation-rehire_candidate rect { fill: #bf8700; }
.chart .bar { background: none; border: 0; }
table.data { border-collapse: collapse; width: 100%; margin: 8px 0; font-size: 0.92rem; }
table.data caption { text-align: left; color: var(--muted); padding: 4px 0; }
table.data th, table.data td { border-bottom: 1px solid var(--line); padding: 6px 8px; text-align: left; vertical-align: top; }
table.data th { background: var(--soft); }
table.data .num { text-align: right; }
tr.tripped td { background: #ffebe9; }
.bad { color: var(--bad); }
.reasons li { margin: 2px 0; }
.review { border: 1px solid var(--line); border-radius: 8px; padding: 8px 12px; margin: 12px 0; background: var(--soft); }
.changes { display: grid; grid-template-columns: repeat(auto-fit, minmax(320px, 1fr)); gap: 0 24px; }
.controls { display: flex; flex-wrap: wrap; gap: 10px 16px; align-items: end; margin: 8px 0; }
.controls label { display: flex; flex-direction: column; font-size: 0.85rem; color: var(--muted); }
.controls input, .controls select { font: inherit; color: var(--ink); padding: 4px 6px; border: 1px solid #8c959f; border-radius: 6px; background: #fff; min-width: 10rem; }
button { font: inherit; }
button.sort { background: none; border: 0; padding: 0; font-weight: 700; color: var(--ink); cursor: pointer; text-align: left; }
.pager { display: flex; gap: 12px; align-items: center; margin: 8px 0; }
.pager button { padding: 4px 12px; border: 1px solid #8c959f; border-radius: 6px; background: #fff; color: var(--ink); cursor: pointer; }
.pager button:disabled { color: #57606a; cursor: default; }
.files { display: grid; grid-template-columns: max-content 1fr; gap: 2px 12px; }
.files div { display: contents; }
.files dt { color: var(--muted); }
.files dd { margin: 0; }
:focus-visible { outline: 3px solid var(--accent); outline-offset: 2px; }
@media print {
  body { font-size: 11px; }
  main { max-width: none; padding: 0; }
  .contents, .controls, .pager, .sort-mark { display: none; }
  button.sort { font-weight: 700; }
  .section { break-inside: auto; margin: 14px 0; }
  table.data tr { break-inside: avoid; }
  .card, .badge { background: none !important; }
  .findings::after { content: "The findings printed are the page shown; the CSV report holds every finding."; display: block; color: var(--muted); margin-top: 6px; }
}
`;

// The HTML report's one script: it reads the findings the report carries and brings the findings
// table to life (search, filters, sorting, paging), rendering one page at a time with the same
// component the server rendered. Bundled with Preact into report-client.generated.ts.
import { hydrate, render } from 'preact';
import { type FindingsQuery, queryFindings } from '../../core/review/findings-query.js';
import { FindingsTable } from '../components/findings-table.js';
import { decodeFindings, type EmbeddedFindings } from '../embedded-findings.js';
import { FINDINGS_DATA_ID, FINDINGS_ROOT_ID } from '../report-ids.js';

const root = document.getElementById(FINDINGS_ROOT_ID);
const carrier = document.getElementById(FINDINGS_DATA_ID);
if (root && carrier?.textContent) {
  const data = JSON.parse(carrier.textContent) as EmbeddedFindings;
  const findings = decodeFindings(data);
  let hydrated = false;
  const show = (query: FindingsQuery) => {
    const table = (
      <FindingsTable page={queryFindings(findings, query, data.complete)} onQuery={show} />
    );
    if (hydrated) render(table, root);
    else hydrate(table, root);
    hydrated = true;
  };
  show(data.query);
}

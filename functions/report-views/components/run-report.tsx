import type { ComponentChildren } from 'preact';
import type { FindingsQuery } from '../../core/review/findings-query.js';
import type { RunReportView } from '../../core/review/run-report.js';
import { FINDINGS_ROOT_ID } from '../report-ids.js';
import { ActionsSection, ErrorsSection } from './actions-section.js';
import { ChangesSection } from './changes-section.js';
import { ExpiringExemptions, MfaPosture, UnfencedClients } from './config-sections.js';
import { FindingsTable } from './findings-table.js';
import { formatTime } from './format.js';
import { GuardVerdict } from './guard-verdict.js';
import { OffboardingsSection } from './offboardings-section.js';
import { Empty, Section } from './section.js';
import { SituationChart } from './situation-chart.js';
import { StatusBadge } from './status-badge.js';
import { SummaryCards } from './summary-cards.js';

const CONTENTS: [string, string][] = [
  ['situations', 'Situations'],
  ['guard', 'Guard'],
  ['actions', 'Actions'],
  ['errors', 'Errors'],
  ['changes', 'Changes'],
  [FINDINGS_ROOT_ID, 'Findings'],
  ['offboardings', 'Offboardings'],
  ['exemptions', 'Exemptions'],
  ['posture', 'MFA posture'],
  ['unfenced', 'Unfenced clients'],
  ['notes', 'Notes'],
];

export interface RunReportProps {
  view: RunReportView;
  /** Brings the findings table to life (the console, the report's script); absent on the server. */
  onFindingsQuery?: (query: FindingsQuery) => void;
  /** The console's approve and reject controls, shown under the guard's verdict. */
  review?: ComponentChildren;
}

/**
 * A run's report, the same in the self-contained HTML file and on the console's run page: a pure
 * function of the view model, with no data fetching and no globals. Every value is text, so
 * whatever a username holds is shown, never interpreted.
 */
export function RunReport({ view, onFindingsQuery, review }: RunReportProps) {
  const { run } = view;
  return (
    <div class={`report run-${run.status}`}>
      <header class="report-header">
        <h1>
          Warden run <code>{run.runId}</code>
        </h1>
        <p class="meta">
          <StatusBadge status={run.status} /> {run.mode === 'dry-run' ? 'dry-run' : 'applied'},
          triggered by {run.trigger}, started {formatTime(run.startedAt)}
          {run.finishedAt ? `, finished ${formatTime(run.finishedAt)}` : ''}. Feed:{' '}
          <code>{run.feed.source}</code>
        </p>
      </header>
      <nav class="contents" aria-label="Sections of the report">
        <ul>
          {CONTENTS.map(([id, label]) => (
            <li key={id}>
              <a href={`#${id}`}>{label}</a>
            </li>
          ))}
        </ul>
      </nav>
      <SummaryCards view={view} />
      <Section id="situations" title="Situations">
        <SituationChart counts={view.counts} />
      </Section>
      <GuardVerdict guard={view.guard} review={view.review} />
      {review}
      <ActionsSection actions={view.actions} />
      <ErrorsSection errors={view.errors} />
      <ChangesSection changes={view.changes} />
      <section class="section" id={FINDINGS_ROOT_ID} aria-labelledby="findings-title">
        <FindingsTable page={view.findings} onQuery={onFindingsQuery} />
      </section>
      <OffboardingsSection offboardings={view.offboardings} applied={view.actions.applied} />
      <ExpiringExemptions exemptions={view.expiringExemptions} />
      <MfaPosture posture={view.posture} />
      <UnfencedClients clients={view.unfencedClients} />
      <Section id="notes" title="Notes">
        {run.notes.length === 0 ? (
          <Empty>No notes.</Empty>
        ) : (
          <ul>
            {run.notes.map((n) => (
              <li key={n}>{n}</li>
            ))}
          </ul>
        )}
        <ReportFiles view={view} />
      </Section>
      <footer class="generated">Report generated {formatTime(view.generatedAt)} by Warden.</footer>
    </div>
  );
}

/** Where the artifacts are, as text: the report itself makes no request and links nowhere outside. */
function ReportFiles({ view }: { view: RunReportView }) {
  const files = [
    ['Console page', view.links.console],
    ['JSON report', view.links.json],
    ['CSV report', view.links.csv],
    ['HTML report', view.links.html],
  ].filter((f): f is [string, string] => typeof f[1] === 'string');
  if (files.length === 0) return null;
  return (
    <dl class="files">
      {files.map(([label, where]) => (
        <div key={label}>
          <dt>{label}</dt>
          <dd>
            <code>{where}</code>
          </dd>
        </div>
      ))}
    </dl>
  );
}

import type { ComponentChildren } from 'preact';
import type { RunReportView } from '../../core/review/run-report.js';
import { formatCount, formatTime } from './format.js';
import { StatusBadge } from './status-badge.js';

/** The run at a glance: status, mode, accounts, what was (or would be) disabled. */
export function SummaryCards({ view }: { view: RunReportView }) {
  const { run, actions } = view;
  const disabledLabel = actions.applied ? 'Disabled' : 'Would disable';
  const disabled = actions.applied ? run.actions.applied : run.actions.planned;
  return (
    <dl class="cards">
      <Card label="Status">
        <StatusBadge status={run.status} />
      </Card>
      <Card label="Mode">{run.mode === 'dry-run' ? 'Dry-run' : 'Applied'}</Card>
      <Card label="Accounts">{formatCount(run.accounts)}</Card>
      <Card label={disabledLabel}>{formatCount(disabled)}</Card>
      <Card label="Failed">{formatCount(run.actions.failed)}</Card>
      <Card label="HR records">
        {formatCount(run.feed.records)} ({run.feed.kind})
      </Card>
      <Card label="Started">{formatTime(run.startedAt)}</Card>
      <Card label="Trigger">{run.trigger}</Card>
    </dl>
  );
}

function Card({ label, children }: { label: string; children: ComponentChildren }) {
  return (
    <div class="card">
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}

import { useState } from 'preact/hooks';
import type { RunStatus } from '../../../functions/core/reconcile/run-record.js';
import { SITUATIONS } from '../../../functions/core/reconcile/situation.js';
import type { RunsPage as RunsAnswer } from '../../../functions/core/review/list-runs.js';
import type { RunListItem } from '../../../functions/core/review/run-report.js';
import { StatusBadge } from '../../../functions/report-views/components/status-badge.js';
import { query } from '../api.js';
import { DataTable, type Sort } from '../components/data-table.js';
import { ErrorNotice, Loading } from '../components/notice.js';
import { CursorPager, useCursors } from '../components/pager.js';
import { formatInstant } from '../format.js';
import { href } from '../router.js';
import { useApi } from '../use-api.js';

const STATUSES: RunStatus[] = [
  'quarantined',
  'planned',
  'applying',
  'completed',
  'completed_with_errors',
  'failed',
  'rejected',
];
const PAGE_SIZE = 25;

const guardText = (run: RunListItem) =>
  run.guard ? (run.guard.tripped ? `tripped: ${run.guard.reasons.join('; ')}` : 'passed') : '—';

const countsText = (run: RunListItem) =>
  SITUATIONS.filter((s) => run.counts[s] > 0)
    .map((s) => `${s} ${run.counts[s]}`)
    .join(', ') || 'no accounts';

/**
 * Every run, newest first, a page at a time (the API pages with a cursor), filtered by status;
 * the page's rows sort by any column. Quarantined runs stand out and lead to their review.
 */
export function RunsPage() {
  const [status, setStatus] = useState('');
  const cursors = useCursors();
  const [sort, setSort] = useState<Sort>({ key: 'startedAt', direction: 'desc' });
  const page = useApi<RunsAnswer>(
    `/api/runs${query({ status, limit: PAGE_SIZE, after: cursors.after })}`,
  );
  const rows = [...(page.data?.runs ?? [])].sort((a, b) => {
    const value = (r: RunListItem) =>
      sort.key === 'disabled'
        ? String(r.actions.applied).padStart(9, '0')
        : String(r[sort.key as 'startedAt']);
    const order = value(a).localeCompare(value(b));
    return sort.direction === 'asc' ? order : -order;
  });
  return (
    <>
      <h1 tabIndex={-1}>Runs</h1>
      <div class="filters">
        <div class="field">
          <label for="run-status">Status</label>
          <select
            id="run-status"
            value={status}
            onChange={(e) => {
              setStatus(e.currentTarget.value);
              cursors.reset();
            }}
          >
            <option value="">Any</option>
            {STATUSES.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
        </div>
      </div>
      {page.error && <ErrorNotice error={page.error} />}
      {page.loading && <Loading what="runs" />}
      <DataTable
        caption={`Runs, page ${cursors.page}${status ? ` (${status})` : ''}`}
        columns={[
          {
            key: 'startedAt',
            label: 'Started',
            sortable: true,
            render: (r) => <a href={href('runs', r.runId)}>{formatInstant(r.startedAt)}</a>,
          },
          { key: 'trigger', label: 'Trigger', sortable: true, render: (r) => r.trigger },
          {
            key: 'mode',
            label: 'Mode',
            sortable: true,
            render: (r) => (r.mode === 'dry-run' ? 'dry-run' : 'applied'),
          },
          {
            key: 'status',
            label: 'Status',
            sortable: true,
            render: (r) => (
              <>
                <StatusBadge status={r.status} />
                {r.status === 'quarantined' && !r.review && (
                  <>
                    {' '}
                    <a href={href('runs', r.runId, 'review')}>
                      Review<span class="visually-hidden"> run {r.runId}</span>
                    </a>
                  </>
                )}
              </>
            ),
          },
          { key: 'counts', label: 'Accounts by situation', render: countsText },
          { key: 'disabled', label: 'Disabled', sortable: true, render: (r) => r.actions.applied },
          { key: 'guard', label: 'Guard', render: guardText },
        ]}
        rows={rows}
        rowKey={(r) => r.runId}
        rowClass={(r) => (r.status === 'quarantined' ? 'highlight' : undefined)}
        sort={sort}
        onSort={setSort}
        empty="No run yet."
      />
      <CursorPager
        label="Run pages"
        cursors={cursors}
        next={page.data?.next}
        newer="Newer runs"
        older="Older runs"
      />
    </>
  );
}

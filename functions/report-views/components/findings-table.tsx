import { SITUATIONS, type Situation } from '../../core/reconcile/situation.js';
import {
  type FindingSortKey,
  type FindingsPage,
  type FindingsQuery,
  PAGE_SIZES,
} from '../../core/review/findings-query.js';
import { AccountCells, outcomeText } from './finding-cells.js';
import { formatCount, SITUATION_LABEL } from './format.js';
import { SituationBadge } from './status-badge.js';

const COLUMN_LABEL: Record<FindingSortKey, string> = {
  username: 'Username',
  source: 'Pool',
  employeeId: 'Employee id',
  situation: 'Situation',
  action: 'Action',
  outcome: 'Outcome',
};

/** The table's columns, in order; the sortable ones carry their sort key. */
const COLUMNS: { label: string; sort?: FindingSortKey }[] = [
  ...(['username', 'source', 'employeeId', 'situation', 'action', 'outcome'] as const).map(
    (sort) => ({ label: COLUMN_LABEL[sort], sort }),
  ),
  { label: 'Why' },
];

export interface FindingsTableProps {
  page: FindingsPage;
  /**
   * Asked for another page, filter or order. Without it the controls do nothing: the server
   * renders the same markup that the report's script (or the console) then brings to life.
   */
  onQuery?: (query: FindingsQuery) => void;
}

/** One page of a run's findings with its controls: search, filters, sorting and paging. */
export function FindingsTable({ page, onQuery }: FindingsTableProps) {
  const { query } = page;
  const set = (change: Partial<FindingsQuery>) => onQuery?.({ ...query, page: 1, ...change });
  const first = page.matched === 0 ? 0 : (page.page - 1) * page.pageSize + 1;
  const last = Math.min(page.matched, page.page * page.pageSize);
  return (
    <div class="findings">
      <h2 id="findings-title">
        Findings <span class="aside">{formatCount(page.total)} accounts</span>
      </h2>
      {page.complete ? null : (
        <p class="note">
          This run has no JSON report: these are the findings kept for review (every situation but
          active, and active people whose account is disabled). A run that failed kept only those of
          the accounts it listed before it stopped.
        </p>
      )}
      <form class="controls" aria-label="Filter the findings" onSubmit={(e) => e.preventDefault()}>
        <label>
          Search
          <input
            type="search"
            name="search"
            value={query.search ?? ''}
            placeholder="username, employee id, reason"
            onInput={(e) =>
              set({ search: (e.currentTarget as HTMLInputElement).value || undefined })
            }
          />
        </label>
        <label>
          Situation
          <select
            name="situation"
            value={query.situation?.[0] ?? ''}
            onChange={(e) => {
              const value = (e.currentTarget as HTMLSelectElement).value;
              set({ situation: value ? [value as Situation] : undefined });
            }}
          >
            <option value="">All situations</option>
            {SITUATIONS.map((s) => (
              <option key={s} value={s}>
                {SITUATION_LABEL[s]}
              </option>
            ))}
          </select>
        </label>
        <label>
          Pool
          <select
            name="pool"
            value={query.pool ?? ''}
            onChange={(e) =>
              set({ pool: (e.currentTarget as HTMLSelectElement).value || undefined })
            }
          >
            <option value="">All pools</option>
            {page.pools.map((p) => (
              <option key={p} value={p}>
                {p}
              </option>
            ))}
          </select>
        </label>
        <label>
          Action
          <select
            name="action"
            value={query.action ?? ''}
            onChange={(e) => {
              const value = (e.currentTarget as HTMLSelectElement).value;
              set({ action: value === 'disable' || value === 'none' ? value : undefined });
            }}
          >
            <option value="">Any action</option>
            <option value="disable">Disable</option>
            <option value="none">None</option>
          </select>
        </label>
        <label>
          Rows per page
          <select
            name="pageSize"
            value={String(query.pageSize)}
            onChange={(e) =>
              set({ pageSize: Number((e.currentTarget as HTMLSelectElement).value) })
            }
          >
            {PAGE_SIZES.map((n) => (
              <option key={n} value={String(n)}>
                {n}
              </option>
            ))}
          </select>
        </label>
      </form>
      <p class="count" aria-live="polite">
        {page.matched === 0
          ? 'No finding matches.'
          : `Showing ${formatCount(first)}–${formatCount(last)} of ${formatCount(page.matched)} matching findings.`}
      </p>
      <table class="data" aria-labelledby="findings-title">
        <thead>
          <tr>
            {COLUMNS.map((c) => (
              <th
                key={c.label}
                scope="col"
                aria-sort={
                  c.sort && c.sort === query.sort
                    ? query.order === 'asc'
                      ? 'ascending'
                      : 'descending'
                    : undefined
                }
              >
                {c.sort ? (
                  <button
                    type="button"
                    class="sort"
                    onClick={() =>
                      set({
                        sort: c.sort,
                        order: query.sort === c.sort && query.order === 'asc' ? 'desc' : 'asc',
                      })
                    }
                  >
                    {c.label}
                    <span class="sort-mark" aria-hidden="true">
                      {c.sort === query.sort ? (query.order === 'asc' ? ' ▲' : ' ▼') : ''}
                    </span>
                  </button>
                ) : (
                  c.label
                )}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {page.rows.map((f) => (
            <tr key={`${f.source}/${f.username}`}>
              <AccountCells finding={f} />
              <td>
                <SituationBadge situation={f.situation} />
              </td>
              <td>{f.action === 'disable' ? 'disable' : ''}</td>
              <td>{outcomeText(f)}</td>
              <td>{f.reason}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <nav class="pager" aria-label="Pages of findings">
        <button
          type="button"
          disabled={page.page <= 1}
          onClick={() => onQuery?.({ ...query, page: page.page - 1 })}
        >
          Previous
        </button>
        <span>
          Page {formatCount(page.page)} of {formatCount(page.pages)}
        </span>
        <button
          type="button"
          disabled={page.page >= page.pages}
          onClick={() => onQuery?.({ ...query, page: page.page + 1 })}
        >
          Next
        </button>
      </nav>
    </div>
  );
}

import { useState } from 'preact/hooks';
import type { SignInOutcome } from '../../../functions/core/geo/ports.js';
import type {
  SignInRow,
  SignInsPage as SignInsAnswer,
} from '../../../functions/core/review/recent-sign-ins.js';
import { query } from '../api.js';
import { DataTable, type Sort } from '../components/data-table.js';
import { ErrorNotice, Loading } from '../components/notice.js';
import { CursorPager, useCursors } from '../components/pager.js';
import { formatInstant } from '../format.js';
import { useApi } from '../use-api.js';

const PAGE_SIZE = 50;

/** The outcomes to filter by (the core's list lives beside its zod schema, kept out of the bundle). */
const OUTCOMES: Record<SignInOutcome, string> = {
  allowed: 'allowed',
  step_up_required: 'code required',
  step_up_passed: 'code passed',
  step_up_failed: 'code failed',
  password_failed: 'password failed',
  refreshed: 'refreshed',
  denied: 'denied',
};

/** Recent geo decisions, newest first, filtered by country, rule and outcome on the server. */
export function SignInsPage() {
  const [filters, setFilters] = useState({ country: '', rule: '', outcome: '', days: '30' });
  const [applied, setApplied] = useState(filters);
  const cursors = useCursors();
  const [sort, setSort] = useState<Sort>({ key: 'at', direction: 'desc' });
  const page = useApi<SignInsAnswer>(
    `/api/sign-ins${query({ ...applied, limit: PAGE_SIZE, after: cursors.after })}`,
  );
  const rows = [...(page.data?.decisions ?? [])].sort((a, b) => {
    const key = sort.key as keyof SignInRow;
    const order = String(a[key] ?? '').localeCompare(String(b[key] ?? ''));
    return sort.direction === 'asc' ? order : -order;
  });
  const field = (name: keyof typeof filters, label: string) => (
    <div class="field">
      <label for={`signins-${name}`}>{label}</label>
      <input
        id={`signins-${name}`}
        value={filters[name]}
        onInput={(e) => setFilters({ ...filters, [name]: e.currentTarget.value })}
      />
    </div>
  );
  return (
    <>
      <h1 tabIndex={-1}>Sign-ins</h1>
      <form
        class="filters"
        aria-label="Filter the sign-ins"
        onSubmit={(e) => {
          e.preventDefault();
          cursors.reset();
          setApplied(filters);
        }}
      >
        {field('country', 'Country (two letters, or unknown)')}
        {field('rule', 'Rule')}
        <div class="field">
          <label for="signins-outcome">Outcome</label>
          <select
            id="signins-outcome"
            value={filters.outcome}
            onChange={(e) => setFilters({ ...filters, outcome: e.currentTarget.value })}
          >
            <option value="">Any</option>
            {Object.entries(OUTCOMES).map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        </div>
        {field('days', 'Days back')}
        <button type="submit">Show</button>
      </form>
      {page.error && <ErrorNotice error={page.error} />}
      {page.loading && <Loading what="sign-in decisions" />}
      <DataTable
        caption={`Sign-in decisions, page ${cursors.page}`}
        columns={[
          { key: 'at', label: 'When', sortable: true, render: (d) => formatInstant(d.at) },
          {
            key: 'username',
            label: 'Account',
            sortable: true,
            render: (d) => `${d.source}/${d.username}`,
          },
          { key: 'outcome', label: 'Outcome', sortable: true, render: (d) => OUTCOMES[d.outcome] },
          {
            key: 'country',
            label: 'Country',
            sortable: true,
            render: (d) => d.country ?? 'unknown',
          },
          { key: 'rule', label: 'Rule', sortable: true, render: (d) => d.rule },
          { key: 'reason', label: 'Why', render: (d) => d.reason },
        ]}
        rows={rows}
        rowKey={(d) => `${d.at}/${d.source}/${d.username}/${d.outcome}`}
        sort={sort}
        onSort={setSort}
        empty="No sign-in decision matches."
      />
      <CursorPager
        label="Sign-in pages"
        cursors={cursors}
        next={page.data?.next}
        newer="Newer"
        older="Older"
      />
    </>
  );
}

// The findings table of a run: one page of rows, filtered by situation, pool, action and outcome,
// searched and sorted. Pure and free of dependencies, so the console API, the CLI and the HTML
// report's own script (which bundles this file) page the same way over the same rows.
import type { ReportFinding } from '../reconcile/render-report.js';
import type { ActionOutcomeKind } from '../reconcile/run-record.js';
import type { ActionKind, Situation } from '../reconcile/situation.js';

export const FINDING_SORT_KEYS = [
  'situation',
  'username',
  'source',
  'employeeId',
  'action',
  'outcome',
] as const;
export type FindingSortKey = (typeof FINDING_SORT_KEYS)[number];

export const PAGE_SIZES = [25, 50, 100, 250] as const;
export const DEFAULT_PAGE_SIZE = 50;

/** Situations in the order an admin reads them: what needs attention first. */
export const ATTENTION_ORDER: readonly Situation[] = [
  'leaver',
  'orphan',
  'disputed',
  'rehire_candidate',
  'future_leaver',
  'leaver_disabled',
  'exempt',
  'unmatched',
  'active',
];

/** Which findings, in what order, and which page of them. */
export interface FindingsQuery {
  situation?: Situation[];
  pool?: string;
  action?: ActionKind;
  outcome?: ActionOutcomeKind;
  search?: string;
  sort: FindingSortKey;
  order: 'asc' | 'desc';
  page: number;
  pageSize: number;
}

export const DEFAULT_FINDINGS_QUERY: FindingsQuery = {
  sort: 'situation',
  order: 'asc',
  page: 1,
  pageSize: DEFAULT_PAGE_SIZE,
};

/** One page of the findings table, with what the controls need to show. */
export interface FindingsPage {
  rows: ReportFinding[];
  /** Findings of the run. */
  total: number;
  /** Findings that match the filters and the search. */
  matched: number;
  page: number;
  pageSize: number;
  pages: number;
  query: FindingsQuery;
  /** The pools the run's findings come from, for the pool filter. */
  pools: string[];
  /** Whether the rows are every finding of the run or only those kept for review (decision 0005). */
  complete: boolean;
}

const ATTENTION_RANK = new Map(ATTENTION_ORDER.map((s, i) => [s, i]));

/**
 * What every query of the same findings reuses: each order, sorted once, and the pools. A run's
 * findings are read once and queried page after page (the console API's container, the HTML
 * report's script), so a query only filters an order already sorted.
 */
interface FindingsIndex {
  count: number;
  orders: Map<string, readonly ReportFinding[]>;
  pools: string[];
}

const INDEXES = new WeakMap<readonly ReportFinding[], FindingsIndex>();

function indexOf(findings: readonly ReportFinding[]): FindingsIndex {
  const known = INDEXES.get(findings);
  // An array changed since it was indexed (they are not meant to be) is indexed again.
  if (known?.count === findings.length) return known;
  const index: FindingsIndex = {
    count: findings.length,
    orders: new Map(),
    pools: [...new Set(findings.map((f) => f.source))].sort(),
  };
  INDEXES.set(findings, index);
  return index;
}

function sortedBy(
  findings: readonly ReportFinding[],
  index: FindingsIndex,
  sort: FindingSortKey,
  order: 'asc' | 'desc',
): readonly ReportFinding[] {
  const key = `${sort} ${order}`;
  let sorted = index.orders.get(key);
  if (!sorted) {
    const direction = order === 'desc' ? -1 : 1;
    const compare = comparator(sort);
    sorted = [...findings].sort((a, b) => direction * compare(a, b) || byUsername(a, b));
    index.orders.set(key, sorted);
  }
  return sorted;
}

/** Sorts and filters without changing `findings`; a page past the end is the last page. */
export function queryFindings(
  findings: readonly ReportFinding[],
  query: FindingsQuery,
  complete = true,
): FindingsPage {
  const index = indexOf(findings);
  const needle = query.search?.trim().toLowerCase();
  const situations = query.situation?.length ? new Set(query.situation) : undefined;
  const matched = sortedBy(findings, index, query.sort, query.order).filter(
    (f) =>
      (!situations || situations.has(f.situation)) &&
      (!query.pool || f.source === query.pool) &&
      (!query.action || f.action === query.action) &&
      (!query.outcome || f.outcome === query.outcome) &&
      (!needle || matchesSearch(f, needle)),
  );
  const pages = Math.max(1, Math.ceil(matched.length / query.pageSize));
  const page = Math.min(query.page, pages);
  const start = (page - 1) * query.pageSize;
  return {
    rows: matched.slice(start, start + query.pageSize),
    total: findings.length,
    matched: matched.length,
    page,
    pageSize: query.pageSize,
    pages,
    query: { ...query, page },
    pools: [...index.pools],
    complete,
  };
}

function matchesSearch(f: ReportFinding, needle: string): boolean {
  return (
    f.username.toLowerCase().includes(needle) ||
    (f.employeeId?.toLowerCase().includes(needle) ?? false) ||
    f.reason.toLowerCase().includes(needle) ||
    f.source.toLowerCase().includes(needle)
  );
}

type Compare = (a: ReportFinding, b: ReportFinding) => number;

// Code-point order: deterministic everywhere, and fast enough to sort 100,000 rows in a browser.
const text = (a: string | null | undefined, b: string | null | undefined) => {
  const x = a ?? '';
  const y = b ?? '';
  return x < y ? -1 : x > y ? 1 : 0;
};

const byUsername: Compare = (a, b) => text(a.username, b.username) || text(a.source, b.source);

function comparator(key: FindingSortKey): Compare {
  switch (key) {
    case 'situation':
      return (a, b) =>
        (ATTENTION_RANK.get(a.situation) ?? 0) - (ATTENTION_RANK.get(b.situation) ?? 0);
    case 'username':
      return byUsername;
    default:
      return (a, b) => text(a[key], b[key]);
  }
}

import { useState } from 'preact/hooks';

/** Page n of m, with previous and next. */
export function Pager(props: {
  label: string;
  page: number;
  pages: number;
  total: number;
  onPage: (page: number) => void;
}) {
  const { page, pages } = props;
  return (
    <nav class="pager" aria-label={props.label}>
      <button type="button" disabled={page <= 1} onClick={() => props.onPage(page - 1)}>
        Previous page
      </button>
      <span>
        Page {page} of {Math.max(pages, 1)} ({props.total} in all)
      </span>
      <button type="button" disabled={page >= pages} onClick={() => props.onPage(page + 1)}>
        Next page
      </button>
    </nav>
  );
}

/** One page of rows sorted and paged in the browser, for lists the API returns whole. */
export function pageOf<T>(rows: T[], page: number, size: number): { rows: T[]; pages: number } {
  return {
    rows: rows.slice((page - 1) * size, page * size),
    pages: Math.ceil(rows.length / size),
  };
}

/** Where each page read so far began, for an API that pages with a cursor (`after`, `next`). */
export interface Cursors {
  /** The cursor the current page starts after; undefined on the first page. */
  after: string | undefined;
  /** The current page, from 1. */
  page: number;
  back(): void;
  forward(next: string): void;
  /** Back to the first page, when the filters change. */
  reset(): void;
}

export function useCursors(): Cursors {
  const [cursors, setCursors] = useState<string[]>([]);
  return {
    after: cursors.at(-1),
    page: cursors.length + 1,
    back: () => setCursors((c) => c.slice(0, -1)),
    forward: (next) => setCursors((c) => [...c, next]),
    reset: () => setCursors([]),
  };
}

/** Newer and older pages of a list the API pages with a cursor, newest first. */
export function CursorPager(props: {
  label: string;
  cursors: Cursors;
  /** The API's cursor to the next page; null on the last one. */
  next: string | null | undefined;
  newer: string;
  older: string;
}) {
  const { cursors, next } = props;
  return (
    <nav class="pager" aria-label={props.label}>
      <button type="button" disabled={cursors.page === 1} onClick={cursors.back}>
        {props.newer}
      </button>
      <span>Page {cursors.page}</span>
      <button type="button" disabled={!next} onClick={() => next && cursors.forward(next)}>
        {props.older}
      </button>
    </nav>
  );
}

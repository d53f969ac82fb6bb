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

import type { ComponentChildren } from 'preact';

export interface Column<T> {
  key: string;
  label: string;
  /** Whether the table can be sorted by this column. */
  sortable?: boolean;
  render: (row: T) => ComponentChildren;
}

export interface Sort {
  key: string;
  direction: 'asc' | 'desc';
}

/**
 * A table with a caption, header cells with scope, and sort buttons that say how the table is
 * sorted (`aria-sort`). Values are rendered as text: Preact escapes every one of them.
 */
export function DataTable<T>(props: {
  caption: string;
  columns: Column<T>[];
  rows: T[];
  rowKey: (row: T) => string;
  sort?: Sort;
  onSort?: (sort: Sort) => void;
  rowClass?: (row: T) => string | undefined;
  empty?: string;
}) {
  const { caption, columns, rows, sort, onSort } = props;
  return (
    <div class="table-wrap">
      <table>
        <caption>{caption}</caption>
        <thead>
          <tr>
            {columns.map((column) => {
              const sorted = sort?.key === column.key ? sort.direction : undefined;
              return (
                <th
                  key={column.key}
                  scope="col"
                  aria-sort={
                    sorted === 'asc' ? 'ascending' : sorted === 'desc' ? 'descending' : undefined
                  }
                >
                  {column.sortable && onSort ? (
                    <button
                      type="button"
                      class="sort"
                      onClick={() =>
                        onSort({
                          key: column.key,
                          direction: sorted === 'asc' ? 'desc' : 'asc',
                        })
                      }
                    >
                      {column.label}
                      <span aria-hidden="true">
                        {sorted === 'asc' ? ' ▲' : sorted === 'desc' ? ' ▼' : ' ↕'}
                      </span>
                    </button>
                  ) : (
                    column.label
                  )}
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody>
          {rows.length === 0 ? (
            <tr>
              <td colSpan={columns.length}>{props.empty ?? 'Nothing to show.'}</td>
            </tr>
          ) : (
            rows.map((row) => (
              <tr key={props.rowKey(row)} class={props.rowClass?.(row)}>
                {columns.map((column) => (
                  <td key={column.key}>{column.render(row)}</td>
                ))}
              </tr>
            ))
          )}
        </tbody>
      </table>
    </div>
  );
}

import { Link, useSearchParams } from "@remix-run/react";
import {
  flexRender,
  getCoreRowModel,
  useReactTable,
  type ColumnDef,
  type RowData,
  type VisibilityState,
} from "@tanstack/react-table";
import type { ReactNode } from "react";

declare module "@tanstack/react-table" {
  // Type parameters as TanStack declares them, for the merge; unused here.
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  interface ColumnMeta<TData extends RowData, TValue> {
    /**
     * Classes for the column's header and cells, e.g. "hidden sm:table-cell" to leave a secondary
     * column out on a phone (where the key column shows its value stacked instead).
     */
    className?: string;
  }
}

export type TableState = { sort: string; dir: "asc" | "desc"; page: number; pageSize: number; total: number };

type DataTableProps<T> = {
  caption: string;
  // `any`: column helpers type each column by its value, which TanStack's ColumnDef<T, unknown> rejects.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  columns: ColumnDef<T, any>[];
  data: T[];
  state: TableState;
  /** Column ids the server can sort by; the others have plain headers. */
  sortable: readonly string[];
  empty: ReactNode;
  columnVisibility?: VisibilityState;
  getRowId?: (row: T) => string;
  /** False when the page shows one pager for several tables (see Pager). */
  pager?: boolean;
};

/**
 * The one table: rows come already sorted and paged by the server, and every change of sort or page
 * is a change of the URL, so a view can be shared as a link and survives a reload.
 */
export function DataTable<T>({
  caption,
  columns,
  data,
  state,
  sortable,
  empty,
  columnVisibility,
  getRowId,
  pager = true,
}: DataTableProps<T>) {
  const table = useReactTable({
    data,
    columns,
    getCoreRowModel: getCoreRowModel(),
    manualSorting: true,
    manualPagination: true,
    state: {
      sorting: [{ id: state.sort, desc: state.dir === "desc" }],
      columnVisibility: columnVisibility ?? {},
    },
    getRowId,
  });

  const hrefWith = useHrefWith();

  return (
    <div>
      {/* relative: screen-reader-only text (absolutely positioned) in a column past the edge would
          otherwise escape the scrolling box and widen the whole page on a phone. */}
      <div className="relative overflow-x-auto rounded-lg border border-slate-200 bg-white">
        <table className="w-full text-left text-sm">
          <caption className="sr-only">{caption}</caption>
          <thead className="bg-slate-50 text-slate-700">
            {table.getHeaderGroups().map((group) => (
              <tr key={group.id}>
                {group.headers.map((header) => {
                  const id = header.column.id;
                  const active = state.sort === id;
                  const label = flexRender(header.column.columnDef.header, header.getContext());
                  return (
                    <th
                      key={header.id}
                      scope="col"
                      className={`whitespace-nowrap px-3 py-2 font-medium ${header.column.columnDef.meta?.className ?? ""}`}
                      aria-sort={active ? (state.dir === "asc" ? "ascending" : "descending") : undefined}
                    >
                      {sortable.includes(id) ? (
                        <Link
                          to={hrefWith({
                            sort: id,
                            dir: active && state.dir === "asc" ? "desc" : "asc",
                            page: "1",
                          })}
                          preventScrollReset
                          className="inline-flex items-center gap-1 text-slate-700 hover:text-slate-950"
                        >
                          {label}
                          <span aria-hidden="true" className={active ? "text-indigo-700" : "text-slate-300"}>
                            {active ? (state.dir === "asc" ? "▲" : "▼") : "↕"}
                          </span>
                        </Link>
                      ) : (
                        label
                      )}
                    </th>
                  );
                })}
              </tr>
            ))}
          </thead>
          <tbody>
            {table.getRowModel().rows.map((row) => (
              <tr key={row.id} className="border-t border-slate-100 hover:bg-slate-50">
                {row.getVisibleCells().map((cell) => (
                  <td key={cell.id} className={cellClass(cell.column.columnDef.meta?.className)}>
                    {flexRender(cell.column.columnDef.cell, cell.getContext())}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
        {data.length === 0 ? (
          <div className="p-8 text-center text-sm text-slate-600">
            {/* A page number past the end (an old link, a filter that narrowed the list): not "no match". */}
            {state.total > 0 ? "This page is past the end of the list." : empty}
          </div>
        ) : null}
      </div>
      {pager ? <Pager state={state} /> : null}
    </div>
  );
}

/** A cell's classes: the shared `cell` (app/tailwind.css) and its column's own, if any. */
function cellClass(extra: string | undefined): string {
  return extra ? `cell ${extra}` : "cell";
}

/** Links to the same list with some parameters changed. `done` (the one-time notice after a change) is dropped. */
function useHrefWith() {
  const [searchParams] = useSearchParams();
  return (changes: Record<string, string>) => {
    const next = new URLSearchParams(searchParams);
    next.delete("done");
    for (const [k, v] of Object.entries(changes)) next.set(k, v);
    return `?${next}`;
  };
}

/** "1–50 of 1,234" with links to the previous and next pages, keeping the rest of the URL. */
export function Pager({ state }: { state: Pick<TableState, "page" | "pageSize" | "total"> }) {
  const hrefWith = useHrefWith();
  const pages = Math.max(1, Math.ceil(state.total / state.pageSize));
  const first = state.total ? (state.page - 1) * state.pageSize + 1 : 0;
  const last = Math.min(state.total, state.page * state.pageSize);
  if (state.total === 0) return null;
  if (state.page > pages)
    return (
      <nav aria-label="Pages" className="mt-3 flex items-center justify-between text-sm text-slate-700">
        <span>
          Page {state.page.toLocaleString("en")} is past the last, page {pages.toLocaleString("en")}.
        </span>
        <Link className="btn-secondary" to={hrefWith({ page: String(pages) })} preventScrollReset>
          Go to the last page
        </Link>
      </nav>
    );
  return (
    <nav aria-label="Pages" className="mt-3 flex items-center justify-between text-sm text-slate-700">
      <span>
        {first.toLocaleString("en")}–{last.toLocaleString("en")} of {state.total.toLocaleString("en")}
      </span>
      <span className="flex gap-2">
        {state.page > 1 ? (
          <Link className="btn-secondary" to={hrefWith({ page: String(state.page - 1) })} preventScrollReset>
            Previous
          </Link>
        ) : null}
        <span className="px-2 py-1.5">
          Page {state.page} of {pages}
        </span>
        {state.page < pages ? (
          <Link className="btn-secondary" to={hrefWith({ page: String(state.page + 1) })} preventScrollReset>
            Next
          </Link>
        ) : null}
      </span>
    </nav>
  );
}

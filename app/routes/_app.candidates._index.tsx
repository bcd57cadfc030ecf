import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useNavigation } from "@remix-run/react";
import { createColumnHelper } from "@tanstack/react-table";
import { DataTable } from "~/components/data-table";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { requireUser } from "~/auth/session.server";
import { can, requirePermission } from "~/auth/permissions.server";
import { CANDIDATE_SORT_KEYS, listCandidates } from "~/data/candidates.server";
import { parseListParams } from "~/core/list-params";
import { formatDay, formatPercent } from "~/core/format";
import { getDb } from "../../db/connection.server";

export const meta: MetaFunction = () => [{ title: "Candidates · Followthrough" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  requirePermission(user, "candidates:read");
  const params = parseListParams(new URL(request.url).searchParams, CANDIDATE_SORT_KEYS, {
    sort: "name",
    dir: "asc",
  });
  const { rows, total } = await listCandidates(getDb(), user, params);
  return {
    params,
    total,
    sortable: CANDIDATE_SORT_KEYS,
    canCreate: can(user, "candidates:write"),
    rows: rows.map((r) => ({
      id: r.id,
      name: r.name,
      email: r.email ?? "—",
      source: r.source ?? "—",
      applications: Number(r.applications ?? 0),
      lastInterview: formatDay(r.lastInterview as string | null, user.timeZone),
      followUpRate: formatPercent(r.followUpRate as number | null),
      bestScore: r.bestScore == null ? "—" : String(Math.round(Number(r.bestScore))),
      createdAt: formatDay(r.createdAt, user.timeZone),
    })),
  };
}

type Row = Awaited<ReturnType<typeof loader>>["rows"][number];
const column = createColumnHelper<Row>();
const columns = [
  column.accessor("name", {
    header: "Name",
    cell: (c) => (
      <Link to={`/candidates/${c.row.original.id}`} className="font-medium">
        {c.getValue()}
      </Link>
    ),
  }),
  column.accessor("email", { header: "Email" }),
  column.accessor("source", { header: "Source" }),
  column.accessor("applications", {
    header: "Applications",
    cell: (c) => <span className="tabular-nums">{c.getValue()}</span>,
  }),
  column.accessor("lastInterview", { header: "Last interview" }),
  column.accessor("followUpRate", {
    header: "Follow-up rate",
    cell: (c) => <span className="tabular-nums">{c.getValue()}</span>,
  }),
  column.accessor("bestScore", {
    header: "Best score",
    cell: (c) => <span className="tabular-nums">{c.getValue()}</span>,
  }),
  column.accessor("createdAt", { header: "Added" }),
];

export default function Candidates() {
  const { rows, total, params, sortable, canCreate } = useLoaderData<typeof loader>();
  const searching = useNavigation().location?.pathname === "/candidates";
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h1 className="text-2xl font-semibold">Candidates</h1>
          <p className="text-sm text-slate-600">
            Everyone you have logged, with how they follow up after interviews.
          </p>
        </div>
        <Form method="get" role="search" className="flex items-end gap-2">
          <input type="hidden" name="sort" value={params.sort} />
          <input type="hidden" name="dir" value={params.dir} />
          <label className="text-sm">
            <span className="block font-medium text-slate-800">Search by name, email or phone</span>
            <input
              type="search"
              name="q"
              defaultValue={params.q}
              className="input mt-1 w-72"
              placeholder="e.g. Priya, @gmail.com or 555 0102"
            />
          </label>
          <button type="submit" className="btn">
            {searching ? "Searching…" : "Search"}
          </button>
          {canCreate ? (
            <Link to="/candidates/new" className="btn">
              New candidate
            </Link>
          ) : null}
        </Form>
      </div>
      <DataTable
        caption="Candidates"
        columns={columns}
        data={rows}
        state={{ ...params, total }}
        sortable={sortable}
        getRowId={(r) => String(r.id)}
        empty={
          params.q ? (
            <>
              No candidate matches “{params.q}”. <Link to="/candidates">Clear the search</Link>.
            </>
          ) : (
            "No candidates yet. They appear here as soon as you log an application or import them."
          )
        }
      />
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

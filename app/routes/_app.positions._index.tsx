import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { createColumnHelper } from "@tanstack/react-table";
import { z } from "zod";
import { DataTable, Pager } from "~/components/data-table";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { PageHeader } from "~/components/form-fields";
import { requireUser } from "~/auth/session.server";
import { can, requirePermission } from "~/auth/permissions.server";
import { listClientOptions, listPositionSummaries } from "~/data/positions.server";
import { formatDay, formatPercent } from "~/core/format";
import { parseId } from "~/core/params";
import { POSITION_STATUS_FILTERS } from "~/core/pipeline";
import { STAGE_LABELS, STAGES, type Stage } from "~/core/stages";
import { getDb } from "../../db/connection.server";

export const meta: MetaFunction = () => [{ title: "Positions · Followthrough" }];

const PAGE_SIZE = 50;

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  requirePermission(user, "positions:read");
  const url = new URL(request.url);
  const params = {
    status: z
      .enum(POSITION_STATUS_FILTERS)
      .catch("open")
      .parse(url.searchParams.get("status") ?? undefined),
    clientId: parseId(url.searchParams.get("client")),
    q: z
      .string()
      .trim()
      .max(200)
      .catch("")
      .parse(url.searchParams.get("q") ?? ""),
    page: z.coerce
      .number()
      .int()
      .min(1)
      .max(100_000)
      .catch(1)
      .parse(url.searchParams.get("page") ?? undefined),
    pageSize: PAGE_SIZE,
  };
  const now = new Date().toISOString();
  const [{ rows, total }, clients] = await Promise.all([
    listPositionSummaries(getDb(), user, params, now),
    listClientOptions(getDb(), user),
  ]);

  // Grouped per client, in the order the query returned them (client name, then title).
  const groups: { clientId: number; clientName: string; positions: PositionRow[] }[] = [];
  for (const r of rows) {
    let group = groups.at(-1);
    if (!group || group.clientId !== r.clientId) {
      group = { clientId: r.clientId, clientName: r.clientName, positions: [] };
      groups.push(group);
    }
    group.positions.push({
      id: r.id,
      title: r.title,
      status: r.status,
      manager: r.managerName ?? "—",
      opened:
        r.status === "closed" ? `${formatDay(r.openedOn)} – ${formatDay(r.closedOn)}` : formatDay(r.openedOn),
      candidates: r.candidates,
      byStage: r.byStage,
      awaiting: r.awaiting,
      followUpRate: formatPercent(r.followUpRate),
      followUpCounts: r.decided ? `${r.followedUp} of ${r.decided}` : "no decided interviews yet",
    });
  }

  return {
    params,
    total,
    groups,
    // Client viewers see only their own client: the filter would offer nothing to choose.
    clients: user.role === "client_viewer" ? [] : clients,
    canWritePositions: can(user, "positions:write"),
    canWriteClients: can(user, "clients:write"),
  };
}

type PositionRow = {
  id: number;
  title: string;
  status: "open" | "closed";
  manager: string;
  opened: string;
  candidates: number;
  byStage: Record<Stage, number>;
  awaiting: number;
  followUpRate: string;
  followUpCounts: string;
};

const column = createColumnHelper<PositionRow>();
const Count = ({ n }: { n: number }) => (
  <span className={`tabular-nums ${n ? "" : "text-slate-500"}`}>{n}</span>
);
const columns = [
  column.accessor("title", {
    header: "Position",
    cell: (c) => (
      <span className="inline-flex flex-wrap items-center gap-2">
        <Link to={`/positions/${c.row.original.id}`} className="font-medium">
          {c.getValue()}
        </Link>
        {c.row.original.status === "closed" ? (
          <span className="rounded-full bg-slate-100 px-2 py-0.5 text-xs font-medium text-slate-700 ring-1 ring-inset ring-slate-300">
            Closed
          </span>
        ) : null}
      </span>
    ),
  }),
  column.accessor("manager", { header: "Hiring manager" }),
  column.accessor("opened", { header: "Opened" }),
  column.accessor("candidates", {
    header: "Candidates",
    cell: (c) => <strong className="tabular-nums">{c.getValue()}</strong>,
  }),
  ...STAGES.map((stage) =>
    column.accessor((r) => r.byStage[stage], {
      id: `stage-${stage}`,
      header: STAGE_LABELS[stage],
      cell: (c) => <Count n={c.getValue()} />,
    }),
  ),
  column.accessor("awaiting", {
    header: "Awaiting follow-up",
    cell: (c) =>
      c.getValue() ? (
        <span className="inline-flex items-center rounded-full bg-sky-100 px-2 py-0.5 text-xs font-medium tabular-nums text-sky-900 ring-1 ring-inset ring-sky-300">
          {c.getValue()} awaiting
        </span>
      ) : (
        <Count n={0} />
      ),
  }),
  column.accessor("followUpRate", {
    header: "Follow-up rate",
    cell: (c) => (
      <span>
        <span className="tabular-nums">{c.getValue()}</span>
        <span className="block text-xs text-slate-600">{c.row.original.followUpCounts}</span>
      </span>
    ),
  }),
];

const STATUS_LABELS = { open: "Open", closed: "Closed", all: "All" } as const;

export default function Positions() {
  const { params, total, groups, clients, canWritePositions, canWriteClients } =
    useLoaderData<typeof loader>();
  const filtered = Boolean(params.q || params.clientId);
  return (
    <div className="space-y-5">
      <PageHeader
        title="Positions"
        subtitle="Each opening with its candidates by stage, who is inside the follow-up window now, and how often candidates have followed up."
        actions={
          <>
            {canWriteClients ? (
              <Link to="/clients" className="btn-secondary">
                Clients
              </Link>
            ) : null}
            {canWriteClients ? (
              <Link to="/clients/new" className="btn-secondary">
                New client
              </Link>
            ) : null}
            {canWritePositions ? (
              <Link to="/positions/new" className="btn">
                New position
              </Link>
            ) : null}
          </>
        }
      />

      <div className="flex flex-wrap items-end justify-between gap-3">
        <nav aria-label="Position status" className="flex gap-1 rounded-lg bg-slate-100 p-1">
          {POSITION_STATUS_FILTERS.map((s) => {
            const next = new URLSearchParams();
            next.set("status", s);
            if (params.q) next.set("q", params.q);
            if (params.clientId) next.set("client", String(params.clientId));
            const active = params.status === s;
            return (
              <Link
                key={s}
                to={`?${next}`}
                aria-current={active ? "page" : undefined}
                className={`rounded-md px-3 py-1 text-sm font-medium ${active ? "bg-white text-slate-900 shadow-sm" : "text-slate-700 hover:text-slate-900"}`}
              >
                {STATUS_LABELS[s]}
              </Link>
            );
          })}
        </nav>
        <Form method="get" role="search" className="flex flex-wrap items-end gap-2">
          <input type="hidden" name="status" value={params.status} />
          {clients.length > 1 ? (
            <label className="text-sm">
              <span className="block font-medium text-slate-800">Client</span>
              <select name="client" defaultValue={params.clientId ?? ""} className="input mt-1 w-48">
                <option value="">All clients</option>
                {clients.map((c) => (
                  <option key={c.id} value={c.id}>
                    {c.name}
                  </option>
                ))}
              </select>
            </label>
          ) : null}
          <label className="text-sm">
            <span className="block font-medium text-slate-800">Search by title</span>
            <input
              type="search"
              name="q"
              defaultValue={params.q}
              className="input mt-1 w-60"
              placeholder="e.g. Account Executive"
            />
          </label>
          <button type="submit" className="btn">
            Show
          </button>
        </Form>
      </div>

      {groups.length === 0 ? (
        <div className="card p-8 text-center text-sm text-slate-700">
          {filtered ? (
            <>
              No position matches your search.{" "}
              <Link to={`?status=${params.status}`} className="underline">
                Clear the search
              </Link>
              .
            </>
          ) : (
            <>
              {params.status === "open"
                ? "No open positions. "
                : params.status === "closed"
                  ? "No closed positions. "
                  : "No positions yet. "}
              {canWritePositions ? (
                <>
                  <Link to="/positions/new" className="underline">
                    Create a position
                  </Link>{" "}
                  to start a pipeline.{" "}
                </>
              ) : null}
              {params.status !== "all" ? (
                <Link to="?status=all" className="underline">
                  Show all positions
                </Link>
              ) : null}
            </>
          )}
        </div>
      ) : (
        groups.map((g) => (
          <section key={g.clientId} aria-labelledby={`client-${g.clientId}`} className="space-y-2">
            <h2 id={`client-${g.clientId}`} className="text-lg font-semibold">
              {g.clientName}
              <span className="ml-2 text-sm font-normal text-slate-600">
                {g.positions.length === 1 ? "1 position" : `${g.positions.length} positions`}
              </span>
            </h2>
            <DataTable
              caption={`Positions at ${g.clientName}`}
              columns={columns}
              data={g.positions}
              state={{ sort: "", dir: "asc", page: params.page, pageSize: params.pageSize, total }}
              sortable={[]}
              getRowId={(r) => String(r.id)}
              empty={null}
              pager={false}
            />
          </section>
        ))
      )}
      <Pager state={{ page: params.page, pageSize: params.pageSize, total }} />
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

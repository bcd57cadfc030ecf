import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { createColumnHelper } from "@tanstack/react-table";
import { DataTable } from "~/components/data-table";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { PageHeader } from "~/components/form-fields";
import { requireUser } from "~/auth/session.server";
import { can, requirePermission } from "~/auth/permissions.server";
import { listClients } from "~/data/clients.server";
import { getDb } from "../../db/connection.server";

export const meta: MetaFunction = () => [{ title: "Clients · Followthrough" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  requirePermission(user, "positions:read");
  const clients = await listClients(getDb(), user);
  return { clients, canWrite: can(user, "clients:write"), canWritePositions: can(user, "positions:write") };
}

type Row = Awaited<ReturnType<typeof loader>>["clients"][number];
const column = createColumnHelper<Row>();

export default function Clients() {
  const { clients, canWrite, canWritePositions } = useLoaderData<typeof loader>();
  const columns = [
    column.accessor("name", {
      header: "Client",
      cell: (c) => (
        <Link to={`/positions?status=all&client=${c.row.original.id}`} className="font-medium">
          {c.getValue()}
        </Link>
      ),
    }),
    column.accessor("openPositions", {
      header: "Open positions",
      cell: (c) => <span className="tabular-nums">{c.getValue()}</span>,
    }),
    column.accessor("positions", {
      header: "All positions",
      cell: (c) => <span className="tabular-nums">{c.getValue()}</span>,
    }),
    column.display({
      id: "actions",
      header: () => <span className="sr-only">Actions</span>,
      cell: (c) =>
        canWrite ? (
          <span className="flex flex-wrap justify-end gap-2">
            {canWritePositions ? (
              <Link
                to={`/positions/new?client=${c.row.original.id}`}
                className="btn-secondary"
                aria-label={`New position at ${c.row.original.name}`}
              >
                New position
              </Link>
            ) : null}
            <Link
              to={`/clients/${c.row.original.id}/mail`}
              className="btn-secondary"
              aria-label={`Report by mail for ${c.row.original.name}`}
            >
              Report by mail
            </Link>
            <Link
              to={`/clients/${c.row.original.id}/edit`}
              className="btn-secondary"
              aria-label={`Rename ${c.row.original.name}`}
            >
              Rename
            </Link>
            <Link
              to={`/clients/${c.row.original.id}/delete`}
              className="btn-secondary text-red-800"
              aria-label={`Delete ${c.row.original.name}`}
            >
              Delete
            </Link>
          </span>
        ) : null,
    }),
  ];
  return (
    <div className="space-y-4">
      <PageHeader
        back={{ to: "/positions", label: "Positions" }}
        title="Clients"
        subtitle="The companies you hire for. An in-house team has one: itself."
        actions={
          canWrite ? (
            <Link to="/clients/new" className="btn">
              New client
            </Link>
          ) : null
        }
      />
      <DataTable
        caption="Clients"
        columns={columns}
        data={clients}
        state={{
          sort: "name",
          dir: "asc",
          page: 1,
          pageSize: Math.max(clients.length, 1),
          total: clients.length,
        }}
        sortable={[]}
        getRowId={(r) => String(r.id)}
        pager={false}
        empty={
          canWrite ? (
            <>
              No clients yet.{" "}
              <Link to="/clients/new" className="underline">
                Create the first one
              </Link>
              .
            </>
          ) : (
            "No clients to show."
          )
        }
      />
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { createColumnHelper } from "@tanstack/react-table";
import { z } from "zod";
import { DataTable } from "~/components/data-table";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { FollowUpStatus } from "~/components/follow-up-status";
import { PageHeader } from "~/components/form-fields";
import { requireUser } from "~/auth/session.server";
import { requirePermission } from "~/auth/permissions.server";
import { getOrganizationSettings } from "~/data/organizations.server";
import { listAwaiting } from "~/data/pipeline.server";
import { formatDateTime } from "~/core/format";
import { statusViewModel } from "~/core/pipeline";
import { thresholdInWords } from "~/core/windows";
import { getDb } from "../../db/connection.server";

export const meta: MetaFunction = () => [{ title: "Awaiting follow-up · Followthrough" }];

const PAGE_SIZE = 50;

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  requirePermission(user, "positions:read");
  const page = z.coerce
    .number()
    .int()
    .min(1)
    .max(100_000)
    .catch(1)
    .parse(new URL(request.url).searchParams.get("page") ?? undefined);
  const settings = await getOrganizationSettings(getDb(), user.organization_id);
  const now = new Date().toISOString();
  const { rows, total } = await listAwaiting(getDb(), user, { page, pageSize: PAGE_SIZE }, now);
  return {
    now,
    page,
    total,
    lateWindow: thresholdInWords(settings.windows.late),
    rows: rows.map((r) => ({
      id: r.id,
      candidateId: r.candidate_id,
      candidate: r.candidate_name,
      positionId: r.position_id,
      position: r.position_title,
      client: r.client_name,
      interviewer: r.interviewer_name,
      round: r.round,
      endedAt: formatDateTime(r.ends_at, r.time_zone),
      status: statusViewModel(
        {
          endsAt: r.ends_at,
          firstFollowUpAt: r.first_follow_up_at,
          window: r.window,
          latencyMinutes: r.latency_minutes,
        },
        now,
        settings.windows,
      ),
    })),
  };
}

type Row = ReturnType<typeof useLoaderData<typeof loader>>["rows"][number];
const column = createColumnHelper<Row>();

export default function Awaiting() {
  const { rows, total, page, now, lateWindow } = useLoaderData<typeof loader>();
  const columns = [
    column.accessor("candidate", {
      header: "Candidate",
      cell: (c) => (
        <span className="block">
          <Link to={`/candidates/${c.row.original.candidateId}`} className="font-medium">
            {c.getValue()}
          </Link>
          {/* Narrower screens leave out the countdown, position, client, interviewer and end columns:
              they show here, the countdown first. */}
          {c.row.original.status.kind === "not_interviewed" ? null : (
            <span className="my-1 block sm:hidden">
              <FollowUpStatus status={c.row.original.status} serverNow={now} />
            </span>
          )}
          <span className="block text-xs text-slate-600 lg:hidden">
            <span className="md:hidden">
              <Link to={`/positions/${c.row.original.positionId}`} className="underline">
                {c.row.original.position}
              </Link>{" "}
              ·{" "}
            </span>
            {c.row.original.client}
          </span>
          <span className="block text-xs text-slate-600 lg:hidden">
            Round {c.row.original.round} with {c.row.original.interviewer}
            <span className="md:hidden">, ended {c.row.original.endedAt}</span>
          </span>
        </span>
      ),
    }),
    column.accessor("position", {
      header: "Position",
      meta: { className: "hidden md:table-cell" },
      cell: (c) => <Link to={`/positions/${c.row.original.positionId}`}>{c.getValue()}</Link>,
    }),
    column.accessor("client", { header: "Client", meta: { className: "hidden lg:table-cell" } }),
    column.accessor("interviewer", {
      header: "Interviewer",
      meta: { className: "hidden lg:table-cell" },
      cell: (c) => (
        <span>
          {c.getValue()}
          <span className="block text-xs text-slate-600">Round {c.row.original.round}</span>
        </span>
      ),
    }),
    column.accessor("endedAt", {
      header: "Interview ended",
      meta: { className: "hidden md:table-cell" },
      cell: (c) => <span className="whitespace-nowrap">{c.getValue()}</span>,
    }),
    column.accessor("status", {
      header: "Time left to follow up",
      meta: { className: "hidden sm:table-cell" },
      cell: (c) => {
        const status = c.getValue();
        return status.kind === "not_interviewed" ? null : (
          <div className="min-w-[16rem]">
            <FollowUpStatus status={status} serverNow={now} />
          </div>
        );
      },
    }),
  ];
  return (
    <div className="space-y-4">
      <PageHeader
        title="Awaiting follow-up"
        subtitle={`Interviews that ended less than ${lateWindow} ago with no follow-up from the candidate yet, soonest deadline first. The countdowns run live.`}
      />
      <DataTable
        caption="Interviews awaiting a follow-up, soonest deadline first"
        columns={columns}
        data={rows}
        state={{ sort: "endedAt", dir: "asc", page, pageSize: PAGE_SIZE, total }}
        sortable={[]}
        getRowId={(r) => String(r.id)}
        empty={
          <>
            Nothing is awaiting a follow-up right now: every recent interview has had its follow-up, or its
            window has closed. Interviews appear here as soon as they are logged.
          </>
        }
      />
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

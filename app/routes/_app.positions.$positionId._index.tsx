import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useLocation } from "@remix-run/react";
import { createColumnHelper } from "@tanstack/react-table";
import { DataTable } from "~/components/data-table";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { FollowUpStatus } from "~/components/follow-up-status";
import { PageHeader } from "~/components/form-fields";
import { requireUser } from "~/auth/session.server";
import { can, requirePermission } from "~/auth/permissions.server";
import { getOrganizationSettings } from "~/data/organizations.server";
import { getVisiblePosition, listPipeline } from "~/data/pipeline.server";
import { formatDateTime, formatDay } from "~/core/format";
import { idOr404 } from "~/core/params";
import {
  COLUMN_LABELS,
  hasFilters,
  parsePipelineParams,
  PIPELINE_COLUMNS,
  PIPELINE_SORT_KEYS,
  PIPELINE_STATUSES,
  SCORE_BAND_LABELS,
  SCORE_BANDS,
  STATUS_LABELS,
  statusViewModel,
  columnsParam,
  type PipelineColumn,
  type StatusViewModel,
} from "~/core/pipeline";
import { OUTCOME_LABELS, OUTCOMES } from "~/core/outcomes";
import { STAGE_LABELS, STAGES } from "~/core/stages";
import { TIMED_WINDOWS, windowLabel } from "~/core/windows";
import { getDb } from "../../db/connection.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.position.title ?? "Pipeline"} · Followthrough` },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  requirePermission(user, "positions:read");
  const position = await getVisiblePosition(getDb(), user, idOr404(params.positionId));
  if (!position) throw new Response(null, { status: 404 });
  const { list, filters, columns } = parsePipelineParams(new URL(request.url).searchParams);
  const settings = await getOrganizationSettings(getDb(), user.organization_id);
  const now = new Date().toISOString();
  const { rows, total } = await listPipeline(getDb(), user, position.id, list, filters, now);

  return {
    now,
    list,
    filters,
    // The window filter names the organization's thresholds: "Best (≤ 2 h)".
    windowOptions: TIMED_WINDOWS.map((w): [string, string] => [w, windowLabel(w, settings.windows)]),
    columns,
    total,
    position: {
      id: position.id,
      title: position.title,
      client: position.client_name,
      manager: position.manager_name,
      status: position.status,
      opened: formatDay(position.opened_on),
      closed: position.closed_on ? formatDay(position.closed_on) : null,
    },
    rows: rows.map((r) => ({
      id: r.id,
      candidateId: r.candidate_id,
      candidate: r.candidate_name,
      email: r.candidate_email,
      stage: STAGE_LABELS[r.stage] ?? r.stage,
      lastInterview: r.last_interview_end ? formatDateTime(r.last_interview_end, user.timeZone) : "—",
      status: statusViewModel(
        r.interview_id == null || r.ends_at == null
          ? null
          : {
              endsAt: r.ends_at,
              firstFollowUpAt: r.first_follow_up_at,
              window: r.window,
              latencyMinutes: r.latency_minutes,
            },
        now,
        settings.windows,
      ),
      score: r.best_score == null ? null : Math.round(r.best_score),
      outcome: OUTCOME_LABELS[r.outcome] ?? r.outcome,
      outcomeOn: r.outcome !== "pending" && r.outcome_on ? formatDay(r.outcome_on) : null,
      recruiter: r.recruiter_name ?? "—",
    })),
    canManage: can(user, "applications:write"),
    canEditPosition: can(user, "positions:write"),
  };
}

type Loaded = ReturnType<typeof useLoaderData<typeof loader>>;
type Row = Loaded["rows"][number];
const column = createColumnHelper<Row>();

function StatusCell({ status, now }: { status: StatusViewModel; now: string }) {
  if (status.kind === "not_interviewed")
    return <span className="text-sm text-slate-600">Not interviewed yet</span>;
  return (
    <div className="sm:min-w-[13rem]">
      <FollowUpStatus status={status} serverNow={now} compact />
    </div>
  );
}

function buildColumns(now: string, manageHref: (row: Row) => string | null) {
  return [
    column.accessor("candidate", {
      header: "Candidate",
      cell: (c) => (
        <span className="block">
          <Link to={`/candidates/${c.row.original.candidateId}`} className="font-medium">
            {c.getValue()}
          </Link>
          {c.row.original.email ? (
            <span className="hidden text-xs text-slate-600 sm:block">{c.row.original.email}</span>
          ) : null}
          {/* On a phone the status, score and outcome columns are left out: they show here instead. */}
          <span className="mt-1 block space-y-1 sm:hidden">
            {c.table.getColumn("status")?.getIsVisible() ? (
              <StatusCell status={c.row.original.status} now={now} />
            ) : null}
            <span className="block text-xs text-slate-600">
              {c.row.original.score == null ? "Not scored" : `Best score ${c.row.original.score}/100`} ·{" "}
              {c.row.original.outcome}
            </span>
          </span>
        </span>
      ),
    }),
    column.accessor("stage", { header: COLUMN_LABELS.stage, meta: { className: "hidden lg:table-cell" } }),
    column.accessor("lastInterview", {
      header: COLUMN_LABELS.lastInterview,
      meta: { className: "hidden lg:table-cell" },
      cell: (c) => <span className="whitespace-nowrap">{c.getValue()}</span>,
    }),
    column.accessor("status", {
      header: COLUMN_LABELS.status,
      meta: { className: "hidden sm:table-cell" },
      cell: (c) => <StatusCell status={c.getValue()} now={now} />,
    }),
    column.accessor("score", {
      header: COLUMN_LABELS.score,
      meta: { className: "hidden sm:table-cell" },
      cell: (c) =>
        c.getValue() == null ? (
          <span className="text-slate-600">
            —<span className="sr-only">not scored</span>
          </span>
        ) : (
          <span className="tabular-nums">
            <strong>{c.getValue()}</strong>
            <span className="text-xs text-slate-600">/100</span>
          </span>
        ),
    }),
    column.accessor("outcome", {
      header: COLUMN_LABELS.outcome,
      meta: { className: "hidden sm:table-cell" },
      cell: (c) => (
        <span>
          {c.getValue()}
          {c.row.original.outcomeOn ? (
            <span className="block text-xs text-slate-600">{c.row.original.outcomeOn}</span>
          ) : null}
        </span>
      ),
    }),
    column.accessor("recruiter", {
      header: COLUMN_LABELS.recruiter,
      meta: { className: "hidden lg:table-cell" },
    }),
    column.display({
      id: "actions",
      header: () => <span className="sr-only">Actions</span>,
      cell: (c) => {
        const href = manageHref(c.row.original);
        return href ? (
          <Link
            to={href}
            className="btn-secondary whitespace-nowrap"
            aria-label={`Manage ${c.row.original.candidate}'s application`}
          >
            Manage
          </Link>
        ) : null;
      },
    }),
  ];
}

export default function Pipeline() {
  const { position, rows, total, list, filters, windowOptions, columns, now, canManage, canEditPosition } =
    useLoaderData<typeof loader>();
  const location = useLocation();
  const here = location.pathname + location.search;
  const manageHref = canManage
    ? (r: Row) => `/applications/${r.id}?${new URLSearchParams({ returnTo: here })}`
    : () => null;
  const tableColumns = buildColumns(now, manageHref);
  const visibility = Object.fromEntries(PIPELINE_COLUMNS.map((c) => [c, columns.includes(c)]));
  const colsValue = columnsParam(columns);
  const filtered = hasFilters(filters, list.q);

  const subtitle = [
    position.client,
    position.manager ? `Hiring manager: ${position.manager}` : "No hiring manager",
    position.status === "closed" ? `Closed ${position.closed}` : `Open since ${position.opened}`,
  ].join(" · ");

  return (
    <div className="space-y-4">
      <PageHeader
        back={{ to: "/positions", label: "Positions" }}
        title={position.title}
        subtitle={subtitle}
        actions={
          <>
            {/* The same filters, sort and search as on screen, every page. */}
            <a
              href={`/positions/${position.id}/export.csv${location.search}`}
              className="btn-secondary"
              download
            >
              Download CSV
            </a>
            {canEditPosition ? (
              <Link to={`/positions/${position.id}/edit`} className="btn-secondary">
                Edit position
              </Link>
            ) : null}
            {canManage ? (
              <Link to={`/positions/${position.id}/add`} className="btn">
                Add candidate to this position
              </Link>
            ) : null}
          </>
        }
      />

      {/* Keyed by the URL: uncontrolled fields must show the new view's values after a link changes it. */}
      <Form
        key={`filters${location.search}`}
        method="get"
        role="search"
        aria-label="Filter the pipeline"
        className="card grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-7"
      >
        <input type="hidden" name="sort" value={list.sort} />
        <input type="hidden" name="dir" value={list.dir} />
        {colsValue != null ? <input type="hidden" name="cols" value={colsValue} /> : null}
        <label className="col-span-2 text-sm sm:col-span-1 lg:col-span-2">
          <span className="block font-medium text-slate-800">Search by name or email</span>
          <input
            type="search"
            name="q"
            defaultValue={list.q}
            className="input mt-1"
            placeholder="e.g. Priya or @gmail.com"
          />
        </label>
        <FilterSelect
          label="Stage"
          name="stage"
          value={filters.stage}
          any="Any stage"
          options={STAGES.map((s) => [s, STAGE_LABELS[s]])}
        />
        <FilterSelect
          label="Follow-up status"
          name="status"
          value={filters.status}
          any="Any status"
          options={PIPELINE_STATUSES.map((s) => [s, STATUS_LABELS[s]])}
        />
        <FilterSelect
          label="Window"
          name="window"
          value={filters.window}
          any="Any window"
          options={windowOptions}
        />
        <FilterSelect
          label="Best score"
          name="band"
          value={filters.band}
          any="Any score"
          options={SCORE_BANDS.map((b) => [b, SCORE_BAND_LABELS[b]])}
        />
        <FilterSelect
          label="Outcome"
          name="outcome"
          value={filters.outcome}
          any="Any outcome"
          options={OUTCOMES.map((o) => [o, OUTCOME_LABELS[o]])}
        />
        <div className="col-span-2 flex flex-wrap items-center gap-3 sm:col-span-3 lg:col-span-7">
          <button type="submit" className="btn">
            Apply filters
          </button>
          {filtered ? (
            <Link to={colsValue != null ? `?cols=${colsValue}` : "?"} className="text-sm">
              Clear filters
            </Link>
          ) : null}
          <span className="text-sm text-slate-600" role="status">
            {filtered
              ? `${total.toLocaleString("en")} matching ${total === 1 ? "application" : "applications"}`
              : `${total.toLocaleString("en")} ${total === 1 ? "application" : "applications"}`}
          </span>
        </div>
      </Form>

      <ColumnChooser key={`columns${location.search}`} columns={columns} />

      <DataTable
        caption={`Pipeline for ${position.title}`}
        columns={tableColumns}
        data={rows}
        state={{ ...list, total }}
        sortable={PIPELINE_SORT_KEYS}
        columnVisibility={visibility}
        getRowId={(r) => String(r.id)}
        empty={
          filtered ? (
            <>
              No application matches these filters.{" "}
              <Link to={colsValue != null ? `?cols=${colsValue}` : "?"} className="underline">
                Clear the filters
              </Link>
              .
            </>
          ) : (
            <>
              No candidates in this pipeline yet.
              {canManage ? (
                <>
                  {" "}
                  <Link to={`/positions/${position.id}/add`} className="underline">
                    Add a candidate
                  </Link>{" "}
                  to start it.
                </>
              ) : null}
            </>
          )
        }
      />
      <p className="text-xs text-slate-600">
        Best score: the highest quality score (0–100) among the application’s follow-ups. Scores advise; they
        never decide. Follow-up status is that of the latest interview.
      </p>
    </div>
  );
}

function FilterSelect({
  label,
  name,
  value,
  any,
  options,
}: {
  label: string;
  name: string;
  value: string | null;
  any: string;
  options: [string, string][];
}) {
  return (
    <label className="text-sm">
      <span className="block font-medium text-slate-800">{label}</span>
      <select name={name} defaultValue={value ?? ""} className="input mt-1">
        <option value="">{any}</option>
        {options.map(([v, l]) => (
          <option key={v} value={v}>
            {l}
          </option>
        ))}
      </select>
    </label>
  );
}

/** Which columns show, kept in the URL (`cols=`) like every other part of the view. */
function ColumnChooser({ columns }: { columns: PipelineColumn[] }) {
  const location = useLocation();
  const current = new URLSearchParams(location.search);
  const keep = [...current.entries()].filter(([k]) => k !== "cols" && k !== "page");
  return (
    <details className="text-sm">
      <summary className="cursor-pointer font-medium text-indigo-800">Choose columns</summary>
      <Form method="get" className="mt-2 flex flex-wrap items-center gap-4">
        {keep.map(([k, v], i) => (
          <input key={`${k}-${i}`} type="hidden" name={k} value={v} />
        ))}
        <input type="hidden" name="cols" value="" />
        <fieldset className="flex flex-wrap gap-4">
          <legend className="sr-only">Columns to show</legend>
          {PIPELINE_COLUMNS.map((c) => (
            <label key={c} className="inline-flex items-center gap-1.5">
              <input
                type="checkbox"
                name="cols"
                value={c}
                defaultChecked={columns.includes(c)}
                className="h-4 w-4"
              />
              {COLUMN_LABELS[c]}
            </label>
          ))}
        </fieldset>
        <button type="submit" className="btn-secondary">
          Show these columns
        </button>
      </Form>
    </details>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

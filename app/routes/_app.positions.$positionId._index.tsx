import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useLocation, useNavigation } from "@remix-run/react";
import { useEffect, useRef, useState, type ChangeEvent } from "react";
import { createColumnHelper, type CellContext, type HeaderContext } from "@tanstack/react-table";
import { DataTable } from "~/components/data-table";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { FollowUpStatus } from "~/components/follow-up-status";
import { FormAlert, FormNotice, PageHeader } from "~/components/form-fields";
import { requireUser } from "~/auth/session.server";
import { can, requirePermission } from "~/auth/permissions.server";
import { getOrganizationSettings } from "~/data/organizations.server";
import {
  deleteView,
  getVisiblePosition,
  listPipeline,
  listSavedViews,
  renameView,
  saveView,
} from "~/data/pipeline.server";
import { formatDateTime, formatDay } from "~/core/format";
import { formValues, idOr404, parseId } from "~/core/params";
import { fieldErrors } from "~/core/schemas";
import {
  bulkDoneMessage,
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
  SavedViewNameSchema,
  viewSearch,
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
  const searchParams = new URL(request.url).searchParams;
  const parsed = parsePipelineParams(searchParams);
  const { list, filters, columns } = parsed;
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
              latencyExempt: r.latency_exempt_reason != null,
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
    // The saved view this page shows, if any, is the one whose query string matches.
    view: viewSearch(parsed),
    views: await listSavedViews(getDb(), user),
    done: bulkDoneMessage(searchParams.get("done")),
  };
}

type ViewIntent = "save-view" | "rename-view" | "delete-view";
type ViewResult = {
  intent: ViewIntent;
  view: string;
  values: Record<string, string>;
  errors: Record<string, string[]>;
};

/** Saving, renaming and deleting the user's own views. Any reader of the pipeline may keep views. */
export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  requirePermission(user, "positions:read");
  const position = await getVisiblePosition(getDb(), user, idOr404(params.positionId));
  if (!position) throw new Response(null, { status: 404 });
  const values = formValues(await request.formData());
  // The view the page showed, through the same whitelist as the loader: nothing else is stored.
  const search = viewSearch(parsePipelineParams(new URLSearchParams(values.search ?? "")));
  const here = `/positions/${position.id}${search}`;
  const intent = values.intent as ViewIntent;
  const fail = (errors: Record<string, string[]>) =>
    data<ViewResult>({ intent, view: values.viewId ?? "", values, errors }, { status: 400 });

  if (intent === "save-view" || intent === "rename-view") {
    const parsed = SavedViewNameSchema.safeParse(values);
    if (!parsed.success) return fail(fieldErrors(parsed.error));
    if (intent === "save-view") {
      const result = await saveView(getDb(), user, parsed.data.name, search);
      if (!result.ok) return fail({ [result.field]: [result.message] });
      return redirect(here);
    }
    const viewId = parseId(values.viewId);
    const result = viewId
      ? await renameView(getDb(), user, viewId, parsed.data.name)
      : ({ ok: false, field: "name", message: "Choose a view to rename." } as const);
    if (!result.ok) return fail({ name: [result.message] });
    return redirect(here);
  }
  if (intent === "delete-view") {
    const viewId = parseId(values.viewId);
    const result = viewId
      ? await deleteView(getDb(), user, viewId)
      : ({ ok: false, field: "view", message: "Choose a view to delete." } as const);
    if (!result.ok) return fail({ view: [result.message] });
    return redirect(here);
  }
  throw new Response("Unknown action.", { status: 400 });
}

type Loaded = ReturnType<typeof useLoaderData<typeof loader>>;
type Row = Loaded["rows"][number];
const column = createColumnHelper<Row>();

function StatusCell({ status, now }: { status: StatusViewModel; now: string }) {
  if (status.kind === "not_interviewed")
    return <span className="text-sm text-slate-600">Not interviewed yet</span>;
  return <FollowUpStatus status={status} serverNow={now} compact />;
}

/** The bulk bar's form: each row's box belongs to it through the `form` attribute. */
const BULK_FORM = "bulk-change";

/**
 * The tick-box column: one box per row, and one in the header for every row of this page. Its header
 * and cells are components of their own, declared once: a renderer made anew on each render would be
 * a new component type to React, which would remount the boxes (unticking them) whenever the count
 * of ticked rows changes.
 */
const selectColumn = column.display({ id: "select", header: SelectAllBox, cell: SelectBox });

function SelectAllBox({ table }: HeaderContext<Row, unknown>) {
  const rows = table.getRowModel().rows;
  return (
    // Without JavaScript, this box alone sends the whole page (its value lists every row); with it,
    // it also ticks and unticks the rows, and shows "some" when only some are ticked.
    <input
      type="checkbox"
      form={BULK_FORM}
      name="ids"
      value={rows.map((r) => r.original.id).join(",")}
      data-select-all=""
      aria-label={`Select all ${rows.length} applications on this page`}
      className="h-4 w-4"
    />
  );
}

function SelectBox({ row }: CellContext<Row, unknown>) {
  return (
    <input
      type="checkbox"
      form={BULK_FORM}
      name="ids"
      value={row.original.id}
      data-row-select=""
      aria-label={`Select ${row.original.candidate}`}
      className="h-4 w-4"
    />
  );
}

function buildColumns(now: string, manageHref: (row: Row) => string | null) {
  return [
    column.accessor("candidate", {
      header: "Candidate",
      // Each element here is repeated in every row: the markup is kept to what shows (the page's CPU
      // time grows with it; docs/performance.md).
      cell: (c) => (
        <>
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
              {`${c.row.original.score == null ? "Not scored" : `Best score ${c.row.original.score}/100`} · ${c.row.original.outcome}`}
            </span>
          </span>
        </>
      ),
    }),
    column.accessor("stage", { header: COLUMN_LABELS.stage, meta: { className: "hidden lg:table-cell" } }),
    column.accessor("lastInterview", {
      header: COLUMN_LABELS.lastInterview,
      meta: { className: "hidden whitespace-nowrap lg:table-cell" },
    }),
    column.accessor("status", {
      header: COLUMN_LABELS.status,
      meta: { className: "hidden sm:table-cell sm:min-w-[13rem]" },
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
          <>
            <strong className="tabular-nums">{c.getValue()}</strong>
            <span className="text-xs text-slate-600">/100</span>
          </>
        ),
    }),
    column.accessor("outcome", {
      header: COLUMN_LABELS.outcome,
      meta: { className: "hidden sm:table-cell" },
      cell: (c) => (
        <>
          {c.getValue()}
          {c.row.original.outcomeOn ? (
            <span className="block text-xs text-slate-600">{c.row.original.outcomeOn}</span>
          ) : null}
        </>
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
  const {
    position,
    rows,
    total,
    list,
    filters,
    windowOptions,
    columns,
    now,
    canManage,
    canEditPosition,
    view,
    views,
    done,
  } = useLoaderData<typeof loader>();
  const location = useLocation();
  const here = location.pathname + location.search;
  const manageHref = canManage
    ? (r: Row) => `/applications/${r.id}?${new URLSearchParams({ returnTo: here })}`
    : () => null;
  const bulk = canManage && rows.length > 0;
  const tableColumns = [...(bulk ? [selectColumn] : []), ...buildColumns(now, manageHref)];
  const selection = useSelection(location.search);
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

      <FormNotice>{done}</FormNotice>

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

      <SavedViews views={views} view={view} />

      <ColumnChooser key={`columns${location.search}`} columns={columns} />

      {bulk ? <BulkBar positionId={position.id} returnTo={here} selected={selection.count} /> : null}

      {/* Keyed by the URL: a new page of rows starts with nothing ticked. */}
      <div key={`rows${location.search}`} ref={selection.ref} onChange={selection.onChange}>
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
      </div>
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

/**
 * The count of ticked rows, kept in step with the header box (ticked when all are, "mixed" when some
 * are). Null until the page runs JavaScript: the boxes still work as a plain form then.
 */
function useSelection(search: string) {
  const ref = useRef<HTMLDivElement>(null);
  const [count, setCount] = useState<number | null>(null);
  const sync = () => {
    const root = ref.current;
    if (!root) return;
    const boxes = [...root.querySelectorAll<HTMLInputElement>("input[data-row-select]")];
    const all = root.querySelector<HTMLInputElement>("input[data-select-all]");
    const ticked = boxes.filter((b) => b.checked).length;
    if (all) {
      all.checked = ticked > 0 && ticked === boxes.length;
      all.indeterminate = ticked > 0 && ticked < boxes.length;
    }
    setCount(ticked);
  };
  // A new page of rows, or boxes the browser restored on "back": count what is ticked now.
  useEffect(sync, [search]);
  const onChange = (event: ChangeEvent<HTMLDivElement>) => {
    const target = event.target as unknown as HTMLInputElement;
    if (target.dataset.selectAll !== undefined && ref.current) {
      for (const box of ref.current.querySelectorAll<HTMLInputElement>("input[data-row-select]"))
        box.checked = target.checked;
    }
    if (target.type === "checkbox") sync();
  };
  return { ref, count, onChange };
}

/**
 * "3 selected — Set stage… / Set outcome…": opens the confirmation page (a GET, so nothing changes
 * yet) with the ticked rows, the change, and the way back to this view of the pipeline.
 */
function BulkBar({
  positionId,
  returnTo,
  selected,
}: {
  positionId: number;
  returnTo: string;
  selected: number | null;
}) {
  return (
    <Form
      id={BULK_FORM}
      method="get"
      action={`/positions/${positionId}/bulk`}
      aria-label="Change the ticked applications"
      className="flex flex-wrap items-end gap-x-4 gap-y-2 rounded-lg border border-indigo-200 bg-indigo-50 px-4 py-3 text-sm"
    >
      <input type="hidden" name="returnTo" value={returnTo} />
      <p className="min-w-[8rem] self-center font-medium text-slate-900" aria-live="polite">
        {selected == null
          ? "Tick applications below, then:"
          : selected === 0
            ? "None selected: tick applications below."
            : `${selected} selected`}
      </p>
      <BulkChoice
        field="stage"
        label="New stage"
        prompt="Set stage…"
        options={STAGES.map((s) => [s, STAGE_LABELS[s]])}
      />
      <BulkChoice
        field="outcome"
        label="New outcome"
        prompt="Set outcome…"
        options={OUTCOMES.map((o) => [o, OUTCOME_LABELS[o]])}
      />
    </Form>
  );
}

/** One of the bulk bar's choices: a select of new values and its Review button. */
function BulkChoice({
  field,
  label,
  prompt,
  options,
}: {
  field: "stage" | "outcome";
  label: string;
  prompt: string;
  options: [value: string, label: string][];
}) {
  return (
    <div className="flex w-full items-end gap-2 sm:w-auto">
      <label className="block flex-1 sm:flex-none">
        <span className="sr-only">{label}</span>
        <select name={field} defaultValue="" className="input sm:w-44">
          <option value="">{prompt}</option>
          {options.map(([value, text]) => (
            <option key={value} value={value}>
              {text}
            </option>
          ))}
        </select>
      </label>
      <button type="submit" name="change" value={field} className="btn-secondary whitespace-nowrap">
        Review<span className="sr-only"> {field} change</span>
      </button>
    </div>
  );
}

/**
 * The user's saved views: links to this pipeline with each view's filters, sort and columns; saving
 * the current one, renaming and deleting. A view is shared by its link, which is the page's URL.
 */
function SavedViews({
  views,
  view,
}: {
  views: { id: number; name: string; search: string }[];
  view: string;
}) {
  const location = useLocation();
  const result = useActionData<typeof action>() as ViewResult | undefined;
  const navigation = useNavigation();
  const busy = (intent: ViewIntent, id = "") =>
    navigation.formData?.get("intent") === intent && (navigation.formData.get("viewId") ?? "") === id;
  const mine = (intent: ViewIntent, id = "") =>
    result?.intent === intent && result.view === id ? result : undefined;
  const failed = Boolean(result && Object.keys(result.errors).length);
  const current = views.find((v) => v.search === view);
  return (
    <section aria-labelledby="views-heading" className="space-y-2 text-sm">
      <div className="flex flex-wrap items-center gap-2">
        <h2 id="views-heading" className="font-medium text-slate-800">
          Views:
        </h2>
        {views.length ? (
          <ul className="flex flex-wrap gap-2">
            {views.map((v) => {
              const active = v.search === view;
              return (
                <li key={v.id}>
                  <Link
                    to={v.search || "?"}
                    aria-current={active ? "page" : undefined}
                    className={`inline-block rounded-full border px-3 py-0.5 no-underline ${
                      active
                        ? "border-indigo-700 bg-indigo-50 font-medium text-indigo-900"
                        : "border-slate-300 bg-white text-slate-800 hover:bg-slate-100"
                    }`}
                  >
                    {v.name}
                  </Link>
                </li>
              );
            })}
          </ul>
        ) : (
          <span className="text-slate-600">none saved yet.</span>
        )}
        <CopyViewLink search={view} />
      </div>
      <details open={failed}>
        <summary className="cursor-pointer font-medium text-indigo-800">
          {current ? `Manage views (showing “${current.name}”)` : "Save this view or manage views"}
        </summary>
        <div className="mt-2 space-y-3">
          {current ? null : (
            <Form method="post" className="flex flex-wrap items-end gap-2" key={`save${view}`}>
              <input type="hidden" name="intent" value="save-view" />
              <input type="hidden" name="search" value={location.search} />
              <ViewNameField
                label="Name of this view"
                defaultValue={mine("save-view")?.values.name ?? ""}
                errors={mine("save-view")?.errors.name}
              />
              <button type="submit" className="btn" disabled={busy("save-view")}>
                {busy("save-view") ? "Saving…" : "Save current view"}
              </button>
            </Form>
          )}
          {views.length ? (
            <ul className="space-y-2" aria-label="Your saved views">
              {views.map((v) => {
                const renaming = mine("rename-view", String(v.id));
                const deleting = mine("delete-view", String(v.id));
                return (
                  <li key={v.id} className="flex flex-wrap items-end gap-2">
                    <Form
                      method="post"
                      className="flex flex-wrap items-end gap-2"
                      key={`rename${v.id}${v.name}`}
                    >
                      <input type="hidden" name="intent" value="rename-view" />
                      <input type="hidden" name="viewId" value={v.id} />
                      <input type="hidden" name="search" value={location.search} />
                      <ViewNameField
                        label={`Name of view “${v.name}”`}
                        defaultValue={renaming?.values.name ?? v.name}
                        errors={renaming?.errors.name}
                      />
                      <button
                        type="submit"
                        className="btn-secondary"
                        disabled={busy("rename-view", String(v.id))}
                      >
                        Rename
                      </button>
                    </Form>
                    <Form method="post">
                      <input type="hidden" name="intent" value="delete-view" />
                      <input type="hidden" name="viewId" value={v.id} />
                      <input type="hidden" name="search" value={location.search} />
                      <button
                        type="submit"
                        className="btn-secondary text-red-800"
                        aria-label={`Delete view “${v.name}”`}
                        disabled={busy("delete-view", String(v.id))}
                      >
                        Delete
                      </button>
                    </Form>
                    <FormAlert>{deleting?.errors.view?.join(" ")}</FormAlert>
                  </li>
                );
              })}
            </ul>
          ) : null}
        </div>
      </details>
    </section>
  );
}

function ViewNameField({
  label,
  defaultValue,
  errors,
}: {
  label: string;
  defaultValue: string;
  errors?: string[];
}) {
  return (
    <label className="block">
      <span className="block font-medium text-slate-800">{label}</span>
      <input
        name="name"
        defaultValue={defaultValue}
        maxLength={60}
        className={`input mt-1 w-64 max-w-full ${errors?.length ? "border-red-600" : ""}`}
        aria-invalid={errors?.length ? true : undefined}
      />
      {errors?.length ? <span className="mt-1 block text-red-700">{errors.join(" ")}</span> : null}
    </label>
  );
}

/**
 * Copies this view's link (the page's address with its filters, sort and columns) for a colleague:
 * anyone in the organization who may see the position opens the same view. Shown once JavaScript runs.
 */
function CopyViewLink({ search }: { search: string }) {
  const [ready, setReady] = useState(false);
  const [copied, setCopied] = useState(false);
  const location = useLocation();
  useEffect(() => setReady(true), []);
  useEffect(() => setCopied(false), [location.search]);
  if (!ready) return null;
  return (
    <button
      type="button"
      className="btn-secondary py-0.5"
      onClick={() => {
        const url = `${window.location.origin}${location.pathname}${search}`;
        navigator.clipboard?.writeText(url).then(
          () => setCopied(true),
          () => setCopied(false),
        );
      }}
    >
      {copied ? "Link copied" : "Copy link to this view"}
    </button>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

// A position's pipeline view: which filters, sorts and columns the URL may ask for, and the words
// shown for them. Pure: the SQL that applies them lives in app/data/pipeline.server.ts.
import { z } from "zod";
import { formatMinutes } from "./format";
import { interviewStatus, type InterviewTiming } from "./latency";
import { parseListParams, type ListParams } from "./list-params";
import { OUTCOME_LABELS, OUTCOMES, type Outcome } from "./outcomes";
import { STAGE_LABELS, STAGES, type Stage } from "./stages";
import {
  thresholdLabel,
  TIMED_WINDOWS,
  windowLabel,
  type TimedWindow,
  type WindowThresholds,
} from "./windows";

/** The positions list's status filter. */
export const POSITION_STATUS_FILTERS = ["open", "closed", "all"] as const;
export type PositionStatusFilter = (typeof POSITION_STATUS_FILTERS)[number];

export const PIPELINE_SORT_KEYS = [
  "candidate",
  "stage",
  "lastInterview",
  "status",
  "score",
  "outcome",
  "recruiter",
] as const;
export type PipelineSortKey = (typeof PIPELINE_SORT_KEYS)[number];

/** The latest interview's follow-up status; "not_interviewed" when the application has no interview yet. */
export const PIPELINE_STATUSES = ["awaiting", "received", "none", "not_interviewed"] as const;
export type PipelineStatus = (typeof PIPELINE_STATUSES)[number];

export const SCORE_BANDS = ["high", "mid", "low", "unscored"] as const;
export type ScoreBand = (typeof SCORE_BANDS)[number];

/**
 * Bounds on the stored (unrounded) score. Scores show rounded, so the edges sit at .5: a 69.6 shows
 * as 70 and belongs to 70–100, as a reader expects.
 */
export const SCORE_BAND_BOUNDS: Record<
  Exclude<ScoreBand, "unscored">,
  { min: number; below: number | null }
> = {
  low: { min: Number.NEGATIVE_INFINITY, below: 39.5 },
  mid: { min: 39.5, below: 69.5 },
  high: { min: 69.5, below: null },
};

/** Columns a user may hide; the candidate column always shows. */
export const PIPELINE_COLUMNS = [
  "stage",
  "lastInterview",
  "status",
  "score",
  "outcome",
  "recruiter",
] as const;
export type PipelineColumn = (typeof PIPELINE_COLUMNS)[number];

export const STATUS_LABELS: Record<PipelineStatus, string> = {
  awaiting: "Awaiting follow-up",
  received: "Follow-up received",
  none: "No follow-up",
  not_interviewed: "Not interviewed yet",
};

export const SCORE_BAND_LABELS: Record<ScoreBand, string> = {
  high: "70–100",
  mid: "40–69",
  low: "0–39",
  unscored: "Not scored",
};

export const COLUMN_LABELS: Record<PipelineColumn, string> = {
  stage: "Stage",
  lastInterview: "Last interview",
  status: "Follow-up status",
  score: "Best score",
  outcome: "Outcome",
  recruiter: "Recruiter",
};

export type PipelineFilters = {
  stage: Stage | null;
  status: PipelineStatus | null;
  /** A received follow-up's window ("none" is a status, not a window one can filter on). */
  window: TimedWindow | null;
  band: ScoreBand | null;
  outcome: Outcome | null;
};

export type PipelineParams = {
  list: ListParams<PipelineSortKey>;
  filters: PipelineFilters;
  columns: PipelineColumn[];
};

const optional = <T extends readonly [string, ...string[]]>(values: T) =>
  z.enum(values).nullable().catch(null);

// Built once: zod 4 compiles an object schema on its first parse (about 1 ms when built per request).
const FiltersSchema = z.object({
  stage: optional(STAGES),
  status: optional(PIPELINE_STATUSES),
  window: optional(TIMED_WINDOWS),
  band: optional(SCORE_BANDS),
  outcome: optional(OUTCOMES),
});

/** The order the pipeline shows in when the URL names none. */
const DEFAULT_SORT = { sort: "lastInterview", dir: "desc" } as const satisfies {
  sort: PipelineSortKey;
  dir: "asc" | "desc";
};
const DEFAULT_PAGE_SIZE = 50;

/**
 * Reads the pipeline's state from the URL. Anything outside the whitelists is dropped rather than
 * reaching SQL, so a mangled link still opens (showing more, never an error page).
 */
export function parsePipelineParams(searchParams: URLSearchParams): PipelineParams {
  const list = parseListParams(searchParams, PIPELINE_SORT_KEYS, {
    ...DEFAULT_SORT,
    pageSize: DEFAULT_PAGE_SIZE,
  });
  const filters = FiltersSchema.parse({
    stage: searchParams.get("stage") || null,
    status: searchParams.get("status") || null,
    window: searchParams.get("window") || null,
    band: searchParams.get("band") || null,
    outcome: searchParams.get("outcome") || null,
  });
  return { list, filters, columns: parseColumns(searchParams.getAll("cols")) };
}

/**
 * `cols=stage,status` (or `cols=stage&cols=status`, as a form of checkboxes sends it) shows those
 * columns in the table's order; no `cols` at all shows every column. The column form always sends an
 * empty `cols=` too, so unticking every box hides them all instead of showing them all.
 */
export function parseColumns(cols: string[]): PipelineColumn[] {
  if (cols.length === 0) return [...PIPELINE_COLUMNS];
  const wanted = new Set(cols.flatMap((c) => c.split(",")).map((c) => c.trim()));
  return PIPELINE_COLUMNS.filter((c) => wanted.has(c));
}

/** The `cols` value for a set of visible columns; null when all show (the URL then stays short). */
export function columnsParam(columns: readonly PipelineColumn[]): string | null {
  return columns.length === PIPELINE_COLUMNS.length ? null : columns.join(",");
}

export function hasFilters(filters: PipelineFilters, q: string): boolean {
  return Boolean(q) || Object.values(filters).some((v) => v != null);
}

/** What FollowUpStatus shows for an interview (or "not interviewed" for none), computed on the server. */
export type StatusViewModel =
  | { kind: "awaiting"; deadlines: { window: TimedWindow; at: string; thresholdLabel: string }[] }
  | { kind: "received"; window: TimedWindow; label: string; latency: string }
  | { kind: "none" }
  | { kind: "not_interviewed" }
  /** The interview's latency is marked "not applicable" (an accommodation): no window, no countdown. */
  | { kind: "exempt"; received: boolean };

export function statusViewModel(
  interview: (InterviewTiming & { latencyExempt?: boolean }) | null,
  now: string,
  thresholds: WindowThresholds,
): StatusViewModel {
  if (!interview) return { kind: "not_interviewed" };
  if (interview.latencyExempt) return { kind: "exempt", received: interview.firstFollowUpAt !== null };
  const status = interviewStatus(interview, now, thresholds);
  if (status.kind === "awaiting") {
    return {
      kind: "awaiting",
      deadlines: status.deadlines.map((d) => ({
        window: d.window,
        at: d.at,
        thresholdLabel: thresholdLabel(d.window, thresholds),
      })),
    };
  }
  if (status.kind === "received")
    return {
      kind: "received",
      window: status.window,
      label: windowLabel(status.window, thresholds),
      latency: formatMinutes(status.latencyMinutes),
    };
  return { kind: "none" };
}

/**
 * A view's query string: the search, filters, sort, page size and columns the page shows, each only
 * when it differs from the default, in one fixed order, and never the page number. Two URLs that show
 * the same view give the same string, so a saved view is recognised whichever way it was reached.
 */
export function viewSearch({ list, filters, columns }: PipelineParams): string {
  const p = new URLSearchParams();
  if (list.q) p.set("q", list.q);
  for (const key of ["stage", "status", "window", "band", "outcome"] as const) {
    const value = filters[key];
    if (value != null) p.set(key, value);
  }
  if (list.sort !== DEFAULT_SORT.sort || list.dir !== DEFAULT_SORT.dir) {
    p.set("sort", list.sort);
    p.set("dir", list.dir);
  }
  if (list.pageSize !== DEFAULT_PAGE_SIZE) p.set("pageSize", String(list.pageSize));
  const cols = columnsParam(columns);
  if (cols != null) p.set("cols", cols);
  const text = p.toString();
  return text ? `?${text}` : "";
}

/** A saved view's name, as the save and rename forms send it. */
export const SavedViewNameSchema = z.object({
  name: z
    .string({ message: "Name the view." })
    .trim()
    .min(1, "Name the view.")
    .max(60, "Keep the name under 60 characters."),
});

/** Most saved views one user keeps. */
export const MAX_SAVED_VIEWS = 50;

/** Most applications one bulk change may touch. */
export const BULK_MAX = 500;

/**
 * The ticked applications, as the pipeline's form sends them: an `ids` value per ticked row and, from
 * the "all on this page" box, the page's ids joined by commas. An id sent twice counts once.
 */
export const BulkIdsSchema = z
  .array(z.string().max(BULK_MAX * 14))
  .max(BULK_MAX + 1, `Choose at most ${BULK_MAX} applications at a time.`)
  .transform((values) => [
    ...new Set(
      values
        .flatMap((v) => v.split(","))
        .map((v) => v.trim())
        .filter(Boolean),
    ),
  ])
  .pipe(
    z
      .array(z.string().regex(/^[1-9]\d{0,11}$/, "Those applications could not be read; choose them again."))
      .min(1, "Tick at least one application first.")
      .max(BULK_MAX, `Choose at most ${BULK_MAX} applications at a time.`)
      .transform((ids) => ids.map(Number)),
  );

/** The change a bulk action asks for, before its confirmation (an outcome's date and reason come then). */
export const BulkChangeSchema = z.discriminatedUnion(
  "change",
  [
    z.object({ change: z.literal("stage"), stage: z.enum(STAGES, { message: "Choose a stage." }) }),
    z.object({ change: z.literal("outcome"), outcome: z.enum(OUTCOMES, { message: "Choose an outcome." }) }),
  ],
  { message: "Choose a stage or an outcome." },
);
export type BulkChange = z.output<typeof BulkChangeSchema>;

/** What a bulk change sets, by field. */
export type BulkTarget = { field: "stage"; to: Stage } | { field: "outcome"; to: Outcome };

export function bulkTarget(change: BulkChange): BulkTarget {
  return change.change === "stage"
    ? { field: "stage", to: change.stage }
    : { field: "outcome", to: change.outcome };
}

export type BulkSummary = {
  /** Applications whose value changes. */
  changing: number;
  /** Applications that already have the value: left as they are, and not audited. */
  unchanged: number;
  /** Where the changing ones come from, in the process's order: "5 from Screen". */
  from: { value: string; label: string; count: number }[];
  toLabel: string;
};

/** What a bulk change will do to these applications, for its confirmation. */
export function bulkSummary(rows: { stage: Stage; outcome: Outcome }[], target: BulkTarget): BulkSummary {
  const counts = new Map<string, number>();
  let unchanged = 0;
  for (const row of rows) {
    const value = row[target.field];
    if (value === target.to) unchanged += 1;
    else counts.set(value, (counts.get(value) ?? 0) + 1);
  }
  const order: readonly string[] = target.field === "stage" ? STAGES : OUTCOMES;
  const labels: Record<string, string> = target.field === "stage" ? STAGE_LABELS : OUTCOME_LABELS;
  const from = [...counts]
    .sort(([a], [b]) => order.indexOf(a) - order.indexOf(b))
    .map(([value, count]) => ({ value, label: labels[value] ?? value, count }));
  return {
    changing: rows.length - unchanged,
    unchanged,
    from,
    toLabel: target.field === "stage" ? STAGE_LABELS[target.to] : OUTCOME_LABELS[target.to],
  };
}

const applications = (n: number) => `${n.toLocaleString("en")} ${n === 1 ? "application" : "applications"}`;

/** "Move 5 applications to Final" / "Set 5 applications' outcome to Rejected". */
export function bulkHeadline(target: BulkTarget, count: number): string {
  return target.field === "stage"
    ? `Move ${applications(count)} to ${STAGE_LABELS[target.to]}`
    : `Set the outcome of ${applications(count)} to ${OUTCOME_LABELS[target.to]}`;
}

/** The `done` parameter the pipeline is opened with after a bulk change: `stage:final:12`. */
export function bulkDoneParam(target: BulkTarget, count: number): string {
  return `${target.field}:${target.to}:${count}`;
}

/** The sentence for a `done` parameter, or null when there is none (or it is not one of ours). */
export function bulkDoneMessage(param: string | null): string | null {
  const match = /^(stage|outcome):([a-z_]+):(\d{1,6})$/.exec(param ?? "");
  if (!match) return null;
  const [, field, value, countText] = match;
  const count = Number(countText);
  if (field === "stage" && (STAGES as readonly string[]).includes(value))
    return `Moved ${applications(count)} to ${STAGE_LABELS[value as Stage]}.`;
  if (field === "outcome" && (OUTCOMES as readonly string[]).includes(value))
    return `Set the outcome of ${applications(count)} to ${OUTCOME_LABELS[value as Outcome]}.`;
  return null;
}

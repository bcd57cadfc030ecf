// A position's pipeline view: which filters, sorts and columns the URL may ask for, and the words
// shown for them. Pure: the SQL that applies them lives in app/data/pipeline.server.ts.
import { z } from "zod";
import { formatMinutes } from "./format";
import { interviewStatus, type InterviewTiming } from "./latency";
import { parseListParams, type ListParams } from "./list-params";
import { OUTCOMES, type Outcome } from "./outcomes";
import { STAGES, type Stage } from "./stages";
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

/**
 * Reads the pipeline's state from the URL. Anything outside the whitelists is dropped rather than
 * reaching SQL, so a mangled link still opens (showing more, never an error page).
 */
export function parsePipelineParams(searchParams: URLSearchParams): PipelineParams {
  const list = parseListParams(searchParams, PIPELINE_SORT_KEYS, { sort: "lastInterview", dir: "desc" });
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
  | { kind: "not_interviewed" };

export function statusViewModel(
  interview: InterviewTiming | null,
  now: string,
  thresholds: WindowThresholds,
): StatusViewModel {
  if (!interview) return { kind: "not_interviewed" };
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

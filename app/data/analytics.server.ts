// The dashboard's numbers, counted in SQL over the stored latency, window and score columns.
// Every query starts from the interviews the viewer may see (scope.server.ts) that match the
// filters, and returns aggregates only: counts, sums, and the two rows around each percentile.
// Portable SQL: CASE, COUNT/SUM/AVG, floor/ceil, substr, window functions; no date functions.
import { sql, type RawBuilder } from "kysely";
import { isPostgres } from "../../db/connection.server";
import type { Db } from "../../db/schema";
import {
  bucketLabel,
  chooseGranularity,
  cumulativeCurve,
  endsAtRange,
  offersByBehaviour,
  offersByQualityBand,
  offersByWindow,
  scoreDistribution,
  summarizeGroup,
  groupRates,
  groupsNearPage,
  type Bounds,
  monthsBetween,
  weekStart,
  weekStarts,
  type AnalyticsFilters,
  type BreakdownSortKey,
  type DashboardParams,
  type ApplicationCell,
  type BreakdownDimension,
  type GroupFigures,
  type InterviewTotals,
  type LatencySummary,
  type PartMeans,
  parseHourHistogram,
} from "../core/analytics";
import { PART_COLUMNS, PART_LABELS, RUBRIC_PARTS, type RubricPart } from "../core/rubric-parts";
import { interpolatePercentile, MEDIAN, P90, percentileRanks, type Fraction } from "../core/stats";
import { TIMED_WINDOWS, WINDOW_LABELS, WINDOWS, type WindowThresholds } from "../core/windows";
import { seesWholeOrganization, visiblePositionIds, type Viewer } from "./scope.server";
import { dashboardRecount, dashboardRecountInRange, SLICES, type Slice } from "./summaries.server";

export type AnalyticsScope = {
  viewer: Viewer;
  filters: AnalyticsFilters;
  /** ISO timestamp: interviews whose window closed before it, or that got a follow-up, are decided. */
  now: string;
};

/**
 * What the figures are grouped by: nothing (one group), a breakdown dimension, or a time bucket.
 * Each key says which tables it reads, so that a query joins only what it needs.
 */
type GroupKey = {
  expr: RawBuilder<unknown>;
  joins: "interviews" | "applications" | "positions";
  /** One value per application (client, position, recruiter), rather than per interview. */
  perApplication: boolean;
};
const NO_GROUP: GroupKey = { expr: sql`0`, joins: "interviews", perApplication: true };
const DIMENSION_KEYS: Record<BreakdownDimension, GroupKey> = {
  client: { expr: sql`p.client_id`, joins: "positions", perApplication: true },
  position: { expr: sql`a.position_id`, joins: "applications", perApplication: true },
  interviewer: { expr: sql`i.interviewer_name`, joins: "interviews", perApplication: false },
  round: { expr: sql`i.round`, joins: "interviews", perApplication: false },
  recruiter: { expr: sql`a.recruiter_id`, joins: "applications", perApplication: true },
};

const TIMED = sql`('best', 'ideal', 'acceptable', 'late')`;
const WIN = sql.ref("i.window"); // "window" is a reserved word in PostgreSQL; sql.ref quotes it.

type Scope = { db: Db; scope: AnalyticsScope };

/**
 * The interviews in scope, one row each, with what every figure needs, as SQL to put in a WITH.
 * Joins are added only when needed: interviews alone answer most figures (from the covering
 * indexes of migration 0010); applications for outcomes and per-application keys; positions for
 * the client key; the first follow-up for its score and rubric parts.
 */
function matchingInterviews(
  { db, scope }: Scope,
  key: GroupKey,
  needs: { outcome?: boolean; score?: boolean } = {},
) {
  const { filters, viewer, now } = scope;
  const range = endsAtRange(filters);
  const positions = key.joins === "positions";
  const applications = positions || key.joins === "applications" || needs.outcome;

  const where: RawBuilder<unknown>[] = [sql`i.organization_id = ${viewer.organization_id}`];
  // Admins and recruiters see the whole organization: the organization condition is their scope.
  // Anyone else, and any filter on the application, narrows to a list of applications first, so
  // that a hiring manager's few positions are looked up by index rather than found by a scan.
  const narrowed =
    !seesWholeOrganization(viewer) ||
    filters.client !== undefined ||
    filters.position !== undefined ||
    filters.recruiter !== undefined;
  if (narrowed) {
    // No organization condition on positions' applications: it would steer the planner to scan the
    // organization's applications, and i.organization_id above already keeps others' out.
    const conditions: RawBuilder<unknown>[] = [];
    if (!seesWholeOrganization(viewer))
      conditions.push(sql`fa.position_id in (${visiblePositionIds(db, viewer)})`);
    if (filters.client !== undefined) {
      conditions.push(
        sql`fa.position_id in (select fp.id from positions fp where fp.organization_id = ${viewer.organization_id} and fp.client_id = ${filters.client})`,
      );
    }
    if (filters.position !== undefined) conditions.push(sql`fa.position_id = ${filters.position}`);
    if (filters.recruiter !== undefined) {
      conditions.push(sql`fa.recruiter_id = ${filters.recruiter}`);
      if (conditions.length === 1) conditions.unshift(sql`fa.organization_id = ${viewer.organization_id}`);
    }
    where.push(
      sql`i.application_id in (select fa.id from applications fa where ${sql.join(conditions, sql` and `)})`,
    );
  }
  if (filters.interviewer !== undefined) where.push(sql`i.interviewer_name = ${filters.interviewer}`);
  if (filters.round !== undefined) where.push(sql`i.round = ${filters.round}`);
  if (range.from !== undefined) where.push(sql`i.ends_at >= ${range.from}`);
  if (range.before !== undefined) where.push(sql`i.ends_at < ${range.before}`);

  // An interview whose latency is marked "not applicable" (an accommodation, migration 0030) has no
  // latency or window stored; it is neither decided nor closed here, so that no follow-up figure,
  // histogram or curve counts it, while its follow-up's score still counts.
  const exempt = sql`i.latency_exempt_reason is null`;
  const decided = sql`(${exempt} and (i.first_follow_up_at is not null or i.closes_at <= ${now}))`;
  const columns: RawBuilder<unknown>[] = [
    sql`${key.expr} as k`,
    sql`i.application_id`,
    sql`i.ends_at`,
    sql`i.latency_minutes as latency`,
    sql`case when ${decided} then 1 else 0 end as decided`,
    sql`case when ${WIN} in ${TIMED} then 1 else 0 end as followed`,
    // Decided interviews by window; a follow-up after the last window, or none, is "none".
    sql`case when ${WIN} in ${TIMED} then ${WIN} when ${decided} then 'none' end as win`,
    sql`case ${WIN} when 'best' then 1 when 'ideal' then 2 when 'acceptable' then 3 when 'late' then 4 else case when ${decided} then 5 end end as wrank`,
    // Interviews whose last window has closed: each had the whole time to be answered.
    sql`case when ${exempt} and i.closes_at <= ${now} then 1 else 0 end as closed`,
    // Hours to the follow-up, rounded up, for follow-ups inside the windows (the cumulative curve).
    sql`case when ${WIN} in ${TIMED} then ceil(i.latency_minutes / 60.0) end as hour`,
  ];
  if (needs.outcome) {
    columns.push(
      sql`case when a.outcome = 'pending' then 'pending' when a.outcome in ('offer', 'hired') then 'offer' else 'no_offer' end as result`,
    );
  }
  if (needs.score) {
    columns.push(sql`f.score`);
    for (const column of Object.values(PART_COLUMNS))
      columns.push(sql`${sql.ref(`f.${column}`)} as ${sql.ref(column)}`);
  }
  return sql`select ${sql.join(columns)}
    from interviews i
    ${applications ? sql`inner join applications a on a.id = i.application_id` : sql``}
    ${positions ? sql`inner join positions p on p.id = a.position_id` : sql``}
    ${needs.score ? sql`left join follow_ups f on f.id = i.first_follow_up_id` : sql``}
    where ${sql.join(where, sql` and `)}`;
}

async function rows<T>(s: Scope, query: RawBuilder<unknown>): Promise<T[]> {
  return (await sql<T>`${query}`.execute(s.db)).rows;
}

const num = (v: unknown) => (v === null || v === undefined ? 0 : Number(v));
const numOrNull = (v: unknown) => (v === null || v === undefined ? null : Number(v));
const keyOf = (v: unknown) => (v === null || v === undefined ? "" : String(v));

// ---------------------------------------------------------------------------------------------------
// Headline interview figures, in one pass without sorting: totals and decided interviews by window.

const ZERO_TOTALS: InterviewTotals = {
  interviews: 0,
  decided: 0,
  followed: 0,
  latencyCount: 0,
  latencySum: 0,
  scoreCount: 0,
  scoreSum: 0,
};

export type WindowCount = { window: string; interviews: number; received: number };

async function interviewSummary(s: Scope) {
  const count = (condition: RawBuilder<unknown>) => sql`sum(case when ${condition} then 1 else 0 end)`;
  const [r] = await rows<Record<string, unknown>>(
    s,
    sql`with m as (${matchingInterviews(s, NO_GROUP)})
      select count(*) as interviews, sum(m.decided) as decided, sum(m.followed) as followed,
        count(m.latency) as latency_count, sum(m.latency) as latency_sum, sum(m.closed) as closed,
        ${count(sql`m.win = 'best'`)} as best, ${count(sql`m.win = 'ideal'`)} as ideal,
        ${count(sql`m.win = 'acceptable'`)} as acceptable, ${count(sql`m.win = 'late'`)} as late,
        ${count(sql`m.win = 'none' and m.latency is not null`)} as none_received,
        min(m.ends_at) as first, max(m.ends_at) as last
      from m`,
  );
  const totals: InterviewTotals = {
    ...ZERO_TOTALS,
    interviews: num(r?.interviews),
    decided: num(r?.decided),
    followed: num(r?.followed),
    latencyCount: num(r?.latency_count),
    latencySum: num(r?.latency_sum),
  };
  const windows = new Map<string, WindowCount>();
  for (const w of TIMED_WINDOWS)
    windows.set(w, { window: w, interviews: num(r?.[w]), received: num(r?.[w]) });
  // "None": decided without a follow-up inside a window; some of these answered after the last one.
  windows.set("none", {
    window: "none",
    interviews: totals.decided - totals.followed,
    received: num(r?.none_received),
  });
  return {
    totals,
    windows,
    closed: num(r?.closed),
    first: (r?.first as string | null) ?? null,
    last: (r?.last as string | null) ?? null,
  };
}

/** For the cumulative curve: interviews whose windows have closed, by the hour their follow-up came in. */
async function followUpHours(s: Scope): Promise<Map<number, number>> {
  const result = await rows<{ hour: unknown; n: unknown }>(
    s,
    sql`with m as (${matchingInterviews(s, NO_GROUP)})
      select m.hour, count(*) as n from m where m.followed = 1 and m.closed = 1 group by m.hour`,
  );
  return new Map(result.map((r) => [num(r.hour), num(r.n)]));
}

/** Interview totals per key (the trend's buckets). */
async function interviewTotals(s: Scope, key: GroupKey) {
  const result = await rows<Record<string, unknown>>(
    s,
    sql`with m as (${matchingInterviews(s, key)})
      select m.k, count(*) as interviews, sum(m.decided) as decided, sum(m.followed) as followed,
        count(m.latency) as latency_count, sum(m.latency) as latency_sum
      from m group by m.k`,
  );
  return new Map(
    result.map((r): [string, InterviewTotals] => [
      keyOf(r.k),
      {
        ...ZERO_TOTALS,
        interviews: num(r.interviews),
        decided: num(r.decided),
        followed: num(r.followed),
        latencyCount: num(r.latency_count),
        latencySum: num(r.latency_sum),
      },
    ]),
  );
}

// ---------------------------------------------------------------------------------------------------
// Percentiles of latency: only the one or two rows each percentile interpolates between leave the
// database. Overall and per key in one pass (two window orderings over the same rows).

const NO_LATENCY: LatencySummary = { n: 0, median: null, p90: null };

function rankCondition(rn: string, n: string, [numerator, denominator]: Fraction) {
  // Integer division in both SQLite and PostgreSQL (count is an integer type in both).
  const whole = sql`((${sql.ref(n)} - 1) * ${sql.lit(numerator)}) / ${sql.lit(denominator)}`;
  return sql`${sql.ref(rn)} in (${whole} + 1, ${whole} + 2)`;
}

function summarize(
  entries: Map<string, { n: number; values: Map<number, number> }>,
): Map<string, LatencySummary> {
  const summaries = new Map<string, LatencySummary>();
  for (const [k, { n, values }] of entries) {
    summaries.set(k, {
      n,
      median: interpolatePercentile(n, MEDIAN, (rank) => values.get(rank)),
      p90: interpolatePercentile(n, P90, (rank) => values.get(rank)),
    });
  }
  return summaries;
}

async function latencyPercentiles(
  s: Scope,
  key: GroupKey,
  overall: boolean,
): Promise<{ overall: LatencySummary; byKey: Map<string, LatencySummary> }> {
  const ranks = (rn: string, n: string) =>
    sql`${rankCondition(rn, n, MEDIAN)} or ${rankCondition(rn, n, P90)}`;
  const result = await rows<Record<string, unknown>>(
    s,
    sql`with m as (${matchingInterviews(s, key)}),
      r as (
        select m.k, m.latency,
          row_number() over (partition by m.k order by m.latency) as rn,
          count(*) over (partition by m.k) as n
          ${overall ? sql`, row_number() over (order by m.latency) as rn_all, count(*) over () as n_all` : sql``}
        from m where m.latency is not null
      )
      select * from r where ${ranks("r.rn", "r.n")} ${overall ? sql`or ${ranks("r.rn_all", "r.n_all")}` : sql``}`,
  );
  const all = new Map<string, { n: number; values: Map<number, number> }>();
  const byKey = new Map<string, { n: number; values: Map<number, number> }>();
  const add = (map: typeof all, k: string, n: number, rank: number, value: number) => {
    const entry = map.get(k) ?? { n, values: new Map() };
    entry.values.set(rank, value);
    map.set(k, entry);
  };
  for (const r of result) {
    add(byKey, keyOf(r.k), num(r.n), num(r.rn), num(r.latency));
    if (overall) add(all, "all", num(r.n_all), num(r.rn_all), num(r.latency));
  }
  return { overall: summarize(all).get("all") ?? NO_LATENCY, byKey: summarize(byKey) };
}

// ---------------------------------------------------------------------------------------------------
// Application-level figures: each application once per group, with its behaviour over the
// interviews in scope, the fastest window it reached and its mean first-follow-up score; and,
// carried along, the interview totals and the sums behind mean score and rubric-part means.

export type ScoreSums = {
  scoreSum: number;
  scoreCount: number;
  /** Per result: scored follow-ups, and of those with rubric parts, the count and the sum of each part's points. */
  parts: Record<
    "offer" | "no_offer",
    { followUps: number; withParts: number; sums: Record<RubricPart, number> }
  >;
};

function emptyScoreSums(): ScoreSums {
  const zero = () => Object.fromEntries(RUBRIC_PARTS.map((p) => [p, 0])) as Record<RubricPart, number>;
  return {
    scoreSum: 0,
    scoreCount: 0,
    parts: {
      offer: { followUps: 0, withParts: 0, sums: zero() },
      no_offer: { followUps: 0, withParts: 0, sums: zero() },
    },
  };
}

type CubeGroup = { cells: ApplicationCell[]; scores: ScoreSums; totals: InterviewTotals };
const emptyGroup = (): CubeGroup => ({ cells: [], scores: emptyScoreSums(), totals: { ...ZERO_TOTALS } });

const PART_REFS = Object.values(PART_COLUMNS);
/** Sums carried from interviews to applications to cells, with how each level adds them up. */
const SUMMED = ["n", "d", "fu", "lat_n", "lat_sum", "score_sum", "score_n", "parts_n", ...PART_REFS] as const;

/**
 * Per application (and key): behaviour, fastest window, score decile, and the sums. Deciles are of
 * the score as shown, rounded: 69.6 reads "70" and so falls in 70–100, as in the pipeline's bands.
 * The scorer fills every rubric part together, so one count (parts_n) is the denominator of each
 * part's mean.
 */
function perApplication(groupBy: RawBuilder<unknown>, key: RawBuilder<unknown>, detailed: boolean) {
  const d = sql`sum(m.decided)`;
  const fu = sql`sum(m.followed)`;
  const s = sql`avg(m.score)`;
  // Breakdown rows need no window, decile or rubric parts: leave them out where they cost a sort.
  const detail = detailed
    ? sql`min(m.wrank) as best, case when ${s} is null then null when ${s} >= 89.5 then 9 else floor((${s} + 0.5) / 10) end as decile,
        count(m.pts_timing) as parts_n, ${sql.join(PART_REFS.map((c) => sql`sum(${sql.ref(`m.${c}`)}) as ${sql.ref(c)}`))}`
    : sql`null as best, null as decile, 0 as parts_n, ${sql.join(PART_REFS.map((c) => sql`0 as ${sql.ref(c)}`))}`;
  // The result is the same for every interview of an application, hence max().
  return sql`select ${key} as k, max(m.result) as result,
      case when ${d} = 0 then null when ${fu} = ${d} then 'always' when ${fu} = 0 then 'never' else 'sometimes' end as behaviour,
      count(*) as n, ${d} as d, ${fu} as fu, count(m.latency) as lat_n, sum(m.latency) as lat_sum,
      sum(m.score) as score_sum, count(m.score) as score_n, ${detail}
    from m group by ${groupBy}`;
}

function cubeSelect(tag: "all" | "key", from: string, detailed: boolean) {
  const dims = [
    ...(tag === "key" ? [sql`c.k`] : []),
    sql`c.behaviour`,
    sql`c.result`,
    ...(detailed ? [sql`c.best`, sql`c.decile`] : []),
  ];
  return sql`select ${sql.lit(tag)} as tag, ${tag === "key" ? sql`c.k` : sql`null`} as k, c.behaviour, c.result,
      ${detailed ? sql`c.best` : sql`null`} as best, ${detailed ? sql`c.decile` : sql`null`} as decile,
      count(*) as apps, ${sql.join(SUMMED.map((col) => sql`sum(${sql.ref(`c.${col}`)}) as ${sql.ref(col)}`))}
    from ${sql.table(from)} c group by ${sql.join(dims)}`;
}

/**
 * Applications counted once each: in detail (behaviour × result × fastest window × score decile)
 * for the headline and charts, and by behaviour × result per breakdown key, in one statement so
 * that the interviews are read and joined once.
 */
async function applicationCube(
  s: Scope,
  key: GroupKey,
): Promise<{ all: CubeGroup; byKey: Map<string, CubeGroup> }> {
  const m = matchingInterviews(s, key, { outcome: true, score: true });
  const query = key.perApplication
    ? // One row per application serves both: the key is the application's.
      sql`with m as (${m}), apps as (${perApplication(sql`m.application_id`, sql`max(m.k)`, true)})
        ${cubeSelect("all", "apps", true)} union all ${cubeSelect("key", "apps", false)}`
    : sql`with m as (${m}),
        apps as (${perApplication(sql`m.application_id`, sql`null`, true)}),
        keyed as (${perApplication(sql`m.application_id, m.k`, sql`m.k`, false)})
        ${cubeSelect("all", "apps", true)} union all ${cubeSelect("key", "keyed", false)}`;
  const result = await rows<Record<string, unknown>>(s, query);
  const all = emptyGroup();
  const byKey = new Map<string, CubeGroup>();
  for (const r of result) {
    let group = all;
    if (r.tag === "key") {
      const k = keyOf(r.k);
      group = byKey.get(k) ?? emptyGroup();
      byKey.set(k, group);
    }
    group.cells.push({
      behaviour: (r.behaviour as ApplicationCell["behaviour"]) ?? null,
      result: r.result as ApplicationCell["result"],
      bestWindow: numOrNull(r.best),
      decile: numOrNull(r.decile),
      applications: num(r.apps),
    });
    const t = group.totals;
    t.interviews += num(r.n);
    t.decided += num(r.d);
    t.followed += num(r.fu);
    t.latencyCount += num(r.lat_n);
    t.latencySum += num(r.lat_sum);
    t.scoreSum += num(r.score_sum);
    t.scoreCount += num(r.score_n);
    const sums = group.scores;
    sums.scoreSum += num(r.score_sum);
    sums.scoreCount += num(r.score_n);
    if (r.result === "offer" || r.result === "no_offer") {
      const parts = sums.parts[r.result];
      parts.followUps += num(r.score_n);
      parts.withParts += num(r.parts_n);
      for (const part of RUBRIC_PARTS) parts.sums[part] += num(r[PART_COLUMNS[part]]);
    }
  }
  return { all, byKey };
}

// ---------------------------------------------------------------------------------------------------
// The same application cube from the cells kept on write (migration 0025, docs/wip-dashboard-summaries.md).
// The cells count as of the sweep mark: computeFiguresFromSummaries swaps in the applications with an
// interview closed since it, recounted live (applicationCorrection).

type CellLevel =
  | "org"
  | "client"
  | "position"
  | "recruiter"
  | "client_recruiter"
  // dashboard_slice_cells (migration 0037): keys "R", "R:client", the interviewer's name.
  | "round"
  | "round_client"
  | "interviewer";

/**
 * Which cells answer the application cube of a whole-organization viewer's scope: the level and key of
 * the headline, and of the breakdown (with how to read a breakdown key out of a cell's key), and the
 * slice each is counted in (none: dashboard_application_cells; round or interviewer: the slices' cells,
 * migration 0037). Null when no level answers it exactly (an interviewer or date filter, a round filter
 * with another filter or by position or interviewer, two application filters, the position filter, by
 * interviewer with a filter, by round without a round filter, or a viewer who sees only some positions).
 */
export function cellPlan(
  viewer: Viewer,
  filters: AnalyticsFilters,
  dimension: BreakdownDimension,
): CubePlan | null {
  if (!seesWholeOrganization(viewer)) return null;
  if (filters.interviewer !== undefined) return null;
  if (filters.round !== undefined) return roundPlan(filters, dimension);
  if (filters.from !== undefined || filters.to !== undefined || filters.position !== undefined) return null;
  if (filters.client !== undefined && filters.recruiter !== undefined) return null;
  if (dimension === "interviewer") {
    // The whole organization by interviewer: each application counted per interviewer it met.
    if (filters.client !== undefined || filters.recruiter !== undefined) return null;
    const by: ByPlan = { level: "interviewer" };
    return { all: { level: "org", key: "" }, by, bySlice: "interviewer" };
  }
  if (dimension === "round") {
    // The whole organization by round: each application counted per round, over that round's interviews.
    if (filters.client !== undefined || filters.recruiter !== undefined) return null;
    return { all: { level: "org", key: "" }, by: { level: "round" }, bySlice: "round" };
  }
  const client = filters.client === undefined ? undefined : String(filters.client);
  const recruiter = filters.recruiter === undefined ? undefined : String(filters.recruiter);
  const all: { level: CellLevel; key: string } =
    client !== undefined
      ? { level: "client", key: client }
      : recruiter !== undefined
        ? { level: "recruiter", key: recruiter }
        : { level: "org", key: "" };
  let by: ByPlan | null;
  if (dimension === "position")
    by = recruiter === undefined ? { level: "position", clientId: filters.client } : null;
  else if (dimension === "client")
    by =
      recruiter === undefined ? { level: "client" } : { level: "client_recruiter", suffix: `:${recruiter}` };
  else
    by = client === undefined ? { level: "recruiter" } : { level: "client_recruiter", prefix: `${client}:` };
  if (!by) return null;
  // A client filter with a breakdown by client: the one client's cells.
  if (by.level === "client" && client !== undefined) by = { level: "client", prefix: "" };
  // The same for a recruiter filter with a breakdown by recruiter.
  if (by.level === "recruiter" && recruiter !== undefined) by = { level: "recruiter", prefix: "" };
  return { all, by };
}

type ByPlan = { level: CellLevel; prefix?: string; suffix?: string; clientId?: number };

/**
 * A round filter alone reads the round slices (dashboard_slice_cells, migration 0037): each application
 * counted over its interviews of that round, as the raw path counts it. By client from the round ×
 * client cells; by round, the round's own cells. By recruiter, position or interviewer: raw (no such cells).
 */
function roundPlan(filters: AnalyticsFilters, dimension: BreakdownDimension): CubePlan | null {
  const { round, ...others } = filters;
  if (Object.values(others).some((v) => v !== undefined)) return null;
  if (dimension !== "client" && dimension !== "round") return null;
  const key = String(round);
  const all: { level: CellLevel; key: string } = { level: "round", key };
  const by: ByPlan =
    dimension === "round" ? { level: "round", prefix: "" } : { level: "round_client", prefix: `${key}:` };
  return { all, by, slice: "round", bySlice: "round" };
}

type CubePlan = {
  all: { level: CellLevel; key: string };
  by: ByPlan;
  /** The slice the headline's and the breakdown's cells count in (none: dashboard_application_cells). */
  slice?: Slice;
  bySlice?: Slice;
};
/** The cells of a slice, or of none. */
const cellTable = (slice: Slice | undefined) =>
  slice ? "dashboard_slice_cells" : "dashboard_application_cells";
/**
 * The slices' levels that keep neither the fastest window nor the decile (migration 0037): one cell per
 * key, result and behaviour, so their cells are read as they are (addKeyed sums a group's rows either
 * way). On PostgreSQL, 6,947 interviewer cells summed by key, result and behaviour took 16 ms; read, 5.
 */
const COARSE_LEVELS: readonly CellLevel[] = ["interviewer", "round_client"];
/** The sums a group's totals and scores take (a breakdown's groups: addToGroup without detail). */
const TOTAL_SUMS = ["n", "d", "fu", "lat_n", "lat_sum", "score_n", "score_sum"];
/** And the rubric parts' sums, for the headline's group (with detail). */
const CELL_SUMS = [...TOTAL_SUMS, "parts_n", ...PART_REFS];

/** Adds a cell row (or a per-application row, or its opposite with sign -1) to a group. */
function addToGroup(group: CubeGroup, r: Record<string, unknown>, detail: boolean, sign = 1) {
  const v = (x: unknown) => sign * num(x);
  group.cells.push({
    behaviour:
      r.behaviour === "" || r.behaviour === null ? null : (r.behaviour as ApplicationCell["behaviour"]),
    result: r.result as ApplicationCell["result"],
    bestWindow: detail && num(r.best) !== 0 ? num(r.best) : null,
    decile: detail && r.decile !== null && num(r.decile) !== -1 ? num(r.decile) : null,
    applications: v(r.apps ?? 1),
  });
  const t = group.totals;
  t.interviews += v(r.n);
  t.decided += v(r.d);
  t.followed += v(r.fu);
  t.latencyCount += v(r.lat_n);
  t.latencySum += v(r.lat_sum);
  t.scoreSum += v(r.score_sum);
  t.scoreCount += v(r.score_n);
  const scores = group.scores;
  scores.scoreSum += v(r.score_sum);
  scores.scoreCount += v(r.score_n);
  if (r.result === "offer" || r.result === "no_offer") {
    const parts = scores.parts[r.result];
    parts.followUps += v(r.score_n);
    if (detail) {
      parts.withParts += v(r.parts_n);
      for (const part of RUBRIC_PARTS) parts.sums[part] += v(r[PART_COLUMNS[part]]);
    }
  }
}

/** Merges a group's cells that share behaviour, result, window and decile; drops the empty ones. */
function mergeCells(group: CubeGroup): CubeGroup {
  const merged = new Map<string, ApplicationCell>();
  for (const c of group.cells) {
    const k = `${c.behaviour}|${c.result}|${c.bestWindow}|${c.decile}`;
    const m = merged.get(k);
    if (m) m.applications += c.applications;
    else merged.set(k, { ...c });
  }
  return { ...group, cells: [...merged.values()].filter((c) => c.applications !== 0) };
}

/** The key a per-application row has at a cell level. */
function rowKey(level: CellLevel, r: Record<string, unknown>): string {
  const recruiter = keyOf(r.recruiter_id);
  switch (level) {
    case "org":
      return "";
    case "client":
      return keyOf(r.client_id);
    case "position":
      return keyOf(r.position_id);
    case "recruiter":
      return recruiter;
    case "client_recruiter":
      return `${keyOf(r.client_id)}:${recruiter}`;
    case "round":
      return keyOf(r.round);
    case "round_client":
      return `${keyOf(r.round)}:${keyOf(r.client_id)}`;
    case "interviewer":
      return keyOf(r.interviewer_name);
  }
}

/**
 * An application cube being added up: the headline group, and a group per breakdown key (without
 * window, decile or rubric parts), merged at the end with the empty groups left out.
 */
function newCube() {
  const all = emptyGroup();
  const byKey = new Map<string, CubeGroup>();
  return {
    all,
    addKeyed(k: string, r: Record<string, unknown>, sign: number) {
      const group = byKey.get(k) ?? emptyGroup();
      byKey.set(k, group);
      addToGroup(group, r, false, sign);
    },
    merged(): { all: CubeGroup; byKey: Map<string, CubeGroup> } {
      const merged = new Map<string, CubeGroup>();
      for (const [k, group] of byKey) {
        const g = mergeCells(group);
        if (g.cells.length > 0) merged.set(k, g);
      }
      return { all: mergeCells(all), byKey: merged };
    },
  };
}

export async function applicationCubeFromCells(
  db: Db,
  organizationId: number,
  plan: CubePlan,
  /** Per-application rows (of plan.slice) to take out (as stored) and put in (as of the dashboard's now). */
  correction: Correction = { out: [], in: [] },
  /** The same for the breakdown, when it counts in another slice (plan.bySlice). */
  byCorrection: Correction = correction,
): Promise<{ all: CubeGroup; byKey: Map<string, CubeGroup> }> {
  const sumsOf = (columns: string[]) =>
    sql.join(columns.map((c) => sql`sum(${sql.ref(`c.${c}`)}) as ${sql.ref(c)}`));
  const read = async (query: RawBuilder<unknown>) =>
    (await sql<Record<string, unknown>>`${query}`.execute(db)).rows;
  const detailed = await read(
    sql`select c.behaviour, c.result, c.best, c.decile, sum(c.apps) as apps, ${sumsOf(CELL_SUMS)}
      from ${sql.table(cellTable(plan.slice))} c
      where c.organization_id = ${organizationId} and c.level = ${plan.all.level} and c.level_key = ${plan.all.key}
      group by c.result, c.behaviour, c.best, c.decile`,
  );
  const { by } = plan;
  const keyCondition =
    by.prefix !== undefined
      ? by.prefix === ""
        ? sql`c.level_key = ${plan.all.key}`
        : sql`substr(c.level_key, 1, ${by.prefix.length}) = ${by.prefix}`
      : by.suffix !== undefined
        ? sql`substr(c.level_key, length(c.level_key) - ${by.suffix.length - 1}) = ${by.suffix}`
        : by.clientId !== undefined
          ? sql`c.level_key in (select cast(p.id as text) from positions p where p.organization_id = ${organizationId} and p.client_id = ${by.clientId})`
          : sql`true`;
  const coarse = COARSE_LEVELS.includes(by.level);
  const keyed = await read(
    sql`select c.level_key as k, c.behaviour, c.result, ${
      coarse
        ? sql.join(["apps", ...TOTAL_SUMS].map((c) => sql.ref(`c.${c}`)))
        : sql`sum(c.apps) as apps, ${sumsOf(TOTAL_SUMS)}`
    }
      from ${sql.table(cellTable(plan.bySlice))} c
      where c.organization_id = ${organizationId} and c.level = ${by.level} and ${keyCondition}
      ${coarse ? sql`` : sql`group by c.level_key, c.result, c.behaviour`}`, // the primary key's order: no sort
  );
  const keyOfCell = (k: string) =>
    by.prefix ? k.slice(by.prefix.length) : by.suffix ? k.slice(0, k.length - by.suffix.length) : k;
  const cube = newCube();
  const { all, addKeyed } = cube;
  for (const r of detailed) addToGroup(all, r, true);
  for (const r of keyed) addKeyed(keyOfCell(String(r.k)), r, 1);
  // The applications whose interviews closed between the sweep mark and now: as stored out, as now in.
  const corrections: [Record<string, unknown>[], number, "all" | "by"][] = [
    [correction.out, -1, "all"],
    [correction.in, 1, "all"],
    [byCorrection.out, -1, "by"],
    [byCorrection.in, 1, "by"],
  ];
  for (const [list, sign, part] of corrections) {
    for (const r of list) {
      if (rowKey(plan.all.level, r) !== plan.all.key) continue;
      if (part === "all") {
        addToGroup(all, r, true, sign);
        continue;
      }
      const k = rowKey(by.level, r);
      const inScope =
        by.prefix !== undefined
          ? by.prefix === ""
            ? k === plan.all.key
            : k.startsWith(by.prefix)
          : by.suffix !== undefined
            ? k.endsWith(by.suffix)
            : by.clientId !== undefined
              ? keyOf(r.client_id) === String(by.clientId)
              : true;
      if (inScope) addKeyed(keyOfCell(k), r, sign);
    }
  }
  return cube.merged();
}

/** The per-application rows' column holding each application breakdown's key. */
const ROW_KEYS = { client: "client_id", position: "position_id", recruiter: "recruiter_id" } as const;

/**
 * The application cube of a date range (UTC days of ends_at) for a whole-organization viewer with a
 * client or a recruiter filter or neither, from the per-application rows (dashboard_applications),
 * where each application counts over its interviews in the range, as the raw path counts it:
 * - one whose interviews all lie in the range counts as its stored row: those are summed in SQL, read
 *   by the index on (organization_id, last_day);
 * - one with interviews on both sides of an edge of the range (its first day before `from`, or its
 *   last after `to`), and one whose stored row counts as of the sweep mark where the page needs now
 *   (`corrected`), is recounted from the raw rows over its interviews in the range, as of now.
 */
async function applicationCubeInRange(
  db: Db,
  organizationId: number,
  filters: AnalyticsFilters,
  dimension: BreakdownDimension,
  days: DayRange,
  now: string,
  corrected: number[],
): Promise<{ all: CubeGroup; byKey: Map<string, CubeGroup> }> {
  if (dimension === "interviewer" || dimension === "round") throw new Error(`No ${dimension} in the rows`);
  const fromSuffixes = await applicationCubeFromSuffixes(
    db,
    organizationId,
    filters,
    dimension,
    days,
    now,
    corrected,
  );
  if (fromSuffixes) return fromSuffixes;
  const column = ROW_KEYS[dimension];
  // The applications whose span of interview days meets the range: the last day from `from` on (the
  // index), the first up to `to`; inside it, those whose whole span lies in it.
  const touching = sql.join(
    [
      sql`s.organization_id = ${organizationId}`,
      ...(filters.client === undefined ? [] : [sql`s.client_id = ${filters.client}`]),
      ...(filters.recruiter === undefined ? [] : [sql`s.recruiter_id = ${filters.recruiter}`]),
      dayCondition(sql`s.last_day`, { from: days.from }),
      dayCondition(sql`s.first_day`, { to: days.to }),
    ],
    sql` and `,
  );
  const inside = sql`${dayCondition(sql`s.first_day`, { from: days.from })} and ${dayCondition(sql`s.last_day`, { to: days.to })}`;
  const live = corrected.length === 0 ? sql`false` : sql`s.application_id in (${sql.join(corrected)})`;
  const key = sql.ref(`s.${column}`);
  const sums = sql.join(CELL_SUMS.map((c) => sql`sum(${sql.ref(`s.${c}`)}) as ${sql.ref(c)}`));
  const stored = (
    await sql<Record<string, unknown>>`select ${key} as k, s.result, s.behaviour, s.best, s.decile,
        count(*) as apps, ${sums}
      from dashboard_applications s
      where ${touching} and ${inside} and not (${live})
      group by ${key}, s.result, s.behaviour, s.best, s.decile`.execute(db)
  ).rows;
  // PostgreSQL misjudges how few these are (a range on each of two correlated days) and joined them by
  // scanning every application; given as an array, it reads them by id (last 30 days at 200,000
  // candidates: 415–820 → 169–310 ms for this statement, docs/performance.md).
  const straddlers = sql`select s.application_id from dashboard_applications s
    where ${touching} and (not (${inside}) or ${live})`;
  const recounted = (
    await sql<Record<string, unknown>>`${dashboardRecountInRange(
      organizationId,
      now,
      isPostgres(db) ? sql`a.id = any(array(${straddlers}))` : sql`a.id in (${straddlers})`,
      endsAtRange(days),
    )}`.execute(db)
  ).rows;

  const cube = newCube();
  const add = (k: string, r: Record<string, unknown>) => {
    addToGroup(cube.all, r, true);
    cube.addKeyed(k, r, 1);
  };
  for (const r of stored) add(keyOf(r.k), r);
  for (const r of recounted) add(keyOf(r[column]), r);
  return cube.merged();
}

/**
 * The application cube of a date range from the suffix cells (migration 0041), where each application
 * counts over its interviews from the range's first day on: the cells from that day on. The
 * applications with an interview after the range (none when it runs to today) and those whose rows
 * count as of the sweep mark where the page needs now (`corrected`) are swapped: their suffix row at
 * the range's start out, their recount over the range as of now in. Null for what the cells do not
 * hold (a breakdown by position; a client's recruiters or a recruiter's clients) and for more than
 * MAX_LIVE_APPLICATIONS interviewed after the range (one in the past: applicationCubeInRange counts it).
 */
async function applicationCubeFromSuffixes(
  db: Db,
  organizationId: number,
  filters: AnalyticsFilters,
  dimension: "client" | "position" | "recruiter",
  days: DayRange,
  now: string,
  corrected: number[],
): Promise<{ all: CubeGroup; byKey: Map<string, CubeGroup> } | null> {
  const filter =
    filters.client !== undefined
      ? { level: "client" as const, key: String(filters.client) }
      : filters.recruiter !== undefined
        ? { level: "recruiter" as const, key: String(filters.recruiter) }
        : { level: "org" as const, key: "" };
  if (dimension === "position" || (filter.level !== "org" && filter.level !== dimension)) return null;
  const range = endsAtRange(days);
  const later =
    range.before === undefined
      ? []
      : (
          await db
            .selectFrom("interviews")
            .select("application_id")
            .distinct()
            .where("organization_id", "=", organizationId)
            .where("ends_at", ">=", range.before)
            .limit(MAX_LIVE_APPLICATIONS + 1)
            .execute()
        ).map((r) => r.application_id);
  if (later.length > MAX_LIVE_APPLICATIONS) return null;

  const from = days.from ?? ""; // before every day: each application's first suffix, all its interviews
  const sums = (columns: string[]) =>
    sql.join(columns.map((c) => sql`sum(${sql.ref(`c.${c}`)}) as ${sql.ref(c)}`));
  // The headline in detail, the breakdown by key.
  const cells = (level: string, key: RawBuilder<unknown>, detailed: boolean) =>
    sql<Record<string, unknown>>`select ${detailed ? sql`` : sql`c.level_key as k, `}c.result, c.behaviour,
        ${detailed ? sql`c.best, c.decile` : sql`0 as best, -1 as decile`}, sum(c.apps) as apps,
        ${sums(detailed ? CELL_SUMS : TOTAL_SUMS)}
      from dashboard_suffix_cells c
      where c.organization_id = ${organizationId} and c.level = ${level} and ${key} and c.day >= ${from}
      group by ${detailed ? sql`c.result, c.behaviour, c.best, c.decile` : sql`c.level_key, c.result, c.behaviour`}
      having sum(c.apps) <> 0`.execute(db);
  const ofFilter = filter.level === "org" ? sql`true` : sql`c.level_key = ${filter.key}`;
  const headline = (await cells(filter.level, sql`c.level_key = ${filter.key}`, true)).rows;
  const keyed = (await cells(dimension, ofFilter, false)).rows;

  const swapped = [...new Set([...later, ...corrected])];
  const [out, into] =
    swapped.length === 0
      ? [[], []]
      : [
          await db
            .selectFrom("dashboard_application_suffixes")
            .selectAll()
            .where("application_id", "in", swapped)
            .where("from_day", ">=", from)
            .where((eb) => eb.or([eb("prev_day", "is", null), eb("prev_day", "<", from)]))
            .execute(),
          (
            await sql<Record<string, unknown>>`${dashboardRecountInRange(
              organizationId,
              now,
              sql`a.id in (${sql.join(swapped)})`,
              range,
            )}`.execute(db)
          ).rows,
        ];
  const cube = newCube();
  const { all, addKeyed } = cube;
  for (const r of headline) addToGroup(all, r, true);
  for (const r of keyed) addKeyed(String(r.k), r, 1);
  const swaps: [Record<string, unknown>[], number][] = [
    [out, -1],
    [into, 1],
  ];
  for (const [list, sign] of swaps) {
    for (const r of list) {
      if (filter.level !== "org" && rowKey(filter.level, r) !== filter.key) continue;
      addToGroup(all, r, true, sign);
      addKeyed(rowKey(dimension, r), r, sign);
    }
  }
  return cube.merged();
}

/** The raw path's application cube, for the tests that compare it with the cells'. */
export function applicationCubeFromInterviews(db: Db, scope: AnalyticsScope, dimension: BreakdownDimension) {
  return applicationCube({ db, scope }, DIMENSION_KEYS[dimension]);
}

/** Mean points per part over the follow-ups that carry rubric parts. */
function partMeans(sums: ScoreSums): PartMeans[] {
  return (["offer", "no_offer"] as const).map((result) => {
    const g = sums.parts[result];
    const means = Object.fromEntries(
      RUBRIC_PARTS.map((p) => [p, g.withParts ? g.sums[p] / g.withParts : null]),
    ) as Record<RubricPart, number | null>;
    return { result, followUps: g.followUps, means };
  });
}

// ---------------------------------------------------------------------------------------------------
// Trend buckets: months are a prefix of the ISO text; weeks a CASE over the week boundaries,
// nested as a binary search so that each row is compared a handful of times, not once per week.

function monthKey(): GroupKey {
  return { expr: sql`substr(i.ends_at, 1, 7)`, joins: "interviews", perApplication: false };
}

function weekKey(weeks: string[]): GroupKey {
  const pick = (lo: number, hi: number): RawBuilder<unknown> => {
    if (hi - lo <= 1) return sql`${weeks[lo] ?? ""}`;
    const mid = (lo + hi) >> 1;
    return sql`case when i.ends_at < ${`${weeks[mid]}T00:00:00.000Z`} then ${pick(lo, mid)} else ${pick(mid, hi)} end`;
  };
  return { expr: pick(0, weeks.length), joins: "interviews", perApplication: false };
}

// ---------------------------------------------------------------------------------------------------
// Public API

/**
 * Follow-up rate and latency per week (spans up to half a year) or month, every bucket from the
 * first interview's to the last's, so that empty ones show as gaps on a time axis.
 */
async function loadTrend(s: Scope, first: string | null, last: string | null) {
  if (!first || !last) return { granularity: "month" as const, buckets: [] };
  const granularity = chooseGranularity(first, last);
  const all = granularity === "week" ? weekStarts(first, last) : monthsBetween(first, last);
  const key = granularity === "week" ? weekKey(all) : monthKey();
  const totals = await interviewTotals(s, key);
  const latency = (await latencyPercentiles(s, key, false)).byKey;
  const buckets = all.map((bucket) => ({
    bucket,
    totals: totals.get(bucket) ?? ZERO_TOTALS,
    latency: latency.get(bucket) ?? NO_LATENCY,
  }));
  return { granularity, buckets };
}

// ---------------------------------------------------------------------------------------------------
// The summary path (migration 0025, docs/decisions/0016-dashboard-summaries.md): the same figures from
// the rows and cells kept on write, for the wide scopes cellPlan covers. Application cells count as of
// the sweep mark: the applications with an interview closing between the mark and now are recounted
// live. Interview cells count as if every window had closed: the interviews still open at now are
// subtracted live. Exact percentiles: the cells' hour histogram finds the hour holding each rank, and
// that hour's latencies (dashboard_interviews, by index) give the value at the rank.

/** Above this many applications to correct live (the sweep has stopped), the raw path answers. */
const MAX_LIVE_APPLICATIONS = 2000;

/**
 * The applications with an interview whose last window closed between the sweep mark and now (either
 * way round): their stored rows count as of the mark, the page needs them as of now. Null when the
 * organization was never swept or there are too many (the raw path answers).
 */
async function correctedApplications(db: Db, organizationId: number, now: string) {
  const org = await db
    .selectFrom("organizations")
    .select("windows_swept_until")
    .where("id", "=", organizationId)
    .executeTakeFirst();
  const mark = org?.windows_swept_until;
  if (!mark) return null;
  if (mark === now) return [];
  const [lo, hi] = mark < now ? [mark, now] : [now, mark];
  const ids = (
    await db
      .selectFrom("interviews")
      .select("application_id")
      .distinct()
      .where("organization_id", "=", organizationId)
      .where("closes_at", ">", lo)
      .where("closes_at", "<=", hi)
      .limit(MAX_LIVE_APPLICATIONS + 1)
      .execute()
  ).map((r) => r.application_id);
  return ids.length > MAX_LIVE_APPLICATIONS ? null : ids;
}

type Correction = { out: Record<string, unknown>[]; in: Record<string, unknown>[] };

/** The corrected applications' rows (or a slice's rows) as stored (out) and recounted as of now (in). */
async function applicationCorrection(
  db: Db,
  organizationId: number,
  now: string,
  ids: number[],
  slice?: Slice,
): Promise<Correction> {
  if (ids.length === 0) return { out: [], in: [] };
  const stored = await db
    .selectFrom(slice ? SLICES[slice].table : "dashboard_applications")
    .selectAll()
    .where("application_id", "in", ids)
    .execute();
  const live = await sql<
    Record<string, unknown>
  >`${dashboardRecount(organizationId, { asOf: now, applicationIds: ids }, slice)}`.execute(db);
  return { out: stored as Record<string, unknown>[], in: live.rows };
}

/** The date filter as UTC days of ends_at, inclusive, either end open: what day-keyed rows compare with. */
type DayRange = { from?: string; to?: string };

/** A text column of UTC days (`YYYY-MM-DD`) within a day range (true when there is none). */
function dayCondition(column: RawBuilder<unknown>, days: DayRange | undefined) {
  const conditions = [
    ...(days?.from === undefined ? [] : [sql`${column} >= ${days.from}`]),
    ...(days?.to === undefined ? [] : [sql`${column} <= ${days.to}`]),
  ];
  return conditions.length === 0 ? sql`true` : sql.join(conditions, sql` and `);
}

/** The interviews a summary-path page counts: a level's (organization, client, recruiter or round), within its days. */
type InterviewLevel = { level: "org" | "client" | "recruiter" | "round"; key: string; days?: DayRange };
/** dashboard_interviews (alias d) of an interview level. */
function levelCondition({ level, key, days }: InterviewLevel) {
  const inDays = dayCondition(sql`d.day`, days);
  if (level === "client") return sql`d.client_id = ${Number(key)} and ${inDays}`;
  if (level === "round") return sql`d.round = ${Number(key)} and ${inDays}`;
  if (level === "recruiter")
    return key === ""
      ? sql`d.recruiter_id is null and ${inDays}`
      : sql`d.recruiter_id = ${Number(key)} and ${inDays}`;
  return inDays;
}
/** dashboard_interview_cells (alias c) of an interview level. */
const cellCondition = ({ level, key, days }: InterviewLevel) =>
  sql`c.level = ${level} and c.level_key = ${key} and ${dayCondition(sql`c.day`, days)}`;

type Histogram = Map<number, number>;
const bump = <K>(m: Map<K, number>, k: K, by: number) => m.set(k, (m.get(k) ?? 0) + by);

/**
 * Groups of latencies whose exact median and 90th percentile are wanted: `key` names the group of
 * each cell (text, over dashboard_interview_cells c), `cells` picks the family's cells, and `rows(k)`
 * picks group k's rows of dashboard_interviews (alias d; the level's condition is added).
 */
type PercentileFamily = {
  /** Or, instead of key and cells: one group (key ''), the sum of every group of family `of`. */
  key?: RawBuilder<unknown>;
  cells?: RawBuilder<unknown>;
  of?: number;
  /**
   * Or: the rows (alias x) of each group's histogram, one per (k, hour) with its count c, whose ranks
   * are found in JavaScript (many groups: a window sort over them costs more). They come a row per
   * group, its hours joined into one text (hourHistograms): 922 interviewers' 45,000 hours read as
   * rows took 38 ms of SQLite and as text 12.
   */
  histogram?: RawBuilder<unknown>;
  rows: (key: string) => RawBuilder<unknown>;
  /**
   * And, when group k's rows are those whose column of dashboard_interviews equals a value (null: not
   * so), that column and value: their reads then go many to a statement that PostgreSQL plans once.
   */
  column?: (key: string) => GroupColumn | null;
  /**
   * And, when group k's rows are those of a span of days (a trend bucket's; the overall's, every day),
   * that span: on PostgreSQL their reads then go many to a statement planned once (a union of the
   * trend's 76 reads took 11 ms to plan and 22–29 ms in all; by span, 5–6 ms).
   */
  days?: (key: string) => DaySpan;
};
/** Days from `from` up to, not including, `before` (YYYY-MM-DD); an end left out is open. */
type DaySpan = { from?: string; before?: string };
function spanCondition(column: RawBuilder<unknown>, { from, before }: DaySpan) {
  const conditions = [
    ...(from === undefined ? [] : [sql`${column} >= ${from}`]),
    ...(before === undefined ? [] : [sql`${column} < ${before}`]),
  ];
  return conditions.length === 0 ? sql`true` : sql.join(conditions, sql` and `);
}
type GroupColumn = {
  name: "interviewer_name" | "client_id" | "recruiter_id" | "round";
  value: string | number;
};

/** The column and value of a client, recruiter or round group of dashboard_interviews (none: null). */
function levelColumn(level: "client" | "recruiter" | "round", key: string): GroupColumn | null {
  if (level === "recruiter" && key === "") return null; // no recruiter: "is null", not an equality
  return { name: level === "round" ? "round" : `${level}_id`, value: Number(key) };
}

/** Reads of latencies within an hour per statement: SQLite's compound statements hold at most 500. */
const READS_PER_STATEMENT = 400;
/** Reads by a group's column per SQLite statement (one parameter each; PostgreSQL's take arrays). */
const COLUMN_READS_PER_STATEMENT = 2000;

/**
 * Each group's hour histogram from `histogram`'s rows (x.k, x.hour, x.c): one row per group with its
 * hours as "hour:count,…", put in order here (parseHourHistogram): an order by within string_agg cost
 * PostgreSQL a sort per group (922 interviewers' 45,000 hours: 34–36 ms a statement against 20.5).
 */
async function hourHistograms(db: Db, histogram: RawBuilder<unknown>) {
  const rows = (
    await sql<{ k: unknown; h: string }>`select x.k,
        string_agg(cast(x.hour as text) || ':' || cast(x.c as text), ',') as h
      from (${histogram}) x group by x.k`.execute(db)
  ).rows;
  return rows.map((r) => ({ k: keyOf(r.k), ...parseHourHistogram(r.h) }));
}

/**
 * Exact median and 90th percentile of each group of each family, interpolated as the raw path does.
 * One statement finds, from the cells' hour histograms, the hour holding each rank and how many
 * latencies of the group come before that hour (locatePercentiles); then each needed value is read by
 * index (`order by latency limit … offset …` within the hour: dashboard_interviews_*hour*, migration
 * 0032; readPercentiles). Returns, per family, the summaries by group key.
 */
async function exactPercentiles(
  db: Db,
  organizationId: number,
  level: InterviewLevel,
  families: PercentileFamily[],
): Promise<Map<string, LatencySummary>[]> {
  return readPercentiles(
    db,
    organizationId,
    level,
    families,
    await locatePercentiles(db, organizationId, families),
  );
}

/**
 * The breakdown's percentiles, read apart from its other figures (by interviewer, thousands of groups):
 * the exact ones of the groups named (null: all), or, without reading a value, the bounds within which
 * each group's median or 90th percentile lies (for a page sorted by one: core/analytics.ts groupsNearPage).
 */
type BreakdownLatency = {
  read: (names: string[] | null) => Promise<Map<string, LatencySummary>>;
  /** Every group located: the bounds of its median or 90th percentile, and a read of those named. */
  bounds: (percentile: "median" | "p90") => Promise<{
    bounds: Map<string, Bounds>;
    read: (names: string[]) => Promise<Map<string, LatencySummary>>;
  }>;
};

/**
 * Where a located group's percentile lies, from the hours holding its ranks: a latency of hour h is
 * over h − 1 and at most h hours (ceil(minutes / 60)), and the percentile lies between its two
 * ranks' latencies. Widened by a minute each way against rounding.
 */
function percentileBounds(group: RankedGroup, p: Fraction): Bounds {
  const hourOf = (rank: number) => {
    for (const [hour, { at }] of group.hours) if (at.includes(rank)) return hour;
    throw new Error(`no hour holds rank ${rank} of ${group.n}`);
  };
  const { lower, upper, fraction } = percentileRanks(group.n, p);
  // With no fraction, the value is the lower rank's alone.
  return [60 * (hourOf(lower) - 1) - 1, 60 * hourOf(fraction === 0 ? lower : upper) + 1];
}

/** A group's latencies as its histogram places its ranks: its n, the hours holding the ranks, and the values read. */
type RankedGroup = {
  n: number;
  values: Map<number, number>;
  hours: Map<number, { before: number; at: number[] }>;
};
type LocatedGroup = { family: number; key: string; group: RankedGroup };

/** Each group of each family with the hours its percentiles' ranks fall in, by family and key. */
async function locatePercentiles(
  db: Db,
  organizationId: number,
  families: PercentileFamily[],
): Promise<Map<string, LocatedGroup>> {
  if (families.length === 0) return new Map();
  const cellHistograms = families.flatMap((f, i) =>
    f.key && f.cells
      ? [
          sql`select ${sql.lit(i)} as f, cast(${f.key} as text) as k, c.hour, c.n from dashboard_interview_cells c
            where c.organization_id = ${organizationId} and ${f.cells} and c.hour >= 0`,
        ]
      : [],
  );
  // A family summing another's groups adds up that family's few histogram rows, not the cells again.
  const sums = families.flatMap((f, i) =>
    f.of === undefined
      ? []
      : [
          sql`union all select ${sql.lit(i)} as f, '' as k, g.hour, sum(g.c) as c from g
            where g.f = ${sql.lit(f.of)} group by g.hour`,
        ],
  );
  // Ranks as SQL computes them (integer division), as in rankCondition: lower and upper of each.
  const ranks = [MEDIAN, P90].flatMap(([numerator, denominator]) =>
    [1, 2].map(
      (plus) => sql`((r.total - 1) * ${sql.lit(numerator)}) / ${sql.lit(denominator)} + ${sql.lit(plus)}`,
    ),
  );
  const holding = sql.join(
    ranks.map((rank) => sql`(r.cum - r.c < ${rank} and ${rank} <= r.cum)`),
    sql` or `,
  );
  type Found = { f: unknown; k: unknown; hour: unknown; c: unknown; cum: unknown; total: unknown };
  const found =
    cellHistograms.length === 0
      ? []
      : (
          await sql<Found>`with
            g as (select x.f, x.k, x.hour, sum(x.n) as c from (${sql.join(cellHistograms, sql` union all `)}) x
              group by x.f, x.k, x.hour),
            h as (select g.f, g.k, g.hour, g.c from g ${sql.join(sums, sql` `)}),
            r as (select h.f, h.k, h.hour, h.c,
                cast(sum(h.c) over (partition by h.f, h.k order by h.hour) as bigint) as cum,
                cast(sum(h.c) over (partition by h.f, h.k) as bigint) as total
              from h)
            select r.f, r.k, r.hour, r.c, r.cum, r.total from r where ${holding}`.execute(db)
        ).rows;
  // The families whose histograms come whole, a group to a row: each group's hours walked once to find
  // the hours holding its ranks.
  for (const [f, family] of families.entries()) {
    if (!family.histogram) continue;
    for (const { k, hours, counts } of await hourHistograms(db, family.histogram)) {
      const total = counts.reduce((sum, c) => sum + c, 0);
      if (total < 1) continue;
      const ranks = [MEDIAN, P90].flatMap((p) => {
        const { lower, upper } = percentileRanks(total, p);
        return [lower, upper];
      });
      let cum = 0;
      for (const [i, c] of counts.entries()) {
        cum += c;
        if (ranks.some((rank) => cum - c < rank && rank <= cum))
          found.push({ f, k, hour: hours[i], c, cum, total });
      }
    }
  }

  // Per group: its n, and the hours holding its ranks with the ranks' positions within the hour.
  const groups = new Map<string, LocatedGroup>();
  for (const r of found) {
    const family = num(r.f);
    const key = keyOf(r.k);
    const id = `${family}\u0000${key}`;
    let entry = groups.get(id);
    if (!entry)
      groups.set(
        id,
        (entry = { family, key, group: { n: num(r.total), values: new Map(), hours: new Map() } }),
      );
    const before = num(r.cum) - num(r.c);
    const at: number[] = [];
    for (const p of [MEDIAN, P90]) {
      const { lower, upper } = percentileRanks(entry.group.n, p);
      for (const rank of [lower, upper]) if (rank > before && rank <= num(r.cum)) at.push(rank);
    }
    entry.group.hours.set(num(r.hour), { before, at });
  }
  return groups;
}

/** The located groups' exact percentiles, each needed value read by index; per family, by group key. */
async function readPercentiles(
  db: Db,
  organizationId: number,
  level: InterviewLevel,
  families: PercentileFamily[],
  groups: Map<string, LocatedGroup>,
): Promise<Map<string, LatencySummary>[]> {
  const result = families.map(() => new Map<string, LatencySummary>());
  // Each hour holding a rank: its latencies from the first rank wanted to the last, read by index.
  type Read = LocatedGroup & { hour: number; before: number; at: number[] };
  const reads: (Read & {
    first: number;
    count: number;
    column: GroupColumn | null;
    days: DaySpan | null;
  })[] = [];
  for (const { family, key, group } of groups.values())
    for (const [hour, { before, at }] of group.hours) {
      if (at.length === 0) continue;
      const first = Math.min(...at) - before - 1;
      const count = Math.max(...at) - before - first;
      reads.push({
        family,
        key,
        group,
        hour,
        before,
        at,
        first,
        count,
        column: families[family].column?.(key) ?? null,
        days: families[family].days?.(key) ?? null,
      });
    }
  const keep = (r: Read, rank: number, latency: unknown) => {
    if (r.at.includes(rank)) r.group.values.set(rank, num(latency));
  };
  // Read i of `list` gave the latency at rank rn within its hour.
  const keepAll = (list: Read[], rows: { q: unknown; rn: unknown; latency: unknown }[]) => {
    for (const row of rows) {
      const r = list[num(row.q)];
      keep(r, r.before + num(row.rn), row.latency);
    }
  };
  const within = sql`d.organization_id = ${organizationId} and ${levelCondition(level)}`;
  /**
   * PostgreSQL: the reads as arrays, one parameter each (their hour, offset and count, after what picks
   * each one's rows: `picks`, named in `match` as v's columns), each joined to its rows and read by
   * index, numbered in order of latency. One statement, planned once: for 1,844 reads by interviewer,
   * 10 ms where the list as values, joined and numbered, took 17–19.
   */
  const readByArrays = async (
    list: (Read & { hour: number; first: number; count: number })[],
    picks: { name: string; type: "text" | "integer"; values: (string | number)[] }[],
    match: RawBuilder<unknown>,
  ) => {
    const arrays = [
      ...picks.map((p) => sql`cast(${p.values} as ${sql.raw(p.type)}[])`),
      ...[list.map((r) => r.hour), list.map((r) => r.first), list.map((r) => r.count)].map(
        (values) => sql`cast(${values} as integer[])`,
      ),
    ];
    const rows = (
      await sql<{ q: unknown; rn: unknown; latency: unknown }>`select v.q - 1 as q,
          v.skip + row_number() over (partition by v.q order by x.latency) as rn, x.latency
        from unnest(${sql.join(arrays)})
          with ordinality as v (${sql.join(picks.map((p) => sql.raw(p.name)))}, h, skip, take, q)
        cross join lateral (select d.latency from dashboard_interviews d
          where ${within} and ${match} and d.hour = v.h
          order by d.latency offset v.skip limit v.take) x`.execute(db)
    ).rows;
    keepAll(list, rows);
  };
  // Groups named by a column (by interviewer: thousands of reads): on PostgreSQL by arrays; on SQLite
  // each read a row of a list of values joined to the rows of its group and hour, numbered in order of
  // latency, COLUMN_READS_PER_STATEMENT to a statement.
  const value = (v: string | number) =>
    typeof v === "number" ? sql`cast(${v} as integer)` : sql`cast(${v} as text)`;
  const byColumn = reads.filter((r) => r.column);
  const perStatement = isPostgres(db) ? byColumn.length : COLUMN_READS_PER_STATEMENT;
  for (let i = 0; i < byColumn.length; i += perStatement) {
    const batch = byColumn.slice(i, i + perStatement);
    for (const name of new Set(batch.map((r) => r.column!.name))) {
      const list = batch.filter((r) => r.column!.name === name);
      const column = sql.ref(`d.${name}`);
      if (isPostgres(db)) {
        const type = name === "interviewer_name" ? "text" : "integer";
        await readByArrays(
          list,
          [{ name: "k", type, values: list.map((r) => r.column!.value) }],
          sql`${column} = v.k`,
        );
        continue;
      }
      const rows = (
        await sql<{ q: unknown; rn: unknown; latency: unknown }>`with
          v (q, k, h, skip, take) as (values ${sql.join(
            list.map(
              (r, q) =>
                sql`(${sql.lit(q)}, ${value(r.column!.value)}, ${sql.lit(r.hour)}, ${sql.lit(r.first)}, ${sql.lit(r.count)})`,
            ),
          )})
          select x.q, x.rn, x.latency from (
            select v.q, v.skip, v.take, d.latency, row_number() over (partition by v.q order by d.latency) as rn
            from v cross join dashboard_interviews d -- the list first (no statistics of it)
            where ${within} and ${column} = v.k and d.hour = v.h) x
          where x.rn > x.skip and x.rn <= x.skip + x.take`.execute(db)
      ).rows;
      keepAll(list, rows);
    }
  }
  // On PostgreSQL, the reads of spans of days the same way, each by its span ('' and '~' when open:
  // below and above every day) and hour.
  const bySpan = isPostgres(db) ? reads.filter((r) => !r.column && r.days) : [];
  if (bySpan.length > 0)
    await readByArrays(
      bySpan,
      [
        { name: "d0", type: "text", values: bySpan.map((r) => r.days!.from ?? "") },
        { name: "d1", type: "text", values: bySpan.map((r) => r.days!.before ?? "~") },
      ],
      sql`d.day >= v.d0 and d.day < v.d1`,
    );
  // The others (a few dozen) with limit and offset, READS_PER_STATEMENT to a union.
  const others = reads.filter((r) => !r.column && !bySpan.includes(r));
  for (let i = 0; i < others.length; i += READS_PER_STATEMENT) {
    const batch = others.slice(i, i + READS_PER_STATEMENT);
    const rows = (
      await sql<{ q: unknown; latency: unknown }>`${sql.join(
        batch.map(
          (
            r,
            q,
          ) => sql`select ${sql.lit(q)} as q, x.latency from (select d.latency from dashboard_interviews d
            where d.organization_id = ${organizationId} and ${levelCondition(level)} and ${families[r.family].rows(r.key)}
              and d.hour = ${r.hour}
            order by d.latency limit ${r.count} offset ${r.first}) x`,
        ),
        sql` union all `,
      )}`.execute(db)
    ).rows;
    // A union's rows come in no promised order: each read's latencies sorted again.
    const latencies = batch.map((): number[] => []);
    for (const row of rows) latencies[num(row.q)].push(num(row.latency));
    for (const [q, r] of batch.entries())
      latencies[q]
        .sort((a, b) => a - b)
        .forEach((latency, j) => keep(r, r.before + r.first + 1 + j, latency));
  }
  for (const { family, key, group } of groups.values()) {
    const at = (rank: number) => group.values.get(rank);
    result[family].set(key, {
      n: group.n,
      median: interpolatePercentile(group.n, MEDIAN, at),
      p90: interpolatePercentile(group.n, P90, at),
    });
  }
  return result;
}

/** The first or last interview end in a level's scope, on a given day. */
async function endOnDay(db: Db, organizationId: number, level: InterviewLevel, day: string, last: boolean) {
  const next = new Date(`${day}T00:00:00.000Z`);
  next.setUTCDate(next.getUTCDate() + 1);
  const scope =
    level.level === "client"
      ? sql`and i.application_id in (select a.id from applications a inner join positions p on p.id = a.position_id where a.id = i.application_id and p.client_id = ${Number(level.key)})`
      : level.level === "recruiter"
        ? sql`and i.application_id in (select a.id from applications a where a.id = i.application_id and ${level.key === "" ? sql`a.recruiter_id is null` : sql`a.recruiter_id = ${Number(level.key)}`})`
        : level.level === "round"
          ? sql`and i.round = ${Number(level.key)}`
          : sql``;
  const [r] = (
    await sql<{
      v: string | null;
    }>`select ${last ? sql`max(i.ends_at)` : sql`min(i.ends_at)`} as v from interviews i
      where i.organization_id = ${organizationId} and i.ends_at >= ${day} and i.ends_at < ${next.toISOString()} ${scope}`.execute(
      db,
    )
  ).rows;
  return r?.v ?? null;
}

const isTimed = (w: string) => (TIMED_WINDOWS as readonly string[]).includes(w);

/**
 * The trend's buckets as a family of percentile groups: the bucket of a cell's day (weeks by a CASE
 * over their starts, nested as a binary search; months by prefix), and of an interview row's day.
 */
function trendFamily(
  level: InterviewLevel,
  granularity: "week" | "month",
  buckets: string[],
): PercentileFamily {
  const starts = buckets.map((b) => (granularity === "week" ? b : `${b}-01`));
  const pick = (lo: number, hi: number): RawBuilder<unknown> => {
    if (hi - lo <= 1) return sql`${buckets[lo] ?? ""}`;
    const mid = (lo + hi) >> 1;
    return sql`case when c.day < ${starts[mid]} then ${pick(lo, mid)} else ${pick(mid, hi)} end`;
  };
  const days = (bucket: string): DaySpan => {
    const i = buckets.indexOf(bucket);
    return i < 0 ? { before: "" } : { from: starts[i], before: starts[i + 1] }; // none: no day
  };
  return {
    key: granularity === "week" ? pick(0, buckets.length) : sql`substr(c.day, 1, 7)`,
    cells: cellCondition(level),
    rows: (bucket) => spanCondition(sql`d.day`, days(bucket)),
    days,
  };
}

/** The figures computeFigures returns, from the summaries; null when they do not cover the scope. */
export async function computeFiguresFromSummaries(
  db: Db,
  scope: AnalyticsScope,
  dimension: BreakdownDimension,
) {
  // A date range narrows every read of a level to its days (the interview rows and cells are keyed by
  // day); the application cube of a range is counted from the per-application rows (applicationCubeInRange).
  const { from, to, ...rest } = scope.filters;
  const range: DayRange | undefined = from === undefined && to === undefined ? undefined : { from, to };
  const plan = cellPlan(scope.viewer, rest, dimension);
  if (!plan) return null;
  // The slices hold no days: a round, or a breakdown by interviewer, with a date range is counted raw.
  if ((plan.slice || plan.bySlice) && range) return null;
  const all = plan.all.level;
  if (all !== "org" && all !== "client" && all !== "recruiter" && all !== "round") return null;
  const organizationId = scope.viewer.organization_id;
  const corrected = await correctedApplications(db, organizationId, scope.now);
  if (!corrected) return null;
  const level: InterviewLevel = { level: all, key: plan.all.key, days: range };
  const ends = endsAtRange(scope.filters);

  // The level's cells summed in SQL by what the figures need: per day, window and whether a latency
  // is known (totals, windows, the trend's totals), and the followed-up ones per hour (the curve).
  const cells = (
    await sql<{ day: string; win: string; lat: unknown; n: unknown; lat_sum: unknown }>`select
        x.day, x.win, x.lat, sum(x.n) as n, sum(x.lat_sum) as lat_sum
      from (select c.day, c.win, case when c.hour >= 0 then 1 else 0 end as lat, c.n, c.lat_sum
        from dashboard_interview_cells c where c.organization_id = ${organizationId} and ${cellCondition(level)}) x
      group by x.day, x.win, x.lat`.execute(db)
  ).rows;
  const followedHours = (
    await sql<{ hour: unknown; n: unknown }>`select c.hour, sum(c.n) as n from dashboard_interview_cells c
      where c.organization_id = ${organizationId} and ${cellCondition(level)} and c.win in ${TIMED}
      group by c.hour`.execute(db)
  ).rows;
  // Interviews whose last window is still open at now: stored as closed (and, unanswered, as decided),
  // but for exempt ones, never either.
  // Read from a covering index (migration 0039), a round's too. A client's or recruiter's: its rows of
  // dashboard_interviews from the first day an open interview ended (migration 0042's indexes), each
  // joined to its interview, rather than every open interview looked up for its client or recruiter.
  const byLevelRows = level.level === "client" || level.level === "recruiter";
  // The least day, not the day of the least ends_at: for min(ends_at) SQLite walks the interviews in
  // ends_at order (its min optimization) until one is still open, nearly all of them.
  const firstOpenDay = sql`(select min(substr(o.ends_at, 1, 10)) from interviews o
    where o.organization_id = ${organizationId} and o.closes_at > ${scope.now})`;
  const inLevel =
    level.level === "round"
      ? sql`i.round = ${Number(level.key)}`
      : byLevelRows
        ? sql`d.organization_id = ${organizationId} and ${levelCondition({ ...level, days: undefined })}
            and d.day >= ${firstOpenDay} and i.id = d.interview_id`
        : levelCondition({ ...level, days: undefined });
  const unanswered = sql`case when i.first_follow_up_at is null then 1 else 0 end`;
  const openWin = sql`case when ${WIN} in ${TIMED} then ${WIN} else 'none' end`;
  const openHour = sql`coalesce(ceil(i.latency_minutes / 60.0), -1)`;
  const open = (
    await sql<{ day: string; win: string; hour: unknown; unanswered: unknown; n: unknown }>`select
        substr(i.ends_at, 1, 10) as day, ${openWin} as win, ${openHour} as hour, ${unanswered} as unanswered, count(*) as n
      from ${byLevelRows ? sql`dashboard_interviews d cross join interviews i` : sql`interviews i`}
      where i.organization_id = ${organizationId} and i.closes_at > ${scope.now}
        and ${inLevel} and i.latency_exempt_reason is null
        ${ends.from === undefined ? sql`` : sql`and i.ends_at >= ${ends.from}`}
        ${ends.before === undefined ? sql`` : sql`and i.ends_at < ${ends.before}`}
      group by substr(i.ends_at, 1, 10), ${openWin}, ${openHour}, ${unanswered}`.execute(db)
  ).rows;

  const totals: InterviewTotals = { ...ZERO_TOTALS };
  const byWindow = new Map<string, number>();
  let noneReceived = 0;
  let closed = 0;
  const hours: Histogram = new Map();
  const days = new Map<string, InterviewTotals>();
  const dayTotals = (day: string) => {
    let t = days.get(day);
    if (!t) days.set(day, (t = { ...ZERO_TOTALS }));
    return t;
  };
  for (const c of cells) {
    const n = num(c.n);
    const timed = isTimed(c.win);
    const known = num(c.lat) === 1;
    const t = dayTotals(c.day);
    // Latency "not applicable" (migration 0033): an interview, never decided or closed, no latency.
    if (c.win === "exempt") {
      totals.interviews += n;
      t.interviews += n;
      continue;
    }
    for (const x of [totals, t]) {
      x.interviews += n;
      x.decided += n;
      if (timed) x.followed += n;
      if (known) {
        x.latencyCount += n;
        x.latencySum += num(c.lat_sum);
      }
    }
    closed += n;
    bump(byWindow, c.win, n);
    if (!timed && known) noneReceived += n;
  }
  for (const h of followedHours) bump(hours, num(h.hour), num(h.n));
  for (const o of open) {
    const n = num(o.n);
    closed -= n;
    if (isTimed(o.win)) bump(hours, num(o.hour), -n);
    if (num(o.unanswered) === 1) {
      totals.decided -= n;
      dayTotals(o.day).decided -= n;
    }
  }
  for (const [h, n] of hours) if (n === 0) hours.delete(h);

  const windows = new Map<string, WindowCount>();
  for (const w of TIMED_WINDOWS)
    windows.set(w, { window: w, interviews: byWindow.get(w) ?? 0, received: byWindow.get(w) ?? 0 });
  windows.set("none", {
    window: "none",
    interviews: totals.decided - totals.followed,
    received: noneReceived,
  });

  const sortedDays = [...days.keys()].filter((d) => days.get(d)!.interviews > 0).sort();
  const firstDay = sortedDays[0];
  const lastDay = sortedDays[sortedDays.length - 1];
  const first = firstDay ? await endOnDay(db, organizationId, level, firstDay, false) : null;
  const last = lastDay ? await endOnDay(db, organizationId, level, lastDay, true) : null;

  const granularity = first && last ? chooseGranularity(first, last) : "month";
  const buckets =
    first && last ? (granularity === "week" ? weekStarts(first, last) : monthsBetween(first, last)) : [];
  const bucketOf = (day: string) =>
    granularity === "week" ? weekStart(`${day}T00:00:00.000Z`) : day.slice(0, 7);
  const bucketTotals = new Map<string, InterviewTotals>();
  for (const [day, t] of days) {
    const b = bucketOf(day);
    const sum = bucketTotals.get(b) ?? { ...ZERO_TOTALS };
    bucketTotals.set(b, sum);
    sum.interviews += t.interviews;
    sum.decided += t.decided;
    sum.followed += t.followed;
    sum.latencyCount += t.latencyCount;
    sum.latencySum += t.latencySum;
  }

  // Percentiles: overall, per trend bucket, and per breakdown key where the cells have the key's
  // level (by client, recruiter or round over the whole organization; the level itself by its own key).
  // The overall histogram is the sum of the trend's (every interview in scope is in one bucket).
  const families: PercentileFamily[] = [
    { of: 1, rows: () => sql`true`, days: () => ({}) },
    trendFamily(level, granularity, buckets),
  ];
  const keyed =
    ((level.level === "org" || level.level === "round") &&
      (dimension === "client" || dimension === "recruiter")) ||
    (level.level === "org" && dimension === "round");
  const across =
    (level.level === "client" && dimension === "recruiter") ||
    (level.level === "recruiter" && dimension === "client");
  // The breakdown's percentiles, of the groups named (null: all): null when none of these holds them.
  const breakdownFamily = ((): ((names: string[] | null) => PercentileFamily) | null => {
    const among = (expr: RawBuilder<unknown>, names: string[] | null) =>
      names ? sql`and ${expr} in (${sql.join(names)})` : sql``;
    if (dimension === "interviewer")
      // The interviewer cells: an hour histogram per interviewer (day and window '').
      return (names) => ({
        histogram: sql`select c.level_key as k, c.hour, c.n as c from dashboard_interview_cells c
          where c.organization_id = ${organizationId} and c.level = 'interviewer' and c.hour >= 0
            ${among(sql`c.level_key`, names)}`,
        rows: (k) => sql`d.interviewer_name = ${k}`,
        column: (k) => ({ name: "interviewer_name", value: k }),
      });
    if (dimension === "position") return null; // no cells by position: counted raw below
    const rows = (k: string) => levelCondition({ level: dimension, key: k });
    const column = (k: string) => levelColumn(dimension, k);
    if (keyed && level.level === "org")
      return (names) => ({
        key: sql`c.level_key`,
        cells: sql`c.level = ${dimension} and ${dayCondition(sql`c.day`, range)} ${among(sql`c.level_key`, names)}`,
        rows,
        column,
      });
    if (keyed) {
      // Within a round: the round × client cells, keyed "R:client", named one by one (a prefix
      // condition is no index range in PostgreSQL, which then read every cell).
      const prefix = `${level.key}:`;
      return (names) => ({
        key: sql`substr(c.level_key, ${prefix.length + 1})`,
        cells: sql`c.level = ${`round_${dimension}`} and c.level_key in (${
          names
            ? sql.join(names.map((n) => prefix + n))
            : sql`select cast(${prefix} as text) || cast(cl.id as text) from clients cl
                where cl.organization_id = ${organizationId}`
        })`,
        rows,
        column,
      });
    }
    if (across) {
      // A client's recruiters, or a recruiter's clients: no cells hold them, so each group's histogram
      // is counted from the level's interview rows, read by the level's index (a few thousand).
      const key = sql`coalesce(cast(${sql.ref(`d.${dimension}_id`)} as text), '')`;
      return (names) => ({
        histogram: sql`select ${key} as k, d.hour, count(*) as c from dashboard_interviews d
          where d.organization_id = ${organizationId} and ${levelCondition(level)} and d.hour >= 0
            ${among(key, names)}
          group by ${key}, d.hour`,
        rows,
        column,
      });
    }
    return null;
  })();
  // Read when the page asks (loadDashboard): its groups' only; sorted by one, the bounds of every
  // group's first, then the groups that can fall on the page.
  // Many names (a CSV of every row) are read as all: one parameter each, and SQLite takes 32,766.
  const breakdownLatency: BreakdownLatency | null = breakdownFamily && {
    read: async (names) =>
      names?.length === 0
        ? new Map<string, LatencySummary>()
        : (
            await exactPercentiles(db, organizationId, level, [
              breakdownFamily(names && names.length <= COLUMN_READS_PER_STATEMENT ? names : null),
            ])
          )[0],
    bounds: async (percentile) => {
      const family = [breakdownFamily(null)];
      const located = await locatePercentiles(db, organizationId, family);
      const p = percentile === "median" ? MEDIAN : P90;
      return {
        bounds: new Map([...located.values()].map(({ key, group }) => [key, percentileBounds(group, p)])),
        // The groups named, as located already: their values read, their histograms not again.
        read: async (names) => {
          const named = new Set(names);
          const chosen = new Map([...located].filter(([, { key }]) => named.has(key)));
          return (await readPercentiles(db, organizationId, level, family, chosen))[0];
        },
      };
    },
  };
  const [overall, trend] = await exactPercentiles(db, organizationId, level, families);
  const byKeyLatency = breakdownLatency
    ? new Map<string, LatencySummary>() // read for the page, by breakdownLatency
    : dimension === level.level
      ? new Map([[level.key, overall.get("") ?? NO_LATENCY]])
      : // No cells of this key within this level: the raw path's per-key percentiles (narrow, or slower).
        (await latencyPercentiles({ db, scope }, DIMENSION_KEYS[dimension], false)).byKey;

  const correction = range
    ? null
    : await applicationCorrection(db, organizationId, scope.now, corrected, plan.slice);
  const apps = !correction
    ? await applicationCubeInRange(db, organizationId, rest, dimension, range!, scope.now, corrected)
    : await applicationCubeFromCells(
        db,
        organizationId,
        plan,
        correction,
        plan.bySlice === plan.slice
          ? correction
          : await applicationCorrection(db, organizationId, scope.now, corrected, plan.bySlice),
      );
  const breakdown = new Map<string, GroupFigures>();
  for (const [k, group] of apps.byKey) {
    breakdown.set(k, {
      totals: group.totals,
      latency: byKeyLatency.get(k) ?? NO_LATENCY,
      applications: group.cells,
    });
  }
  return {
    totals: { ...totals, scoreSum: apps.all.scores.scoreSum, scoreCount: apps.all.scores.scoreCount },
    windows,
    closed,
    first,
    last,
    hours,
    latency: overall.get("") ?? NO_LATENCY,
    applications: apps.all.cells,
    parts: partMeans(apps.all.scores),
    trend: {
      granularity,
      buckets: buckets.map((bucket) => ({
        bucket,
        totals: bucketTotals.get(bucket) ?? ZERO_TOTALS,
        latency: trend.get(bucket) ?? NO_LATENCY,
      })),
    },
    breakdown,
    /** Null, or the breakdown's percentiles of the groups named (null: all), which breakdown lacks. */
    breakdownLatency,
  };
}

/** The figures being computed right now on each connection, by what decides them: see loadFigures. */
const inFlight = new WeakMap<Db, Map<string, ReturnType<typeof computeFigures>>>();

/**
 * Everything the dashboard's headline, charts, trend and breakdown draw, for the scope's viewer and
 * filters. A request that asks for figures already being computed for the same visible scope, filters
 * and breakdown shares that computation instead of starting another: under load many people open the
 * same dashboard at once, and each computation reads every interview in scope. Nothing is kept once it
 * finishes: a later request computes afresh and sees every write made before it.
 */
export function loadFigures(db: Db, scope: AnalyticsScope, dimension: BreakdownDimension) {
  const { viewer } = scope;
  const who = seesWholeOrganization(viewer) ? "all" : `${viewer.role}:${viewer.id}:${viewer.client_id}`;
  const key = JSON.stringify([viewer.organization_id, who, scope.filters, dimension]);
  let running = inFlight.get(db);
  if (!running) inFlight.set(db, (running = new Map()));
  const computing = running;
  let figures = computing.get(key);
  if (!figures) {
    figures = computeFigures(db, scope, dimension);
    computing.set(key, figures);
    const done = () => computing.delete(key);
    figures.then(done, done);
  }
  return figures;
}

/** From the summaries where they cover the scope, else from the interviews. */
async function computeFigures(db: Db, scope: AnalyticsScope, dimension: BreakdownDimension) {
  return (
    (await computeFiguresFromSummaries(db, scope, dimension)) ??
    computeFiguresFromInterviews(db, scope, dimension)
  );
}

/** The raw path: every figure counted from the interviews in scope. */
export async function computeFiguresFromInterviews(
  db: Db,
  scope: AnalyticsScope,
  dimension: BreakdownDimension,
) {
  const s: Scope = { db, scope };
  const key = DIMENSION_KEYS[dimension];
  const summary = await interviewSummary(s);
  const hours = await followUpHours(s);
  const latency = await latencyPercentiles(s, key, true);
  const apps = await applicationCube(s, key);
  const trend = await loadTrend(s, summary.first, summary.last);

  const breakdown = new Map<string, GroupFigures>();
  for (const [k, group] of apps.byKey) {
    breakdown.set(k, {
      totals: group.totals,
      latency: latency.byKey.get(k) ?? NO_LATENCY,
      applications: group.cells,
    });
  }
  return {
    ...summary,
    hours,
    totals: { ...summary.totals, scoreSum: apps.all.scores.scoreSum, scoreCount: apps.all.scores.scoreCount },
    latency: latency.overall,
    applications: apps.all.cells,
    parts: partMeans(apps.all.scores),
    trend,
    breakdown,
    breakdownLatency: null,
  };
}

export type FilterOption = { value: string; label: string };

/**
 * Name order, and label order, numeric within ("Round 2" before "Round 10"). One collator each:
 * `localeCompare` given a locale builds one per call (23 ms to sort 3,320 interviewers at 1,000,000
 * candidates).
 */
const byName = new Intl.Collator("en").compare;
const byLabel = new Intl.Collator("en", { numeric: true }).compare;

/** What the filters may offer: only values inside what the viewer may see. */
export async function listFilterOptions(db: Db, viewer: Viewer) {
  const visible = visiblePositionIds(db, viewer);
  const positions = await db
    .selectFrom("positions as p")
    .innerJoin("clients as c", "c.id", "p.client_id")
    .select(["p.id", "p.title", "p.client_id", "c.name as client_name"])
    .where("p.id", "in", visible)
    .orderBy("c.name")
    .orderBy("p.title")
    .orderBy("p.id")
    .execute();
  const clients = new Map<number, string>();
  for (const p of positions) clients.set(p.client_id, p.client_name);

  // Admins and recruiters see the whole organization: its interviewers and rounds are counted on write
  // (dashboard_interviewers, migration 0024), a few rows. Others: from the applications at the positions they may see, then their interviews. CROSS JOIN
  // keeps that order in SQLite (its documented way to fix a join order; an inner join elsewhere),
  // where the planner would otherwise walk every interview of the organization in name order.
  const whole = seesWholeOrganization(viewer);
  const distinctOf = async (column: "interviewer_name" | "round"): Promise<{ v: string | number }[]> =>
    whole
      ? db
          .selectFrom("dashboard_interviewers as o")
          .select(`o.${column} as v`)
          .where("o.organization_id", "=", viewer.organization_id)
          .distinct()
          .execute()
      : (
          await sql<{ v: string | number }>`select distinct ${sql.ref(`i.${column}`)} as v
            from applications a cross join interviews i
            where a.position_id in (${visiblePositionIds(db, viewer)}) and i.application_id = a.id and i.organization_id = ${viewer.organization_id}`.execute(
            db,
          )
        ).rows;
  const interviewers = (await distinctOf("interviewer_name")).map((r) => String(r.v)).sort(byName);
  const rounds = (await distinctOf("round")).map((r) => Number(r.v)).sort((a, b) => a - b);
  const recruiters = await db
    .selectFrom("users as u")
    .select(["u.id", "u.name"])
    .where("u.organization_id", "=", viewer.organization_id)
    .where((eb) =>
      eb.exists(
        whole
          ? eb
              .selectFrom("applications as a")
              .select("a.id")
              .whereRef("a.recruiter_id", "=", "u.id")
              .where("a.organization_id", "=", viewer.organization_id)
          : eb
              .selectFrom("applications as a")
              .select("a.id")
              .whereRef("a.recruiter_id", "=", "u.id")
              .where("a.position_id", "in", visiblePositionIds(db, viewer)),
      ),
    )
    .orderBy("u.name")
    .execute();

  return {
    clients: [...clients.entries()]
      .map(([value, label]) => ({ value: String(value), label }))
      .sort((a, b) => a.label.localeCompare(b.label)),
    positions: positions.map((p) => ({
      value: String(p.id),
      label: p.title,
      clientId: String(p.client_id),
      clientName: p.client_name,
    })),
    interviewers: interviewers.map((v) => ({ value: v, label: v })),
    rounds: rounds.map((v) => ({ value: String(v), label: `Round ${v}` })),
    recruiters: recruiters.map((r) => ({ value: String(r.id), label: r.name })),
  };
}

// ---------------------------------------------------------------------------------------------------
// The whole dashboard

export type DashboardSettings = {
  /** Window thresholds in minutes (organization settings). */
  windows: WindowThresholds;
  /** Rubric weights: each part's maximum points. */
  weights: Record<RubricPart, number>;
};

export type BreakdownRow = { key: string; label: string } & ReturnType<typeof groupRates>;

export async function loadDashboard(
  db: Db,
  viewer: Viewer,
  params: DashboardParams,
  settings: DashboardSettings,
  now = new Date(),
) {
  const scope: AnalyticsScope = { viewer, filters: params.filters, now: now.toISOString() };
  const options = await listFilterOptions(db, viewer);
  const figures = await loadFigures(db, scope, params.by);
  const headline = summarizeGroup({
    totals: figures.totals,
    latency: figures.latency,
    applications: figures.applications,
  });

  const decided = figures.totals.decided;
  const windows = WINDOWS.map((w) => {
    const c = figures.windows.get(w);
    return {
      window: w,
      label: WINDOW_LABELS[w],
      interviews: c?.interviews ?? 0,
      received: c?.received ?? 0,
      share: decided ? (c?.interviews ?? 0) / decided : null,
    };
  });
  const lastHour = Math.ceil(settings.windows.late / 60);

  const parts = RUBRIC_PARTS.map((key) => ({
    key,
    label: PART_LABELS[key],
    max: settings.weights[key],
    offer: figures.parts.find((p) => p.result === "offer")?.means[key] ?? null,
    noOffer: figures.parts.find((p) => p.result === "no_offer")?.means[key] ?? null,
  }));

  const { trend } = figures;
  const groups = figures.breakdown;
  const labels = breakdownLabels(params.by, options);
  // Percentiles counted apart from the breakdown (figures.breakdownLatency, by interviewer: thousands
  // of groups) are read for the page's rows only. Sorted by one, each group's bounds come first, from
  // the hours its ranks fall in, and only the groups that can fall on the page are read.
  const lazy = figures.breakdownLatency;
  const start = (params.page - 1) * params.pageSize;
  const end = start + params.pageSize;
  const percentile = params.sort === "medianLatency" ? "median" : params.sort === "p90Latency" ? "p90" : null;
  const row = (key: string, latency?: LatencySummary): BreakdownRow => {
    const g = groups.get(key)!;
    return { key, label: labels(key), ...groupRates(latency ? { ...g, latency } : g) };
  };
  let page: BreakdownRow[];
  if (lazy && percentile) {
    const located = await lazy.bounds(percentile);
    const bounds = new Map([...located.bounds].filter(([key]) => groups.has(key)));
    const { before, near } = groupsNearPage(bounds, params.dir, start, end);
    const latencies = await located.read(near);
    const read = sortRows(
      near.map((key) => row(key, latencies.get(key) ?? NO_LATENCY)),
      params.sort,
      params.dir,
    );
    // After every group with a latency, those without one, in label order.
    const none = sortRows(
      [...groups.keys()].filter((key) => !bounds.has(key)).map((key) => row(key, NO_LATENCY)),
      "label",
      "asc",
    );
    const from = (list: BreakdownRow[], first: number) =>
      list.slice(Math.max(0, start - first), Math.max(0, end - first));
    page = [...from(read, before), ...from(none, bounds.size)];
  } else {
    page = sortRows(
      [...groups.keys()].map((key) => row(key)),
      params.sort,
      params.dir,
    ).slice(start, end);
    if (lazy) {
      const onPage = await lazy.read(page.map((r) => r.key));
      page = page.map((r) => row(r.key, onPage.get(r.key) ?? NO_LATENCY));
    }
  }

  return {
    options,
    headline,
    behaviour: offersByBehaviour(figures.applications),
    byWindow: offersByWindow(figures.applications),
    byBand: offersByQualityBand(figures.applications),
    windows,
    curve: cumulativeCurve(figures.hours, figures.closed, lastHour),
    thresholds: settings.windows,
    distribution: scoreDistribution(figures.applications),
    parts,
    partCounts: {
      offer: figures.parts.find((p) => p.result === "offer")?.followUps ?? 0,
      noOffer: figures.parts.find((p) => p.result === "no_offer")?.followUps ?? 0,
    },
    trend: {
      granularity: trend.granularity,
      points: trend.buckets.map((b) => ({
        bucket: b.bucket,
        label: bucketLabel(b.bucket),
        interviews: b.totals.interviews,
        decided: b.totals.decided,
        followed: b.totals.followed,
        followUpRate: b.totals.decided ? b.totals.followed / b.totals.decided : null,
        medianLatency: b.latency.median,
        latencyCount: b.latency.n,
      })),
    },
    breakdown: { rows: page, total: groups.size },
  };
}

function breakdownLabels(
  dimension: BreakdownDimension,
  options: Awaited<ReturnType<typeof listFilterOptions>>,
): (key: string) => string {
  const find = (list: { value: string; label: string }[]) => (key: string) =>
    list.find((o) => o.value === key)?.label;
  switch (dimension) {
    case "client":
      return (key) => find(options.clients)(key) ?? `Client ${key}`;
    case "position":
      return (key) => {
        const p = options.positions.find((o) => o.value === key);
        return p
          ? options.clients.length > 1
            ? `${p.label} (${p.clientName})`
            : p.label
          : `Position ${key}`;
      };
    case "interviewer":
      return (key) => key;
    case "round":
      return (key) => `Round ${key}`;
    case "recruiter":
      return (key) => (key === "" ? "No recruiter" : (find(options.recruiters)(key) ?? `User ${key}`));
  }
}

function sortRows(rows: BreakdownRow[], sort: BreakdownSortKey, dir: "asc" | "desc"): BreakdownRow[] {
  const sign = dir === "asc" ? 1 : -1;
  return [...rows].sort((a, b) => {
    const x = a[sort];
    const y = b[sort];
    // Empty values last, whichever the direction.
    if (x === null && y === null) return byLabel(a.label, b.label);
    if (x === null) return 1;
    if (y === null) return -1;
    const order =
      typeof x === "string" && typeof y === "string" ? byLabel(x, y) : (x as number) - (y as number);
    return order * sign || byLabel(a.label, b.label);
  });
}

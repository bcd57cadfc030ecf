// The dashboard's numbers, counted in SQL over the stored latency, window and score columns.
// Every query starts from the interviews the viewer may see (scope.server.ts) that match the
// filters, and returns aggregates only: counts, sums, and the two rows around each percentile.
// Portable SQL: CASE, COUNT/SUM/AVG, floor/ceil, substr, window functions; no date functions.
import { sql, type Kysely, type RawBuilder } from "kysely";
import type { Database } from "../../db/schema";
import { getDb } from "../../db/connection.server";
import {
  bucketLabel,
  chooseGranularity,
  cumulativeCurve,
  endsAtRange,
  offersByBehaviour,
  offersByQualityBand,
  offersByWindow,
  PART_KEYS,
  PART_LABELS,
  scoreDistribution,
  summarizeGroup,
  monthsBetween,
  weekStarts,
  WINDOW_LABELS,
  type AnalyticsFilters,
  type BreakdownSortKey,
  type DashboardParams,
  type ApplicationCell,
  type BreakdownDimension,
  type GroupFigures,
  type InterviewTotals,
  type LatencySummary,
  type PartKey,
  type PartMeans,
} from "../core/analytics";
import { interpolatePercentile, MEDIAN, P90, type Fraction } from "../core/stats";
import { visiblePositionIds, type Viewer } from "./scope.server";

export type AnalyticsScope = {
  viewer: Viewer;
  filters: AnalyticsFilters;
  /** ISO timestamp: interviews whose window closed before it, or that got a follow-up, are decided. */
  now: string;
};

/** What the figures are grouped by: nothing (one group), a breakdown dimension, or a time bucket. */
type GroupKey = RawBuilder<string | number | null>;
const NO_GROUP: GroupKey = sql<number>`0`;
const DIMENSION_KEYS: Record<BreakdownDimension, GroupKey> = {
  client: sql`p.client_id`,
  position: sql`a.position_id`,
  interviewer: sql`i.interviewer_name`,
  round: sql`i.round`,
  recruiter: sql`a.recruiter_id`,
};

const TIMED = sql`('best', 'ideal', 'acceptable', 'late')`;

/**
 * The interviews in scope, one row each, with what every figure needs. `window` is a reserved word
 * in PostgreSQL, hence sql.ref (which quotes it).
 */
function matchingInterviews(db: Kysely<Database>, scope: AnalyticsScope, key: GroupKey) {
  const { filters, viewer, now } = scope;
  const range = endsAtRange(filters);
  const win = sql.ref("i.window");
  const decided = sql<number>`(i.first_follow_up_at is not null or i.closes_at <= ${now})`;
  return db
    .selectFrom("interviews as i")
    .innerJoin("applications as a", "a.id", "i.application_id")
    .innerJoin("positions as p", "p.id", "a.position_id")
    .leftJoin("follow_ups as f", "f.id", "i.first_follow_up_id")
    .where("i.organization_id", "=", viewer.organization_id)
    .where("a.position_id", "in", visiblePositionIds(db, viewer))
    .$if(filters.client !== undefined, (q) => q.where("p.client_id", "=", filters.client!))
    .$if(filters.position !== undefined, (q) => q.where("a.position_id", "=", filters.position!))
    .$if(filters.recruiter !== undefined, (q) => q.where("a.recruiter_id", "=", filters.recruiter!))
    .$if(filters.interviewer !== undefined, (q) => q.where("i.interviewer_name", "=", filters.interviewer!))
    .$if(filters.round !== undefined, (q) => q.where("i.round", "=", filters.round!))
    .$if(range.from !== undefined, (q) => q.where("i.ends_at", ">=", range.from!))
    .$if(range.before !== undefined, (q) => q.where("i.ends_at", "<", range.before!))
    .select([
      key.as("k"),
      "i.application_id",
      "a.outcome",
      "i.latency_minutes as latency",
      "f.score",
      "f.pts_timing",
      "f.pts_specificity",
      "f.pts_own_experience",
      "f.pts_interest",
      "f.pts_next_step",
      "f.pts_length",
      "f.pts_personal_tone",
      sql<number>`case when ${decided} then 1 else 0 end`.as("decided"),
      sql<number>`case when ${win} in ${TIMED} then 1 else 0 end`.as("followed"),
      // Decided interviews by window; a follow-up after the last window, or none, is "none".
      sql<string | null>`case when ${win} in ${TIMED} then ${win} when ${decided} then 'none' end`.as("win"),
      sql<number | null>`case ${win} when 'best' then 1 when 'ideal' then 2 when 'acceptable' then 3 when 'late' then 4 else case when ${decided} then 5 end end`.as(
        "wrank",
      ),
      // Interviews whose last window has closed: each had the whole time to be answered.
      sql<number>`case when i.closes_at <= ${now} then 1 else 0 end`.as("closed"),
      // Hours to the follow-up, rounded up (0 h for an instant reply), for follow-ups inside the windows.
      sql<number | null>`case when ${win} in ${TIMED} then ceil(i.latency_minutes / 60.0) end`.as("hour"),
      "i.ends_at",
    ]);
}

type Scope = { db: Kysely<Database>; scope: AnalyticsScope };

function withMatching({ db, scope }: Scope, key: GroupKey) {
  return db.with("m", () => matchingInterviews(db, scope, key));
}

const num = (v: unknown) => (v === null || v === undefined ? 0 : Number(v));
const numOrNull = (v: unknown) => (v === null || v === undefined ? null : Number(v));
const keyOf = (v: unknown) => (v === null || v === undefined ? "" : String(v));

// ---------------------------------------------------------------------------------------------------
// Interview-level figures

const ZERO_TOTALS: InterviewTotals = { interviews: 0, decided: 0, followed: 0, latencyCount: 0, latencySum: 0, scoreCount: 0, scoreSum: 0 };

function addTotals(a: InterviewTotals, b: InterviewTotals): InterviewTotals {
  return {
    interviews: a.interviews + b.interviews,
    decided: a.decided + b.decided,
    followed: a.followed + b.followed,
    latencyCount: a.latencyCount + b.latencyCount,
    latencySum: a.latencySum + b.latencySum,
    scoreCount: a.scoreCount + b.scoreCount,
    scoreSum: a.scoreSum + b.scoreSum,
  };
}

const totalsColumns = [
  sql<number>`count(*)`.as("interviews"),
  sql<number>`sum(m.decided)`.as("decided"),
  sql<number>`sum(m.followed)`.as("followed"),
  sql<number>`count(m.latency)`.as("latency_count"),
  sql<number | null>`sum(m.latency)`.as("latency_sum"),
  sql<number>`count(m.score)`.as("score_count"),
  sql<number | null>`sum(m.score)`.as("score_sum"),
];

function readTotals(r: Record<string, unknown>): InterviewTotals {
  return {
    interviews: num(r.interviews),
    decided: num(r.decided),
    followed: num(r.followed),
    latencyCount: num(r.latency_count),
    latencySum: num(r.latency_sum),
    scoreCount: num(r.score_count),
    scoreSum: num(r.score_sum),
  };
}

/** Totals per group key. */
async function interviewTotals(s: Scope, key: GroupKey): Promise<Map<string, InterviewTotals & { first: string | null; last: string | null }>> {
  const rows = await withMatching(s, key)
    .selectFrom("m")
    .select(["m.k", ...totalsColumns, sql<string | null>`min(m.ends_at)`.as("first"), sql<string | null>`max(m.ends_at)`.as("last")])
    .groupBy("m.k")
    .execute();
  return new Map(rows.map((r) => [keyOf(r.k), { ...readTotals(r as Record<string, unknown>), first: (r.first as string) ?? null, last: (r.last as string) ?? null }]));
}

export type WindowCount = { window: string; interviews: number; received: number };
export type HourCount = { hour: number; followed: number };

/**
 * The headline's interview figures in one pass: totals, decided interviews by window, and for the
 * cumulative curve the interviews whose windows have closed, by the hour of their follow-up.
 */
async function interviewCube(s: Scope) {
  const rows = await withMatching(s, NO_GROUP)
    .selectFrom("m")
    .select(["m.win", "m.hour", "m.closed", ...totalsColumns])
    .groupBy(["m.win", "m.hour", "m.closed"])
    .execute();
  let totals = ZERO_TOTALS;
  const windows = new Map<string, WindowCount>();
  const hours = new Map<number, number>();
  let closed = 0;
  for (const raw of rows) {
    const r = raw as Record<string, unknown>;
    const t = readTotals(r);
    totals = addTotals(totals, t);
    if (r.win !== null) {
      const w = windows.get(String(r.win)) ?? { window: String(r.win), interviews: 0, received: 0 };
      w.interviews += t.interviews;
      w.received += t.latencyCount;
      windows.set(w.window, w);
    }
    if (num(r.closed) === 1) {
      closed += t.interviews;
      if (r.hour !== null) hours.set(num(r.hour), (hours.get(num(r.hour)) ?? 0) + t.interviews);
    }
  }
  return { totals, windows, closed, hours };
}

// ---------------------------------------------------------------------------------------------------
// Percentiles of latency, per group: the one or two rows each percentile interpolates between.

function rankCondition([num_, den]: Fraction) {
  // Integer division in both SQLite and PostgreSQL (count is an integer type in both).
  return sql`rn in (((n - 1) * ${sql.lit(num_)}) / ${sql.lit(den)} + 1, ((n - 1) * ${sql.lit(num_)}) / ${sql.lit(den)} + 2)`;
}

async function latencyPercentiles(s: Scope, key: GroupKey): Promise<Map<string, LatencySummary>> {
  const rows = await withMatching(s, key)
    .with("r", (db) =>
      db
        .selectFrom("m")
        .where("m.latency", "is not", null)
        .select([
          "m.k",
          "m.latency",
          sql<number>`row_number() over (partition by m.k order by m.latency)`.as("rn"),
          sql<number>`count(*) over (partition by m.k)`.as("n"),
        ]),
    )
    .selectFrom("r")
    .select(["r.k", "r.latency", "r.rn", "r.n"])
    .where(sql<boolean>`${rankCondition(MEDIAN)} or ${rankCondition(P90)}`)
    .execute();
  const byKey = new Map<string, { n: number; values: Map<number, number> }>();
  for (const r of rows) {
    const k = keyOf(r.k);
    const entry = byKey.get(k) ?? { n: num(r.n), values: new Map() };
    entry.values.set(num(r.rn), num(r.latency));
    byKey.set(k, entry);
  }
  const result = new Map<string, LatencySummary>();
  for (const [k, { n, values }] of byKey) {
    result.set(k, {
      n,
      median: interpolatePercentile(n, MEDIAN, (rank) => values.get(rank)),
      p90: interpolatePercentile(n, P90, (rank) => values.get(rank)),
    });
  }
  return result;
}

// ---------------------------------------------------------------------------------------------------
// Application-level figures: each application once per group, with its behaviour over the
// interviews in scope, the fastest window it reached, and its mean follow-up score.

async function applicationCube(s: Scope, key: GroupKey, detailed: boolean): Promise<Map<string, ApplicationCell[]>> {
  const query = withMatching(s, key)
    .with("apps", (db) =>
      db
        .selectFrom("m")
        .select([
          "m.k",
          "m.application_id",
          "m.outcome",
          sql<number>`sum(m.decided)`.as("d"),
          sql<number>`sum(m.followed)`.as("fu"),
          sql<number | null>`min(m.wrank)`.as("best"),
          sql<number | null>`avg(m.score)`.as("s"),
        ])
        .groupBy(["m.k", "m.application_id", "m.outcome"]),
    )
    .with("classified", (db) =>
      db
        .selectFrom("apps")
        .select([
          "apps.k",
          sql<string | null>`case when apps.d = 0 then null when apps.fu = apps.d then 'always' when apps.fu = 0 then 'never' else 'sometimes' end`.as(
            "behaviour",
          ),
          sql<string>`case when apps.outcome = 'pending' then 'pending' when apps.outcome in ('offer', 'hired') then 'offer' else 'no_offer' end`.as(
            "result",
          ),
          detailed ? sql<number | null>`apps.best`.as("best") : sql<null>`null`.as("best"),
          detailed ? sql<number | null>`case when apps.s >= 90 then 9 else floor(apps.s / 10) end`.as("decile") : sql<null>`null`.as("decile"),
        ]),
    )
    .selectFrom("classified as c")
    .select(["c.k", "c.behaviour", "c.result", "c.best", "c.decile", sql<number>`count(*)`.as("n")])
    .groupBy(["c.k", "c.behaviour", "c.result", "c.best", "c.decile"]);
  const rows = await query.execute();
  const result = new Map<string, ApplicationCell[]>();
  for (const r of rows) {
    const k = keyOf(r.k);
    const cells = result.get(k) ?? [];
    cells.push({
      behaviour: (r.behaviour as ApplicationCell["behaviour"]) ?? null,
      result: r.result as ApplicationCell["result"],
      bestWindow: numOrNull(r.best),
      decile: numOrNull(r.decile),
      applications: num(r.n),
    });
    result.set(k, cells);
  }
  return result;
}

// ---------------------------------------------------------------------------------------------------
// Rubric parts: the mean points of each part, for follow-ups of applications with and without an offer.

const PART_COLUMNS: Record<PartKey, string> = {
  timing: "pts_timing",
  specificity: "pts_specificity",
  ownExperience: "pts_own_experience",
  interest: "pts_interest",
  nextStep: "pts_next_step",
  length: "pts_length",
  personalTone: "pts_personal_tone",
};

async function partMeans(s: Scope): Promise<PartMeans[]> {
  const rows = await withMatching(s, NO_GROUP)
    .selectFrom("m")
    .where("m.score", "is not", null)
    .where("m.outcome", "!=", "pending")
    .select([
      sql<string>`case when m.outcome in ('offer', 'hired') then 'offer' else 'no_offer' end`.as("result"),
      sql<number>`count(*)`.as("n"),
      ...Object.entries(PART_COLUMNS).map(([part, column]) => sql<number | null>`avg(${sql.ref(`m.${column}`)})`.as(part)),
    ])
    .groupBy(sql`case when m.outcome in ('offer', 'hired') then 'offer' else 'no_offer' end`)
    .execute();
  return rows.map((raw) => {
    const r = raw as Record<string, unknown>;
    const means = Object.fromEntries(Object.keys(PART_COLUMNS).map((part) => [part, numOrNull(r[part])])) as Record<PartKey, number | null>;
    return { result: r.result as PartMeans["result"], followUps: num(r.n), means };
  });
}

// ---------------------------------------------------------------------------------------------------
// Trend buckets: months are a prefix of the ISO text; weeks a CASE over the week boundaries.

function monthKey(): GroupKey {
  return sql<string>`substr(i.ends_at, 1, 7)`;
}

/** `case when ends_at < '<week 2 start>' then '<week 1>' … else '<last week>' end` */
function weekKey(weeks: string[]): GroupKey {
  if (weeks.length <= 1) return sql<string>`${weeks[0] ?? ""}`;
  const branches = weeks.slice(1).map((start, i) => sql`when i.ends_at < ${`${start}T00:00:00.000Z`} then ${weeks[i]}`);
  return sql<string>`case ${sql.join(branches, sql` `)} else ${weeks[weeks.length - 1]} end`;
}

// ---------------------------------------------------------------------------------------------------
// Public API

export type DashboardData = Awaited<ReturnType<typeof loadDashboardFigures>>;

/** Everything the dashboard's headline and charts draw, for the scope's viewer and filters. */
export async function loadDashboardFigures(scope: AnalyticsScope) {
  const s: Scope = { db: getDb(), scope };
  const cube = await interviewCube(s);
  const latency = (await latencyPercentiles(s, NO_GROUP)).get("0") ?? { n: 0, median: null, p90: null };
  const applications = (await applicationCube(s, NO_GROUP, true)).get("0") ?? [];
  const parts = await partMeans(s);
  return { ...cube, latency, applications, parts };
}

/**
 * Follow-up rate and latency per week (spans up to half a year) or month, every bucket from the
 * first interview's to the last's, so that empty ones show as gaps on a time axis.
 */
export async function loadTrend(scope: AnalyticsScope) {
  const s: Scope = { db: getDb(), scope };
  let key = monthKey();
  let totals = await interviewTotals(s, key);
  const firsts = [...totals.values()].map((t) => t.first).filter((v): v is string => !!v);
  const lasts = [...totals.values()].map((t) => t.last).filter((v): v is string => !!v);
  if (!firsts.length) return { granularity: "month" as const, buckets: [] };
  const first = firsts.reduce((a, b) => (a < b ? a : b));
  const last = lasts.reduce((a, b) => (a > b ? a : b));
  const granularity = chooseGranularity(first, last);
  let all = monthsBetween(first, last);
  if (granularity === "week") {
    all = weekStarts(first, last);
    key = weekKey(all);
    totals = await interviewTotals(s, key);
  }
  const latency = await latencyPercentiles(s, key);
  const buckets = all.map((bucket) => ({
    bucket,
    totals: (totals.get(bucket) as InterviewTotals | undefined) ?? ZERO_TOTALS,
    latency: latency.get(bucket) ?? { n: 0, median: null, p90: null },
  }));
  return { granularity, buckets };
}

/** The same figures for each value of one breakdown dimension. */
export async function loadBreakdown(scope: AnalyticsScope, dimension: BreakdownDimension): Promise<Map<string, GroupFigures>> {
  const s: Scope = { db: getDb(), scope };
  const key = DIMENSION_KEYS[dimension];
  const [totals, latency, applications] = [await interviewTotals(s, key), await latencyPercentiles(s, key), await applicationCube(s, key, false)];
  const result = new Map<string, GroupFigures>();
  for (const [k, t] of totals) {
    result.set(k, { totals: t, latency: latency.get(k) ?? { n: 0, median: null, p90: null }, applications: applications.get(k) ?? [] });
  }
  return result;
}

export type FilterOption = { value: string; label: string };

/** What the filters may offer: only values inside what the viewer may see. */
export async function listFilterOptions(viewer: Viewer) {
  const db = getDb();
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

  const visibleInterviews = db
    .selectFrom("interviews as i")
    .innerJoin("applications as a", "a.id", "i.application_id")
    .where("i.organization_id", "=", viewer.organization_id)
    .where("a.position_id", "in", visiblePositionIds(db, viewer));
  const interviewers = await visibleInterviews.select("i.interviewer_name as v").distinct().orderBy("v").execute();
  const rounds = await visibleInterviews.select("i.round as v").distinct().orderBy("v").execute();
  const recruiters = await db
    .selectFrom("users as u")
    .select(["u.id", "u.name"])
    .where("u.organization_id", "=", viewer.organization_id)
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom("applications as a")
          .select("a.id")
          .whereRef("a.recruiter_id", "=", "u.id")
          .where("a.position_id", "in", visiblePositionIds(db, viewer)),
      ),
    )
    .orderBy("u.name")
    .execute();

  return {
    clients: [...clients.entries()].map(([value, label]) => ({ value: String(value), label })).sort((a, b) => a.label.localeCompare(b.label)),
    positions: positions.map((p) => ({ value: String(p.id), label: p.title, clientId: String(p.client_id), clientName: p.client_name })),
    interviewers: interviewers.map((r) => ({ value: r.v, label: r.v })),
    rounds: rounds.map((r) => ({ value: String(r.v), label: `Round ${r.v}` })),
    recruiters: recruiters.map((r) => ({ value: String(r.id), label: r.name })),
  };
}

// ---------------------------------------------------------------------------------------------------
// The whole dashboard

export type DashboardSettings = {
  /** Window thresholds in minutes (organization settings). */
  windows: { best: number; ideal: number; acceptable: number; late: number };
  /** Rubric weights: each part's maximum points. */
  weights: Record<PartKey, number>;
};

export type BreakdownRow = {
  key: string;
  label: string;
  interviews: number;
  decided: number;
  followUpRate: number | null;
  medianLatency: number | null;
  p90Latency: number | null;
  meanScore: number | null;
  decidedApplications: number;
  pending: number;
  offerRateFollowed: number | null;
  /** Decided applications that followed up (always or sometimes): the offer rate's denominator. */
  followedDecided: number;
  offerRateNever: number | null;
  neverDecided: number;
  difference: number | null;
};

export async function loadDashboard(viewer: Viewer, params: DashboardParams, settings: DashboardSettings, now = new Date()) {
  const scope: AnalyticsScope = { viewer, filters: params.filters, now: now.toISOString() };
  const options = await listFilterOptions(viewer);
  const figures = await loadDashboardFigures(scope);
  const headline = summarizeGroup({ totals: figures.totals, latency: figures.latency, applications: figures.applications });

  const decided = figures.totals.decided;
  const windows = (["best", "ideal", "acceptable", "late", "none"] as const).map((w) => {
    const c = figures.windows.get(w);
    return { window: w, label: WINDOW_LABELS[w], interviews: c?.interviews ?? 0, received: c?.received ?? 0, share: decided ? (c?.interviews ?? 0) / decided : null };
  });
  const lastHour = Math.ceil(settings.windows.late / 60);

  const parts = PART_KEYS.map((key) => ({
    key,
    label: PART_LABELS[key],
    max: settings.weights[key],
    offer: figures.parts.find((p) => p.result === "offer")?.means[key] ?? null,
    noOffer: figures.parts.find((p) => p.result === "no_offer")?.means[key] ?? null,
  }));

  const trend = await loadTrend(scope);

  const groups = await loadBreakdown(scope, params.by);
  const labels = breakdownLabels(params.by, options);
  const rows: BreakdownRow[] = [...groups.entries()].map(([key, g]) => {
    const s = summarizeGroup(g);
    return {
      key,
      label: labels(key),
      interviews: s.interviews,
      decided: g.totals.decided,
      followUpRate: s.followUpRate.rate,
      medianLatency: s.latency.median,
      p90Latency: s.latency.p90,
      meanScore: s.meanScore,
      decidedApplications: s.applications.decided,
      pending: s.applications.pending,
      offerRateFollowed: s.offers.followed.rate,
      followedDecided: s.offers.followed.n,
      offerRateNever: s.offers.never.rate,
      neverDecided: s.offers.never.n,
      difference: s.offers.followed.rate !== null && s.offers.never.rate !== null ? s.offers.followed.rate - s.offers.never.rate : null,
    };
  });
  const sorted = sortRows(rows, params.sort, params.dir);
  const start = (params.page - 1) * params.pageSize;

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
    breakdown: { rows: sorted.slice(start, start + params.pageSize), total: sorted.length },
  };
}

function breakdownLabels(dimension: BreakdownDimension, options: Awaited<ReturnType<typeof listFilterOptions>>): (key: string) => string {
  const find = (list: { value: string; label: string }[]) => (key: string) => list.find((o) => o.value === key)?.label;
  switch (dimension) {
    case "client":
      return (key) => find(options.clients)(key) ?? `Client ${key}`;
    case "position":
      return (key) => {
        const p = options.positions.find((o) => o.value === key);
        return p ? (options.clients.length > 1 ? `${p.label} (${p.clientName})` : p.label) : `Position ${key}`;
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
  // Label order for rounds is numeric ("Round 2" before "Round 10").
  const sign = dir === "asc" ? 1 : -1;
  return [...rows].sort((a, b) => {
    const x = a[sort];
    const y = b[sort];
    // Empty values last, whichever the direction.
    if (x === null && y === null) return a.label.localeCompare(b.label);
    if (x === null) return 1;
    if (y === null) return -1;
    const order = typeof x === "string" && typeof y === "string" ? x.localeCompare(y, "en", { numeric: true }) : (x as number) - (y as number);
    return order * sign || a.label.localeCompare(b.label, "en", { numeric: true });
  });
}

// The dashboard's definitions: its URL parameters, its groups and bands, and how a comparison is
// put into words. Pure; the SQL that counts lives in app/data/analytics.server.ts.
import { z } from "zod";
import { BEHAVIOUR_LABELS, BEHAVIOURS, type Behaviour } from "./behaviours";
import type { RubricPart } from "./rubric-parts";
import { compareProportions, wilsonInterval, type Interval, type ProportionComparison } from "./stats";
import { WINDOW_LABELS, WINDOWS } from "./windows";

/** Below this many decided applications (or interviews) a group gets "not enough data", not a bar. */
export const MIN_GROUP_SIZE = 10;

export const BREAKDOWN_DIMENSIONS = ["client", "position", "interviewer", "round", "recruiter"] as const;
export type BreakdownDimension = (typeof BREAKDOWN_DIMENSIONS)[number];
export const DIMENSION_LABELS: Record<BreakdownDimension, string> = {
  client: "Client",
  position: "Position",
  interviewer: "Interviewer",
  round: "Round",
  recruiter: "Recruiter",
};

export const BREAKDOWN_SORT_KEYS = [
  "label",
  "interviews",
  "followUpRate",
  "medianLatency",
  "p90Latency",
  "meanScore",
  "decidedApplications",
  "pending",
  "offerRateFollowed",
  "offerRateNever",
  "difference",
] as const;
export type BreakdownSortKey = (typeof BREAKDOWN_SORT_KEYS)[number];

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const isDate = (v: string) => {
  const d = new Date(`${v}T00:00:00.000Z`);
  return DATE.test(v) && !Number.isNaN(d.getTime()) && d.toISOString().startsWith(v);
};
const id = z.coerce
  .number()
  .int()
  .positive()
  .max(2 ** 31 - 1)
  .optional()
  .catch(undefined);
const day = z.string().trim().refine(isDate).optional().catch(undefined);

/** The filters every figure on the dashboard honours; anything malformed is dropped, never an error. */
export const AnalyticsFiltersSchema = z
  .object({
    client: id,
    position: id,
    interviewer: z.string().trim().min(1).max(200).optional().catch(undefined),
    round: z.coerce.number().int().min(1).max(100).optional().catch(undefined),
    recruiter: id,
    /** Interview end date, inclusive, UTC. */
    from: day,
    to: day,
  })
  .transform((f) => (f.from && f.to && f.from > f.to ? { ...f, from: f.to, to: f.from } : f));
export type AnalyticsFilters = z.output<typeof AnalyticsFiltersSchema>;
export const FILTER_KEYS = ["client", "position", "interviewer", "round", "recruiter", "from", "to"] as const;

export type DashboardParams = {
  filters: AnalyticsFilters;
  by: BreakdownDimension;
  sort: BreakdownSortKey;
  dir: "asc" | "desc";
  page: number;
  pageSize: number;
};

export function parseDashboardParams(searchParams: URLSearchParams): DashboardParams {
  const raw = (key: string) => searchParams.get(key) ?? undefined;
  const filters = AnalyticsFiltersSchema.parse(Object.fromEntries(FILTER_KEYS.map((k) => [k, raw(k)])));
  const view = z
    .object({
      by: z.enum(BREAKDOWN_DIMENSIONS).catch("client"),
      sort: z.enum(BREAKDOWN_SORT_KEYS).catch("interviews"),
      dir: z.enum(["asc", "desc"]).catch("desc"),
      page: z.coerce.number().int().min(1).max(100_000).catch(1),
    })
    .parse({ by: raw("by"), sort: raw("sort"), dir: raw("dir"), page: raw("page") });
  return { filters, ...view, pageSize: 25 };
}

/** True when any filter narrows the figures. */
export function hasFilters(filters: AnalyticsFilters): boolean {
  return FILTER_KEYS.some((k) => filters[k] !== undefined);
}

function nextDay(date: string): string {
  const d = new Date(`${date}T00:00:00.000Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString();
}

/** The date filter as a half-open range of ISO timestamps [from, to) that compares as text. */
export function endsAtRange(filters: AnalyticsFilters): { from?: string; before?: string } {
  return {
    from: filters.from ? `${filters.from}T00:00:00.000Z` : undefined,
    before: filters.to ? nextDay(filters.to) : undefined,
  };
}

// ---------------------------------------------------------------------------------------------------
// Groups and bands

/** Quality bands of a mean follow-up score, as ranges of score deciles (0 = 0–9 … 9 = 90–100). */
export const QUALITY_BANDS = [
  { key: "low", label: "0–39", deciles: [0, 1, 2, 3] },
  { key: "mid", label: "40–69", deciles: [4, 5, 6] },
  { key: "high", label: "70–100", deciles: [7, 8, 9] },
] as const;
export type QualityBand = (typeof QUALITY_BANDS)[number]["key"];
export const DECILE_LABELS = Array.from({ length: 10 }, (_, i) =>
  i === 9 ? "90–100" : `${i * 10}–${i * 10 + 9}`,
);

export type Rate = {
  successes: number;
  n: number;
  rate: number | null;
  interval: Interval | null;
  /** False below MIN_GROUP_SIZE: show "not enough data" rather than the rate. */
  enough: boolean;
};

export function rate(successes: number, n: number, minimum = MIN_GROUP_SIZE): Rate {
  return {
    successes,
    n,
    rate: n ? successes / n : null,
    interval: wilsonInterval(successes, n),
    enough: n >= minimum,
  };
}

/** Offer counts of one group of applications: decided ones split by result, and pending ones. */
export type OfferCounts = { offers: number; decided: number; pending: number };
export const NO_OFFERS: OfferCounts = { offers: 0, decided: 0, pending: 0 };
export function addOffers(a: OfferCounts, b: OfferCounts): OfferCounts {
  return { offers: a.offers + b.offers, decided: a.decided + b.decided, pending: a.pending + b.pending };
}

export type OfferComparison = {
  followed: Rate;
  never: Rate;
  comparison: ProportionComparison | null;
  /** Whether both groups are big enough to state the comparison. */
  enough: boolean;
  sentence: string;
};

export function compareOffers(followed: OfferCounts, never: OfferCounts): OfferComparison {
  const a = rate(followed.offers, followed.decided);
  const b = rate(never.offers, never.decided);
  const comparison = compareProportions(a.successes, a.n, b.successes, b.n);
  const enough = a.enough && b.enough && comparison !== null;
  return {
    followed: a,
    never: b,
    comparison,
    enough,
    sentence: describeOfferComparison(a, b, enough ? comparison : null),
  };
}

// ---------------------------------------------------------------------------------------------------
// Words and numbers

export function formatP(p: number): string {
  if (p < 0.001) return "p < 0.001";
  return `p = ${p < 0.01 ? p.toFixed(3) : p.toFixed(2)}`;
}

export function formatRatio(r: number): string {
  return `${r >= 10 ? r.toFixed(0) : r.toFixed(1)}×`;
}

const pct = (r: number) => `${Math.round(r * 100)}%`;

/** Percentage points, signed: "+12 pts". */
export function formatPoints(difference: number): string {
  const points = Math.round(difference * 100);
  return `${points > 0 ? "+" : points < 0 ? "−" : "±"}${Math.abs(points)} pts`;
}

/**
 * The comparison of offer rates in plain words, e.g. "Candidates who followed up got offers 2.1× as
 * often as those who did not (42% of 50 against 20% of 40); 95% interval 1.2× to 3.7×. Chance alone
 * would rarely give a gap this large (p = 0.004, two-proportion z-test)."
 */
export function describeOfferComparison(followed: Rate, never: Rate, c: ProportionComparison | null): string {
  if (!c || followed.rate === null || never.rate === null) {
    return `Not enough data to compare: each group needs at least ${MIN_GROUP_SIZE} decided applications (followed up: ${followed.n}, did not: ${never.n}).`;
  }
  const counts = `(${pct(followed.rate)} of ${followed.n} against ${pct(never.rate)} of ${never.n})`;
  let head: string;
  if (c.ratio === null) {
    head = `Candidates who followed up got offers ${counts}; those who did not got none, so no ratio can be given`;
  } else if (Math.abs(c.difference) < 0.005) {
    head = `Candidates who followed up got offers about as often as those who did not ${counts}`;
  } else {
    head = `Candidates who followed up got offers ${formatRatio(c.ratio)} as often as those who did not ${counts}`;
  }
  const interval = c.ratioInterval
    ? `95% interval for the ratio ${formatRatio(c.ratioInterval.lower)} to ${formatRatio(c.ratioInterval.upper)}`
    : `95% interval for the difference ${formatPoints(c.differenceInterval.lower)} to ${formatPoints(c.differenceInterval.upper)}`;
  return `${head}; ${interval}. ${describeChance(c)}.`;
}

/** Whether chance could explain a comparison's gap, with its test: the dashboard's and the report's words. */
export function describeChance(c: Pick<ProportionComparison, "method" | "p">): string {
  const test =
    c.method === "fisher" ? "Fisher's exact test, as some counts are small" : "two-proportion z-test";
  return c.p < 0.05
    ? `Chance alone would rarely give a gap this large (${formatP(c.p)}, ${test})`
    : `A gap this size could easily be chance (${formatP(c.p)}, ${test})`;
}

// ---------------------------------------------------------------------------------------------------
// Trend buckets

export type Granularity = "week" | "month";

/** Weeks while the span fits in half a year, months beyond. */
export function chooseGranularity(firstIso: string, lastIso: string): Granularity {
  const span = new Date(lastIso).getTime() - new Date(firstIso).getTime();
  return span <= 26 * 7 * 86_400_000 ? "week" : "month";
}

/** The Monday (UTC) that starts the week of an instant, as "yyyy-MM-dd". */
export function weekStart(iso: string): string {
  const d = new Date(iso);
  d.setUTCHours(0, 0, 0, 0);
  d.setUTCDate(d.getUTCDate() - ((d.getUTCDay() + 6) % 7));
  return d.toISOString().slice(0, 10);
}

/** Every week start from the first instant's week to the last's, inclusive. */
export function weekStarts(firstIso: string, lastIso: string): string[] {
  const weeks: string[] = [];
  const last = weekStart(lastIso);
  for (let w = weekStart(firstIso); w <= last;) {
    weeks.push(w);
    const d = new Date(`${w}T00:00:00.000Z`);
    d.setUTCDate(d.getUTCDate() + 7);
    w = d.toISOString().slice(0, 10);
  }
  return weeks;
}

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
/** "2026-11" → "Nov 2026"; "2026-11-23" → "23 Nov". */
export function bucketLabel(bucket: string): string {
  const [y, m, d] = bucket.split("-");
  return d ? `${Number(d)} ${MONTHS[Number(m) - 1]}` : `${MONTHS[Number(m) - 1]} ${y}`;
}

// ---------------------------------------------------------------------------------------------------
// Summaries of what SQL counted (small aggregated rows in, display figures out)

/** Interview counts and sums of one group, as SQL returns them. */
export type InterviewTotals = {
  interviews: number;
  /** Got a follow-up, or their last window closed. */
  decided: number;
  /** Got a follow-up inside a window other than "none". */
  followed: number;
  latencyCount: number;
  latencySum: number;
  scoreCount: number;
  scoreSum: number;
};

export type LatencySummary = { n: number; median: number | null; p90: number | null };

/** A count of applications with one combination of behaviour, result, fastest window and score decile. */
export type ApplicationCell = {
  behaviour: Behaviour | null;
  result: "offer" | "no_offer" | "pending";
  /** 1 best … 4 late, 5 none; null when no interview in scope is decided yet. */
  bestWindow: number | null;
  /** Decile of the mean follow-up score (0 = 0–9 … 9 = 90–100); null without a score. */
  decile: number | null;
  applications: number;
};

export type GroupFigures = {
  totals: InterviewTotals;
  latency: LatencySummary;
  applications: ApplicationCell[];
};

export type PartMeans = {
  result: "offer" | "no_offer";
  followUps: number;
  means: Record<RubricPart, number | null>;
};

export function offerCounts(
  cells: readonly ApplicationCell[],
  include: (cell: ApplicationCell) => boolean,
): OfferCounts {
  let counts = NO_OFFERS;
  for (const cell of cells) {
    if (!include(cell)) continue;
    const n = cell.applications;
    counts = addOffers(counts, {
      offers: cell.result === "offer" ? n : 0,
      decided: cell.result === "pending" ? 0 : n,
      pending: cell.result === "pending" ? n : 0,
    });
  }
  return counts;
}

export type OfferGroup = OfferCounts & { key: string; label: string; rate: Rate };

function offerGroup(key: string, label: string, counts: OfferCounts): OfferGroup {
  return { key, label, ...counts, rate: rate(counts.offers, counts.decided) };
}

/** The decided and offered applications that followed up (always or sometimes), and those that never did. */
function followedAndNever(cells: readonly ApplicationCell[]) {
  return {
    followed: offerCounts(cells, (c) => c.behaviour === "always" || c.behaviour === "sometimes"),
    never: offerCounts(cells, (c) => c.behaviour === "never"),
  };
}

/** Offer rate by behaviour, and the comparison of those who followed up (always or sometimes) with those who never did. */
export function offersByBehaviour(cells: readonly ApplicationCell[]) {
  const groups = BEHAVIOURS.map((b) =>
    offerGroup(
      b,
      BEHAVIOUR_LABELS[b],
      offerCounts(cells, (c) => c.behaviour === b),
    ),
  );
  const { followed, never } = followedAndNever(cells);
  return {
    groups,
    comparison: compareOffers(followed, never),
    /** Applications whose interviews in scope are all still inside their windows. */
    undecidedBehaviour: offerCounts(cells, (c) => c.behaviour === null),
  };
}

/** Offer rate by the fastest window an application's follow-ups reached. */
export function offersByWindow(cells: readonly ApplicationCell[]): OfferGroup[] {
  return WINDOWS.map((w, i) =>
    offerGroup(
      w,
      WINDOW_LABELS[w],
      offerCounts(cells, (c) => c.bestWindow === i + 1),
    ),
  );
}

/** Offer rate by quality band of the application's mean follow-up score. */
export function offersByQualityBand(cells: readonly ApplicationCell[]) {
  return {
    groups: QUALITY_BANDS.map((b) =>
      offerGroup(
        b.key,
        b.label,
        offerCounts(cells, (c) => c.decile !== null && (b.deciles as readonly number[]).includes(c.decile)),
      ),
    ),
    unscored: offerCounts(cells, (c) => c.decile === null),
  };
}

/** Decided applications by score decile, offered against not offered, each as a share of its group. */
export function scoreDistribution(cells: readonly ApplicationCell[]) {
  const count = (result: "offer" | "no_offer", decile: number) =>
    cells
      .filter((c) => c.result === result && c.decile === decile)
      .reduce((sum, c) => sum + c.applications, 0);
  const rows = DECILE_LABELS.map((label, decile) => ({
    label,
    offer: count("offer", decile),
    noOffer: count("no_offer", decile),
  }));
  const offerTotal = rows.reduce((s, r) => s + r.offer, 0);
  const noOfferTotal = rows.reduce((s, r) => s + r.noOffer, 0);
  return {
    offerTotal,
    noOfferTotal,
    rows: rows.map((r) => ({
      ...r,
      offerShare: offerTotal ? r.offer / offerTotal : null,
      noOfferShare: noOfferTotal ? r.noOffer / noOfferTotal : null,
    })),
  };
}

/**
 * The share of interviews followed up by hour t, for t = 0 … lastHour. The denominator is every
 * interview whose windows have closed, answered or not, so non-responders keep pulling it down.
 */
export function cumulativeCurve(hours: ReadonlyMap<number, number>, closed: number, lastHour: number) {
  const points: { hour: number; followed: number; share: number | null }[] = [];
  let running = 0;
  for (let h = 0; h <= lastHour; h++) {
    running += hours.get(h) ?? 0;
    points.push({ hour: h, followed: running, share: closed ? running / closed : null });
  }
  return { closed, points };
}

export function meanOf(sum: number, count: number): number | null {
  return count ? sum / count : null;
}

/** The headline's figures, with each rate's interval and the comparison of offer rates stated. */
export function summarizeGroup({ totals, latency, applications }: GroupFigures) {
  const offers = offersByBehaviour(applications);
  const all = offerCounts(applications, () => true);
  return {
    interviews: totals.interviews,
    awaiting: totals.interviews - totals.decided,
    followUpRate: rate(totals.followed, totals.decided),
    latency: { ...latency, mean: meanOf(totals.latencySum, totals.latencyCount) },
    meanScore: meanOf(totals.scoreSum, totals.scoreCount),
    scored: totals.scoreCount,
    applications: all,
    offers: offers.comparison,
  };
}
export type GroupSummary = ReturnType<typeof summarizeGroup>;

/**
 * A group's hour histogram as the database joins it, "hour:count,…" of non-negative integers in
 * whatever order its rows came: the hours ascending, with their counts. Read a character at a time:
 * 45,000 pairs a page split into strings were most of the breakdown's garbage on PostgreSQL.
 */
export function parseHourHistogram(text: string): { hours: number[]; counts: number[] } {
  const hours: number[] = [];
  const counts: number[] = [];
  let ordered = true;
  let hour = 0;
  let count = 0;
  let inCount = false;
  for (let i = 0; i <= text.length; i++) {
    const c = i < text.length ? text.charCodeAt(i) : 44; // a "," closes the last pair
    if (c === 58)
      inCount = true; // ":"
    else if (c === 44) {
      if (hours.length > 0 && hour < hours[hours.length - 1]) ordered = false;
      hours.push(hour);
      counts.push(count);
      hour = count = 0;
      inCount = false;
    } else if (inCount) count = count * 10 + c - 48;
    else hour = hour * 10 + c - 48;
  }
  if (ordered) return { hours, counts };
  const order = hours.map((_, i) => i).sort((a, b) => hours[a] - hours[b]);
  return { hours: order.map((i) => hours[i]), counts: order.map((i) => counts[i]) };
}

/** Where a value lies, when only that is known yet: at least lo, at most hi. */
export type Bounds = readonly [lo: number, hi: number];

/**
 * For a page of rows [start, end) of groups sorted by a value (ascending or descending; ties in
 * label order), where so far only bounds on each group's value are known: the groups that can fall
 * on the page, whose exact values are to be read, and how many lie wholly before it. Groups with no
 * value (not in `bounds`) sort after all of these and are the caller's.
 *
 * Descending is ascending over the values negated. With S the (start + 1)-th lowest lower bound,
 * fewer than start + 1 groups can hold a value below S, so a group whose upper bound is below S lies
 * before the page; with T the end-th lowest upper bound, at least `end` groups hold a value at most T,
 * so one whose lower bound is above T lies after it. The rest, read and sorted, take the positions from
 * `before` on: exact for every one that lands on the page (one below S lands before it, one above T
 * after it).
 */
export function groupsNearPage(
  bounds: ReadonlyMap<string, Bounds>,
  dir: "asc" | "desc",
  start: number,
  end: number,
): { before: number; near: string[] } {
  const spans = [...bounds].map(([key, [lo, hi]]) =>
    dir === "asc" ? { key, lo, hi } : { key, lo: -hi, hi: -lo },
  );
  const los = spans.map((s) => s.lo).sort((a, b) => a - b);
  const his = spans.map((s) => s.hi).sort((a, b) => a - b);
  const below = start < los.length ? los[start] : Infinity;
  const above = end <= his.length ? his[end - 1] : Infinity;
  let before = 0;
  const near: string[] = [];
  for (const s of spans) {
    if (s.hi < below) before++;
    else if (s.lo <= above) near.push(s.key);
  }
  return { before, near };
}

const ratio = (successes: number, n: number) => (n ? successes / n : null);

/**
 * A breakdown row's figures: the counts and rates its table shows and sorts by. No intervals, test or
 * sentence (summarizeGroup's): a breakdown by interviewer has thousands of groups, each summed here.
 */
export function groupRates({ totals, latency, applications }: GroupFigures) {
  const all = offerCounts(applications, () => true);
  const { followed, never } = followedAndNever(applications);
  const offerRateFollowed = ratio(followed.offers, followed.decided);
  const offerRateNever = ratio(never.offers, never.decided);
  return {
    interviews: totals.interviews,
    decided: totals.decided,
    followUpRate: ratio(totals.followed, totals.decided),
    medianLatency: latency.median,
    p90Latency: latency.p90,
    meanScore: meanOf(totals.scoreSum, totals.scoreCount),
    decidedApplications: all.decided,
    pending: all.pending,
    offerRateFollowed,
    /** Decided applications that followed up (always or sometimes): the offer rate's denominator. */
    followedDecided: followed.decided,
    offerRateNever,
    neverDecided: never.decided,
    difference:
      offerRateFollowed !== null && offerRateNever !== null ? offerRateFollowed - offerRateNever : null,
  };
}

/**
 * The percent axis of shares of a maximum, in steps of 25: 0–100%, reaching below 0 when a share is
 * negative (a rubric part that carries a cap's cut, such as a follow-up copied from another candidate).
 */
export function shareAxis(shares: (number | null)[]): { domain: [number, number]; ticks: number[] } {
  const lowest = Math.min(0, ...shares.filter((v): v is number => v !== null));
  const low = Math.floor(lowest / 25) * 25;
  const ticks: number[] = [];
  for (let t = low; t <= 100; t += 25) ticks.push(t);
  return { domain: [low, 100], ticks };
}

/** "35–67%" */
export function formatInterval(interval: Interval | null): string {
  if (!interval) return "—";
  return `${Math.round(interval.lower * 100)}–${Math.round(interval.upper * 100)}%`;
}

/** "6 of 12 (50%)" */
export function formatCount(successes: number, n: number): string {
  return n
    ? `${successes.toLocaleString("en")} of ${n.toLocaleString("en")} (${pct(successes / n)})`
    : "none";
}

/** Every month ("yyyy-MM") from the first instant's month to the last's, inclusive. */
export function monthsBetween(firstIso: string, lastIso: string): string[] {
  const months: string[] = [];
  let [y, m] = firstIso.slice(0, 7).split("-").map(Number);
  const last = lastIso.slice(0, 7);
  for (let key = firstIso.slice(0, 7); key <= last;) {
    months.push(key);
    m += 1;
    if (m > 12) [y, m] = [y + 1, 1];
    key = `${y}-${String(m).padStart(2, "0")}`;
  }
  return months;
}

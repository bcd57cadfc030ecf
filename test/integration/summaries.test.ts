// Summaries kept on write (issue 19): after random writes of every kind, through the app's own data
// functions (interviews and follow-ups logged, corrected and deleted, outcomes and stages, a change
// of weights and its rescore, the window sweep, an import, applications and candidates deleted, latencies
// marked "not applicable" and cleared again), the
// candidates' stored summaries equal a recount from the raw rows, and the candidates list reads them.
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { sql, type Kysely } from "kysely";
import type { Database } from "../../db/schema";
import { LogFollowUpSchema, LogInterviewSchema } from "../../app/core/schemas";
import { CANDIDATE_SORT_KEYS, listCandidates } from "../../app/data/candidates.server";
import {
  deleteFollowUp,
  deleteInterview,
  logFollowUp,
  logInterview,
  setLatencyExemption,
  updateInterview,
} from "../../app/data/interviews.server";
import { deleteApplication, moveStage, recordOutcome } from "../../app/data/applications.server";
import { deleteCandidate } from "../../app/data/candidate-writes.server";
import { rescoreOrganization } from "../../app/data/scoring.server";
import { sweepClosedWindows } from "../../app/data/window-sweep.server";
import { importRecords } from "../../app/intake/import-writer.server";
import {
  candidateCountDifferences,
  candidateSummaryDifferences,
  dashboardApplicationDifferences,
  dashboardCellDifferences,
  dashboardInterviewDifferences,
  dashboardInterviewerDifferences,
  dashboardSliceDifferences,
  dashboardSuffixDifferences,
  rebuildDashboardSuffixes,
  deferringSummaries,
  rebuildDashboardApplications,
  rebuildDashboardSlices,
  rebuildCandidateSummaries,
  rebuildDashboardInterviewers,
} from "../../app/data/summaries.server";
import { parseSettings } from "../../app/core/settings";
import {
  AnalyticsFiltersSchema,
  parseDashboardParams,
  type AnalyticsFilters,
  type BreakdownDimension,
} from "../../app/core/analytics";
import {
  applicationCubeFromCells,
  applicationCubeFromInterviews,
  cellPlan,
  computeFiguresFromInterviews,
  computeFiguresFromSummaries,
  loadDashboard,
} from "../../app/data/analytics.server";
import {
  createApplication,
  createClient,
  createFollowUp,
  createInterview,
  createPosition,
  createUser,
  createWorkspace,
  type Workspace,
} from "../factories";
import { freshDatabase } from "../helpers";
import { generateWorkspace } from "../../app/demo/generate-workspace.server";
import { recount as recount0033 } from "../../db/migrations/0033_exempt_summaries";
import { recount as recount0037 } from "../../db/migrations/0037_dashboard_slices";

let db: Kysely<Database>;
beforeAll(async () => {
  db = await freshDatabase();
});

const day = (d: number) => `2026-11-${String(d).padStart(2, "0")}`;

type Action =
  | { kind: "apply"; name: number; position: number }
  | { kind: "interview"; pick: number; day: number; round: number }
  | { kind: "followUp"; pick: number; hours: number }
  | { kind: "moveInterview"; pick: number; day: number }
  | { kind: "reround"; pick: number; round: number }
  | { kind: "deleteInterview"; pick: number }
  | { kind: "deleteFollowUp"; pick: number }
  | { kind: "outcome"; pick: number; outcome: "offer" | "rejected" | "pending" }
  | { kind: "stage"; pick: number }
  | { kind: "weights"; shift: number }
  | { kind: "sweep"; day: number }
  | { kind: "import"; name: number; day: number; followed: boolean }
  | { kind: "deleteApplication"; pick: number }
  | { kind: "deleteCandidate"; pick: number }
  | { kind: "raw"; pick: number; score: number }
  | { kind: "exempt"; pick: number; exempt: boolean };

const pick = fc.nat(1000);
const ACTION: fc.Arbitrary<Action> = fc.oneof(
  { arbitrary: fc.record({ kind: fc.constant("apply"), name: fc.nat(30), position: fc.nat(1) }), weight: 3 },
  {
    arbitrary: fc.record({
      kind: fc.constant("interview"),
      pick,
      day: fc.integer({ min: 2, max: 25 }),
      round: fc.integer({ min: 1, max: 3 }),
    }),
    weight: 4,
  },
  {
    arbitrary: fc.record({ kind: fc.constant("followUp"), pick, hours: fc.integer({ min: 1, max: 120 }) }),
    weight: 4,
  },
  {
    arbitrary: fc.record({ kind: fc.constant("moveInterview"), pick, day: fc.integer({ min: 2, max: 25 }) }),
    weight: 1,
  },
  { arbitrary: fc.record({ kind: fc.constant("deleteInterview"), pick }), weight: 1 },
  { arbitrary: fc.record({ kind: fc.constant("deleteFollowUp"), pick }), weight: 1 },
  {
    arbitrary: fc.record({
      kind: fc.constant("outcome"),
      pick,
      outcome: fc.constantFrom("offer" as const, "rejected" as const, "pending" as const),
    }),
    weight: 1,
  },
  { arbitrary: fc.record({ kind: fc.constant("stage"), pick }), weight: 1 },
  {
    arbitrary: fc.record({ kind: fc.constant("weights"), shift: fc.integer({ min: -5, max: 5 }) }),
    weight: 1,
  },
  { arbitrary: fc.record({ kind: fc.constant("sweep"), day: fc.integer({ min: 3, max: 30 }) }), weight: 1 },
  {
    arbitrary: fc.record({
      kind: fc.constant("import"),
      name: fc.nat(30),
      day: fc.integer({ min: 2, max: 25 }),
      followed: fc.boolean(),
    }),
    weight: 1,
  },
  { arbitrary: fc.record({ kind: fc.constant("deleteApplication"), pick }), weight: 1 },
  { arbitrary: fc.record({ kind: fc.constant("deleteCandidate"), pick }), weight: 1 },
  {
    arbitrary: fc.record({ kind: fc.constant("raw"), pick, score: fc.integer({ min: 0, max: 100 }) }),
    weight: 1,
  },
  // Mostly marked (an accommodation), sometimes cleared again.
  {
    arbitrary: fc.record({ kind: fc.constant("exempt"), pick, exempt: fc.boolean() }).map((a) => ({
      ...a,
      exempt: a.exempt || a.pick % 3 !== 0,
    })),
    weight: 4,
  },
);

async function ids(
  table: "applications" | "interviews" | "follow_ups" | "candidates",
  organizationId: number,
) {
  return (
    await db
      .selectFrom(table)
      .select("id")
      .where("organization_id", "=", organizationId)
      .orderBy("id")
      .execute()
  ).map((r) => r.id);
}
const nth = (list: number[], n: number) => (list.length ? list[n % list.length] : undefined);

async function run(org: Workspace, positions: number[], action: Action) {
  const viewer = org.user;
  const orgId = org.organizationId;
  switch (action.kind) {
    case "apply": {
      await createApplication(db, {
        position_id: positions[action.position],
        candidate: { name: `Candidate ${action.name}`, email: `c${action.name}@example.test` },
      }).catch(() => undefined); // the same candidate twice at a position is refused: fine
      return;
    }
    case "interview": {
      const application = nth(await ids("applications", orgId), action.pick);
      if (application === undefined) return;
      await logInterview(
        db,
        viewer,
        LogInterviewSchema.parse({
          applicationId: String(application),
          interviewerName: ["Priya Shah", "Marco Diaz"][action.round % 2],
          interviewerEmail: "",
          startsAt: `${day(action.day)}T10:00`,
          endsAt: `${day(action.day)}T11:00`,
          timeZone: "America/New_York",
          format: "video",
          round: String(action.round),
          notes: "We discussed the Q3 pipeline review and the Salesforce migration.",
        }),
      );
      return;
    }
    case "followUp": {
      const interview = nth(await ids("interviews", orgId), action.pick);
      if (interview === undefined) return;
      const row = await db
        .selectFrom("interviews")
        .select("ends_at")
        .where("id", "=", interview)
        .executeTakeFirstOrThrow();
      const received = new Date(Date.parse(row.ends_at) + action.hours * 3_600_000);
      // A wall-clock time in New York (UTC-5 in November).
      const local = new Date(received.getTime() - 5 * 3_600_000).toISOString().slice(0, 16);
      await logFollowUp(
        db,
        viewer,
        LogFollowUpSchema.parse({
          interviewId: String(interview),
          receivedAt: local,
          channel: "email",
          body: `Thank you for the conversation about the Q3 pipeline (${action.hours}).`,
        }),
        Date.parse("2026-12-31T00:00:00.000Z"),
      );
      return;
    }
    case "moveInterview": {
      const interview = nth(await ids("interviews", orgId), action.pick);
      if (interview === undefined) return;
      const row = await db
        .selectFrom("interviews")
        .select("application_id")
        .where("id", "=", interview)
        .executeTakeFirstOrThrow();
      const { applicationId: _, ...input } = LogInterviewSchema.parse({
        applicationId: String(row.application_id),
        interviewerName: "Priya Shah",
        interviewerEmail: "",
        startsAt: `${day(action.day)}T08:00`,
        endsAt: `${day(action.day)}T09:00`,
        timeZone: "America/New_York",
        format: "video",
        round: "1",
        notes: "Moved.",
      });
      await updateInterview(db, viewer, interview, input);
      return;
    }
    case "reround": {
      // Another round and interviewer written straight to the row (as a script or a correction would).
      const interview = nth(await ids("interviews", orgId), action.pick);
      if (interview === undefined) return;
      await db
        .updateTable("interviews")
        .set({ round: action.round, interviewer_name: `Interviewer ${action.round}` })
        .where("id", "=", interview)
        .execute();
      return;
    }
    case "deleteInterview": {
      const interview = nth(await ids("interviews", orgId), action.pick);
      if (interview !== undefined) await deleteInterview(db, viewer, interview);
      return;
    }
    case "deleteFollowUp": {
      const followUp = nth(await ids("follow_ups", orgId), action.pick);
      if (followUp !== undefined) await deleteFollowUp(db, viewer, followUp);
      return;
    }
    case "outcome": {
      const application = nth(await ids("applications", orgId), action.pick);
      if (application === undefined) return;
      await recordOutcome(db, viewer, application, {
        outcome: action.outcome,
        outcomeOn: action.outcome === "pending" ? null : "2026-11-28",
        reason: null,
      });
      return;
    }
    case "stage": {
      const application = nth(await ids("applications", orgId), action.pick);
      if (application !== undefined) await moveStage(db, viewer, application, "interview");
      return;
    }
    case "weights": {
      const row = await db
        .selectFrom("organizations")
        .select("settings")
        .where("id", "=", orgId)
        .executeTakeFirstOrThrow();
      const settings = parseSettings(row.settings);
      const weights = {
        ...settings.weights,
        timing: settings.weights.timing + action.shift,
        specificity: settings.weights.specificity - action.shift,
      };
      await db
        .updateTable("organizations")
        .set({ settings: JSON.stringify({ ...settings, weights }) })
        .where("id", "=", orgId)
        .execute();
      await rescoreOrganization(db, orgId, undefined, { now: new Date("2026-11-20T00:00:00.000Z") });
      return;
    }
    case "sweep": {
      const mark = await db
        .selectFrom("organizations")
        .select("windows_swept_until")
        .where("id", "=", orgId)
        .executeTakeFirstOrThrow();
      const at = new Date(`${day(action.day)}T12:00:00.000Z`);
      // The sweep only moves forward; the test's organization was rescored as of 20 November.
      if (mark.windows_swept_until && mark.windows_swept_until < at.toISOString())
        await sweepClosedWindows(db, at);
      return;
    }
    case "import": {
      await importRecords(
        db,
        viewer,
        [
          {
            row: 2,
            candidate: {
              name: `Imported ${action.name}`,
              email: `i${action.name}@example.test`,
              phone: null,
              source: "import",
            },
            client: null,
            position: "Imported role",
            stage: null,
            outcome: null,
            interview: {
              startsAt: `${day(action.day)}T14:00:00.000Z`,
              endsAt: `${day(action.day)}T15:00:00.000Z`,
              timeZone: "UTC",
              interviewerName: "Sarah Chen",
              interviewerEmail: null,
              format: "video",
              round: null,
              notes: "Imported interview about territory planning.",
            },
            followUp: action.followed
              ? {
                  receivedAt: `${day(action.day)}T18:00:00.000Z`,
                  channel: "email",
                  subject: "Thanks",
                  body: "Thank you for the conversation about territory planning.",
                }
              : null,
          },
        ],
        org.clientId,
      );
      return;
    }
    case "deleteApplication": {
      const application = nth(await ids("applications", orgId), action.pick);
      if (application !== undefined) await deleteApplication(db, viewer, application);
      return;
    }
    case "deleteCandidate": {
      const candidate = nth(await ids("candidates", orgId), action.pick);
      if (candidate !== undefined) await deleteCandidate(db, viewer, candidate);
      return;
    }
    case "exempt": {
      const interview = nth(await ids("interviews", orgId), action.pick);
      if (interview === undefined) return;
      const result = await setLatencyExemption(db, viewer, interview, action.exempt ? "Accommodation" : null);
      expect(result.ok).toBe(true);
      return;
    }
    case "raw": {
      // A write that bypasses the data functions (as tests and scripts do) is summarized too.
      const application = nth(await ids("applications", orgId), action.pick);
      if (application === undefined) return;
      await db
        .updateTable("applications")
        .set({ best_score: action.score, followed_up_count: 1, decided_interview_count: 2 })
        .where("id", "=", application)
        .execute();
      return;
    }
  }
}

/** A cube with its cells in one order and its sums rounded past what summing in another order changes. */
function normalized(cube: Awaited<ReturnType<typeof applicationCubeFromCells>>) {
  const round = (value: unknown): unknown =>
    typeof value === "number"
      ? Math.round(value * 1e6) / 1e6
      : value && typeof value === "object"
        ? Object.fromEntries(Object.entries(value).map(([k, v]) => [k, round(v)]))
        : value;
  const group = (g: (typeof cube)["all"], parts = true) => ({
    cells: g.cells.map((c) => JSON.stringify(c)).sort(),
    totals: round(g.totals),
    scores: round(parts ? g.scores : { scoreSum: g.scores.scoreSum, scoreCount: g.scores.scoreCount }),
  });
  // A breakdown row draws no rubric parts: the cells keep none per key, the raw path sums them for
  // keys of the application (client, position, recruiter) and not for others. Left out of the check.
  return {
    all: group(cube.all),
    byKey: [...cube.byKey.entries()]
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([k, g]) => [k, group(g, false)]),
  };
}

/** A new organization with a second position, rescored as of 20 November, after the writes. */
async function organizationAfter(actions: Action[]) {
  const org = await createWorkspace(db, { role: "admin" });
  const second = await createPosition(db, { organization_id: org.organizationId, client_id: org.clientId });
  await rescoreOrganization(db, org.organizationId, undefined, { now: new Date("2026-11-20T00:00:00.000Z") });
  for (const action of actions) await run(org, [org.positionId, second.id], action);
  return org;
}

/** The organization's sweep mark. */
async function markOf(org: Workspace) {
  const { windows_swept_until: mark } = await db
    .selectFrom("organizations")
    .select("windows_swept_until")
    .where("id", "=", org.organizationId)
    .executeTakeFirstOrThrow();
  return mark;
}

/** How many non-empty cubes sameCubes compared, so that the property cannot pass on empty ones. */
let comparedCubes = 0;

/** The dashboard's application figures from the cells equal those counted from the interviews, as of the mark. */
async function sameCubes(org: Workspace) {
  const mark = await markOf(org);
  if (mark === null) return;
  const scopes: [AnalyticsFilters, BreakdownDimension][] = [
    [{}, "client"],
    [{}, "position"],
    [{}, "recruiter"],
    [{ client: org.clientId }, "client"],
    [{ client: org.clientId }, "position"],
    [{ client: org.clientId }, "recruiter"],
    // The round slices (migration 0037).
    [{ round: 1 }, "client"],
    [{ round: 2 }, "client"],
    [{ round: 1 }, "round"],
    [{}, "round"],
    [{}, "interviewer"],
  ];
  for (const [filters, by] of scopes) {
    const plan = cellPlan(org.user, filters, by);
    expect(plan).not.toBeNull();
    const cells = await applicationCubeFromCells(db, org.organizationId, plan!);
    const raw = await applicationCubeFromInterviews(db, { viewer: org.user, filters, now: mark }, by);
    expect(normalized(cells), JSON.stringify([filters, by])).toEqual(normalized(raw));
    if (raw.all.cells.length > 0 && raw.byKey.size > 0) comparedCubes++;
  }
}

/** Figures as plain data: Maps as sorted entries, cells sorted, sums rounded past summing order. */
function plainFigures(figures: unknown): unknown {
  const plain = (value: unknown): unknown => {
    if (typeof value === "number") return Math.round(value * 1e6) / 1e6;
    if (value instanceof Map)
      return [...value.entries()]
        .map(([k, v]) => [String(k), plain(v)] as const)
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    if (Array.isArray(value)) {
      const items = value.map(plain);
      // Application cells come in the order of their SQL: compare them as a set.
      return items.every((v) => v && typeof v === "object" && "applications" in (v as object))
        ? items.map((v) => JSON.stringify(v)).sort()
        : items;
    }
    if (value && typeof value === "object")
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, plain(v)]));
    return value;
  };
  return plain(figures);
}

/**
 * The figures with every breakdown group's percentiles, those read apart for a page's groups
 * (breakdownLatency) too; each third group read by name must give the same.
 */
async function withEveryLatency(figures: Awaited<ReturnType<typeof computeFiguresFromSummaries>>) {
  if (!figures?.breakdownLatency) return figures;
  const all = await figures.breakdownLatency.read(null);
  const some = [...figures.breakdown.keys()].filter((_, i) => i % 3 === 0);
  const named = await figures.breakdownLatency.read(some);
  expect(named).toEqual(new Map(some.filter((k) => all.has(k)).map((k) => [k, all.get(k)])));
  // Each group's bounds, from its histogram alone, hold its exact percentiles.
  for (const percentile of ["median", "p90"] as const) {
    const { bounds, read } = await figures.breakdownLatency.bounds(percentile);
    expect([...bounds.keys()].sort()).toEqual([...all.keys()].sort());
    expect(await read(some)).toEqual(named);
    for (const [k, [lo, hi]] of bounds) {
      const value = all.get(k)![percentile]!;
      expect(lo <= value && value <= hi, `${k}: ${percentile} ${value} within [${lo}, ${hi}]`).toBe(true);
    }
  }
  const breakdown = new Map(
    [...figures.breakdown].map(([k, g]) => [
      k,
      { ...g, latency: all.get(k) ?? { n: 0, median: null, p90: null } },
    ]),
  );
  return { ...figures, breakdown, breakdownLatency: null };
}

/** How many scopes sameFigures compared with interviews in them. */
let comparedFigures = 0;
/** How many date ranges sameFigures compared that cut an application's interviews in two. */
let comparedCuts = 0;

/** Date ranges (interviews end on days 2–25): cutting applications, one day, empty, open at one end. */
const RANGES: AnalyticsFilters[] = [
  { from: day(10), to: day(16) },
  { from: day(12), to: day(12) },
  { from: "2026-12-10", to: "2026-12-20" },
  { from: day(14) },
  { to: day(8) },
];
/** How many round-filter scopes sameFigures compared with interviews and latencies in them. */
let comparedRounds = 0;
/** Whether an application of the organization has interviews of more than one round. */
async function hasMixedRounds(org: Workspace) {
  const mixed = await db
    .selectFrom("interviews")
    .select("application_id")
    .where("organization_id", "=", org.organizationId)
    .groupBy("application_id")
    .having((eb) => eb.fn.count("round").distinct(), ">", 1)
    .executeTakeFirst();
  return mixed !== undefined;
}

/** How many organizations were compared with an interview marked "not applicable" in them (2 of 12 at seed 19). */
let comparedExempt = 0;

/** Every dashboard figure from the summaries equals the one counted from the interviews, whatever `now`. */
async function sameFigures(org: Workspace) {
  const mark = await markOf(org);
  if (mark === null) return;
  const scopes: [AnalyticsFilters, BreakdownDimension][] = [
    [{}, "client"],
    [{}, "position"],
    [{}, "recruiter"],
    [{ client: org.clientId }, "client"],
    [{ client: org.clientId }, "recruiter"],
    [{ client: org.clientId }, "position"],
    [{ recruiter: org.user.id }, "client"],
    [{ recruiter: org.user.id }, "recruiter"],
    // The round slices (migration 0037): each application over its interviews of the round.
    [{ round: 1 }, "client"],
    [{ round: 2 }, "client"],
    [{ round: 3 }, "round"],
    [{}, "round"],
    [{ round: 1 }, "round"],
    [{}, "interviewer"],
    ...RANGES.map((range, i): [AnalyticsFilters, BreakdownDimension] => [
      range,
      (["client", "position", "recruiter"] as const)[i % 3],
    ]),
    [{ ...RANGES[0], client: org.clientId }, "position"],
    [{ ...RANGES[0], recruiter: org.user.id }, "recruiter"],
    [{ ...RANGES[3], client: org.clientId }, "recruiter"],
  ];
  // And ranges that cut an application of this organization in two: from its last interview's day,
  // to its first's, and its first day alone.
  const cut = await applicationSpans(org).then((spans) => spans.find((s) => s.first < s.last));
  if (cut) {
    scopes.push(
      [{ from: cut.last }, "client"],
      [{ to: cut.first, client: org.clientId }, "position"],
      [{ from: cut.first, to: cut.first }, "recruiter"],
    );
  }
  const nows = [mark, "2026-11-18T00:00:00.000Z", "2026-11-24T06:00:00.000Z", "2026-12-31T00:00:00.000Z"];
  for (const now of nows) {
    for (const [filters, by] of scopes) {
      const scope = { viewer: org.user, filters, now };
      const summaries = await computeFiguresFromSummaries(db, scope, by);
      expect(summaries, JSON.stringify([filters, by, now])).not.toBeNull();
      const raw = await computeFiguresFromInterviews(db, scope, by);
      expect(plainFigures(await withEveryLatency(summaries)), JSON.stringify([filters, by, now])).toEqual(
        plainFigures(raw),
      );
      if (raw.totals.interviews > 0 && raw.latency.n > 0) comparedFigures++;
      if (filters.round !== undefined && raw.totals.interviews > 0 && raw.latency.n > 0) comparedRounds++;
      if (now === mark && (await cutsAnApplication(org, filters))) comparedCuts++;
    }
  }
}

/** Every stored summary of the organization equals a recount from the raw rows. */
async function expectNoDifferences(organizationId: number) {
  expect(await candidateSummaryDifferences(db, organizationId)).toEqual([]);
  expect(await candidateCountDifferences(db, organizationId)).toEqual([]);
  expect(await dashboardInterviewerDifferences(db, organizationId)).toEqual([]);
  expect(await dashboardApplicationDifferences(db, organizationId)).toEqual([]);
  expect(await dashboardCellDifferences(db, organizationId)).toEqual([]);
  expect(await dashboardInterviewDifferences(db, organizationId)).toEqual([]);
  expect(await dashboardSliceDifferences(db, organizationId)).toEqual([]);
  expect(await dashboardSuffixDifferences(db, organizationId)).toEqual([]);
}

/** The first and last UTC day of each application's interviews. */
async function applicationSpans(org: Workspace) {
  const spans = await db
    .selectFrom("interviews")
    .select((eb) => [eb.fn.min("ends_at").as("first"), eb.fn.max("ends_at").as("last")])
    .where("organization_id", "=", org.organizationId)
    .groupBy("application_id")
    .execute();
  return spans.map((s) => ({ first: String(s.first).slice(0, 10), last: String(s.last).slice(0, 10) }));
}

/** Whether a date range holds some, not all, of an application's interviews. */
async function cutsAnApplication(org: Workspace, { from, to }: AnalyticsFilters) {
  if (from === undefined && to === undefined) return false;
  const inRange = (day: string) => (from === undefined || day >= from) && (to === undefined || day <= to);
  return (await applicationSpans(org)).some((s) => inRange(s.first) !== inRange(s.last));
}

describe("the candidates' stored summaries", () => {
  it("equal a recount from the raw rows after random writes of every kind", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(ACTION, { minLength: 5, maxLength: 25 }), async (actions) => {
        const org = await organizationAfter(actions);
        await expectNoDifferences(org.organizationId);
        await sameCubes(org);
        await sameFigures(org);
        const exempt = await db
          .selectFrom("interviews")
          .select("id")
          .where("organization_id", "=", org.organizationId)
          .where("latency_exempt_reason", "is not", null)
          .executeTakeFirst();
        if (exempt) comparedExempt++;

        // The list reads them: every sort gives the rows a recount would, nulls last both ways.
        for (const sort of CANDIDATE_SORT_KEYS) {
          for (const dir of ["asc", "desc"] as const) {
            const page = await listCandidates(db, org.user, { sort, dir, page: 1, pageSize: 100, q: "" });
            expect(page.total).toBe(page.rows.length); // the stored count (0040), under a page here
            const values = page.rows.map((r) => (r as Record<string, unknown>)[sort] ?? null);
            const present = values.filter((v) => v !== null);
            expect(values.slice(0, present.length)).toEqual(present);
            // Text columns other than timestamps follow the database's collation: only their nulls are checked.
            if (sort === "name" || sort === "email" || sort === "source") continue;
            const sorted = [...present].sort((a, b) =>
              typeof a === "number" && typeof b === "number" ? a - b : String(a) < String(b) ? -1 : 1,
            );
            if (dir === "desc") sorted.reverse();
            expect(present).toEqual(sorted);
          }
        }
      }),
      { numRuns: 12, seed: 19 },
    );
    expect(comparedCubes).toBeGreaterThan(12);
    expect(comparedFigures).toBeGreaterThan(12);
    expect(comparedCuts).toBeGreaterThanOrEqual(6);
    expect(comparedExempt).toBeGreaterThanOrEqual(2);
    expect(comparedRounds).toBeGreaterThanOrEqual(6);
    // The writes did write: summaries with a rate, a score and a last interview exist.
    const written = await db
      .selectFrom("candidates")
      .select((eb) => [
        eb.fn.count("summary_follow_up_rate").as("rates"),
        eb.fn.count("summary_best_score").as("scores"),
        eb.fn.count("summary_last_interview").as("interviews"),
      ])
      .executeTakeFirstOrThrow();
    expect(Number(written.rates)).toBeGreaterThan(0);
    expect(Number(written.scores)).toBeGreaterThan(0);
    expect(Number(written.interviews)).toBeGreaterThan(0);
  }, 240_000);

  it("give the raw path's figures for a round and by interviewer, however an application's interviews spread over them", async () => {
    const round = fc.integer({ min: 1, max: 3 });
    // A few applications, each with interviews of several rounds and interviewers (two names, by the
    // round's parity) and some follow-ups first; then anything, with rounds and interviewers changed by
    // an edit (moveInterview: round 1, Priya Shah) or written straight to the row (reround).
    const first = fc.tuple(
      fc.array(fc.record({ kind: fc.constant("apply" as const), name: fc.nat(30), position: fc.nat(1) }), {
        minLength: 2,
        maxLength: 4,
      }),
      fc.array(
        fc.record({
          kind: fc.constant("interview" as const),
          pick,
          day: fc.integer({ min: 2, max: 25 }),
          round,
        }),
        { minLength: 6, maxLength: 12 },
      ),
      fc.array(
        fc.record({ kind: fc.constant("followUp" as const), pick, hours: fc.integer({ min: 1, max: 120 }) }),
        { minLength: 3, maxLength: 8 },
      ),
    );
    const edits = fc.array(
      fc.oneof(
        fc.record({ kind: fc.constant("reround" as const), pick, round }),
        fc.record({
          kind: fc.constant("moveInterview" as const),
          pick,
          day: fc.integer({ min: 2, max: 25 }),
        }),
      ),
      { minLength: 1, maxLength: 3 },
    );
    let mixed = 0;
    let compared = 0;
    await fc.assert(
      fc.asyncProperty(first, fc.array(ACTION, { maxLength: 12 }), edits, async (start, then, edit) => {
        const org = await organizationAfter([...start.flat(), ...then, ...edit]);
        expect(await dashboardSliceDifferences(db, org.organizationId)).toEqual([]);
        expect(await dashboardInterviewDifferences(db, org.organizationId)).toEqual([]);
        const mark = await markOf(org);
        if (mark === null) return;
        if (await hasMixedRounds(org)) mixed++;
        const scopes: [AnalyticsFilters, BreakdownDimension][] = [
          [{ round: 1 }, "client"],
          [{ round: 1 }, "round"],
          [{ round: 2 }, "client"],
          [{ round: 2 }, "round"],
          [{ round: 3 }, "client"],
          [{}, "interviewer"],
        ];
        for (const now of [mark, "2026-11-24T06:00:00.000Z"]) {
          for (const [filters, by] of scopes) {
            const scope = { viewer: org.user, filters, now };
            const summaries = await computeFiguresFromSummaries(db, scope, by);
            expect(summaries, JSON.stringify([filters, by, now])).not.toBeNull();
            const raw = await computeFiguresFromInterviews(db, scope, by);
            expect(
              plainFigures(await withEveryLatency(summaries)),
              JSON.stringify([filters, by, now]),
            ).toEqual(plainFigures(raw));
            if (raw.totals.interviews > 0 && raw.latency.n > 0) compared++;
          }
        }
      }),
      { numRuns: 12, seed: 29 },
    );
    expect(compared).toBeGreaterThan(24);
    expect(mixed).toBeGreaterThanOrEqual(6);
  }, 240_000);

  it("give the raw path's percentiles by interviewer when they take several statements to read", async () => {
    // 150 interviewers with five followed-up interviews each, an hour apart in latency: each one's
    // median and 90th percentile sit in three hours (ranks 3, 4, 5), 450 reads, more than one statement
    // holds. The interviewers start at different hours, so a page sorted by a percentile has groups
    // wholly before and after it.
    const org = await createWorkspace(db, { role: "admin" });
    for (let i = 0; i < 150; i++) {
      const application = await createApplication(db, { position_id: org.positionId });
      for (let k = 0; k < 5; k++) {
        const ends = Date.parse(`${day(2 + k)}T15:00:00.000Z`);
        const interview = await createInterview(db, {
          application_id: application.id,
          interviewer_name: `Interviewer ${i}`,
          ends_at: new Date(ends).toISOString(),
        });
        const hours = 1 + ((i * 7) % 140) + k;
        await createFollowUp(db, {
          interview_id: interview.id,
          received_at: new Date(ends + hours * 3_600_000 + i * 1000).toISOString(),
        });
      }
    }
    const now = "2026-11-26T12:00:00.000Z";
    await rescoreOrganization(db, org.organizationId, undefined, { now: new Date(now) });
    expect(await markOf(org)).toBe(now);
    const scope = { viewer: org.user, filters: {}, now };
    const summaries = await computeFiguresFromSummaries(db, scope, "interviewer");
    const raw = await computeFiguresFromInterviews(db, scope, "interviewer");
    expect(raw.breakdown.size).toBe(150);
    for (const figures of raw.breakdown.values()) expect(figures.latency.n).toBe(5);
    expect(plainFigures(await withEveryLatency(summaries))).toEqual(plainFigures(raw));
    // More names than a statement binds (a CSV of every row at any size) are read as all.
    const fillers = Array.from({ length: 70_000 }, (_, i) => `Nobody ${i}`);
    expect(await summaries!.breakdownLatency!.read([...raw.breakdown.keys(), ...fillers])).toEqual(
      await summaries!.breakdownLatency!.read(null),
    );

    // Sorted by a percentile, a page reads only the groups its bounds say can fall on it: each page
    // as the raw path gives it, sorting every group by its exact value (the summaries unswept).
    const settings = parseSettings(null);
    const pages = () =>
      Promise.all(
        [
          "sort=medianLatency",
          "sort=medianLatency&dir=desc&page=3",
          "sort=p90Latency&page=6",
          "sort=p90Latency&dir=desc&page=2",
          "sort=medianLatency&page=7",
        ].map(async (query) => {
          const params = parseDashboardParams(new URLSearchParams(`by=interviewer&${query}`));
          const page = await loadDashboard(db, org.user, params, settings, new Date(now));
          return page.breakdown;
        }),
      );
    const fromSummaries = await pages();
    expect(fromSummaries.map((b) => b.rows.length)).toEqual([25, 25, 25, 25, 0]);
    await db
      .updateTable("organizations")
      .set({ windows_swept_until: null })
      .where("id", "=", org.organizationId)
      .execute();
    expect(fromSummaries).toEqual(await pages());
  }, 120_000);

  it("give the raw path's percentiles for a recruiter's clients and a client's recruiters", async () => {
    // Three clients and three recruiters (and none), each pair with its own latencies: a client's
    // percentiles within a recruiter differ from the client's over the organization.
    const org = await createWorkspace(db, { role: "admin" });
    const clients = [org.clientId];
    for (let c = 0; c < 2; c++)
      clients.push((await createClient(db, { organization_id: org.organizationId })).id);
    const positions = await Promise.all(
      clients.map(
        async (client_id) =>
          (await createPosition(db, { organization_id: org.organizationId, client_id })).id,
      ),
    );
    const recruiters: (number | null)[] = [org.user.id, null];
    for (let r = 0; r < 2; r++)
      recruiters.push((await createUser(db, { organization_id: org.organizationId, role: "recruiter" })).id);
    for (const [c, position_id] of positions.entries())
      for (const [r, recruiter_id] of recruiters.entries())
        for (let k = 0; k < 4 + c + r; k++) {
          const application = await createApplication(db, { position_id, recruiter_id });
          const ends = Date.parse(`${day(2 + k)}T15:00:00.000Z`);
          const interview = await createInterview(db, {
            application_id: application.id,
            ends_at: new Date(ends).toISOString(),
          });
          const hours = 1 + ((c * 17 + r * 31 + k * 7) % 60);
          await createFollowUp(db, {
            interview_id: interview.id,
            received_at: new Date(ends + hours * 3_600_000).toISOString(),
          });
        }
    const now = "2026-11-26T12:00:00.000Z";
    await rescoreOrganization(db, org.organizationId, undefined, { now: new Date(now) });
    const scopes: [AnalyticsFilters, BreakdownDimension][] = [
      ...recruiters.flatMap((r): [AnalyticsFilters, BreakdownDimension][] =>
        r === null ? [] : [[{ recruiter: r }, "client"]],
      ),
      ...clients.map((client): [AnalyticsFilters, BreakdownDimension] => [{ client }, "recruiter"]),
      [{ client: clients[1], from: day(3), to: day(6) }, "recruiter"],
    ];
    for (const [filters, by] of scopes) {
      const scope = { viewer: org.user, filters, now };
      const summaries = await computeFiguresFromSummaries(db, scope, by);
      const raw = await computeFiguresFromInterviews(db, scope, by);
      expect(raw.breakdown.size, JSON.stringify(filters)).toBeGreaterThanOrEqual(3);
      expect(plainFigures(await withEveryLatency(summaries)), JSON.stringify([filters, by])).toEqual(
        plainFigures(raw),
      );
    }
  }, 120_000);

  it("give the raw path's figures for any date range, however it cuts the applications", async () => {
    const rangeDay = fc.option(fc.integer({ min: 1, max: 27 }), { nil: undefined });
    const RANGE = fc
      .record({ from: rangeDay, to: rangeDay })
      .filter((r) => r.from !== undefined || r.to !== undefined)
      .map((r) => AnalyticsFiltersSchema.parse({ from: r.from && day(r.from), to: r.to && day(r.to) }));
    // A few applications with interviews on several days and some follow-ups first, then anything.
    const first = fc.tuple(
      fc.array(fc.record({ kind: fc.constant("apply" as const), name: fc.nat(30), position: fc.nat(1) }), {
        minLength: 3,
        maxLength: 5,
      }),
      fc.array(
        fc.record({
          kind: fc.constant("interview" as const),
          pick,
          day: fc.integer({ min: 2, max: 25 }),
          round: fc.integer({ min: 1, max: 3 }),
        }),
        { minLength: 6, maxLength: 12 },
      ),
      fc.array(
        fc.record({ kind: fc.constant("followUp" as const), pick, hours: fc.integer({ min: 1, max: 120 }) }),
        {
          minLength: 3,
          maxLength: 8,
        },
      ),
    );
    let cuts = 0;
    let compared = 0;
    await fc.assert(
      fc.asyncProperty(
        first,
        fc.array(ACTION, { maxLength: 15 }),
        fc.array(RANGE, { minLength: 2, maxLength: 4 }),
        async (start, then, ranges) => {
          const org = await organizationAfter([...start.flat(), ...then]);
          const mark = await markOf(org);
          if (mark === null) return;
          const filters: AnalyticsFilters[] = [{}, { client: org.clientId }, { recruiter: org.user.id }];
          for (const [i, range] of ranges.entries()) {
            const by = (["client", "position", "recruiter"] as const)[i % 3];
            for (const now of [mark, "2026-11-24T06:00:00.000Z"]) {
              const scope = { viewer: org.user, filters: { ...filters[i % 3], ...range }, now };
              const summaries = await computeFiguresFromSummaries(db, scope, by);
              expect(summaries, JSON.stringify([scope.filters, by, now])).not.toBeNull();
              const raw = await computeFiguresFromInterviews(db, scope, by);
              expect(
                plainFigures(await withEveryLatency(summaries)),
                JSON.stringify([scope.filters, by, now]),
              ).toEqual(plainFigures(raw));
              if (raw.totals.interviews > 0) compared++;
            }
            if (await cutsAnApplication(org, range)) cuts++;
          }
        },
      ),
      { numRuns: 12, seed: 23 },
    );
    expect(compared).toBeGreaterThan(12);
    expect(cuts).toBeGreaterThan(6);
  }, 240_000);

  it("are put off while a bulk write writes, and recounted once before it commits", async () => {
    const org = await createWorkspace(db, { role: "admin" });
    const second = await createPosition(db, { organization_id: org.organizationId, client_id: org.clientId });
    const kept = await createApplication(db, { position_id: org.positionId });
    await createInterview(db, { application_id: kept.id });
    const other = await createApplication(db, { position_id: second.id });
    const otherInterview = await createInterview(db, { application_id: other.id });
    await rescoreOrganization(db, org.organizationId, undefined, {
      now: new Date("2026-11-20T00:00:00.000Z"),
    });
    const rowsOf = async (applicationId: number) =>
      (
        await db
          .selectFrom("dashboard_applications")
          .selectAll()
          .where("application_id", "=", applicationId)
          .execute()
      ).length;

    // While deferred, a new application's interview writes no summary row; the recount writes it.
    const added = await db.transaction().execute((trx) =>
      deferringSummaries(
        trx,
        org.organizationId,
        async () => {
          const application = await createApplication(trx, {
            position_id: org.positionId,
            candidate_id: other.candidate_id,
          });
          await createInterview(trx, { application_id: application.id });
          expect(await trx.selectFrom("summaries_deferred").selectAll().execute()).toHaveLength(1);
          expect(
            await trx
              .selectFrom("dashboard_applications")
              .selectAll()
              .where("application_id", "=", application.id)
              .execute(),
          ).toEqual([]);
          return application;
        },
        () => [org.positionId],
      ),
    );
    expect(await rowsOf(added.id)).toBe(1);
    const candidate = await db
      .selectFrom("candidates")
      .select("summary_applications")
      .where("id", "=", other.candidate_id)
      .executeTakeFirstOrThrow();
    expect(candidate.summary_applications).toBe(2);
    // The other position was not recounted, and needed nothing.
    expect(await rowsOf(other.id)).toBe(1);
    expect(await db.selectFrom("summaries_deferred").selectAll().execute()).toEqual([]);

    // An import into the second position (a new candidate, and a follow-up to the stored interview)
    // leaves nothing for a recount to fix.
    const interview = await db
      .selectFrom("interviews")
      .selectAll()
      .where("id", "=", otherInterview.id)
      .executeTakeFirstOrThrow();
    const candidateOf = await db
      .selectFrom("candidates")
      .select(["name", "email"])
      .where("id", "=", other.candidate_id)
      .executeTakeFirstOrThrow();
    const position = second.title;
    const record = (name: string, email: string, startsAt: string, endsAt: string, followed: boolean) => ({
      row: 2,
      candidate: { name, email, phone: null, source: "import" },
      client: null,
      position,
      stage: null,
      outcome: null,
      interview: {
        startsAt,
        endsAt,
        timeZone: "UTC",
        interviewerName: "Dana Import",
        interviewerEmail: null,
        format: "video" as const,
        round: null,
        notes: "Imported interview about territory planning.",
      },
      followUp: followed
        ? {
            receivedAt: new Date(Date.parse(endsAt) + 3 * 3600_000).toISOString(),
            channel: "email" as const,
            subject: "Thanks",
            body: "Thank you for the conversation about territory planning.",
          }
        : null,
    });
    await importRecords(
      db,
      org.user,
      [
        record(
          "New Person",
          "new.person@example.test",
          "2026-11-18T14:00:00.000Z",
          "2026-11-18T15:00:00.000Z",
          false,
        ),
        record(candidateOf.name, candidateOf.email!, interview.starts_at, interview.ends_at, true),
      ],
      org.clientId,
    );
    expect(await db.selectFrom("summaries_deferred").selectAll().execute()).toEqual([]);
    await expectNoDifferences(org.organizationId);
    const options = await db
      .selectFrom("dashboard_interviewers")
      .select("interviews")
      .where("organization_id", "=", org.organizationId)
      .where("interviewer_name", "=", "Dana Import")
      .execute();
    expect(options).toEqual([{ interviews: 1 }]);
  });

  it("are rebuilt once at the end of a generated workspace, equal to a recount", async () => {
    const seeded = await generateWorkspace(db, {
      candidates: 60,
      seed: 7,
      now: new Date("2026-11-26T12:00:00.000Z"),
    });
    const organizationId = seeded.organizationId;
    const rows = await db
      .selectFrom("dashboard_applications")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("organization_id", "=", organizationId)
      .executeTakeFirstOrThrow();
    expect(Number(rows.n)).toBeGreaterThan(20);
    expect(await db.selectFrom("summaries_deferred").selectAll().execute()).toEqual([]);
    await expectNoDifferences(organizationId);
  });

  it("are rebuilt from scratch to the same values", async () => {
    const org = await createWorkspace(db, { role: "admin" });
    const application = await createApplication(db, { position_id: org.positionId });
    await db.updateTable("applications").set({ best_score: 77 }).where("id", "=", application.id).execute();
    const before = await db
      .selectFrom("candidates")
      .selectAll()
      .where("organization_id", "=", org.organizationId)
      .execute();
    // Spoil them behind the triggers' back, then rebuild.
    await sql`update candidates set summary_applications = 9, summary_best_score = null
      where organization_id = ${org.organizationId}`.execute(db);
    expect(await rebuildCandidateSummaries(db, org.organizationId)).toBe(1);
    const after = await db
      .selectFrom("candidates")
      .selectAll()
      .where("organization_id", "=", org.organizationId)
      .execute();
    expect(after).toEqual(before);
    expect(after[0]).toMatchObject({ summary_applications: 1, summary_best_score: 77 });
  });

  it("count the dashboard's interviewers and rounds, and are rebuilt from scratch", async () => {
    const org = await createWorkspace(db, { role: "admin" });
    const application = await createApplication(db, { position_id: org.positionId });
    const first = await createInterview(db, {
      application_id: application.id,
      interviewer_name: "Ana",
      round: 1,
    });
    await createInterview(db, { application_id: application.id, interviewer_name: "Ana", round: 1 });
    await createInterview(db, { application_id: application.id, interviewer_name: "Bo", round: 2 });
    const options = () =>
      db
        .selectFrom("dashboard_interviewers")
        .select(["interviewer_name", "round", "interviews"])
        .where("organization_id", "=", org.organizationId)
        .orderBy("interviewer_name")
        .orderBy("round")
        .execute();
    expect(await options()).toEqual([
      { interviewer_name: "Ana", round: 1, interviews: 2 },
      { interviewer_name: "Bo", round: 2, interviews: 1 },
    ]);
    await db.updateTable("interviews").set({ interviewer_name: "Cy" }).where("id", "=", first.id).execute();
    await db.deleteFrom("interviews").where("interviewer_name", "=", "Bo").execute();
    const counted = [
      { interviewer_name: "Ana", round: 1, interviews: 1 },
      { interviewer_name: "Cy", round: 1, interviews: 1 },
    ];
    expect(await options()).toEqual(counted);
    await db.deleteFrom("dashboard_interviewers").where("organization_id", "=", org.organizationId).execute();
    expect(await dashboardInterviewerDifferences(db, org.organizationId)).toHaveLength(2);
    expect(await rebuildDashboardInterviewers(db, org.organizationId)).toBe(2);
    expect(await options()).toEqual(counted);
  });

  it("keep the dashboard's per-application rows, and rebuild them from scratch", async () => {
    const org = await createWorkspace(db, { role: "admin" });
    const application = await createApplication(db, { position_id: org.positionId });
    const interview = await createInterview(db, { application_id: application.id });
    const row = () =>
      db
        .selectFrom("dashboard_applications")
        .selectAll()
        .where("organization_id", "=", org.organizationId)
        .execute();
    expect(await row()).toMatchObject([
      { application_id: application.id, n: 1, position_id: org.positionId },
    ]);
    // Moved to another client's position, and the client of the position changed: recounted.
    const other = await createPosition(db, { organization_id: org.organizationId });
    await db
      .updateTable("applications")
      .set({ position_id: other.id })
      .where("id", "=", application.id)
      .execute();
    expect(await row()).toMatchObject([{ position_id: other.id, client_id: other.client_id }]);
    await db.updateTable("positions").set({ client_id: org.clientId }).where("id", "=", other.id).execute();
    expect(await row()).toMatchObject([{ client_id: org.clientId }]);
    // The sweep mark passes the interview's last window: decided, never followed up.
    await db
      .updateTable("organizations")
      .set({ windows_swept_until: "2999-01-01T00:00:00.000Z" })
      .where("id", "=", org.organizationId)
      .execute();
    expect(await row()).toMatchObject([{ d: 1, fu: 0, behaviour: "never", best: 5 }]);
    expect(await dashboardApplicationDifferences(db, org.organizationId)).toEqual([]);
    // Spoiled behind the triggers' back, found by the check, and rebuilt.
    const before = await row();
    await db
      .updateTable("dashboard_applications")
      .set({ n: 9 })
      .where("application_id", "=", application.id)
      .execute();
    expect(await dashboardApplicationDifferences(db, org.organizationId)).toHaveLength(1);
    expect(await rebuildDashboardApplications(db, org.organizationId)).toBe(1);
    expect(await row()).toEqual(before);
    expect(await dashboardCellDifferences(db, org.organizationId)).toEqual([]);
    const cells = await db
      .selectFrom("dashboard_application_cells")
      .select(["level", "level_key", "apps", "n"])
      .where("organization_id", "=", org.organizationId)
      .orderBy("level")
      .execute();
    expect(cells).toEqual([
      { level: "client", level_key: String(org.clientId), apps: 1, n: 1 },
      { level: "client_recruiter", level_key: `${org.clientId}:`, apps: 1, n: 1 },
      { level: "org", level_key: "", apps: 1, n: 1 },
      { level: "position", level_key: String(other.id), apps: 1, n: 1 },
      { level: "recruiter", level_key: "", apps: 1, n: 1 },
    ]);
    await db.deleteFrom("interviews").where("id", "=", interview.id).execute();
    expect(await row()).toEqual([]);
    expect(
      await db
        .selectFrom("dashboard_application_cells")
        .selectAll()
        .where("organization_id", "=", org.organizationId)
        .execute(),
    ).toEqual([]);
  });
  it("keep an application's rows per interview day, each over its interviews from that day on", async () => {
    const org = await createWorkspace(db, { role: "admin" });
    const application = await createApplication(db, { position_id: org.positionId });
    const answered = async (ends: string, score: number) => {
      const interview = await createInterview(db, {
        application_id: application.id,
        starts_at: ends.replace("T15", "T14"),
        ends_at: ends,
      });
      const followUp = await createFollowUp(db, { interview_id: interview.id, score });
      // A raw write, as a script's: the interview's triggers recount its application.
      await db
        .updateTable("interviews")
        .set({ first_follow_up_id: followUp.id, first_follow_up_at: followUp.received_at })
        .where("id", "=", interview.id)
        .execute();
      return followUp;
    };
    const first = await answered("2026-11-10T15:00:00.000Z", 40);
    const second = await answered("2026-11-12T15:00:00.000Z", 80);
    await createInterview(db, {
      application_id: application.id,
      starts_at: "2026-11-12T16:00:00.000Z",
      ends_at: "2026-11-12T17:00:00.000Z",
    });
    const rows = () =>
      db
        .selectFrom("dashboard_application_suffixes")
        .select(["from_day", "prev_day", "n", "score_sum", "score_n"])
        .where("application_id", "=", application.id)
        .orderBy("from_day")
        .execute();
    expect(await rows()).toEqual([
      { from_day: "2026-11-10", prev_day: null, n: 3, score_sum: 120, score_n: 2 },
      { from_day: "2026-11-12", prev_day: "2026-11-10", n: 2, score_sum: 80, score_n: 1 },
    ]);
    // A new score (a rescore's write) recounts the suffixes holding its interview: the later one's
    // changes both, the earlier one's the first only.
    await db.updateTable("follow_ups").set({ score: 90 }).where("id", "=", second.id).execute();
    await db.updateTable("follow_ups").set({ score: 10 }).where("id", "=", first.id).execute();
    expect(await rows()).toEqual([
      { from_day: "2026-11-10", prev_day: null, n: 3, score_sum: 100, score_n: 2 },
      { from_day: "2026-11-12", prev_day: "2026-11-10", n: 2, score_sum: 90, score_n: 1 },
    ]);
    expect(await dashboardSuffixDifferences(db, org.organizationId)).toEqual([]);
    // The client's cells from a day on sum to the suffix the application counts as from that day.
    const fromDay = async (day: string) =>
      db
        .selectFrom("dashboard_suffix_cells")
        .select((eb) => [eb.fn.sum<number>("apps").as("apps"), eb.fn.sum<number>("n").as("n")])
        .where("organization_id", "=", org.organizationId)
        .where("level", "=", "client")
        .where("day", ">=", day)
        .executeTakeFirstOrThrow()
        .then((r) => ({ apps: Number(r.apps ?? 0), n: Number(r.n ?? 0) })); // PostgreSQL's sums are text
    expect(await fromDay("2026-11-01")).toEqual({ apps: 1, n: 3 });
    expect(await fromDay("2026-11-11")).toEqual({ apps: 1, n: 2 });
    expect(await fromDay("2026-11-13")).toEqual({ apps: 0, n: 0 });
    // Spoiled behind the triggers' back, found by the check, and rebuilt.
    const before = await rows();
    await db
      .updateTable("dashboard_application_suffixes")
      .set({ n: 9 })
      .where("application_id", "=", application.id)
      .execute();
    expect(await dashboardSuffixDifferences(db, org.organizationId)).not.toEqual([]);
    expect(await rebuildDashboardSuffixes(db, org.organizationId)).toBe(2);
    expect(await rows()).toEqual(before);
    expect(await dashboardSuffixDifferences(db, org.organizationId)).toEqual([]);
  });

  it("keep an application's rows per round, each over that round's interviews, and rebuild them", async () => {
    // Scopes without slice cells stay on the raw path.
    const admin = (await createWorkspace(db, { role: "admin" })).user;
    expect(cellPlan(admin, { round: 1 }, "recruiter")).toBeNull();
    expect(cellPlan(admin, { round: 1 }, "interviewer")).toBeNull();
    expect(cellPlan(admin, { round: 1, client: 1 }, "client")).toBeNull();
    expect(cellPlan(admin, { client: 1 }, "interviewer")).toBeNull();
    expect(cellPlan(admin, { client: 1 }, "round")).toBeNull();
    expect(cellPlan(admin, { interviewer: "Ana" }, "client")).toBeNull();

    // The SQL lives once: 0037's recount without rounds is the one 0033's triggers run.
    const where = sql`a.id = 1`;
    expect(recount0037(where).compile(db).sql).toBe(recount0033(where).compile(db).sql);

    const org = await createWorkspace(db, { role: "admin" });
    await db
      .updateTable("organizations")
      .set({ windows_swept_until: "2999-01-01T00:00:00.000Z" })
      .where("id", "=", org.organizationId)
      .execute();
    const application = await createApplication(db, { position_id: org.positionId });
    await createInterview(db, {
      application_id: application.id,
      round: 1,
      window: "best",
      latency_minutes: 30,
      first_follow_up_at: "2026-11-24T16:30:00.000Z",
    });
    const second = await createInterview(db, { application_id: application.id, round: 2 });
    const rows = () =>
      db
        .selectFrom("dashboard_application_rounds")
        .select(["round", "n", "d", "fu", "behaviour", "best"])
        .where("application_id", "=", application.id)
        .orderBy("round")
        .execute();
    // Over both: "sometimes"; round 1 alone "always", round 2 alone "never".
    expect(
      await db
        .selectFrom("dashboard_applications")
        .select("behaviour")
        .where("application_id", "=", application.id)
        .executeTakeFirstOrThrow(),
    ).toEqual({ behaviour: "sometimes" });
    expect(await rows()).toEqual([
      { round: 1, n: 1, d: 1, fu: 1, behaviour: "always", best: 1 },
      { round: 2, n: 1, d: 1, fu: 0, behaviour: "never", best: 5 },
    ]);
    const figures = async (round: number) => {
      const scope = { viewer: org.user, filters: { round }, now: "2999-01-01T00:00:00.000Z" };
      const summaries = await computeFiguresFromSummaries(db, scope, "round");
      expect(summaries).not.toBeNull();
      expect(plainFigures(await withEveryLatency(summaries))).toEqual(
        plainFigures(await computeFiguresFromInterviews(db, scope, "round")),
      );
      return summaries!;
    };
    expect((await figures(2)).applications).toEqual([
      { behaviour: "never", result: "pending", bestWindow: 5, decile: null, applications: 1 },
    ]);
    // The round changed by an edit: both interviews in round 1, the round-2 slice gone.
    await db.updateTable("interviews").set({ round: 1 }).where("id", "=", second.id).execute();
    expect(await rows()).toEqual([{ round: 1, n: 2, d: 2, fu: 1, behaviour: "sometimes", best: 1 }]);
    expect((await figures(2)).applications).toEqual([]);
    expect((await figures(1)).applications).toMatchObject([{ behaviour: "sometimes", applications: 1 }]);
    // The unanswered interview's interviewer renamed: a row of its own, "never".
    await db
      .updateTable("interviews")
      .set({ interviewer_name: "Renamed" })
      .where("id", "=", second.id)
      .execute();
    expect(
      await db
        .selectFrom("dashboard_application_interviewers")
        .select(["interviewer_name", "n", "behaviour"])
        .where("application_id", "=", application.id)
        .where("interviewer_name", "=", "Renamed")
        .execute(),
    ).toEqual([{ interviewer_name: "Renamed", n: 1, behaviour: "never" }]);
    const scope = { viewer: org.user, filters: {}, now: "2999-01-01T00:00:00.000Z" };
    const byInterviewer = await computeFiguresFromSummaries(db, scope, "interviewer");
    expect(plainFigures(await withEveryLatency(byInterviewer))).toEqual(
      plainFigures(await computeFiguresFromInterviews(db, scope, "interviewer")),
    );
    expect(byInterviewer?.breakdown.get("Renamed")?.applications).toMatchObject([
      { behaviour: "never", applications: 1 },
    ]);
    expect(await dashboardSliceDifferences(db, org.organizationId)).toEqual([]);
    // Spoiled behind the triggers' back, found by the check, and rebuilt.
    await db
      .updateTable("dashboard_application_rounds")
      .set({ n: 9 })
      .where("application_id", "=", application.id)
      .execute();
    await db.deleteFrom("dashboard_slice_cells").where("organization_id", "=", org.organizationId).execute();
    expect((await dashboardSliceDifferences(db, org.organizationId)).length).toBeGreaterThan(1);
    // One row for round 1, one for each interviewer.
    expect(await rebuildDashboardSlices(db, org.organizationId)).toBe(3);
    expect(await dashboardSliceDifferences(db, org.organizationId)).toEqual([]);
    await db.deleteFrom("applications").where("id", "=", application.id).execute();
    expect(await rows()).toEqual([]);
    expect(
      await db
        .selectFrom("dashboard_slice_cells")
        .selectAll()
        .where("organization_id", "=", org.organizationId)
        .execute(),
    ).toEqual([]);
  });
});

// The dashboard's loader on a small dataset whose every figure is worked out by hand below.
// Rows carry their computed columns (window, latency, score, parts) directly: no scorer involved.
import { beforeAll, describe, expect, it } from "vitest";
import type { Kysely } from "kysely";
import type { Outcome } from "../../app/core/outcomes";
import type { FollowUpWindow } from "../../app/core/windows";
import type { Database } from "../../db/schema";
import {
  createApplication,
  createClient,
  createFollowUp,
  createInterview,
  createPosition,
  createUser,
  createWorkspace,
} from "../factories";
import { freshDatabase, routeArgs, sessionCookie, statusOf } from "../helpers";
import { fisherExactTest } from "../../app/core/stats";

let db: Kysely<Database>;
let loader: typeof import("../../app/routes/_app.dashboard").loader;

const PAST = "2025-01-15T15:00:00.000Z";
const PAST_B = "2025-02-10T15:00:00.000Z";
const addMinutes = (iso: string, minutes: number) =>
  new Date(new Date(iso).getTime() + minutes * 60_000).toISOString();

type World = Awaited<ReturnType<typeof buildWorld>>;
let world: World;

/**
 * Client A (position PA, recruiter R1, interviewer Imogen, January 2025):
 *   12 applications that followed up in the best window (2 h, score 80): 5 offers, 1 hired, 6 rejected
 *   12 applications with no follow-up (window closed): 2 offers, 10 rejected
 *    2 pending applications that followed up in the ideal window (10 h, score 50)
 * Client B (position PB, recruiter R2, interviewer Hugo, February 2025):
 *    4 applications with two rounds: round 1 followed up late (50 h, score 30), round 2 nothing:
 *      1 offer, 3 rejected ("sometimes")
 *    1 application whose follow-up came after the last window (5,000 min, score 20): withdrawn ("never")
 *    1 pending application interviewed an hour ago, still inside its window (undecided)
 */
async function buildWorld() {
  const org = await createWorkspace(db, { role: "admin" });
  const orgId = org.organizationId;
  const now = new Date().toISOString();
  const clientB = await createClient(db, { organization_id: orgId, name: "Beta Corp" });
  await db.updateTable("clients").set({ name: "Acme Ltd" }).where("id", "=", org.clientId).execute();
  const manager = await createUser(db, { organization_id: orgId, role: "hiring_manager" });
  const positionB = await createPosition(db, {
    client_id: clientB.id,
    title: "SDR",
    hiring_manager_id: manager.id,
    opened_on: "2025-01-01",
  });
  await db
    .updateTable("positions")
    .set({ title: "Account Executive" })
    .where("id", "=", org.positionId)
    .execute();
  const r1 = await createUser(db, { organization_id: orgId, role: "recruiter", name: "Rita One" });
  const r2 = await createUser(db, { organization_id: orgId, role: "recruiter", name: "Rob Two" });

  let n = 0;
  async function application(positionId: number, recruiterId: number, outcome: Outcome) {
    n += 1;
    const a = await createApplication(db, {
      position_id: positionId,
      candidate: { name: `Candidate ${n}`, email: null, source: null },
      outcome,
      outcome_on: outcome === "pending" ? null : "2025-03-01",
      recruiter_id: recruiterId,
    });
    return a.id;
  }
  async function interview(
    applicationId: number,
    o: {
      endsAt: string;
      interviewer: string;
      round: number;
      followUp?: { minutes: number; window: FollowUpWindow; score: number; timing: number };
      closesAt?: string;
    },
  ) {
    const i = await createInterview(db, {
      application_id: applicationId,
      interviewer_name: o.interviewer,
      ends_at: o.endsAt,
      time_zone: "UTC",
      round: o.round,
      closes_at: o.closesAt,
      window: o.followUp ? o.followUp.window : null,
      latency_minutes: o.followUp?.minutes ?? null,
      first_follow_up_at: o.followUp ? addMinutes(o.endsAt, o.followUp.minutes) : null,
    });
    if (o.followUp) {
      const f = await createFollowUp(db, {
        interview_id: i.id,
        received_at: addMinutes(o.endsAt, o.followUp.minutes),
        latency_minutes: o.followUp.minutes,
        window: o.followUp.window,
        score: o.followUp.score,
        // The scorer fills every part; only timing and specificity vary here.
        pts_timing: o.followUp.timing,
        pts_specificity: o.followUp.score >= 50 ? 20 : 5,
        pts_own_experience: 0,
        pts_interest: 0,
        pts_next_step: 0,
        pts_length: 0,
        pts_personal_tone: 0,
      });
      await db.updateTable("interviews").set({ first_follow_up_id: f.id }).where("id", "=", i.id).execute();
    }
  }

  const A = { positionId: org.positionId, recruiter: r1.id };
  const B = { positionId: positionB.id, recruiter: r2.id };
  const best = { minutes: 120, window: "best" as const, score: 80, timing: 15 };
  const aOutcomes: Outcome[] = [
    "offer",
    "offer",
    "offer",
    "offer",
    "offer",
    "hired",
    ...Array<Outcome>(6).fill("rejected"),
  ];
  for (const outcome of aOutcomes)
    await interview(await application(A.positionId, A.recruiter, outcome), {
      endsAt: PAST,
      interviewer: "Imogen",
      round: 1,
      followUp: best,
    });
  const neverOutcomes: Outcome[] = ["offer", "offer", ...Array<Outcome>(10).fill("rejected")];
  for (const outcome of neverOutcomes)
    await interview(await application(A.positionId, A.recruiter, outcome), {
      endsAt: PAST,
      interviewer: "Imogen",
      round: 1,
    });
  for (let k = 0; k < 2; k++) {
    await interview(await application(A.positionId, A.recruiter, "pending"), {
      endsAt: PAST,
      interviewer: "Imogen",
      round: 1,
      followUp: { minutes: 600, window: "ideal", score: 50, timing: 12 },
    });
  }
  for (const outcome of ["offer", "rejected", "rejected", "rejected"] as Outcome[]) {
    const app = await application(B.positionId, B.recruiter, outcome);
    await interview(app, {
      endsAt: PAST_B,
      interviewer: "Hugo",
      round: 1,
      followUp: { minutes: 3000, window: "late", score: 30, timing: 5 },
    });
    await interview(app, { endsAt: addMinutes(PAST_B, 7 * 24 * 60), interviewer: "Hugo", round: 2 });
  }
  await interview(await application(B.positionId, B.recruiter, "withdrawn"), {
    endsAt: PAST_B,
    interviewer: "Hugo",
    round: 1,
    followUp: { minutes: 5000, window: "none", score: 20, timing: 0 },
  });
  const recent = addMinutes(now, -60);
  await interview(await application(B.positionId, B.recruiter, "pending"), {
    endsAt: recent,
    interviewer: "Hugo",
    round: 1,
    closesAt: addMinutes(recent, 72 * 60),
  });

  // Another organization's data, which must never be counted.
  const other = await createWorkspace(db, { role: "admin" });
  await createInterview(db, {
    application_id: (
      await createApplication(db, {
        position_id: other.positionId,
        candidate: { name: "Elsewhere", email: null, source: null },
        outcome: "offer",
        outcome_on: "2025-03-01",
      })
    ).id,
    interviewer_name: "Outsider",
    starts_at: PAST,
    ends_at: PAST,
    time_zone: "UTC",
  });

  const viewer = await createUser(db, {
    organization_id: orgId,
    role: "client_viewer",
    client_id: org.clientId,
  });
  // Swept up to now, as the window sweep does every minute: the dashboard may read its summaries
  // (migration 0025) for the scopes they cover; the last test compares them with the raw path.
  await db.updateTable("organizations").set({ windows_swept_until: now }).where("id", "=", orgId).execute();
  return {
    admin: org.user,
    manager,
    viewer,
    clientA: org.clientId,
    clientB: clientB.id,
    positionA: org.positionId,
    positionB: positionB.id,
    r1: r1.id,
    r2: r2.id,
  };
}

async function dashboard(userId: number, query = "") {
  return loader(routeArgs(`/dashboard${query}`, await sessionCookie(userId)));
}

beforeAll(async () => {
  db = await freshDatabase();
  ({ loader } = await import("../../app/routes/_app.dashboard"));
  world = await buildWorld();
});

describe("the dashboard's headline figures", () => {
  it("counts follow-up rate, latency percentiles and mean quality over decided interviews", async () => {
    const { headline } = await dashboard(world.admin.id);
    expect(headline.interviews).toBe(36);
    expect(headline.awaiting).toBe(1);
    // 12 best + 2 ideal + 4 late of 35 decided; the follow-up after the last window does not count.
    expect(headline.followUpRate.successes).toBe(18);
    expect(headline.followUpRate.n).toBe(35);
    // 19 latencies: 12 × 120, 2 × 600, 4 × 3000, 1 × 5000 (minutes).
    expect(headline.latency.n).toBe(19);
    expect(headline.latency.median).toBe(120);
    expect(headline.latency.p90).toBe(3000);
    expect(headline.latency.mean).toBeCloseTo(19_640 / 19, 6);
    expect(headline.meanScore).toBeCloseTo(1200 / 19, 6);
    expect(headline.scored).toBe(19);
  });

  it("compares the offer rate of those who followed up with those who never did, pending shown apart", async () => {
    const { headline, behaviour } = await dashboard(world.admin.id);
    expect(headline.applications.pending).toBe(3);
    expect(behaviour.groups.map((g) => [g.key, g.offers, g.decided, g.pending, g.rate.enough])).toEqual([
      ["always", 6, 12, 2, true],
      ["sometimes", 1, 4, 0, false],
      ["never", 2, 13, 0, true],
    ]);
    const c = behaviour.comparison;
    expect([c.followed.successes, c.followed.n, c.never.successes, c.never.n]).toEqual([7, 16, 2, 13]);
    expect(c.enough).toBe(true);
    // Smallest expected count 13 · 9 / 29 ≈ 4.0 < 5: Fisher's exact test.
    expect(c.comparison?.method).toBe("fisher");
    expect(c.comparison?.p).toBeCloseTo(fisherExactTest(7, 9, 2, 11).p, 10);
    expect(c.comparison?.ratio).toBeCloseTo(7 / 16 / (2 / 13), 10);
    expect(c.sentence).toMatch(
      /^Candidates who followed up got offers 2\.8× as often as those who did not \(44% of 16 against 15% of 13\)/,
    );
    expect(c.sentence).toContain("Fisher's exact test");
    expect(behaviour.undecidedBehaviour).toEqual({ offers: 0, decided: 0, pending: 1 });
  });
});

describe("the dashboard's charts", () => {
  it("gives the offer rate by the fastest window reached and by quality band", async () => {
    const { byWindow, byBand } = await dashboard(world.admin.id);
    expect(byWindow.map((g) => [g.key, g.offers, g.decided, g.pending])).toEqual([
      ["best", 6, 12, 0],
      ["ideal", 0, 0, 2],
      ["acceptable", 0, 0, 0],
      ["late", 1, 4, 0],
      ["none", 2, 13, 0],
    ]);
    // Mean scores: 80 (high), 50 (mid, pending), 30 and 20 (low); no follow-up: no score.
    expect(byBand.groups.map((g) => [g.key, g.offers, g.decided, g.pending])).toEqual([
      ["low", 1, 5, 0],
      ["mid", 0, 0, 2],
      ["high", 6, 12, 0],
    ]);
    expect(byBand.unscored).toEqual({ offers: 2, decided: 12, pending: 1 });
  });

  it("draws the latency histogram by window and the cumulative curve with non-responders in the denominator", async () => {
    const { windows, curve } = await dashboard(world.admin.id);
    expect(windows.map((w) => [w.window, w.interviews, w.received])).toEqual([
      ["best", 12, 12],
      ["ideal", 2, 2],
      ["acceptable", 0, 0],
      ["late", 4, 4],
      ["none", 17, 1],
    ]);
    expect(curve.closed).toBe(35);
    const at = (h: number) => curve.points.find((p) => p.hour === h)!;
    expect(curve.points).toHaveLength(73);
    expect(at(1).followed).toBe(0);
    expect(at(2).share).toBeCloseTo(12 / 35, 10);
    expect(at(10).share).toBeCloseTo(14 / 35, 10);
    expect(at(49).followed).toBe(14);
    expect(at(72).share).toBeCloseTo(18 / 35, 10);
  });

  it("shows score distributions and rubric part means for offered and not offered", async () => {
    const { distribution, parts, partCounts } = await dashboard(world.admin.id);
    expect(distribution.offerTotal).toBe(7);
    expect(distribution.noOfferTotal).toBe(10);
    expect(distribution.rows[8]).toMatchObject({ label: "80–89", offer: 6, noOffer: 6 });
    expect(distribution.rows[3]).toMatchObject({ offer: 1, noOffer: 3 });
    expect(distribution.rows[2]).toMatchObject({ offer: 0, noOffer: 1 });
    expect(distribution.rows[8].offerShare).toBeCloseTo(6 / 7, 10);
    expect(partCounts).toEqual({ offer: 7, noOffer: 10 });
    const timing = parts.find((p) => p.key === "timing")!;
    expect(timing.offer).toBeCloseTo(95 / 7, 10);
    expect(timing.noOffer).toBeCloseTo(10.5, 10);
    // Specificity: 20 for scores ≥ 50, else 5. Offer: 6 × 20 + 5; no offer: 6 × 20 + 3 × 5 + 5.
    expect(parts.find((p) => p.key === "specificity")!.offer).toBeCloseTo(125 / 7, 10);
    expect(parts.find((p) => p.key === "specificity")!.noOffer).toBeCloseTo(140 / 10, 10);
  });

  it("trends follow-up rate and median latency by month", async () => {
    const { trend } = await dashboard(world.admin.id);
    expect(trend.granularity).toBe("month");
    const thisMonth = new Date().toISOString().slice(0, 7);
    const row = (p: (typeof trend.points)[number]) => [
      p.bucket,
      p.interviews,
      p.decided,
      p.followed,
      p.medianLatency,
    ];
    expect(row(trend.points[0])).toEqual(["2025-01", 26, 26, 14, 120]);
    expect(row(trend.points[1])).toEqual(["2025-02", 9, 9, 4, 3000]);
    // Every month in between is there, empty, so that the time axis is not squeezed.
    expect(row(trend.points[2])).toEqual(["2025-03", 0, 0, 0, null]);
    expect(row(trend.points[trend.points.length - 1])).toEqual([thisMonth, 1, 0, 0, null]);
    const [y, m] = thisMonth.split("-").map(Number);
    expect(trend.points).toHaveLength((y - 2025) * 12 + m);
    expect(trend.points[0].label).toBe("Jan 2025");
  });

  it("trends by week when the range is short", async () => {
    const { trend } = await dashboard(world.admin.id, "?from=2025-01-01&to=2025-02-28");
    expect(trend.granularity).toBe("week");
    // 15 Jan 2025 is a Wednesday (week of Monday 13 Jan); 10 Feb 2025 a Monday; round 2 a week later.
    expect(trend.points.map((p) => [p.bucket, p.interviews, p.followed])).toEqual([
      ["2025-01-13", 26, 14],
      ["2025-01-20", 0, 0],
      ["2025-01-27", 0, 0],
      ["2025-02-03", 0, 0],
      ["2025-02-10", 5, 4],
      ["2025-02-17", 4, 0],
    ]);
    expect(trend.points[4]).toMatchObject({ label: "10 Feb", followUpRate: 4 / 5, medianLatency: 3000 });
  });
});

describe("filters and breakdowns", () => {
  it("narrows every figure to one client", async () => {
    const data = await dashboard(world.admin.id, `?client=${world.clientA}`);
    expect(data.headline.interviews).toBe(26);
    expect([data.headline.followUpRate.successes, data.headline.followUpRate.n]).toEqual([14, 26]);
    expect(data.headline.latency.median).toBe(120);
    expect(data.behaviour.groups.map((g) => [g.key, g.offers, g.decided])).toEqual([
      ["always", 6, 12],
      ["sometimes", 0, 0],
      ["never", 2, 12],
    ]);
    expect(data.windows.find((w) => w.window === "late")!.interviews).toBe(0);
  });

  it("judges behaviour over the interviews in scope: round 2 alone makes 'sometimes' into 'never'", async () => {
    const data = await dashboard(world.admin.id, "?round=2");
    expect(data.headline.interviews).toBe(4);
    expect(data.headline.followUpRate.successes).toBe(0);
    expect(data.behaviour.groups.find((g) => g.key === "never")).toMatchObject({ offers: 1, decided: 4 });
  });

  it("filters by date range, interviewer and recruiter", async () => {
    expect((await dashboard(world.admin.id, "?from=2025-02-01&to=2025-02-10")).headline.interviews).toBe(5);
    expect((await dashboard(world.admin.id, "?interviewer=Hugo")).headline.interviews).toBe(10);
    expect((await dashboard(world.admin.id, `?recruiter=${world.r1}`)).headline.interviews).toBe(26);
    expect(
      (await dashboard(world.admin.id, `?position=${world.positionB}&round=1`)).headline.interviews,
    ).toBe(6);
  });

  it("breaks the same figures down by client, round and recruiter, sorted as asked", async () => {
    const byClient = await dashboard(world.admin.id, "?by=client&sort=label&dir=asc");
    expect(
      byClient.breakdown.rows.map((r) => [
        r.label,
        r.interviews,
        r.decided,
        r.followUpRate,
        r.medianLatency,
        r.decidedApplications,
        r.pending,
      ]),
    ).toEqual([
      ["Acme Ltd", 26, 26, 14 / 26, 120, 24, 2],
      ["Beta Corp", 10, 9, 4 / 9, 3000, 5, 1],
    ]);
    expect(byClient.breakdown.rows[0].offerRateFollowed).toBeCloseTo(0.5, 10);
    expect(byClient.breakdown.rows[0].offerRateNever).toBeCloseTo(2 / 12, 10);

    const byRound = await dashboard(world.admin.id, "?by=round&sort=interviews&dir=desc");
    expect(byRound.breakdown.rows.map((r) => [r.label, r.interviews])).toEqual([
      ["Round 1", 32],
      ["Round 2", 4],
    ]);
    // Per round, behaviour is judged on that round's interviews: Beta's four followed up after round 1 only.
    const [round1, round2] = byRound.breakdown.rows;
    expect([
      round1.offerRateFollowed,
      round1.followedDecided,
      round1.offerRateNever,
      round1.neverDecided,
      round1.pending,
    ]).toEqual([7 / 16, 16, 2 / 13, 13, 3]);
    expect([round2.offerRateFollowed, round2.offerRateNever, round2.neverDecided, round2.meanScore]).toEqual([
      null,
      1 / 4,
      4,
      null,
    ]);
    expect(round1.meanScore).toBeCloseTo(1200 / 19, 10);
    const byRecruiter = await dashboard(world.admin.id, "?by=recruiter&sort=followUpRate&dir=asc");
    expect(byRecruiter.breakdown.rows.map((r) => r.label)).toEqual(["Rob Two", "Rita One"]);
  });

  it("lists filter options from what the viewer may see, and scopes a hiring manager to their positions", async () => {
    const admin = await dashboard(world.admin.id);
    expect(admin.options.clients.map((c) => c.label)).toEqual(["Acme Ltd", "Beta Corp"]);
    expect(admin.options.interviewers.map((c) => c.label)).toEqual(["Hugo", "Imogen"]);
    expect(admin.options.rounds.map((c) => c.value)).toEqual(["1", "2"]);
    expect(admin.options.recruiters.map((c) => c.label)).toEqual(["Rita One", "Rob Two"]);

    const manager = await dashboard(world.manager.id);
    expect(manager.options.clients.map((c) => c.label)).toEqual(["Beta Corp"]);
    expect(manager.options.interviewers.map((c) => c.label)).toEqual(["Hugo"]);
    expect(manager.options.recruiters.map((c) => c.label)).toEqual(["Rob Two"]);
    expect(manager.headline.interviews).toBe(10);
    // Asking for a client they cannot see shows nothing, not that client's figures.
    expect((await dashboard(world.manager.id, `?client=${world.clientA}`)).headline.interviews).toBe(0);

    const viewer = await dashboard(world.viewer.id);
    expect(viewer.options.clients.map((c) => c.label)).toEqual(["Acme Ltd"]);
    expect(viewer.headline.interviews).toBe(26);
  });

  it("ignores malformed filters rather than failing, and redirects a signed-out visitor", async () => {
    const data = await dashboard(
      world.admin.id,
      "?client=abc&round=-1&from=2025-13-45&by=nope&sort=drop%20table",
    );
    expect(data.headline.interviews).toBe(36);
    expect(await statusOf(() => loader(routeArgs("/dashboard", null)))).toBe(302);
  });

  it("bands a mean score by its rounded value, as the pipeline shows it", async () => {
    const org = await createWorkspace(db, { role: "admin" });
    const edge = await createApplication(db, {
      position_id: org.positionId,
      candidate: { name: "Edge Case" },
      outcome: "offer",
      outcome_on: "2025-03-01",
    });
    const interview = await createInterview(db, {
      application_id: edge.id,
      interviewer_name: "Ann",
      ends_at: PAST,
      time_zone: "UTC",
      window: "best",
      latency_minutes: 60,
      first_follow_up_at: addMinutes(PAST, 60),
    });
    const f = await createFollowUp(db, {
      interview_id: interview.id,
      received_at: addMinutes(PAST, 60),
      subject: null,
      body: "Thanks",
      latency_minutes: 60,
      window: "best",
      score: 69.6,
    });
    await db
      .updateTable("interviews")
      .set({ first_follow_up_id: f.id })
      .where("id", "=", interview.id)
      .execute();
    const data = await dashboard(org.user.id);
    expect(data.byBand.groups.map((g) => [g.key, g.offers, g.decided])).toEqual([
      ["low", 0, 0],
      ["mid", 0, 0],
      ["high", 1, 1],
    ]);
    expect(data.distribution.rows[7]).toMatchObject({ label: "70–79", offer: 1 });
  });

  it("shows empty figures, not errors, when nothing matches", async () => {
    const data = await dashboard(world.admin.id, "?interviewer=Nobody");
    expect(data.headline.interviews).toBe(0);
    expect(data.headline.followUpRate.rate).toBeNull();
    expect(data.headline.latency.median).toBeNull();
    expect(data.behaviour.comparison.enough).toBe(false);
    expect(data.trend.points).toEqual([]);
    expect(data.breakdown.rows).toEqual([]);
  });
});

describe("figures asked for at the same time", () => {
  it("are computed once for the same scope, apart for another scope, and afresh after a write", async () => {
    const { loadFigures } = await import("../../app/data/analytics.server");
    const now = new Date().toISOString();
    const admin = { viewer: world.admin, filters: {}, now };
    const first = loadFigures(db, admin, "client");
    // Another request for the same figures while the first is computed: the same computation.
    expect(loadFigures(db, { ...admin, now: new Date().toISOString() }, "client")).toBe(first);
    // Another scope, filter or breakdown: its own.
    const others = [
      loadFigures(db, { ...admin, viewer: world.manager }, "client"),
      loadFigures(db, { ...admin, filters: { client: world.clientA } }, "client"),
      loadFigures(db, admin, "position"),
    ];
    for (const other of others) expect(other).not.toBe(first);
    const [before] = await Promise.all([first, ...others]);

    // Nothing is kept: after a write, the next request counts it.
    const late = await createApplication(db, {
      position_id: world.positionA,
      candidate: { name: "Late Arrival" },
    });
    await createInterview(db, { application_id: late.id, ends_at: PAST });
    const after = await loadFigures(db, admin, "client");
    expect(after.totals.interviews).toBe(before.totals.interviews + 1);
    await db.deleteFrom("candidates").where("name", "=", "Late Arrival").execute();
  });
});

describe("the dashboard's two sources", () => {
  it("give the same page from the summaries kept on write as from the interviews", async () => {
    const { loadDashboard } = await import("../../app/data/analytics.server");
    const { parseDashboardParams } = await import("../../app/core/analytics");
    const { getOrganizationSettings } = await import("../../app/data/organizations.server");
    const settings = await getOrganizationSettings(db, world.admin.organization_id);
    const queries = [
      "",
      "by=recruiter",
      "by=position&sort=interviews&dir=desc",
      `client=${world.clientA}`,
      `client=${world.clientB}&by=recruiter`,
      `client=${world.clientB}&by=position`,
      `recruiter=${world.r2}`,
      `recruiter=${world.r1}&by=recruiter`,
      // One row to a page (a page of its own: "page=", and by interviewer, Imogen and Hugo): the
      // breakdown's percentiles are read for the page's groups (breakdownLatency), or all when sorted
      // by one.
      "by=interviewer",
      "by=interviewer&page=2",
      "by=interviewer&sort=label&dir=asc&page=2",
      "by=interviewer&sort=medianLatency&dir=desc",
      "by=interviewer&sort=p90Latency&dir=asc&page=2",
      "by=recruiter&sort=label&page=2",
      "by=recruiter&sort=medianLatency&page=2",
      // (A client's recruiters, and a recruiter's clients: one each here.)
      `client=${world.clientA}&by=recruiter&page=1`,
      `recruiter=${world.r1}&by=client&page=1`,
      "by=round&sort=label&dir=desc&page=2",
      "round=1&by=client&sort=label&page=2",
    ];
    const mark = await db
      .selectFrom("organizations")
      .select("windows_swept_until")
      .where("id", "=", world.admin.organization_id)
      .executeTakeFirstOrThrow();
    const load = (query: string, now: Date) => {
      const params = parseDashboardParams(new URLSearchParams(query));
      return loadDashboard(
        db,
        world.admin,
        { ...params, pageSize: params.by === "interviewer" || query.includes("page=") ? 1 : params.pageSize },
        { windows: settings.windows, weights: settings.weights },
        now,
      );
    };
    // Now, and later, when the recent interview's window has closed since the mark.
    const nows = [new Date(), new Date(Date.now() + 4 * 86_400_000)];
    const fromSummaries = [];
    for (const now of nows) for (const query of queries) fromSummaries.push(await load(query, now));
    // Never swept: the summaries do not answer, every figure is counted from the interviews.
    await db
      .updateTable("organizations")
      .set({ windows_swept_until: null })
      .where("id", "=", world.admin.organization_id)
      .execute();
    try {
      const fromInterviews = [];
      for (const now of nows) for (const query of queries) fromInterviews.push(await load(query, now));
      expect(fromSummaries).toEqual(fromInterviews);
      expect(fromSummaries[0]?.headline.interviews).toBe(36);
      // The pages of one row hold percentiles to compare: second pages, and pages sorted by one.
      const paged = fromSummaries.filter((_, i) => {
        const query = queries[i % queries.length];
        return query.startsWith("by=interviewer") || query.includes("page=");
      });
      for (const page of paged) {
        const rows = page.breakdown.rows.map((r) => [r.label, r.medianLatency]);
        expect(
          rows.some(([, median]) => median !== null),
          JSON.stringify(rows),
        ).toBe(true);
      }
    } finally {
      await db
        .updateTable("organizations")
        .set({ windows_swept_until: mark.windows_swept_until })
        .where("id", "=", world.admin.organization_id)
        .execute();
    }
  });
});

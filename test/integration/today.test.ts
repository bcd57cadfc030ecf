// The Today page's lists against a real migrated database: what each section takes and leaves out,
// its order, its scope (another organization's rows and another hiring manager's positions never
// appear), and the per-user mark of the last visit.
import { beforeAll, describe, expect, it } from "vitest";
import type { Kysely } from "kysely";
import type { Database } from "../../db/schema";
import { DEFAULT_SETTINGS } from "../../app/core/settings";
import {
  createApplication,
  createCandidate,
  createFollowUp,
  createInterview,
  createPosition,
  createUser,
  createWorkspace,
} from "../factories";
import { freshDatabase, onPostgres, routeArgs, sessionCookie, statusOf } from "../helpers";

let db: Kysely<Database>;
let today: typeof import("../../app/data/today.server");
beforeAll(async () => {
  db = await freshDatabase();
  today = await import("../../app/data/today.server");
});

const HOUR = 3_600_000;
const NOW_MS = Date.parse("2026-12-05T12:00:00.000Z");
const NOW = new Date(NOW_MS).toISOString();
const ago = (hours: number) => new Date(NOW_MS - hours * HOUR).toISOString();
const WINDOWS = DEFAULT_SETTINGS.windows;

/**
 * An organization with a recruiter (`me`), a second recruiter, and two hiring managers with a position
 * each (`p1` managed by `hm1`, `p2` by `hm2`).
 */
async function organization() {
  const ws = await createWorkspace(db, { role: "recruiter" });
  const org = { organization_id: ws.organizationId };
  const colleague = await createUser(db, { ...org, role: "recruiter" });
  const hm1 = await createUser(db, { ...org, role: "hiring_manager" });
  const hm2 = await createUser(db, { ...org, role: "hiring_manager" });
  const p1 = await createPosition(db, { ...org, client_id: ws.clientId, hiring_manager_id: hm1.id });
  const p2 = await createPosition(db, { ...org, client_id: ws.clientId, hiring_manager_id: hm2.id });
  return { ...ws, me: ws.user, colleague, hm1, hm2, p1, p2 };
}

/** An awaiting interview (no follow-up) of a new application to `positionId`, ended `hoursAgo`. */
async function awaiting(
  positionId: number,
  hoursAgo: number,
  extra: { logged_by?: number; recruiter_id?: number; name?: string } = {},
) {
  const application = await createApplication(db, {
    position_id: positionId,
    recruiter_id: extra.recruiter_id ?? null,
    candidate: { name: extra.name ?? "Dana Example" },
  });
  const endsAt = ago(hoursAgo);
  return createInterview(db, {
    application_id: application.id,
    ends_at: endsAt,
    closes_at: new Date(Date.parse(endsAt) + WINDOWS.late * 60_000).toISOString(),
    logged_by: extra.logged_by ?? null,
  });
}

describe("listClosingSoon", () => {
  it("takes awaiting interviews whose next window closes within 24 h, mine first, soonest first", async () => {
    const o = await organization();
    const other = await organization();
    const loggedByMe = await awaiting(o.p1.id, 2, { logged_by: o.me.id }); // best closes in 4 h
    const myApplication = await awaiting(o.p2.id, 70, { recruiter_id: o.me.id }); // late closes in 2 h
    const team1 = await awaiting(o.p2.id, 23, { logged_by: o.colleague.id }); // acceptable closes in 1 h
    const team2 = await awaiting(o.p1.id, 11); // ideal closes in 1 h too
    await awaiting(o.p1.id, 30); // next window (late) closes in 42 h
    await awaiting(o.p1.id, 80); // every window closed
    const answered = await awaiting(o.p1.id, 2, { logged_by: o.me.id });
    await db
      .updateTable("interviews")
      .set({ first_follow_up_at: ago(1), latency_minutes: 60, window: "best" })
      .where("id", "=", answered.id)
      .execute();
    await awaiting(other.p1.id, 2, { logged_by: other.me.id }); // another organization's

    const { mine, team } = await today.listClosingSoon(db, o.me, NOW, WINDOWS);
    expect(mine.map((r) => r.id)).toEqual([myApplication.id, loggedByMe.id]);
    expect(mine[0].next.window).toBe("late");
    expect(mine[1].next).toMatchObject({ window: "best", at: ago(-4) });
    // team1's acceptable window and team2's ideal window both close in an hour: the earlier end goes first.
    expect(team.map((r) => r.id)).toEqual([team1.id, team2.id]);
  });

  it("follows the organization's thresholds", async () => {
    const o = await organization();
    const interview = await awaiting(o.p1.id, 30);
    const windows = { ...WINDOWS, late: 36 * 60 };
    await db
      .updateTable("interviews")
      .set({ closes_at: new Date(Date.parse(interview.ends_at) + 36 * HOUR).toISOString() })
      .where("id", "=", interview.id)
      .execute();
    const { team } = await today.listClosingSoon(db, o.me, NOW, windows);
    expect(team.map((r) => r.id)).toEqual([interview.id]);
    expect(team[0].next.window).toBe("late");
  });

  it("shows a hiring manager only their positions, all of them as theirs", async () => {
    const o = await organization();
    const theirs = await awaiting(o.p1.id, 2, { logged_by: o.colleague.id });
    await awaiting(o.p2.id, 2, { logged_by: o.colleague.id });
    const { mine, team } = await today.listClosingSoon(db, o.hm1, NOW, WINDOWS);
    expect(mine.map((r) => r.id)).toEqual([theirs.id]);
    expect(team).toEqual([]);
  });
});

describe("listFollowUpsSince", () => {
  async function followUp(positionId: number, receivedHoursAgo: number, score: number | null) {
    const interview = await awaiting(positionId, receivedHoursAgo + 2);
    return createFollowUp(db, { interview_id: interview.id, received_at: ago(receivedHoursAgo), score });
  }

  it("takes follow-ups received after the mark, newest first, with the total", async () => {
    const o = await organization();
    const other = await organization();
    const older = await followUp(o.p2.id, 30, 55);
    const newest = await followUp(o.p1.id, 1, 82.4);
    await followUp(o.p1.id, 60, 70); // before the mark
    await followUp(other.p1.id, 1, 90); // another organization's

    const { rows, total } = await today.listFollowUpsSince(db, o.me, ago(48), 10);
    expect(total).toBe(2);
    expect(rows.map((r) => r.id)).toEqual([newest.id, older.id]);
    expect(rows[0]).toMatchObject({ score: 82.4, position_id: o.p1.id });

    const limited = await today.listFollowUpsSince(db, o.me, ago(48), 1);
    expect(limited.total).toBe(2);
    expect(limited.rows.map((r) => r.id)).toEqual([newest.id]);
  });

  it("shows a hiring manager only their positions' follow-ups", async () => {
    const o = await organization();
    await followUp(o.p1.id, 1, 80);
    const theirs = await followUp(o.p2.id, 3, 40);
    const { rows, total } = await today.listFollowUpsSince(db, o.hm2, ago(48), 10);
    expect(total).toBe(1);
    expect(rows.map((r) => r.id)).toEqual([theirs.id]);
  });
});

describe("listAwaitingOutcome", () => {
  async function application(
    positionId: number,
    summary: { outcome?: "pending" | "offer"; interviews: number; decided: number; lastEnd: string },
  ) {
    return createApplication(db, {
      position_id: positionId,
      outcome: summary.outcome ?? "pending",
      outcome_on: summary.outcome === "offer" ? "2026-12-01" : null,
      interview_count: summary.interviews,
      decided_interview_count: summary.decided,
      last_interview_end: summary.lastEnd,
    });
  }

  it("takes pending applications whose interviews are all decided, longest waiting first", async () => {
    const o = await organization();
    const other = await organization();
    const recent = await application(o.p1.id, { interviews: 2, decided: 2, lastEnd: ago(100) });
    const oldest = await application(o.p2.id, { interviews: 1, decided: 1, lastEnd: ago(400) });
    await application(o.p1.id, { interviews: 2, decided: 1, lastEnd: ago(100) }); // one still awaiting
    await application(o.p1.id, { outcome: "offer", interviews: 1, decided: 1, lastEnd: ago(100) });
    await application(o.p1.id, { interviews: 0, decided: 0, lastEnd: ago(100) }); // not interviewed
    await application(other.p1.id, { interviews: 1, decided: 1, lastEnd: ago(100) });

    const { rows, total } = await today.listAwaitingOutcome(db, o.me, 10);
    expect(total).toBe(2);
    expect(rows.map((r) => r.id)).toEqual([oldest.id, recent.id]);

    const manager = await today.listAwaitingOutcome(db, o.hm1, 10);
    expect(manager.rows.map((r) => r.id)).toEqual([recent.id]);
    expect(manager.total).toBe(1);
  });
});

describe("markTodaySeen", () => {
  it("looks back a week first, keeps a visit's start on a reload, and starts a new visit at the last view", async () => {
    const user = await createUser(db);
    expect(await today.markTodaySeen(db, user.id, NOW)).toBe(ago(7 * 24));
    // Minutes later (a reload, or the page refreshing after a form): the same visit.
    expect(await today.markTodaySeen(db, user.id, ago(-0.1))).toBe(ago(7 * 24));
    // Hours later: a new visit starts at the last view.
    expect(await today.markTodaySeen(db, user.id, ago(-5))).toBe(ago(-0.1));
    const stored = await db
      .selectFrom("users")
      .select(["today_seen_at", "today_since"])
      .where("id", "=", user.id)
      .executeTakeFirstOrThrow();
    expect(stored).toEqual({ today_seen_at: ago(-5), today_since: ago(-0.1) });
    // Another user's mark is their own.
    const other = await createUser(db, { organization_id: user.organization_id });
    expect(await today.markTodaySeen(db, other.id, ago(-5))).toBe(ago(-5 + 7 * 24));
  });
});

describe("the Today route", () => {
  it("sends a client viewer to their report and gives an empty organization first steps", async () => {
    const { loader } = await import("../../app/routes/_app._index");
    const viewer = await createWorkspace(db, { role: "client_viewer" });
    const sent = await loader(routeArgs("/", await sessionCookie(viewer.user.id)));
    expect(sent instanceof Response && sent.headers.get("Location")).toBe("/reports");

    const empty = await createWorkspace(db, { role: "recruiter" });
    const first = await loader(routeArgs("/", await sessionCookie(empty.user.id)));
    expect(first).toMatchObject({ firstRun: true });
    expect((first as { steps: { to: string }[] }).steps.map((s) => s.to)).toEqual([
      "/import",
      "/positions/new",
    ]);

    await createCandidate(db, { organization_id: empty.organizationId });
    expect(await today.organizationHasCandidates(db, empty.organizationId)).toBe(true);
    const lists = await loader(routeArgs("/", await sessionCookie(empty.user.id)));
    expect(lists).toMatchObject({ firstRun: false, closing: { total: 0 }, outcomes: { total: 0 } });
    expect(await statusOf(() => loader(routeArgs("/", null)))).toBe(302);
  });
});

// Like query-plans.test.ts: no query of Today reads a whole large table (SQLite's plans, no ANALYZE).
describe.skipIf(onPostgres)("Today's query plans", () => {
  it("walk indexes for a recruiter and a hiring manager", async () => {
    const SQLite = (await import("better-sqlite3")).default;
    const { Kysely: KyselyClass, SqliteDialect } = await import("kysely");
    const sqlite = new SQLite(process.env.DATABASE_URL as string);
    const captured: { sql: string; parameters: readonly unknown[] }[] = [];
    const recording = new KyselyClass<Database>({
      dialect: new SqliteDialect({ database: sqlite }),
      log: (event) => {
        if (event.level === "query") captured.push(event.query);
      },
    });
    const o = await organization();
    for (const viewer of [o.me, o.hm1]) {
      await today.listClosingSoon(recording, viewer, NOW, WINDOWS);
      await today.listFollowUpsSince(recording, viewer, ago(48), 10);
      await today.listAwaitingOutcome(recording, viewer, 10);
    }
    await today.organizationHasCandidates(recording, o.organizationId);
    expect(captured.length).toBe(11);
    const scans = captured.flatMap((q) => {
      const plan = sqlite.prepare(`EXPLAIN QUERY PLAN ${q.sql}`).all(...(q.parameters as unknown[])) as {
        detail: string;
      }[];
      return plan
        .map((p) => p.detail.trim())
        .filter((d) => /^SCAN (candidates|applications|interviews|follow_ups)\b/.test(d) && !/INDEX/.test(d))
        .map((d) => `${d} in ${q.sql.slice(0, 80)}`);
    });
    await recording.destroy();
    expect(scans).toEqual([]);
  });
});

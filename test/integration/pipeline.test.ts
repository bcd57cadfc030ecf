// The pipeline, positions summary and awaiting list against a real migrated SQLite file: filters,
// sorts, counts, scoping, and the writes (deletes that must leave no orphans, read-only roles).
import { beforeAll, describe, expect, it } from "vitest";
import type { Kysely } from "kysely";
import type { Outcome } from "../../app/core/outcomes";
import type { Stage } from "../../app/core/stages";
import type { Application, Database } from "../../db/schema";
import type { PipelineFilters } from "../../app/core/pipeline";
import {
  createApplication,
  createFollowUp,
  createInterview,
  createPosition,
  createUser,
  createWorkspace,
  type Workspace,
} from "../factories";
import { freshDatabase, routeArgs, sessionCookie, statusOf as responseStatusOf } from "../helpers";

let db: Kysely<Database>;
beforeAll(async () => {
  db = await freshDatabase();
});

/** Like statusOf in helpers, also reading the status of a `data(body, { status })` result. */
async function statusOf(run: () => Promise<unknown>): Promise<number> {
  let result: unknown;
  const thrown = await responseStatusOf(async () => {
    result = await run();
    return result;
  });
  const init = (result as { init?: { status?: number } } | undefined)?.init;
  return init?.status ?? thrown;
}

const HOUR = 3_600_000;
const iso = (ms: number) => new Date(ms).toISOString();
const NOW = Date.parse("2026-11-26T12:00:00.000Z");
const LATE = 72 * HOUR;
const noFilters: PipelineFilters = { stage: null, status: null, window: null, band: null, outcome: null };

type InterviewOptions = {
  endedHoursAgo: number;
  followUpAfterHours?: number;
  window?: Database["interviews"]["window"] extends infer W ? W : never;
  now?: number;
};

/** An interview that ended `endedHoursAgo` before `now`, with its first follow-up after `followUpAfterHours` (if any). */
async function addInterview(applicationId: number, o: InterviewOptions) {
  const now = o.now ?? NOW;
  const ends = now - o.endedHoursAgo * HOUR;
  const received = o.followUpAfterHours == null ? null : ends + o.followUpAfterHours * HOUR;
  const interview = await createInterview(db, {
    application_id: applicationId,
    interviewer_name: "Iris Interviewer",
    ends_at: iso(ends),
    notes: "Talked about territory planning.",
    mail_token: null,
    closes_at: iso(ends + LATE),
    first_follow_up_at: received == null ? null : iso(received),
    latency_minutes: o.followUpAfterHours == null ? null : o.followUpAfterHours * 60,
    window: o.window ?? null,
  });
  if (received != null) {
    const followUp = await createFollowUp(db, {
      interview_id: interview.id,
      received_at: iso(received),
      subject: "Thanks",
      body: "Thank you for the conversation.",
      created_at: iso(received),
    });
    await db
      .updateTable("interviews")
      .set({ first_follow_up_id: followUp.id })
      .where("id", "=", interview.id)
      .execute();
  }
  await db
    .updateTable("applications")
    .set({ last_interview_end: iso(ends) })
    .where("id", "=", applicationId)
    .execute();
  return interview.id;
}

async function setApplication(
  applicationId: number,
  values: Partial<{
    stage: Stage;
    outcome: Outcome;
    best_score: number | null;
    followed_up_count: number;
    decided_interview_count: number;
    recruiter_id: number | null;
  }>,
) {
  await db.updateTable("applications").set(values).where("id", "=", applicationId).execute();
}

async function pipeline() {
  return import("../../app/data/pipeline.server");
}

describe("the pipeline query", () => {
  // One position with six applications covering every status, window, band, stage and outcome.
  let org: Workspace;
  const apps: Record<string, Application> = {};

  beforeAll(async () => {
    org = await createWorkspace(db, { role: "recruiter" });
    const otherRecruiter = await createUser(db, { organization_id: org.organizationId, role: "recruiter" });
    await db.updateTable("users").set({ name: "Aaron Early" }).where("id", "=", otherRecruiter.id).execute();
    await db.updateTable("users").set({ name: "Zoe Later" }).where("id", "=", org.user.id).execute();

    apps.awaiting = await createApplication(db, {
      position_id: org.positionId,
      candidate: { name: "Ada Awaiting" },
    });
    await addInterview(apps.awaiting.id, { endedHoursAgo: 2 });
    await setApplication(apps.awaiting.id, { stage: "interview", recruiter_id: org.user.id });

    apps.best = await createApplication(db, { position_id: org.positionId, candidate: { name: "Bea Best" } });
    await addInterview(apps.best.id, {
      endedHoursAgo: 30,
      followUpAfterHours: 3,
      window: "best",
    });
    await setApplication(apps.best.id, {
      stage: "final",
      best_score: 82.4,
      outcome: "offer",
      recruiter_id: otherRecruiter.id,
    });

    apps.late = await createApplication(db, { position_id: org.positionId, candidate: { name: "Cy Late" } });
    await addInterview(apps.late.id, {
      endedHoursAgo: 100,
      followUpAfterHours: 50,
      window: "late",
    });
    await setApplication(apps.late.id, { stage: "screen", best_score: 39.4, outcome: "rejected" });

    // Silent after the window closed: none.
    apps.silent = await createApplication(db, {
      position_id: org.positionId,
      candidate: { name: "Dee Silent" },
    });
    await addInterview(apps.silent.id, { endedHoursAgo: 80 });
    await setApplication(apps.silent.id, { stage: "interview", best_score: 69.6 });

    // Replied only after the last window: none as well.
    apps.tooLate = await createApplication(db, {
      position_id: org.positionId,
      candidate: { name: "Eve Toolate" },
    });
    await addInterview(apps.tooLate.id, {
      endedHoursAgo: 200,
      followUpAfterHours: 80,
      window: "none",
    });
    await setApplication(apps.tooLate.id, {
      stage: "closed",
      best_score: 39.5,
      outcome: "withdrawn",
    });

    // Never interviewed; email with a literal percent sign to test LIKE escaping.
    apps.fresh = await createApplication(db, {
      position_id: org.positionId,
      candidate: { name: "Finn Fresh" },
    });
    await db
      .updateTable("candidates")
      .set({ email: "finn_100%@example.test" })
      .where("id", "=", apps.fresh.candidate_id)
      .execute();
    await setApplication(apps.fresh.id, { stage: "applied" });

    // Someone at another position of the same org: never in this pipeline.
    const other = await createPosition(db, {
      client_id: org.clientId,
      title: "Other",
      created_at: iso(NOW),
    });
    await createApplication(db, { position_id: other.id, candidate: { name: "Ada Elsewhere" } });
  });

  const list = (
    overrides: Partial<{ q: string; sort: string; dir: "asc" | "desc"; page: number; pageSize: number }> = {},
  ) => ({
    q: "",
    sort: "candidate" as const,
    dir: "asc" as const,
    page: 1,
    pageSize: 50,
    ...overrides,
  });

  async function names(filters: Partial<PipelineFilters>, overrides: Parameters<typeof list>[0] = {}) {
    const { listPipeline } = await pipeline();
    const { rows, total } = await listPipeline(
      db,
      org.user,
      org.positionId,
      list(overrides) as never,
      { ...noFilters, ...filters },
      iso(NOW),
    );
    expect(total).toBe(rows.length <= 50 ? total : rows.length);
    return rows.map((r) => r.candidate_name.split(" ")[0]);
  }

  it("lists only this position's applications", async () => {
    expect(await names({})).toEqual(["Ada", "Bea", "Cy", "Dee", "Eve", "Finn"]);
  });

  it("filters by the latest interview's follow-up status", async () => {
    expect(await names({ status: "awaiting" })).toEqual(["Ada"]);
    expect(await names({ status: "received" })).toEqual(["Bea", "Cy"]);
    expect(await names({ status: "none" })).toEqual(["Dee", "Eve"]);
    expect(await names({ status: "not_interviewed" })).toEqual(["Finn"]);
  });

  it("uses the latest interview, not any interview", async () => {
    // Bea is interviewed again an hour ago: her status becomes awaiting.
    const again = await addInterview(apps.best.id, { endedHoursAgo: 1 });
    expect(await names({ status: "awaiting" })).toEqual(["Ada", "Bea"]);
    expect(await names({ status: "received" })).toEqual(["Cy"]);
    await db.deleteFrom("interviews").where("id", "=", again).execute();
    await db
      .updateTable("applications")
      .set({ last_interview_end: iso(NOW - 30 * HOUR) })
      .where("id", "=", apps.best.id)
      .execute();
    expect(await names({ status: "received" })).toEqual(["Bea", "Cy"]);
  });

  it("filters by window, score band (edges as displayed), stage and outcome", async () => {
    expect(await names({ window: "best" })).toEqual(["Bea"]);
    expect(await names({ window: "late" })).toEqual(["Cy"]);
    expect(await names({ band: "high" })).toEqual(["Bea", "Dee"]); // 82.4 and 69.6 (shows as 70)
    expect(await names({ band: "mid" })).toEqual(["Eve"]); // 39.5 shows as 40
    expect(await names({ band: "low" })).toEqual(["Cy"]); // 39.4 shows as 39
    expect(await names({ band: "unscored" })).toEqual(["Ada", "Finn"]);
    expect(await names({ stage: "interview" })).toEqual(["Ada", "Dee"]);
    expect(await names({ outcome: "offer" })).toEqual(["Bea"]);
    expect(await names({ outcome: "pending" })).toEqual(["Ada", "Dee", "Finn"]);
    expect(await names({ stage: "interview", band: "high" })).toEqual(["Dee"]);
  });

  it("searches names and emails, with LIKE wildcards taken literally", async () => {
    expect(await names({}, { q: "ADA" })).toEqual(["Ada"]);
    expect(await names({}, { q: "100%" })).toEqual(["Finn"]);
    expect(await names({}, { q: "_" })).toEqual(["Finn"]);
    expect(await names({}, { q: "%" })).toEqual(["Finn"]);
  });

  it("sorts by every column, both ways, with empty values last", async () => {
    expect(await names({}, { sort: "candidate", dir: "desc" })).toEqual([
      "Finn",
      "Eve",
      "Dee",
      "Cy",
      "Bea",
      "Ada",
    ]);
    expect(await names({}, { sort: "stage" })).toEqual(["Finn", "Cy", "Ada", "Dee", "Bea", "Eve"]);
    expect(await names({}, { sort: "score", dir: "desc" })).toEqual([
      "Bea",
      "Dee",
      "Eve",
      "Cy",
      "Ada",
      "Finn",
    ]);
    expect(await names({}, { sort: "score", dir: "asc" })).toEqual([
      "Cy",
      "Eve",
      "Dee",
      "Bea",
      "Ada",
      "Finn",
    ]);
    expect(await names({}, { sort: "lastInterview", dir: "desc" })).toEqual([
      "Ada",
      "Bea",
      "Dee",
      "Cy",
      "Eve",
      "Finn",
    ]);
    expect(await names({}, { sort: "outcome" })).toEqual(["Ada", "Dee", "Finn", "Bea", "Cy", "Eve"]);
    // Awaiting first, then received, none, not interviewed; within a status by deadline.
    expect(await names({}, { sort: "status" })).toEqual(["Ada", "Cy", "Bea", "Eve", "Dee", "Finn"]);
    expect(await names({}, { sort: "recruiter" })).toEqual(["Bea", "Ada", "Cy", "Dee", "Eve", "Finn"]);
  });

  it("pages on the server", async () => {
    const { listPipeline } = await pipeline();
    const first = await listPipeline(
      db,
      org.user,
      org.positionId,
      list({ pageSize: 4 }) as never,
      noFilters,
      iso(NOW),
    );
    const second = await listPipeline(
      db,
      org.user,
      org.positionId,
      list({ pageSize: 4, page: 2 }) as never,
      noFilters,
      iso(NOW),
    );
    expect(first.total).toBe(6);
    expect(first.rows.map((r) => r.candidate_name)).toHaveLength(4);
    expect(second.rows.map((r) => r.candidate_name)).toEqual(["Eve Toolate", "Finn Fresh"]);
  });

  it("reads its whole view from the URL through the loader, ignoring values outside the whitelists", async () => {
    const { loader } = await import("../../app/routes/_app.positions.$positionId._index");
    const cookie = await sessionCookie(org.user.id);
    const url = `/positions/${org.positionId}?stage=interview&band=high&sort=candidate&dir=asc&cols=stage,score`;
    const result = await loader(routeArgs(url, cookie, { positionId: String(org.positionId) }));
    expect(result.rows.map((r) => r.candidate)).toEqual(["Dee Silent"]);
    expect(result.columns).toEqual(["stage", "score"]);
    expect(result.rows[0].score).toBe(70);
    const mangled = await loader(
      routeArgs(`/positions/${org.positionId}?stage=hacked&sort=password_hash&status=%27`, cookie, {
        positionId: String(org.positionId),
      }),
    );
    expect(mangled.total).toBe(6);
    expect(mangled.list.sort).toBe("lastInterview");
  });
});

describe("the positions summary", () => {
  it("counts candidates by stage, awaiting interviews and the follow-up rate per position, in one page", async () => {
    const { listPositionSummaries } = await import("../../app/data/positions.server");
    const org = await createWorkspace(db, { role: "admin" });
    const now = Date.now();
    const a = await createApplication(db, { position_id: org.positionId, candidate: { name: "One" } });
    const b = await createApplication(db, { position_id: org.positionId, candidate: { name: "Two" } });
    const c = await createApplication(db, { position_id: org.positionId, candidate: { name: "Three" } });
    await setApplication(a.id, {
      stage: "screen",
      followed_up_count: 2,
      decided_interview_count: 2,
    });
    await setApplication(b.id, {
      stage: "screen",
      followed_up_count: 0,
      decided_interview_count: 1,
    });
    await setApplication(c.id, {
      stage: "final",
      followed_up_count: 1,
      decided_interview_count: 1,
    });
    await addInterview(a.id, { endedHoursAgo: 1, now });
    await addInterview(a.id, { endedHoursAgo: 5, now });
    await addInterview(b.id, {
      endedHoursAgo: 3,
      followUpAfterHours: 1,
      window: "best",
      now,
    });
    await addInterview(c.id, { endedHoursAgo: 90, now });
    const closed = await createPosition(db, {
      client_id: org.clientId,
      title: "Closed role",
      status: "closed",
      opened_on: "2026-01-01",
      closed_on: "2026-03-01",
      created_at: iso(now),
    });

    const params = { status: "open" as const, clientId: null, q: "", page: 1, pageSize: 50 };
    const open = await listPositionSummaries(db, org.user, params, iso(now));
    expect(open.total).toBe(1);
    const row = open.rows[0];
    expect(row.candidates).toBe(3);
    expect(row.byStage).toEqual({ applied: 0, screen: 2, interview: 0, final: 1, offer: 0, closed: 0 });
    expect(row.awaiting).toBe(2);
    expect(row.followUpRate).toBeCloseTo(3 / 4);

    const all = await listPositionSummaries(db, org.user, { ...params, status: "all" }, iso(now));
    expect(all.rows.map((r) => r.title)).toEqual([open.rows[0].title, "Closed role"].sort());
    const closedRow = all.rows.find((r) => r.id === closed.id)!;
    expect(closedRow).toMatchObject({ candidates: 0, awaiting: 0, followUpRate: null });
    expect(
      (await listPositionSummaries(db, org.user, { ...params, status: "closed" }, iso(now))).rows.map(
        (r) => r.id,
      ),
    ).toEqual([closed.id]);
  });
});

describe("scoping", () => {
  it("shows a hiring manager only their positions, and answers 404 for another manager's", async () => {
    const org = await createWorkspace(db, { role: "admin" });
    const mine = await createUser(db, { organization_id: org.organizationId, role: "hiring_manager" });
    const theirs = await createUser(db, { organization_id: org.organizationId, role: "hiring_manager" });
    await db
      .updateTable("positions")
      .set({ hiring_manager_id: theirs.id })
      .where("id", "=", org.positionId)
      .execute();
    const myPosition = await createPosition(db, {
      client_id: org.clientId,
      title: "Mine",
      hiring_manager_id: mine.id,
      created_at: iso(NOW),
    });
    const theirApp = await createApplication(db, {
      position_id: org.positionId,
      candidate: { name: "Their Candidate" },
    });
    await addInterview(theirApp.id, { endedHoursAgo: 1, now: Date.now() });
    const cookie = await sessionCookie(mine.id);

    const pipelineRoute = await import("../../app/routes/_app.positions.$positionId._index");
    expect(
      await statusOf(() =>
        pipelineRoute.loader(
          routeArgs(`/positions/${myPosition.id}`, cookie, { positionId: String(myPosition.id) }),
        ),
      ),
    ).toBe(200);
    expect(
      await statusOf(() =>
        pipelineRoute.loader(
          routeArgs(`/positions/${org.positionId}`, cookie, { positionId: String(org.positionId) }),
        ),
      ),
    ).toBe(404);

    const positions = await import("../../app/routes/_app.positions._index");
    const list = await positions.loader(routeArgs("/positions", cookie));
    expect(list.groups.flatMap((g) => g.positions.map((p) => p.title))).toEqual(["Mine"]);

    const awaiting = await import("../../app/routes/_app.awaiting");
    expect((await awaiting.loader(routeArgs("/awaiting", cookie))).rows).toEqual([]);
    const theirCookie = await sessionCookie(theirs.id);
    expect((await awaiting.loader(routeArgs("/awaiting", theirCookie))).rows.map((r) => r.candidate)).toEqual(
      ["Their Candidate"],
    );

    // Nor can the manager act on the other position's application.
    const application = await import("../../app/routes/_app.applications.$applicationId._index");
    const post = routeArgs(
      `/applications/${theirApp.id}`,
      cookie,
      { applicationId: String(theirApp.id) },
      { method: "POST", body: new URLSearchParams({ intent: "stage", stage: "final" }) },
    );
    expect(await statusOf(() => application.action(post))).toBe(404);
  });

  it("shows a recruiter of another organization nothing", async () => {
    const ours = await createWorkspace(db, { role: "recruiter" });
    const theirs = await createWorkspace(db, { role: "recruiter" });
    const app = await createApplication(db, {
      position_id: ours.positionId,
      candidate: { name: "Private Person" },
    });
    await addInterview(app.id, { endedHoursAgo: 1, now: Date.now() });
    const cookie = await sessionCookie(theirs.user.id);

    const pipelineRoute = await import("../../app/routes/_app.positions.$positionId._index");
    expect(
      await statusOf(() =>
        pipelineRoute.loader(
          routeArgs(`/positions/${ours.positionId}`, cookie, { positionId: String(ours.positionId) }),
        ),
      ),
    ).toBe(404);
    const positions = await import("../../app/routes/_app.positions._index");
    const titles = (await positions.loader(routeArgs("/positions?status=all", cookie))).groups.flatMap((g) =>
      g.positions.map((p) => p.id),
    );
    expect(titles).toEqual([theirs.positionId]);
    const awaiting = await import("../../app/routes/_app.awaiting");
    expect((await awaiting.loader(routeArgs("/awaiting", cookie))).rows).toEqual([]);
    const application = await import("../../app/routes/_app.applications.$applicationId._index");
    expect(
      await statusOf(() =>
        application.loader(
          routeArgs(`/applications/${app.id}`, cookie, {
            applicationId: String(app.id),
          }),
        ),
      ),
    ).toBe(404);
    const del = await import("../../app/routes/_app.candidates.$candidateId_.delete");
    const post = routeArgs(
      `/candidates/${app.candidate_id}/delete`,
      cookie,
      { candidateId: String(app.candidate_id) },
      { method: "POST", body: new URLSearchParams({ confirm: "yes" }) },
    );
    expect(await statusOf(() => del.action(post))).toBe(404);
    expect(
      await db.selectFrom("candidates").select("id").where("id", "=", app.candidate_id).executeTakeFirst(),
    ).toBeTruthy();
  });

  it("lets a client viewer read but answers 403 to every write", async () => {
    const org = await createWorkspace(db, { role: "client_viewer" });
    const app = await createApplication(db, {
      position_id: org.positionId,
      candidate: { name: "Watched Candidate" },
    });
    const cookie = await sessionCookie(org.user.id);
    const pipelineRoute = await import("../../app/routes/_app.positions.$positionId._index");
    const view = await pipelineRoute.loader(
      routeArgs(`/positions/${org.positionId}`, cookie, { positionId: String(org.positionId) }),
    );
    expect(view.rows.map((r) => r.candidate)).toEqual(["Watched Candidate"]);
    expect(view.canManage).toBe(false);
    expect(view.canEditPosition).toBe(false);

    const post = (url: string, params: Record<string, string>, body: Record<string, string>) =>
      routeArgs(url, cookie, params, { method: "POST", body: new URLSearchParams(body) });
    const newPosition = await import("../../app/routes/_app.positions.new");
    expect(
      await statusOf(() =>
        newPosition.action(
          post(
            "/positions/new",
            {},
            { title: "X", clientId: String(org.clientId), status: "open", openedOn: "2026-11-01" },
          ),
        ),
      ),
    ).toBe(403);
    const newClient = await import("../../app/routes/_app.clients.new");
    expect(await statusOf(() => newClient.action(post("/clients/new", {}, { name: "X" })))).toBe(403);
    const newCandidate = await import("../../app/routes/_app.candidates.new");
    expect(
      await statusOf(() => newCandidate.action(post("/candidates/new", {}, { name: "X", email: "" }))),
    ).toBe(403);
    const application = await import("../../app/routes/_app.applications.$applicationId._index");
    const id = String(app.id);
    expect(
      await statusOf(() =>
        application.action(
          post(
            `/applications/${id}`,
            { applicationId: id },
            { intent: "outcome", outcome: "hired", outcomeOn: "2026-11-01" },
          ),
        ),
      ),
    ).toBe(403);
    const deletePosition = await import("../../app/routes/_app.positions.$positionId.delete");
    expect(
      await statusOf(() =>
        deletePosition.action(
          post(
            `/positions/${org.positionId}/delete`,
            { positionId: String(org.positionId) },
            { confirm: "yes" },
          ),
        ),
      ),
    ).toBe(403);
    const row = await db
      .selectFrom("applications")
      .select("outcome")
      .where("id", "=", app.id)
      .executeTakeFirstOrThrow();
    expect(row.outcome).toBe("pending");
  });
});

describe("writes", () => {
  it("deletes a candidate with every application, interview and follow-up, and audits it without their name", async () => {
    const org = await createWorkspace(db, { role: "recruiter" });
    const second = await createPosition(db, {
      client_id: org.clientId,
      title: "Second",
      created_at: iso(NOW),
    });
    const first = await createApplication(db, {
      position_id: org.positionId,
      candidate: { name: "Forget Me" },
    });
    const other = await createApplication(db, {
      candidate_id: first.candidate_id,
      position_id: second.id,
      stage: "screen",
      created_at: iso(NOW),
    });
    await addInterview(first.id, {
      endedHoursAgo: 10,
      followUpAfterHours: 2,
      window: "best",
    });
    await addInterview(other.id, {
      endedHoursAgo: 20,
      followUpAfterHours: 5,
      window: "best",
    });
    const bystander = await createApplication(db, {
      position_id: org.positionId,
      candidate: { name: "Keep Me" },
    });
    await addInterview(bystander.id, {
      endedHoursAgo: 10,
      followUpAfterHours: 2,
      window: "best",
    });

    const cookie = await sessionCookie(org.user.id);
    const route = await import("../../app/routes/_app.candidates.$candidateId_.delete");
    const args = (body: Record<string, string>) =>
      routeArgs(
        `/candidates/${first.candidate_id}/delete`,
        cookie,
        { candidateId: String(first.candidate_id) },
        { method: "POST", body: new URLSearchParams(body) },
      );
    const impact = await route.loader(args({}));
    expect(impact.impact).toEqual({ applications: 2, interviews: 2, followUps: 2 });

    // Without the box ticked, nothing happens.
    expect(await statusOf(() => route.action(args({})))).toBe(400);
    expect(
      await db.selectFrom("candidates").select("id").where("id", "=", first.candidate_id).executeTakeFirst(),
    ).toBeTruthy();

    expect(await statusOf(() => route.action(args({ confirm: "yes" })))).toBe(302);
    const count = async (table: "candidates" | "applications" | "interviews" | "follow_ups") =>
      Number(
        (
          await db
            .selectFrom(table)
            .select((eb) => eb.fn.countAll<number>().as("n"))
            .where("organization_id", "=", org.organizationId)
            .executeTakeFirstOrThrow()
        ).n,
      );
    expect(await count("candidates")).toBe(1);
    expect(await count("applications")).toBe(1);
    expect(await count("interviews")).toBe(1);
    expect(await count("follow_ups")).toBe(1);
    const audit = await db
      .selectFrom("audit_log")
      .selectAll()
      .where("organization_id", "=", org.organizationId)
      .where("entity", "=", "candidate")
      .where("action", "=", "delete")
      .executeTakeFirstOrThrow();
    expect(audit.entity_id).toBe(first.candidate_id);
    expect(audit.detail ?? "").not.toContain("Forget");
  });

  it("refuses to delete a client with positions, and deletes a position's applications only once confirmed", async () => {
    const org = await createWorkspace(db, { role: "admin" });
    await createApplication(db, { position_id: org.positionId, candidate: { name: "In The Pipeline" } });
    const cookie = await sessionCookie(org.user.id);
    const post = (url: string, params: Record<string, string>, body: Record<string, string>) =>
      routeArgs(url, cookie, params, { method: "POST", body: new URLSearchParams(body) });

    const deleteClient = await import("../../app/routes/_app.clients.$clientId.delete");
    expect(
      await statusOf(() =>
        deleteClient.action(post(`/clients/${org.clientId}/delete`, { clientId: String(org.clientId) }, {})),
      ),
    ).toBe(400);

    const deletePosition = await import("../../app/routes/_app.positions.$positionId.delete");
    const params = { positionId: String(org.positionId) };
    expect(
      await statusOf(() => deletePosition.action(post(`/positions/${org.positionId}/delete`, params, {}))),
    ).toBe(400);
    expect(
      await db.selectFrom("positions").select("id").where("id", "=", org.positionId).executeTakeFirst(),
    ).toBeTruthy();
    expect(
      await statusOf(() =>
        deletePosition.action(post(`/positions/${org.positionId}/delete`, params, { confirm: "yes" })),
      ),
    ).toBe(302);
    expect(
      await db
        .selectFrom("applications")
        .select("id")
        .where("position_id", "=", org.positionId)
        .executeTakeFirst(),
    ).toBeUndefined();
    // The candidate stays: they are a person, not part of the position.
    expect(
      await db
        .selectFrom("candidates")
        .select("id")
        .where("organization_id", "=", org.organizationId)
        .execute(),
    ).toHaveLength(1);

    // Now the client has no positions and can go.
    expect(
      await statusOf(() =>
        deleteClient.action(post(`/clients/${org.clientId}/delete`, { clientId: String(org.clientId) }, {})),
      ),
    ).toBe(302);
    const actions = await db
      .selectFrom("audit_log")
      .select(["action", "entity"])
      .where("organization_id", "=", org.organizationId)
      .orderBy("id")
      .execute();
    expect(actions).toEqual([
      { action: "delete", entity: "position" },
      { action: "delete", entity: "client" },
    ]);
  });

  it("validates a position on the server, keeping what was typed, and checks the hiring manager's role", async () => {
    const org = await createWorkspace(db, { role: "recruiter" });
    const recruiter = await createUser(db, { organization_id: org.organizationId, role: "recruiter" });
    const cookie = await sessionCookie(org.user.id);
    const route = await import("../../app/routes/_app.positions.new");
    const submit = (body: Record<string, string>) =>
      route.action(
        routeArgs("/positions/new", cookie, {}, { method: "POST", body: new URLSearchParams(body) }),
      );

    const empty = (await submit({
      title: "  ",
      clientId: "",
      status: "closed",
      openedOn: "2026-11-31",
      closedOn: "",
    })) as unknown as {
      data: { values: Record<string, string>; errors: Record<string, string[]> };
      init: { status: number };
    };
    expect(empty.init.status).toBe(400);
    expect(Object.keys(empty.data.errors).sort()).toEqual(["clientId", "closedOn", "openedOn", "title"]);
    expect(empty.data.values.openedOn).toBe("2026-11-31");

    const wrongRole = (await submit({
      title: "AE",
      clientId: String(org.clientId),
      hiringManagerId: String(recruiter.id),
      status: "open",
      openedOn: "2026-11-02",
    })) as unknown as {
      data: { errors: Record<string, string[]> };
    };
    expect(wrongRole.data.errors.hiringManagerId[0]).toMatch(/hiring manager/);

    const manager = await createUser(db, { organization_id: org.organizationId, role: "hiring_manager" });
    const created = await submit({
      title: "Account Executive, West",
      clientId: String(org.clientId),
      hiringManagerId: String(manager.id),
      status: "open",
      openedOn: "2026-11-02",
    });
    expect(created).toBeInstanceOf(Response);
    const row = await db
      .selectFrom("positions")
      .selectAll()
      .where("title", "=", "Account Executive, West")
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      organization_id: org.organizationId,
      hiring_manager_id: manager.id,
      status: "open",
      opened_on: "2026-11-02",
      closed_on: null,
    });
    expect((created as Response).headers.get("Location")).toBe(`/positions/${row.id}`);
  });

  it("moves stages and records outcomes with the audit trail", async () => {
    const org = await createWorkspace(db, { role: "hiring_manager" });
    await db
      .updateTable("positions")
      .set({ hiring_manager_id: org.user.id })
      .where("id", "=", org.positionId)
      .execute();
    const app = await createApplication(db, {
      position_id: org.positionId,
      candidate: { name: "Moving Candidate" },
    });
    const cookie = await sessionCookie(org.user.id);
    const route = await import("../../app/routes/_app.applications.$applicationId._index");
    const id = String(app.id);
    const submit = (body: Record<string, string>) =>
      route.action(
        routeArgs(
          `/applications/${id}`,
          cookie,
          { applicationId: id },
          { method: "POST", body: new URLSearchParams(body) },
        ),
      );

    await submit({ intent: "stage", stage: "final" });
    const missingDate = (await submit({
      intent: "outcome",
      outcome: "offer",
      outcomeOn: "",
      reason: "",
    })) as unknown as { data: { errors: Record<string, string[]> }; init: { status: number } };
    expect(missingDate.init.status).toBe(400);
    expect(missingDate.data.errors.outcomeOn).toBeTruthy();
    await submit({
      intent: "outcome",
      outcome: "offer",
      outcomeOn: "2026-11-20",
      reason: "Strong references",
    });
    const row = await db
      .selectFrom("applications")
      .selectAll()
      .where("id", "=", app.id)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      stage: "final",
      outcome: "offer",
      outcome_on: "2026-11-20",
      outcome_reason: "Strong references",
    });
    const audit = await db
      .selectFrom("audit_log")
      .select(["action", "entity", "detail"])
      .where("entity_id", "=", app.id)
      .where("entity", "=", "application")
      .orderBy("id")
      .execute();
    expect(audit.map((a) => JSON.parse(a.detail ?? "{}").change)).toEqual(["stage", "outcome"]);
    expect(JSON.parse(audit[0].detail ?? "{}").stage).toEqual({ from: "interview", to: "final" });
  });
});

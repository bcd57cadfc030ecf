// The REST API's behaviour (issue 22): cursor pages and updated_since, idempotency keys, problem
// details naming the field, the per-token rate limit, token states, and writes that go through the
// pages' own data functions (a follow-up posted to the API is checked, scored and audited as the
// form's is). Routes are called as Remix calls them, with real requests, on a real database.
import type { Kysely } from "kysely";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../db/schema";
import { createApiToken, createApplication, createCandidate, createWorkspace } from "../factories";
import { freshDatabase, routeArgs } from "../helpers";

let db: Kysely<Database>;
type Handler = (args: ReturnType<typeof routeArgs>) => Promise<Response>;
type Module = { loader: Handler; action?: Handler };
const route = async (file: string) => (await import(`../../app/routes/${file}.ts`)) as Module;

function call(
  mod: Module,
  token: string,
  url: string,
  {
    method = "GET",
    body,
    headers = {},
    params = {},
  }: {
    method?: string;
    body?: unknown;
    headers?: Record<string, string>;
    params?: Record<string, string>;
  } = {},
) {
  const init: RequestInit = {
    method,
    headers: {
      Authorization: `Bearer ${token}`,
      ...(body !== undefined ? { "Content-Type": "application/json" } : {}),
      ...headers,
    },
    body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
  };
  const args = routeArgs(url, null, params, init);
  return method === "GET" ? mod.loader(args) : mod.action!(args);
}

beforeAll(async () => {
  db = await freshDatabase();
});
afterEach(() => {
  delete process.env.API_RATE_LIMIT;
});

async function recruiterToken(scope: "read" | "write" = "write") {
  const w = await createWorkspace(db, { role: "recruiter" });
  const t = await createApiToken(db, { user_id: w.user.id, scope });
  return { ...w, token: t.token, tokenId: t.id };
}

describe("lists", () => {
  it("pages by an opaque cursor, to the end, each row once", async () => {
    const w = await recruiterToken("read");
    for (let i = 0; i < 5; i++)
      await createCandidate(db, { organization_id: w.organizationId, name: `Pat ${i}` });
    const candidates = await route("api.v1.candidates");
    const seen: number[] = [];
    let url = "/api/v1/candidates?limit=2";
    for (let pages = 0; pages < 10; pages++) {
      const res = await call(candidates, w.token, url);
      expect(res.status).toBe(200);
      expect(res.headers.get("Content-Type")).toBe("application/json");
      const page = (await res.json()) as { data: { id: number }[]; next_cursor: string | null };
      seen.push(...page.data.map((c) => c.id));
      if (!page.next_cursor) break;
      expect(page.next_cursor).not.toMatch(/^\d+$/);
      url = `/api/v1/candidates?limit=2&cursor=${page.next_cursor}`;
    }
    expect(seen).toHaveLength(5);
    expect([...seen].sort((a, b) => a - b)).toEqual(seen);
    expect(new Set(seen).size).toBe(5);
  });

  it("filters by updated_since: rows created or changed by a person since then", async () => {
    const w = await recruiterToken();
    const old = await createCandidate(db, {
      organization_id: w.organizationId,
      created_at: "2026-01-05T00:00:00.000Z",
    });
    await createCandidate(db, { organization_id: w.organizationId, created_at: "2026-01-06T00:00:00.000Z" });
    const candidates = await route("api.v1.candidates");
    const since = "/api/v1/candidates?updated_since=2026-06-01T00:00:00Z";
    expect(((await (await call(candidates, w.token, since)).json()) as { data: unknown[] }).data).toEqual([]);
    const one = await route("api.v1.candidates.$id");
    const patched = await call(one, w.token, `/api/v1/candidates/${old.id}`, {
      method: "PATCH",
      params: { id: String(old.id) },
      body: { name: "Pat Changed", email: old.email, phone: null, source: null },
    });
    expect(patched.status).toBe(200);
    const body = (await patched.json()) as { name: string; updatedAt: string; createdAt: string };
    expect(body.name).toBe("Pat Changed");
    expect(body.updatedAt > body.createdAt).toBe(true);
    const listed = (await (await call(candidates, w.token, since)).json()) as { data: { id: number }[] };
    expect(listed.data.map((c) => c.id)).toEqual([old.id]);
  });

  it("refuses bad query parameters as problem details naming the parameter", async () => {
    const w = await recruiterToken("read");
    const candidates = await route("api.v1.candidates");
    for (const [query, field] of [
      ["limit=0", "limit"],
      ["limit=500", "limit"],
      ["cursor=abc", "cursor"],
      ["updated_since=yesterday", "updated_since"],
    ]) {
      const res = await call(candidates, w.token, `/api/v1/candidates?${query}`);
      expect(res.status, query).toBe(400);
      expect(res.headers.get("Content-Type")).toBe("application/problem+json");
      const problem = (await res.json()) as { status: number; type: string; errors: { field: string }[] };
      expect(problem.status).toBe(400);
      expect(problem.errors[0].field).toBe(field);
    }
  });
});

describe("writes", () => {
  it("answers invalid bodies with RFC 9457 problems naming each field, with the form's messages", async () => {
    const w = await recruiterToken();
    const candidates = await route("api.v1.candidates");
    const res = await call(candidates, w.token, "/api/v1/candidates", {
      method: "POST",
      body: { name: "", email: "not-an-email" },
    });
    expect(res.status).toBe(422);
    expect(res.headers.get("Content-Type")).toBe("application/problem+json");
    const problem = (await res.json()) as { title: string; errors: { field: string; detail: string }[] };
    expect(problem.errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ field: "name", detail: "Enter the candidate's name." }),
        expect.objectContaining({
          field: "email",
          detail: "Enter a valid email address, or leave it empty.",
        }),
      ]),
    );
    const malformed = await call(candidates, w.token, "/api/v1/candidates", {
      method: "POST",
      body: "{nope",
    });
    expect(malformed.status).toBe(400);
    const text = await call(candidates, w.token, "/api/v1/candidates", {
      method: "POST",
      body: "name=x",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
    });
    expect(text.status).toBe(415);
    expect(
      await db
        .selectFrom("candidates")
        .select("id")
        .where("organization_id", "=", w.organizationId)
        .execute(),
    ).toEqual([]);
  });

  it("stores a POST once per Idempotency-Key and replays its answer", async () => {
    const w = await recruiterToken();
    const candidates = await route("api.v1.candidates");
    const post = (body: unknown, key: string) =>
      call(candidates, w.token, "/api/v1/candidates", {
        method: "POST",
        body,
        headers: { "Idempotency-Key": key },
      });
    const body = { name: "Ida Once", email: "ida@example.test", positionId: w.positionId };
    const first = await post(body, "key-1");
    expect(first.status).toBe(201);
    const again = await post(body, "key-1");
    expect(again.status).toBe(201);
    expect(again.headers.get("Idempotent-Replayed")).toBe("true");
    expect(await again.json()).toEqual(await first.json());
    const rows = await db
      .selectFrom("candidates")
      .select("id")
      .where("organization_id", "=", w.organizationId)
      .execute();
    expect(rows).toHaveLength(1);
    const applications = await db
      .selectFrom("applications")
      .select("id")
      .where("candidate_id", "=", rows[0].id)
      .execute();
    expect(applications).toHaveLength(1);
    // The same key with another body is refused; an invalid body claims no key (nothing was tried).
    const reused = await post({ ...body, name: "Other" }, "key-1");
    expect(reused.status).toBe(422);
    expect(((await reused.json()) as { type: string }).type).toContain("idempotency-key-reused");
    expect((await post({ name: "", email: "" }, "key-2")).status).toBe(422);
    expect((await post({ name: "Ida Two", email: "" }, "key-2")).status).toBe(201);
  });

  it("logs an interview and a follow-up through the pages' functions: scored, counted, audited", async () => {
    const w = await recruiterToken();
    const application = await createApplication(db, { position_id: w.positionId });
    const interviews = await route("api.v1.interviews");
    const interview = await call(interviews, w.token, "/api/v1/interviews", {
      method: "POST",
      body: {
        applicationId: application.id,
        interviewerName: "Maya Lindqvist",
        interviewerEmail: "",
        startsAt: "2026-11-24 10:00",
        endsAt: "2026-11-24 11:00",
        timeZone: "Europe/Berlin",
        format: "video",
        round: 1,
        notes: "Discussed the enterprise pipeline and the quarterly quota.",
        moveToStage: "interview",
      },
    });
    expect(interview.status).toBe(201);
    const logged = (await interview.json()) as { id: number; endsAt: string; notes: string };
    expect(logged.endsAt).toBe("2026-11-24T10:00:00.000Z");
    const followUps = await route("api.v1.follow-ups");
    const posted = await call(followUps, w.token, "/api/v1/follow-ups", {
      method: "POST",
      body: {
        interviewId: logged.id,
        receivedAt: "2026-11-24 14:00",
        channel: "email",
        subject: "Thank you",
        body: "Dear Maya, thank you for the conversation about the enterprise pipeline and the quarterly quota. At TechCorp I built a similar pipeline. I am very interested in this role and could share references on Friday. Best, Sam",
      },
    });
    expect(posted.status).toBe(201);
    const followUp = (await posted.json()) as {
      id: number;
      window: string;
      latencyMinutes: number;
      score: number;
      scoreParts: { part: string; points: number; evidence: { text: string }[] }[];
    };
    expect(followUp.window).toBe("best");
    expect(followUp.latencyMinutes).toBe(180);
    expect(followUp.score).toBeGreaterThan(0);
    expect(followUp.scoreParts.map((p) => p.part)).toContain("specificity");
    expect(followUp.scoreParts.some((p) => p.evidence.length > 0)).toBe(true);
    const stored = await db
      .selectFrom("applications")
      .select(["stage", "followed_up_count", "best_score"])
      .where("id", "=", application.id)
      .executeTakeFirstOrThrow();
    expect(stored).toEqual({ stage: "interview", followed_up_count: 1, best_score: followUp.score });
    const audit = await db
      .selectFrom("audit_log")
      .select(["entity", "user_id"])
      .where("organization_id", "=", w.organizationId)
      .where("action", "=", "create")
      .execute();
    expect(audit).toEqual(
      expect.arrayContaining([
        { entity: "interview", user_id: w.user.id },
        { entity: "follow_up", user_id: w.user.id },
      ]),
    );
    // The same message again is refused by name, as on the form.
    const twice = await call(followUps, w.token, "/api/v1/follow-ups", {
      method: "POST",
      body: {
        interviewId: logged.id,
        receivedAt: "2026-11-24 14:00",
        channel: "email",
        body: "Dear Maya, thank you for the conversation about the enterprise pipeline and the quarterly quota. At TechCorp I built a similar pipeline. I am very interested in this role and could share references on Friday. Best, Sam",
      },
    });
    expect(twice.status).toBe(422);
    expect(((await twice.json()) as { errors: { field: string }[] }).errors[0].field).toBe("body");
  });

  it("moves an application and records its outcome in one PATCH, or neither", async () => {
    const w = await recruiterToken();
    const application = await createApplication(db, { position_id: w.positionId });
    const mod = await route("api.v1.applications.$id");
    const patch = (body: unknown) =>
      call(mod, w.token, `/api/v1/applications/${application.id}`, {
        method: "PATCH",
        params: { id: String(application.id) },
        body,
      });
    const missingDate = await patch({ stage: "final", outcome: "hired" });
    expect(missingDate.status).toBe(422);
    expect(((await missingDate.json()) as { errors: { field: string }[] }).errors[0].field).toBe("outcomeOn");
    const done = await patch({ stage: "offer", outcome: "hired", outcomeOn: "2026-11-30" });
    expect(done.status).toBe(200);
    expect(await done.json()).toMatchObject({ stage: "offer", outcome: "hired", outcomeOn: "2026-11-30" });
  });
});

describe("PATCH of positions, interviews and follow-ups", () => {
  it("changes only the fields sent, checked by the edit form's schema, naming the field at fault", async () => {
    const w = await recruiterToken();
    const positions = await route("api.v1.positions.$id");
    const patchPosition = (body: unknown) =>
      call(positions, w.token, `/api/v1/positions/${w.positionId}`, {
        method: "PATCH",
        params: { id: String(w.positionId) },
        body,
      });
    // Closed needs its date, as on the form; then both together close it and keep the title.
    const undated = await patchPosition({ status: "closed" });
    expect(undated.status).toBe(422);
    expect(((await undated.json()) as { errors: { field: string }[] }).errors[0].field).toBe("closedOn");
    const closed = await patchPosition({ status: "closed", closedOn: "2026-12-01" });
    expect(closed.status).toBe(200);
    const before = (
      await db
        .selectFrom("positions")
        .select("title")
        .where("id", "=", w.positionId)
        .executeTakeFirstOrThrow()
    ).title;
    expect(await closed.json()).toMatchObject({ status: "closed", closedOn: "2026-12-01", title: before });
    expect((await patchPosition({})).status).toBe(422);

    // An interview moved an hour later: the follow-up's latency is recomputed, its zone and notes kept.
    const application = await createApplication(db, { position_id: w.positionId });
    const { createInterview, createFollowUp } = await import("../factories");
    const interview = await createInterview(db, {
      application_id: application.id,
      ends_at: "2026-11-24T16:00:00.000Z",
      notes: "Quota talk",
    });
    const followUp = await createFollowUp(db, {
      interview_id: interview.id,
      received_at: "2026-11-24T18:00:00.000Z",
    });
    const interviews = await route("api.v1.interviews.$id");
    const moved = await call(interviews, w.token, `/api/v1/interviews/${interview.id}`, {
      method: "PATCH",
      params: { id: String(interview.id) },
      // On the wall clock of the interview's zone (New York): 16:00 and 17:00 UTC.
      body: { startsAt: "2026-11-24 11:00", endsAt: "2026-11-24 12:00" },
    });
    expect(moved.status).toBe(200);
    expect(await moved.json()).toMatchObject({
      startsAt: "2026-11-24T16:00:00.000Z",
      endsAt: "2026-11-24T17:00:00.000Z",
      timeZone: "America/New_York",
      notes: "Quota talk",
      latencyMinutes: 60,
    });
    const badZone = await call(interviews, w.token, `/api/v1/interviews/${interview.id}`, {
      method: "PATCH",
      params: { id: String(interview.id) },
      body: { timeZone: "Mars/Olympus" },
    });
    expect(((await badZone.json()) as { errors: { field: string }[] }).errors[0].field).toBe("timeZone");

    // A follow-up's body corrected: rescored; its received time and channel kept.
    const followUps = await route("api.v1.follow-ups.$id");
    const corrected = await call(followUps, w.token, `/api/v1/follow-ups/${followUp.id}`, {
      method: "PATCH",
      params: { id: String(followUp.id) },
      body: { body: "Thank you for the talk about the quota. I am very interested in this role." },
    });
    expect(corrected.status).toBe(200);
    const after = (await corrected.json()) as { receivedAt: string; channel: string; score: number | null };
    expect(after).toMatchObject({ receivedAt: "2026-11-24T18:00:00.000Z", channel: "email" });
    expect(after.score).not.toBeNull();
  });
});

describe("tokens", () => {
  it("counts each request, refuses past the minute's limit with 429 and Retry-After", async () => {
    process.env.API_RATE_LIMIT = "3";
    const w = await recruiterToken("read");
    const candidates = await route("api.v1.candidates");
    for (let i = 0; i < 3; i++)
      expect((await call(candidates, w.token, "/api/v1/candidates")).status).toBe(200);
    const refused = await call(candidates, w.token, "/api/v1/candidates");
    expect(refused.status).toBe(429);
    expect(refused.headers.get("Content-Type")).toBe("application/problem+json");
    const retry = Number(refused.headers.get("Retry-After"));
    expect(retry).toBeGreaterThanOrEqual(1);
    expect(retry).toBeLessThanOrEqual(60);
    const row = await db
      .selectFrom("api_tokens")
      .selectAll()
      .where("id", "=", w.tokenId)
      .executeTakeFirstOrThrow();
    expect(row.use_count).toBe(3);
    expect(row.last_used_at).not.toBeNull();
    // Another token of the same user has its own minute.
    const other = await createApiToken(db, { user_id: w.user.id, scope: "read" });
    expect((await call(candidates, other.token, "/api/v1/candidates")).status).toBe(200);
  });

  it("answers 401 for revoked and expired tokens and deactivated users; a read token may not write", async () => {
    const { authenticateApiToken, revokeApiToken } = await import("../../app/data/api-tokens.server");
    const w = await recruiterToken();
    const candidates = await route("api.v1.candidates");
    expect((await call(candidates, w.token, "/api/v1/candidates")).status).toBe(200);
    expect(await revokeApiToken(db, w.user, w.tokenId, w.user.id)).toBe(true);
    const revoked = await call(candidates, w.token, "/api/v1/candidates");
    expect(revoked.status).toBe(401);
    expect(revoked.headers.get("WWW-Authenticate")).toContain("Bearer");
    const expired = await createApiToken(db, { user_id: w.user.id, expires_at: "2026-01-01T00:00:00.000Z" });
    expect((await authenticateApiToken(db, expired.token)).ok).toBe(false);
    const live = await createApiToken(db, { user_id: w.user.id, scope: "read" });
    const write = await call(candidates, live.token, "/api/v1/candidates", {
      method: "POST",
      body: { name: "X", email: "" },
    });
    expect(write.status).toBe(403);
    await db.updateTable("users").set({ active: 0 }).where("id", "=", w.user.id).execute();
    expect((await call(candidates, live.token, "/api/v1/candidates")).status).toBe(401);
    // Only the hash is stored.
    const stored = await db.selectFrom("api_tokens").select("token_hash").execute();
    expect(stored.some((r) => r.token_hash.includes(live.token.slice(4)))).toBe(false);
  });

  it("an organization token acts as an admin of its organization, writing under its creator's name", async () => {
    const w = await createWorkspace(db, { role: "admin" });
    const t = await createApiToken(db, {
      organization_id: w.organizationId,
      user_id: null,
      created_by: w.user.id,
    });
    const positions = await route("api.v1.positions");
    const res = await call(positions, t.token, "/api/v1/positions", {
      method: "POST",
      body: { title: "Account Executive", clientId: w.clientId, status: "open", openedOn: "2026-11-01" },
    });
    expect(res.status).toBe(201);
    expect(await res.json()).toMatchObject({
      title: "Account Executive",
      clientId: w.clientId,
      closedOn: null,
    });
  });
});

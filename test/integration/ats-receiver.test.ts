// The Greenhouse web hook receiver (issue 22, item 5), called as Remix calls the route, with signed
// bodies, on a real database: a good signature is applied through the pages' data functions; a bad
// one is refused with 401 and writes nothing; a replay changes nothing; each event kind; an unknown
// stage; the rate limit.
import type { Kysely } from "kysely";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../db/schema";
import { greenhouseSignature } from "../../app/data/ats.server";
import { createAtsReceiver, createPosition, createWorkspace } from "../factories";
import { freshDatabase, routeArgs } from "../helpers";

let db: Kysely<Database>;
type Handler = (args: ReturnType<typeof routeArgs>) => Promise<Response>;

beforeAll(async () => {
  db = await freshDatabase();
});
afterEach(() => {
  delete process.env.ATS_RATE_LIMIT;
});

async function receiver() {
  const w = await createWorkspace(db, { role: "admin" });
  const r = await createAtsReceiver(db, {
    organization_id: w.organizationId,
    acting_user_id: w.user.id,
    client_id: w.clientId,
  });
  return { ...w, key: r.url_key, secret: r.secret };
}

async function post(
  key: string,
  body: unknown,
  { secret, signature, eventId }: { secret?: string; signature?: string; eventId?: string } = {},
) {
  const text = typeof body === "string" ? body : JSON.stringify(body);
  const { action } = (await import("../../app/routes/ats.greenhouse.$key")) as { action: Handler };
  const headers: Record<string, string> = { "Content-Type": "application/json" };
  headers.Signature = signature ?? greenhouseSignature(secret ?? "", text);
  if (eventId) headers["Greenhouse-Event-ID"] = eventId;
  return action(routeArgs(`/ats/greenhouse/${key}`, null, { key }, { method: "POST", headers, body: text }));
}

let nextId = 1000;
/** A Greenhouse application as its web hooks send it (trimmed to what matters, plus some noise). */
function application(overrides: Record<string, unknown> = {}, candidate: Record<string, unknown> = {}) {
  const id = nextId++;
  return {
    id,
    rejected_at: null,
    prospect: false,
    status: "active",
    applied_at: "2026-11-20T10:00:00Z",
    last_activity_at: "2026-12-01T16:38:36Z",
    source: { id: 31, public_name: "Agency" },
    rejection_reason: null,
    current_stage: { id: 71416, name: "Face to Face", interviews: [] },
    custom_fields: { favorite_color: { name: "Favorite Color", type: "short_text", value: "Blue" } },
    candidate: {
      id: id + 5000,
      first_name: "Giuseppe",
      last_name: `Hurley ${id}`,
      email_addresses: [{ value: `giuseppe.${id}@example.com`, type: "personal" }],
      phone_numbers: [{ value: "330-281-8004", type: "home" }],
      ...candidate,
    },
    jobs: [{ id: 3485, name: "Account Executive", opened_at: "2026-11-01T00:25:04Z", status: "open" }],
    ...overrides,
  };
}

const stageChange = (app: unknown) => ({ action: "candidate_stage_change", payload: { application: app } });

async function counts(organizationId: number) {
  const n = async (table: "candidates" | "applications" | "interviews" | "audit_log" | "positions") =>
    Number(
      (
        await db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as("n"))
          .where("organization_id", "=", organizationId)
          .executeTakeFirstOrThrow()
      ).n,
    );
  return {
    candidates: await n("candidates"),
    applications: await n("applications"),
    interviews: await n("interviews"),
    positions: await n("positions"),
    audit: await n("audit_log"),
  };
}

const events = (organizationId: number) =>
  db
    .selectFrom("ats_events")
    .selectAll()
    .where("organization_id", "=", organizationId)
    .orderBy("id")
    .execute();

describe("signature", () => {
  it("applies a correctly signed stage change: candidate, position, application at the mapped stage", async () => {
    const r = await receiver();
    const app = application();
    const res = await post(r.key, stageChange(app), { secret: r.secret, eventId: "evt-1" });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: "applied" });
    const row = await db
      .selectFrom("applications as a")
      .innerJoin("candidates as c", "c.id", "a.candidate_id")
      .innerJoin("positions as p", "p.id", "a.position_id")
      .select(["a.stage", "a.outcome", "c.name", "c.email", "c.source", "p.title", "p.client_id"])
      .where("a.organization_id", "=", r.organizationId)
      .executeTakeFirstOrThrow();
    // "Face to Face" is Greenhouse's default onsite stage: the CSV import reads it as interview.
    expect(row).toEqual({
      stage: "interview",
      outcome: "pending",
      name: `Giuseppe Hurley ${app.id}`,
      email: `giuseppe.${app.id}@example.com`,
      source: "Agency",
      title: "Account Executive",
      client_id: r.clientId,
    });
    const [event] = await events(r.organizationId);
    expect(event).toMatchObject({ outcome: "applied", action: "candidate_stage_change", event_id: "evt-1" });
    // Audited as the pages audit, under the admin who turned the receiver on, and the event itself.
    const audit = await db
      .selectFrom("audit_log")
      .select(["entity", "action", "user_id"])
      .where("organization_id", "=", r.organizationId)
      .execute();
    expect(audit.map((a) => `${a.action} ${a.entity}`).sort()).toEqual(
      ["create application", "create candidate", "create position", "import ats_event"].sort(),
    );
    expect(new Set(audit.map((a) => a.user_id))).toEqual(new Set([r.user.id]));
  });

  it("refuses a wrong or missing signature with 401 and writes nothing but the refusal", async () => {
    const r = await receiver();
    const before = await counts(r.organizationId);
    const body = stageChange(application());
    for (const signature of [
      greenhouseSignature("not the secret", JSON.stringify(body)),
      "sha256 zz",
      `sha256=${greenhouseSignature(r.secret, JSON.stringify(body)).slice(7)}`,
    ]) {
      const res = await post(r.key, body, { signature });
      expect(res.status).toBe(401);
      expect(res.headers.get("Content-Type")).toBe("application/problem+json");
    }
    // A body changed after signing is refused too.
    const signed = greenhouseSignature(r.secret, JSON.stringify(body));
    expect((await post(r.key, JSON.stringify(body) + " ", { signature: signed })).status).toBe(401);
    expect(await counts(r.organizationId)).toEqual(before);
    expect((await events(r.organizationId)).map((e) => e.outcome)).toEqual(Array(4).fill("refused"));
  });

  it("answers 404 for a URL no receiver has, and 403 when the receiver is off", async () => {
    expect((await post("no-such-key", stageChange(application()), { secret: "x" })).status).toBe(404);
    const r = await receiver();
    await db.updateTable("ats_receivers").set({ enabled: 0 }).where("url_key", "=", r.key).execute();
    const before = await counts(r.organizationId);
    expect((await post(r.key, stageChange(application()), { secret: r.secret })).status).toBe(403);
    expect(await counts(r.organizationId)).toEqual(before);
  });
});

describe("replays", () => {
  it("a replayed event, with or without its event id, changes nothing", async () => {
    const r = await receiver();
    const body = stageChange(application());
    expect((await post(r.key, body, { secret: r.secret, eventId: "evt-9" })).status).toBe(200);
    const after = await counts(r.organizationId);
    const same = await post(r.key, body, { secret: r.secret, eventId: "evt-9" });
    expect(await same.json()).toMatchObject({ status: "ignored" });
    // Greenhouse retries with the same id; another system may resend without one: updated, not added.
    const again = await post(r.key, body, { secret: r.secret });
    expect(await again.json()).toMatchObject({
      status: "ignored",
      detail: expect.stringMatching(/nothing changed/),
    });
    expect(await counts(r.organizationId)).toEqual(after);
  });

  it("a later stage change moves the same application; a changed name updates the same candidate", async () => {
    const r = await receiver();
    const app = application();
    await post(r.key, stageChange(app), { secret: r.secret });
    const moved = { ...app, current_stage: { name: "Reference Check" } };
    moved.candidate = { ...app.candidate, first_name: "Joe" };
    expect((await post(r.key, stageChange(moved), { secret: r.secret })).status).toBe(200);
    const rows = await db
      .selectFrom("applications as a")
      .innerJoin("candidates as c", "c.id", "a.candidate_id")
      .select(["a.stage", "c.name"])
      .where("a.organization_id", "=", r.organizationId)
      .execute();
    expect(rows).toEqual([{ stage: "final", name: `Joe Hurley ${app.id}` }]);
  });

  it("joins a position and a candidate added by hand before, by title and by email", async () => {
    const r = await receiver();
    const position = await createPosition(db, {
      organization_id: r.organizationId,
      client_id: r.clientId,
      title: "Account Executive",
    });
    const { createCandidate } = await import("../factories");
    const person = await createCandidate(db, {
      organization_id: r.organizationId,
      email: "known@example.com",
    });
    const app = application({}, { email_addresses: [{ value: "Known@Example.com", type: "work" }] });
    await post(r.key, stageChange(app), { secret: r.secret });
    const row = await db
      .selectFrom("applications")
      .select(["candidate_id", "position_id"])
      .where("organization_id", "=", r.organizationId)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ candidate_id: person.id, position_id: position.id });
  });
});

describe("event kinds", () => {
  it("hired and rejected record the outcome (with its date and reason); unrejected sets it back", async () => {
    const r = await receiver();
    const a = application();
    await post(r.key, stageChange(a), { secret: r.secret });
    const outcome = async () =>
      db
        .selectFrom("applications")
        .select(["stage", "outcome", "outcome_on", "outcome_reason"])
        .where("organization_id", "=", r.organizationId)
        .executeTakeFirstOrThrow();
    const rejected = {
      ...a,
      status: "rejected",
      rejected_at: "2026-12-02T15:50:41Z",
      rejection_reason: { id: 14, name: "Too Junior", type: { id: 3, name: "Wrong skill set" } },
    };
    await post(
      r.key,
      { action: "reject_candidate", payload: { application: rejected } },
      { secret: r.secret },
    );
    expect(await outcome()).toEqual({
      stage: "closed",
      outcome: "rejected",
      outcome_on: "2026-12-02",
      outcome_reason: "Too Junior",
    });
    await post(
      r.key,
      { action: "unreject_candidate", payload: { application: { ...a, status: "active" } } },
      { secret: r.secret },
    );
    expect(await outcome()).toMatchObject({ outcome: "pending", outcome_on: null, outcome_reason: null });
    const hired = {
      ...a,
      offer: { id: 506409, resolved_at: "2026-12-03T22:49:14Z", starts_at: "2027-01-04" },
    };
    await post(r.key, { action: "hire_candidate", payload: { application: hired } }, { secret: r.secret });
    expect(await outcome()).toEqual({
      stage: "closed",
      outcome: "hired",
      outcome_on: "2026-12-03",
      outcome_reason: null,
    });
  });

  it("an interview scheduled event logs the interview in the organization's zone; a new time corrects it", async () => {
    const r = await receiver();
    const a = application();
    const scheduled = {
      id: 31087450,
      application_id: a.id,
      start: { date_time: "2026-12-01T15:00:00.000Z" },
      end: { date_time: "2026-12-01T16:00:00.000Z" },
      location: "Zoom",
      status: "scheduled",
      interview: { id: 9, name: "Hiring Manager Interview" },
      interviewers: [
        { id: 2622, name: "Carl Buddha", email: "Carl@Example.com", response_status: "accepted" },
      ],
    };
    const send = (s: typeof scheduled, withApplication: boolean) =>
      post(
        r.key,
        {
          action: "interview_scheduled",
          payload: { scheduled_interview: s, ...(withApplication ? { application: a } : {}) },
        },
        { secret: r.secret },
      );
    // Without its application, and the application not known yet: ignored, saying why.
    const early = await send(scheduled, false);
    expect(await early.json()).toMatchObject({
      status: "ignored",
      detail: expect.stringMatching(/not known/),
    });
    expect((await send(scheduled, true)).status).toBe(200);
    const interview = () =>
      db
        .selectFrom("interviews")
        .select([
          "starts_at",
          "ends_at",
          "interviewer_name",
          "interviewer_email",
          "format",
          "round",
          "closes_at",
        ])
        .where("organization_id", "=", r.organizationId)
        .execute();
    expect(await interview()).toEqual([
      expect.objectContaining({
        starts_at: "2026-12-01T15:00:00.000Z",
        ends_at: "2026-12-01T16:00:00.000Z",
        interviewer_name: "Carl Buddha",
        interviewer_email: "carl@example.com",
        format: "video",
        round: 1,
      }),
    ]);
    // Rescheduled, sent without the application now that it is known: the same interview, moved.
    const moved = {
      ...scheduled,
      start: { date_time: "2026-12-02T09:00:00Z" },
      end: { date_time: "2026-12-02T10:00:00Z" },
    };
    expect(await (await send(moved, false)).json()).toMatchObject({ status: "applied" });
    expect(await interview()).toEqual([
      expect.objectContaining({
        starts_at: "2026-12-02T09:00:00.000Z",
        ends_at: "2026-12-02T10:00:00.000Z",
        round: 1,
      }),
    ]);
  });

  it("ignores a ping and actions it does not read, with why; refuses an invalid payload naming the field", async () => {
    const r = await receiver();
    const ping = await post(r.key, { action: "ping", payload: { web_hook_id: 1 } }, { secret: r.secret });
    expect(await ping.json()).toMatchObject({ status: "ignored" });
    const other = await post(r.key, { action: "job_post_created", payload: {} }, { secret: r.secret });
    expect(await other.json()).toMatchObject({
      status: "ignored",
      detail: expect.stringMatching(/job_post_created/),
    });
    const broken = application();
    delete (broken.candidate as { id?: number }).id;
    const res = await post(r.key, stageChange(broken), { secret: r.secret });
    expect(res.status).toBe(422);
    const problem = (await res.json()) as { errors: { field: string }[] };
    expect(problem.errors.map((e) => e.field)).toEqual(["payload.application.candidate.id"]);
    const malformed = await post(r.key, "{not json", { secret: r.secret });
    expect(malformed.status).toBe(400);
    expect((await events(r.organizationId)).map((e) => e.outcome)).toEqual([
      "ignored",
      "ignored",
      "refused",
      "refused",
    ]);
    expect((await counts(r.organizationId)).candidates).toBe(0);
  });

  it("an unknown stage adds the candidate, leaves the stage, and lists the word to map; mapped, it moves", async () => {
    const r = await receiver();
    const a = application({ current_stage: { id: 1, name: "Xylophone Gauntlet" } });
    const res = await post(r.key, stageChange(a), { secret: r.secret });
    expect(await res.json()).toMatchObject({
      status: "applied",
      detail: expect.stringMatching(/not mapped/),
    });
    const [event] = await events(r.organizationId);
    expect(event.unknown_stage).toBe("Xylophone Gauntlet");
    const stage = async () =>
      (
        await db
          .selectFrom("applications")
          .select("stage")
          .where("organization_id", "=", r.organizationId)
          .executeTakeFirstOrThrow()
      ).stage;
    expect(await stage()).toBe("applied");
    const { mapAtsWord } = await import("../../app/data/ats.server");
    await mapAtsWord(db, r.user, "stage", "Xylophone Gauntlet", "final");
    await post(r.key, stageChange(a), { secret: r.secret });
    expect(await stage()).toBe("final");
  });
});

describe("bounds", () => {
  it("refuses past the minute's limit with 429 and Retry-After", async () => {
    process.env.ATS_RATE_LIMIT = "2";
    const r = await receiver();
    const ping = { action: "ping", payload: {} };
    expect((await post(r.key, ping, { secret: r.secret })).status).toBe(200);
    expect((await post(r.key, ping, { secret: r.secret })).status).toBe(200);
    const refused = await post(r.key, ping, { secret: r.secret });
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get("Retry-After"))).toBeGreaterThan(0);
  });

  it("refuses a body over the size limit with 413", async () => {
    const r = await receiver();
    const big = JSON.stringify({ action: "ping", payload: { pad: "x".repeat(300 * 1024) } });
    expect((await post(r.key, big, { secret: r.secret })).status).toBe(413);
  });
});

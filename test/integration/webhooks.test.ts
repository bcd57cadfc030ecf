// Outgoing webhooks (issue 22, item 4) against a real HTTP receiver on loopback (node:http): events
// queued in the transaction of their change and delivered once with a valid signature; a receiver
// that is down for a while and comes back gets everything, nothing twice; two senders on one database
// send each delivery once; private destinations are refused unless WEBHOOKS_ALLOW_PRIVATE=1.
import crypto from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { Kysely } from "kysely";
import type { Database } from "../../db/schema";
import {
  createApplication,
  createInterview,
  createUser,
  createWebhookDelivery,
  createWebhookEndpoint,
  createWorkspace,
} from "../factories";
import { freshDatabase } from "../helpers";

let db: Kysely<Database>;
let webhooks: typeof import("../../app/data/webhooks.server");
let sender: typeof import("../../app/data/webhook-sender.server");

type Received = { headers: http.IncomingHttpHeaders; body: string };

/** A webhook receiver on loopback: records each request, answers `status()` (200 unless told). */
class Receiver {
  received: Received[] = [];
  status = () => 200;
  private server: http.Server | null = null;
  port = 0;

  async start(port = 0): Promise<this> {
    this.server = http.createServer((req, res) => {
      let body = "";
      req.on("data", (c: Buffer) => (body += c.toString("utf8")));
      req.on("end", () => {
        this.received.push({ headers: req.headers, body });
        const status = this.status();
        res.writeHead(status, { "Content-Type": "text/plain" });
        res.end(status < 300 ? "thanks" : "not now");
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(port, "127.0.0.1", resolve));
    this.port = (this.server.address() as AddressInfo).port;
    return this;
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = null;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  get url() {
    return `http://127.0.0.1:${this.port}/hooks`;
  }

  eventIds() {
    return this.received.map((r) => (JSON.parse(r.body) as { id: string }).id);
  }
}

const receivers: Receiver[] = [];
async function receiver(): Promise<Receiver> {
  const r = await new Receiver().start();
  receivers.push(r);
  return r;
}

/** Stripe-style verification, written apart from the sender's code. */
function verify(r: Received, secret: string): boolean {
  const header = String(r.headers["followthrough-signature"] ?? "");
  const t = /(?:^|,)t=(\d+)/.exec(header)?.[1];
  const expected = crypto.createHmac("sha256", secret).update(`${t}.${r.body}`).digest("hex");
  return header
    .split(",")
    .filter((p) => p.startsWith("v1="))
    .some((p) => crypto.timingSafeEqual(Buffer.from(p.slice(3)), Buffer.from(expected)));
}

const deliveries = (endpointId: number) =>
  db
    .selectFrom("webhook_deliveries")
    .selectAll()
    .where("endpoint_id", "=", endpointId)
    .orderBy("id")
    .execute();

beforeAll(async () => {
  db = await freshDatabase();
  process.env.WEBHOOKS_ALLOW_PRIVATE = "1";
  webhooks = await import("../../app/data/webhooks.server");
  sender = await import("../../app/data/webhook-sender.server");
});
afterEach(async () => {
  process.env.WEBHOOKS_ALLOW_PRIVATE = "1";
  // Each test's endpoints go, with their deliveries, so that no test's sender meets another's rows.
  await db.deleteFrom("webhook_endpoints").execute();
});
afterAll(async () => {
  for (const r of receivers) await r.stop();
});

/** A workspace with an admin, an application and an interview that ended on 24 November. */
async function workspace() {
  const ws = await createWorkspace(db, { role: "admin" });
  const application = await createApplication(db, {
    organization_id: ws.organizationId,
    position_id: ws.positionId,
  });
  const interview = await createInterview(db, { application_id: application.id });
  return { ...ws, application, interview };
}

describe("outgoing webhooks", () => {
  it("queue a logged follow-up's events with it and deliver them once, signed", async () => {
    const ws = await workspace();
    const hook = await receiver();
    const created = await webhooks.createWebhookEndpoint(db, ws.user, {
      url: hook.url,
      events: ["follow_up.received", "follow_up.scored"],
      enabled: true,
    });
    if (!created.ok) throw new Error(created.message);
    const { logFollowUp } = await import("../../app/data/interviews.server");
    const logged = await logFollowUp(db, ws.user, {
      interviewId: ws.interview.id,
      receivedAt: "2026-11-24 19:00",
      timeZone: "UTC",
      channel: "email",
      sender: null,
      subject: "Thank you",
      body: "Thank you for the conversation about the territory plan. I am very interested in the role.",
    });
    expect(logged.ok).toBe(true);
    const queued = await deliveries(created.id);
    expect(queued.map((d) => d.event_type)).toEqual(["follow_up.received", "follow_up.scored"]);

    const now = new Date();
    expect(await sender.sendDueWebhooks(db, { now })).toEqual({ sent: 2, retried: 0, failed: 0 });
    expect(await sender.sendDueWebhooks(db, { now })).toEqual({ sent: 0, retried: 0, failed: 0 });
    expect(hook.received).toHaveLength(2);
    for (const r of hook.received) {
      expect(verify(r, created.secret)).toBe(true);
      expect(verify(r, "whsec_someone_else")).toBe(false);
      expect(r.headers["content-type"]).toBe("application/json");
      const body = JSON.parse(r.body) as { id: string; type: string; created_at: string; data: object };
      expect(r.headers["followthrough-event-id"]).toBe(body.id);
      expect(r.headers["followthrough-event-type"]).toBe(body.type);
      expect(body.data).toMatchObject({
        followUpId: logged.ok ? logged.id : 0,
        interviewId: ws.interview.id,
        applicationId: ws.application.id,
        positionId: ws.positionId,
      });
    }
    const scored = JSON.parse(hook.received[1]!.body) as { data: { score: number; parts: unknown[] } };
    expect(scored.data.score).toBeGreaterThan(0);
    expect(scored.data.parts.length).toBeGreaterThan(0);
    // Ids and figures only: no message text reaches the receiver.
    expect(hook.received.map((r) => r.body).join()).not.toContain("territory");
    const sent = await deliveries(created.id);
    expect(sent.map((d) => [d.status, d.attempts, d.response_status, d.response_excerpt])).toEqual([
      ["sent", 1, 200, "thanks"],
      ["sent", 1, 200, "thanks"],
    ]);
  });

  it("queue outcome changes from the page's and the bulk path, and closed windows from the sweep", async () => {
    const ws = await workspace();
    const endpoint = await createWebhookEndpoint(db, {
      organization_id: ws.organizationId,
      events: JSON.stringify(["application.outcome_changed", "interview.window_closed"]),
    });
    const { recordOutcome } = await import("../../app/data/applications.server");
    const { bulkChangeApplications } = await import("../../app/data/pipeline.server");
    await recordOutcome(db, ws.user, ws.application.id, {
      outcome: "offer",
      outcomeOn: "2026-11-30",
      reason: null,
    });
    // The same outcome again is no change.
    await recordOutcome(db, ws.user, ws.application.id, {
      outcome: "offer",
      outcomeOn: "2026-11-30",
      reason: null,
    });
    const other = await createApplication(db, {
      organization_id: ws.organizationId,
      position_id: ws.positionId,
    });
    const bulk = await bulkChangeApplications(db, ws.user, ws.positionId, [ws.application.id, other.id], {
      field: "outcome",
      outcome: { outcome: "rejected", outcomeOn: "2026-12-01", reason: null },
    });
    expect(bulk).toMatchObject({ ok: true, changed: 2 });
    const outcomes = (await deliveries(endpoint.id)).map((d) => JSON.parse(d.body) as { data: object });
    expect(outcomes.map((o) => o.data)).toEqual([
      expect.objectContaining({
        applicationId: ws.application.id,
        outcome: "offer",
        previousOutcome: "pending",
      }),
      expect.objectContaining({
        applicationId: ws.application.id,
        outcome: "rejected",
        previousOutcome: "offer",
      }),
      expect.objectContaining({ applicationId: other.id, outcome: "rejected", previousOutcome: "pending" }),
    ]);

    // The interview (ended 24 Nov, no follow-up) closes its last window on 27 Nov.
    await db
      .updateTable("organizations")
      .set({ windows_swept_until: "2026-11-26T00:00:00.000Z" })
      .where("id", "=", ws.organizationId)
      .execute();
    const { sweepClosedWindows } = await import("../../app/data/window-sweep.server");
    await sweepClosedWindows(db, new Date("2026-11-28T00:00:00.000Z"));
    await sweepClosedWindows(db, new Date("2026-11-29T00:00:00.000Z"));
    const closed = (await deliveries(endpoint.id)).filter((d) => d.event_type === "interview.window_closed");
    expect(closed.map((d) => (JSON.parse(d.body) as { data: object }).data)).toEqual([
      expect.objectContaining({ interviewId: ws.interview.id, closesAt: ws.interview.closes_at }),
    ]);
  });

  it("queue the windows a rescore closes between two sweeps once, and none for a first rescore", async () => {
    const { rescoreOrganization } = await import("../../app/data/scoring.server");
    const { sweepClosedWindows } = await import("../../app/data/window-sweep.server");
    const closedEvents = async (endpointId: number) =>
      (await deliveries(endpointId))
        .filter((d) => d.event_type === "interview.window_closed")
        .map((d) => (JSON.parse(d.body) as { data: { interviewId: number } }).data.interviewId);
    const events = JSON.stringify(["interview.window_closed"]);

    // Swept up to 26 Nov; the interview (ended 24 Nov, no follow-up) closes its last window on 27 Nov.
    const swept = await workspace();
    const hook = await createWebhookEndpoint(db, { organization_id: swept.organizationId, events });
    await db
      .updateTable("organizations")
      .set({ windows_swept_until: "2026-11-26T00:00:00.000Z" })
      .where("id", "=", swept.organizationId)
      .execute();
    await rescoreOrganization(db, swept.organizationId, undefined, { now: new Date("2026-11-28T00:00:00Z") });
    expect(await closedEvents(hook.id)).toEqual([swept.interview.id]);
    // The sweep goes on from the rescore's mark: nothing twice.
    await sweepClosedWindows(db, new Date("2026-11-29T00:00:00.000Z"));
    await rescoreOrganization(db, swept.organizationId, undefined, { now: new Date("2026-11-30T00:00:00Z") });
    expect(await closedEvents(hook.id)).toEqual([swept.interview.id]);

    // Never swept: its first rescore sets the mark and announces the windows closed before it as nothing.
    const fresh = await workspace();
    const freshHook = await createWebhookEndpoint(db, { organization_id: fresh.organizationId, events });
    await db
      .updateTable("organizations")
      .set({ windows_swept_until: null })
      .where("id", "=", fresh.organizationId)
      .execute();
    await rescoreOrganization(db, fresh.organizationId, undefined, { now: new Date("2026-11-28T00:00:00Z") });
    expect(await closedEvents(freshHook.id)).toEqual([]);
    const mark = await db
      .selectFrom("organizations")
      .select("windows_swept_until")
      .where("id", "=", fresh.organizationId)
      .executeTakeFirstOrThrow();
    expect(mark.windows_swept_until).toBe("2026-11-28T00:00:00.000Z");
  });

  it("queue an outcome for each imported application that arrives with one", async () => {
    const ws = await workspace();
    const endpoint = await createWebhookEndpoint(db, {
      organization_id: ws.organizationId,
      events: JSON.stringify(["application.outcome_changed"]),
    });
    const { previewCsv, importCsv } = await import("../../app/intake/csv.server");
    const file = [
      "Name,Email,Position,Interview start,Interviewer,Outcome",
      "Ann Offer,ann.offer@example.test,Importer,11/20/2026 10:00,Priya Shah,Offer",
      "Ben Open,ben.open@example.test,Importer,11/20/2026 11:00,Priya Shah,",
    ].join("\n");
    await importCsv(db, ws.user, file, (await previewCsv(file)).suggested, {
      timeZone: "UTC",
      dateOrder: "mdy",
      defaultDurationMinutes: 60,
      clientId: ws.clientId,
    });
    const ann = await db
      .selectFrom("applications as a")
      .innerJoin("candidates as c", "c.id", "a.candidate_id")
      .select(["a.id", "a.candidate_id"])
      .where("c.email", "=", "ann.offer@example.test")
      .executeTakeFirstOrThrow();
    const queued = await deliveries(endpoint.id);
    expect(queued.map((d) => (JSON.parse(d.body) as { data: object }).data)).toEqual([
      expect.objectContaining({
        applicationId: ann.id,
        candidateId: ann.candidate_id,
        outcome: "offer",
        outcomeOn: "2026-11-20",
        previousOutcome: "pending",
      }),
    ]);
  });

  it("delete sent and failed deliveries after 30 days, and keep queued ones", async () => {
    const ws = await workspace();
    const endpoint = await createWebhookEndpoint(db, { organization_id: ws.organizationId });
    const now = new Date("2026-12-31T12:00:00.000Z");
    const old = "2026-12-01T11:59:00.000Z";
    const recent = "2026-12-01T12:01:00.000Z";
    const rows = [
      ["sent", old],
      ["failed", old],
      ["queued", old],
      ["sent", recent],
      ["failed", recent],
    ] as const;
    const made = [];
    for (const [status, created_at] of rows)
      made.push(await createWebhookDelivery(db, { endpoint_id: endpoint.id, status, created_at }));
    expect(await sender.pruneWebhookDeliveries(db, now)).toBe(2);
    expect((await deliveries(endpoint.id)).map((d) => d.id)).toEqual(made.slice(2).map((d) => d.id));
  });

  it("queue nothing for a change that is rolled back, nor for a disabled endpoint", async () => {
    const ws = await workspace();
    const on = await createWebhookEndpoint(db, { organization_id: ws.organizationId });
    const off = await createWebhookEndpoint(db, { organization_id: ws.organizationId, enabled: 0 });
    const { recordOutcome } = await import("../../app/data/applications.server");
    await db
      .transaction()
      .execute(async (trx) => {
        await recordOutcome(trx, ws.user, ws.application.id, {
          outcome: "hired",
          outcomeOn: null,
          reason: null,
        });
        throw new Error("rolled back");
      })
      .catch(() => undefined);
    expect(await deliveries(on.id)).toEqual([]);
    await recordOutcome(db, ws.user, ws.application.id, { outcome: "hired", outcomeOn: null, reason: null });
    expect(await deliveries(on.id)).toHaveLength(1);
    expect(await deliveries(off.id)).toEqual([]);
  });

  it("keep what a receiver that is down misses, and send it once when it is back", async () => {
    const hook = await receiver();
    const port = hook.port;
    const endpoint = await createWebhookEndpoint(db, { url: hook.url });
    const queued = [];
    for (let i = 0; i < 3; i++) queued.push(await createWebhookDelivery(db, { endpoint_id: endpoint.id }));
    await hook.stop();

    const t0 = Date.now();
    const at = (ms: number) => new Date(t0 + ms);
    // Down: the connection is refused; every delivery waits a minute.
    expect(await sender.sendDueWebhooks(db, { now: at(0) })).toEqual({ sent: 0, retried: 3, failed: 0 });
    expect(await sender.sendDueWebhooks(db, { now: at(30_000) })).toEqual({ sent: 0, retried: 0, failed: 0 });
    // Up again on the same port, but answering 503 at first: two minutes more.
    await hook.start(port);
    hook.status = () => 503;
    expect(await sender.sendDueWebhooks(db, { now: at(61_000) })).toEqual({ sent: 0, retried: 3, failed: 0 });
    const waiting = await deliveries(endpoint.id);
    expect(waiting.map((d) => [d.status, d.attempts, d.response_status, d.last_error])).toEqual(
      Array(3).fill(["queued", 2, 503, "answered 503"]),
    );
    hook.status = () => 200;
    expect(await sender.sendDueWebhooks(db, { now: at(120_000) })).toEqual({
      sent: 0,
      retried: 0,
      failed: 0,
    });
    expect(await sender.sendDueWebhooks(db, { now: at(182_000) })).toEqual({
      sent: 3,
      retried: 0,
      failed: 0,
    });
    expect(await sender.sendDueWebhooks(db, { now: at(600_000) })).toEqual({
      sent: 0,
      retried: 0,
      failed: 0,
    });
    // Nothing lost, nothing twice: each event answered 200 exactly once.
    const accepted = hook.received.slice(-3).map((r) => (JSON.parse(r.body) as { id: string }).id);
    expect(accepted.sort()).toEqual(queued.map((d) => d.event_id).sort());
    expect(hook.received).toHaveLength(6); // three refused with 503, three accepted
    expect((await deliveries(endpoint.id)).map((d) => [d.status, d.attempts])).toEqual(
      Array(3).fill(["sent", 3]),
    );
  });

  it("send each delivery once when two senders race on one database", async () => {
    const hook = await receiver();
    const endpoint = await createWebhookEndpoint(db, { url: hook.url });
    const ids: string[] = [];
    for (let i = 0; i < 30; i++)
      ids.push((await createWebhookDelivery(db, { endpoint_id: endpoint.id })).event_id);
    const { openDatabase } = await import("../../db/connection.server");
    const second = openDatabase(process.env.DATABASE_URL);
    try {
      const now = new Date();
      const passes = await Promise.all([
        sender.sendDueWebhooks(db, { owner: "server-a", now, limit: 30 }),
        sender.sendDueWebhooks(second, { owner: "server-b", now, limit: 30 }),
        sender.sendDueWebhooks(db, { owner: "server-a", now, limit: 30 }),
        sender.sendDueWebhooks(second, { owner: "server-b", now, limit: 30 }),
      ]);
      expect(passes.reduce((n, p) => n + p.sent, 0)).toBe(30);
    } finally {
      await second.destroy();
    }
    expect(hook.eventIds().sort()).toEqual(ids.sort());
  });

  it("refuse private destinations unless they are allowed, and say why", async () => {
    delete process.env.WEBHOOKS_ALLOW_PRIVATE;
    const admin = await createUser(db, { role: "admin" });
    const refused = await webhooks.createWebhookEndpoint(db, admin, {
      url: "http://169.254.169.254/latest/meta-data",
      events: ["follow_up.received"],
      enabled: true,
    });
    expect(refused).toMatchObject({
      ok: false,
      field: "url",
      message: expect.stringMatching(/private address/),
    });

    // Registered while allowed, then sent while not: refused at once, for good, by address or by name.
    const hook = await receiver();
    const byAddress = await createWebhookEndpoint(db, { url: hook.url });
    const byName = await createWebhookEndpoint(db, { url: `http://localhost:${hook.port}/hooks` });
    await createWebhookDelivery(db, { endpoint_id: byAddress.id });
    await createWebhookDelivery(db, { endpoint_id: byName.id });
    expect(await sender.sendDueWebhooks(db)).toEqual({ sent: 0, retried: 0, failed: 2 });
    expect(hook.received).toEqual([]);
    const [a] = await deliveries(byAddress.id);
    const [b] = await deliveries(byName.id);
    expect(a!.last_error).toMatch(/127\.0\.0\.1 is a private address/);
    expect(b!.last_error).toMatch(/localhost resolves to a private address/);

    // Allowed again, the Retry button's function queues it with fresh attempts.
    process.env.WEBHOOKS_ALLOW_PRIVATE = "1";
    expect(await webhooks.retryWebhookDelivery(db, byAddress.organization_id, a!.id)).toBe(true);
    expect(await sender.sendDueWebhooks(db)).toMatchObject({ sent: 1 });
    expect(hook.received).toHaveLength(1);
  });

  it("sign with the previous secret too for a day after a rotation", async () => {
    const hook = await receiver();
    const ws = await workspace();
    const created = await webhooks.createWebhookEndpoint(db, ws.user, {
      url: hook.url,
      events: ["follow_up.received"],
      enabled: true,
    });
    if (!created.ok) throw new Error(created.message);
    const rotated = (await webhooks.rotateWebhookSecret(db, ws.user, created.id))!;
    await createWebhookDelivery(db, { endpoint_id: created.id });
    await sender.sendDueWebhooks(db);
    const [r] = hook.received;
    expect(verify(r!, rotated)).toBe(true);
    expect(verify(r!, created.secret)).toBe(true);
    await createWebhookDelivery(db, { endpoint_id: created.id });
    await sender.sendDueWebhooks(db, { now: new Date(Date.now() + 25 * 3_600_000) });
    expect(verify(hook.received[1]!, rotated)).toBe(true);
    expect(verify(hook.received[1]!, created.secret)).toBe(false);
  });
});

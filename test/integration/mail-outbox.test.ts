// Outgoing mail against a real SMTP server on loopback (test/mail-sink.ts): each message delivered
// once, also with two senders on one database; a peer that is down or refuses is retried with
// backoff and the message then shown as failed; a sender that stops mid-send loses nothing.
import net from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Kysely } from "kysely";
import type { Database } from "../../db/schema";
import { createOrganization, createOutboxMessage } from "../factories";
import { freshDatabase } from "../helpers";
import { startMailSink, type MailSink } from "../mail-sink";

let db: Kysely<Database>;
let sink: MailSink;
let outbox: typeof import("../../app/data/outbox.server");
let schedule: typeof import("../../app/core/mail-schedule");

beforeAll(async () => {
  db = await freshDatabase();
  sink = await startMailSink();
  outbox = await import("../../app/data/outbox.server");
  schedule = await import("../../app/core/mail-schedule");
});
afterAll(async () => {
  await sink.close();
});

const transport = () => outbox.transportFor(sink.url);
const row = (id: number) =>
  db.selectFrom("outbox").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
const delivered = (subject: string) => sink.messages.filter((m) => m.subject === subject);

/** A port nothing listens on: a peer that is down. */
async function closedPort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, "127.0.0.1", () => {
      const p = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(p));
    });
  });
}

describe("the outbox", () => {
  it("delivers a queued message once, with its headers, and marks it sent", async () => {
    const org = await createOrganization(db);
    const id = (await outbox.queueMail(db, {
      organizationId: org.id,
      kind: "test",
      to: "ada@example.test",
      subject: "Delivered once",
      text: "Hello Ada.",
      headers: { "List-Unsubscribe": "<http://localhost/unsubscribe/x>" },
    }))!;
    const now = new Date();
    expect(await outbox.sendDueMail(db, transport(), { now })).toMatchObject({ sent: 1 });
    // A second pass finds nothing to send.
    expect(await outbox.sendDueMail(db, transport(), { now })).toEqual({ sent: 0, retried: 0, failed: 0 });
    const [mail] = delivered("Delivered once");
    expect(delivered("Delivered once")).toHaveLength(1);
    expect(mail).toMatchObject({ to: ["ada@example.test"], text: "Hello Ada.\n" });
    expect(mail!.headers["list-unsubscribe"]).toBe("<http://localhost/unsubscribe/x>");
    expect(await row(id)).toMatchObject({ status: "sent", attempts: 1, last_error: null });
    expect((await row(id)).message_id).toBe(mail!.messageId);
  });

  it("queues a message with a dedupe key once", async () => {
    const mail = {
      organizationId: null,
      kind: "test" as const,
      to: "a@example.test",
      subject: "s",
      text: "t",
    };
    expect(await outbox.queueMail(db, { ...mail, dedupeKey: "once-1" })).toBeGreaterThan(0);
    expect(await outbox.queueMail(db, { ...mail, dedupeKey: "once-1" })).toBeNull();
  });

  it("sends each message once when two servers' senders run at the same time", async () => {
    const org = await createOrganization(db);
    const subjects = Array.from({ length: 12 }, (_, i) => `Race ${i}`);
    for (const subject of subjects) await createOutboxMessage(db, { organization_id: org.id, subject });
    const now = new Date(Date.now() + 1000);
    await Promise.all([
      outbox.sendDueMail(db, transport(), { owner: "server-a", now, limit: 50 }),
      outbox.sendDueMail(db, transport(), { owner: "server-b", now, limit: 50 }),
      outbox.sendDueMail(db, transport(), { owner: "server-a", now, limit: 50 }),
    ]);
    const rows = await db
      .selectFrom("outbox")
      .select("status")
      .where("organization_id", "=", org.id)
      .execute();
    expect(rows.map((r) => r.status)).toEqual(subjects.map(() => "sent"));
    for (const subject of subjects) expect(delivered(subject), subject).toHaveLength(1);
  });

  it("retries a message the peer refuses for now, with growing waits, then shows it failed", async () => {
    const org = await createOrganization(db);
    const message = await createOutboxMessage(db, { organization_id: org.id, subject: "Refused for now" });
    sink.refuseWith(451);
    try {
      let now = new Date(Date.now() + 1000);
      const waits: number[] = [];
      for (let attempt = 1; attempt <= schedule.MAX_SEND_ATTEMPTS; attempt++) {
        const result = await outbox.sendDueMail(db, transport(), { now });
        const after = await row(message.id);
        expect(after.attempts).toBe(attempt);
        expect(after.last_error).toMatch(/451/);
        if (attempt < schedule.MAX_SEND_ATTEMPTS) {
          expect(result.retried).toBe(1);
          // Not due before its wait is over.
          expect((await outbox.sendDueMail(db, transport(), { now })).retried).toBe(0);
          waits.push(Date.parse(after.next_attempt_at) - now.getTime());
          now = new Date(after.next_attempt_at);
        } else {
          expect(result.failed).toBe(1);
          expect(after.status).toBe("failed");
        }
      }
      expect(waits).toEqual(waits.map((_, i) => schedule.retryDelayMs(i + 1)));
      expect(delivered("Refused for now")).toHaveLength(0);
      expect(await outbox.listOutbox(db, org.id, "failed")).toMatchObject([{ id: message.id, attempts: 6 }]);

      // The admin's retry queues it again with fresh attempts; the peer now takes it.
      sink.refuseWith(null);
      expect(await outbox.retryMail(db, org.id, message.id, now)).toBe(true);
      expect(await outbox.sendDueMail(db, transport(), { now })).toMatchObject({ sent: 1 });
      expect(delivered("Refused for now")).toHaveLength(1);
    } finally {
      sink.refuseWith(null);
    }
  });

  it("gives up at once on a permanent refusal (5xx)", async () => {
    const message = await createOutboxMessage(db, { subject: "Refused for good" });
    sink.refuseWith(550);
    try {
      expect(await outbox.sendDueMail(db, transport(), { now: new Date(Date.now() + 1000) })).toMatchObject({
        failed: 1,
      });
      expect(await row(message.id)).toMatchObject({ status: "failed", attempts: 1 });
    } finally {
      sink.refuseWith(null);
    }
  });

  it("retries when the peer is down, and delivers once it is back", async () => {
    const message = await createOutboxMessage(db, { subject: "Peer down" });
    const down = await closedPort();
    const now = new Date(Date.now() + 1000);
    const result = await outbox.sendDueMail(
      db,
      outbox.transportFor(`smtp://127.0.0.1:${down}?ignoreTLS=true`),
      {
        now,
      },
    );
    expect(result.retried).toBe(1);
    const after = await row(message.id);
    expect(after).toMatchObject({ status: "queued", attempts: 1 });
    expect(after.last_error).toMatch(/ECONNREFUSED|connect/i);
    await outbox.sendDueMail(db, transport(), { now: new Date(after.next_attempt_at) });
    expect(delivered("Peer down")).toHaveLength(1);
  });

  it("loses nothing when a sender stops mid-send: the row is queued again after its lease", async () => {
    const message = await createOutboxMessage(db, { subject: "Sender stopped" });
    const now = new Date(Date.now() + 1000);
    // A sender claims it and stops before sending (a restart).
    const claimed = await outbox.claimDue(db, "stopped-server", now, 100);
    expect(claimed.map((r) => r.id)).toContain(message.id);
    // Another server's pass within the lease leaves it alone…
    await outbox.sendDueMail(db, transport(), { owner: "other", now });
    expect(delivered("Sender stopped")).toHaveLength(0);
    // …and after the lease sends it, once.
    const later = new Date(now.getTime() + schedule.SENDING_LEASE_MS + 1000);
    await outbox.sendDueMail(db, transport(), { owner: "other", now: later });
    await outbox.sendDueMail(db, transport(), { owner: "other", now: later });
    expect(delivered("Sender stopped")).toHaveLength(1);
    expect(await row(message.id)).toMatchObject({ status: "sent", attempts: 2 });
  });
});

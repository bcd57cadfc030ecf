// Mailbox sync against a real IMAP server (dovecot, started here on loopback: test/dovecot.ts): a
// candidate's message after their interview becomes its follow-up; nothing else of the mailbox is
// kept; a restart, a dropped connection and a UIDVALIDITY change lose and duplicate nothing; of two
// watchers on one database, one watches.
import crypto from "node:crypto";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Kysely } from "kysely";
import type { Database } from "../../db/schema";
import { createApplication, createInterview, createMailbox, createWorkspace } from "../factories";
import { freshDatabase, routeArgs, sessionCookie } from "../helpers";
import { dovecotAvailable, freePort, mailMessage, startDovecot, type Dovecot } from "../dovecot";
import type { MailboxWatcher, WatcherOptions } from "../../app/intake/mailbox-watcher.server";

process.env.MAILBOX_KEY ??= crypto.randomBytes(32).toString("hex");

const HOUR = 3_600_000;
const ago = (hours: number) => new Date(Date.now() - hours * HOUR);
// Conditions, not durations: as long as a busy machine may need.
const until = { timeout: 60_000, interval: 50 };

let db: Kysely<Database>;
let server: Dovecot;
let startMailboxWatcher: (db: Kysely<Database>, options?: WatcherOptions) => MailboxWatcher;
const watchers: MailboxWatcher[] = [];

function watch(owner: string, options: WatcherOptions = {}): MailboxWatcher {
  const watcher = startMailboxWatcher(db, {
    owner,
    scanEveryMs: 100,
    heartbeatEveryMs: 100,
    leaseMs: 5_000,
    pollEveryMs: 5_000,
    firstBackoffMs: 50,
    maxBackoffMs: 200,
    log: () => undefined,
    ...options,
  });
  watchers.push(watcher);
  return watcher;
}

async function stopAll() {
  await Promise.all(watchers.splice(0).map((w) => w.stop()));
}

/** A candidate with an interview that ended three hours ago, and a mailbox on the test server. */
async function setting() {
  const ws = await createWorkspace(db);
  const application = await createApplication(db, {
    position_id: ws.positionId,
    candidate: { email: `dana-${crypto.randomBytes(3).toString("hex")}@candidate.test` },
  });
  const candidate = await db
    .selectFrom("candidates")
    .selectAll()
    .where("id", "=", application.candidate_id)
    .executeTakeFirstOrThrow();
  const interview = await createInterview(db, {
    application_id: application.id,
    ends_at: ago(3).toISOString(),
    notes: "We talked about the Q3 pipeline review and the Denver territory.",
  });
  const mailbox = await createMailbox(db, {
    organization_id: ws.organizationId,
    host: server.host,
    port: server.port,
    tls: 0,
    username: server.user,
    secret: server.password,
  });
  return { ...ws, candidate, interview, mailbox };
}

const followUps = (interviewId: number) =>
  db.selectFrom("follow_ups").selectAll().where("interview_id", "=", interviewId).orderBy("id").execute();
const kept = (organizationId: number) =>
  db
    .selectFrom("inbound_messages")
    .selectAll()
    .where("organization_id", "=", organizationId)
    .orderBy("id")
    .execute();
const mailboxRow = (id: number) =>
  db.selectFrom("mailboxes").selectAll().where("id", "=", id).executeTakeFirstOrThrow();

let n = 0;
function followUp(from: string, hoursAgo: number, body?: string) {
  n += 1;
  return mailMessage({
    from: `Dana Example <${from}>`,
    date: ago(hoursAgo),
    subject: "Thank you",
    messageId: `<follow-up-${n}-${crypto.randomBytes(4).toString("hex")}@candidate.test>`,
    body:
      body ??
      `Hi Priya,\n\nThank you for today (${n}). You mentioned the Q3 pipeline review: at TechCorp I ran one for the Denver territory.\nI'm very interested in this role and happy to send references.\n\nDana`,
  });
}

describe.skipIf(!dovecotAvailable)("a watched mailbox (real IMAP server)", () => {
  beforeAll(async () => {
    db = await freshDatabase();
    ({ startMailboxWatcher } = await import("../../app/intake/mailbox-watcher.server"));
    server = await startDovecot();
  });
  afterAll(async () => {
    await stopAll();
    await server?.close();
  });

  it("turns a candidate's message after their interview into its scored follow-up, and keeps nothing else", async () => {
    const { interview, candidate, mailbox, organizationId } = await setting();
    await server.append([
      mailMessage({
        from: "newsletter@vendor.test",
        date: ago(2),
        body: "Our product update",
        messageId: "<n1@vendor.test>",
      }),
      // Before the interview: not a follow-up, and not kept.
      followUp(candidate.email!, 30),
    ]);
    watch("A");
    await server.append(followUp(candidate.email!, 1));
    await server.append(
      mailMessage({
        from: candidate.email!,
        date: ago(0.5),
        subject: "Out of office",
        body: "I am out of the office until Monday.",
        headers: { "Auto-Submitted": "auto-replied" },
        messageId: "<ooo-1@candidate.test>",
      }),
    );
    await vi.waitFor(async () => {
      expect(await followUps(interview.id)).toHaveLength(1);
      expect(await kept(organizationId)).toHaveLength(2);
    }, until);
    const [logged] = await followUps(interview.id);
    expect(logged.sender).toBe(candidate.email);
    expect(logged.logged_by).toBeNull();
    expect(logged.score).not.toBeNull();
    const messages = await kept(organizationId);
    expect(messages.map((m) => [m.source, m.mailbox_id, m.status])).toEqual([
      ["imap", mailbox.id, "matched"],
      ["imap", mailbox.id, "unmatched"],
    ]);
    expect(messages[1].reason).toMatch(/automatic reply/);
    expect(messages.some((m) => m.sender === "newsletter@vendor.test")).toBe(false);
    await vi.waitFor(async () => expect((await mailboxRow(mailbox.id)).connected_at).not.toBeNull(), until);
    await stopAll();
    const row = await mailboxRow(mailbox.id);
    expect(Number(row.last_uid)).toBe(4);
    expect(row.owner).toBeNull();
  });

  it("loses and duplicates nothing across a restart of the watcher and a dropped connection", async () => {
    const { interview, candidate, mailbox } = await setting();
    let watcher = watch("A");
    await server.append(followUp(candidate.email!, 2.5));
    await vi.waitFor(async () => expect(await followUps(interview.id)).toHaveLength(1), until);

    // Stopped; a message arrives meanwhile; started again.
    await stopAll();
    await server.append(followUp(candidate.email!, 2));
    watcher = watch("A");
    await vi.waitFor(async () => expect(await followUps(interview.id)).toHaveLength(2), until);

    // The IMAP server dies under the connection, and comes back.
    await server.kill();
    await vi.waitFor(async () => expect((await mailboxRow(mailbox.id)).last_error).toBeTruthy(), until);
    await server.start();
    await server.append(followUp(candidate.email!, 1.5));
    await vi.waitFor(async () => expect(await followUps(interview.id)).toHaveLength(3), until);
    expect(watcher.watching()).toContain(mailbox.id);

    // A crash after storing messages but before saving the UID: they are read again, and kept once.
    await stopAll();
    await db.updateTable("mailboxes").set({ last_uid: 0 }).where("id", "=", mailbox.id).execute();
    const synced: number[] = [];
    watch("A", { onMessage: (_id, uid) => synced.push(uid) });
    await server.append(followUp(candidate.email!, 1));
    await vi.waitFor(async () => expect(await followUps(interview.id)).toHaveLength(4), until);
    expect(synced.length).toBeGreaterThanOrEqual(4);
    const bodies = (await followUps(interview.id)).map((f) => f.body);
    expect(new Set(bodies).size).toBe(4);
    const fromMailbox = await db
      .selectFrom("inbound_messages")
      .select("id")
      .where("mailbox_id", "=", mailbox.id)
      .execute();
    expect(fromMailbox).toHaveLength(4);
    await stopAll();
  });

  it("reads INBOX again after a UIDVALIDITY change, without duplicates", async () => {
    const { interview, candidate, mailbox } = await setting();
    // This test's own server: the UIDs are renumbered from 1.
    const own = await startDovecot();
    try {
      await db.updateTable("mailboxes").set({ port: own.port }).where("id", "=", mailbox.id).execute();
      await own.append([
        mailMessage({ from: "a@vendor.test", date: ago(2), body: "one", messageId: "<v1@vendor.test>" }),
        mailMessage({ from: "b@vendor.test", date: ago(2), body: "two", messageId: "<v2@vendor.test>" }),
        followUp(candidate.email!, 1.5),
      ]);
      watch("A");
      await vi.waitFor(async () => expect(await followUps(interview.id)).toHaveLength(1), until);
      await vi.waitFor(async () => expect(Number((await mailboxRow(mailbox.id)).last_uid)).toBe(3), until);
      const before = (await mailboxRow(mailbox.id)).uid_validity;

      // The two vendor messages go; INBOX is rebuilt: the follow-up is UID 1 now, the next message UID 2,
      // below the UID the watcher had reached. Only a new read of INBOX finds it.
      await own.expunge([1, 2]);
      const after = await own.changeUidValidity();
      await own.append(followUp(candidate.email!, 1));
      await vi.waitFor(async () => expect(await followUps(interview.id)).toHaveLength(2), until);
      const row = await mailboxRow(mailbox.id);
      expect(row.uid_validity).toBe(String(after));
      expect(row.uid_validity).not.toBe(before);
      await vi.waitFor(async () => expect(Number((await mailboxRow(mailbox.id)).last_uid)).toBe(2), until);
      const stored = await db
        .selectFrom("inbound_messages")
        .select("id")
        .where("mailbox_id", "=", mailbox.id)
        .execute();
      expect(stored).toHaveLength(2);
    } finally {
      await stopAll();
      await own.close();
    }
  });

  it("is watched by one of two servers on one database; the other takes over when it stops", async () => {
    const { interview, candidate, mailbox } = await setting();
    const a = watch("server-A");
    const b = watch("server-B");
    await server.append(followUp(candidate.email!, 2));
    await vi.waitFor(async () => expect(await followUps(interview.id)).toHaveLength(1), until);
    const holder = (await mailboxRow(mailbox.id)).owner;
    expect(["server-A", "server-B"]).toContain(holder);
    const [first, second] = holder === "server-A" ? [a, b] : [b, a];
    expect(first.watching()).toContain(mailbox.id);
    expect(second.watching()).not.toContain(mailbox.id);

    await first.stop();
    await vi.waitFor(() => expect(second.watching()).toContain(mailbox.id), until);
    await server.append(followUp(candidate.email!, 1));
    await vi.waitFor(async () => expect(await followUps(interview.id)).toHaveLength(2), until);
    expect((await mailboxRow(mailbox.id)).owner).not.toBe(holder);
    await stopAll();
    expect(await followUps(interview.id)).toHaveLength(2);
  });

  it("is connected from the settings page only once the server accepts it, and its secret never shows", async () => {
    const ws = await createWorkspace(db, { role: "recruiter" });
    const cookie = await sessionCookie(ws.user.id);
    const route = await import("../../app/routes/_app.settings_.mailboxes");
    const post = (fields: Record<string, string>) =>
      route
        .action(
          routeArgs("/settings/mailboxes", cookie, {}, { method: "POST", body: new URLSearchParams(fields) }),
        )
        .catch((thrown: unknown) => thrown);
    const form = {
      intent: "connect",
      host: server.host,
      port: String(server.port),
      tls: "off",
      username: server.user,
      auth: "password",
      secret: "not-the-password",
    };
    const refused = (await post(form)) as {
      data: { errors: Record<string, string[]> };
      init: { status: number };
    };
    expect(refused.init.status).toBe(400);
    expect(refused.data.errors.secret?.[0]).toMatch(/refused this user and password/);
    expect(JSON.stringify(refused.data)).not.toContain("not-the-password");
    const closed = (await post({ ...form, port: String(await freePort()), secret: server.password })) as {
      data: { errors: Record<string, string[]> };
    };
    expect(closed.data.errors.port?.[0]).toMatch(/Nothing answers/);
    expect(
      await db
        .selectFrom("mailboxes")
        .select("id")
        .where("organization_id", "=", ws.organizationId)
        .execute(),
    ).toEqual([]);

    const saved = (await post({ ...form, secret: server.password })) as Response;
    expect(saved.status).toBe(302);
    const row = await db
      .selectFrom("mailboxes")
      .selectAll()
      .where("organization_id", "=", ws.organizationId)
      .executeTakeFirstOrThrow();
    expect(row.secret).not.toContain(server.password);
    expect(row.created_by).toBe(ws.user.id);
    const page = await route.loader(routeArgs("/settings/mailboxes", cookie));
    expect(JSON.stringify(page)).not.toContain(server.password);
    expect(JSON.stringify(page)).not.toContain(row.secret);
    expect(page.mailboxes).toHaveLength(1);
  });

  it("lets go of a mailbox that is disconnected", async () => {
    const { mailbox, organizationId } = await setting();
    const watcher = watch("A");
    await vi.waitFor(() => expect(watcher.watching()).toContain(mailbox.id), until);
    const { disconnectMailbox } = await import("../../app/data/mailboxes.server");
    expect(await disconnectMailbox(db, organizationId, mailbox.id, null)).toBe(true);
    await vi.waitFor(() => expect(watcher.watching()).not.toContain(mailbox.id), until);
    await stopAll();
  });
});

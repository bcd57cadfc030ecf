// Erasing a candidate (issue 21, item 4): after the candidate page's Delete, a byte search of the
// database file (and its write-ahead log) and of the upload folder for their name and email finds
// nothing, while the audit log keeps its entries, redacted, and the outbox its mail about others.
// The byte search is SQLite's only: PostgreSQL keeps dead copies in its files until an operator
// compacts them (measured, and what to run: docs/data-rights.md); the rows are checked on both.
import fs from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import type { Kysely } from "kysely";
import type { Database } from "../../db/schema";
import { personNeedles } from "../../app/core/rights";
import { createCandidate } from "../../app/data/candidate-writes.server";
import { logFollowUp, logInterview } from "../../app/data/interviews.server";
import { reviewScore } from "../../app/data/score-reviews.server";
import { storeUpload, UPLOAD_FOLDER } from "../../app/intake/uploads.server";
import { followUpNoteKey } from "../../app/data/outbox.server";
import {
  createApplication,
  createClientContact,
  createInboundMessage,
  createOutboxMessage,
  createWorkspace,
} from "../factories";
import { freshDatabase, onPostgres, routeArgs, sessionCookie, statusOf } from "../helpers";

let db: Kysely<Database>;
beforeAll(async () => {
  db = await freshDatabase();
});

const NAME = "Erin Erasable";
const EMAIL = "erin.erasable@example.test";
const NOTE =
  "Hi Priya, thank you for the talk about the Dentrix objection. At Acme I built a referral playbook. " +
  "I'm very interested in this role. Could we speak on Thursday at 10? Best, Erin Erasable";

/** Occurrences of each needle in the bytes, without regard to case. */
function hits(bytes: Buffer, needles: string[]): Record<string, number> {
  const text = bytes.toString("latin1").toLowerCase();
  return Object.fromEntries(
    needles.map((n) => [n, text.split(n.toLowerCase()).length - 1]).filter(([, count]) => count !== 0),
  );
}

function databaseBytes(): Buffer {
  const file = process.env.DATABASE_URL!;
  const parts = [file, `${file}-wal`].filter((f) => fs.existsSync(f)).map((f) => fs.readFileSync(f));
  return Buffer.concat(parts);
}

function uploadBytes(organizationId: number): Buffer {
  if (!fs.existsSync(UPLOAD_FOLDER)) return Buffer.alloc(0);
  return Buffer.concat(
    fs
      .readdirSync(UPLOAD_FOLDER)
      .filter((n) => n.startsWith(`${organizationId}-`))
      .map((n) => fs.readFileSync(path.join(UPLOAD_FOLDER, n))),
  );
}

describe("erasing a candidate", () => {
  it("leaves no byte of their name or email in the database or the uploads", async () => {
    const ws = await createWorkspace(db, { role: "admin" });
    const viewer = { ...ws.user, client_id: null };
    const created = await createCandidate(db, viewer, {
      name: NAME,
      email: EMAIL,
      phone: "+1 555 0100",
      source: "Referral",
      positionId: ws.positionId,
    });
    if (!created.ok || !created.applicationId) throw new Error("not created");
    const interview = await logInterview(db, viewer, {
      applicationId: created.applicationId,
      interviewerName: "Priya Shah",
      interviewerEmail: null,
      startsAt: "2026-10-01T14:00:00.000Z",
      endsAt: "2026-10-01T15:00:00.000Z",
      startsAtFold: null,
      endsAtFold: null,
      timeZone: "UTC",
      format: "video",
      round: 1,
      notes: `${NAME} knows the Dentrix objection well.`,
    });
    if (!interview.ok) throw new Error(interview.message);
    const followUp = await logFollowUp(db, viewer, {
      interviewId: interview.id,
      receivedAt: "2026-10-01 17:00",
      receivedAtFold: null,
      timeZone: "UTC",
      channel: "email",
      sender: EMAIL,
      subject: `Thank you from ${NAME}`,
      body: NOTE,
    });
    if (!followUp.ok) throw new Error(followUp.message);
    expect(
      (
        await reviewScore(db, viewer, followUp.id, {
          verdict: "override",
          band: "high",
          reason: `${NAME} wrote well`,
        })
      ).ok,
    ).toBe(true);
    // Another candidate for the position sent nearly the same note: their score's evidence names Erin.
    const other = await createApplication(db, {
      position_id: ws.positionId,
      candidate: { name: "Olly Other", email: "olly@example.test", source: null },
    });
    const otherInterview = await logInterview(db, viewer, {
      applicationId: other.id,
      interviewerName: "Priya Shah",
      interviewerEmail: null,
      startsAt: "2026-10-02T14:00:00.000Z",
      endsAt: "2026-10-02T15:00:00.000Z",
      startsAtFold: null,
      endsAtFold: null,
      timeZone: "UTC",
      format: "video",
      round: 1,
      notes: "Dentrix objection.",
    });
    if (!otherInterview.ok) throw new Error(otherInterview.message);
    const copied = await logFollowUp(db, viewer, {
      interviewId: otherInterview.id,
      receivedAt: "2026-10-02 17:00",
      receivedAtFold: null,
      timeZone: "UTC",
      channel: "email",
      sender: null,
      subject: "Thank you",
      body: NOTE.replace("Erin Erasable", "Olly"),
    });
    if (!copied.ok) throw new Error(copied.message);
    // Mail the inbox kept: one unmatched from their address.
    await createInboundMessage(db, {
      organization_id: ws.organizationId,
      sender: EMAIL,
      subject: "Following up",
      raw: `From: ${NAME} <${EMAIL}>\r\nSubject: Following up\r\n\r\nHello again.`,
      status: "unmatched",
    });
    // Outgoing mail: the note about their follow-up (sent), a digest naming them among others (still
    // to go), a client report whose PDF was printed while they were listed, a CSV naming them.
    const base64 = (text: string) => Buffer.from(text).toString("base64");
    const note = await createOutboxMessage(db, {
      organization_id: ws.organizationId,
      kind: "follow_up",
      subject: `${NAME} followed up (Account Executive)`,
      text_body: `Hello Priya,\n\n${NAME} sent a follow-up after their interview.`,
      dedupe_key: followUpNoteKey(followUp.id, ws.user.id),
      status: "sent",
    });
    const digest = await createOutboxMessage(db, {
      organization_id: ws.organizationId,
      kind: "digest",
      subject: "Follow-up windows closing today",
      text_body: `- ${NAME} (Account Executive): closes in 3 h\n- Olly Other (Account Executive): closes in 5 h`,
    });
    const contact = await createClientContact(db, { client_id: ws.clientId });
    const pdf = [{ filename: "report.pdf", contentType: "application/pdf", base64: base64("%PDF-1.4 …") }];
    const report = await createOutboxMessage(db, {
      organization_id: ws.organizationId,
      kind: "client_report",
      to_address: contact.email,
      subject: "Follow-up report",
      attachments: JSON.stringify(pdf),
      status: "sent",
    });
    const csv = await createOutboxMessage(db, {
      organization_id: ws.organizationId,
      kind: "test",
      attachments: JSON.stringify([
        { filename: "c.csv", contentType: "text/csv", base64: base64(`name\n${NAME}\n`) },
        { filename: "d.csv", contentType: "text/csv", base64: base64("name\nOlly Other\n") },
      ]),
    });
    // A CSV upload waiting for its import, and one that does not name them.
    await storeUpload(ws.organizationId, Buffer.from(`name,email\n${NAME},${EMAIL}\n`));
    const keep = await storeUpload(
      ws.organizationId,
      Buffer.from("name,email\nSomeone Else,else@example.test\n"),
    );

    const needles = personNeedles({ name: NAME, email: EMAIL });
    const { checkpointLog } = await import("../../app/data/erasure.server");
    await checkpointLog(db);
    if (!onPostgres) expect(Object.keys(hits(databaseBytes(), needles))).not.toHaveLength(0);
    expect(Object.keys(hits(uploadBytes(ws.organizationId), needles))).not.toHaveLength(0);

    const route = await import("../../app/routes/_app.candidates.$candidateId_.delete");
    const cookie = await sessionCookie(ws.user.id);
    const post = routeArgs(
      `/candidates/${created.id}/delete`,
      cookie,
      { candidateId: String(created.id) },
      { method: "POST", body: new URLSearchParams({ confirm: "yes" }) },
    );
    expect(await statusOf(() => route.action(post))).toBe(302);

    // No row is left; the audit entries about them are kept, redacted; the other candidate's score
    // no longer names them.
    for (const table of ["applications", "candidate_search_terms"] as const)
      expect(
        await db.selectFrom(table).select("candidate_id").where("candidate_id", "=", created.id).execute(),
      ).toHaveLength(0);
    expect(
      await db.selectFrom("candidates").select("id").where("id", "=", created.id).execute(),
    ).toHaveLength(0);
    expect(await db.selectFrom("score_reviews").select("id").execute()).toHaveLength(0);
    expect(await db.selectFrom("inbound_messages").select("id").execute()).toHaveLength(0);
    const outbox = new Map(
      (
        await db.selectFrom("outbox").selectAll().where("organization_id", "=", ws.organizationId).execute()
      ).map((m) => [m.id, m]),
    );
    expect(outbox.has(note.id)).toBe(false);
    expect(outbox.get(digest.id)?.text_body).toBe(
      "- [erased] (Account Executive): closes in 3 h\n- Olly Other (Account Executive): closes in 5 h",
    );
    expect(outbox.get(report.id)).toMatchObject({ attachments: null, status: "sent" });
    expect(JSON.parse(outbox.get(csv.id)!.attachments!)).toEqual([
      { filename: "d.csv", contentType: "text/csv", base64: base64("name\nOlly Other\n") },
    ]);
    const audit = await db
      .selectFrom("audit_log")
      .selectAll()
      .where("organization_id", "=", ws.organizationId)
      .execute();
    expect(audit.length).toBeGreaterThan(4);
    for (const entry of audit) expect(JSON.stringify(entry).toLowerCase()).not.toContain("erin");
    const erasure = audit.find((e) => e.entity === "candidate" && e.action === "delete");
    expect(JSON.parse(erasure!.detail!)).toMatchObject({
      erased: true,
      applications: 1,
      followUps: 1,
      inboundMessages: 1,
      outboxMails: 4,
    });
    const otherScore = await db
      .selectFrom("follow_ups")
      .select("score_parts")
      .where("id", "=", copied.id)
      .executeTakeFirstOrThrow();
    expect(otherScore.score_parts!.toLowerCase()).not.toContain("erin");

    // The bytes: none in the database file and its log (after the erasure's checkpoint), none in uploads.
    // Measured: without secure_delete the file still held 9 copies of the name and 10 of the email.
    if (!onPostgres) expect(hits(databaseBytes(), needles)).toEqual({});
    expect(hits(uploadBytes(ws.organizationId), needles)).toEqual({});
    expect(fs.existsSync(path.join(UPLOAD_FOLDER, `${ws.organizationId}-${keep}.csv`))).toBe(true);
  });
});

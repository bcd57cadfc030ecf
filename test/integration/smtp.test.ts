// The mail-in address end to end: a real SMTP conversation on loopback (nodemailer → smtp-server).
import net from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import nodemailer from "nodemailer";
import type { Kysely } from "kysely";
import type { SMTPServer } from "smtp-server";
import type { Database } from "../../db/schema";
import { createApplication, createInterview, createWorkspace } from "../factories";
import { freshDatabase } from "../helpers";

let db: Kysely<Database>;
let server: SMTPServer;
let port: number;
const received: unknown[] = [];

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, "127.0.0.1", () => {
      const p = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(p));
    });
  });
}

beforeAll(async () => {
  db = await freshDatabase();
  const { startSmtpReceiver } = await import("../../app/intake/smtp.server");
  port = await freePort();
  server = (await startSmtpReceiver(db, { port, host: "127.0.0.1", onReceived: (o) => received.push(o) }))!;
});
afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

const transport = () =>
  nodemailer.createTransport({
    host: "127.0.0.1",
    port,
    secure: false,
    ignoreTLS: true,
    tls: { rejectUnauthorized: false },
  });

async function interviewWithToken() {
  const org = await createWorkspace(db, { role: "recruiter" });
  const { id: applicationId } = await createApplication(db, {
    position_id: org.positionId,
    candidate: { name: "Ada Lovelace" },
  });
  const token = `tok${Math.random().toString(36).slice(2, 10)}`;
  const row = await createInterview(db, {
    application_id: applicationId,
    ends_at: "2026-11-24T15:00:00.000Z",
    notes: "Q3 pipeline, Salesforce migration, quota ramp",
    mail_token: token,
  });
  return { interviewId: row.id, token, org };
}

describe("SMTP mail-in", () => {
  it("logs and scores a message sent to an interview's address, with its own Date", async () => {
    const { interviewId, token } = await interviewWithToken();
    await transport().sendMail({
      from: "Ada Lovelace <ada@example.test>",
      to: `followup+${token}@followthrough.test`,
      subject: "Thank you",
      date: new Date("2026-11-24T18:30:00.000Z"),
      text: "Hi Priya, thank you for walking me through the Q3 pipeline and the Salesforce migration. At Initech I ran a similar migration. I'm very interested in this role; could we set up a call next week? Best, Ada",
    });
    const followUp = await db
      .selectFrom("follow_ups")
      .selectAll()
      .where("interview_id", "=", interviewId)
      .executeTakeFirstOrThrow();
    expect(followUp).toMatchObject({
      received_at: "2026-11-24T18:30:00.000Z",
      sender: "ada@example.test",
      subject: "Thank you",
      window: "best",
      logged_by: null,
    });
    expect(followUp.score).toBeGreaterThan(0);
    const interview = await db
      .selectFrom("interviews")
      .select(["first_follow_up_id", "latency_minutes"])
      .where("id", "=", interviewId)
      .executeTakeFirstOrThrow();
    expect(interview).toEqual({ first_follow_up_id: followUp.id, latency_minutes: 210 });
    const message = await db
      .selectFrom("inbound_messages")
      .selectAll()
      .where("follow_up_id", "=", followUp.id)
      .executeTakeFirstOrThrow();
    expect(message).toMatchObject({ source: "smtp", status: "matched", interview_id: interviewId });
    expect(message.raw).toContain("Salesforce migration");
  });

  it("takes a forwarded message's original sender and date", async () => {
    const { interviewId, token } = await interviewWithToken();
    await transport().sendMail({
      from: "Rita Recruiter <rita@agency.test>",
      to: `followup+${token}@followthrough.test`,
      subject: "Fwd: Thank you",
      date: new Date("2026-11-26T09:00:00.000Z"),
      text: [
        "See below.",
        "",
        "---------- Forwarded message ---------",
        "From: Ada Lovelace <ada@example.test>",
        "Date: Tue, 24 Nov 2026 13:45:00 -0500",
        "Subject: Thank you",
        "To: Priya Shah <priya@agency.test>",
        "",
        "Hi Priya, thanks for the conversation about the Q3 pipeline today.",
      ].join("\n"),
    });
    const followUp = await db
      .selectFrom("follow_ups")
      .selectAll()
      .where("interview_id", "=", interviewId)
      .executeTakeFirstOrThrow();
    expect(followUp).toMatchObject({
      received_at: "2026-11-24T18:45:00.000Z",
      sender: "ada@example.test",
      subject: "Thank you",
    });
    expect(followUp.body).toContain("Q3 pipeline");
    expect(followUp.body).not.toContain("See below");
  });

  it("keeps an auto-reply unmatched with the reason, and refuses unknown recipients with 550", async () => {
    const { interviewId, token } = await interviewWithToken();
    await transport().sendMail({
      from: "ada@example.test",
      to: `followup+${token}@followthrough.test`,
      subject: "Out of office",
      headers: { "Auto-Submitted": "auto-replied" },
      date: new Date("2026-11-24T16:00:00.000Z"),
      text: "I am out of the office until Monday.",
    });
    expect(
      await db.selectFrom("follow_ups").select("id").where("interview_id", "=", interviewId).execute(),
    ).toEqual([]);
    const kept = await db
      .selectFrom("inbound_messages")
      .selectAll()
      .where("interview_id", "=", interviewId)
      .executeTakeFirstOrThrow();
    expect(kept).toMatchObject({ status: "unmatched", reason: expect.stringContaining("automatic reply") });

    await expect(
      transport().sendMail({
        from: "x@example.test",
        to: "followup+nosuchtoken@followthrough.test",
        text: "hi",
      }),
    ).rejects.toMatchObject({ responseCode: 550 });
    await expect(
      transport().sendMail({ from: "x@example.test", to: "someone@followthrough.test", text: "hi" }),
    ).rejects.toMatchObject({ responseCode: 550 });
  });

  it("answers a message dated 31 Dec 9999 at once, keeps it in the Inbox with the reason, and never stores 9999", async () => {
    const { interviewId, token } = await interviewWithToken();
    const sent = await transport().sendMail({
      from: "Ada Lovelace <ada@example.test>",
      to: `followup+${token}@followthrough.test`,
      subject: "Thank you",
      date: "Fri, 31 Dec 9999 23:59:00 +0000",
      text: "Hi Priya, thank you for the talk about the Q3 pipeline.",
    });
    expect(sent.response).toMatch(/^250 /);
    expect(
      await db.selectFrom("follow_ups").select("id").where("interview_id", "=", interviewId).execute(),
    ).toEqual([]);
    const kept = await db
      .selectFrom("inbound_messages")
      .selectAll()
      .where("interview_id", "=", interviewId)
      .executeTakeFirstOrThrow();
    expect(kept).toMatchObject({
      status: "unmatched",
      sent_at: null,
      reason:
        "The message's Date (31 Dec 9999, 23:59 UTC) is more than a day after now: a message cannot arrive in the future; check the year. Log it by hand on the candidate's page with the time it was sent, or discard it.",
    });
    expect(kept.received_at.startsWith("9999")).toBe(false);
    // Had it been taken, its business latency is arithmetic now, not a walk through 2.9 million days.
    const { businessMinutes } = await import("../../app/core/latency");
    expect(
      businessMinutes("2026-11-24T15:00:00.000Z", "9999-12-31T23:59:00.000Z", "America/New_York", {
        start: "09:00",
        end: "17:00",
        days: [1, 2, 3, 4, 5],
      }),
    ).toBeGreaterThan(0);
  });

  it("refuses messages over 10 MB", async () => {
    const { token } = await interviewWithToken();
    await expect(
      transport().sendMail({
        from: "ada@example.test",
        to: `followup+${token}@followthrough.test`,
        text: "x".repeat(11 * 1024 * 1024),
      }),
    ).rejects.toMatchObject({ responseCode: 552 });
  });
});

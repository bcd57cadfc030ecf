// .eml uploads, the inbox (assign, discard) and .ics files against a real migrated SQLite file.
import fs from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import type { Kysely } from "kysely";
import type { Database } from "../../db/schema";
import { splitOwnWords } from "../../app/core/own-words";
import { createApplication, createInterview, createWorkspace } from "../factories";
import { freshDatabase } from "../helpers";

let db: Kysely<Database>;
let inbound: typeof import("../../app/intake/inbound.server");
let ics: typeof import("../../app/intake/ics.server");
let writer: typeof import("../../app/intake/import-writer.server");
beforeAll(async () => {
  db = await freshDatabase();
  inbound = await import("../../app/intake/inbound.server");
  ics = await import("../../app/intake/ics.server");
  writer = await import("../../app/intake/import-writer.server");
});

const eml = (name: string) => fs.readFileSync(path.resolve("app/intake/fixtures/eml", name));

async function candidateWithInterview(positionId: number, name: string, email: string, endsAt: string) {
  const a = await createApplication(db, {
    position_id: positionId,
    candidate: { name, email, source: null },
  });
  const i = await createInterview(db, {
    application_id: a.id,
    interviewer_name: "Sarah Chen",
    ends_at: endsAt,
    time_zone: "America/Chicago",
    notes: "CFO alignment, business case, enterprise deals",
    mail_token: `tok${a.candidate_id}xyz`,
  });
  return { candidateId: a.candidate_id, applicationId: a.id, interviewId: i.id };
}

describe(".eml uploads and the inbox", () => {
  it("matches by sender to the latest interview before the Date, logs and scores it; keeps what it cannot match", async () => {
    const org = await createWorkspace(db, { role: "recruiter" });
    // An earlier and a later interview: the message (Tue 24 Nov 23:05 UTC) belongs to the earlier one.
    const earlier = await candidateWithInterview(
      org.positionId,
      "Daniel Okafor",
      "daniel.okafor@gmail.com",
      "2026-11-24T18:00:00.000Z",
    );
    const kevin = await candidateWithInterview(
      org.positionId,
      "Kevin Park",
      "kevin.park@lumenfield.com",
      "2026-11-24T16:00:00.000Z",
    );
    await candidateWithInterview(
      org.positionId,
      "Jamal Harris",
      "someone.else@example.test",
      "2026-11-24T10:00:00.000Z",
    );

    const matched = await inbound.receiveUpload(db, org.user, eml("plain.eml"));
    expect(matched).toMatchObject({ status: "matched", interviewId: earlier.interviewId });
    const followUp = await db
      .selectFrom("follow_ups")
      .selectAll()
      .where("interview_id", "=", earlier.interviewId)
      .executeTakeFirstOrThrow();
    expect(followUp).toMatchObject({
      received_at: "2026-11-24T23:05:00.000Z",
      sender: "daniel.okafor@gmail.com",
      window: "best",
    });
    expect(followUp.score).toBeGreaterThan(0);
    // Stored whole, so that the page can show what the scorer set aside.
    expect(followUp.body).toContain("linkedin.com/in/danielokafor");
    expect(splitOwnWords(followUp.body).text).toMatch(/^Hi Sarah,[\s\S]*on a 20-minute call this week\.$/);

    const auto = await inbound.receiveUpload(db, org.user, eml("auto-reply.eml"));
    expect(auto).toMatchObject({ status: "unmatched", reason: expect.stringContaining("automatic reply") });
    expect(
      await db.selectFrom("follow_ups").select("id").where("interview_id", "=", kevin.interviewId).execute(),
    ).toEqual([]);

    const unknown = await inbound.receiveUpload(db, org.user, eml("html-only.eml"));
    expect(unknown).toMatchObject({
      status: "unmatched",
      reason: expect.stringContaining("jamal.harris@protonmail.com"),
    });

    const inbox = await inbound.listUnmatched(db, org.user);
    expect(inbox.map((m) => m.sender).sort()).toEqual([
      "jamal.harris@protonmail.com",
      "kevin.park@lumenfield.com",
    ]);
    const stored = await db
      .selectFrom("inbound_messages")
      .select("raw")
      .where("id", "=", unknown.messageId)
      .executeTakeFirstOrThrow();
    expect(inbound.textToRaw(stored.raw).equals(eml("html-only.eml"))).toBe(true);

    // Assigned by hand to Jamal's interview, which ended before the message was sent.
    const jamal = await db
      .selectFrom("interviews as i")
      .innerJoin("applications as a", "a.id", "i.application_id")
      .innerJoin("candidates as c", "c.id", "a.candidate_id")
      .select("i.id")
      .where("c.name", "=", "Jamal Harris")
      .executeTakeFirstOrThrow();
    const assigned = await inbound.assignMessage(db, org.user, unknown.messageId, jamal.id);
    expect(assigned).toMatchObject({ status: "matched", interviewId: jamal.id });
    expect(await inbound.discardMessage(db, org.user, auto.messageId)).toBe(true);
    expect(await inbound.listUnmatched(db, org.user)).toEqual([]);
    const statuses = await db
      .selectFrom("inbound_messages")
      .select(["status"])
      .where("organization_id", "=", org.organizationId)
      .orderBy("id")
      .execute();
    expect(statuses.map((s) => s.status)).toEqual(["matched", "discarded", "matched"]);
  });

  it("never shows another organization's messages or lets it assign them", async () => {
    const org = await createWorkspace(db, { role: "recruiter" });
    const other = await createWorkspace(db, { role: "recruiter" });
    const unknown = await inbound.receiveUpload(db, org.user, eml("quoted-printable.eml"));
    expect(await inbound.listUnmatched(db, other.user)).toEqual([]);
    expect(await inbound.discardMessage(db, other.user, unknown.messageId)).toBe(false);
  });

  it("reads a forwarded message's original sender and date", async () => {
    const forwarded = [
      "From: Rita Recruiter <rita@agency.test>",
      "To: followup+abc123@followthrough.test",
      "Date: Thu, 26 Nov 2026 09:00:00 +0000",
      "Subject: Fwd: Thank you",
      "Content-Type: text/plain; charset=utf-8",
      "",
      "FYI",
      "",
      "---------- Forwarded message ---------",
      "From: Ada Lovelace <ada@example.test>",
      "Date: Wed, 25 Nov 2026 14:30:00 -0500",
      "Subject: Thank you",
      "To: Rita Recruiter <rita@agency.test>",
      "",
      "Hi Rita, thank you for the conversation about the pipeline today.",
      "",
    ].join("\r\n");
    const { facts } = await inbound.readMessage(forwarded);
    expect(facts).toMatchObject({
      sender: "ada@example.test",
      sentAt: "2026-11-25T19:30:00.000Z",
      subject: "Thank you",
      forwarded: true,
    });
    expect(facts.body).toContain("thank you for the conversation");
    expect(splitOwnWords(facts.body).text).toBe(
      "Hi Rita, thank you for the conversation about the pipeline today.",
    );
  });

  it("takes a forward's original words even when its sender has no address", async () => {
    const forwarded = [
      "From: Rita Recruiter <rita@agency.test>",
      "Date: Thu, 26 Nov 2026 09:00:00 +0000",
      "Subject: Fwd: Thank you",
      "Content-Type: text/plain; charset=utf-8",
      "",
      "FYI",
      "",
      "---------- Forwarded message ---------",
      "From: Ada Lovelace",
      "Date: Wed, 25 Nov 2026 14:30:00 -0500",
      "Subject: Thank you",
      "",
      "Hi Rita, thank you for the conversation about the pipeline today.",
      "",
      "Best,",
      "Ada",
      "",
    ].join("\r\n");
    const { facts } = await inbound.readMessage(forwarded);
    expect(facts).toMatchObject({ sender: "rita@agency.test", forwarded: false });
    expect(splitOwnWords(facts.body).text).toBe(
      "Hi Rita, thank you for the conversation about the pipeline today.",
    );
  });
});

describe(".ics files", () => {
  it("turns events into interviews in the event's named time zone, matching the candidate by attendee address", async () => {
    const org = await createWorkspace(db, { role: "recruiter" });
    await candidateWithInterview(
      org.positionId,
      "Ada Lovelace",
      "ada@example.test",
      "2026-10-01T15:00:00.000Z",
    );
    await db
      .updateTable("organizations")
      .set({ time_zone: "America/Chicago" })
      .where("id", "=", org.organizationId)
      .execute();
    const text = fs.readFileSync(path.resolve("app/intake/fixtures/ics/interview-new-york.ics"), "utf8");
    const events = await ics.readIcs(db, org.user, [text], Date.parse("2026-12-01T12:00:00Z"));
    expect(events.map((e) => [e.startsAt, e.timeZone, e.candidate])).toEqual([
      // 10:00 in New York: 15:00 UTC in November (EST), 14:00 UTC in July (EDT).
      ["2026-11-10T15:00:00.000Z", "America/New_York", "Ada Lovelace"],
      ["2026-07-06T14:00:00.000Z", "America/New_York", "Ada Lovelace"],
      // A "Z" time in a calendar without X-WR-TIMEZONE: the organization's time zone (Settings).
      ["2026-11-12T15:00:00.000Z", "America/Chicago", null],
    ]);
    expect(events[2].problem).toContain("stranger@example.test");
    expect(events[0].record?.interview).toMatchObject({
      interviewerName: "Priya Shah",
      interviewerEmail: "priya@agency.test",
      format: "video",
      notes: expect.stringContaining("Salesforce migration"),
    });
    expect(events[1].record?.interview).toMatchObject({
      interviewerName: "Marco Diaz",
      format: "phone",
      endsAt: "2026-07-06T14:45:00.000Z",
    });

    const records = events.flatMap((e) => (e.record ? [e.record] : []));
    const first = await writer.importRecords(db, org.user, records, org.clientId);
    expect(first.created).toMatchObject({ candidates: 0, applications: 0, interviews: 2 });
    const again = await writer.importRecords(db, org.user, records, org.clientId);
    expect(again.created.interviews).toBe(0);
    const stored = await db
      .selectFrom("interviews")
      .select(["starts_at", "time_zone", "closes_at"])
      .where("organization_id", "=", org.organizationId)
      .where("time_zone", "=", "America/New_York")
      .orderBy("starts_at")
      .execute();
    expect(stored.map((s) => s.starts_at)).toEqual(["2026-07-06T14:00:00.000Z", "2026-11-10T15:00:00.000Z"]);
  });
});

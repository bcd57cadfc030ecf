// One rule for dates on every path (app/core/time.ts): the candidate page's forms, .eml uploads, the
// Inbox, .ics files and share links refuse a date far from now with a message that names the field;
// times the clocks skip or repeat are not guessed; and an Inbox message cannot be pointed at another
// organization's interview. Also the Import page's two 500s: a read error and a foreign client id.
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import type { Kysely } from "kysely";
import type { Database } from "../../db/schema";
import { createApplication, createWorkspace, createInterview, createFollowUp } from "../factories";
import { freshDatabase, routeArgs, sessionCookie } from "../helpers";

let db: Kysely<Database>;
beforeAll(async () => {
  db = await freshDatabase();
});
afterEach(() => {
  vi.restoreAllMocks();
});

type Failed = {
  data: { errors: Record<string, string[]>; values: Record<string, string> };
  init: { status: number };
};

/** The candidate page's action, as the form posts it. */
async function postCandidate(cookie: string, candidateId: number, body: Record<string, string> | FormData) {
  const route = await import("../../app/routes/_app.candidates.$candidateId");
  return route.action(
    routeArgs(
      `/candidates/${candidateId}`,
      cookie,
      { candidateId: String(candidateId) },
      { method: "POST", body: body instanceof FormData ? body : new URLSearchParams(body) },
    ),
  ) as unknown as Promise<Failed | { done: string }>;
}

const eml = (date: string, from = "Ada Lovelace <ada@example.test>") =>
  [
    `From: ${from}`,
    "To: Priya Shah <priya@client.test>",
    `Date: ${date}`,
    "Subject: Thank you",
    "Content-Type: text/plain; charset=utf-8",
    "",
    "Hi Priya, thank you for the talk about the Q3 pipeline.",
    "",
  ].join("\r\n");

async function recruiterWithCandidate() {
  const org = await createWorkspace(db, { role: "recruiter" });
  const { candidate_id: candidateId, id: applicationId } = await createApplication(db, {
    position_id: org.positionId,
    candidate: { name: "Ada Lovelace" },
  });
  await db
    .updateTable("candidates")
    .set({ email: `ada.${candidateId}@example.test` })
    .where("id", "=", candidateId)
    .execute();
  const interview = await createInterview(db, {
    application_id: applicationId,
    ends_at: "2026-11-24T15:00:00.000Z",
    notes: "Q3 pipeline",
  });
  return {
    org,
    candidateId,
    applicationId,
    interviewId: interview.id,
    cookie: await sessionCookie(org.user.id),
  };
}

const interviewForm = (
  applicationId: number,
  startsAt: string,
  endsAt: string,
  extra: Record<string, string> = {},
) => ({
  intent: "log-interview",
  applicationId: String(applicationId),
  interviewerName: "Priya Shah",
  interviewerEmail: "",
  startsAt,
  endsAt,
  timeZone: "America/New_York",
  format: "video",
  round: "1",
  notes: "",
  ...extra,
});

describe("the candidate page's forms", () => {
  it("refuses an interview dated 9999 or 0001, naming the field and the date", async () => {
    const { candidateId, applicationId, cookie } = await recruiterWithCandidate();
    const far = (await postCandidate(
      cookie,
      candidateId,
      interviewForm(applicationId, "9999-12-31T10:00", "9999-12-31T11:00"),
    )) as Failed;
    expect(far.init.status).toBe(400);
    expect(far.data.errors.startsAt).toEqual([
      // As typed, in the zone the form names.
      "The interview start (31 Dec 9999, 10:00 EST) is more than two years ahead; check the year.",
    ]);
    const old = (await postCandidate(
      cookie,
      candidateId,
      interviewForm(applicationId, "0001-01-01T10:00", "0001-01-01T11:00"),
    )) as Failed;
    // The year 1, not 1901.
    expect(old.data.errors.startsAt[0]).toMatch(
      /^The interview start \(1 Jan 0001, 10:00 UTC−04:56\) is before 1 Jan 2000; check the year\.$/,
    );
    expect(
      await db.selectFrom("interviews").select("id").where("application_id", "=", applicationId).execute(),
    ).toHaveLength(1);
  });

  it("asks which 01:30 on the night the clocks go back, then stores the one chosen: a one-hour interview, not two", async () => {
    const { candidateId, applicationId, cookie } = await recruiterWithCandidate();
    const asked = (await postCandidate(
      cookie,
      candidateId,
      interviewForm(applicationId, "2026-11-01T01:30", "2026-11-01T02:30"),
    )) as Failed;
    expect(asked.init.status).toBe(400);
    expect(asked.data.errors.startsAt).toEqual([
      "01:30 on 1 Nov 2026 happens twice in America/New_York (the clocks go back from UTC−04:00 to UTC−05:00 that night): choose which one.",
    ]);
    expect(asked.data.values.startsAt).toBe("2026-11-01T01:30");

    expect(
      await postCandidate(
        cookie,
        candidateId,
        interviewForm(applicationId, "2026-11-01T01:30", "2026-11-01T02:30", { startsAtFold: "later" }),
      ),
    ).toMatchObject({ done: "Interview logged." });
    const stored = await db
      .selectFrom("interviews")
      .select(["starts_at", "ends_at"])
      .where("application_id", "=", applicationId)
      .orderBy("id", "desc")
      .executeTakeFirstOrThrow();
    expect(stored).toEqual({ starts_at: "2026-11-01T06:30:00.000Z", ends_at: "2026-11-01T07:30:00.000Z" });
  });

  it("says a start the clocks skip does not exist, rather than that the interview ends before it starts", async () => {
    const { candidateId, applicationId, cookie } = await recruiterWithCandidate();
    const result = (await postCandidate(
      cookie,
      candidateId,
      interviewForm(applicationId, "2026-03-08T02:30", "2026-03-08T03:15"),
    )) as Failed;
    expect(result.data.errors).toEqual({
      startsAt: [
        "02:30 on 8 Mar 2026 does not exist in America/New_York: the clocks go forward from 02:00 to 03:00 that night. Check the time.",
      ],
    });
  });

  it("refuses a follow-up received in 9999, typed or read from an .eml file", async () => {
    const { candidateId, interviewId, cookie } = await recruiterWithCandidate();
    const followUp = {
      intent: "log-follow-up",
      interviewId: String(interviewId),
      channel: "email",
      sender: "",
      subject: "",
      body: "Thank you for the talk.",
      // The zone the form names and the time is typed in: the reader's, and the messages name it.
      timeZone: "Europe/Berlin",
    };
    const typed = (await postCandidate(cookie, candidateId, {
      ...followUp,
      receivedAt: "9999-12-31T23:59",
    })) as Failed;
    expect(typed.init.status).toBe(400);
    expect(typed.data.errors.receivedAt).toEqual([
      "The received time (31 Dec 9999, 23:59 CET) is more than a day after now: a message cannot arrive in the future; check the year.",
    ]);

    const form = new FormData();
    for (const [k, v] of Object.entries({ ...followUp, receivedAt: "" })) form.set(k, v);
    form.set(
      "eml",
      new File([eml("Fri, 31 Dec 9999 23:59:00 +0000")], "far.eml", { type: "message/rfc822" }),
    );
    const uploaded = (await postCandidate(cookie, candidateId, form)) as Failed;
    expect(uploaded.data.errors.receivedAt).toEqual([
      "The message's date (1 Jan 10000, 00:59 UTC+01:00) is more than a day after now: a message cannot arrive in the future; check the year.",
    ]);
    expect(
      await db.selectFrom("follow_ups").select("id").where("interview_id", "=", interviewId).execute(),
    ).toEqual([]);
  });

  it("computes a follow-up already stored as 9999 (before this rule) without stalling", async () => {
    const { interviewId } = await recruiterWithCandidate();
    await createFollowUp(db, {
      interview_id: interviewId,
      received_at: "9999-12-31T23:59:00.000Z",
      subject: null,
      body: "Thanks",
    });
    const { recomputeInterview } = await import("../../app/data/scoring.server");
    await recomputeInterview(db, interviewId);
    const stored = await db
      .selectFrom("follow_ups")
      .select(["business_latency_minutes", "window"])
      .where("interview_id", "=", interviewId)
      .executeTakeFirstOrThrow();
    expect(stored.window).toBe("none");
    expect(stored.business_latency_minutes).toBeGreaterThan(9e8);
  });
});

describe("the Inbox", () => {
  it("keeps an uploaded .eml dated 9999 unmatched with the reason, without storing 9999 as its date", async () => {
    const { org } = await recruiterWithCandidate();
    const { receiveUpload } = await import("../../app/intake/inbound.server");
    const outcome = await receiveUpload(db, org.user, Buffer.from(eml("Fri, 31 Dec 9999 23:59:00 +0000")));
    expect(outcome).toMatchObject({
      status: "unmatched",
      reason:
        "The message's Date (31 Dec 9999, 23:59 UTC) is more than a day after now: a message cannot arrive in the future; check the year. Log it by hand on the candidate's page with the time it was sent, or discard it.",
    });
    const stored = await db
      .selectFrom("inbound_messages")
      .select(["sent_at", "status"])
      .where("id", "=", (outcome as { messageId: number }).messageId)
      .executeTakeFirstOrThrow();
    expect(stored).toEqual({ sent_at: null, status: "unmatched" });
  });

  it("reads a forwarded original dated 0001 as the year 1, and refuses it", async () => {
    const { org } = await recruiterWithCandidate();
    const { readMessage, receiveUpload } = await import("../../app/intake/inbound.server");
    const forward = [
      "From: Rita Recruiter <rita@agency.test>",
      "Date: Thu, 26 Nov 2026 09:00:00 +0000",
      "Subject: Fwd: Thank you",
      "Content-Type: text/plain; charset=utf-8",
      "",
      "---------- Forwarded message ---------",
      "From: Ada Lovelace <ada@example.test>",
      "Date: Mon, 1 Jan 0001 10:00:00 +0000",
      "Subject: Thank you",
      "",
      "Hi Priya, thank you for the talk about the Q3 pipeline.",
      "",
    ].join("\r\n");
    expect((await readMessage(forward)).facts.sentAt).toBe("0001-01-01T10:00:00.000Z");
    expect(await receiveUpload(db, org.user, Buffer.from(forward))).toMatchObject({
      status: "unmatched",
      reason: expect.stringMatching(/^The message's Date \(1 Jan 0001, 10:00 UTC\) is before 1 Jan 2000/),
    });
  });

  it("refuses another organization's interview exactly as a missing one, and stores neither id", async () => {
    const mine = await recruiterWithCandidate();
    const theirs = await recruiterWithCandidate();
    const inbound = await import("../../app/intake/inbound.server");
    // From an address no candidate has: it waits in the Inbox.
    const kept = await inbound.receiveUpload(
      db,
      mine.org.user,
      Buffer.from(eml("Tue, 24 Nov 2026 18:00:00 +0000", "Someone <someone@elsewhere.test>")),
    );
    const messageId = (kept as { messageId: number }).messageId;

    const foreign = await inbound.assignMessage(db, mine.org.user, messageId, theirs.interviewId);
    const missing = await inbound.assignMessage(db, mine.org.user, messageId, 987_654_321);
    expect(foreign).toEqual({
      status: "unmatched",
      messageId,
      reason: "That interview does not exist or is not yours to edit.",
    });
    expect(missing).toEqual(foreign);
    const stored = await db
      .selectFrom("inbound_messages")
      .select(["interview_id", "status"])
      .where("id", "=", messageId)
      .executeTakeFirstOrThrow();
    expect(stored).toEqual({ interview_id: null, status: "unmatched" });
    expect(
      await db.selectFrom("follow_ups").select("id").where("interview_id", "=", theirs.interviewId).execute(),
    ).toEqual([]);

    // Their own interview still works, and the message's exact Date is logged.
    expect(await inbound.assignMessage(db, mine.org.user, messageId, mine.interviewId)).toMatchObject({
      status: "matched",
    });
    expect(
      await db
        .selectFrom("follow_ups")
        .select("received_at")
        .where("interview_id", "=", mine.interviewId)
        .executeTakeFirstOrThrow(),
    ).toEqual({ received_at: "2026-11-24T18:00:00.000Z" });
  });
});

describe(".ics files", () => {
  const calendar = (summary: string, start: string) =>
    [
      "BEGIN:VCALENDAR",
      "VERSION:2.0",
      "BEGIN:VEVENT",
      "UID:interview-1",
      `DTSTART:${start}`,
      "DURATION:PT1H",
      `SUMMARY:${summary}`,
      "DESCRIPTION:Q3 pipeline",
      "ORGANIZER;CN=Priya Shah:mailto:priya@client.test",
      "ATTENDEE;CN=Ada:mailto:ADDRESS",
      "END:VEVENT",
      "END:VCALENDAR",
      "",
    ].join("\r\n");

  it("keeps a summary with a line separator (U+2028) in it", async () => {
    const { org, candidateId } = await recruiterWithCandidate();
    const { readIcs } = await import("../../app/intake/ics.server");
    const [event] = await readIcs(db, org.user, [
      calendar("Interview\u2028with Ada", "20261124T140000Z").replace(
        "ADDRESS",
        `ada.${candidateId}@example.test`,
      ),
    ]);
    expect(event).toMatchObject({ summary: "Interview with Ada", problem: null, candidate: "Ada Lovelace" });
  });

  it("refuses an event in 9999 with the reason", async () => {
    const { org, candidateId } = await recruiterWithCandidate();
    const { readIcs } = await import("../../app/intake/ics.server");
    const [event] = await readIcs(db, org.user, [
      calendar("Interview", "99991231T140000Z").replace("ADDRESS", `ada.${candidateId}@example.test`),
    ]);
    expect(event).toMatchObject({
      record: null,
      problem: "The event's start (31 Dec 9999, 14:00 UTC) is more than two years ahead; check the year.",
    });
  });
});

describe("share links", () => {
  it("work for a year at most", async () => {
    const org = await createWorkspace(db, { role: "admin" });
    const { createShareLink } = await import("../../app/data/share-links.server");
    const now = new Date("2026-12-05T08:00:00.000Z");
    const input = { clientId: org.clientId, from: null, to: null, label: null };
    expect(await createShareLink(db, org.user, { ...input, expiresOn: "9999-12-31" }, now)).toEqual({
      ok: false,
      field: "expiresOn",
      message: "A share link works for a year at most: choose an expiry date up to 2027-12-06.",
    });
    expect(await createShareLink(db, org.user, { ...input, expiresOn: "2027-12-06" }, now)).toMatchObject({
      ok: true,
    });
  });
});

describe("the Import pages", () => {
  type Answer = Promise<{ data: Record<string, unknown>; init: { status: number } }>;
  async function mappingAction(cookie: string, token: string, body: Record<string, string>) {
    const route = await import("../../app/routes/_app.import.csv_.$token");
    return route.action(
      routeArgs(
        `/import/csv/${token}`,
        cookie,
        { token },
        { method: "POST", body: new URLSearchParams(body) },
      ),
    ) as unknown as Answer;
  }
  async function calendarAction(cookie: string, token: string, body: Record<string, string>) {
    const route = await import("../../app/routes/_app.import.calendar_.$token");
    return route.action(
      routeArgs(
        `/import/calendar/${token}`,
        cookie,
        { token },
        { method: "POST", body: new URLSearchParams(body) },
      ),
    ) as unknown as Answer;
  }

  it("answers a check or import of a file that cannot be read with 400 and the reason, not 500", async () => {
    const org = await createWorkspace(db, { role: "recruiter" });
    const { storeUpload } = await import("../../app/intake/uploads.server");
    const token = await storeUpload(
      org.organizationId,
      Buffer.from('name,email,position\n"Ada,ada@example.test,AE\n'),
    );
    const result = await mappingAction(await sessionCookie(org.user.id), token, {
      intent: "import",
      clientId: String(org.clientId),
      timeZone: "UTC",
    });
    expect(result.init.status).toBe(400);
    expect(result.data).toMatchObject({
      formError: expect.stringMatching(
        /^This file could not be read as CSV: .+ Fix it and upload it again\.$/,
      ),
    });
  });

  it("refuses another organization's client id as a mistake in the form, not with a 500", async () => {
    const org = await createWorkspace(db, { role: "recruiter" });
    const other = await createWorkspace(db, { role: "recruiter" });
    const { storeUpload } = await import("../../app/intake/uploads.server");
    const token = await storeUpload(
      org.organizationId,
      Buffer.from("name,email,position\nAda,ada@example.test,AE\n"),
    );
    const cookie = await sessionCookie(org.user.id);
    const mapping = { "map.name": "0", "map.email": "1", "map.position": "2" };
    const result = await mappingAction(cookie, token, {
      intent: "import",
      clientId: String(other.clientId),
      timeZone: "UTC",
      ...mapping,
    });
    expect(result.init.status).toBe(400);
    expect(result.data).toMatchObject({
      errors: { clientId: ["Choose the client for rows that do not name one."] },
      values: { clientId: String(other.clientId), ...mapping },
    });
    expect(
      await db.selectFrom("candidates").select("id").where("email", "=", "ada@example.test").execute(),
    ).toEqual([]);

    const ics = await calendarAction(cookie, "whatever", { clientId: String(other.clientId) });
    expect(ics.init.status).toBe(400);
    expect(ics.data).toMatchObject({
      formError: "Choose the client for events whose candidate has no position yet, from the list.",
    });
  });
});

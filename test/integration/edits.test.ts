// Fixing mistakes (issue 18): an interview's or follow-up's correction or deletion recomputes what
// depends on it in the same transaction and is audited; a refused correction writes nothing; a form
// posted twice stores once; the database refuses the same message twice for one interview.
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import type { Kysely } from "kysely";
import type { Database } from "../../db/schema";
import { isUniqueViolation } from "../../db/errors.server";
import { LogFollowUpSchema, LogInterviewSchema } from "../../app/core/schemas";
import {
  deleteFollowUp,
  deleteInterview,
  logFollowUp,
  logInterview,
  updateFollowUp,
  updateInterview,
} from "../../app/data/interviews.server";
import { getCandidateRecord } from "../../app/data/candidates.server";
import { candidateTimeline } from "../../app/data/timeline.server";
import { createApplication, createFollowUp, createUser, createWorkspace } from "../factories";
import { freshDatabase, routeArgs, sessionCookie, statusOf } from "../helpers";

let db: Kysely<Database>;
beforeAll(async () => {
  db = await freshDatabase();
});

const interviewInput = (applicationId: number, extra: Record<string, string> = {}) =>
  LogInterviewSchema.parse({
    applicationId: String(applicationId),
    interviewerName: "Priya Shah",
    interviewerEmail: "",
    startsAt: "2026-11-24T10:00",
    endsAt: "2026-11-24T11:00",
    timeZone: "America/New_York",
    format: "video",
    round: "1",
    notes: "We discussed the Q3 pipeline review and the Salesforce migration.",
    ...extra,
  });

const followUpInput = (interviewId: number, receivedAt: string, body: string) =>
  LogFollowUpSchema.parse({ interviewId: String(interviewId), receivedAt, channel: "email", body });

/** A recruiter's workspace with a candidate in its position and a logged interview (11:00 New York = 16:00 UTC). */
async function loggedInterview() {
  const org = await createWorkspace(db, { role: "recruiter" });
  const application = await createApplication(db, {
    position_id: org.positionId,
    candidate: { name: "Ada Lovelace" },
  });
  const interview = await logInterview(db, org.user, interviewInput(application.id));
  if (!interview.ok) throw new Error(interview.message);
  return { org, viewer: org.user, application, interviewId: interview.id };
}

const interviewRow = (id: number) =>
  db.selectFrom("interviews").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
const applicationRow = (id: number) =>
  db.selectFrom("applications").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
const followUpRow = (id: number) =>
  db.selectFrom("follow_ups").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
const auditOf = (organizationId: number) =>
  db
    .selectFrom("audit_log")
    .select(["action", "entity", "entity_id", "detail", "candidate_id"])
    .where("organization_id", "=", organizationId)
    .orderBy("id")
    .execute();

describe("correcting an interview", () => {
  it("recomputes latency, window and the application's summary when its end time changes", async () => {
    const { viewer, application, interviewId } = await loggedInterview();
    const logged = await logFollowUp(
      db,
      viewer,
      followUpInput(interviewId, "2026-11-24T16:00", "Thank you."),
    );
    expect(logged.ok).toBe(true);
    expect(await interviewRow(interviewId)).toMatchObject({ latency_minutes: 300, window: "best" });
    expect((await applicationRow(application.id)).median_latency_minutes).toBe(300);

    // It was the night before: 02:00–03:00, so the note came 13 hours after the end.
    const result = await updateInterview(
      db,
      viewer,
      interviewId,
      interviewInput(application.id, { startsAt: "2026-11-24T02:00", endsAt: "2026-11-24T03:00" }),
    );
    expect(result).toEqual({ ok: true, id: interviewId });
    const interview = await interviewRow(interviewId);
    expect(interview).toMatchObject({
      ends_at: "2026-11-24T08:00:00.000Z",
      latency_minutes: 780,
      window: "acceptable",
      closes_at: "2026-11-27T08:00:00.000Z",
    });
    expect((await applicationRow(application.id)).median_latency_minutes).toBe(780);
    expect((await followUpRow(logged.ok ? logged.id : 0)).window).toBe("acceptable");
  });

  it("audits what changed, and a refused correction writes nothing", async () => {
    const { org, viewer, application, interviewId } = await loggedInterview();
    await logFollowUp(db, viewer, followUpInput(interviewId, "2026-11-24T12:00", "Thank you for today."));
    const before = await interviewRow(interviewId);
    const auditBefore = await auditOf(org.organizationId);

    // Ending after the follow-up arrived would make it a message sent during the interview.
    const refused = await updateInterview(
      db,
      viewer,
      interviewId,
      interviewInput(application.id, { endsAt: "2026-11-24T12:30" }),
    );
    expect(refused).toMatchObject({ ok: false, field: "endsAt" });
    expect(await interviewRow(interviewId)).toEqual(before);
    expect(await auditOf(org.organizationId)).toEqual(auditBefore);

    // Through the page: a date that does not exist is refused beside its field, nothing written.
    const route = await import("../../app/routes/_app.interviews.$interviewId.edit");
    const cookie = await sessionCookie(viewer.id);
    const response = (await route.action(
      routeArgs(
        `/interviews/${interviewId}/edit`,
        cookie,
        { interviewId: String(interviewId) },
        {
          method: "POST",
          body: new URLSearchParams({
            interviewerName: "Priya Shah",
            interviewerEmail: "",
            startsAt: "2026-11-24T10:00",
            endsAt: "2026-02-30T11:00",
            timeZone: "America/New_York",
            format: "video",
            round: "1",
            notes: "",
          }),
        },
      ),
    )) as unknown as { data: { errors: Record<string, string[]> }; init: { status: number } };
    expect(response.init.status).toBe(400);
    expect(response.data.errors.endsAt).toEqual(["That end date does not exist; check the day and month."]);
    expect(await interviewRow(interviewId)).toEqual(before);
    expect(await auditOf(org.organizationId)).toEqual(auditBefore);

    const saved = await updateInterview(
      db,
      viewer,
      interviewId,
      interviewInput(application.id, { interviewerName: "Priya Shah-Rao", round: "2", notes: "New notes" }),
    );
    expect(saved.ok).toBe(true);
    const entry = (await auditOf(org.organizationId)).at(-1)!;
    expect(entry).toMatchObject({
      action: "update",
      entity: "interview",
      entity_id: interviewId,
      candidate_id: application.candidate_id,
    });
    expect(JSON.parse(entry.detail!)).toEqual({
      changed: {
        interviewer_name: { from: "Priya Shah", to: "Priya Shah-Rao" },
        round: { from: 1, to: 2 },
        notes: "changed",
      },
    });
  });

  it("fills the edit form with the stored times, naming which 01:30 of the night the clocks went back", async () => {
    const org = await createWorkspace(db, { role: "recruiter" });
    const application = await createApplication(db, { position_id: org.positionId });
    const logged = await logInterview(
      db,
      org.user,
      interviewInput(application.id, {
        startsAt: "2026-11-01T01:30",
        startsAtFold: "later",
        endsAt: "2026-11-01T02:30",
        notes: "",
      }),
    );
    if (!logged.ok) throw new Error(logged.message);
    const route = await import("../../app/routes/_app.interviews.$interviewId.edit");
    const cookie = await sessionCookie(org.user.id);
    const args = (init?: RequestInit) =>
      routeArgs(`/interviews/${logged.id}/edit`, cookie, { interviewId: String(logged.id) }, init);
    const { values } = (await route.loader(args())) as unknown as { values: Record<string, string> };
    expect(values).toMatchObject({
      startsAt: "2026-11-01T01:30",
      startsAtFold: "later",
      endsAt: "2026-11-01T02:30",
    });
    const before = await interviewRow(logged.id);
    const auditBefore = await auditOf(org.organizationId);

    // Sent back as shown, it is the same interview: nothing changes, nothing is audited.
    const response = (await route.action(
      args({ method: "POST", body: new URLSearchParams(values) }),
    )) as Response;
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe(
      `/candidates/${application.candidate_id}#interview-${logged.id}`,
    );
    expect(await interviewRow(logged.id)).toEqual(before);
    expect(await auditOf(org.organizationId)).toEqual(auditBefore);

    // Without saying which 01:30, the page asks, beside the field.
    const asked = (await route.action(
      args({ method: "POST", body: new URLSearchParams({ ...values, startsAtFold: "" }) }),
    )) as unknown as { data: { errors: Record<string, string[]> }; init: { status: number } };
    expect(asked.init.status).toBe(400);
    expect(asked.data.errors.startsAt[0]).toMatch(/^01:30 on 1 Nov 2026 happens twice in America\/New_York/);
  });

  it("deletes an interview with its follow-ups, recomputes the application and audits it", async () => {
    const { org, viewer, application, interviewId } = await loggedInterview();
    await logFollowUp(db, viewer, followUpInput(interviewId, "2026-11-24T12:00", "Thank you for today."));
    expect((await applicationRow(application.id)).interview_count).toBe(1);

    expect(await deleteInterview(db, viewer, interviewId)).toEqual({ ok: true, id: interviewId });
    expect(await db.selectFrom("interviews").select("id").where("id", "=", interviewId).execute()).toEqual(
      [],
    );
    expect(
      await db.selectFrom("follow_ups").select("id").where("interview_id", "=", interviewId).execute(),
    ).toEqual([]);
    expect(await applicationRow(application.id)).toMatchObject({
      interview_count: 0,
      followed_up_count: 0,
      median_latency_minutes: null,
      best_score: null,
    });
    const entry = (await auditOf(org.organizationId)).at(-1)!;
    expect(entry).toMatchObject({
      action: "delete",
      entity: "interview",
      candidate_id: application.candidate_id,
    });
    expect(JSON.parse(entry.detail!)).toMatchObject({ round: 1, interviewer: "Priya Shah", followUps: 1 });
  });

  it("is refused outside the viewer's scope: another organization, or a hiring manager's other positions", async () => {
    const { application, interviewId } = await loggedInterview();
    const stranger = await createWorkspace(db, { role: "admin" });
    expect(
      await updateInterview(db, stranger.user, interviewId, interviewInput(application.id)),
    ).toMatchObject({
      ok: false,
      field: "interviewId",
    });
    expect(await deleteInterview(db, stranger.user, interviewId)).toMatchObject({ ok: false });
    const manager = await createUser(db, {
      organization_id: application.organization_id,
      role: "hiring_manager",
    });
    expect(await deleteInterview(db, manager, interviewId)).toMatchObject({ ok: false });
    expect((await interviewRow(interviewId)).id).toBe(interviewId);
    const viewerOnly = await createUser(db, {
      organization_id: application.organization_id,
      role: "client_viewer",
    });
    const route = await import("../../app/routes/_app.interviews.$interviewId.delete");
    expect(
      await statusOf(async () =>
        route.loader(
          routeArgs(`/interviews/${interviewId}/delete`, await sessionCookie(viewerOnly.id), {
            interviewId: String(interviewId),
          }),
        ),
      ),
    ).toBe(403);
  });
});

describe("correcting a follow-up", () => {
  it("rescores it when its text changes, and audits that the text changed", async () => {
    const { org, viewer, interviewId } = await loggedInterview();
    const logged = await logFollowUp(db, viewer, followUpInput(interviewId, "2026-11-24T13:00", "Thanks."));
    if (!logged.ok) throw new Error(logged.message);
    const before = await followUpRow(logged.id);

    const body =
      "Hi Priya, thank you for walking me through the Q3 pipeline review. You mentioned the Salesforce " +
      "migration: at Northwind I led ours and cut duplicate records by half. I'm very interested in this " +
      "role. Could we schedule a call on Thursday to talk about next steps? I can send references.";
    const result = await updateFollowUp(db, viewer, logged.id, {
      ...followUpInput(interviewId, "2026-11-24T13:00", body),
    });
    expect(result).toEqual({ ok: true, id: logged.id });
    const after = await followUpRow(logged.id);
    expect(after.body).toBe(body);
    expect(after.score).not.toBe(before.score);
    expect(after.score!).toBeGreaterThan(before.score!);
    expect(after.score_parts).not.toBe(before.score_parts);
    expect(after.body_hash).not.toBe(before.body_hash);

    const entry = (await auditOf(org.organizationId)).at(-1)!;
    expect(entry).toMatchObject({ action: "update", entity: "follow_up", entity_id: logged.id });
    expect(JSON.parse(entry.detail!)).toEqual({ interviewId, changed: { body: "changed" } });
  });

  it("makes the second follow-up the first when the first is deleted", async () => {
    const { org, viewer, application, interviewId } = await loggedInterview();
    const first = await logFollowUp(db, viewer, followUpInput(interviewId, "2026-11-24T13:00", "Thank you."));
    const second = await logFollowUp(
      db,
      viewer,
      followUpInput(interviewId, "2026-11-24T20:00", "One more thought on the pipeline review."),
    );
    if (!first.ok || !second.ok) throw new Error("not logged");
    expect(await interviewRow(interviewId)).toMatchObject({
      first_follow_up_id: first.id,
      latency_minutes: 120,
    });

    expect(await deleteFollowUp(db, viewer, first.id)).toEqual({ ok: true, id: first.id });
    expect(await interviewRow(interviewId)).toMatchObject({
      first_follow_up_id: second.id,
      first_follow_up_at: "2026-11-25T01:00:00.000Z",
      latency_minutes: 540,
      window: "ideal",
    });
    expect((await applicationRow(application.id)).median_latency_minutes).toBe(540);
    const entry = (await auditOf(org.organizationId)).at(-1)!;
    expect(entry).toMatchObject({ action: "delete", entity: "follow_up", entity_id: first.id });
    expect(JSON.parse(entry.detail!)).toMatchObject({
      receivedAt: "2026-11-24T18:00:00.000Z",
      channel: "email",
    });
  });

  it("refuses a correction that makes it a copy of another follow-up of the interview", async () => {
    const { viewer, interviewId } = await loggedInterview();
    const a = await logFollowUp(db, viewer, followUpInput(interviewId, "2026-11-24T13:00", "Thank you."));
    const b = await logFollowUp(db, viewer, followUpInput(interviewId, "2026-11-24T14:00", "Thanks again."));
    if (!a.ok || !b.ok) throw new Error("not logged");
    const before = await followUpRow(b.id);
    expect(
      await updateFollowUp(db, viewer, b.id, followUpInput(interviewId, "2026-11-24T13:00", "Thank you.")),
    ).toMatchObject({ ok: false, field: "body" });
    expect(await followUpRow(b.id)).toEqual(before);
  });
});

describe("storing once", () => {
  it("stores one follow-up when the same form (the same key) is posted twice", async () => {
    const { viewer, application, interviewId } = await loggedInterview();
    const route = await import("../../app/routes/_app.candidates.$candidateId");
    const cookie = await sessionCookie(viewer.id);
    const post = async () =>
      (await route.action(
        routeArgs(
          `/candidates/${application.candidate_id}`,
          cookie,
          { candidateId: String(application.candidate_id) },
          {
            method: "POST",
            body: new URLSearchParams({
              intent: "log-follow-up",
              interviewId: String(interviewId),
              formKey: "3f1c2a9e-5b7d-4c1e-9a2b-0d6e8f4a1b2c-f1",
              receivedAt: "2026-11-24T13:00",
              channel: "email",
              body: "Thank you for the conversation about the pipeline review.",
            }),
          },
        ),
      )) as unknown as { done?: string };
    const [one, two] = await Promise.all([post(), post()]);
    expect(one.done).toMatch(/^Follow-up logged and scored/);
    expect(two.done).toMatch(/^Follow-up logged and scored/);
    // And once more after both have finished: still the one row.
    expect((await post()).done).toBe(
      "Follow-up logged and scored (the form was sent twice; it is stored once).",
    );
    const rows = await db
      .selectFrom("follow_ups")
      .select("id")
      .where("interview_id", "=", interviewId)
      .execute();
    expect(rows).toHaveLength(1);
    const keys = await db
      .selectFrom("form_submissions")
      .select(["entity", "entity_id"])
      .where("organization_id", "=", application.organization_id)
      .execute();
    expect(keys).toEqual([{ entity: "follow_up", entity_id: rows[0].id }]);
  });

  it("stores one interview when the same Log interview form is posted twice", async () => {
    const org = await createWorkspace(db, { role: "recruiter" });
    const application = await createApplication(db, { position_id: org.positionId });
    const route = await import("../../app/routes/_app.candidates.$candidateId");
    const cookie = await sessionCookie(org.user.id);
    const post = async () =>
      (await route.action(
        routeArgs(
          `/candidates/${application.candidate_id}`,
          cookie,
          { candidateId: String(application.candidate_id) },
          {
            method: "POST",
            body: new URLSearchParams({
              intent: "log-interview",
              applicationId: String(application.id),
              formKey: "0b7d6c1e-2f4a-4e0b-8c9d-1a2b3c4d5e6f-i1",
              interviewerName: "Priya Shah",
              interviewerEmail: "",
              startsAt: "2026-11-24T10:00",
              endsAt: "2026-11-24T11:00",
              timeZone: "America/New_York",
              format: "video",
              round: "1",
              notes: "",
            }),
          },
        ),
      )) as unknown as { done?: string };
    expect((await post()).done).toBe("Interview logged.");
    expect((await post()).done).toBe("Interview logged (the form was sent twice; it is stored once).");
    expect(
      await db.selectFrom("interviews").select("id").where("application_id", "=", application.id).execute(),
    ).toHaveLength(1);
  });

  it("keeps no key for a refused post, so the corrected form can be sent with it", async () => {
    const { viewer, application, interviewId } = await loggedInterview();
    const route = await import("../../app/routes/_app.candidates.$candidateId");
    const cookie = await sessionCookie(viewer.id);
    const post = (receivedAt: string) =>
      route.action(
        routeArgs(
          `/candidates/${application.candidate_id}`,
          cookie,
          { candidateId: String(application.candidate_id) },
          {
            method: "POST",
            body: new URLSearchParams({
              intent: "log-follow-up",
              interviewId: String(interviewId),
              formKey: "a-key-for-one-rendered-form",
              receivedAt,
              channel: "email",
              body: "Thank you.",
            }),
          },
        ),
      ) as unknown as Promise<{ done?: string; init?: { status: number } }>;
    // Before the interview ended: refused.
    expect((await post("2026-11-24T10:30")).init?.status).toBe(400);
    expect((await post("2026-11-24T13:00")).done).toBe("Follow-up logged and scored.");
    expect(
      await db.selectFrom("follow_ups").select("id").where("interview_id", "=", interviewId).execute(),
    ).toHaveLength(1);
  });

  it("refuses the same interview, time and text in the database, and when logged again by hand", async () => {
    const { viewer, interviewId } = await loggedInterview();
    const same = { interview_id: interviewId, received_at: "2026-11-24T18:00:00.000Z", body: "Thank you." };
    await createFollowUp(db, same);
    const error = await createFollowUp(db, same).then(
      () => null,
      (e: unknown) => e,
    );
    expect(isUniqueViolation(error)).toBe(true);
    // Another text at that time, or the same text at another time, is another message.
    await createFollowUp(db, { ...same, body: "Thank you!" });
    await createFollowUp(db, { ...same, received_at: "2026-11-24T18:01:00.000Z" });

    expect(
      await logFollowUp(db, viewer, followUpInput(interviewId, "2026-11-24T13:00", "Thank you.")),
    ).toEqual({
      ok: false,
      field: "body",
      message: "This message is already logged for this interview at that time; edit the one stored instead.",
    });
  });
});

describe("the candidate's timeline", () => {
  it("lists what was logged, corrected and deleted, in order, with who did it, in words", async () => {
    const { viewer, application, interviewId } = await loggedInterview();
    const first = await logFollowUp(db, viewer, followUpInput(interviewId, "2026-11-24T13:00", "Thank you."));
    if (!first.ok) throw new Error(first.message);
    await updateInterview(
      db,
      viewer,
      interviewId,
      interviewInput(application.id, { endsAt: "2026-11-24T10:45" }),
    );
    await updateFollowUp(
      db,
      viewer,
      first.id,
      followUpInput(interviewId, "2026-11-24T13:00", "Thank you, Priya."),
    );
    await deleteFollowUp(db, viewer, first.id);

    const record = (await getCandidateRecord(db, viewer, application.candidate_id))!;
    const entries = await candidateTimeline(db, viewer, record, "America/New_York");
    const done = entries.filter((e) => e.actor !== null);
    expect(done.map((e) => `${e.actor} ${e.text}`)).toEqual([
      `${viewer.name} logged the round 1 video interview with Priya Shah for ${record.applications[0].position_title}.`,
      `${viewer.name} logged a follow-up, since deleted.`,
      `${viewer.name} corrected the round 1 video interview with Priya Shah: the end from Tue 24 Nov 2026, 11:00 EST to Tue 24 Nov 2026, 10:45 EST.`,
      `${viewer.name} corrected a follow-up: the message.`.replace("a follow-up", "the follow-up"),
      `${viewer.name} deleted the email follow-up received Tue 24 Nov 2026, 13:00 EST for ${record.applications[0].position_title}.`,
    ]);
    expect(entries.map((e) => e.at)).toEqual([...entries.map((e) => e.at)].sort());
    expect(entries.find((e) => e.kind === "interview" && e.actor === null)?.text).toBe(
      `The round 1 video interview with Priya Shah for ${record.applications[0].position_title} took place.`,
    );
    expect(JSON.stringify(entries)).not.toMatch(/"detail"|follow_up #/);
  });

  it("says who imported an interview and follow-up from a file, and keeps to the viewer's organization", async () => {
    const org = await createWorkspace(db, { role: "recruiter" });
    const csv = await import("../../app/intake/csv.server");
    const file = { path: path.resolve("app/intake/fixtures/csv/clean.csv") };
    const mapping = (await csv.previewCsv(file)).suggested;
    await csv.importCsv(db, org.user, file, mapping, {
      timeZone: "America/New_York",
      dateOrder: "mdy",
      defaultDurationMinutes: 60,
      clientId: org.clientId,
    });
    const ada = await db
      .selectFrom("candidates")
      .select("id")
      .where("organization_id", "=", org.organizationId)
      .where("email", "=", "ada@example.test")
      .executeTakeFirstOrThrow();
    const record = (await getCandidateRecord(db, org.user, ada.id))!;
    const entries = await candidateTimeline(db, org.user, record, "America/New_York");
    expect(entries.filter((e) => e.kind === "import").map((e) => `${e.actor} ${e.text}`)).toEqual([
      `${org.user.name} imported 2 interviews and 1 follow-up of Ada Lovelace from a CSV file.`,
    ]);

    // Another organization's admin sees none of it, whatever the candidate id.
    const stranger = await createWorkspace(db, { role: "admin" });
    expect(await getCandidateRecord(db, stranger.user, ada.id)).toBeNull();
  });
});

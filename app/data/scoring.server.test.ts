// Integration: a real, freshly migrated SQLite file for this test file.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Kysely } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase } from "../../db/connection.server";
import { migrateToLatest } from "../../db/migrate.server";
import type { Database } from "../../db/schema";
import {
  createApplication,
  createClient,
  createFollowUp,
  createInterview,
  createOrganization,
  createPosition,
} from "../../test/factories";
import { SCORER_VERSION } from "../core/rubric/score";
import { decodeScoreParts } from "../core/rubric/stored-score";
import { DEFAULT_SETTINGS } from "../core/settings";
import { recomputeInterview, rescoreAll, rescoreOrganization } from "./scoring.server";

const ARTICLE_BODY = `Sarah,

Good talking today. That challenge you mentioned about getting CFOs and their tech teams aligned earlier in the process is exactly what I've been dealing with at TechCorp. We built a whole discovery framework around it.

I'm very interested in this role. Would love to keep the conversation going.

Happy to send references whenever you need them.

Marcus`;
const NOTES =
  "Discussed the challenge of getting CFOs and their tech teams aligned earlier in the sales process; team size; quota; discovery framework";
const ENDS_AT = "2026-11-24T19:00:00.000Z"; // Tuesday 14:00 in New York
const NOW = new Date("2026-12-10T12:00:00.000Z");

let dir: string;
let db: Kysely<Database>;
let organizationId: number;
let positionId: number;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "followthrough-scoring-"));
  db = openDatabase(path.join(dir, "test.db"));
  await migrateToLatest(db);
  const created = "2026-11-01T00:00:00.000Z";
  organizationId = (await createOrganization(db, { name: "Acme Talent", created_at: created })).id;
  const client = await createClient(db, {
    organization_id: organizationId,
    name: "Globex",
    created_at: created,
  });
  positionId = (
    await createPosition(db, {
      client_id: client.id,
      title: "Account Executive",
      opened_on: "2026-11-01",
      created_at: created,
    })
  ).id;
});

afterAll(async () => {
  await db.destroy();
  fs.rmSync(dir, { recursive: true, force: true });
});

async function candidateWithInterview(name: string, endsAt = ENDS_AT, position = () => positionId) {
  const created = "2026-11-01T00:00:00.000Z";
  const application = await createApplication(db, {
    position_id: position(),
    candidate: { name, email: null, source: null, created_at: created },
    created_at: created,
  });
  const interview = await createInterview(db, {
    application_id: application.id,
    interviewer_name: "Sarah Chen",
    ends_at: endsAt,
    notes: NOTES,
    created_at: created,
    closes_at: "2000-01-01T00:00:00.000Z", // deliberately wrong: recomputeInterview sets it
  });
  return { candidateId: application.candidate_id, applicationId: application.id, interviewId: interview.id };
}

async function addFollowUp(
  interviewId: number,
  receivedAt: string,
  body: string,
  subject = "Thanks for today",
) {
  const row = await createFollowUp(db, {
    interview_id: interviewId,
    received_at: receivedAt,
    subject,
    body,
    created_at: receivedAt,
  });
  return row.id;
}

const followUp = (id: number) =>
  db.selectFrom("follow_ups").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
const interview = (id: number) =>
  db.selectFrom("interviews").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
const application = (id: number) =>
  db.selectFrom("applications").selectAll().where("id", "=", id).executeTakeFirstOrThrow();

describe("recomputeInterview", () => {
  it("stores latency, window, score and the application's summary", async () => {
    const { applicationId, interviewId } = await candidateWithInterview("Marcus Webb");
    const first = await addFollowUp(interviewId, "2026-11-25T00:00:00.000Z", ARTICLE_BODY); // 5 h later, 19:00 local
    const second = await addFollowUp(
      interviewId,
      "2026-11-25T15:30:00.000Z",
      "Sarah, one more thing: I can send a 30-60-90 plan. Marcus",
    );
    await db.transaction().execute((trx) => recomputeInterview(trx, interviewId, { now: NOW }));

    const i = await interview(interviewId);
    expect(i).toMatchObject({
      first_follow_up_id: first,
      first_follow_up_at: "2026-11-25T00:00:00.000Z",
      latency_minutes: 300,
      // 14:00–17:00 on Tuesday in New York; the message came in after hours.
      business_latency_minutes: 180,
      window: "best",
      closes_at: "2026-11-27T19:00:00.000Z",
    });

    const f = await followUp(first);
    expect(f).toMatchObject({
      latency_minutes: 300,
      business_latency_minutes: 180,
      window: "best",
      scorer_version: SCORER_VERSION,
    });
    expect(f.score).toBeGreaterThanOrEqual(80);
    const stored = decodeScoreParts(f.score_parts!)!;
    expect(stored.reduce((sum, p) => sum + p.points, 0)).toBe(f.score);
    expect(stored.map((p) => p.key)).toContain("specificity");
    expect(f.near_duplicate_of).toBeNull();
    expect(f.pts_specificity).toBe(DEFAULT_SETTINGS.weights.specificity);
    expect(f.pts_timing).toBe(DEFAULT_SETTINGS.weights.timing);

    const s = await followUp(second);
    expect(s).toMatchObject({ latency_minutes: 20.5 * 60, window: "acceptable" });

    const a = await application(applicationId);
    expect(a).toMatchObject({
      interview_count: 1,
      decided_interview_count: 1,
      followed_up_count: 1,
      behaviour: "always",
      median_latency_minutes: 300,
      best_score: f.score,
      last_interview_end: ENDS_AT,
    });
    expect(a.mean_score).toBeCloseTo(((f.score ?? 0) + (s.score ?? 0)) / 2, 6);
  });

  it("leaves an interview awaiting, then none, while nothing arrives", async () => {
    const { applicationId, interviewId } = await candidateWithInterview(
      "Quiet Candidate",
      "2026-12-09T15:00:00.000Z",
    );
    await db.transaction().execute((trx) => recomputeInterview(trx, interviewId, { now: NOW }));
    expect(await interview(interviewId)).toMatchObject({
      first_follow_up_id: null,
      window: null,
      closes_at: "2026-12-12T15:00:00.000Z",
    });
    expect(await application(applicationId)).toMatchObject({
      interview_count: 1,
      decided_interview_count: 0,
      behaviour: null,
    });

    await db
      .transaction()
      .execute((trx) => recomputeInterview(trx, interviewId, { now: new Date("2026-12-13T00:00:00.000Z") }));
    expect(await application(applicationId)).toMatchObject({
      decided_interview_count: 1,
      followed_up_count: 0,
      behaviour: "never",
      best_score: null,
    });
  });

  it("does not count an auto-reply, and counts a message after 72 hours as none", async () => {
    const { applicationId, interviewId } = await candidateWithInterview("Slow Candidate");
    const auto = await addFollowUp(
      interviewId,
      "2026-11-24T19:05:00.000Z",
      "I am currently out of the office until Monday.",
      "Automatic reply: Thanks",
    );
    const late = await addFollowUp(
      interviewId,
      "2026-11-28T19:00:00.000Z",
      "Sarah, thanks again, still keen to join. Happy to send references.",
    );
    await db.transaction().execute((trx) => recomputeInterview(trx, interviewId, { now: NOW }));
    expect(await followUp(auto)).toMatchObject({ score: null, window: null, latency_minutes: null });
    expect(await followUp(late)).toMatchObject({ window: "none", latency_minutes: 96 * 60 });
    expect(await interview(interviewId)).toMatchObject({ first_follow_up_id: late, window: "none" });
    expect(await application(applicationId)).toMatchObject({
      followed_up_count: 0,
      behaviour: "never",
      best_score: null,
      median_latency_minutes: null,
    });
  });

  it("flags near-identical follow-ups from two candidates, both of them", async () => {
    const template = `Dear Sarah, thank you for the interview today about the account executive role. I enjoyed learning about the team and the discovery framework, and I am very excited about the opportunity. Happy to send references. Best regards`;
    const a = await candidateWithInterview("Dana Ortiz");
    const b = await candidateWithInterview("Eli Park");
    const fa = await addFollowUp(a.interviewId, "2026-11-24T21:00:00.000Z", `${template}, Dana`);
    await db.transaction().execute((trx) => recomputeInterview(trx, a.interviewId, { now: NOW }));
    const before = (await followUp(fa)).score!;

    const fb = await addFollowUp(b.interviewId, "2026-11-24T22:00:00.000Z", `${template}, Eli`);
    await db.transaction().execute((trx) => recomputeInterview(trx, b.interviewId, { now: NOW }));

    const parts = (id: number) => followUp(id).then((f) => decodeScoreParts(f.score_parts!)!);
    const toneB = (await parts(fb)).find((p) => p.key === "personalTone")!;
    expect(toneB.evidence.find((e) => e.followUpId === fa)?.text).toContain("from Dana Ortiz");
    // The earlier message is rescored too: copying is a property of both.
    const toneA = (await parts(fa)).find((p) => p.key === "personalTone")!;
    expect(toneA.evidence.find((e) => e.followUpId === fb)?.text).toContain("from Eli Park");
    expect((await followUp(fa)).near_duplicate_of).toBe(fb);
    expect((await followUp(fb)).near_duplicate_of).toBe(fa);
    expect((await followUp(fa)).score).toBeLessThan(before);
    expect((await application(a.applicationId)).best_score).toBe((await followUp(fa)).score);

    // Once B's message is rewritten, A's flag goes away again.
    await db
      .updateTable("follow_ups")
      .set({
        body: "Sarah, the CFO alignment point stuck with me; at Initech we ran a similar discovery pilot. Keen to continue.",
      })
      .where("id", "=", fb)
      .execute();
    await db.transaction().execute((trx) => recomputeInterview(trx, b.interviewId, { now: NOW }));
    expect((await followUp(fa)).score).toBe(before);
    expect((await followUp(fa)).near_duplicate_of).toBeNull();
  });
});

describe("rescoreOrganization and rescoreAll", () => {
  it("recompute everything under new settings, in batches, reporting progress", async () => {
    const { applicationId, interviewId } = await candidateWithInterview("Settings Candidate");
    const id = await addFollowUp(interviewId, "2026-11-25T00:00:00.000Z", ARTICLE_BODY);
    // Nothing computed yet.
    expect((await followUp(id)).score).toBeNull();

    await db
      .updateTable("organizations")
      .set({
        settings: JSON.stringify({
          windows: { best: 120, ideal: 600, acceptable: 1440, late: 4320 },
          workingHours: { start: "08:00", end: "18:00" },
        }),
      })
      .where("id", "=", organizationId)
      .execute();
    const progress: [number, number][] = [];
    const result = await rescoreOrganization(
      db,
      organizationId,
      (done, total) => progress.push([done, total]),
      { now: NOW },
    );
    const interviews = await db
      .selectFrom("interviews")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("organization_id", "=", organizationId)
      .executeTakeFirstOrThrow();
    expect(result.interviews).toBe(Number(interviews.n));
    expect(progress.at(0)).toEqual([0, result.interviews]);
    expect(progress.at(-1)).toEqual([result.interviews, result.interviews]);

    const f = await followUp(id);
    expect(f).toMatchObject({
      window: "ideal",
      latency_minutes: 300,
      business_latency_minutes: 240,
      scorer_version: SCORER_VERSION,
    });
    expect(f.pts_timing).toBe(12);
    expect(await interview(interviewId)).toMatchObject({
      window: "ideal",
      first_follow_up_id: id,
      business_latency_minutes: 240,
    });
    expect(await application(applicationId)).toMatchObject({
      behaviour: "always",
      best_score: f.score,
      followed_up_count: 1,
    });

    const snapshot = () =>
      Promise.all([
        db.selectFrom("follow_ups").selectAll().orderBy("id").execute(),
        db.selectFrom("interviews").selectAll().orderBy("id").execute(),
        db.selectFrom("applications").selectAll().orderBy("id").execute(),
      ]);
    // A second position, so that there are two batches for two workers.
    const clientId = (
      await db
        .selectFrom("clients")
        .select("id")
        .where("organization_id", "=", organizationId)
        .executeTakeFirstOrThrow()
    ).id;
    const otherPosition = (
      await createPosition(db, {
        client_id: clientId,
        title: "SDR",
        opened_on: "2026-11-01",
        created_at: ENDS_AT,
      })
    ).id;
    const other = await candidateWithInterview("Second Position", ENDS_AT, () => otherPosition);
    await addFollowUp(other.interviewId, "2026-11-25T02:00:00.000Z", ARTICLE_BODY.replace("Marcus", "Rae"));
    // A copy of the first follow-up from another candidate for the same position: with workers, the
    // main thread finds the pair and the worker scores it.
    const copy = await candidateWithInterview("Copying Candidate");
    const copyId = await addFollowUp(copy.interviewId, "2026-11-25T03:00:00.000Z", ARTICLE_BODY);
    await rescoreOrganization(db, organizationId, undefined, { now: NOW });
    // Each is flagged as a near-copy (of the other, or of an earlier test's copy of the same letter).
    expect((await followUp(id)).near_duplicate_of).not.toBeNull();
    expect((await followUp(copyId)).near_duplicate_of).not.toBeNull();
    const before = await snapshot();
    const between: number[] = [];
    const again = await rescoreOrganization(db, organizationId, undefined, {
      now: NOW,
      workers: 2,
      batchSize: 1,
      betweenBatches: (done) => void between.push(done),
    });
    // Scored on worker threads, the same values come out, so nothing needs writing.
    expect(again.rowsWritten).toBe(0);
    expect(await snapshot()).toEqual(before);
    // Both batches went to the workers in one transaction.
    expect(between).toEqual([result.interviews + 2]);

    const all = await rescoreAll(db, undefined, { now: NOW });
    expect(all).toMatchObject({
      organizations: 1,
      interviews: result.interviews + 2,
      followUps: result.followUps + 2,
    });
    expect(await snapshot()).toEqual(before);
  });
});

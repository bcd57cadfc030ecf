// A new scorer version rescores what an older one stored: the start-up finds the organizations with
// outdated scores and rescores them in the background, after which every score carries the version.
import { beforeAll, describe, expect, it, vi } from "vitest";
import type { Kysely } from "kysely";
import type { Database } from "../../db/schema";
import { createApplication, createFollowUp, createInterview, createWorkspace } from "../factories";
import { finishedJob, freshDatabase } from "../helpers";

let db: Kysely<Database>;
let upgrade: typeof import("../../app/data/scorer-upgrade.server");
let SCORER_VERSION: string;

beforeAll(async () => {
  db = await freshDatabase();
  upgrade = await import("../../app/data/scorer-upgrade.server");
  ({ SCORER_VERSION } = await import("../../app/core/rubric/score"));
});

/** An organization whose one follow-up was scored by `version`. */
async function organizationScoredBy(version: string) {
  const org = await createWorkspace(db, { role: "admin" });
  const { id: applicationId } = await createApplication(db, {
    position_id: org.positionId,
    candidate: { name: "Ada Lovelace" },
  });
  const interview = await createInterview(db, {
    application_id: applicationId,
    ends_at: "2026-11-24T15:00:00.000Z",
    notes: "Q3 pipeline review; Dentrix objection",
  });
  const followUp = await createFollowUp(db, {
    interview_id: interview.id,
    body: "Hi Priya, the Dentrix objection stuck with me. I'm very interested, and happy to send references. Ada",
    sender: "ada@example.test",
    score: 99,
    scorer_version: version,
  });
  return { ...org, followUpId: followUp.id };
}

describe("rescoring scores of an earlier scorer version", () => {
  it("finds the organizations with outdated scores, rescores them, and leaves current ones alone", async () => {
    vi.spyOn(console, "log").mockImplementation(() => undefined);
    const outdated = await organizationScoredBy("2026.11-1");
    const current = await organizationScoredBy(SCORER_VERSION);
    const found = await upgrade.organizationsWithOutdatedScores(db);
    expect(found).toContain(outdated.organizationId);
    expect(found).not.toContain(current.organizationId);

    const jobs = await upgrade.rescoreOutdatedScores(db);
    expect(jobs.length).toBeGreaterThanOrEqual(1);
    for (const id of jobs) expect((await finishedJob(db, id)).status).toBe("done");

    const rescored = await db
      .selectFrom("follow_ups")
      .select(["score", "scorer_version"])
      .where("id", "=", outdated.followUpId)
      .executeTakeFirstOrThrow();
    expect(rescored.scorer_version).toBe(SCORER_VERSION);
    expect(rescored.score).not.toBe(99);
    expect(await upgrade.organizationsWithOutdatedScores(db)).toEqual([]);
    // The organization already on this version was not rescored: its stored score is untouched.
    expect(
      (
        await db
          .selectFrom("follow_ups")
          .select("score")
          .where("id", "=", current.followUpId)
          .executeTakeFirstOrThrow()
      ).score,
    ).toBe(99);
  });
});

describe("what the stored score reads from the database", () => {
  it("does not count the position's title or the client's name as specific, on the path the pages and imports take", async () => {
    vi.spyOn(console, "log").mockImplementation(() => undefined);
    const { recomputeInterview } = await import("../../app/data/scoring.server");
    const { decodeScoreParts } = await import("../../app/core/rubric/stored-score");
    const org = await createWorkspace(db, { role: "admin" });
    // Rare words, which would count in full if they were not the position's and the client's.
    const position = { title: "Orthodontics Pipeline Strategist", name: "Zephyrine Labs" };
    await db
      .updateTable("positions")
      .set({ title: position.title })
      .where("id", "=", org.positionId)
      .execute();
    await db.updateTable("clients").set({ name: position.name }).where("id", "=", org.clientId).execute();
    const { id: applicationId } = await createApplication(db, {
      position_id: org.positionId,
      candidate: { name: "Ada Lovelace" },
    });
    // The notes hold the title's and the client's words, and one topic: "Dentrix".
    const interview = await createInterview(db, {
      application_id: applicationId,
      ends_at: "2026-11-24T15:00:00.000Z",
      notes: `${position.title} at ${position.name}: Dentrix objection`,
    });
    await createFollowUp(db, {
      interview_id: interview.id,
      subject: "Thanks",
      body: `Hi Priya,

The ${position.title} role at ${position.name} and the Dentrix objection stuck with me.

Ada`,
      sender: "ada@example.test",
    });
    await recomputeInterview(db, interview.id);
    const stored = await db
      .selectFrom("follow_ups")
      .select("score_parts")
      .where("interview_id", "=", interview.id)
      .executeTakeFirstOrThrow();
    const specificity = decodeScoreParts(stored.score_parts!)!.find((p) => p.key === "specificity")!;
    const shared = specificity.evidence
      .filter((e) => e.text.includes("in the interview notes") || e.text.includes("in the notes, but"))
      .map((e) => e.text);
    expect(shared.some((t) => t.includes("“Dentrix”"))).toBe(true);
    for (const word of [...position.title.split(/\s+/), position.name.split(/\s+/)[0]]) {
      if (word.length >= 2) expect(shared.join(" ")).not.toContain(`“${word}”`);
    }
  });
});

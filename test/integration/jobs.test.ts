// Background jobs: one log line when a rescore starts and one when it ends, with ids, outcome, time and
// counts but never a message body or an address; starting a rescore is atomic across app servers that
// share the database (a partial unique index, migration 0011), on SQLite and on PostgreSQL.
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import type { Kysely } from "kysely";
import type { Database } from "../../db/schema";
import { freshDatabase, makeCandidate, makeOrganization } from "../helpers";
import { openDatabase } from "../../db/connection.server";

let db: Kysely<Database>;
let jobs: typeof import("../../app/data/jobs.server");

beforeAll(async () => {
  db = await freshDatabase();
  jobs = await import("../../app/data/jobs.server");
});
afterEach(() => {
  vi.restoreAllMocks();
});

const BODY = "Hi Priya, thank you for the talk about the Q3 pipeline. Best, Ada";

/** An organization with one interviewed candidate who followed up. */
async function organizationWithFollowUp() {
  const org = await makeOrganization(db, "admin");
  const { applicationId } = await makeCandidate(db, org.organizationId, org.positionId, "Ada Lovelace");
  const interview = await db
    .insertInto("interviews")
    .values({
      organization_id: org.organizationId,
      application_id: applicationId,
      interviewer_name: "Priya Shah",
      interviewer_email: "priya@client.test",
      starts_at: "2026-11-24T14:00:00.000Z",
      ends_at: "2026-11-24T15:00:00.000Z",
      time_zone: "America/New_York",
      format: "video",
      round: 1,
      notes: "Q3 pipeline",
      logged_by: null,
      created_at: new Date().toISOString(),
      mail_token: `tok${Math.random().toString(36).slice(2, 10)}`,
      closes_at: "2026-11-27T15:00:00.000Z",
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  await db
    .insertInto("follow_ups")
    .values({
      organization_id: org.organizationId,
      interview_id: interview.id,
      received_at: "2026-11-24T18:00:00.000Z",
      channel: "email",
      subject: "Thank you",
      body: BODY,
      sender: "ada@example.test",
      logged_by: null,
      created_at: new Date().toISOString(),
    })
    .execute();
  return org;
}

async function finished(jobId: number) {
  for (let i = 0; i < 200; i++) {
    const job = await db.selectFrom("jobs").selectAll().where("id", "=", jobId).executeTakeFirstOrThrow();
    if (job.status !== "running") return job;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`job ${jobId} still running`);
}

describe("rescore job log", () => {
  it("prints one line when the job starts and one when it is done: ids, outcome, time, counts; no body or address", async () => {
    const org = await organizationWithFollowUp();
    const lines: string[] = [];
    vi.spyOn(console, "log").mockImplementation((...args: unknown[]) => void lines.push(args.map(String).join(" ")));
    const jobId = await jobs.startRescoreJob(org.organizationId, org.user.id);
    expect((await finished(jobId)).status).toBe("done");
    const mine = lines.filter((l) => l.startsWith(`job rescore ${jobId} `));
    expect(mine).toHaveLength(2);
    expect(mine[0]).toBe(`job rescore ${jobId} org ${org.organizationId} started by user ${org.user.id}`);
    expect(mine[1]).toMatch(new RegExp(`^job rescore ${jobId} org ${org.organizationId} done in \\d+ ms: 1 interviews, 1 follow-ups, \\d+ rows changed$`));
    for (const line of lines) {
      expect(line).not.toContain("Q3 pipeline");
      expect(line).not.toMatch(/@/);
    }
  });
});

describe("starting a rescore", () => {
  it("starts one job when many servers ask at the same moment, and returns it to each", async () => {
    const org = await organizationWithFollowUp();
    vi.spyOn(console, "log").mockImplementation(() => undefined);
    // The job waits until every server has asked, so that a small organization's rescore cannot end
    // (and free the slot) before the last one asks: the test does not depend on the machine's speed.
    let release!: () => void;
    const everyoneAsked = new Promise<void>((resolve) => (release = resolve));
    const run = async (jobId: number, organizationId: number, userId: number | null) => {
      await everyoneAsked;
      await jobs.runRescore(jobId, organizationId, userId);
    };
    const ids = await Promise.all(Array.from({ length: 8 }, () => jobs.startRescoreJob(org.organizationId, org.user.id, run)));
    release();
    expect(new Set(ids).size).toBe(1);
    const rows = await db.selectFrom("jobs").select(["id", "status"]).where("organization_id", "=", org.organizationId).execute();
    expect(rows.map((r) => r.id)).toEqual([ids[0]]);
    expect((await finished(ids[0])).status).toBe("done");
  });

  it("returns the job another server is running, seen through its own connection", async () => {
    const org = await organizationWithFollowUp();
    // A second connection to the same database stands for a second app server.
    const other = openDatabase(process.env.DATABASE_URL);
    try {
      const theirs = await other
        .insertInto("jobs")
        .values({ organization_id: org.organizationId, kind: "rescore", status: "running", started_by: null, started_at: new Date().toISOString() })
        .returning("id")
        .executeTakeFirstOrThrow();
      expect(await jobs.startRescoreJob(org.organizationId, org.user.id)).toBe(theirs.id);
      // The database itself refuses a second running rescore of the organization.
      await expect(
        other
          .insertInto("jobs")
          .values({ organization_id: org.organizationId, kind: "rescore", status: "running", started_by: null, started_at: new Date().toISOString() })
          .execute(),
      ).rejects.toThrow(/unique|duplicate/i);
      await other.updateTable("jobs").set({ status: "done", finished_at: new Date().toISOString() }).where("organization_id", "=", org.organizationId).execute();
    } finally {
      await other.destroy();
    }
  });

  it("marks a running job older than 30 minutes failed (its server died) and starts a new one", async () => {
    const org = await organizationWithFollowUp();
    vi.spyOn(console, "log").mockImplementation(() => undefined);
    const stale = await db
      .insertInto("jobs")
      .values({ organization_id: org.organizationId, kind: "rescore", status: "running", started_by: null, started_at: new Date(Date.now() - 31 * 60_000).toISOString() })
      .returning("id")
      .executeTakeFirstOrThrow();
    const id = await jobs.startRescoreJob(org.organizationId, org.user.id);
    expect(id).not.toBe(stale.id);
    expect(await db.selectFrom("jobs").select(["status", "error"]).where("id", "=", stale.id).executeTakeFirstOrThrow()).toEqual({
      status: "failed",
      error: "abandoned: no result after 30 minutes",
    });
    expect((await finished(id)).status).toBe("done");
    // Once it is done, the next request starts a new job.
    const next = await jobs.startRescoreJob(org.organizationId, org.user.id);
    expect(next).toBeGreaterThan(id);
    expect((await finished(next)).status).toBe("done");
  });
});

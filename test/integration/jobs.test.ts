// Background jobs: one log line when a rescore starts and one when it ends, with ids, outcome, time and
// counts but never a message body or an address; starting a rescore is atomic across app servers that
// share the database (a partial unique index, migration 0011), on SQLite and on PostgreSQL.
import { spawn } from "node:child_process";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import type { Kysely } from "kysely";
import type { Database } from "../../db/schema";
import {
  createApplication,
  createFollowUp,
  createInterview,
  createJob,
  createPosition,
  createWorkspace,
} from "../factories";
import { finishedJob, freshDatabase, routeArgs, sessionCookie } from "../helpers";
import { SCORER_VERSION } from "../../app/core/rubric/score";
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
  const org = await createWorkspace(db, { role: "admin" });
  const { id: applicationId } = await createApplication(db, {
    position_id: org.positionId,
    candidate: { name: "Ada Lovelace" },
  });
  const interview = await createInterview(db, {
    application_id: applicationId,
    interviewer_email: "priya@client.test",
    ends_at: "2026-11-24T15:00:00.000Z",
    notes: "Q3 pipeline",
  });
  await createFollowUp(db, { interview_id: interview.id, body: BODY, sender: "ada@example.test" });
  return org;
}

describe("rescore job log", () => {
  it("prints one line when the job starts and one when it is done: ids, outcome, time, counts; no body or address", async () => {
    const org = await organizationWithFollowUp();
    const lines: string[] = [];
    vi.spyOn(console, "log").mockImplementation(
      (...args: unknown[]) => void lines.push(args.map(String).join(" ")),
    );
    const jobId = await jobs.startRescoreJob(db, org.organizationId, org.user.id);
    expect((await finishedJob(db, jobId)).status).toBe("done");
    // The job writes its audit entry after marking itself done, then prints the line: wait for it.
    const mine = await vi.waitFor(
      () => {
        const found = lines.filter((l) => l.startsWith(`job rescore ${jobId} `));
        expect(found).toHaveLength(2);
        return found;
      },
      { timeout: 30_000, interval: 25 },
    );
    expect(mine[0]).toBe(`job rescore ${jobId} org ${org.organizationId} started by user ${org.user.id}`);
    expect(mine[1]).toMatch(
      new RegExp(
        `^job rescore ${jobId} org ${org.organizationId} done in \\d+ ms: 1 interviews, 1 follow-ups, \\d+ rows changed$`,
      ),
    );
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
      await jobs.runRescore(db, jobId, organizationId, userId);
    };
    const ids = await Promise.all(
      Array.from({ length: 8 }, () => jobs.startRescoreJob(db, org.organizationId, org.user.id, run)),
    );
    release();
    expect(new Set(ids).size).toBe(1);
    const rows = await db
      .selectFrom("jobs")
      .select(["id", "status"])
      .where("organization_id", "=", org.organizationId)
      .execute();
    expect(rows.map((r) => r.id)).toEqual([ids[0]]);
    expect((await finishedJob(db, ids[0])).status).toBe("done");
  });

  it("leaves alone the rescore another copy of the module runs in the same process", async () => {
    // server.ts (through tsx) and the Remix build each load jobs.server.ts: one process, two copies.
    // @ts-expect-error a second instance of the module, told apart by its query string
    const copy = (await import("../../app/data/jobs.server.ts?second-copy")) as typeof jobs;
    expect(copy).not.toBe(jobs);
    const org = await organizationWithFollowUp();
    vi.spyOn(console, "log").mockImplementation(() => undefined);
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const id = await copy.startRescoreJob(
      db,
      org.organizationId,
      org.user.id,
      async (jobId, orgId, userId) => {
        await held;
        await copy.runRescore(db, jobId, orgId, userId);
      },
    );
    const resumed = await jobs.recoverInterruptedJobs(db, async () => undefined);
    release();
    expect(resumed).toEqual([]);
    const job = await finishedJob(db, id);
    expect({ status: job.status, resumed: job.resumed }).toEqual({ status: "done", resumed: 0 });
  });

  it("returns the job another server is running, seen through its own connection", async () => {
    const org = await organizationWithFollowUp();
    // A second connection to the same database stands for a second app server.
    const other = openDatabase(process.env.DATABASE_URL);
    try {
      const theirs = await createJob(other, { organization_id: org.organizationId, status: "running" });
      expect(await jobs.startRescoreJob(db, org.organizationId, org.user.id)).toBe(theirs.id);
      // The database itself refuses a second running rescore of the organization.
      await expect(
        other
          .insertInto("jobs")
          .values({
            organization_id: org.organizationId,
            kind: "rescore",
            status: "running",
            started_by: null,
            started_at: new Date().toISOString(),
          })
          .execute(),
      ).rejects.toThrow(/unique|duplicate/i);
      await other
        .updateTable("jobs")
        .set({ status: "done", finished_at: new Date().toISOString() })
        .where("organization_id", "=", org.organizationId)
        .execute();
    } finally {
      await other.destroy();
    }
  });

  it("replaces a running job whose server stopped beating a minute ago, and returns one that still beats", async () => {
    const org = await organizationWithFollowUp();
    vi.spyOn(console, "log").mockImplementation(() => undefined);
    // Started 31 minutes ago and still beating: alive, however long it takes.
    const alive = await createJob(db, {
      organization_id: org.organizationId,
      status: "running",
      started_at: new Date(Date.now() - 31 * 60_000).toISOString(),
      owner: "elsewhere:1:abc",
      heartbeat_at: new Date(Date.now() - 5_000).toISOString(),
    });
    expect(await jobs.startRescoreJob(db, org.organizationId, org.user.id)).toBe(alive.id);

    // Its server stops: 61 seconds without a heartbeat. A new request is not refused: it replaces it.
    await db
      .updateTable("jobs")
      .set({ heartbeat_at: new Date(Date.now() - 61_000).toISOString() })
      .where("id", "=", alive.id)
      .execute();
    const id = await jobs.startRescoreJob(db, org.organizationId, org.user.id);
    expect(id).not.toBe(alive.id);
    expect(
      await db
        .selectFrom("jobs")
        .select(["status", "error"])
        .where("id", "=", alive.id)
        .executeTakeFirstOrThrow(),
    ).toEqual({
      status: "failed",
      error: "interrupted: its server stopped, and a new rescore replaced it",
    });
    expect((await finishedJob(db, id)).status).toBe("done");
    // Once it is done, the next request starts a new job.
    const next = await jobs.startRescoreJob(db, org.organizationId, org.user.id);
    expect(next).toBeGreaterThan(id);
    expect((await finishedJob(db, next)).status).toBe("done");
  });
});

/** An organization of `positions` positions, each with a candidate, an interview and a follow-up scored by an older scorer. */
async function organizationScoredByAnOlderScorer(positions: number) {
  const org = await createWorkspace(db, { role: "admin" });
  for (let p = 0; p < positions; p++) {
    const positionId =
      p === 0
        ? org.positionId
        : (await createPosition(db, { client_id: org.clientId, title: `Position ${p}` })).id;
    const { id: applicationId } = await createApplication(db, {
      position_id: positionId,
      candidate: { name: `Candidate ${p}` },
    });
    const interview = await createInterview(db, {
      application_id: applicationId,
      ends_at: "2026-11-24T15:00:00.000Z",
      notes: "Q3 pipeline",
    });
    await createFollowUp(db, { interview_id: interview.id, body: BODY, score: 1, scorer_version: "older" });
  }
  return org;
}

async function scorerVersions(organizationId: number) {
  const rows = await db
    .selectFrom("follow_ups")
    .select("scorer_version")
    .where("organization_id", "=", organizationId)
    .execute();
  return rows.map((r) => r.scorer_version);
}

describe("a rescore interrupted by a crash", () => {
  it("is resumed at start-up where it stopped, finishes, and leaves every score on one scorer version", async () => {
    const org = await organizationScoredByAnOlderScorer(4);
    vi.spyOn(console, "log").mockImplementation(() => undefined);
    const errors = vi.spyOn(console, "error").mockImplementation(() => undefined);
    // Left by a server that died with two of the four positions committed: beating stopped 2 minutes ago.
    const [first, second] = (
      await db
        .selectFrom("positions")
        .select("id")
        .where("organization_id", "=", org.organizationId)
        .orderBy("id")
        .execute()
    ).map((p) => p.id);
    await jobs.runRescore(
      db,
      (await createJob(db, { organization_id: org.organizationId, status: "running", owner: jobs.SERVER_ID }))
        .id,
      org.organizationId,
      null,
      {
        workers: 0,
        batchSize: 1,
        beforeCommit: async (done) => {
          if (done > 2) throw new Error("the server died");
        },
      },
    );
    expect(errors).toHaveBeenCalledWith(expect.stringMatching(/failed in \d+ ms: Error: the server died$/));
    const stale = await db
      .selectFrom("jobs")
      .selectAll()
      .where("organization_id", "=", org.organizationId)
      .executeTakeFirstOrThrow();
    // runRescore recorded its failure: put the row back as a dead server leaves it.
    await db
      .updateTable("jobs")
      .set({
        status: "running",
        error: null,
        finished_at: null,
        owner: "gone:1:dead",
        heartbeat_at: new Date(Date.now() - 120_000).toISOString(),
      })
      .where("id", "=", stale.id)
      .execute();
    expect(stale).toMatchObject({ resume_after: second, done: 2, total: 4 });
    expect((await scorerVersions(org.organizationId)).sort()).toEqual(
      ["older", "older", SCORER_VERSION, SCORER_VERSION].sort(),
    );
    expect(first).toBeLessThan(second);

    // A running job whose heartbeat is fresh is left alone.
    const runs: number[] = [];
    const run = async (id: number, organizationId: number, userId: number | null) => {
      runs.push(id);
      await jobs.runRescore(db, id, organizationId, userId, { workers: 0 });
    };
    expect(await jobs.recoverInterruptedJobs(db, run, new Date(Date.now() - 119_000))).toEqual([]);

    expect(await jobs.recoverInterruptedJobs(db, run)).toEqual([stale.id]);
    // Another server looking at the same moment finds nothing left to take.
    expect(await jobs.recoverInterruptedJobs(db, run)).toEqual([]);
    const done = await finishedJob(db, stale.id);
    expect(done).toMatchObject({ status: "done", done: 4, total: 4, resumed: 1, owner: jobs.SERVER_ID });
    expect(done.resumed_at).not.toBeNull();
    expect(runs).toEqual([stale.id]);
    expect(await scorerVersions(org.organizationId)).toEqual([
      SCORER_VERSION,
      SCORER_VERSION,
      SCORER_VERSION,
      SCORER_VERSION,
    ]);
    // The settings page says so.
    const settings = await import("../../app/routes/_app.settings");
    const page = (await settings.loader(routeArgs("/settings", await sessionCookie(org.user.id)))) as {
      job: { status: string; resumed: string | null };
    };
    expect(page.job).toMatchObject({
      status: "done",
      resumed: expect.stringMatching(/^\w{3} \d+ \w{3} \d{4}, \d\d:\d\d UTC$/),
    });
  });

  it("after a real process is killed with a batch half written, the batch is absent, and the resumed job completes", async () => {
    const org = await organizationScoredByAnOlderScorer(3);
    vi.spyOn(console, "log").mockImplementation(() => undefined);
    const child = spawn(process.execPath, ["--import", "tsx", "test/fixtures/rescore-until-killed.ts"], {
      env: { ...process.env, ORGANIZATION_ID: String(org.organizationId) },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    const exited = new Promise<NodeJS.Signals | null>((resolve) =>
      child.on("exit", (_code, signal) => resolve(signal)),
    );
    const holding = await new Promise<number>((resolve, reject) => {
      child.stdout.on("data", (chunk) => {
        output += chunk;
        const m = /holding (\d+)/.exec(output);
        if (m) resolve(Number(m[1]));
      });
      child.stderr.on("data", (chunk) => (output += chunk));
      void exited.then(() => reject(new Error(`the child ended before it was killed:\n${output}`)));
    });
    // The second batch's scores and the job's progress are written, not committed: kill it now.
    child.kill("SIGKILL");
    expect(await exited).toBe("SIGKILL");

    const left = await db.selectFrom("jobs").selectAll().where("id", "=", holding).executeTakeFirstOrThrow();
    expect(left).toMatchObject({ status: "running", done: 1, total: 3, resumed: 0 });
    expect(left.owner).toMatch(new RegExp(`:${child.pid}:`));
    // One position's scores are new, two are as they were: the half-written batch left nothing.
    expect((await scorerVersions(org.organizationId)).filter((v) => v === SCORER_VERSION)).toHaveLength(1);

    // The restarted server sees the owner's process is gone at once (no minute to wait) and resumes.
    expect(
      await jobs.recoverInterruptedJobs(db, (id, o, u) => jobs.runRescore(db, id, o, u, { workers: 0 })),
    ).toEqual([holding]);
    expect(await finishedJob(db, holding)).toMatchObject({ status: "done", done: 3, total: 3, resumed: 1 });
    expect(await scorerVersions(org.organizationId)).toEqual([
      SCORER_VERSION,
      SCORER_VERSION,
      SCORER_VERSION,
    ]);
  });
});

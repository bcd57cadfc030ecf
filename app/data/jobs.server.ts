import crypto from "node:crypto";
import os from "node:os";
import type { Kysely } from "kysely";
import type { Database, Db } from "../../db/schema";
import { inBackground } from "../../db/sqlite-dialect.server";
import { SCORER_VERSION } from "../core/rubric/score";
import { recordAudit } from "./audit.server";
import { backgroundWorkers } from "./scoring-pool.server";
import { rescoreOrganization } from "./scoring.server";

/**
 * A running job's server moves its heartbeat on every HEARTBEAT_EVERY_MS (and with every batch it
 * commits); a running job whose heartbeat is older than DEAD_AFTER_MS has lost its server, and is
 * resumed by the next server that looks (at start-up, then every RECOVERY_EVERY_MS).
 */
const HEARTBEAT_EVERY_MS = 10_000;
export const DEAD_AFTER_MS = 60_000;
const RECOVERY_EVERY_MS = 30_000;
/** Interviews per batch of a background rescore (the command line's default is larger). */
const BATCH_INTERVIEWS = 250;

declare global {
  var __followthroughServerId: string | undefined;
}

/**
 * This server process, as a job's owner: the host and pid tell whether it still runs; the nonce tells a
 * restarted process with the same pid apart. Kept on globalThis: server.ts (through tsx) and the Remix
 * build each load their own copy of this module, and two identities in one process would make the
 * job recovery of one copy take over the rescore the other copy is running.
 */
export const SERVER_ID =
  (globalThis.__followthroughServerId ??= `${os.hostname()}:${process.pid}:${crypto.randomBytes(4).toString("hex")}`);

export async function latestRescoreJob(db: Db, organizationId: number) {
  return db
    .selectFrom("jobs")
    .selectAll()
    .where("organization_id", "=", organizationId)
    .where("kind", "=", "rescore")
    .orderBy("id", "desc")
    .limit(1)
    .executeTakeFirst();
}

/** The work of a job; the default runs the rescore on the connection the job was started with. */
type JobRun = (jobId: number, organizationId: number, userId: number | null) => Promise<void>;

/** The cut-off: a running job that has not beaten since is dead. */
const deadBefore = (now: Date) => new Date(now.getTime() - DEAD_AFTER_MS).toISOString();

/**
 * Starts rescoring an organization in the background and returns at once. The work runs in batches,
 * giving the event loop back between them so the server keeps answering requests; progress is kept
 * in the jobs table. If a rescore is already running for the organization, that one is returned.
 *
 * Atomic across app servers sharing the database: a partial unique index (migration 0011) allows one
 * running job per organization and kind, so of two servers inserting at the same moment one gets the
 * row and the other a conflict, and returns the running job. A running job whose server stopped
 * beating a minute ago is dead: it ends as failed, replaced by the new job, which rescores everything
 * (the request may come from a settings change the dead job never saw).
 * `run` does the work; a test passes one that waits, to hold the job running while others ask.
 * `db` is the process's connection, not a transaction: the job outlives the request that starts it.
 */
export async function startRescoreJob(
  db: Kysely<Database>,
  organizationId: number,
  userId: number | null,
  run: JobRun = rescoreInBackground(db),
): Promise<number> {
  const kind = "rescore";
  for (let attempt = 0; attempt < 3; attempt++) {
    const now = new Date();
    await db
      .updateTable("jobs")
      .set({
        status: "failed",
        error: "interrupted: its server stopped, and a new rescore replaced it",
        finished_at: now.toISOString(),
      })
      .where("organization_id", "=", organizationId)
      .where("kind", "=", kind)
      .where("status", "=", "running")
      .where((eb) =>
        eb.or([
          eb("heartbeat_at", "<=", deadBefore(now)),
          eb.and([eb("heartbeat_at", "is", null), eb("started_at", "<=", deadBefore(now))]),
        ]),
      )
      .execute();
    const job = await db
      .insertInto("jobs")
      .values({
        organization_id: organizationId,
        kind,
        status: "running",
        started_by: userId,
        started_at: now.toISOString(),
        owner: SERVER_ID,
        heartbeat_at: now.toISOString(),
      })
      .onConflict((oc) => oc.doNothing())
      .returning("id")
      .executeTakeFirst();
    if (job) {
      console.log(
        `job rescore ${job.id} org ${organizationId} started${userId === null ? "" : ` by user ${userId}`}`,
      );
      void run(job.id, organizationId, userId);
      return job.id;
    }
    const running = await db
      .selectFrom("jobs")
      .select("id")
      .where("organization_id", "=", organizationId)
      .where("kind", "=", kind)
      .where("status", "=", "running")
      .executeTakeFirst();
    if (running) return running.id;
    // The running job ended between our insert and this read: try again.
  }
  throw new Error(
    `could not start a rescore of organization ${organizationId}: jobs kept starting and ending`,
  );
}

/** What a rescore's scores are computed with: a resume under another basis must start over, or it would mix two. */
async function rescoreBasis(db: Db, organizationId: number): Promise<string> {
  const org = await db
    .selectFrom("organizations")
    .select("settings")
    .where("id", "=", organizationId)
    .executeTakeFirstOrThrow();
  return crypto.createHash("sha256").update(`${SCORER_VERSION}\n${org.settings}`).digest("hex").slice(0, 16);
}

/** The job belongs to another server now (this one was taken for dead): its work stops here, rolled back. */
class JobTakenOver extends Error {}

export interface RescoreRunOptions {
  /** Interviews per batch (BATCH_INTERVIEWS by default). */
  batchSize?: number;
  /** Scoring threads (all cores but one by default); 0 scores on this thread. */
  workers?: number;
  /**
   * Called inside each batch's transaction after its scores and the job's progress are written, before
   * it commits: a crash test waits there to kill the process with a batch half done.
   */
  beforeCommit?: (done: number) => Promise<void>;
  /** Called after each batch has committed. */
  afterCommit?: (done: number) => Promise<void>;
}

/** A job's work by default: its rescore, whose writes wait for an import's lock rather than fail. */
const rescoreInBackground =
  (db: Kysely<Database>): JobRun =>
  (jobId, organizationId, userId) =>
    inBackground(() => runRescore(db, jobId, organizationId, userId));

/**
 * Runs (or resumes) the rescore of job `jobId`, owned by this server: from the job's `resume_after`
 * when its basis is this one, else from the start. Each batch commits its scores with the job's
 * progress and heartbeat in one transaction, and only while this server still owns the job.
 */
export async function runRescore(
  db: Kysely<Database>,
  jobId: number,
  organizationId: number,
  userId: number | null,
  options: RescoreRunOptions = {},
) {
  const started = Date.now();
  let lost = false;
  // Between batches too (a large batch, a slow disk), the job says it is alive.
  const heartbeat = setInterval(() => {
    void db
      .updateTable("jobs")
      .set({ heartbeat_at: new Date().toISOString() })
      .where("id", "=", jobId)
      .where("owner", "=", SERVER_ID)
      .where("status", "=", "running")
      .executeTakeFirst()
      .then((r) => {
        if (Number(r.numUpdatedRows) === 0) lost = true;
      })
      .catch(() => undefined);
  }, HEARTBEAT_EVERY_MS);
  heartbeat.unref();
  try {
    const job = await db
      .selectFrom("jobs")
      .select(["resume_after", "basis", "resumed"])
      .where("id", "=", jobId)
      .executeTakeFirstOrThrow();
    let basis = await rescoreBasis(db, organizationId);
    let resumeAfter = job.basis === basis ? job.resume_after : null;
    if (job.resumed > 0) {
      console.log(
        `job rescore ${jobId} org ${organizationId} resumed ${resumeAfter === null ? "from the start" : `after position ${resumeAfter}`}`,
      );
    }
    const result = { interviews: 0, followUps: 0, rowsWritten: 0 };
    for (let pass = 1; ; pass++) {
      await db
        .updateTable("jobs")
        .set({ basis, resume_after: resumeAfter })
        .where("id", "=", jobId)
        .where("owner", "=", SERVER_ID)
        .execute();
      const tally = await rescoreOrganization(db, organizationId, undefined, {
        // Scoring on worker threads and in small transactions: the server's own thread only reads and
        // writes, a batch at a time, and keeps a core to itself, so pages keep being answered while a
        // large organization rescores.
        workers: options.workers ?? backgroundWorkers(),
        batchSize: options.batchSize ?? BATCH_INTERVIEWS,
        afterPositionId: resumeAfter,
        inTransaction: async (trx, progress) => {
          if (lost) throw new JobTakenOver(`job ${jobId} was taken over by another server`);
          const mine = await trx
            .updateTable("jobs")
            .set({
              resume_after: progress.lastPositionId,
              done: progress.done,
              total: progress.total,
              heartbeat_at: new Date().toISOString(),
            })
            .where("id", "=", jobId)
            .where("owner", "=", SERVER_ID)
            .where("status", "=", "running")
            .executeTakeFirst();
          if (Number(mine.numUpdatedRows) !== 1)
            throw new JobTakenOver(`job ${jobId} was taken over by another server`);
          await options.beforeCommit?.(progress.done);
        },
        betweenBatches: async (done) => {
          await options.afterCommit?.(done);
          // Let waiting requests in before the next batch.
          await new Promise((resolve) => setImmediate(resolve));
        },
      });
      result.interviews = tally.interviews;
      result.followUps = tally.followUps;
      result.rowsWritten += tally.rowsWritten;
      // Settings saved while this ran asked for a rescore and were given this job: if they changed
      // what scores are computed with, the part done before is redone, so that one basis holds for all.
      const now = await rescoreBasis(db, organizationId);
      if (now === basis || pass >= 3) break;
      console.log(
        `job rescore ${jobId} org ${organizationId}: the settings changed while it ran; rescoring again from the start`,
      );
      [basis, resumeAfter] = [now, null];
    }
    const finished = await db
      .updateTable("jobs")
      .set((eb) => ({ status: "done", done: eb.ref("total"), finished_at: new Date().toISOString() }))
      .where("id", "=", jobId)
      .where("owner", "=", SERVER_ID)
      .where("status", "=", "running")
      .executeTakeFirst();
    if (Number(finished.numUpdatedRows) === 0)
      throw new JobTakenOver(`job ${jobId} was taken over by another server`);
    await recordAudit(db, {
      organizationId,
      userId,
      action: "rescore",
      entity: "organization",
      entityId: organizationId,
      detail: result,
    });
    console.log(
      `job rescore ${jobId} org ${organizationId} done in ${Date.now() - started} ms: ` +
        `${result.interviews} interviews, ${result.followUps} follow-ups, ${result.rowsWritten} rows changed`,
    );
  } catch (error) {
    if (error instanceof JobTakenOver) {
      console.error(
        `job rescore ${jobId} org ${organizationId} stopped: another server took it over (this one missed its heartbeats)`,
      );
      return;
    }
    const message = error instanceof Error ? error.message : String(error);
    // One line, the error's kind and message only (the job row keeps the message too); the rescore
    // reads message bodies, and a stack trace or error detail must not carry them into the log.
    console.error(
      `job rescore ${jobId} org ${organizationId} failed in ${Date.now() - started} ms: ${error instanceof Error ? error.name : "Error"}: ${message.split("\n")[0]}`,
    );
    await db
      .updateTable("jobs")
      .set({ status: "failed", error: message, finished_at: new Date().toISOString() })
      .where("id", "=", jobId)
      .where("owner", "=", SERVER_ID)
      .execute()
      .catch((cause: unknown) =>
        console.error(
          `job rescore ${jobId} org ${organizationId}: could not record the failure: ${cause instanceof Error ? cause.message : String(cause)}`,
        ),
      );
  } finally {
    clearInterval(heartbeat);
  }
}

/** Whether a job's owner is a process of this host that no longer runs (or this very pid, restarted). */
function ownerGone(owner: string | null): boolean {
  if (!owner) return false;
  const [host, pidText, nonce] = owner.split(":");
  const pid = Number(pidText);
  if (host !== os.hostname() || !Number.isInteger(pid) || pid <= 0) return false;
  if (owner === SERVER_ID) return false;
  // The same pid with another nonce: this process is a restart of the one that owned the job.
  if (pid === process.pid) return nonce !== SERVER_ID.split(":")[2];
  try {
    process.kill(pid, 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "ESRCH";
  }
}

/**
 * Finds running jobs whose server has died (its process is gone from this host, or its heartbeat is
 * over a minute old), takes each over (one server wins: the owner is swapped only if unchanged) and
 * resumes it. Returns the ids of the jobs this server resumed.
 */
export async function recoverInterruptedJobs(
  db: Kysely<Database>,
  run: JobRun = rescoreInBackground(db),
  now = new Date(),
): Promise<number[]> {
  const running = await db
    .selectFrom("jobs")
    .select(["id", "organization_id", "started_by", "owner", "heartbeat_at", "started_at", "resumed"])
    .where("status", "=", "running")
    .execute();
  const resumed: number[] = [];
  for (const job of running) {
    const lastSign = job.heartbeat_at ?? job.started_at;
    if (!(ownerGone(job.owner) || lastSign <= deadBefore(now))) continue;
    const claimed = await db
      .updateTable("jobs")
      .set({
        owner: SERVER_ID,
        heartbeat_at: now.toISOString(),
        resumed: job.resumed + 1,
        resumed_at: now.toISOString(),
      })
      .where("id", "=", job.id)
      .where("status", "=", "running")
      .where((eb) => (job.owner === null ? eb("owner", "is", null) : eb("owner", "=", job.owner)))
      .where("resumed", "=", job.resumed)
      .executeTakeFirst();
    if (Number(claimed.numUpdatedRows) !== 1) continue;
    console.log(
      `job rescore ${job.id} org ${job.organization_id} taken over: its server stopped (owner ${job.owner ?? "unknown"})`,
    );
    resumed.push(job.id);
    void run(job.id, job.organization_id, job.started_by);
  }
  return resumed;
}

/** Resumes interrupted jobs now and every RECOVERY_EVERY_MS (a server on another host is known dead by its heartbeat only). */
export async function startJobRecovery(db: Kysely<Database>): Promise<() => void> {
  const check = () =>
    recoverInterruptedJobs(db).catch((error: unknown) =>
      console.error(`job recovery failed: ${error instanceof Error ? error.message : String(error)}`),
    );
  await check();
  const timer = setInterval(() => void check(), RECOVERY_EVERY_MS);
  timer.unref();
  return () => clearInterval(timer);
}

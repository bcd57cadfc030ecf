import { getDb } from "../../db/connection.server";
import { recordAudit } from "./audit.server";
import { backgroundWorkers, rescoreOrganization } from "./scoring.server";

// A running job whose server died is taken as abandoned after this long, so a new one may start.
const STALE_AFTER_MS = 30 * 60_000;
const PROGRESS_EVERY_MS = 500;
/** Interviews per batch of a background rescore (the command line's default is larger). */
const BATCH_INTERVIEWS = 250;

export async function latestRescoreJob(organizationId: number) {
  return getDb()
    .selectFrom("jobs")
    .selectAll()
    .where("organization_id", "=", organizationId)
    .where("kind", "=", "rescore")
    .orderBy("id", "desc")
    .limit(1)
    .executeTakeFirst();
}

/**
 * Starts rescoring an organization in the background and returns at once. The work runs in batches,
 * giving the event loop back between them so the server keeps answering requests; progress is kept
 * in the jobs table. If a rescore is already running for the organization, that one is returned.
 *
 * Atomic across app servers sharing the database: a partial unique index (migration 0011) allows one
 * running job per organization and kind, so of two servers inserting at the same moment one gets the
 * row and the other a conflict, and returns the running job. A running job older than STALE_AFTER_MS
 * is taken as abandoned (its server died) and marked failed first, so a new one may start.
 * `run` does the work; a test passes one that waits, to hold the job running while others ask.
 */
export async function startRescoreJob(
  organizationId: number,
  userId: number | null,
  run: (jobId: number, organizationId: number, userId: number | null) => Promise<void> = runRescore,
): Promise<number> {
  const db = getDb();
  const kind = "rescore";
  for (let attempt = 0; attempt < 3; attempt++) {
    const now = new Date();
    await db
      .updateTable("jobs")
      .set({ status: "failed", error: "abandoned: no result after 30 minutes", finished_at: now.toISOString() })
      .where("organization_id", "=", organizationId)
      .where("kind", "=", kind)
      .where("status", "=", "running")
      .where("started_at", "<=", new Date(now.getTime() - STALE_AFTER_MS).toISOString())
      .execute();
    const job = await db
      .insertInto("jobs")
      .values({ organization_id: organizationId, kind, status: "running", started_by: userId, started_at: now.toISOString() })
      .onConflict((oc) => oc.doNothing())
      .returning("id")
      .executeTakeFirst();
    if (job) {
      console.log(`job rescore ${job.id} org ${organizationId} started${userId === null ? "" : ` by user ${userId}`}`);
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
  throw new Error(`could not start a rescore of organization ${organizationId}: jobs kept starting and ending`);
}

export async function runRescore(jobId: number, organizationId: number, userId: number | null) {
  const db = getDb();
  const started = Date.now();
  let lastWrite = 0;
  try {
    const result = await rescoreOrganization(db, organizationId, undefined, {
      // Scoring on worker threads and in small transactions: the server's own thread only reads and
      // writes, a batch at a time, and keeps a core to itself, so pages keep being answered while a
      // large organization rescores.
      workers: backgroundWorkers(),
      batchSize: BATCH_INTERVIEWS,
      betweenBatches: async (done, total) => {
        if (Date.now() - lastWrite > PROGRESS_EVERY_MS) {
          lastWrite = Date.now();
          await db.updateTable("jobs").set({ done, total }).where("id", "=", jobId).execute();
        }
        // Let waiting requests in before the next batch.
        await new Promise((resolve) => setImmediate(resolve));
      },
    });
    await db
      .updateTable("jobs")
      .set({ status: "done", done: result.interviews, total: result.interviews, finished_at: new Date().toISOString() })
      .where("id", "=", jobId)
      .execute();
    await recordAudit(db, { organizationId, userId, action: "rescore", entity: "organization", entityId: organizationId, detail: result });
    console.log(
      `job rescore ${jobId} org ${organizationId} done in ${Date.now() - started} ms: ` +
        `${result.interviews} interviews, ${result.followUps} follow-ups, ${result.rowsWritten} rows changed`,
    );
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    // One line, the error's kind and message only (the job row keeps the message too); the rescore
    // reads message bodies, and a stack trace or error detail must not carry them into the log.
    console.error(`job rescore ${jobId} org ${organizationId} failed in ${Date.now() - started} ms: ${error instanceof Error ? error.name : "Error"}: ${message.split("\n")[0]}`);
    await db
      .updateTable("jobs")
      .set({ status: "failed", error: message, finished_at: new Date().toISOString() })
      .where("id", "=", jobId)
      .execute()
      .catch((cause: unknown) => console.error(`job rescore ${jobId} org ${organizationId}: could not record the failure: ${cause instanceof Error ? cause.message : String(cause)}`));
  }
}

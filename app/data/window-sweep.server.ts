// Applications store a summary of their interviews: how many are decided, and whether the candidate
// followed up after every one, some or none. An interview without a follow-up becomes decided when its
// window closes, and nothing is written at that moment; this sweep finds the windows that closed since
// the last sweep and rescores their positions, so that the stored summaries (the candidates list, the
// pipeline) stay current. `npm start` runs it every minute.
import type { Kysely } from "kysely";
import type { Database } from "../../db/schema";
import { startRescoreJob } from "./jobs.server";
import { scorePositions } from "./scoring.server";
import { queueWindowClosedEvents } from "./webhooks.server";

export const SWEEP_EVERY_MS = 60_000;

export interface SweepResult {
  organizationId: number;
  /** Positions rescored because a window closed in them; null when a whole rescore was started instead. */
  positions: number | null;
  rowsWritten: number;
}

/**
 * Sweeps every organization up to `now`. An organization never rescored (no sweep mark yet) gets a
 * background rescore, which sets the mark when it ends. Several servers may sweep at once: each
 * organization's interval is claimed in the transaction that rescores it, so one of them does the work.
 */
export async function sweepClosedWindows(db: Kysely<Database>, now = new Date()): Promise<SweepResult[]> {
  const until = now.toISOString();
  const organizations = await db
    .selectFrom("organizations")
    .select(["id", "windows_swept_until"])
    .orderBy("id")
    .execute();
  const results: SweepResult[] = [];
  for (const { id, windows_swept_until: since } of organizations) {
    if (since === null) {
      await startRescoreJob(db, id, null);
      results.push({ organizationId: id, positions: null, rowsWritten: 0 });
      continue;
    }
    if (since >= until) continue;
    const result = await db.transaction().execute(async (trx) => {
      const claimed = await trx
        .updateTable("organizations")
        .set({ windows_swept_until: until })
        .where("id", "=", id)
        .where("windows_swept_until", "=", since)
        .executeTakeFirst();
      if (Number(claimed.numUpdatedRows) === 0) return null;
      const closed = await trx
        .selectFrom("interviews as i")
        .innerJoin("applications as a", "a.id", "i.application_id")
        .select("a.position_id")
        .distinct()
        .where("i.organization_id", "=", id)
        .where("i.first_follow_up_at", "is", null)
        .where("i.closes_at", ">", since)
        .where("i.closes_at", "<=", until)
        .execute();
      const positions = closed.map((r) => r.position_id);
      const tally = await scorePositions(trx, id, positions, { now });
      // Announced in the same transaction as the claim of the interval: once, whichever server sweeps.
      if (positions.length) await queueWindowClosedEvents(trx, id, since, until, now);
      return { organizationId: id, positions: positions.length, rowsWritten: tally.rowsWritten };
    });
    if (result) results.push(result);
  }
  return results;
}

/** Runs the sweep now and every SWEEP_EVERY_MS, logging one line for each run. */
export function startWindowSweep(db: Kysely<Database>): () => void {
  let running = false;
  const run = async () => {
    if (running) return;
    running = true;
    const started = Date.now();
    try {
      const results = await sweepClosedWindows(db);
      const rescoring = results.filter((r) => r.positions === null).map((r) => r.organizationId);
      const positions = results.reduce((n, r) => n + (r.positions ?? 0), 0);
      const rows = results.reduce((n, r) => n + r.rowsWritten, 0);
      console.log(
        `job window-sweep done in ${Date.now() - started} ms: ${results.length} organizations swept, ${positions} positions rescored, ${rows} rows changed` +
          (rescoring.length
            ? `; never rescored, so a rescore was started: org ${rescoring.join(", ")}`
            : "") +
          ` (process ${process.pid})`,
      );
    } catch (error) {
      console.error(
        `job window-sweep failed after ${Date.now() - started} ms: ${error instanceof Error ? error.message : String(error)}`,
      );
    } finally {
      running = false;
    }
  };
  void run();
  const timer = setInterval(run, SWEEP_EVERY_MS);
  timer.unref();
  return () => clearInterval(timer);
}

// When a new scorer version ships, scores stored by an older one are recomputed: at start-up, each
// organization holding such scores gets a background rescore (jobs.server.ts), which writes the new
// version with every score. Until it is done, each stored score still shows the version that made it.
import type { Kysely } from "kysely";
import type { Database } from "../../db/schema";
import { SCORER_VERSION } from "../core/rubric/score";
import { startRescoreJob } from "./jobs.server";

/** Organizations with a follow-up scored by another scorer version than this one. */
export async function organizationsWithOutdatedScores(db: Kysely<Database>): Promise<number[]> {
  const rows = await db
    .selectFrom("follow_ups")
    .select("organization_id")
    .distinct()
    .where("scorer_version", "is not", null)
    .where("scorer_version", "!=", SCORER_VERSION)
    .execute();
  return rows.map((r) => r.organization_id);
}

/** Starts a rescore of every organization with outdated scores; returns the jobs started (or joined). */
export async function rescoreOutdatedScores(db: Kysely<Database>): Promise<number[]> {
  const jobs: number[] = [];
  for (const organizationId of await organizationsWithOutdatedScores(db))
    jobs.push(await startRescoreJob(db, organizationId, null));
  if (jobs.length > 0)
    console.log(
      `Scorer ${SCORER_VERSION}: rescoring ${jobs.length} organization(s) scored by an earlier version`,
    );
  return jobs;
}

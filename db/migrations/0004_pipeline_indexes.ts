// Frozen in time: this migration is typed against Kysely<any> and imports no app code.
// Indexes for the pipeline (one position's applications, filtered and sorted on the server) and the
// positions summary. Every pipeline query starts from applications.position_id, so each index leads
// with it; the second column serves that column's filter or sort.
import type { Kysely } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createIndex("applications_position_last_interview")
    .on("applications")
    .columns(["position_id", "last_interview_end"])
    .execute();
  await db.schema
    .createIndex("applications_position_best_score")
    .on("applications")
    .columns(["position_id", "best_score"])
    .execute();
  await db.schema
    .createIndex("applications_position_outcome")
    .on("applications")
    .columns(["position_id", "outcome"])
    .execute();
  await db.schema
    .createIndex("positions_org_status")
    .on("positions")
    .columns(["organization_id", "status"])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const index of [
    "positions_org_status",
    "applications_position_outcome",
    "applications_position_best_score",
    "applications_position_last_interview",
  ]) {
    await db.schema.dropIndex(index).execute();
  }
}

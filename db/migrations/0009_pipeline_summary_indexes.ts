// Frozen in time: this migration is typed against Kysely<any> and imports no app code.
// Indexes for the positions summary and /awaiting, measured on the 200,000-candidate seed:
// - interviews_application_awaiting lets the summary count a page's awaiting interviews from its
//   positions' applications, and lets a hiring manager's /awaiting start from their own applications,
//   instead of walking every awaiting interview of the organization (~10,000 in the seed);
// - applications_position_summary holds every column the summary adds up, so the per-position
//   aggregates read no application rows (about 3× faster on a page of 50 positions).
import type { Kysely } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createIndex("interviews_application_awaiting")
    .on("interviews")
    .columns(["application_id", "first_follow_up_at", "closes_at"])
    .execute();
  await db.schema
    .createIndex("applications_position_summary")
    .on("applications")
    .columns(["position_id", "stage", "followed_up_count", "decided_interview_count"])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex("applications_position_summary").execute();
  await db.schema.dropIndex("interviews_application_awaiting").execute();
}

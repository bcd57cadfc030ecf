// Frozen in time: this migration is typed against Kysely<any> and imports no app code.
//
// The dashboard counts every interview in scope several times per page. These two indexes hold
// every column those counts read, so that they scan a narrow index instead of interview rows (which
// carry the notes): one in date order, for the date filter; one in application order, so that
// grouping interviews by application streams without a sort. On 460,000 interviews the page's
// database time fell from ~9 s to ~3 s of CPU.
import type { Kysely } from "kysely";

/** Exported for 0032, which recreates these indexes with one more column. */
export const COLUMNS = [
  "round",
  "interviewer_name",
  "window",
  "latency_minutes",
  "closes_at",
  "first_follow_up_at",
  "first_follow_up_id",
];

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createIndex("interviews_analytics_by_end")
    .on("interviews")
    .columns(["organization_id", "ends_at", "application_id", ...COLUMNS])
    .execute();
  await db.schema
    .createIndex("interviews_analytics_by_application")
    .on("interviews")
    .columns(["organization_id", "application_id", "ends_at", ...COLUMNS])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex("interviews_analytics_by_application").execute();
  await db.schema.dropIndex("interviews_analytics_by_end").execute();
}

// Frozen in time: this migration is typed against Kysely<any> and imports no app code (only the
// frozen migration 0025's column list).
//
// Issue 19: the dashboard's date range on the summary path (docs/wip-dashboard-summaries.md, 3.5).
// A range reads dashboard_applications twice: the applications whose interviews all lie in the range
// (first_day and last_day inside it), their rows summed; and those whose interviews span an edge of it,
// to recount them over their interviews in the range. 0025's index (organization_id, last_day) found
// them, then looked each row up in the table: for "last 30 days" at 200,000 candidates, 70,766 rows
// read for their first_day, and 59,584 for their sums. This index replaces it, with first_day after
// last_day and every column those reads take, so that both are read from the index alone.
import type { Kysely } from "kysely";
import { COLUMNS } from "./0025_dashboard_summaries";

// The key first, then every other column of a row (application_id too: SQLite's rowid is in every
// index already, PostgreSQL needs it for an index-only read).
const COVERED = [
  "organization_id",
  "last_day",
  "first_day",
  ...COLUMNS.filter((c) => !["organization_id", "first_day", "last_day"].includes(c)),
];

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex("dashboard_applications_org").ifExists().execute();
  await db.schema
    .createIndex("dashboard_applications_days")
    .ifNotExists()
    .on("dashboard_applications")
    .columns(COVERED)
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex("dashboard_applications_days").ifExists().execute();
  await db.schema
    .createIndex("dashboard_applications_org")
    .ifNotExists()
    .on("dashboard_applications")
    .columns(["organization_id", "last_day"])
    .execute();
}

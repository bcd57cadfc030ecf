// Frozen in time: this migration is typed against Kysely<any> and imports no app code (only the
// frozen migration 0010 whose indexes it recreates).
//
// Issue 19: indexes for the dashboard's reads (docs/wip-dashboard-summaries.md).
//
// - The raw path's covering indexes (0010) learn interviews.latency_exempt_reason (0030): every
//   dashboard count reads it, and without it each interview in scope was looked up in the table (the
//   rows carry the notes): a hiring manager's dashboard at 200,000 candidates went from about 30 ms to
//   about 260 ms, a round from 2.3 s to 5.6 s. The interviewer and round indexes become covering too.
// - The summary path's exact percentiles read the latency at a rank inside one hour of one group with
//   `order by latency limit … offset …`: one index per level the cells have (organization, client,
//   recruiter) ordered by (hour, latency), and one for the trend's weeks and months (hour, then day).
//   They replace dashboard_interviews_latency (0025), which made the page read every latency of the
//   needed hours into JavaScript.
import type { Kysely } from "kysely";
import { COLUMNS as COVERED } from "./0010_analytics_covering";

const COVERING: [name: string, leading: string[]][] = [
  ["interviews_analytics_by_end", ["organization_id", "ends_at", "application_id"]],
  ["interviews_analytics_by_application", ["organization_id", "application_id", "ends_at"]],
];
// The interviewer and round filters' indexes (0003) cover the same columns: without it, SQLite (no
// statistics) preferred walking every interview of the organization in a covering index to looking
// up an interviewer's 1,800 rows.
const FILTERS: [name: string, leading: string[]][] = [
  ["interviews_org_interviewer", ["organization_id", "interviewer_name"]],
  ["interviews_org_round", ["organization_id", "round"]],
];
const REST = ["application_id", "ends_at", ...COVERED];
const PERCENTILES: [name: string, columns: string[]][] = [
  ["dashboard_interviews_hour", ["organization_id", "hour", "latency"]],
  ["dashboard_interviews_client_hour", ["organization_id", "client_id", "hour", "latency"]],
  ["dashboard_interviews_recruiter_hour", ["organization_id", "recruiter_id", "hour", "latency"]],
  [
    "dashboard_interviews_hour_day",
    ["organization_id", "hour", "day", "client_id", "recruiter_id", "latency"],
  ],
];
const LATENCY_0025 = ["organization_id", "hour", "client_id", "recruiter_id", "day", "latency"];

async function covering(db: Kysely<any>, exempt: boolean) {
  for (const [name, leading] of FILTERS) {
    await db.schema.dropIndex(name).ifExists().execute();
    await db.schema
      .createIndex(name)
      .on("interviews")
      .columns(
        exempt ? [...leading, ...REST.filter((c) => !leading.includes(c)), "latency_exempt_reason"] : leading,
      )
      .execute();
  }
  for (const [name, leading] of COVERING) {
    // ifExists: SQLite runs a migration's statements outside one transaction, so a run stopped between
    // the drop and the create is finished by the next.
    await db.schema.dropIndex(name).ifExists().execute();
    await db.schema
      .createIndex(name)
      .on("interviews")
      .columns([...leading, ...COVERED, ...(exempt ? ["latency_exempt_reason"] : [])])
      .execute();
  }
}

export async function up(db: Kysely<any>): Promise<void> {
  await covering(db, true);
  await db.schema.dropIndex("dashboard_interviews_latency").ifExists().execute();
  for (const [name, columns] of PERCENTILES)
    await db.schema.createIndex(name).ifNotExists().on("dashboard_interviews").columns(columns).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const [name] of PERCENTILES) await db.schema.dropIndex(name).execute();
  await db.schema
    .createIndex("dashboard_interviews_latency")
    .on("dashboard_interviews")
    .columns(LATENCY_0025)
    .execute();
  await covering(db, false);
}

// Frozen in time: this migration is typed against Kysely<any> and imports no app code.
//
// Issue 19: the dashboard's live correction of the interviews still open at its now, on PostgreSQL.
// Unlike SQLite's, a PostgreSQL index does not carry the row's id, so the correction read each open
// interview from the table (140 ms at 200,000 candidates), and its client or recruiter level read every
// row of dashboard_interviews to join them (a filtered dashboard: 200 ms of its 240 to 380).
// - interviews_org_closes (0033) also holds the round and the id: the correction is read from the index
//   alone, and a round's from it without a join.
// - The client's and recruiter's percentile indexes (0032) also hold the interview's id: a level's
//   rows to join are read from the index.
// In SQLite the id is the rowid, already in every index; the wider definitions change nothing there.
import type { Kysely } from "kysely";

const CLOSES = [
  "organization_id",
  "closes_at",
  "first_follow_up_at",
  "ends_at",
  "window",
  "latency_minutes",
  "latency_exempt_reason",
];
const LEVELS: [name: string, columns: string[]][] = [
  ["dashboard_interviews_client_hour", ["organization_id", "client_id", "hour", "latency"]],
  ["dashboard_interviews_recruiter_hour", ["organization_id", "recruiter_id", "hour", "latency"]],
];

async function define(db: Kysely<any>, wide: boolean) {
  await db.schema.dropIndex("interviews_org_closes").ifExists().execute();
  await db.schema
    .createIndex("interviews_org_closes")
    .on("interviews")
    .columns([...CLOSES, ...(wide ? ["round", "id"] : [])])
    .execute();
  for (const [name, columns] of LEVELS) {
    await db.schema.dropIndex(name).ifExists().execute();
    await db.schema
      .createIndex(name)
      .on("dashboard_interviews")
      .columns([...columns, ...(wide ? ["interview_id"] : [])])
      .execute();
  }
}

export async function up(db: Kysely<any>): Promise<void> {
  await define(db, true);
}

export async function down(db: Kysely<any>): Promise<void> {
  await define(db, false);
}

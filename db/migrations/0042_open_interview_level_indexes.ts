// Frozen in time: this migration is typed against Kysely<any> and imports no app code.
//
// Issue 19: a client's or recruiter's dashboard at 1,000,000 candidates. Its live count of the
// interviews still open read every open interview of the organization (100,666) and looked each up in
// dashboard_interviews for its client or recruiter: 230–300 ms of SQLite, most of the page. With an
// index by client or recruiter and day, the level's rows from the first day an open interview ended
// are read instead (about 1,700 for a recruiter), each joined to its interview. The interview's id
// ends each definition for PostgreSQL (SQLite's indexes carry it as the rowid).
import type { Kysely } from "kysely";

const INDEXES: [name: string, columns: string[]][] = [
  ["dashboard_interviews_client_day", ["organization_id", "client_id", "day", "interview_id"]],
  ["dashboard_interviews_recruiter_day", ["organization_id", "recruiter_id", "day", "interview_id"]],
];

export async function up(db: Kysely<any>): Promise<void> {
  for (const [name, columns] of INDEXES)
    await db.schema.createIndex(name).ifNotExists().on("dashboard_interviews").columns(columns).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const [name] of INDEXES) await db.schema.dropIndex(name).ifExists().execute();
}

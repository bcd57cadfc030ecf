// Frozen in time: this migration is typed against Kysely<any> and imports no app code.
//
// At most one running job of a kind per organization, enforced by the database, so that two app
// servers starting a rescore at the same moment cannot both start one: the second insert conflicts
// and gets the running job instead. A partial unique index; SQLite and PostgreSQL both have them.
import { sql, type Kysely } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  // Older duplicates (possible before this index, e.g. a job whose server died) end as failed.
  await sql`
    update jobs set status = 'failed', error = 'abandoned: another job of this kind was started', finished_at = started_at
    where status = 'running'
      and id not in (select max(id) from jobs where status = 'running' group by organization_id, kind)
  `.execute(db);
  await sql`create unique index jobs_one_running on jobs (organization_id, kind) where status = 'running'`.execute(
    db,
  );
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex("jobs_one_running").execute();
}

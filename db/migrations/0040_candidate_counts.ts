// Frozen in time: this migration is typed against Kysely<any> and imports no app code (only the guard
// of migration 0038).
//
// Issue 19: the candidates list's total on PostgreSQL. Each page of the whole organization's list
// counted its candidates (200,000: 20–80 ms on PostgreSQL, which counts an index's entries one by one;
// 4 ms in SQLite), more than the page itself (2 ms). organizations.candidate_count holds the count,
// kept by triggers on candidates' inserts and deletes (a candidate never changes organization), guarded
// as every summary trigger is (0038): a bulk write recounts it once instead
// (app/data/summaries.server.ts).
import { PostgresAdapter, sql, type Kysely } from "kysely";
import { GUARD } from "./0038_deferred_summaries";

const add = (row: string, by: number) =>
  `update organizations set candidate_count = candidate_count + ${by} where id = ${row}.organization_id`;

export async function up(db: Kysely<any>): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  await db.schema
    .alterTable("organizations")
    .addColumn("candidate_count", "integer", (c) => c.notNull().defaultTo(0))
    .execute();
  await sql`update organizations set candidate_count =
    (select count(*) from candidates c where c.organization_id = organizations.id)`.execute(db);
  if (pg) {
    await sql
      .raw(
        `create function candidates_count() returns trigger language plpgsql as $$
        begin
          if tg_op = 'INSERT' then ${add("new", 1)}; else ${add("old", -1)}; end if;
          return null;
        end $$`,
      )
      .execute(db);
    await sql
      .raw(
        `create trigger candidates_count after insert or delete on candidates
        for each row when (${GUARD.postgres}) execute function candidates_count()`,
      )
      .execute(db);
  } else {
    await sql
      .raw(
        `create trigger candidates_count_insert after insert on candidates
        when ${GUARD.sqlite} begin ${add("new", 1)}; end`,
      )
      .execute(db);
    await sql
      .raw(
        `create trigger candidates_count_delete after delete on candidates
        when ${GUARD.sqlite} begin ${add("old", -1)}; end`,
      )
      .execute(db);
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  if (pg) {
    await sql.raw("drop trigger candidates_count on candidates").execute(db);
    await sql.raw("drop function candidates_count()").execute(db);
  } else {
    await sql.raw("drop trigger candidates_count_insert").execute(db);
    await sql.raw("drop trigger candidates_count_delete").execute(db);
  }
  await db.schema.alterTable("organizations").dropColumn("candidate_count").execute();
}

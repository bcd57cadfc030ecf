// Frozen in time: this migration is typed against Kysely<any> and imports no app code.
//
// Lets a bulk write put off the summaries' per-row triggers (issue 19: the 100,000-row import). The
// triggers of migrations 0024–0037 on applications, interviews and follow-ups recount an application's
// summary rows on every row written: an import writes each application's rows several times over
// (its interviews, their follow-ups, their scores), and each write recounted it again. They now do
// nothing while summaries_deferred holds a row. A bulk writer inserts one inside its own transaction,
// which no other connection sees (it is deleted before the commit), writes, and recounts the
// summaries of what it wrote once, set-based, before deleting it (app/data/summaries.server.ts,
// deferringSummaries); a rebuild sums each table's cells in one statement the same way.
// - Every trigger gets the guard except the updated_at ones (0031): those on the raw tables, on
//   positions and organizations, and those that add the summary rows into their cells. SQLite's WHEN
//   gains `not exists (select 1 from summaries_deferred)`; PostgreSQL's, which cannot hold a subquery,
//   calls summaries_deferred(), a function answering the same.
// - A later migration that recreates one of these triggers must keep the guard (GUARD below).
import { PostgresAdapter, sql, type Kysely } from "kysely";

/** The guard, as a trigger's WHEN reads it on each database. */
export const GUARD = {
  sqlite: "not exists (select 1 from summaries_deferred)",
  postgres: "not summaries_deferred()",
};

/** The guarded triggers: every trigger except the updated_at ones (0031). */
async function guardedTriggers(
  db: Kysely<any>,
  pg: boolean,
): Promise<{ name: string; definition: string }[]> {
  const { rows } = pg
    ? await sql<{
        name: string;
        definition: string;
      }>`select t.tgname as name, pg_get_triggerdef(t.oid) as definition
        from pg_trigger t
        where not t.tgisinternal and t.tgname not like '%updated_at'
        order by t.tgname`.execute(db)
    : await sql<{ name: string; definition: string }>`select name, sql as definition from sqlite_master
        where type = 'trigger' and name not like '%updated_at'
        order by name`.execute(db);
  return rows;
}

/** A SQLite trigger's SQL with `condition` added to its WHEN (or as its WHEN). */
function sqliteWith(definition: string, condition: string): string {
  const match = /^([\s\S]*? on \w+)\s+(?:when\s+([\s\S]*?)\s+)?begin\s/i.exec(definition);
  if (!match) throw new Error(`0038: cannot read the trigger ${definition.slice(0, 80)}`);
  const when = match[2] === undefined ? condition : `${condition} and (${match[2]})`;
  return `${match[1]} when ${when} begin ${definition.slice(match[0].length)}`;
}

/** A PostgreSQL trigger definition (pg_get_triggerdef) with `condition` added to its WHEN. */
function postgresWith(definition: string, condition: string): string {
  const at = definition.indexOf(" EXECUTE FUNCTION ");
  if (at < 0) throw new Error(`0038: cannot read the trigger ${definition.slice(0, 80)}`);
  const head = definition.slice(0, at);
  const when = head.indexOf(" WHEN (");
  return when < 0
    ? `${head} WHEN (${condition})${definition.slice(at)}`
    : `${head.slice(0, when)} WHEN (${condition} AND ${head.slice(when + 6)})${definition.slice(at)}`;
}

/** Replaces each guarded trigger by `rewrite` of its definition; SQLite's in one transaction. */
async function rewriteTriggers(db: Kysely<any>, rewrite: (definition: string, pg: boolean) => string) {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  const body = async (trx: Kysely<any>) => {
    for (const { name, definition } of await guardedTriggers(trx, pg)) {
      const on = pg ? /\sON\s+(\S+)\s/.exec(definition)![1] : "";
      await sql.raw(pg ? `drop trigger ${name} on ${on}` : `drop trigger ${name}`).execute(trx);
      await sql.raw(rewrite(definition, pg)).execute(trx);
    }
  };
  // PostgreSQL's migrator already holds a transaction; SQLite's does not (as in 0037).
  if (pg) await body(db);
  else await db.transaction().execute(body);
}

export async function up(db: Kysely<any>): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  await db.schema
    .createTable("summaries_deferred")
    .addColumn("organization_id", "integer", (c) => c.notNull())
    .execute();
  if (pg) {
    await sql
      .raw(
        `create function summaries_deferred() returns boolean language sql stable as
          'select exists (select 1 from summaries_deferred)'`,
      )
      .execute(db);
  }
  await rewriteTriggers(db, (definition, pg) =>
    pg ? postgresWith(definition, GUARD.postgres) : sqliteWith(definition, GUARD.sqlite),
  );
}

export async function down(db: Kysely<any>): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  // Each definition as up() left it (PostgreSQL prints it back normalized), without the guard.
  await rewriteTriggers(db, (definition, pg) =>
    pg
      ? definition
          .replace(
            / WHEN \(\(\(NOT summaries_deferred\(\)\) AND ([\s\S]*)\)\) EXECUTE FUNCTION /,
            " WHEN ($1) EXECUTE FUNCTION ",
          )
          .replace(/ WHEN \(+NOT summaries_deferred\(\)\)+ EXECUTE FUNCTION /, " EXECUTE FUNCTION ")
      : definition
          .replace(
            / when not exists \(select 1 from summaries_deferred\) and \(([\s\S]*?)\) begin /,
            " when $1 begin ",
          )
          .replace(/ when not exists \(select 1 from summaries_deferred\) begin /, " begin "),
  );
  if (pg) await sql.raw("drop function summaries_deferred()").execute(db);
  await db.schema.dropTable("summaries_deferred").execute();
}

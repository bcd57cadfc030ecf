// Frozen in time: this migration is typed against Kysely<any> and imports no app code.
//
// Sign-in throttling counts failures per account and per client address over a window, in the
// database so that every app server sees the same counts. The table was one counter per email (a
// delay before verifying, no per-address limit); it becomes one row per attempt, removed when the
// attempt succeeds or leaves the window. The old counters are dropped: they only slowed sign-ins.
import { PostgresAdapter, type Kysely } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  await db.schema.dropTable("sign_in_attempts").execute();
  await db.schema
    .createTable("sign_in_attempts")
    .addColumn("id", pg ? "serial" : "integer", (c) => (pg ? c.primaryKey() : c.primaryKey().autoIncrement()))
    .addColumn("email", "text", (c) => c.notNull())
    .addColumn("address", "text", (c) => c.notNull())
    .addColumn("attempted_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("sign_in_attempts_email")
    .on("sign_in_attempts")
    .columns(["email", "attempted_at"])
    .execute();
  await db.schema
    .createIndex("sign_in_attempts_address")
    .on("sign_in_attempts")
    .columns(["address", "attempted_at"])
    .execute();
  await db.schema
    .createIndex("sign_in_attempts_attempted")
    .on("sign_in_attempts")
    .column("attempted_at")
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("sign_in_attempts").execute();
  await db.schema
    .createTable("sign_in_attempts")
    .addColumn("email", "text", (c) => c.primaryKey())
    .addColumn("failures", "integer", (c) => c.notNull())
    .addColumn("last_failed_at", "text", (c) => c.notNull())
    .execute();
}

// Frozen in time: this migration is typed against Kysely<any> and imports no app code.
//
// Server-side sessions. The cookie carries only a random token; this table keeps its sha256, whose
// user and organization, when it began, when it was last used (the idle limit), when it ends whatever
// happens (the absolute limit), and when it was revoked (sign-out, a password change, a
// deactivation, "sign out everywhere"). Every request finds its session by the hash: a unique index.
import { PostgresAdapter, type Kysely } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  await db.schema
    .createTable("sessions")
    .addColumn("id", pg ? "serial" : "integer", (c) => (pg ? c.primaryKey() : c.primaryKey().autoIncrement()))
    .addColumn("token_hash", "text", (c) => c.notNull())
    .addColumn("user_id", "integer", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("organization_id", "integer", (c) =>
      c.notNull().references("organizations.id").onDelete("cascade"),
    )
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("last_seen_at", "text", (c) => c.notNull())
    .addColumn("expires_at", "text", (c) => c.notNull())
    .addColumn("revoked_at", "text")
    .addColumn("user_agent", "text")
    .execute();
  await db.schema.createIndex("sessions_token_hash").unique().on("sessions").column("token_hash").execute();
  await db.schema.createIndex("sessions_user").on("sessions").column("user_id").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("sessions").execute();
}

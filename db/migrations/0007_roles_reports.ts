// Frozen in time: this migration is typed against Kysely<any> and imports no app code.
// Roles and client reporting: one-time invitation links that set a first password, and read-only
// share links to a client report. Both keep only the sha256 of their token, never the token.
import { PostgresAdapter, type Kysely } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  const id = (c: any) => (pg ? c.primaryKey() : c.primaryKey().autoIncrement());
  await db.schema
    .createTable("user_invites")
    .addColumn("id", pg ? "serial" : "integer", id)
    .addColumn("organization_id", "integer", (c) =>
      c.notNull().references("organizations.id").onDelete("cascade"),
    )
    .addColumn("user_id", "integer", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("token_hash", "text", (c) => c.notNull().unique())
    .addColumn("expires_at", "text", (c) => c.notNull())
    .addColumn("used_at", "text")
    .addColumn("created_by", "integer", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("user_invites_user")
    .on("user_invites")
    .columns(["user_id", "created_at"])
    .execute();

  await db.schema
    .createTable("share_links")
    .addColumn("id", pg ? "serial" : "integer", id)
    .addColumn("organization_id", "integer", (c) =>
      c.notNull().references("organizations.id").onDelete("cascade"),
    )
    .addColumn("client_id", "integer", (c) => c.notNull().references("clients.id").onDelete("cascade"))
    .addColumn("token_hash", "text", (c) => c.notNull().unique())
    .addColumn("label", "text")
    .addColumn("from_date", "text")
    .addColumn("to_date", "text")
    .addColumn("expires_at", "text", (c) => c.notNull())
    .addColumn("revoked_at", "text")
    .addColumn("created_by", "integer", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("last_opened_at", "text")
    .execute();
  await db.schema
    .createIndex("share_links_org_client")
    .on("share_links")
    .columns(["organization_id", "client_id", "created_at"])
    .execute();
  // The audit log viewer filters by user and action inside an organization, newest first.
  await db.schema
    .createIndex("audit_log_org_user_created")
    .on("audit_log")
    .columns(["organization_id", "user_id", "created_at"])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex("audit_log_org_user_created").execute();
  await db.schema.dropTable("share_links").execute();
  await db.schema.dropTable("user_invites").execute();
}

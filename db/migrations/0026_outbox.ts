// Frozen in time: this migration is typed against Kysely<any> and imports no app code.
//
// Outbound mail (issue 20): every message the app writes is a row of `outbox` until an SMTP server
// has taken it. A sender claims due rows with one UPDATE … WHERE status = 'queued' (so of several app
// servers one sends each row), records each attempt, and retries with backoff until it gives up.
// `dedupe_key` (unique when set) makes "this message once" a fact of the database: a notification
// per follow-up and recipient, an invitation per link.
//
// `mail_runs` claims a batch that must happen once per period (a client's weekly report, a user's
// daily digest): its key is unique, inserted in the same transaction as the batch's outbox rows.
//
// `password_resets` holds one row per request, for the throttle, whether or not the email has an
// account; a request for an account also holds its token's sha256 (the token goes out by mail only).
//
// `report_schedules` and `client_contacts`: which clients get their report by mail, how often, and
// to whom. Users gain two notification preferences (on by default).
import { PostgresAdapter, type Kysely } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  const id = (c: any) => (pg ? c.primaryKey() : c.primaryKey().autoIncrement());
  const idType = pg ? "serial" : "integer";

  await db.schema
    .createTable("outbox")
    .addColumn("id", idType, id)
    .addColumn("organization_id", "integer", (c) => c.references("organizations.id").onDelete("cascade"))
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("to_address", "text", (c) => c.notNull())
    .addColumn("subject", "text", (c) => c.notNull())
    .addColumn("text_body", "text", (c) => c.notNull())
    .addColumn("html_body", "text")
    .addColumn("headers", "text")
    .addColumn("attachments", "text")
    .addColumn("dedupe_key", "text")
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("attempts", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("next_attempt_at", "text", (c) => c.notNull())
    .addColumn("claimed_by", "text")
    .addColumn("claimed_at", "text")
    .addColumn("last_error", "text")
    .addColumn("message_id", "text")
    .addColumn("sent_at", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("outbox_dedupe").unique().on("outbox").column("dedupe_key").execute();
  await db.schema.createIndex("outbox_due").on("outbox").columns(["status", "next_attempt_at"]).execute();
  await db.schema.createIndex("outbox_org").on("outbox").columns(["organization_id", "id"]).execute();

  await db.schema
    .createTable("mail_runs")
    .addColumn("id", idType, id)
    .addColumn("key", "text", (c) => c.notNull().unique())
    .addColumn("organization_id", "integer", (c) => c.references("organizations.id").onDelete("cascade"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("password_resets")
    .addColumn("id", idType, id)
    .addColumn("email", "text", (c) => c.notNull())
    .addColumn("address", "text", (c) => c.notNull())
    .addColumn("user_id", "integer", (c) => c.references("users.id").onDelete("cascade"))
    .addColumn("token_hash", "text")
    .addColumn("expires_at", "text", (c) => c.notNull())
    .addColumn("used_at", "text")
    .addColumn("requested_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("password_resets_token")
    .unique()
    .on("password_resets")
    .column("token_hash")
    .execute();
  await db.schema
    .createIndex("password_resets_email")
    .on("password_resets")
    .columns(["email", "requested_at"])
    .execute();
  await db.schema
    .createIndex("password_resets_address")
    .on("password_resets")
    .columns(["address", "requested_at"])
    .execute();

  await db.schema
    .createTable("report_schedules")
    .addColumn("id", idType, id)
    .addColumn("organization_id", "integer", (c) =>
      c.notNull().references("organizations.id").onDelete("cascade"),
    )
    .addColumn("client_id", "integer", (c) => c.notNull().references("clients.id").onDelete("cascade"))
    .addColumn("frequency", "text", (c) => c.notNull())
    .addColumn("created_by", "integer", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("report_schedules_client")
    .unique()
    .on("report_schedules")
    .column("client_id")
    .execute();

  await db.schema
    .createTable("client_contacts")
    .addColumn("id", idType, id)
    .addColumn("organization_id", "integer", (c) =>
      c.notNull().references("organizations.id").onDelete("cascade"),
    )
    .addColumn("client_id", "integer", (c) => c.notNull().references("clients.id").onDelete("cascade"))
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("email", "text", (c) => c.notNull())
    .addColumn("unsubscribed_at", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("client_contacts_client_email")
    .unique()
    .on("client_contacts")
    .columns(["client_id", "email"])
    .execute();

  // The note on a follow-up's arrival reads the follow-ups stored in the last hour.
  await db.schema.createIndex("follow_ups_created").on("follow_ups").column("created_at").execute();

  await db.schema
    .alterTable("users")
    .addColumn("notify_follow_ups", "integer", (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema
    .alterTable("users")
    .addColumn("notify_digest", "integer", (c) => c.notNull().defaultTo(1))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex("follow_ups_created").execute();
  await db.schema.alterTable("users").dropColumn("notify_digest").execute();
  await db.schema.alterTable("users").dropColumn("notify_follow_ups").execute();
  for (const table of ["client_contacts", "report_schedules", "password_resets", "mail_runs", "outbox"])
    await db.schema.dropTable(table).execute();
}

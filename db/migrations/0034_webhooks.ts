// Frozen in time: this migration is typed against Kysely<any> and imports no app code.
//
// Outgoing webhooks (issue 22, item 4). `webhook_endpoints`: the URLs an admin registered, the events
// each wants (a JSON array of event types), whether it is enabled, and its signing secret, sealed
// (AES-GCM, app/data/secret-box.server.ts) as the mailbox secrets are. After a rotation the previous
// secret still signs, beside the new one, until `previous_secret_expires_at`.
//
// `webhook_deliveries`: the outbox of webhooks, one row per event and endpoint, written in the
// transaction of the change that caused the event. Its claim columns are the mail outbox's (status
// queued → sending → sent | failed, attempts, next_attempt_at, claimed_by, claimed_at, last_error), and
// the same claim code (app/data/claims.server.ts) sends each row once whatever the number of servers.
// `body` is the exact JSON sent, so that every attempt carries the same bytes; `event_id` is the event's,
// the same for every endpoint it goes to, and what a receiver deduplicates by.
import { PostgresAdapter, type Kysely } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  const id = (c: any) => (pg ? c.primaryKey() : c.primaryKey().autoIncrement());
  const idType = pg ? "serial" : "integer";

  await db.schema
    .createTable("webhook_endpoints")
    .addColumn("id", idType, id)
    .addColumn("organization_id", "integer", (c) =>
      c.notNull().references("organizations.id").onDelete("cascade"),
    )
    .addColumn("url", "text", (c) => c.notNull())
    .addColumn("events", "text", (c) => c.notNull())
    .addColumn("enabled", "integer", (c) => c.notNull().defaultTo(1))
    .addColumn("secret", "text", (c) => c.notNull())
    .addColumn("previous_secret", "text")
    .addColumn("previous_secret_expires_at", "text")
    .addColumn("created_by", "integer", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("webhook_endpoints_org")
    .on("webhook_endpoints")
    .columns(["organization_id", "enabled"])
    .execute();

  await db.schema
    .createTable("webhook_deliveries")
    .addColumn("id", idType, id)
    .addColumn("organization_id", "integer", (c) =>
      c.notNull().references("organizations.id").onDelete("cascade"),
    )
    .addColumn("endpoint_id", "integer", (c) =>
      c.notNull().references("webhook_endpoints.id").onDelete("cascade"),
    )
    .addColumn("event_id", "text", (c) => c.notNull())
    .addColumn("event_type", "text", (c) => c.notNull())
    .addColumn("body", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("attempts", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("next_attempt_at", "text", (c) => c.notNull())
    .addColumn("claimed_by", "text")
    .addColumn("claimed_at", "text")
    .addColumn("last_error", "text")
    .addColumn("response_status", "integer")
    .addColumn("response_excerpt", "text")
    .addColumn("sent_at", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("webhook_deliveries_event")
    .unique()
    .on("webhook_deliveries")
    .columns(["endpoint_id", "event_id"])
    .execute();
  await db.schema
    .createIndex("webhook_deliveries_due")
    .on("webhook_deliveries")
    .columns(["status", "next_attempt_at"])
    .execute();
  await db.schema
    .createIndex("webhook_deliveries_org")
    .on("webhook_deliveries")
    .columns(["organization_id", "id"])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("webhook_deliveries").execute();
  await db.schema.dropTable("webhook_endpoints").execute();
}

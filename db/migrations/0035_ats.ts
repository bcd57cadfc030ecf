// Frozen in time: this migration is typed against Kysely<any> and imports no app code.
//
// Incoming events from an applicant tracking system (issue 22, item 5), and the indexes the API's
// `updated_since` filter needs.
//
// ats_receivers: one per organization and source ("greenhouse"): the unguessable key in its URL, the
// shared secret that signs its events (sealed with the mailbox key, since verifying needs it back),
// whether it is on, whose name its writes go under, the client new positions are opened for, the
// hand-made word map (the CSV import's ValueMap, as JSON), and the current minute's request count.
//
// ats_external_ids: the ATS's id of a candidate, job, application or interview and the row it became,
// so that a repeated or replayed event updates that row instead of adding another.
//
// ats_events: each event received and what became of it (applied, ignored and why, refused and why),
// with a stage word no map read, for the settings page to offer to map.
//
// The API lists rows "created or changed since": `coalesce(updated_at, created_at) >= ?` per
// organization, which these expression indexes answer in both dialects. The instant leads: led by
// organization_id, SQLite (no statistics) took them for every `organization_id = ?` query and walked
// a whole organization's rows where the position's index finds a pipeline's.
import { PostgresAdapter, sql, type Kysely } from "kysely";

const CHANGED_TABLES = ["candidates", "positions", "applications", "interviews", "follow_ups"];

export async function up(db: Kysely<any>): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  const id = (c: any) => (pg ? c.primaryKey() : c.primaryKey().autoIncrement());
  await db.schema
    .createTable("ats_receivers")
    .addColumn("id", pg ? "serial" : "integer", id)
    .addColumn("organization_id", "integer", (c) =>
      c.notNull().references("organizations.id").onDelete("cascade"),
    )
    .addColumn("source", "text", (c) => c.notNull())
    .addColumn("url_key", "text", (c) => c.notNull())
    .addColumn("secret_sealed", "text", (c) => c.notNull())
    .addColumn("enabled", "integer", (c) => c.notNull().defaultTo(1))
    .addColumn("acting_user_id", "integer", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("client_id", "integer", (c) => c.references("clients.id").onDelete("set null"))
    .addColumn("value_map", "text", (c) => c.notNull().defaultTo("{}"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("secret_rotated_at", "text", (c) => c.notNull())
    .addColumn("window_started_at", "text")
    .addColumn("window_count", "integer", (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.createIndex("ats_receivers_key").unique().on("ats_receivers").column("url_key").execute();
  await db.schema
    .createIndex("ats_receivers_org_source")
    .unique()
    .on("ats_receivers")
    .columns(["organization_id", "source"])
    .execute();

  await db.schema
    .createTable("ats_external_ids")
    .addColumn("id", pg ? "serial" : "integer", id)
    .addColumn("organization_id", "integer", (c) =>
      c.notNull().references("organizations.id").onDelete("cascade"),
    )
    .addColumn("source", "text", (c) => c.notNull())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("external_id", "text", (c) => c.notNull())
    .addColumn("local_id", "integer", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("ats_external_ids_key")
    .unique()
    .on("ats_external_ids")
    .columns(["organization_id", "source", "kind", "external_id"])
    .execute();

  await db.schema
    .createTable("ats_events")
    .addColumn("id", pg ? "serial" : "integer", id)
    .addColumn("organization_id", "integer", (c) =>
      c.notNull().references("organizations.id").onDelete("cascade"),
    )
    .addColumn("source", "text", (c) => c.notNull())
    .addColumn("event_id", "text")
    .addColumn("action", "text", (c) => c.notNull())
    .addColumn("outcome", "text", (c) => c.notNull())
    .addColumn("detail", "text", (c) => c.notNull())
    .addColumn("unknown_stage", "text")
    .addColumn("candidate_id", "integer", (c) => c.references("candidates.id").onDelete("set null"))
    .addColumn("received_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("ats_events_org")
    .on("ats_events")
    .columns(["organization_id", "source", "id"])
    .execute();
  await db.schema
    .createIndex("ats_events_event_id")
    .on("ats_events")
    .columns(["organization_id", "source", "event_id"])
    .execute();

  for (const table of CHANGED_TABLES)
    await sql
      .raw(`create index ${table}_changed on ${table} ((coalesce(updated_at, created_at)), organization_id)`)
      .execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of CHANGED_TABLES) await db.schema.dropIndex(`${table}_changed`).execute();
  await db.schema.dropTable("ats_events").execute();
  await db.schema.dropTable("ats_external_ids").execute();
  await db.schema.dropTable("ats_receivers").execute();
}

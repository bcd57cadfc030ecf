// Frozen in time: this migration is typed against Kysely<any> and imports no app code.
//
// The REST API (issue 22): tokens, the responses of idempotent POSTs, and an updated_at on the rows the
// API lists, for its `updated_since` filter.
//
// api_tokens: a token belongs to an organization and either to one user (a personal token, acting as
// that user with their role and scope) or to nobody (an organization token, created by an admin, acting
// with the admin role over the whole organization). Only the sha256 of the token is kept. The same row
// counts uses (use_count, last_used_at) and the current minute's requests (window_started_at,
// window_count): one UPDATE per request, shared by every app server on the database.
//
// api_idempotency_keys: a POST's Idempotency-Key, claimed in the transaction of the write it guards,
// with the request's hash and the response given, so that a retried POST gets the same answer.
//
// updated_at: null until a person changes the row (set by triggers on the columns people edit, so every
// write path moves it, the app's and those to come); the API reads `updated_at or created_at`. Computed
// columns (summaries, scores, latencies rewritten by a rescore) are not watched: a rescore does not make
// every row "updated".
import { PostgresAdapter, sql, type Kysely } from "kysely";

const WATCHED: Record<string, string[]> = {
  candidates: ["name", "email", "phone", "source"],
  positions: ["title", "client_id", "hiring_manager_id", "status", "opened_on", "closed_on"],
  applications: ["stage", "outcome", "outcome_on", "outcome_reason", "recruiter_id", "position_id"],
  interviews: [
    "interviewer_name",
    "interviewer_email",
    "starts_at",
    "ends_at",
    "time_zone",
    "format",
    "round",
    "notes",
    "first_follow_up_id",
  ],
  follow_ups: ["received_at", "channel", "subject", "body", "sender", "interview_id"],
};

export async function up(db: Kysely<any>): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  const id = (c: any) => (pg ? c.primaryKey() : c.primaryKey().autoIncrement());
  await db.schema
    .createTable("api_tokens")
    .addColumn("id", pg ? "serial" : "integer", id)
    .addColumn("organization_id", "integer", (c) =>
      c.notNull().references("organizations.id").onDelete("cascade"),
    )
    .addColumn("user_id", "integer", (c) => c.references("users.id").onDelete("cascade"))
    .addColumn("created_by", "integer", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("scope", "text", (c) => c.notNull())
    .addColumn("token_hash", "text", (c) => c.notNull())
    .addColumn("prefix", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("expires_at", "text")
    .addColumn("revoked_at", "text")
    .addColumn("last_used_at", "text")
    .addColumn("use_count", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("window_started_at", "text")
    .addColumn("window_count", "integer", (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.createIndex("api_tokens_hash").unique().on("api_tokens").column("token_hash").execute();
  await db.schema
    .createIndex("api_tokens_org")
    .on("api_tokens")
    .columns(["organization_id", "user_id"])
    .execute();

  await db.schema
    .createTable("api_idempotency_keys")
    .addColumn("id", pg ? "serial" : "integer", id)
    .addColumn("token_id", "integer", (c) => c.notNull().references("api_tokens.id").onDelete("cascade"))
    .addColumn("key", "text", (c) => c.notNull())
    .addColumn("request_hash", "text", (c) => c.notNull())
    .addColumn("status", "integer")
    .addColumn("body", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("api_idempotency_token_key")
    .unique()
    .on("api_idempotency_keys")
    .columns(["token_id", "key"])
    .execute();

  if (pg) {
    await sql
      .raw(
        `create function api_touch_updated_at() returns trigger language plpgsql as $$
        begin
          new.updated_at := to_char(clock_timestamp() at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"');
          return new;
        end $$`,
      )
      .execute(db);
  }
  for (const [table, columns] of Object.entries(WATCHED)) {
    await db.schema.alterTable(table).addColumn("updated_at", "text").execute();
    if (pg) {
      await sql
        .raw(
          `create trigger ${table}_updated_at before update of ${columns.join(", ")} on ${table}
          for each row execute function api_touch_updated_at()`,
        )
        .execute(db);
    } else {
      await sql
        .raw(
          `create trigger ${table}_updated_at after update of ${columns.join(", ")} on ${table}
          for each row when new.updated_at is old.updated_at begin
            update ${table} set updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') where id = new.id;
          end`,
        )
        .execute(db);
    }
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  for (const table of Object.keys(WATCHED)) {
    await sql
      .raw(pg ? `drop trigger ${table}_updated_at on ${table}` : `drop trigger ${table}_updated_at`)
      .execute(db);
    await db.schema.alterTable(table).dropColumn("updated_at").execute();
  }
  if (pg) await sql.raw("drop function api_touch_updated_at()").execute(db);
  await db.schema.dropTable("api_idempotency_keys").execute();
  await db.schema.dropTable("api_tokens").execute();
}

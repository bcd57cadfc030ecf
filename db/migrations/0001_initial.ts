// Frozen in time: this migration is typed against Kysely<any> and imports no app code.
import { PostgresAdapter, type Kysely, type CreateTableBuilder } from "kysely";

function withId<T extends string>(db: Kysely<any>, table: CreateTableBuilder<T, never>) {
  // SQLite's INTEGER PRIMARY KEY is its rowid; PostgreSQL needs an identity column.
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  return table.addColumn("id", pg ? "serial" : "integer", (c) =>
    pg ? c.primaryKey() : c.primaryKey().autoIncrement(),
  );
}

export async function up(db: Kysely<any>): Promise<void> {
  await withId(db, db.schema.createTable("organizations"))
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("settings", "text", (c) => c.notNull().defaultTo("{}"))
    .addColumn("is_demo", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();

  await withId(db, db.schema.createTable("clients"))
    .addColumn("organization_id", "integer", (c) =>
      c.notNull().references("organizations.id").onDelete("cascade"),
    )
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("clients_org_name")
    .on("clients")
    .columns(["organization_id", "name"])
    .execute();

  await withId(db, db.schema.createTable("users"))
    .addColumn("organization_id", "integer", (c) =>
      c.notNull().references("organizations.id").onDelete("cascade"),
    )
    .addColumn("email", "text", (c) => c.notNull())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("password_hash", "text")
    .addColumn("role", "text", (c) => c.notNull())
    .addColumn("client_id", "integer", (c) => c.references("clients.id").onDelete("set null"))
    .addColumn("active", "integer", (c) => c.notNull().defaultTo(1))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("last_sign_in_at", "text")
    .addUniqueConstraint("users_org_email", ["organization_id", "email"])
    .execute();
  await db.schema.createIndex("users_email").on("users").column("email").execute();

  await withId(db, db.schema.createTable("positions"))
    .addColumn("organization_id", "integer", (c) =>
      c.notNull().references("organizations.id").onDelete("cascade"),
    )
    .addColumn("client_id", "integer", (c) => c.notNull().references("clients.id"))
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("hiring_manager_id", "integer", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("status", "text", (c) => c.notNull().defaultTo("open"))
    .addColumn("opened_on", "text", (c) => c.notNull())
    .addColumn("closed_on", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("positions_org_client")
    .on("positions")
    .columns(["organization_id", "client_id"])
    .execute();
  await db.schema
    .createIndex("positions_org_manager")
    .on("positions")
    .columns(["organization_id", "hiring_manager_id"])
    .execute();

  await withId(db, db.schema.createTable("candidates"))
    .addColumn("organization_id", "integer", (c) =>
      c.notNull().references("organizations.id").onDelete("cascade"),
    )
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("email", "text")
    .addColumn("phone", "text")
    .addColumn("source", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("candidates_org_name")
    .on("candidates")
    .columns(["organization_id", "name"])
    .execute();
  await db.schema
    .createIndex("candidates_org_email")
    .on("candidates")
    .columns(["organization_id", "email"])
    .execute();

  await withId(db, db.schema.createTable("applications"))
    .addColumn("organization_id", "integer", (c) =>
      c.notNull().references("organizations.id").onDelete("cascade"),
    )
    .addColumn("candidate_id", "integer", (c) => c.notNull().references("candidates.id").onDelete("cascade"))
    .addColumn("position_id", "integer", (c) => c.notNull().references("positions.id").onDelete("cascade"))
    .addColumn("stage", "text", (c) => c.notNull().defaultTo("applied"))
    .addColumn("outcome", "text", (c) => c.notNull().defaultTo("pending"))
    .addColumn("outcome_on", "text")
    .addColumn("outcome_reason", "text")
    .addColumn("recruiter_id", "integer", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("interview_count", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("decided_interview_count", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("followed_up_count", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("behaviour", "text")
    .addColumn("median_latency_minutes", "double precision")
    .addColumn("best_score", "double precision")
    .addColumn("mean_score", "double precision")
    .addColumn("last_interview_end", "text")
    .addUniqueConstraint("applications_candidate_position", ["candidate_id", "position_id"])
    .execute();
  await db.schema
    .createIndex("applications_position_stage")
    .on("applications")
    .columns(["position_id", "stage"])
    .execute();
  await db.schema
    .createIndex("applications_org_outcome")
    .on("applications")
    .columns(["organization_id", "outcome"])
    .execute();
  await db.schema
    .createIndex("applications_org_recruiter")
    .on("applications")
    .columns(["organization_id", "recruiter_id"])
    .execute();

  await withId(db, db.schema.createTable("interviews"))
    .addColumn("organization_id", "integer", (c) =>
      c.notNull().references("organizations.id").onDelete("cascade"),
    )
    .addColumn("application_id", "integer", (c) =>
      c.notNull().references("applications.id").onDelete("cascade"),
    )
    .addColumn("interviewer_name", "text", (c) => c.notNull())
    .addColumn("interviewer_email", "text")
    .addColumn("starts_at", "text", (c) => c.notNull())
    .addColumn("ends_at", "text", (c) => c.notNull())
    .addColumn("time_zone", "text", (c) => c.notNull())
    .addColumn("format", "text", (c) => c.notNull())
    .addColumn("round", "integer", (c) => c.notNull().defaultTo(1))
    .addColumn("notes", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("logged_by", "integer", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("mail_token", "text", (c) => c.unique())
    .addColumn("first_follow_up_id", "integer")
    .addColumn("first_follow_up_at", "text")
    .addColumn("latency_minutes", "double precision")
    .addColumn("business_latency_minutes", "double precision")
    .addColumn("window", "text")
    .addColumn("closes_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("interviews_application_end")
    .on("interviews")
    .columns(["application_id", "ends_at"])
    .execute();
  await db.schema
    .createIndex("interviews_org_end")
    .on("interviews")
    .columns(["organization_id", "ends_at"])
    .execute();
  await db.schema
    .createIndex("interviews_org_awaiting")
    .on("interviews")
    .columns(["organization_id", "first_follow_up_at", "closes_at"])
    .execute();

  await withId(db, db.schema.createTable("follow_ups"))
    .addColumn("organization_id", "integer", (c) =>
      c.notNull().references("organizations.id").onDelete("cascade"),
    )
    .addColumn("interview_id", "integer", (c) => c.notNull().references("interviews.id").onDelete("cascade"))
    .addColumn("received_at", "text", (c) => c.notNull())
    .addColumn("channel", "text", (c) => c.notNull())
    .addColumn("subject", "text")
    .addColumn("body", "text", (c) => c.notNull())
    .addColumn("sender", "text")
    .addColumn("logged_by", "integer", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("latency_minutes", "double precision")
    .addColumn("business_latency_minutes", "double precision")
    .addColumn("window", "text")
    .addColumn("score", "double precision")
    .addColumn("score_parts", "text")
    .addColumn("scorer_version", "text")
    .execute();
  await db.schema
    .createIndex("follow_ups_interview_received")
    .on("follow_ups")
    .columns(["interview_id", "received_at"])
    .execute();
  await db.schema
    .createIndex("follow_ups_org_received")
    .on("follow_ups")
    .columns(["organization_id", "received_at"])
    .execute();

  await withId(db, db.schema.createTable("audit_log"))
    .addColumn("organization_id", "integer", (c) =>
      c.notNull().references("organizations.id").onDelete("cascade"),
    )
    .addColumn("user_id", "integer", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("action", "text", (c) => c.notNull())
    .addColumn("entity", "text", (c) => c.notNull())
    .addColumn("entity_id", "integer")
    .addColumn("detail", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("audit_log_org_created")
    .on("audit_log")
    .columns(["organization_id", "created_at"])
    .execute();

  await db.schema
    .createTable("sign_in_attempts")
    .addColumn("email", "text", (c) => c.primaryKey())
    .addColumn("failures", "integer", (c) => c.notNull())
    .addColumn("last_failed_at", "text", (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    "sign_in_attempts",
    "audit_log",
    "follow_ups",
    "interviews",
    "applications",
    "candidates",
    "positions",
    "users",
    "clients",
    "organizations",
  ]) {
    await db.schema.dropTable(table).execute();
  }
}

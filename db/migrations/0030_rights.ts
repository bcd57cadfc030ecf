// Frozen in time: this migration is typed against Kysely<any> and imports no app code.
//
// Issue 21, items 3–5: human review of scores, candidate data rights, notices and accommodations.
//
// - score_reviews: a person's review of one follow-up's score (one row per follow-up, replaced when
//   reviewed again; every review is also in the audit log). "agree", or "override" with the band the
//   reviewer puts it in and a reason that is required.
// - interviews.latency_exempt_reason: set when an interview's latency is marked "not applicable" (an
//   accommodation). The scorer then stores no latency and no window for the interview and its
//   follow-ups, gives the score's timing part neutrally, and the dashboard leaves the interview out
//   of decided, followed-up and closed counts.
// - organizations.candidate_notice: the notice to candidates shown on share pages and exports.
// - organizations.retention_months: candidates with no activity for this many months are erased by
//   the daily retention run (null: never). retention_ran_on is the UTC day the run last claimed, so
//   that several servers on one database run it once a day.
import { PostgresAdapter, type Kysely } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  await db.schema
    .createTable("score_reviews")
    .addColumn("id", pg ? "serial" : "integer", (c) => (pg ? c.primaryKey() : c.primaryKey().autoIncrement()))
    .addColumn("organization_id", "integer", (c) =>
      c.notNull().references("organizations.id").onDelete("cascade"),
    )
    .addColumn("follow_up_id", "integer", (c) => c.notNull().references("follow_ups.id").onDelete("cascade"))
    .addColumn("reviewer_id", "integer", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("verdict", "text", (c) => c.notNull())
    .addColumn("band", "text")
    .addColumn("reason", "text")
    .addColumn("score", "double precision")
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("score_reviews_follow_up")
    .unique()
    .on("score_reviews")
    .column("follow_up_id")
    .execute();
  await db.schema.createIndex("score_reviews_org").on("score_reviews").column("organization_id").execute();

  await db.schema.alterTable("interviews").addColumn("latency_exempt_reason", "text").execute();
  await db.schema.alterTable("organizations").addColumn("candidate_notice", "text").execute();
  await db.schema.alterTable("organizations").addColumn("retention_months", "integer").execute();
  await db.schema.alterTable("organizations").addColumn("retention_ran_on", "text").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("organizations").dropColumn("retention_ran_on").execute();
  await db.schema.alterTable("organizations").dropColumn("retention_months").execute();
  await db.schema.alterTable("organizations").dropColumn("candidate_notice").execute();
  await db.schema.alterTable("interviews").dropColumn("latency_exempt_reason").execute();
  await db.schema.dropTable("score_reviews").execute();
}

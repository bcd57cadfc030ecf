// Frozen in time: this migration is typed against Kysely<any> and imports no app code.
//
// Fixing mistakes without storing twice (issue 18):
// - follow_ups.body_hash, the sha256 (hex) of the body, filled here for existing rows and by every
//   insert and edit after, so that a unique index can refuse the same message stored twice for one
//   interview at one time (the body itself may be 50,000 characters: too long for an index entry).
//   Copies already stored are removed first (the earliest row is kept), and their organizations'
//   scores are marked outdated so that the start-up rescore recomputes what counted them.
// - form_submissions: the idempotency key of each form that stored something, per organization, and
//   the row it made, so that a second post of the same rendered form returns that row instead.
// - audit_log.candidate_id: the candidate an entry is about, so that a candidate's timeline finds the
//   entries of interviews and follow-ups since deleted; filled here from the rows that still exist.
import crypto from "node:crypto";
import { PostgresAdapter, sql, type Kysely } from "kysely";

const sha256 = (text: string) => crypto.createHash("sha256").update(text, "utf8").digest("hex");

export async function up(db: Kysely<any>): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;

  await db.schema.alterTable("follow_ups").addColumn("body_hash", "text").execute();
  let after = 0;
  for (;;) {
    const rows: { id: number; body: string }[] = await db
      .selectFrom("follow_ups")
      .select(["id", "body"])
      .where("id", ">", after)
      .orderBy("id")
      .limit(1_000)
      .execute();
    if (rows.length === 0) break;
    for (const row of rows)
      await db
        .updateTable("follow_ups")
        .set({ body_hash: sha256(row.body) })
        .where("id", "=", row.id)
        .execute();
    after = rows[rows.length - 1].id;
  }

  const copies: { id: number; kept: number; organization_id: number }[] = await db
    .selectFrom("follow_ups as f")
    .innerJoin(
      (eb) =>
        eb
          .selectFrom("follow_ups")
          .select(["interview_id", "received_at", "body_hash", (e) => e.fn.min("id").as("kept")])
          .groupBy(["interview_id", "received_at", "body_hash"])
          .having((e) => e.fn.countAll(), ">", 1)
          .as("g"),
      (join) =>
        join
          .onRef("g.interview_id", "=", "f.interview_id")
          .onRef("g.received_at", "=", "f.received_at")
          .onRef("g.body_hash", "=", "f.body_hash"),
    )
    .select(["f.id", "g.kept", "f.organization_id"])
    .whereRef("f.id", "!=", "g.kept")
    .execute();
  for (const copy of copies) {
    await db
      .updateTable("inbound_messages")
      .set({ follow_up_id: copy.kept })
      .where("follow_up_id", "=", copy.id)
      .execute();
    await db.deleteFrom("follow_ups").where("id", "=", copy.id).execute();
  }
  for (const organizationId of new Set(copies.map((c) => c.organization_id)))
    await db
      .updateTable("follow_ups")
      .set({ scorer_version: "before-0019" })
      .where("organization_id", "=", organizationId)
      .where("scorer_version", "is not", null)
      .execute();

  // (interview_id, received_at) leads the unique index, which serves the queries the old one did.
  await db.schema.dropIndex("follow_ups_interview_received").execute();
  await db.schema
    .createIndex("follow_ups_interview_received_body")
    .unique()
    .on("follow_ups")
    .columns(["interview_id", "received_at", "body_hash"])
    .execute();

  await db.schema
    .createTable("form_submissions")
    .addColumn("id", pg ? "serial" : "integer", (c) => (pg ? c.primaryKey() : c.primaryKey().autoIncrement()))
    .addColumn("organization_id", "integer", (c) =>
      c.notNull().references("organizations.id").onDelete("cascade"),
    )
    .addColumn("key", "text", (c) => c.notNull())
    .addColumn("user_id", "integer", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("entity", "text", (c) => c.notNull())
    .addColumn("entity_id", "integer")
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("form_submissions_org_key")
    .unique()
    .on("form_submissions")
    .columns(["organization_id", "key"])
    .execute();

  await db.schema.alterTable("audit_log").addColumn("candidate_id", "integer").execute();
  await sql`update audit_log set candidate_id = (select a.candidate_id from applications a where a.id = audit_log.entity_id)
    where entity = 'application' and entity_id is not null`.execute(db);
  await sql`update audit_log set candidate_id = (select a.candidate_id from interviews i join applications a on a.id = i.application_id where i.id = audit_log.entity_id)
    where entity = 'interview' and entity_id is not null`.execute(db);
  await sql`update audit_log set candidate_id = (select a.candidate_id from follow_ups f join interviews i on i.id = f.interview_id join applications a on a.id = i.application_id where f.id = audit_log.entity_id)
    where entity = 'follow_up' and entity_id is not null`.execute(db);
  await sql`update audit_log set candidate_id = entity_id where entity = 'candidate'`.execute(db);
  await db.schema
    .createIndex("audit_log_org_candidate")
    .on("audit_log")
    .columns(["organization_id", "candidate_id", "created_at"])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex("audit_log_org_candidate").execute();
  await db.schema.alterTable("audit_log").dropColumn("candidate_id").execute();
  await db.schema.dropTable("form_submissions").execute();
  await db.schema.dropIndex("follow_ups_interview_received_body").execute();
  await db.schema
    .createIndex("follow_ups_interview_received")
    .on("follow_ups")
    .columns(["interview_id", "received_at"])
    .execute();
  await db.schema.alterTable("follow_ups").dropColumn("body_hash").execute();
}

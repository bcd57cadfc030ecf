// Frozen in time: this migration is typed against Kysely<any> and imports no app code.
// Messages that arrive by upload or by the mail-in address are kept raw until a person has matched
// them to an interview (as a follow-up) or discarded them: nothing received is ever dropped.
import { PostgresAdapter, type Kysely } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  await db.schema
    .createTable("inbound_messages")
    .addColumn("id", pg ? "serial" : "integer", (c) => (pg ? c.primaryKey() : c.primaryKey().autoIncrement()))
    .addColumn("organization_id", "integer", (c) =>
      c.notNull().references("organizations.id").onDelete("cascade"),
    )
    .addColumn("received_at", "text", (c) => c.notNull())
    .addColumn("source", "text", (c) => c.notNull())
    .addColumn("sender", "text")
    .addColumn("subject", "text")
    .addColumn("sent_at", "text")
    .addColumn("raw", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("reason", "text")
    .addColumn("interview_id", "integer", (c) => c.references("interviews.id").onDelete("set null"))
    .addColumn("follow_up_id", "integer", (c) => c.references("follow_ups.id").onDelete("set null"))
    .addColumn("handled_by", "integer", (c) => c.references("users.id").onDelete("set null"))
    .execute();
  await db.schema
    .createIndex("inbound_messages_org_status")
    .on("inbound_messages")
    .columns(["organization_id", "status", "received_at"])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("inbound_messages").execute();
}

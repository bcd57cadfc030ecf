// Frozen in time: this migration is typed against Kysely<any> and imports no app code.
//
// Mailboxes watched over IMAP (issue 20): a recruiter's or an admin's mailbox, whose messages from
// candidates after their interviews become follow-ups. Of the mailbox itself only what is needed to
// reach it and to resume is kept: where it is and who signs in (the secret encrypted, AES-256-GCM),
// the INBOX's UIDVALIDITY and the last UID looked at, and its status (connected since, the date of
// the last message looked at, the last error). The server watching it holds a lease (owner +
// heartbeat_at), as a running job does (0017): with several app servers, one watches each mailbox.
//
// UIDs and UIDVALIDITY are unsigned 32-bit numbers, beyond PostgreSQL's integer: bigint and text.
//
// inbound_messages gains the mailbox a message came from and its key (the Message-ID, or a hash of
// sender, date and body without one): unique per organization, so that a message synced twice (a
// restart between storing it and saving the UID, a UIDVALIDITY change, two mailboxes that both
// received it) is kept once.
import { PostgresAdapter, type Kysely } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  await db.schema
    .createTable("mailboxes")
    .addColumn("id", pg ? "serial" : "integer", (c) => (pg ? c.primaryKey() : c.primaryKey().autoIncrement()))
    .addColumn("organization_id", "integer", (c) =>
      c.notNull().references("organizations.id").onDelete("cascade"),
    )
    .addColumn("created_by", "integer", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("host", "text", (c) => c.notNull())
    .addColumn("port", "integer", (c) => c.notNull())
    .addColumn("tls", "integer", (c) => c.notNull())
    .addColumn("username", "text", (c) => c.notNull())
    .addColumn("auth", "text", (c) => c.notNull())
    .addColumn("secret", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("uid_validity", "text")
    .addColumn("last_uid", "bigint", (c) => c.notNull().defaultTo(0))
    .addColumn("last_message_at", "text")
    .addColumn("last_sync_at", "text")
    .addColumn("connected_at", "text")
    .addColumn("last_error", "text")
    .addColumn("last_error_at", "text")
    .addColumn("owner", "text")
    .addColumn("heartbeat_at", "text")
    .execute();
  await db.schema.createIndex("mailboxes_organization").on("mailboxes").column("organization_id").execute();
  await db.schema
    .alterTable("inbound_messages")
    .addColumn("mailbox_id", "integer", (c) => c.references("mailboxes.id").onDelete("set null"))
    .execute();
  await db.schema.alterTable("inbound_messages").addColumn("message_key", "text").execute();
  await db.schema
    .createIndex("inbound_messages_message_key")
    .unique()
    .on("inbound_messages")
    .columns(["organization_id", "message_key"])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex("inbound_messages_message_key").execute();
  await db.schema.alterTable("inbound_messages").dropColumn("message_key").execute();
  await db.schema.alterTable("inbound_messages").dropColumn("mailbox_id").execute();
  await db.schema.dropTable("mailboxes").execute();
}

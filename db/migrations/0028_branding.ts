// Frozen in time: this migration is typed against Kysely<any> and imports no app code.
//
// An agency's branding on its client reports (issue 20): the name it signs them with (null: the
// organization's own), its colour ("#rrggbb", checked for contrast with white text before it is
// stored) and its logo. One row per organization at most. The logo's bytes are kept here rather than
// in a folder: a few hundred KB at most, one per organization, and so in every backup and on every
// app server of the same database. Only PNG and JPEG are stored, recognised by their bytes; the hash
// names the version that pages link to, so browsers may cache it for good.
import { PostgresAdapter, type Kysely } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  await db.schema
    .createTable("organization_branding")
    .addColumn("id", pg ? "serial" : "integer", (c) => (pg ? c.primaryKey() : c.primaryKey().autoIncrement()))
    .addColumn("organization_id", "integer", (c) =>
      c.notNull().unique().references("organizations.id").onDelete("cascade"),
    )
    .addColumn("display_name", "text")
    .addColumn("color", "text")
    .addColumn("logo", pg ? "bytea" : "blob")
    .addColumn("logo_type", "text")
    .addColumn("logo_width", "integer")
    .addColumn("logo_height", "integer")
    .addColumn("logo_hash", "text")
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("organization_branding").execute();
}

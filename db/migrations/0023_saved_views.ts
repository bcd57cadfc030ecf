// Frozen in time: this migration is typed against Kysely<any> and imports no app code.
//
// Saved views of a pipeline (issue 18): a user's named set of the pipeline page's filters, sort and
// columns, kept as the query string the page reads (already whitelisted when saved). A view is the
// user's own: listed for them only, on every pipeline, and shared by sending the page's URL, which
// carries the same query string. Names are unique per user; the page lists them by name.
import { PostgresAdapter, type Kysely } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  await db.schema
    .createTable("saved_views")
    .addColumn("id", pg ? "serial" : "integer", (c) => (pg ? c.primaryKey() : c.primaryKey().autoIncrement()))
    .addColumn("organization_id", "integer", (c) =>
      c.notNull().references("organizations.id").onDelete("cascade"),
    )
    .addColumn("user_id", "integer", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("search", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("saved_views_user_name")
    .unique()
    .on("saved_views")
    .columns(["user_id", "name"])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("saved_views").execute();
}

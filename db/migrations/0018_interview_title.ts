// Frozen in time: this migration is typed against Kysely<any> and imports no app code.
//
// An interview's title: the round's name as an applicant tracking system's export gives it ("Phone
// Screen", "Hiring Manager", "Onsite - Engineering"), beside its round number. Null for interviews
// logged by hand or imported without one.
//
// Imports find candidates by email whatever its case ("Ana@Example.com" typed by hand is the export's
// ana@example.com): an index on the lower-cased email keeps that lookup off a scan.
import { sql, type Kysely } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("interviews").addColumn("title", "text").execute();
  await sql`create index candidates_org_lower_email on candidates (organization_id, lower(email))`.execute(
    db,
  );
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex("candidates_org_lower_email").execute();
  await db.schema.alterTable("interviews").dropColumn("title").execute();
}

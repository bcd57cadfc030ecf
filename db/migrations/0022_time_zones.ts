// Frozen in time: this migration is typed against Kysely<any> and imports no app code.
//
// Times are shown in one zone per reader (issue 18): the organization's default zone, set in
// Settings, and each user's own display zone, set on their Account page (null: the organization's).
// interviews.time_zone keeps its meaning: the zone an interview was held in, which business latency
// is counted in; these two only say how times are shown.
//
// An existing organization starts in the zone most of its interviews were held in (its recruiters'
// zone, most likely), ties broken by name so that SQLite and PostgreSQL agree; one without interviews
// starts in UTC, as a new organization does until an admin chooses.
import { sql, type Kysely } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable("organizations")
    .addColumn("time_zone", "text", (c) => c.notNull().defaultTo("UTC"))
    .execute();
  await db.schema.alterTable("users").addColumn("time_zone", "text").execute();
  await sql`
    update organizations set time_zone = coalesce(
      (select i.time_zone from interviews i
        where i.organization_id = organizations.id
        group by i.time_zone
        order by count(*) desc, i.time_zone
        limit 1),
      'UTC')
  `.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("users").dropColumn("time_zone").execute();
  await db.schema.alterTable("organizations").dropColumn("time_zone").execute();
}

// Frozen in time: this migration is typed against Kysely<any> and imports no app code.
//
// The Today page lists the follow-ups that arrived since the user's last visit, so each user carries
// two moments: when they last looked at Today (today_seen_at), and where the current visit's list of
// new follow-ups starts (today_since). Views a few minutes apart (a reload, the page refreshing its
// data after a form) belong to one visit and keep its start. Both null until the first visit.
//
// Today also lists pending applications whose interviews are all decided, longest waiting first: an
// index in that order that carries the two counts lets the list stop at its limit and the count read
// the index alone, instead of reading every pending application's row and sorting them.
import type { Kysely } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("users").addColumn("today_seen_at", "text").execute();
  await db.schema.alterTable("users").addColumn("today_since", "text").execute();
  await db.schema
    .createIndex("applications_org_outcome_waiting")
    .on("applications")
    .columns([
      "organization_id",
      "outcome",
      "last_interview_end",
      "interview_count",
      "decided_interview_count",
    ])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex("applications_org_outcome_waiting").execute();
  await db.schema.alterTable("users").dropColumn("today_since").execute();
  await db.schema.alterTable("users").dropColumn("today_seen_at").execute();
}

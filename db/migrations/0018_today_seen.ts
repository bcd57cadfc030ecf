// Frozen in time: this migration is typed against Kysely<any> and imports no app code.
//
// The Today page lists the follow-ups that arrived since the user's last visit, so each user carries
// two moments: when they last looked at Today (today_seen_at), and where the current visit's list of
// new follow-ups starts (today_since). Views a few minutes apart (a reload, the page refreshing its
// data after a form) belong to one visit and keep its start. Both null until the first visit.
import type { Kysely } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("users").addColumn("today_seen_at", "text").execute();
  await db.schema.alterTable("users").addColumn("today_since", "text").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("users").dropColumn("today_since").execute();
  await db.schema.alterTable("users").dropColumn("today_seen_at").execute();
}

// Frozen in time: this migration is typed against Kysely<any> and imports no app code.
//
// organizations.windows_swept_until: the moment up to which the applications' stored summaries count
// the follow-up windows that have closed (app/data/window-sweep.server.ts moves it on). Empty until
// the organization's first rescore or sweep.
import type { Kysely } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("organizations").addColumn("windows_swept_until", "text").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("organizations").dropColumn("windows_swept_until").execute();
}

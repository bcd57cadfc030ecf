// A user's choice of the mail the app writes to them on its own (migration 0026); both on by default.
import type { Db } from "../../db/schema";
import type { Viewer } from "./scope.server";

export type MailPreferences = { followUps: boolean; digest: boolean };

export async function getMailPreferences(db: Db, viewer: Viewer): Promise<MailPreferences> {
  const row = await db
    .selectFrom("users")
    .select(["notify_follow_ups", "notify_digest"])
    .where("id", "=", viewer.id)
    .where("organization_id", "=", viewer.organization_id)
    .executeTakeFirstOrThrow();
  return { followUps: row.notify_follow_ups === 1, digest: row.notify_digest === 1 };
}

export async function setMailPreferences(db: Db, viewer: Viewer, prefs: MailPreferences): Promise<void> {
  await db
    .updateTable("users")
    .set({ notify_follow_ups: prefs.followUps ? 1 : 0, notify_digest: prefs.digest ? 1 : 0 })
    .where("id", "=", viewer.id)
    .where("organization_id", "=", viewer.organization_id)
    .execute();
}

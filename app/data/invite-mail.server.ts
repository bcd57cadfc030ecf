// Invitations by mail (issue 20): when SMTP is configured, the one-time link an admin creates is also
// mailed to the person; the page still shows it to copy.
import type { Db } from "../../db/schema";
import { inviteMail } from "../core/mail-templates";
import { INVITE_DAYS } from "../core/users";
import { queueMail, smtpUrl } from "./outbox.server";
import type { Viewer } from "./scope.server";

/** Queues the invitation mail for a user's new link; false (nothing queued) when mail is not configured. */
export async function mailInvite(
  db: Db,
  viewer: Viewer & { name: string },
  userId: number,
  link: string,
): Promise<{ mailed: false } | { mailed: true; to: string }> {
  if (!smtpUrl()) return { mailed: false };
  const row = await db
    .selectFrom("users as u")
    .innerJoin("organizations as o", "o.id", "u.organization_id")
    .select(["u.name", "u.email", "o.name as organization"])
    .where("u.id", "=", userId)
    .where("u.organization_id", "=", viewer.organization_id)
    .executeTakeFirst();
  if (!row) return { mailed: false };
  const mail = inviteMail({
    name: row.name,
    organizationName: row.organization,
    invitedBy: viewer.name,
    link,
    days: INVITE_DAYS,
  });
  await queueMail(db, { organizationId: viewer.organization_id, kind: "invite", to: row.email, ...mail });
  return { mailed: true, to: row.email };
}

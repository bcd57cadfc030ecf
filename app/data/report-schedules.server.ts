// A client's report by mail (issue 20): how often (weekly, monthly, or not) and to which contacts.
// The background work sends it (app/data/scheduled-mail.server.ts).
import type { Db } from "../../db/schema";
import type { ReportFrequency } from "../core/mail-schedule";
import { recordAudit } from "./audit.server";
import type { Viewer } from "./scope.server";

/** The client's schedule and contacts, or null when the client is not the viewer's organization's. */
export async function getReportMailing(db: Db, viewer: Viewer, clientId: number) {
  const client = await db
    .selectFrom("clients")
    .select(["id", "name"])
    .where("id", "=", clientId)
    .where("organization_id", "=", viewer.organization_id)
    .executeTakeFirst();
  if (!client) return null;
  const schedule = await db
    .selectFrom("report_schedules")
    .select(["frequency", "updated_at"])
    .where("client_id", "=", clientId)
    .executeTakeFirst();
  const contacts = await db
    .selectFrom("client_contacts")
    .select(["id", "name", "email", "unsubscribed_at"])
    .where("client_id", "=", clientId)
    .where("organization_id", "=", viewer.organization_id)
    .orderBy("name")
    .orderBy("id")
    .execute();
  return { client, frequency: schedule?.frequency ?? null, contacts };
}

export async function setReportSchedule(
  db: Db,
  viewer: Viewer,
  clientId: number,
  frequency: ReportFrequency | null,
  now = new Date(),
): Promise<void> {
  if (frequency === null) {
    await db
      .deleteFrom("report_schedules")
      .where("client_id", "=", clientId)
      .where("organization_id", "=", viewer.organization_id)
      .execute();
  } else {
    await db
      .insertInto("report_schedules")
      .values({
        organization_id: viewer.organization_id,
        client_id: clientId,
        frequency,
        created_by: viewer.id,
        updated_at: now.toISOString(),
      })
      .onConflict((oc) => oc.column("client_id").doUpdateSet({ frequency, updated_at: now.toISOString() }))
      .execute();
  }
  await recordAudit(db, {
    organizationId: viewer.organization_id,
    userId: viewer.id,
    action: "update",
    entity: "client",
    entityId: clientId,
    detail: { reportByMail: frequency ?? "off" },
  });
}

/** Adds a contact; false when the client already has this address. */
export async function addClientContact(
  db: Db,
  viewer: Viewer,
  clientId: number,
  input: { name: string; email: string },
  now = new Date(),
): Promise<boolean> {
  const row = await db
    .insertInto("client_contacts")
    .values({
      organization_id: viewer.organization_id,
      client_id: clientId,
      name: input.name,
      email: input.email,
      created_at: now.toISOString(),
    })
    .onConflict((oc) => oc.columns(["client_id", "email"]).doNothing())
    .returning("id")
    .executeTakeFirst();
  return Boolean(row);
}

export async function removeClientContact(db: Db, viewer: Viewer, clientId: number, contactId: number) {
  await db
    .deleteFrom("client_contacts")
    .where("id", "=", contactId)
    .where("client_id", "=", clientId)
    .where("organization_id", "=", viewer.organization_id)
    .execute();
}

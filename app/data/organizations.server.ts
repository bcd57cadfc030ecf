import type { Db } from "../../db/schema";
import { parseSettings, type OrgSettings } from "../core/settings";
import { displayZone } from "../core/time";

export async function getOrganizationName(db: Db, organizationId: number): Promise<string> {
  const org = await db
    .selectFrom("organizations")
    .select("name")
    .where("id", "=", organizationId)
    .executeTakeFirstOrThrow();
  return org.name;
}

/** The organization's settings, defaults filled in: the one place they are read from the database. */
export async function getOrganizationSettings(db: Db, organizationId: number): Promise<OrgSettings> {
  const org = await db
    .selectFrom("organizations")
    .select("settings")
    .where("id", "=", organizationId)
    .executeTakeFirstOrThrow();
  return parseSettings(org.settings);
}

/**
 * The organization's default time zone (Settings): times are shown in it to users who chose none and
 * on shared reports, which have no user.
 */
export async function getOrganizationTimeZone(db: Db, organizationId: number): Promise<string> {
  const org = await db
    .selectFrom("organizations")
    .select("time_zone")
    .where("id", "=", organizationId)
    .executeTakeFirstOrThrow();
  return displayZone(null, org.time_zone);
}

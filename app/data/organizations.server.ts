import { getDb } from "../../db/connection.server";
import { parseSettings, type OrgSettings } from "../core/settings";

export async function getOrganizationName(organizationId: number): Promise<string> {
  const org = await getDb()
    .selectFrom("organizations")
    .select("name")
    .where("id", "=", organizationId)
    .executeTakeFirstOrThrow();
  return org.name;
}

export async function getOrganizationSettings(organizationId: number): Promise<OrgSettings> {
  const org = await getDb()
    .selectFrom("organizations")
    .select("settings")
    .where("id", "=", organizationId)
    .executeTakeFirstOrThrow();
  return parseSettings(org.settings);
}

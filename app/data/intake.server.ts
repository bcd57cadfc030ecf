// Reads the Import page needs: the clients to import into and a sensible default time zone.
import { getDb } from "../../db/connection.server";
import { importCsv } from "../intake/csv.server";
import type { Viewer } from "./scope.server";

export async function importDefaults(viewer: Viewer) {
  const db = getDb();
  const clients = await db.selectFrom("clients").select(["id", "name"]).where("organization_id", "=", viewer.organization_id).orderBy("name").orderBy("id").execute();
  // The zone of the organization's latest interview: the zone its recruiters most likely work in.
  const latest = await db.selectFrom("interviews").select("time_zone").where("organization_id", "=", viewer.organization_id).orderBy("id", "desc").executeTakeFirst();
  return { clients, timeZone: latest?.time_zone ?? "UTC" };
}

/** A CSV import on the process's connection (see app/intake/csv.server.ts). */
export function importCsvFile(viewer: Viewer, ...rest: Parameters<typeof importCsv> extends [unknown, unknown, ...infer R] ? R : never) {
  return importCsv(getDb(), viewer, ...rest);
}

import { Migrator, type Kysely } from "kysely";
import { migrations } from "./migrations/index";
import type { Database } from "./schema";

/** Brings the database to the latest migration; running it again changes nothing. */
export async function migrateToLatest(db: Kysely<Database>): Promise<string[]> {
  // Migration numbers are reserved per piece of work landing in parallel, so one may land after a
  // higher number has already run somewhere (0008 after 0009): run it then rather than refuse to start.
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => migrations },
    allowUnorderedMigrations: true,
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
  return (results ?? []).filter((r) => r.status === "Success").map((r) => r.migrationName);
}

// What `npm start` does to a freshly migrated database: an empty one gets the demo workspace (unless
// DEMO=0, which leaves it empty for the first-run page).
import type { Kysely } from "kysely";
import type { Database } from "../../db/schema";
import { loadDemoWorkspace } from "./load-demo.server";

/**
 * Loads the demo workspace into an empty database. Returns what it did, or null when the
 * database already had an organization (so starting again never loads the demo twice).
 */
export async function prepareWorkspace(
  db: Kysely<Database>,
  { demo }: { demo: boolean },
): Promise<string | null> {
  const existing = await db.selectFrom("organizations").select("id").limit(1).executeTakeFirst();
  if (existing || !demo) return null;
  await loadDemoWorkspace(db, {});
  return "Loaded the demo workspace (see the sign-in page for its accounts).";
}

// The demo workspace: the same organization every time (a fixed seed), relative to `now`, with the
// DEMO_ACCOUNTS able to sign in. `npm start` loads it into an empty database (prepare.server.ts) and
// `npm run seed -- --demo` replaces it.
import { randomBytes } from "node:crypto";
import { hash } from "@node-rs/argon2";
import type { Kysely } from "kysely";
import type { Database } from "../../db/schema";
import { DEMO_ACCOUNTS } from "./accounts";
import { generateOrganization } from "./generate-workspace.server";

export const DEMO_ORGANIZATION_NAME = "Northwind Talent (demo)";
export const DEMO_SEED = 20_261_126;
export const DEMO_CANDIDATES = 300;

/**
 * Replaces the demo organization (is_demo = 1) with a fresh one: the same data every time, relative
 * to `now`, plus the DEMO_ACCOUNTS with argon2-hashed passwords.
 */
export async function loadDemoWorkspace(db: Kysely<Database>, options: { now?: Date } = {}): Promise<void> {
  const hashes = await Promise.all(DEMO_ACCOUNTS.map((a) => hash(a.password)));
  // Deleting the organization cascades to everything it owns.
  await db.deleteFrom("organizations").where("is_demo", "=", 1).execute();
  await generateOrganization(
    db,
    {
      candidates: DEMO_CANDIDATES,
      seed: DEMO_SEED,
      now: options.now,
      organizationName: DEMO_ORGANIZATION_NAME,
    },
    { hashes },
  );
  // Mail-in addresses must not be guessable, so they come from the system's randomness, not the seed.
  const demo = await db
    .selectFrom("organizations")
    .select("id")
    .where("is_demo", "=", 1)
    .executeTakeFirstOrThrow();
  const interviews = await db
    .selectFrom("interviews")
    .select("id")
    .where("organization_id", "=", demo.id)
    .execute();
  await db.transaction().execute(async (trx) => {
    for (const { id } of interviews) {
      await trx
        .updateTable("interviews")
        .set({ mail_token: randomBytes(9).toString("base64url") })
        .where("id", "=", id)
        .execute();
    }
  });
}

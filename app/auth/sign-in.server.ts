import { getDb } from "../../db/connection.server";
import { recordAudit } from "../data/audit.server";
import { verifyPassword } from "./password.server";

const FREE_FAILURES = 3;
const MAX_DELAY_MS = 8000;

/** Delay before answering an attempt for this email: 0 for the first few failures, then doubling. */
async function failureDelayMs(email: string): Promise<number> {
  const row = await getDb().selectFrom("sign_in_attempts").select("failures").where("email", "=", email).executeTakeFirst();
  const failures = row?.failures ?? 0;
  if (failures < FREE_FAILURES) return 0;
  return Math.min(MAX_DELAY_MS, 500 * 2 ** (failures - FREE_FAILURES));
}

async function recordFailure(email: string) {
  const now = new Date().toISOString();
  await getDb()
    .insertInto("sign_in_attempts")
    .values({ email, failures: 1, last_failed_at: now })
    .onConflict((oc) => oc.column("email").doUpdateSet((eb) => ({ failures: eb("sign_in_attempts.failures", "+", 1), last_failed_at: now })))
    .execute();
}

/**
 * Checks an email and password. Returns the user id, or null for any failure (one generic answer:
 * the caller must not say whether the email exists). Repeated failures for an email are slowed down.
 */
export async function authenticate(emailInput: string, password: string): Promise<number | null> {
  const email = emailInput.trim().toLowerCase();
  const delay = await failureDelayMs(email);
  if (delay) await new Promise((resolve) => setTimeout(resolve, delay));

  const candidates = await getDb()
    .selectFrom("users")
    .select(["id", "organization_id", "password_hash"])
    .where("email", "=", email)
    .where("active", "=", 1)
    .execute();
  for (const user of candidates) {
    if (user.password_hash && (await verifyPassword(user.password_hash, password))) {
      await getDb().deleteFrom("sign_in_attempts").where("email", "=", email).execute();
      await getDb().updateTable("users").set({ last_sign_in_at: new Date().toISOString() }).where("id", "=", user.id).execute();
      await recordAudit(getDb(), { organizationId: user.organization_id, userId: user.id, action: "sign_in", entity: "user", entityId: user.id });
      return user.id;
    }
  }
  await recordFailure(email);
  return null;
}

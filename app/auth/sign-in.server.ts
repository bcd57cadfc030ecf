// Checking a sign-in, with throttling per account and per client address (migration 0016).
//
// Each attempt is written down before its password is checked, and counted with the others in the
// window: once an email has ACCOUNT_LIMIT recent failures, or an address ADDRESS_LIMIT, further
// attempts are refused with 429 until the oldest of them leaves the window, without checking the
// password at all, so a burst of guesses (even sent all at once) gets at most the limit's worth of
// answers. A success deletes its email's rows; a refused attempt leaves no row, so refusals do not
// extend the lockout. The counts live in the database, so several app servers share them. There is no
// other delay: the real user waits for nobody else's failures once the window has passed.
//
// An email no account has costs the same as one that exists: its password is checked against a
// dummy argon2 hash, so neither the answer nor its timing says which emails have accounts.
import crypto from "node:crypto";
import { getDb } from "../../db/connection.server";
import type { Db } from "../../db/schema";
import { recordAudit } from "../data/audit.server";
import { hashPassword, verifyPassword } from "./password.server";

export const THROTTLE_WINDOW_MS = 15 * 60_000;
/** Failures of one email within the window before it is locked. */
export const ACCOUNT_LIMIT = 5;
/** Failures from one client address within the window (any emails) before it is locked. */
export const ADDRESS_LIMIT = 20;

export type SignInOutcome =
  | { status: "ok"; userId: number }
  | { status: "mismatch" }
  | { status: "throttled"; retryAfterSeconds: number };

let dummyHash: Promise<string> | null = null;
/** An argon2 hash of a random password, made with the same parameters as real ones. */
function dummyPasswordHash(): Promise<string> {
  dummyHash ??= hashPassword(crypto.randomBytes(24).toString("base64url"));
  return dummyHash;
}

/**
 * When the key's lockout ends, or null when it is not locked: the moment the `limit`-th most
 * recent other failure leaves the window.
 */
async function lockedUntil(
  db: Db,
  column: "email" | "address",
  value: string,
  ownId: number,
  since: string,
  limit: number,
): Promise<number | null> {
  const row = await db
    .selectFrom("sign_in_attempts")
    .select("attempted_at")
    .where(column, "=", value)
    .where("attempted_at", ">", since)
    .where("id", "!=", ownId)
    .orderBy("attempted_at", "desc")
    .orderBy("id", "desc")
    .limit(1)
    .offset(limit - 1)
    .executeTakeFirst();
  return row ? Date.parse(row.attempted_at) + THROTTLE_WINDOW_MS : null;
}

/**
 * Checks an email and password from a client address. The answer never says whether the email has an
 * account: a mismatch is one answer for every failure.
 */
export async function authenticate(
  emailInput: string,
  password: string,
  address = "unknown",
  now = new Date(),
): Promise<SignInOutcome> {
  const db = getDb();
  const email = emailInput.trim().toLowerCase();
  const at = now.toISOString();
  const since = new Date(now.getTime() - THROTTLE_WINDOW_MS).toISOString();

  // Written before the checks: concurrent attempts each see the ones that came before them.
  await db.deleteFrom("sign_in_attempts").where("attempted_at", "<=", since).execute();
  const attempt = await db
    .insertInto("sign_in_attempts")
    .values({ email, address, attempted_at: at })
    .returning("id")
    .executeTakeFirstOrThrow();

  const until = Math.max(
    (await lockedUntil(db, "email", email, attempt.id, since, ACCOUNT_LIMIT)) ?? 0,
    (await lockedUntil(db, "address", address, attempt.id, since, ADDRESS_LIMIT)) ?? 0,
  );
  if (until > now.getTime()) {
    await db.deleteFrom("sign_in_attempts").where("id", "=", attempt.id).execute();
    // A concurrent attempt may be stamped a moment after this one: never more than the window.
    const wait = Math.min(until - now.getTime(), THROTTLE_WINDOW_MS);
    return { status: "throttled", retryAfterSeconds: Math.max(1, Math.ceil(wait / 1000)) };
  }

  const candidates = await db
    .selectFrom("users")
    .select(["id", "organization_id", "password_hash"])
    .where("email", "=", email)
    .where("active", "=", 1)
    .orderBy("id")
    .execute();
  // At least one argon2 verification whatever the email: a dummy one when no account can sign in.
  const withPassword = candidates.filter(
    (u): u is typeof u & { password_hash: string } => u.password_hash !== null,
  );
  if (!withPassword.length) {
    await verifyPassword(await dummyPasswordHash(), password);
    return { status: "mismatch" };
  }
  for (const user of withPassword) {
    if (await verifyPassword(user.password_hash, password)) {
      await db.deleteFrom("sign_in_attempts").where("email", "=", email).execute();
      await db.updateTable("users").set({ last_sign_in_at: at }).where("id", "=", user.id).execute();
      await recordAudit(db, {
        organizationId: user.organization_id,
        userId: user.id,
        action: "sign_in",
        entity: "user",
        entityId: user.id,
      });
      return { status: "ok", userId: user.id };
    }
  }
  return { status: "mismatch" };
}

// Server-side sessions (migration 0015). The browser's cookie holds a random token; the database
// keeps its sha256 with the user, the organization, and the limits that end it: an absolute expiry,
// an idle expiry, and a revocation (sign-out, a password change, a deactivation, "sign out
// everywhere"). Every request finds its session through the unique index on the hash.
import crypto from "node:crypto";
import type { Db, User } from "../../db/schema";
import { displayZone } from "../core/time";
import { inTransaction } from "./transaction.server";

/** A session ends this long after sign-in, however active. */
export const SESSION_ABSOLUTE_MS = 14 * 24 * 3_600_000;
/** …or after this long without a request (a long weekend away keeps it). */
export const SESSION_IDLE_MS = 3 * 24 * 3_600_000;
/** last_seen_at is moved on at most this often: one write a minute per active browser, not one per request. */
export const SESSION_TOUCH_MS = 60_000;

const USER_AGENT_MAX = 300;

export type SessionUser = Pick<User, "id" | "organization_id" | "email" | "name" | "role" | "client_id"> & {
  sessionId: number;
  /** The zone this user reads times in: their own choice, else the organization's (app/core/time.ts displayZone). */
  timeZone: string;
};

export function hashSessionToken(token: string): string {
  return crypto.createHash("sha256").update(token, "utf8").digest("hex");
}

/** Tokens are 32 random bytes in base64url; anything else never reaches the database. */
export function isSessionToken(value: unknown): value is string {
  return typeof value === "string" && /^[A-Za-z0-9_-]{43}$/.test(value);
}

/** Starts a session for an active user; answers the token for the cookie, or null when the user is gone or inactive. */
export async function createSession(
  db: Db,
  userId: number,
  userAgent: string | null,
  now = new Date(),
): Promise<{ token: string; expiresAt: Date } | null> {
  const user = await db
    .selectFrom("users")
    .select(["id", "organization_id"])
    .where("id", "=", userId)
    .where("active", "=", 1)
    .executeTakeFirst();
  if (!user) return null;
  const token = crypto.randomBytes(32).toString("base64url");
  const expiresAt = new Date(now.getTime() + SESSION_ABSOLUTE_MS);
  const at = now.toISOString();
  await inTransaction(db, async (trx) => {
    // This user's ended sessions are of no further use: keep the table to the live ones.
    await trx
      .deleteFrom("sessions")
      .where("user_id", "=", user.id)
      .where((eb) =>
        eb.or([
          eb("revoked_at", "is not", null),
          eb("expires_at", "<=", at),
          eb("last_seen_at", "<=", new Date(now.getTime() - SESSION_IDLE_MS).toISOString()),
        ]),
      )
      .execute();
    await trx
      .insertInto("sessions")
      .values({
        token_hash: hashSessionToken(token),
        user_id: user.id,
        organization_id: user.organization_id,
        created_at: at,
        last_seen_at: at,
        expires_at: expiresAt.toISOString(),
        revoked_at: null,
        user_agent: userAgent ? userAgent.slice(0, USER_AGENT_MAX) : null,
      })
      .execute();
  });
  return { token, expiresAt };
}

/**
 * The live session behind a token and its active user, or null: unknown, revoked, past its absolute
 * or idle expiry, or its user deactivated. One indexed read; last_seen_at is moved on at most once a
 * minute, without making the request wait for the write (an import may hold SQLite's writer).
 */
export async function findSession(db: Db, token: string, now = new Date()): Promise<SessionUser | null> {
  if (!isSessionToken(token)) return null;
  const at = now.toISOString();
  const row = await db
    .selectFrom("sessions as s")
    .innerJoin("users as u", "u.id", "s.user_id")
    .innerJoin("organizations as o", "o.id", "u.organization_id")
    .select([
      "s.id as session_id",
      "s.last_seen_at",
      "u.id",
      "u.organization_id",
      "u.email",
      "u.name",
      "u.role",
      "u.client_id",
      "u.time_zone as user_time_zone",
      "o.time_zone as organization_time_zone",
    ])
    .where("s.token_hash", "=", hashSessionToken(token))
    .where("s.revoked_at", "is", null)
    .where("s.expires_at", ">", at)
    .where("s.last_seen_at", ">", new Date(now.getTime() - SESSION_IDLE_MS).toISOString())
    .where("u.active", "=", 1)
    .whereRef("u.organization_id", "=", "s.organization_id")
    .executeTakeFirst();
  if (!row) return null;
  if (Date.parse(row.last_seen_at) <= now.getTime() - SESSION_TOUCH_MS) {
    touchSession(db, row.session_id, at).catch((error: unknown) =>
      console.error("Could not note a session's last use:", error),
    );
  }
  const { session_id, last_seen_at: _seen, user_time_zone, organization_time_zone, ...user } = row;
  return { ...user, sessionId: session_id, timeZone: displayZone(user_time_zone, organization_time_zone) };
}

async function touchSession(db: Db, sessionId: number, at: string): Promise<void> {
  await db
    .updateTable("sessions")
    .set({ last_seen_at: at })
    .where("id", "=", sessionId)
    .where("last_seen_at", "<", at)
    .execute();
}

/** Ends one session (sign-out). */
export async function revokeSession(db: Db, sessionId: number, now = new Date()): Promise<void> {
  await db
    .updateTable("sessions")
    .set({ revoked_at: now.toISOString() })
    .where("id", "=", sessionId)
    .where("revoked_at", "is", null)
    .execute();
}

/**
 * Ends every session of a user, but `except` (the browser that changed the password keeps its own).
 * Takes the transaction of the change that calls for it, so that both happen or neither.
 */
export async function revokeUserSessions(
  db: Db,
  userId: number,
  options: { except?: number; now?: Date } = {},
): Promise<number> {
  let query = db
    .updateTable("sessions")
    .set({ revoked_at: (options.now ?? new Date()).toISOString() })
    .where("user_id", "=", userId)
    .where("revoked_at", "is", null);
  if (options.except !== undefined) query = query.where("id", "!=", options.except);
  const result = await query.executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** The user's live sessions, most recently used first, for the account page. */
export async function listUserSessions(db: Db, userId: number, now = new Date()) {
  const at = now.toISOString();
  return db
    .selectFrom("sessions")
    .select(["id", "created_at", "last_seen_at", "user_agent"])
    .where("user_id", "=", userId)
    .where("revoked_at", "is", null)
    .where("expires_at", ">", at)
    .where("last_seen_at", ">", new Date(now.getTime() - SESSION_IDLE_MS).toISOString())
    .orderBy("last_seen_at", "desc")
    .orderBy("id", "desc")
    .execute();
}

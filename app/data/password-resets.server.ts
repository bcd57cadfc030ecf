// "Forgot password?": a mailed, single-use link that sets a new password (migration 0026).
//
// Every request is a row, whether or not the email has an account, so the throttle counts the same
// for both and the answer says nothing about which emails have accounts. A request for an active
// account also queues a mail holding a new token; only its sha256 is stored. Using the link spends it
// (and every other unused link of the user), sets the password and ends all the user's sessions.
import type { Db } from "../../db/schema";
import { hashPassword } from "../auth/password.server";
import { hashToken, newToken, sameHash } from "../auth/tokens.server";
import { passwordResetMail } from "../core/mail-templates";
import { recordAudit } from "./audit.server";
import { queueMail } from "./outbox.server";
import { revokeUserSessions } from "./sessions.server";
import { inTransaction } from "./transaction.server";

export const RESET_MINUTES = 60;
export const RESET_WINDOW_MS = 15 * 60_000;
/** Requests for one email within the window before more are refused. */
export const RESET_EMAIL_LIMIT = 3;
/** Requests from one client address within the window (any emails). */
export const RESET_ADDRESS_LIMIT = 10;

export type ResetRequestOutcome = { status: "accepted" } | { status: "throttled"; retryAfterSeconds: number };

async function recentRequests(db: Db, column: "email" | "address", value: string, since: string) {
  const rows = await db
    .selectFrom("password_resets")
    .select("requested_at")
    .where(column, "=", value)
    .where("requested_at", ">", since)
    .orderBy("requested_at", "asc")
    .execute();
  return rows.map((r) => r.requested_at);
}

/**
 * Records a reset request and, for each active account with this email, queues the mail with its link
 * (`linkFor(token)`). One answer whether or not an account exists; "throttled" past the limits.
 */
export async function requestPasswordReset(
  db: Db,
  emailInput: string,
  address: string,
  linkFor: (token: string) => string,
  now = new Date(),
): Promise<ResetRequestOutcome> {
  const email = emailInput.trim().toLowerCase();
  const since = new Date(now.getTime() - RESET_WINDOW_MS).toISOString();
  const byEmail = await recentRequests(db, "email", email, since);
  const byAddress = await recentRequests(db, "address", address, since);
  const over = (times: string[], limit: number) =>
    times.length >= limit ? Date.parse(times[times.length - limit]!) + RESET_WINDOW_MS : 0;
  const until = Math.max(over(byEmail, RESET_EMAIL_LIMIT), over(byAddress, RESET_ADDRESS_LIMIT));
  if (until > now.getTime())
    return { status: "throttled", retryAfterSeconds: Math.max(1, Math.ceil((until - now.getTime()) / 1000)) };

  const users = await db
    .selectFrom("users")
    .select(["id", "name", "organization_id"])
    .where("email", "=", email)
    .where("active", "=", 1)
    .orderBy("id")
    .execute();
  const expiresAt = new Date(now.getTime() + RESET_MINUTES * 60_000).toISOString();
  await inTransaction(db, async (trx) => {
    if (!users.length) {
      await trx
        .insertInto("password_resets")
        .values({
          email,
          address,
          user_id: null,
          token_hash: null,
          expires_at: expiresAt,
          requested_at: now.toISOString(),
        })
        .execute();
      return;
    }
    for (const user of users) {
      const { token, hash } = newToken();
      await trx
        .insertInto("password_resets")
        .values({
          email,
          address,
          user_id: user.id,
          token_hash: hash,
          expires_at: expiresAt,
          requested_at: now.toISOString(),
        })
        .execute();
      const mail = passwordResetMail({ name: user.name, link: linkFor(token), minutes: RESET_MINUTES });
      await queueMail(
        trx,
        { organizationId: user.organization_id, kind: "password_reset", to: email, ...mail },
        now,
      );
    }
  });
  return { status: "accepted" };
}

/** The account a reset token opens, if it is unused, unexpired and the user active; else null. */
export async function findPasswordReset(db: Db, token: string, now = new Date()) {
  const hash = hashToken(token);
  const row = await db
    .selectFrom("password_resets as r")
    .innerJoin("users as u", "u.id", "r.user_id")
    .select([
      "r.id",
      "r.token_hash",
      "r.expires_at",
      "r.used_at",
      "u.id as user_id",
      "u.name",
      "u.email",
      "u.active",
      "u.organization_id",
    ])
    .where("r.token_hash", "=", hash)
    .executeTakeFirst();
  if (!row?.token_hash || !sameHash(row.token_hash, hash)) return null;
  if (row.used_at !== null || row.expires_at <= now.toISOString() || row.active !== 1) return null;
  return {
    id: row.id,
    userId: row.user_id,
    name: row.name,
    email: row.email,
    organizationId: row.organization_id,
  };
}

/**
 * Sets the new password with the link, spending it and the user's other unused links, and ends every
 * session of the user; the caller starts a new one. Null when the link no longer works.
 */
export async function resetPassword(
  db: Db,
  token: string,
  password: string,
  now = new Date(),
): Promise<number | null> {
  const reset = await findPasswordReset(db, token, now);
  if (!reset) return null;
  const passwordHash = await hashPassword(password);
  return inTransaction(db, async (trx) => {
    const spent = await trx
      .updateTable("password_resets")
      .set({ used_at: now.toISOString() })
      .where("id", "=", reset.id)
      .where("used_at", "is", null)
      .executeTakeFirst();
    if (Number(spent.numUpdatedRows) !== 1) return null;
    await trx
      .updateTable("password_resets")
      .set({ used_at: now.toISOString() })
      .where("user_id", "=", reset.userId)
      .where("used_at", "is", null)
      .execute();
    await trx
      .updateTable("users")
      .set({ password_hash: passwordHash })
      .where("id", "=", reset.userId)
      .execute();
    const ended = await revokeUserSessions(trx, reset.userId, { now });
    await recordAudit(trx, {
      organizationId: reset.organizationId,
      userId: reset.userId,
      action: "password",
      entity: "user",
      entityId: reset.userId,
      detail: { via: "reset", sessionsEnded: ended },
    });
    return reset.userId;
  });
}

// The organization's people: invitations with one-time links, roles, deactivation, passwords.
import type { Transaction } from "kysely";
import type { Database, Db } from "../../db/schema";
import type { Role } from "../core/roles";
import { hashPassword, verifyPassword } from "../auth/password.server";
import { hashToken, newToken, sameHash } from "../auth/tokens.server";
import { recordAudit } from "./audit.server";
import { revokeUserSessions } from "./sessions.server";
import type { Viewer } from "./scope.server";
import { inTransaction } from "./transaction.server";
import { INVITE_DAYS } from "../core/users";

export type UserResult =
  { ok: true; token?: string; userId?: number } | { ok: false; field: string; message: string };

export async function listUsers(db: Db, viewer: Viewer) {
  const rows = await db
    .selectFrom("users as u")
    .leftJoin("clients as c", (j) =>
      j.onRef("c.id", "=", "u.client_id").on("c.organization_id", "=", viewer.organization_id),
    )
    .select([
      "u.id",
      "u.name",
      "u.email",
      "u.role",
      "u.client_id",
      "c.name as client_name",
      "u.active",
      "u.last_sign_in_at",
      "u.created_at",
    ])
    .select((eb) => eb.case().when("u.password_hash", "is", null).then(0).else(1).end().as("has_password"))
    .where("u.organization_id", "=", viewer.organization_id)
    .orderBy("u.active", "desc")
    .orderBy("u.name")
    .orderBy("u.id")
    .execute();
  return rows.map((r) => ({ ...r, active: r.active === 1, has_password: Number(r.has_password) === 1 }));
}

async function clientInOrganization(trx: Transaction<Database>, viewer: Viewer, clientId: number | null) {
  if (clientId === null) return false;
  return Boolean(
    await trx
      .selectFrom("clients")
      .select("id")
      .where("id", "=", clientId)
      .where("organization_id", "=", viewer.organization_id)
      .executeTakeFirst(),
  );
}

async function issueInvite(
  trx: Transaction<Database>,
  viewer: Viewer,
  userId: number,
  now: Date,
): Promise<string> {
  const { token, hash } = newToken();
  // A new link replaces any earlier one that was not used.
  await trx
    .updateTable("user_invites")
    .set({ used_at: now.toISOString() })
    .where("user_id", "=", userId)
    .where("used_at", "is", null)
    .execute();
  await trx
    .insertInto("user_invites")
    .values({
      organization_id: viewer.organization_id,
      user_id: userId,
      token_hash: hash,
      expires_at: new Date(now.getTime() + INVITE_DAYS * 86_400_000).toISOString(),
      created_by: viewer.id,
      created_at: now.toISOString(),
    })
    .execute();
  return token;
}

/** Creates the user without a password and answers the one-time link's token (shown once to the admin). */
export async function inviteUser(
  db: Db,
  viewer: Viewer,
  input: { name: string; email: string; role: Role; clientId: number | null },
  now = new Date(),
): Promise<UserResult> {
  const email = input.email.trim().toLowerCase();
  return inTransaction(db, async (trx): Promise<UserResult> => {
    const taken = await trx
      .selectFrom("users")
      .select("id")
      .where("organization_id", "=", viewer.organization_id)
      .where("email", "=", email)
      .executeTakeFirst();
    if (taken)
      return {
        ok: false,
        field: "email",
        message: "Someone in this organization already has this email address.",
      };
    const clientId = input.role === "client_viewer" ? input.clientId : null;
    if (input.role === "client_viewer" && !(await clientInOrganization(trx, viewer, clientId))) {
      return { ok: false, field: "clientId", message: "Choose the client this person may see." };
    }
    const user = await trx
      .insertInto("users")
      .values({
        organization_id: viewer.organization_id,
        email,
        name: input.name.trim(),
        password_hash: null,
        role: input.role,
        client_id: clientId,
        created_at: now.toISOString(),
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    const token = await issueInvite(trx, viewer, user.id, now);
    await recordAudit(trx, {
      organizationId: viewer.organization_id,
      userId: viewer.id,
      action: "invite",
      entity: "user",
      entityId: user.id,
      detail: { role: input.role },
    });
    return { ok: true, token, userId: user.id };
  });
}

/** A fresh one-time link for a user who has not set a password yet (or who forgot it). */
export async function reissueInvite(
  db: Db,
  viewer: Viewer,
  userId: number,
  now = new Date(),
): Promise<UserResult> {
  return inTransaction(db, async (trx): Promise<UserResult> => {
    const user = await trx
      .selectFrom("users")
      .select(["id", "active"])
      .where("id", "=", userId)
      .where("organization_id", "=", viewer.organization_id)
      .executeTakeFirst();
    if (!user) return { ok: false, field: "userId", message: "No such user." };
    if (user.active !== 1)
      return { ok: false, field: "userId", message: "Reactivate this user before sending a new link." };
    const token = await issueInvite(trx, viewer, user.id, now);
    await recordAudit(trx, {
      organizationId: viewer.organization_id,
      userId: viewer.id,
      action: "invite",
      entity: "user",
      entityId: user.id,
      detail: { reissued: true },
    });
    return { ok: true, token };
  });
}

async function otherActiveAdmins(trx: Transaction<Database>, viewer: Viewer, exceptUserId: number) {
  const row = await trx
    .selectFrom("users")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("organization_id", "=", viewer.organization_id)
    .where("role", "=", "admin")
    .where("active", "=", 1)
    .where("id", "!=", exceptUserId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Changes a user's role (and client, for client viewers). The last active admin cannot stop being one. */
export async function changeRole(
  db: Db,
  viewer: Viewer,
  userId: number,
  role: Role,
  clientIdInput: number | null,
): Promise<UserResult> {
  return inTransaction(db, async (trx): Promise<UserResult> => {
    const user = await trx
      .selectFrom("users")
      .select(["id", "role", "client_id", "active"])
      .where("id", "=", userId)
      .where("organization_id", "=", viewer.organization_id)
      .executeTakeFirst();
    if (!user) return { ok: false, field: "userId", message: "No such user." };
    const clientId = role === "client_viewer" ? clientIdInput : null;
    if (role === "client_viewer" && !(await clientInOrganization(trx, viewer, clientId)))
      return { ok: false, field: "clientId", message: "Choose the client this person may see." };
    if (
      user.role === "admin" &&
      role !== "admin" &&
      user.active === 1 &&
      (await otherActiveAdmins(trx, viewer, user.id)) === 0
    ) {
      return {
        ok: false,
        field: "role",
        message: "Keep at least one active admin: make someone else an admin first.",
      };
    }
    await trx.updateTable("users").set({ role, client_id: clientId }).where("id", "=", user.id).execute();
    await recordAudit(trx, {
      organizationId: viewer.organization_id,
      userId: viewer.id,
      action: "update",
      entity: "user",
      entityId: user.id,
      detail: { from: user.role, to: role },
    });
    return { ok: true };
  });
}

/** Deactivating ends the user's sessions at once (revoked here; every request also checks that the user is active). */
export async function setActive(
  db: Db,
  viewer: Viewer,
  userId: number,
  active: boolean,
): Promise<UserResult> {
  return inTransaction(db, async (trx): Promise<UserResult> => {
    const user = await trx
      .selectFrom("users")
      .select(["id", "role", "active"])
      .where("id", "=", userId)
      .where("organization_id", "=", viewer.organization_id)
      .executeTakeFirst();
    if (!user) return { ok: false, field: "userId", message: "No such user." };
    if (!active && user.id === viewer.id)
      return { ok: false, field: "userId", message: "You cannot deactivate yourself." };
    if (!active && user.role === "admin" && (await otherActiveAdmins(trx, viewer, user.id)) === 0) {
      return { ok: false, field: "userId", message: "Keep at least one active admin." };
    }
    await trx
      .updateTable("users")
      .set({ active: active ? 1 : 0 })
      .where("id", "=", user.id)
      .execute();
    if (!active) {
      await trx
        .updateTable("user_invites")
        .set({ used_at: new Date().toISOString() })
        .where("user_id", "=", user.id)
        .where("used_at", "is", null)
        .execute();
      // Revoked, not only refused while inactive: reactivating must not bring the old sessions back.
      await revokeUserSessions(trx, user.id);
    }
    await recordAudit(trx, {
      organizationId: viewer.organization_id,
      userId: viewer.id,
      action: "update",
      entity: "user",
      entityId: user.id,
      detail: { active },
    });
    return { ok: true };
  });
}

/** The invitation behind a token, if it is unused, unexpired and its user active; else null (one answer for all). */
export async function findInvite(db: Db, token: string, now = new Date()) {
  const hash = hashToken(token);
  const row = await db
    .selectFrom("user_invites as i")
    .innerJoin("users as u", "u.id", "i.user_id")
    .select([
      "i.id",
      "i.token_hash",
      "i.expires_at",
      "i.used_at",
      "i.organization_id",
      "u.id as user_id",
      "u.name",
      "u.email",
      "u.active",
    ])
    .where("i.token_hash", "=", hash)
    .executeTakeFirst();
  if (!row || !sameHash(row.token_hash, hash)) return null;
  if (row.used_at !== null || row.expires_at <= now.toISOString() || row.active !== 1) return null;
  return {
    id: row.id,
    userId: row.user_id,
    organizationId: row.organization_id,
    name: row.name,
    email: row.email,
  };
}

/** Sets the first password and spends the link, in one transaction (a second use finds it spent). */
export async function acceptInvite(
  db: Db,
  token: string,
  password: string,
  now = new Date(),
): Promise<number | null> {
  const invite = await findInvite(db, token, now);
  if (!invite) return null;
  const passwordHash = await hashPassword(password);
  return inTransaction(db, async (trx) => {
    const spent = await trx
      .updateTable("user_invites")
      .set({ used_at: now.toISOString() })
      .where("id", "=", invite.id)
      .where("used_at", "is", null)
      .executeTakeFirst();
    if (Number(spent.numUpdatedRows) !== 1) return null;
    await trx
      .updateTable("users")
      .set({ password_hash: passwordHash })
      .where("id", "=", invite.userId)
      .execute();
    // A link reissued to someone who forgot their password: whoever had the old one is signed out.
    await revokeUserSessions(trx, invite.userId, { now });
    await recordAudit(trx, {
      organizationId: invite.organizationId,
      userId: invite.userId,
      action: "password",
      entity: "user",
      entityId: invite.userId,
      detail: { via: "invite" },
    });
    return invite.userId;
  });
}

/**
 * The signed-in user changes their own password; the current one is required. Every other session
 * of the user ends (`keepSessionId`, the browser that made the change, stays signed in).
 */
export async function changeOwnPassword(
  db: Db,
  viewer: Viewer,
  current: string,
  next: string,
  keepSessionId?: number,
): Promise<UserResult> {
  const row = await db
    .selectFrom("users")
    .select("password_hash")
    .where("id", "=", viewer.id)
    .executeTakeFirst();
  if (!row?.password_hash || !(await verifyPassword(row.password_hash, current)))
    return { ok: false, field: "current", message: "That is not your current password." };
  const passwordHash = await hashPassword(next);
  await inTransaction(db, async (trx) => {
    await trx.updateTable("users").set({ password_hash: passwordHash }).where("id", "=", viewer.id).execute();
    const ended = await revokeUserSessions(trx, viewer.id, { except: keepSessionId });
    await recordAudit(trx, {
      organizationId: viewer.organization_id,
      userId: viewer.id,
      action: "password",
      entity: "user",
      entityId: viewer.id,
      detail: { via: "account", sessionsEnded: ended },
    });
  });
  return { ok: true };
}

/** The zone the user chose to read times in (null: the organization's), and the organization's. */
export async function getTimeZoneChoice(
  db: Db,
  viewer: Viewer,
): Promise<{ own: string | null; organization: string }> {
  const row = await db
    .selectFrom("users as u")
    .innerJoin("organizations as o", "o.id", "u.organization_id")
    .select(["u.time_zone as own", "o.time_zone as organization"])
    .where("u.id", "=", viewer.id)
    .where("u.organization_id", "=", viewer.organization_id)
    .executeTakeFirstOrThrow();
  return row;
}

/**
 * Sets the zone the signed-in user reads times in, or null for the organization's default (validated
 * by the caller: DisplayTimeZoneSchema). A display preference: nothing is recomputed, nothing audited.
 */
export async function setOwnTimeZone(db: Db, viewer: Viewer, timeZone: string | null): Promise<void> {
  await db
    .updateTable("users")
    .set({ time_zone: timeZone })
    .where("id", "=", viewer.id)
    .where("organization_id", "=", viewer.organization_id)
    .execute();
}

// API tokens (issue 22, migration 0031). A token is shown once, when it is made; the database keeps
// its sha256. A sha256 suffices here, where passwords need argon2: a password is short and chosen by a
// person, so a stolen hash can be guessed at, and a slow hash makes each guess dear; a token is 256
// random bits, which no guessing reaches, so a slow hash would only slow every API request (a fast
// hash lets each request find its token by the unique index, as sessions do).
//
// Every request counts against its token in one UPDATE: the use count and last use, and the requests
// of the current minute, refused with 429 past the limit. Kept in the database, so the limit holds
// across every app server on it. Reads are recorded that way (a count and a last use, not an audit row
// each: an integration polling every minute would bury the audit log); every write is audited by the
// data function that makes it, under the token's user, and the token's creation and revocation too.
import crypto from "node:crypto";
import type { ApiTokenTable, Db } from "../../db/schema";
import type { Role } from "../core/roles";
import { recordAudit } from "./audit.server";
import type { Viewer } from "./scope.server";

export type ApiScope = ApiTokenTable["scope"];
export const API_SCOPES = ["read", "write"] as const satisfies readonly ApiScope[];

/** Requests a token may make per minute (API_RATE_LIMIT overrides it). */
export const DEFAULT_RATE_LIMIT = 120;
const WINDOW_MS = 60_000;

export function apiRateLimit(): number {
  const value = Number(process.env.API_RATE_LIMIT);
  return Number.isInteger(value) && value > 0 ? value : DEFAULT_RATE_LIMIT;
}

const TOKEN_PREFIX = "ftk_";

export function hashApiToken(token: string): string {
  return crypto.createHash("sha256").update(token, "utf8").digest("hex");
}

/** ftk_ and 43 base64url characters: the prefix lets secret scanners and people recognise one. */
export function isApiTokenShaped(token: string): boolean {
  return /^ftk_[A-Za-z0-9_-]{43}$/.test(token);
}

export type NewApiToken = {
  /** null: the organization's token (an admin's to make); else the user's own. */
  userId: number | null;
  name: string;
  scope: ApiScope;
  expiresAt: string | null;
};

/** Makes a token and answers it, whole, this once. */
export async function createApiToken(
  db: Db,
  creator: Pick<Viewer, "id" | "organization_id">,
  input: NewApiToken,
  now = new Date(),
): Promise<{ id: number; token: string }> {
  const token = TOKEN_PREFIX + crypto.randomBytes(32).toString("base64url");
  const row = await db
    .insertInto("api_tokens")
    .values({
      organization_id: creator.organization_id,
      user_id: input.userId,
      created_by: creator.id,
      name: input.name,
      scope: input.scope,
      token_hash: hashApiToken(token),
      prefix: token.slice(0, 10),
      created_at: now.toISOString(),
      expires_at: input.expiresAt,
      revoked_at: null,
      last_used_at: null,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  await recordAudit(db, {
    organizationId: creator.organization_id,
    userId: creator.id,
    action: "create",
    entity: "api_token",
    entityId: row.id,
    detail: { scope: input.scope, personal: input.userId !== null },
  });
  return { id: row.id, token };
}

/** The organization's tokens (`userId` null) or one user's, newest first, without their hashes. */
export async function listApiTokens(db: Db, organizationId: number, userId: number | null) {
  let query = db
    .selectFrom("api_tokens as t")
    .leftJoin("users as u", "u.id", "t.created_by")
    .select([
      "t.id",
      "t.name",
      "t.scope",
      "t.prefix",
      "t.created_at",
      "t.expires_at",
      "t.revoked_at",
      "t.last_used_at",
      "t.use_count",
      "u.name as created_by_name",
    ])
    .where("t.organization_id", "=", organizationId);
  query = userId === null ? query.where("t.user_id", "is", null) : query.where("t.user_id", "=", userId);
  return query.orderBy("t.id", "desc").execute();
}

/** Revokes one of the organization's tokens (`userId` null) or of the user's; false when there is none. */
export async function revokeApiToken(
  db: Db,
  actor: Pick<Viewer, "id" | "organization_id">,
  tokenId: number,
  userId: number | null,
  now = new Date(),
): Promise<boolean> {
  let query = db
    .updateTable("api_tokens")
    .set({ revoked_at: now.toISOString() })
    .where("id", "=", tokenId)
    .where("organization_id", "=", actor.organization_id)
    .where("revoked_at", "is", null);
  query = userId === null ? query.where("user_id", "is", null) : query.where("user_id", "=", userId);
  const result = await query.executeTakeFirst();
  if (Number(result.numUpdatedRows) === 0) return false;
  await recordAudit(db, {
    organizationId: actor.organization_id,
    userId: actor.id,
    action: "revoke",
    entity: "api_token",
    entityId: tokenId,
  });
  return true;
}

export type ApiCaller = {
  tokenId: number;
  scope: ApiScope;
  /** Whom the token acts as: its user, or for an organization token an admin of the whole organization. */
  viewer: Viewer & { timeZone: string | null };
};

export type ApiAuthResult =
  | { ok: true; caller: ApiCaller }
  | { ok: false; status: 401; detail: string }
  | { ok: false; status: 429; retryAfterSeconds: number; detail: string };

const UNAUTHORIZED = {
  ok: false,
  status: 401,
  detail: "Send a valid, unrevoked, unexpired API token as `Authorization: Bearer <token>`.",
} as const;

/**
 * The caller behind a bearer token, counted against the token's minute: 401 for an unknown, revoked
 * or expired token or a deactivated user; 429, with the seconds until the minute ends, past the limit.
 */
export async function authenticateApiToken(
  db: Db,
  token: string,
  { now = new Date(), limit = apiRateLimit() }: { now?: Date; limit?: number } = {},
): Promise<ApiAuthResult> {
  if (!isApiTokenShaped(token)) return UNAUTHORIZED;
  const at = now.toISOString();
  const row = await db
    .selectFrom("api_tokens as t")
    .leftJoin("users as u", "u.id", "t.user_id")
    .select([
      "t.id",
      "t.organization_id",
      "t.user_id",
      "t.created_by",
      "t.scope",
      "t.expires_at",
      "t.revoked_at",
      "t.window_started_at",
      "u.role",
      "u.client_id",
      "u.active",
      "u.organization_id as user_organization_id",
      "u.time_zone",
    ])
    .where("t.token_hash", "=", hashApiToken(token))
    .executeTakeFirst();
  if (!row || row.revoked_at !== null || (row.expires_at !== null && row.expires_at <= at))
    return UNAUTHORIZED;
  if (row.user_id !== null && (row.active !== 1 || row.user_organization_id !== row.organization_id))
    return UNAUTHORIZED;

  // The minute this request counts in: the token's current one, or a new one starting now.
  const started = row.window_started_at ? Date.parse(row.window_started_at) : Number.NaN;
  const current = Number.isFinite(started) && now.getTime() - started < WINDOW_MS;
  const windowStart = current ? row.window_started_at! : at;
  const counted = await db
    .updateTable("api_tokens")
    .set((eb) => ({
      window_started_at: windowStart,
      window_count: current ? eb("window_count", "+", 1) : 1,
      use_count: eb("use_count", "+", 1),
      last_used_at: at,
    }))
    .where("id", "=", row.id)
    .returning(["window_count", "window_started_at"])
    .executeTakeFirstOrThrow();
  if (counted.window_count > limit) {
    // A refused request is not a use: the count comes back down, so a client hammering at 429 does not
    // keep itself locked out beyond the minute.
    await db
      .updateTable("api_tokens")
      .set((eb) => ({ window_count: eb("window_count", "-", 1), use_count: eb("use_count", "-", 1) }))
      .where("id", "=", row.id)
      .where("window_started_at", "=", windowStart)
      .execute();
    const ends = Date.parse(counted.window_started_at ?? at) + WINDOW_MS;
    return {
      ok: false,
      status: 429,
      retryAfterSeconds: Math.max(1, Math.ceil((ends - now.getTime()) / 1000)),
      detail: `This token made more than ${limit} requests this minute; wait and try again.`,
    };
  }
  const personal = row.user_id !== null;
  return {
    ok: true,
    caller: {
      tokenId: row.id,
      scope: row.scope,
      viewer: {
        // An organization token's writes are attributed to the admin who made it.
        id: personal ? row.user_id! : (row.created_by ?? 0),
        organization_id: row.organization_id,
        role: personal ? (row.role as Role) : "admin",
        client_id: personal ? row.client_id : null,
        timeZone: personal ? row.time_zone : null,
      },
    },
  };
}

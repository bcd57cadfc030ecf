// The two token pages' loader and action (/settings/tokens for the organization's tokens, an admin's
// to manage; /account/tokens for a user's own): the routes authorize, then call these.
import { formatDay } from "../core/format";
import { NewTokenSchema, tokenExpiry } from "../core/api-tokens";
import { fieldErrors } from "../core/schemas";
import type { Db } from "../../db/schema";
import { createApiToken, listApiTokens, revokeApiToken } from "./api-tokens.server";
import type { Viewer } from "./scope.server";

export async function tokenPageData(db: Db, user: Viewer & { timeZone: string }, personal: boolean) {
  const now = new Date().toISOString();
  const tokens = await listApiTokens(db, user.organization_id, personal ? user.id : null);
  return tokens.map((t) => ({
    id: t.id,
    name: t.name,
    scope: t.scope,
    prefix: t.prefix,
    createdBy: t.created_by_name,
    created: formatDay(t.created_at, user.timeZone),
    expires: t.expires_at ? formatDay(t.expires_at, user.timeZone) : "never",
    lastUsed: t.last_used_at ? formatDay(t.last_used_at, user.timeZone) : "never",
    uses: t.use_count,
    state: t.revoked_at ? "revoked" : t.expires_at && t.expires_at <= now ? "expired" : "active",
  }));
}

export type TokenActionResult =
  | { ok: true; created?: { name: string; token: string }; revoked?: boolean }
  | { ok: false; errors: Record<string, string[]>; values: Record<string, string> };

export async function tokenPageAction(
  db: Db,
  user: Viewer,
  form: Record<string, string>,
  personal: boolean,
): Promise<TokenActionResult> {
  if (form.intent === "revoke") {
    const id = Number(form.tokenId);
    const done = Number.isInteger(id) && (await revokeApiToken(db, user, id, personal ? user.id : null));
    return done
      ? { ok: true, revoked: true }
      : { ok: false, errors: { form: ["That token is already revoked or gone."] }, values: {} };
  }
  const parsed = NewTokenSchema.safeParse(form);
  if (!parsed.success) return { ok: false, errors: fieldErrors(parsed.error), values: form };
  const { token } = await createApiToken(db, user, {
    userId: personal ? user.id : null,
    name: parsed.data.name,
    scope: parsed.data.scope,
    expiresAt: tokenExpiry(parsed.data.lifetime, Date.now()),
  });
  return { ok: true, created: { name: parsed.data.name, token } };
}

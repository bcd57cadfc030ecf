// Read-only, expiring links to one client's report, for people without an account.
import type { Db } from "../../db/schema";
import { hashToken, newToken, sameHash } from "../auth/tokens.server";
import { SHARE_LINK_MAX_DAYS } from "../core/time";
import { recordAudit } from "./audit.server";
import type { Viewer } from "./scope.server";
import { inTransaction } from "./transaction.server";

export type ShareLinkInput = {
  clientId: number;
  from: string | null;
  to: string | null;
  expiresOn: string;
  label: string | null;
};

export async function createShareLink(
  db: Db,
  viewer: Viewer,
  input: ShareLinkInput,
  now = new Date(),
): Promise<{ ok: true; token: string; id: number } | { ok: false; field: string; message: string }> {
  const client = await db
    .selectFrom("clients")
    .select("id")
    .where("id", "=", input.clientId)
    .where("organization_id", "=", viewer.organization_id)
    .executeTakeFirst();
  if (!client) return { ok: false, field: "clientId", message: "Choose a client." };
  // The link works until the end of its expiry day (UTC).
  const expiresAt = new Date(`${input.expiresOn}T23:59:59.999Z`);
  if (!(expiresAt > now))
    return { ok: false, field: "expiresOn", message: "Choose an expiry date from today on." };
  // A link that never ends in practice (9999-12-31) is a report shared for good by mistake.
  const latest = new Date(now.getTime() + SHARE_LINK_MAX_DAYS * 86_400_000);
  if (
    expiresAt.getTime() >
    Date.UTC(latest.getUTCFullYear(), latest.getUTCMonth(), latest.getUTCDate(), 23, 59, 59, 999)
  ) {
    return {
      ok: false,
      field: "expiresOn",
      message: `A share link works for a year at most: choose an expiry date up to ${latest.toISOString().slice(0, 10)}.`,
    };
  }
  const { token, hash } = newToken();
  const id = await inTransaction(db, async (trx) => {
    const row = await trx
      .insertInto("share_links")
      .values({
        organization_id: viewer.organization_id,
        client_id: client.id,
        token_hash: hash,
        label: input.label,
        from_date: input.from,
        to_date: input.to,
        expires_at: expiresAt.toISOString(),
        created_by: viewer.id,
        created_at: now.toISOString(),
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await recordAudit(trx, {
      organizationId: viewer.organization_id,
      userId: viewer.id,
      action: "create",
      entity: "share_link",
      entityId: row.id,
      detail: { clientId: client.id, expiresOn: input.expiresOn },
    });
    return row.id;
  });
  return { ok: true, token, id };
}

/** The organization's share links (of one client, if given), newest first. */
export async function listShareLinks(db: Db, viewer: Viewer, clientId?: number) {
  let query = db
    .selectFrom("share_links as s")
    .innerJoin("clients as c", "c.id", "s.client_id")
    .leftJoin("users as u", "u.id", "s.created_by")
    .select([
      "s.id",
      "s.client_id",
      "c.name as client_name",
      "s.label",
      "s.from_date",
      "s.to_date",
      "s.expires_at",
      "s.revoked_at",
      "s.created_at",
      "s.last_opened_at",
      "u.name as created_by_name",
    ])
    .where("s.organization_id", "=", viewer.organization_id);
  if (clientId !== undefined) query = query.where("s.client_id", "=", clientId);
  return query.orderBy("s.created_at", "desc").orderBy("s.id", "desc").limit(200).execute();
}

export async function revokeShareLink(
  db: Db,
  viewer: Viewer,
  id: number,
  now = new Date(),
): Promise<boolean> {
  return inTransaction(db, async (trx) => {
    const result = await trx
      .updateTable("share_links")
      .set({ revoked_at: now.toISOString() })
      .where("id", "=", id)
      .where("organization_id", "=", viewer.organization_id)
      .where("revoked_at", "is", null)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) !== 1) return false;
    await recordAudit(trx, {
      organizationId: viewer.organization_id,
      userId: viewer.id,
      action: "revoke",
      entity: "share_link",
      entityId: id,
    });
    return true;
  });
}

export type ResolvedShare =
  | {
      status: "ok";
      organizationId: number;
      clientId: number;
      from: string | null;
      to: string | null;
      expiresAt: string;
    }
  | { status: "gone" }
  | { status: "unknown" };

/** What a share token opens. Looked up by its hash, then compared in constant time. */
export async function resolveShareToken(db: Db, token: string, now = new Date()): Promise<ResolvedShare> {
  const hash = hashToken(token);
  const row = await db
    .selectFrom("share_links")
    .selectAll()
    .where("token_hash", "=", hash)
    .executeTakeFirst();
  if (!row || !sameHash(row.token_hash, hash)) return { status: "unknown" };
  if (row.revoked_at !== null || row.expires_at <= now.toISOString()) return { status: "gone" };
  await db
    .updateTable("share_links")
    .set({ last_opened_at: now.toISOString() })
    .where("id", "=", row.id)
    .execute();
  return {
    status: "ok",
    organizationId: row.organization_id,
    clientId: row.client_id,
    from: row.from_date,
    to: row.to_date,
    expiresAt: row.expires_at,
  };
}

/** The viewer a share link reads as: a client viewer of that client with no account (scope.server.ts does the rest). */
export function shareViewer(share: { organizationId: number; clientId: number }): Viewer {
  return { id: -1, organization_id: share.organizationId, role: "client_viewer", client_id: share.clientId };
}

// An agency's branding on its client reports: read for the report, its print, the share page and the
// scheduled report mail; written from /settings/branding. Values are checked by app/core/branding.ts
// before they reach saveBranding, which checks the logo's bytes again (the one place they are stored).
import { createHash } from "node:crypto";
import type { Db } from "../../db/schema";
import { checkLogo, normalizeHex, type LogoType } from "../core/branding";
import { recordAudit } from "./audit.server";
import type { Viewer } from "./scope.server";
import { inTransaction } from "./transaction.server";

export type Branding = {
  /** The name reports are signed with: the one chosen, else the organization's. */
  name: string;
  /** Whether the name was chosen (false: it is the organization's name). */
  customName: boolean;
  /** "#rrggbb", or null for the default look. */
  color: string | null;
  /** The logo's facts, without its bytes (getBrandingLogo has them); `hash` names its version. */
  logo: { type: LogoType; width: number; height: number; hash: string } | null;
};

/** The organization's branding; an organization that set none gets its name and no colour or logo. */
export async function getBranding(db: Db, organizationId: number): Promise<Branding> {
  const row = await db
    .selectFrom("organizations as o")
    .leftJoin("organization_branding as b", "b.organization_id", "o.id")
    .select([
      "o.name",
      "b.display_name",
      "b.color",
      "b.logo_type",
      "b.logo_width",
      "b.logo_height",
      "b.logo_hash",
    ])
    .where("o.id", "=", organizationId)
    .executeTakeFirstOrThrow();
  return {
    name: row.display_name ?? row.name,
    customName: row.display_name !== null,
    color: row.color,
    logo:
      row.logo_hash && row.logo_type && row.logo_width && row.logo_height
        ? {
            type: row.logo_type as LogoType,
            width: row.logo_width,
            height: row.logo_height,
            hash: row.logo_hash,
          }
        : null,
  };
}

/** The logo's bytes and type, for the routes that serve it and the mail that inlines it. */
export async function getBrandingLogo(
  db: Db,
  organizationId: number,
): Promise<{ type: LogoType; bytes: Buffer; hash: string } | null> {
  const row = await db
    .selectFrom("organization_branding")
    .select(["logo", "logo_type", "logo_hash"])
    .where("organization_id", "=", organizationId)
    .executeTakeFirst();
  if (!row?.logo || !row.logo_type || !row.logo_hash) return null;
  return { type: row.logo_type as LogoType, bytes: Buffer.from(row.logo), hash: row.logo_hash };
}

export type BrandingChange = {
  name: string | null;
  color: string | null;
  /** New logo bytes; "remove" to drop the logo; undefined to keep the one there is. */
  logo?: Uint8Array | "remove";
};

/**
 * Saves the branding and records what changed. Refuses (nothing written) a colour that is not a hex
 * colour or a logo that is not a PNG or JPEG within the limits: the form checks them first, this
 * keeps any other caller from storing what the pages would serve.
 */
export async function saveBranding(
  db: Db,
  viewer: Viewer,
  change: BrandingChange,
  now = new Date(),
): Promise<{ ok: true } | { ok: false; field: "color" | "logo"; message: string }> {
  const color = change.color === null ? null : normalizeHex(change.color);
  if (change.color !== null && !color)
    return { ok: false, field: "color", message: "Enter a hex colour such as #1d4ed8." };
  let logo: Record<string, unknown> = {};
  if (change.logo === "remove") {
    logo = { logo: null, logo_type: null, logo_width: null, logo_height: null, logo_hash: null };
  } else if (change.logo) {
    const checked = checkLogo(change.logo);
    if (!checked.ok) return { ok: false, field: "logo", message: checked.message };
    const bytes = Buffer.from(change.logo);
    logo = {
      logo: bytes,
      logo_type: checked.logo.type,
      logo_width: checked.logo.width,
      logo_height: checked.logo.height,
      logo_hash: createHash("sha256").update(bytes).digest("hex").slice(0, 32),
    };
  }
  const name = change.name?.trim() || null;
  await inTransaction(db, async (trx) => {
    const before = await getBranding(trx, viewer.organization_id);
    const values = { display_name: name, color, updated_at: now.toISOString(), ...logo };
    await trx
      .insertInto("organization_branding")
      .values({ organization_id: viewer.organization_id, ...values })
      .onConflict((oc) => oc.column("organization_id").doUpdateSet(values))
      .execute();
    const after = await getBranding(trx, viewer.organization_id);
    const changed = [
      before.name !== after.name || before.customName !== after.customName ? "name" : null,
      before.color !== after.color ? "colour" : null,
      before.logo?.hash !== after.logo?.hash ? (after.logo ? "logo" : "logo removed") : null,
    ].filter((c): c is string => c !== null);
    if (changed.length === 0) return;
    await recordAudit(trx, {
      organizationId: viewer.organization_id,
      userId: viewer.id,
      action: "update",
      entity: "branding",
      entityId: viewer.organization_id,
      detail: { changed, name: after.name, color: after.color },
    });
  });
  return { ok: true };
}

// The agency's logo as an HTTP response, for the signed-in app and for share links alike.
import { getBrandingLogo } from "./branding.server";
import type { Db } from "../../db/schema";

/**
 * The logo's bytes with their stored type. A URL naming the current version (?v=hash) may be cached
 * for good, since a new logo gets a new hash; any other is revalidated. nosniff and a sandboxing
 * policy keep the bytes from being read as anything but an image.
 */
export async function logoResponse(db: Db, organizationId: number, request: Request): Promise<Response> {
  const logo = await getBrandingLogo(db, organizationId);
  if (!logo) throw new Response("No logo", { status: 404 });
  const etag = `"${logo.hash}"`;
  const current = new URL(request.url).searchParams.get("v") === logo.hash;
  const headers = {
    "Content-Type": logo.type,
    ETag: etag,
    "Cache-Control": current ? "private, max-age=31536000, immutable" : "private, no-cache",
    "X-Content-Type-Options": "nosniff",
    "Content-Security-Policy": "default-src 'none'; sandbox",
    "Content-Disposition": "inline",
  };
  if (request.headers.get("If-None-Match") === etag) return new Response(null, { status: 304, headers });
  return new Response(new Uint8Array(logo.bytes), { headers });
}

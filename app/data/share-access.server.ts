// The one gate of the public share routes: a token opens one client's report, or answers a plain
// 404 (never existed) or 410 (expired or revoked) that names nothing.
import type { Db } from "../../db/schema";
import { isTokenShaped } from "../auth/tokens.server";
import { getReportClient, loadClientReport, type ReportRange } from "./reports.server";
import { resolveShareToken, shareViewer } from "./share-links.server";

export const SHARE_GONE =
  "This report link has expired or has been revoked. Ask the person who sent it for a new one.";
export const SHARE_UNKNOWN = "There is no report at this link. Check that it was copied whole.";

/** The organization whose report a token opens, through the same gate as the page (for its logo). */
export async function sharedOrganizationId(db: Db, token: string | undefined): Promise<number> {
  const share = isTokenShaped(token) ? await resolveShareToken(db, token) : ({ status: "unknown" } as const);
  if (share.status === "unknown") throw new Response(SHARE_UNKNOWN, { status: 404 });
  if (share.status === "gone") throw new Response(SHARE_GONE, { status: 410 });
  return share.organizationId;
}

export async function loadSharedReport(db: Db, token: string | undefined) {
  const share = isTokenShaped(token) ? await resolveShareToken(db, token) : ({ status: "unknown" } as const);
  if (share.status === "unknown") throw new Response(SHARE_UNKNOWN, { status: 404 });
  if (share.status === "gone") throw new Response(SHARE_GONE, { status: 410 });
  const viewer = shareViewer(share);
  const client = await getReportClient(db, viewer, share.clientId);
  if (!client) throw new Response(SHARE_UNKNOWN, { status: 404 });
  const range: ReportRange = { from: share.from, to: share.to };
  return { report: await loadClientReport(db, viewer, client, range), expiresAt: share.expiresAt };
}

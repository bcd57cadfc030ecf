// How far the CSV import of an upload has got (JSON, or null when none is running on this server):
// polled by the Import page's progress bar.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireUser } from "~/auth/session.server";
import { requirePermission } from "~/auth/permissions.server";
import { importProgress } from "~/intake/import-page.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  requirePermission(user, "intake:write");
  const token = new URL(request.url).searchParams.get("file") ?? "";
  return Response.json(await importProgress(user, token), { headers: { "Cache-Control": "no-store" } });
}

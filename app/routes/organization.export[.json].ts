// The whole organization as one JSON file with the raw received messages embedded (admins only).
import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireUser } from "~/auth/session.server";
import { requirePermission } from "~/auth/permissions.server";
import { organizationArchive, slug } from "~/data/exports.server";
import { getDb } from "../../db/connection.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  requirePermission(user, "organization:export");
  const archive = await organizationArchive(getDb(), user);
  return new Response(JSON.stringify(archive), {
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      "Content-Disposition": `attachment; filename="followthrough-${slug(archive.organization.name)}-${archive.exportedAt.slice(0, 10)}.json"`,
      "Cache-Control": "private, no-store",
    },
  });
}

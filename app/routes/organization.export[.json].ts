// The whole organization as one JSON file with the raw received messages embedded (admins only).
import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireUser } from "~/auth/session.server";
import { requirePermission } from "~/auth/permissions.server";
import { organizationArchive } from "~/data/exports.server";
import { getDb } from "../../db/connection.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  requirePermission(user, "organization:export");
  // Streamed: written as it is read (app/data/exports.server.ts).
  const { body, fileName } = await organizationArchive(getDb(), user);
  return new Response(body, {
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      "Content-Disposition": `attachment; filename="${fileName}"`,
      "Cache-Control": "private, no-store",
    },
  });
}

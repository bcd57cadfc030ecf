// The agency's logo for signed-in readers of its reports (the report page and the branding settings).
import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireUser } from "~/auth/session.server";
import { requirePermission } from "~/auth/permissions.server";
import { logoResponse } from "~/data/logo-response.server";
import { getDb } from "../../db/connection.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  requirePermission(user, "reports:read");
  return logoResponse(getDb(), user.organization_id, request);
}

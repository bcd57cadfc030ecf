// The dashboard's breakdown as CSV (/dashboard/export.csv?<the dashboard's filters>&by=…), every row.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireUser } from "~/auth/session.server";
import { requirePermission } from "~/auth/permissions.server";
import { breakdownCsv, csvResponse } from "~/data/exports.server";
import { getDb } from "../../db/connection.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  requirePermission(user, "analytics:read");
  return csvResponse(await breakdownCsv(getDb(), user, new URL(request.url).searchParams));
}

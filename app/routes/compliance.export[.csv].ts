// The adverse-impact report as the Local Law 144 summary table (CSV), with the filters of the page it
// is downloaded from and the data's date range on every row. Compliance permission only.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireUser } from "~/auth/session.server";
import { requirePermission } from "~/auth/permissions.server";
import { adverseImpactCsv } from "~/data/demographics.server";
import { csvResponse } from "~/data/exports.server";
import { parseDashboardParams } from "~/core/analytics";
import { getDb } from "../../db/connection.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  requirePermission(user, "compliance:read");
  const { filters } = parseDashboardParams(new URL(request.url).searchParams);
  return csvResponse(await adverseImpactCsv(getDb(), user, filters));
}

// The client report as CSV (/reports/:clientId/export.csv?from=&to=), for the same people who may read it.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireUser } from "~/auth/session.server";
import { requirePermission } from "~/auth/permissions.server";
import { getReportClient, loadClientReport, parseReportRange } from "~/data/reports.server";
import { clientReportCsv, reportFileName } from "~/data/report-csv.server";
import { idOr404 } from "~/core/params";
import { getDb } from "../../db/connection.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  requirePermission(user, "reports:read");
  const client = await getReportClient(getDb(), user, idOr404(params.clientId));
  if (!client) throw new Response("Not found.", { status: 404 });
  const report = await loadClientReport(
    getDb(),
    user,
    client,
    parseReportRange(new URL(request.url).searchParams),
  );
  return new Response(clientReportCsv(report), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${reportFileName(report)}"`,
      "Cache-Control": "private, no-store",
    },
  });
}

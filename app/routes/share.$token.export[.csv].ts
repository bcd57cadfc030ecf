// The shared report as CSV: the same gate as the shared page.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { loadSharedReport } from "~/data/share-access.server";
import { clientReportCsv, reportFileName } from "~/data/report-csv.server";
import { getDb } from "../../db/connection.server";

export async function loader({ params }: LoaderFunctionArgs) {
  const { report } = await loadSharedReport(getDb(), params.token);
  return new Response(clientReportCsv(report), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${reportFileName(report)}"`,
      "Cache-Control": "private, no-store",
    },
  });
}

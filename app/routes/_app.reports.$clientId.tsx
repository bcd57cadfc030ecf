import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { ClientReportView } from "~/components/client-report";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { requireUser } from "~/auth/session.server";
import { can, requirePermission } from "~/auth/permissions.server";
import {
  getReportClient,
  loadClientReport,
  parseReportRange,
  rangeQuery,
  type ClientReport,
} from "~/data/reports.server";
import { idOr404 } from "~/core/params";
import { getDb } from "../../db/connection.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.report.client.name ?? "Client"} report · Followthrough` },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  requirePermission(user, "reports:read");
  // Another client's id answers 404 as if it did not exist: no name, no hint.
  const client = await getReportClient(getDb(), user, idOr404(params.clientId));
  if (!client) throw new Response(null, { status: 404 });
  const url = new URL(request.url);
  const range = parseReportRange(url.searchParams);
  // ?format=csv is the same download as /reports/:clientId/export.csv.
  if (url.searchParams.get("format") === "csv")
    throw redirect(`/reports/${client.id}/export.csv${rangeQuery(range)}`);
  const report = await loadClientReport(getDb(), user, client, range);
  return { report, query: rangeQuery(range), canShare: can(user, "reports:share") };
}

export default function ClientReportPage() {
  const { report, query, canShare } = useLoaderData<typeof loader>();
  return (
    <ClientReportView
      report={report as ClientReport}
      logoSrc={report.branding.logo ? `/branding/logo?v=${report.branding.logo.hash}` : null}
      actions={
        <>
          <Form method="get" className="flex flex-wrap items-end gap-2" aria-label="Report period">
            <label className="text-sm">
              <span className="block font-medium text-slate-800">Interviews from</span>
              <input type="date" name="from" defaultValue={report.range.from ?? ""} className="input mt-1" />
            </label>
            <label className="text-sm">
              <span className="block font-medium text-slate-800">to</span>
              <input type="date" name="to" defaultValue={report.range.to ?? ""} className="input mt-1" />
            </label>
            <button type="submit" className="btn-secondary">
              Show
            </button>
          </Form>
          <div className="flex flex-wrap items-end gap-2">
            <button type="button" className="btn" onClick={() => window.print()}>
              Print or save as PDF
            </button>
            <a className="btn-secondary" href={`/reports/${report.client.id}/export.csv${query}`} download>
              Download CSV
            </a>
            {canShare ? (
              <Link
                className="btn-secondary"
                to={`/reports?client=${report.client.id}${query ? `&${query.slice(1)}` : ""}#share`}
              >
                Share a read-only link
              </Link>
            ) : null}
          </div>
        </>
      }
    />
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

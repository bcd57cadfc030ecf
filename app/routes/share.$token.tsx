// A shared client report: no account, no app shell, nothing but the report.
import type { HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { isRouteErrorResponse, useLoaderData, useParams, useRouteError } from "@remix-run/react";
import { ClientReportView } from "~/components/client-report";
import { CopyPageLink } from "~/components/copy-link";
import { loadSharedReport } from "~/data/share-access.server";
import type { ClientReport } from "~/data/reports.server";
import { formatDay } from "~/core/format";
import { getDb } from "../../db/connection.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.report.client.name} follow-up report` : "Follow-up report" },
  { name: "robots", content: "noindex, nofollow" },
  { name: "referrer", content: "no-referrer" },
];

export const headers: HeadersFunction = () => ({
  "Cache-Control": "private, no-store",
  "X-Robots-Tag": "noindex",
});

export async function loader({ params }: LoaderFunctionArgs) {
  return loadSharedReport(getDb(), params.token);
}

export default function SharedReport() {
  const { report, expiresAt } = useLoaderData<typeof loader>();
  const { token } = useParams();
  return (
    <main className="bg-white px-4 py-8 print:p-0">
      <ClientReportView
        report={report as ClientReport}
        logoSrc={report.branding.logo ? `/share/${token}/logo?v=${report.branding.logo.hash}` : null}
        actions={
          <>
            <button type="button" className="btn" onClick={() => window.print()}>
              Print or save as PDF
            </button>
            <a className="btn-secondary" href={`/share/${token}/export.csv`} download>
              Download CSV
            </a>
            <CopyPageLink label="Copy link" />
          </>
        }
        note={
          <p className="text-xs text-slate-600 print:hidden">
            A read-only link, valid until {formatDay(expiresAt)}. Prepared by {report.branding.name} with
            Followthrough.
          </p>
        }
      />
    </main>
  );
}

export function ErrorBoundary() {
  const error = useRouteError();
  const gone = isRouteErrorResponse(error) && error.status === 410;
  const known = isRouteErrorResponse(error) && (error.status === 404 || error.status === 410);
  return (
    <main className="mx-auto max-w-md p-8 pt-24">
      <div role="alert" className="card">
        <h1 className="text-lg font-semibold">
          {gone ? "This link is no longer valid" : known ? "Report not found" : "Something went wrong"}
        </h1>
        <p className="mt-2 text-sm text-slate-700">
          {known && typeof error.data === "string" ? error.data : "Try again later."}
        </p>
      </div>
    </main>
  );
}

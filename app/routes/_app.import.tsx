// The Import section: its title, the export of the whole organization (admins), and one tab per way
// in: spreadsheets (CSV: upload → map the columns and check every row → import), .eml files, .ics
// calendar files, and the inbox of messages nobody could match. Each tab is a route of its own
// (_app.import.*.tsx) with its own form and schema (app/core/import/schemas.ts).
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { NavLink, Outlet, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { PageHeader } from "~/components/form-fields";
import { requireUser } from "~/auth/session.server";
import { can, requirePermission } from "~/auth/permissions.server";
import { listUnmatched } from "~/intake/inbound.server";
import { getDb } from "../../db/connection.server";

export const meta: MetaFunction = () => [{ title: "Import · Followthrough" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  requirePermission(user, "intake:write");
  return {
    inboxCount: (await listUnmatched(getDb(), user)).length,
    canExportOrganization: can(user, "organization:export"),
  };
}

export default function ImportLayout() {
  const { inboxCount, canExportOrganization } = useLoaderData<typeof loader>();
  const tabs = [
    { to: "/import", label: "Overview", end: true },
    { to: "/import/csv", label: "Spreadsheet (CSV)" },
    { to: "/import/email", label: "Emails (.eml)" },
    { to: "/import/calendar", label: "Calendar (.ics)" },
    { to: "/import/inbox", label: inboxCount ? `Inbox (${inboxCount})` : "Inbox" },
  ];
  return (
    <div className="space-y-6">
      <PageHeader
        title="Import"
        subtitle="Bring in candidates, interviews and follow-ups from spreadsheets, emails and calendar files instead of typing them."
        actions={
          canExportOrganization ? (
            <a href="/organization/export.json" className="btn-secondary" download>
              Export the whole organization (JSON)
            </a>
          ) : null
        }
      />
      <nav aria-label="Import">
        <ul className="flex flex-wrap gap-x-1 border-b border-slate-200">
          {tabs.map((tab) => (
            <li key={tab.to}>
              <NavLink
                to={tab.to}
                end={tab.end}
                className={({ isActive }) =>
                  `-mb-px block whitespace-nowrap border-b-2 px-3 py-2 text-sm font-medium ${isActive ? "border-indigo-700 text-indigo-800" : "border-transparent text-slate-700 hover:border-slate-300 hover:text-slate-900"}`
                }
              >
                {tab.label}
              </NavLink>
            </li>
          ))}
        </ul>
      </nav>
      <Outlet />
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

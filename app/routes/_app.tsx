import type { LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, NavLink, Outlet, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { requireUser } from "~/auth/session.server";
import { can, type Permission } from "~/auth/permissions.server";
import { ROLE_LABELS } from "~/core/roles";
import { getOrganizationName } from "~/data/organizations.server";
import { getDb } from "../../db/connection.server";

// The navigation, in order; each entry shows only to roles that may open it.
const NAV: { to: string; label: string; permission: Permission }[] = [
  { to: "/dashboard", label: "Dashboard", permission: "analytics:read" },
  { to: "/positions", label: "Positions", permission: "positions:read" },
  { to: "/awaiting", label: "Awaiting follow-up", permission: "positions:read" },
  { to: "/candidates", label: "Candidates", permission: "candidates:read" },
  { to: "/import", label: "Import", permission: "intake:write" },
  { to: "/reports", label: "Reports", permission: "reports:read" },
  { to: "/users", label: "Users", permission: "users:manage" },
  { to: "/audit", label: "Audit log", permission: "audit:read" },
  { to: "/settings", label: "Settings", permission: "settings:write" },
];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const nav = NAV.filter((item) => can(user, item.permission)).map(({ to, label }) => ({ to, label }));
  return {
    user: { name: user.name, email: user.email, role: ROLE_LABELS[user.role] },
    organizationName: await getOrganizationName(getDb(), user.organization_id),
    nav,
  };
}

export default function AppShell() {
  const { user, organizationName, nav } = useLoaderData<typeof loader>();
  return (
    <div className="min-h-screen">
      <a
        href="#main"
        className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:rounded focus:bg-white focus:p-2"
      >
        Skip to content
      </a>
      <header className="border-b border-slate-200 bg-white print:hidden">
        <div className="mx-auto flex max-w-7xl flex-wrap items-center gap-x-4 gap-y-2 px-4 py-3">
          <a href="/" className="flex items-center gap-2 font-semibold text-slate-900 hover:text-slate-900">
            <img src="/favicon.svg" alt="" className="h-6 w-6" />
            {/* The wordmark gives way to the navigation on narrower screens; the link keeps its name. */}
            <span className="sr-only 2xl:not-sr-only">Followthrough</span>
          </a>
          <nav aria-label="Main" className="flex flex-1 flex-wrap gap-0.5">
            {nav.map((item) => (
              <NavLink
                key={item.to}
                to={item.to}
                className={({ isActive }) =>
                  `whitespace-nowrap rounded-md px-2 py-1.5 text-sm font-medium ${isActive ? "bg-indigo-50 text-indigo-800" : "text-slate-700 hover:bg-slate-100 hover:text-slate-900"}`
                }
              >
                {item.label}
              </NavLink>
            ))}
          </nav>
          <div className="flex items-center gap-3 text-sm">
            <span className="text-right leading-tight">
              <Link to="/account" className="block font-medium text-slate-900">
                {user.name}
              </Link>
              <span className="block text-xs text-slate-600">
                {user.role} · {organizationName}
              </span>
            </span>
            <Form method="post" action="/sign-out">
              <button type="submit" className="btn-secondary">
                Sign out
              </button>
            </Form>
          </div>
        </div>
      </header>
      <main id="main" className="mx-auto max-w-7xl px-4 py-6">
        <Outlet />
      </main>
    </div>
  );
}

export function ErrorBoundary() {
  return (
    <main className="mx-auto max-w-xl p-8">
      <GeneralErrorBoundary />
    </main>
  );
}

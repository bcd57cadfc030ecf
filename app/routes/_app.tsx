import type { LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, NavLink, Outlet, useLoaderData, useLocation } from "@remix-run/react";
import { useEffect, useState } from "react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { requireUser } from "~/auth/session.server";
import { can, type Permission } from "~/auth/permissions.server";
import { ROLE_LABELS } from "~/core/roles";
import { getOrganizationName } from "~/data/organizations.server";
import { getDb } from "../../db/connection.server";

// The navigation, in order; each entry shows only to roles that may open it.
const NAV: { to: string; label: string; permission: Permission }[] = [
  { to: "/", label: "Today", permission: "positions:read" },
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
  const nav = NAV.filter((item) => can(user, item.permission))
    // A client viewer's home is their report, not Today (app/routes/_app._index.tsx).
    .filter((item) => item.to !== "/" || user.role !== "client_viewer")
    .map(({ to, label }) => ({ to, label }));
  return {
    user: { name: user.name, email: user.email, role: ROLE_LABELS[user.role] },
    organizationName: await getOrganizationName(getDb(), user.organization_id),
    nav,
  };
}

export default function AppShell() {
  const { user, organizationName, nav } = useLoaderData<typeof loader>();
  // Below the lg breakpoint the navigation and account fold behind one menu button, so the header
  // stays one row on a phone; from lg up they show inline and the button is hidden.
  const [menuOpen, setMenuOpen] = useState(false);
  const location = useLocation();
  useEffect(() => setMenuOpen(false), [location.pathname, location.search]);
  return (
    <div className="min-h-screen">
      <a
        href="#main"
        className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:rounded focus:bg-white focus:p-2"
      >
        Skip to content
      </a>
      <header className="border-b border-slate-200 bg-white print:hidden">
        <div
          className="mx-auto flex max-w-7xl flex-wrap items-center gap-x-4 gap-y-2 px-4 py-3"
          onKeyDown={(event) => {
            if (event.key === "Escape" && menuOpen) {
              setMenuOpen(false);
              document.getElementById("menu-button")?.focus();
            }
          }}
        >
          <a href="/" className="flex items-center gap-2 font-semibold text-slate-900 hover:text-slate-900">
            <img src="/favicon.svg" alt="" className="h-6 w-6" />
            {/* The wordmark shows on phones (where the menu is folded) and on wide screens; the link keeps its name. */}
            <span className="lg:sr-only 2xl:not-sr-only">Followthrough</span>
          </a>
          <button
            id="menu-button"
            type="button"
            className="btn-secondary ml-auto lg:hidden"
            aria-expanded={menuOpen}
            aria-controls="main-menu"
            onClick={() => setMenuOpen((open) => !open)}
          >
            <MenuIcon open={menuOpen} />
            Menu
          </button>
          <div
            id="main-menu"
            className={`${menuOpen ? "flex" : "hidden"} w-full flex-col gap-3 border-t border-slate-200 pt-3 lg:flex lg:w-auto lg:flex-1 lg:flex-row lg:items-center lg:gap-4 lg:border-0 lg:pt-0`}
          >
            <nav aria-label="Main" className="flex flex-1 flex-col gap-0.5 lg:flex-row lg:flex-wrap">
              {nav.map((item) => (
                <NavLink
                  key={item.to}
                  to={item.to}
                  end={item.to === "/"}
                  className={({ isActive }) =>
                    `whitespace-nowrap rounded-md px-2 py-2 text-sm font-medium lg:py-1.5 ${isActive ? "bg-indigo-50 text-indigo-800" : "text-slate-700 hover:bg-slate-100 hover:text-slate-900"}`
                  }
                >
                  {item.label}
                </NavLink>
              ))}
            </nav>
            <div className="flex items-center justify-between gap-3 border-t border-slate-200 pt-3 text-sm lg:border-0 lg:pt-0">
              <span className="min-w-0 leading-tight lg:text-right">
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
        </div>
      </header>
      <main id="main" className="mx-auto max-w-7xl px-4 py-6">
        <Outlet />
      </main>
    </div>
  );
}

function MenuIcon({ open }: { open: boolean }) {
  return (
    <svg
      aria-hidden="true"
      viewBox="0 0 20 20"
      className="h-4 w-4"
      fill="none"
      stroke="currentColor"
      strokeWidth="2"
    >
      {open ? <path d="M5 5l10 10M15 5L5 15" /> : <path d="M3 6h14M3 10h14M3 14h14" />}
    </svg>
  );
}

export function ErrorBoundary() {
  return (
    <main className="mx-auto max-w-xl p-8">
      <GeneralErrorBoundary />
    </main>
  );
}

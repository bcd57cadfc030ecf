import type { LoaderFunctionArgs } from "@remix-run/node";
import {
  Form,
  Link,
  NavLink,
  Outlet,
  useFetcher,
  useLoaderData,
  useLocation,
  useNavigate,
} from "@remix-run/react";
import { useEffect, useState } from "react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { requireUser } from "~/auth/session.server";
import { can, type Permission } from "~/auth/permissions.server";
import { ROLE_LABELS } from "~/core/roles";
import { MIN_QUERY_LENGTH } from "~/core/search";
import { getOrganizationName } from "~/data/organizations.server";
import { getDb } from "../../db/connection.server";
import type { loader as searchLoader } from "./_app.search";

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
  { to: "/compliance", label: "Adverse impact", permission: "compliance:read" },
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
    canSearch: can(user, "candidates:read"),
  };
}

export default function AppShell() {
  const { user, organizationName, nav, canSearch } = useLoaderData<typeof loader>();
  // Below the lg breakpoint the navigation and account fold behind one menu button, so the header
  // stays one row on a phone. From lg up the button is hidden and the header has two rows: the
  // wordmark, search and account, then the navigation on a row of its own, so that an admin's ten
  // links never wrap, whatever the length of the user's and organization's names.
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
            <span>Followthrough</span>
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
            className={`${menuOpen ? "flex" : "hidden"} w-full flex-col gap-3 border-t border-slate-200 pt-3 lg:contents`}
          >
            <nav
              aria-label="Main"
              className="flex flex-1 flex-col gap-0.5 lg:order-last lg:-mx-2 lg:w-full lg:flex-row lg:gap-1"
            >
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
            {canSearch ? (
              <HeaderSearch
                key={location.pathname + location.search}
                initial={
                  location.pathname === "/search" ? (new URLSearchParams(location.search).get("q") ?? "") : ""
                }
              />
            ) : null}
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

/**
 * The header's search box: a plain GET form to /search, so it works before the page's scripts load.
 * In the phone menu it is a full-width row below the navigation; from lg up it sits in the header row
 * between the navigation and the account. Once scripts run, the first few results show below it as you type (the same
 * loader, fetched after a pause): arrows choose one, Enter opens it, Escape closes the list.
 */
function HeaderSearch({ initial }: { initial: string }) {
  const fetcher = useFetcher<typeof searchLoader>();
  const navigate = useNavigate();
  const [value, setValue] = useState(initial);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const { load } = fetcher;
  useEffect(() => {
    if (value.trim().length < MIN_QUERY_LENGTH) return;
    const timer = setTimeout(() => load(`/search?${new URLSearchParams({ q: value.trim() })}`), 200);
    return () => clearTimeout(timer);
  }, [value, load]);
  const results = value.trim().length >= MIN_QUERY_LENGTH ? fetcher.data?.results : null;
  const options = results
    ? [
        ...results.candidates.slice(0, 5).map((c) => ({
          key: `c${c.id}`,
          href: `/candidates/${c.id}`,
          label: c.name,
          detail: c.email ?? c.phone ?? "Candidate",
        })),
        ...results.positions.slice(0, 3).map((p) => ({
          key: `p${p.id}`,
          href: `/positions/${p.id}`,
          label: p.title,
          detail: `Position · ${p.client}`,
        })),
      ]
    : [];
  const expanded = open && options.length > 0;
  return (
    <Form
      method="get"
      action="/search"
      role="search"
      aria-label="Header"
      className="relative flex lg:ml-auto"
    >
      <label htmlFor="header-search" className="sr-only">
        Search candidates and positions
      </label>
      <input
        id="header-search"
        type="search"
        name="q"
        role="combobox"
        autoComplete="off"
        aria-autocomplete="list"
        aria-expanded={expanded}
        aria-controls="header-search-options"
        aria-activedescendant={expanded && active >= 0 ? `header-search-${options[active]?.key}` : undefined}
        value={value}
        onChange={(event) => {
          setValue(event.target.value);
          setOpen(true);
          setActive(-1);
        }}
        onFocus={() => setOpen(true)}
        onBlur={() => setOpen(false)}
        onKeyDown={(event) => {
          if (event.key === "ArrowDown" || event.key === "ArrowUp") {
            if (options.length === 0) return;
            event.preventDefault();
            setOpen(true);
            const n = options.length;
            setActive((i) => (event.key === "ArrowDown" ? (i + 1) % n : i <= 0 ? n - 1 : i - 1));
          } else if (event.key === "Enter" && expanded && active >= 0 && options[active]) {
            event.preventDefault();
            setOpen(false);
            navigate(options[active].href);
          } else if (event.key === "Escape" && expanded) {
            // Closes the list only, keeping the text (a search field's own Escape clears it); a second
            // Escape closes the phone menu.
            event.preventDefault();
            event.stopPropagation();
            setOpen(false);
            setActive(-1);
          }
        }}
        placeholder="Search"
        className="input min-w-0 flex-1 rounded-r-none py-1.5 text-sm lg:w-64"
      />
      <button type="submit" className="btn-secondary rounded-l-none border-l-0 px-2.5" aria-label="Find">
        <svg
          aria-hidden="true"
          viewBox="0 0 20 20"
          className="h-4 w-4"
          fill="none"
          stroke="currentColor"
          strokeWidth="2"
        >
          <circle cx="8.5" cy="8.5" r="5.5" />
          <path d="M13 13l4.5 4.5" />
        </svg>
      </button>
      <ul
        id="header-search-options"
        role="listbox"
        aria-label="First results"
        className={`${expanded ? "block" : "hidden"} absolute left-0 top-full z-20 mt-1 w-full min-w-0 rounded-md border border-slate-200 bg-white py-1 shadow-lg lg:w-80`}
      >
        {options.map((option, i) => (
          // Chosen with the keyboard from the box; the mouse picks on press, before the box loses focus.
          <li
            key={option.key}
            id={`header-search-${option.key}`}
            role="option"
            aria-selected={i === active}
            className={`cursor-pointer px-3 py-2 text-sm ${i === active ? "bg-indigo-50" : "hover:bg-slate-50"}`}
            onMouseDown={(event) => {
              event.preventDefault();
              setOpen(false);
              navigate(option.href);
            }}
          >
            <span className="block truncate font-medium text-slate-900">{option.label}</span>
            <span className="block truncate text-xs text-slate-600">{option.detail}</span>
          </li>
        ))}
      </ul>
    </Form>
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

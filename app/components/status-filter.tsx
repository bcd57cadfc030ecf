import { Link } from "@remix-run/react";

/** Links that filter a list by status ("All" first), the current one marked: the outbox's and the webhooks' pages. */
export function StatusFilter<S extends string>({
  path,
  label,
  current,
  options,
}: {
  path: string;
  label: string;
  current: S | null;
  options: readonly { status: S; label: string; count: number }[];
}) {
  const link = (status: S | null, text: string) => (
    <Link
      key={status ?? "all"}
      to={status ? `${path}?status=${status}` : path}
      className={current === status ? "btn" : "btn-secondary"}
      aria-current={current === status ? "page" : undefined}
    >
      {text}
    </Link>
  );
  return (
    <nav aria-label={label} className="flex flex-wrap gap-2 text-sm">
      {link(null, "All")}
      {options.map((o) => link(o.status, `${o.label} (${o.count})`))}
    </nav>
  );
}

import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { createColumnHelper } from "@tanstack/react-table";
import { z } from "zod";
import { DataTable } from "~/components/data-table";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { PageHeader } from "~/components/form-fields";
import { requireUser } from "~/auth/session.server";
import { requirePermission } from "~/auth/permissions.server";
import { auditFilterOptions, auditSubjects, listAuditEntries } from "~/data/audit-log.server";
import { describeAudit, parseDetail } from "~/core/audit-words";
import { AnalyticsFiltersSchema } from "~/core/analytics";
import { formatDateTime } from "~/core/format";
import { parseId } from "~/core/params";
import { getDb } from "../../db/connection.server";

export const meta: MetaFunction = () => [{ title: "Audit log · Followthrough" }];

const PAGE_SIZE = 50;

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  requirePermission(user, "audit:read");
  const sp = new URL(request.url).searchParams;
  const options = await auditFilterOptions(getDb(), user);
  const dates = AnalyticsFiltersSchema.parse({
    from: sp.get("from") ?? undefined,
    to: sp.get("to") ?? undefined,
  });
  const action = sp.get("action");
  const query = {
    userId: parseId(sp.get("user")),
    // Only actions the log holds reach SQL.
    action: action && options.actions.some((a) => a.value === action) ? action : null,
    from: dates.from ?? null,
    to: dates.to ?? null,
    dir: z
      .enum(["asc", "desc"])
      .catch("desc")
      .parse(sp.get("dir") ?? undefined),
    page: z.coerce
      .number()
      .int()
      .min(1)
      .max(100_000)
      .catch(1)
      .parse(sp.get("page") ?? undefined),
    pageSize: PAGE_SIZE,
  };
  const { rows, total } = await listAuditEntries(getDb(), user, query);
  const subjects = await auditSubjects(getDb(), user, rows);
  const when = (iso: string) => formatDateTime(iso, user.timeZone);
  return {
    options,
    query,
    total,
    rows: rows.map((r, i) => ({
      id: r.id,
      when: when(r.created_at),
      who: r.user_id === null ? "Followthrough" : (r.user_name ?? "A deleted user"),
      email: r.user_email,
      words: describeAudit(
        { action: r.action, entity: r.entity, entityId: r.entity_id, detail: parseDetail(r.detail) },
        subjects[i],
        when,
      ),
    })),
  };
}

type Row = Awaited<ReturnType<typeof loader>>["rows"][number];
const column = createColumnHelper<Row>();
const columns = [
  column.accessor("when", {
    id: "when",
    header: "When (UTC)",
    cell: (c) => <span className="tabular-nums sm:whitespace-nowrap">{c.getValue()}</span>,
  }),
  column.accessor("words", {
    id: "what",
    header: "What happened",
    cell: (c) => (
      <p className="max-w-prose">
        <span className="font-medium" title={c.row.original.email ?? undefined}>
          {c.row.original.who}
        </span>{" "}
        {c.getValue().map((part, i) =>
          typeof part === "string" ? (
            <span key={i}>{part}</span>
          ) : (
            <Link key={i} to={part.href} className="underline underline-offset-2">
              {part.text}
            </Link>
          ),
        )}
      </p>
    ),
  }),
];

export default function AuditLog() {
  const { options, query, rows, total } = useLoaderData<typeof loader>();
  const filtered = query.userId !== null || query.action !== null || query.from !== null || query.to !== null;
  return (
    <div className="space-y-4">
      <PageHeader
        title="Audit log"
        subtitle="Who changed what, and when: sign-ins, edits, invitations, share links, imports and rescoring."
      />
      <Form method="get" className="card flex flex-wrap items-end gap-3" aria-label="Filter the audit log">
        <label className="text-sm">
          <span className="block font-medium text-slate-800">User</span>
          <select
            name="user"
            defaultValue={query.userId === null ? "" : String(query.userId)}
            className="input mt-1"
          >
            <option value="">Everyone</option>
            {options.users.map((u) => (
              <option key={u.value} value={u.value}>
                {u.label}
              </option>
            ))}
          </select>
        </label>
        <label className="text-sm">
          <span className="block font-medium text-slate-800">Action</span>
          <select name="action" defaultValue={query.action ?? ""} className="input mt-1">
            <option value="">Any action</option>
            {options.actions.map((a) => (
              <option key={a.value} value={a.value}>
                {a.label}
              </option>
            ))}
          </select>
        </label>
        <label className="text-sm">
          <span className="block font-medium text-slate-800">From</span>
          <input type="date" name="from" defaultValue={query.from ?? ""} className="input mt-1" />
        </label>
        <label className="text-sm">
          <span className="block font-medium text-slate-800">To</span>
          <input type="date" name="to" defaultValue={query.to ?? ""} className="input mt-1" />
        </label>
        <input type="hidden" name="dir" value={query.dir} />
        <button type="submit" className="btn">
          Apply
        </button>
        {filtered ? (
          <Link to="/audit" className="btn-secondary">
            Clear
          </Link>
        ) : null}
      </Form>
      <DataTable
        caption="Audit log entries"
        columns={columns}
        data={rows}
        state={{ sort: "when", dir: query.dir, page: query.page, pageSize: PAGE_SIZE, total }}
        sortable={["when"]}
        getRowId={(r) => String(r.id)}
        empty={filtered ? "No entries match these filters." : "Nothing has been recorded yet."}
      />
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { Field, FormAlert, FormNotice, PageHeader, SelectField } from "~/components/form-fields";
import { requireUser } from "~/auth/session.server";
import { can, requirePermission } from "~/auth/permissions.server";
import { listClients } from "~/data/clients.server";
import { parseReportRange, rangeQuery } from "~/data/reports.server";
import { createShareLink, listShareLinks, revokeShareLink } from "~/data/share-links.server";
import { SHARE_LINK_MAX_DAYS } from "~/core/time";
import { formatDay } from "~/core/format";
import { parseId } from "~/core/params";
import { fieldErrors } from "~/core/schemas";
import { getDb } from "../../db/connection.server";

export const meta: MetaFunction = () => [{ title: "Client reports · Followthrough" }];

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const optionalDate = z.preprocess(
  (v) => (v === "" ? null : v),
  z.string().regex(DATE, "Use a date like 2026-12-31.").nullable(),
);
const ShareLinkSchema = z
  .object({
    clientId: z.coerce.number({ message: "Choose a client." }).int().positive("Choose a client."),
    from: optionalDate,
    to: optionalDate,
    expiresOn: z.string().regex(DATE, "Choose the date the link stops working."),
    label: z.preprocess((v) => (v === "" ? null : v), z.string().trim().max(120).nullable()),
  })
  .refine((v) => !v.from || !v.to || v.from <= v.to, {
    path: ["to"],
    message: "The end of the period comes after its start.",
  });

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  requirePermission(user, "reports:read");
  const url = new URL(request.url);
  const range = parseReportRange(url.searchParams);
  // A client viewer has one report: their client's.
  if (user.role === "client_viewer") {
    if (!user.client_id) throw new Response(null, { status: 404 });
    return redirect(`/reports/${user.client_id}${rangeQuery(range)}`);
  }
  const selected = parseId(url.searchParams.get("client"));
  if (url.searchParams.get("open") && selected) return redirect(`/reports/${selected}${rangeQuery(range)}`);
  const clients = await listClients(getDb(), user);
  const canShare = can(user, "reports:share");
  const links = canShare ? await listShareLinks(getDb(), user) : [];
  const now = new Date().toISOString();
  const inMonth = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
  return {
    clients: clients.map((c) => ({ value: String(c.id), label: c.name })),
    selected: selected && clients.some((c) => c.id === selected) ? String(selected) : "",
    range,
    canShare,
    defaultExpiry: inMonth,
    latestExpiry: new Date(Date.now() + SHARE_LINK_MAX_DAYS * 86_400_000).toISOString().slice(0, 10),
    links: links.map((l) => ({
      id: l.id,
      client: l.client_name,
      label: l.label,
      period: `${l.from_date ? formatDay(l.from_date) : "all"} – ${l.to_date ? formatDay(l.to_date) : "latest"}`,
      expires: formatDay(l.expires_at),
      status: l.revoked_at ? "Revoked" : l.expires_at <= now ? "Expired" : "Active",
      createdBy: l.created_by_name ?? "—",
      lastOpened: l.last_opened_at ? formatDay(l.last_opened_at, user.timeZone) : "never",
    })),
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  requirePermission(user, "reports:share");
  const form = Object.fromEntries([...(await request.formData())].map(([k, v]) => [k, String(v)]));
  if (form.intent === "create") {
    const parsed = ShareLinkSchema.safeParse(form);
    if (!parsed.success)
      return data(
        { intent: "create" as const, values: form, errors: fieldErrors(parsed.error), link: null },
        { status: 400 },
      );
    const result = await createShareLink(getDb(), user, parsed.data);
    if (!result.ok)
      return data(
        { intent: "create" as const, values: form, errors: { [result.field]: [result.message] }, link: null },
        { status: 400 },
      );
    return data({
      intent: "create" as const,
      values: {},
      errors: {},
      link: `${new URL(request.url).origin}/share/${result.token}`,
    });
  }
  if (form.intent === "revoke") {
    const id = parseId(form.id);
    if (!id || !(await revokeShareLink(getDb(), user, id)))
      return data(
        {
          intent: "revoke" as const,
          values: {},
          errors: { id: ["That link does not exist or is already revoked."] },
          link: null,
        },
        { status: 400 },
      );
    return data({ intent: "revoke" as const, values: {}, errors: {}, link: null });
  }
  throw new Response("Unknown action.", { status: 400 });
}

export default function Reports() {
  const { clients, selected, range, canShare, links, defaultExpiry, latestExpiry } =
    useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state !== "idle";
  const errors: Record<string, string[] | undefined> = result?.intent === "create" ? result.errors : {};
  const values: Record<string, string | undefined> = result?.intent === "create" ? result.values : {};
  const revokeError =
    result?.intent === "revoke" ? (result.errors as Record<string, string[] | undefined>).id : undefined;
  return (
    <div className="space-y-6">
      <PageHeader
        title="Client reports"
        subtitle="A report made to be read by the client: headline figures, the comparison charts, each position's pipeline and findings in plain words."
      />

      <section className="card" aria-labelledby="open-heading">
        <h2 id="open-heading" className="text-lg font-semibold">
          Open a report
        </h2>
        <Form method="get" className="mt-3 flex flex-wrap items-end gap-3">
          <input type="hidden" name="open" value="1" />
          <SelectField label="Client" name="client" options={clients} defaultValue={selected} />
          <Field label="Interviews from" name="from" type="date" defaultValue={range.from ?? ""} />
          <Field label="Interviews to" name="to" type="date" defaultValue={range.to ?? ""} />
          <button type="submit" className="btn">
            Open report
          </button>
        </Form>
      </section>

      {canShare ? (
        <section className="card space-y-4" aria-labelledby="share-heading" id="share">
          <div>
            <h2 id="share-heading" className="text-lg font-semibold">
              Share links
            </h2>
            <p className="text-sm text-slate-600">
              A read-only link to one client&apos;s report that works without an account until it expires or
              you revoke it. It shows the report and nothing else.
            </p>
          </div>
          {result?.intent === "create" && result.link ? (
            <div role="status" className="rounded-md border border-emerald-300 bg-emerald-50 p-3">
              <p className="text-sm font-medium text-emerald-950">
                Link created. Copy it now: it is shown only once.
              </p>
              <label htmlFor="share-link" className="mt-2 block text-sm font-medium text-emerald-950">
                Share link
              </label>
              <input
                id="share-link"
                readOnly
                value={result.link}
                className="input mt-1 font-mono text-xs"
                onFocus={(e) => e.currentTarget.select()}
              />
            </div>
          ) : null}
          {result?.intent === "revoke" ? (
            revokeError ? (
              <FormAlert>{revokeError.join(" ")}</FormAlert>
            ) : (
              <FormNotice>Link revoked: it no longer opens the report.</FormNotice>
            )
          ) : null}
          <Form method="post" className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3" noValidate>
            <input type="hidden" name="intent" value="create" />
            <SelectField
              label="Client"
              name="clientId"
              options={clients}
              emptyOption="Choose a client"
              defaultValue={values.clientId ?? selected}
              errors={errors.clientId}
            />
            <Field
              label="Interviews from (optional)"
              name="from"
              type="date"
              defaultValue={values.from ?? range.from ?? ""}
              errors={errors.from}
            />
            <Field
              label="Interviews to (optional)"
              name="to"
              type="date"
              defaultValue={values.to ?? range.to ?? ""}
              errors={errors.to}
            />
            <Field
              label="Link expires on"
              name="expiresOn"
              type="date"
              max={latestExpiry}
              hint="At most a year from today."
              defaultValue={values.expiresOn ?? defaultExpiry}
              errors={errors.expiresOn}
            />
            <Field
              label="Note for yourself (optional)"
              name="label"
              defaultValue={values.label}
              errors={errors.label}
              hint="e.g. “Q4 review with the client”"
            />
            <div className="flex items-end">
              <button type="submit" className="btn" disabled={busy}>
                Create share link
              </button>
            </div>
          </Form>
          <div className="overflow-x-auto rounded-lg border border-slate-200">
            <table className="w-full text-left text-sm">
              <caption className="sr-only">Share links</caption>
              <thead className="bg-slate-50 text-slate-700">
                <tr>
                  {["Client", "Period", "Status", "Expires", "Created by", "Last opened", ""].map((h, i) => (
                    <th key={i} scope="col" className="px-3 py-2 font-medium">
                      {h || <span className="sr-only">Actions</span>}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {links.length === 0 ? (
                  <tr>
                    <td colSpan={7} className="px-3 py-3 text-slate-600">
                      No share links yet.
                    </td>
                  </tr>
                ) : (
                  links.map((l) => (
                    <tr key={l.id} className="border-t border-slate-100">
                      <th scope="row" className="px-3 py-2 font-medium">
                        {l.client}
                        {l.label ? (
                          <span className="block text-xs font-normal text-slate-600">{l.label}</span>
                        ) : null}
                      </th>
                      <td className="px-3 py-2">{l.period}</td>
                      <td className="px-3 py-2">{l.status}</td>
                      <td className="whitespace-nowrap px-3 py-2">{l.expires}</td>
                      <td className="px-3 py-2">{l.createdBy}</td>
                      <td className="px-3 py-2">{l.lastOpened}</td>
                      <td className="px-3 py-2">
                        {l.status === "Active" ? (
                          <Form method="post">
                            <input type="hidden" name="intent" value="revoke" />
                            <input type="hidden" name="id" value={l.id} />
                            <button
                              type="submit"
                              className="btn-secondary"
                              disabled={busy}
                              aria-label={`Revoke the link to ${l.client}'s report (${l.period})`}
                            >
                              Revoke
                            </button>
                          </Form>
                        ) : null}
                      </td>
                    </tr>
                  ))
                )}
              </tbody>
            </table>
          </div>
        </section>
      ) : null}
      <p className="text-sm text-slate-600">
        Looking for the organization-wide figures? See the <Link to="/dashboard">dashboard</Link>.
      </p>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

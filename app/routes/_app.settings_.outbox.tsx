// The outbox: every message the app has written for this organization, whether it went out, and why
// not. Admins retry a failed message from here.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { StatusFilter } from "~/components/status-filter";
import { FormAlert, FormNotice, PageHeader } from "~/components/form-fields";
import { requireUser } from "~/auth/session.server";
import { requirePermission } from "~/auth/permissions.server";
import {
  countOutbox,
  listOutbox,
  mailFrom,
  MAX_SEND_ATTEMPTS,
  retryMail,
  smtpUrl,
} from "~/data/outbox.server";
import { formatDateTime } from "~/core/format";
import { getDb } from "../../db/connection.server";

export const meta: MetaFunction = () => [{ title: "Outbox · Followthrough" }];

const STATUSES = ["queued", "sending", "sent", "failed"] as const;
const STATUS_LABELS: Record<(typeof STATUSES)[number], string> = {
  queued: "Queued",
  sending: "Sending",
  sent: "Sent",
  failed: "Failed",
};
const KIND_LABELS: Record<string, string> = {
  invite: "Invitation",
  password_reset: "Password reset",
  follow_up: "Follow-up note",
  digest: "Daily digest",
  client_report: "Client report",
  test: "Test",
};

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  requirePermission(user, "mail:manage");
  const given = new URL(request.url).searchParams.get("status");
  const status = STATUSES.find((s) => s === given) ?? null;
  const [rows, counts] = await Promise.all([
    listOutbox(getDb(), user.organization_id, status),
    countOutbox(getDb(), user.organization_id),
  ]);
  const url = smtpUrl();
  let server: string | null = null;
  if (url) {
    try {
      const parsed = new URL(url);
      server = `${parsed.hostname}${parsed.port ? `:${parsed.port}` : ""}`;
    } catch {
      server = "(SMTP_URL is not a URL)";
    }
  }
  return {
    configured: Boolean(url),
    server,
    from: mailFrom(),
    status,
    counts,
    maxAttempts: MAX_SEND_ATTEMPTS,
    rows: rows.map((r) => ({
      id: r.id,
      kind: KIND_LABELS[r.kind] ?? r.kind,
      to: r.to_address,
      subject: r.subject,
      status: r.status,
      statusLabel: STATUS_LABELS[r.status],
      attempts: r.attempts,
      lastError: r.last_error,
      when:
        r.status === "sent" && r.sent_at
          ? `sent ${formatDateTime(r.sent_at, user.timeZone)}`
          : r.status === "queued" && r.attempts > 0
            ? `next try ${formatDateTime(r.next_attempt_at, user.timeZone)}`
            : `queued ${formatDateTime(r.created_at, user.timeZone)}`,
    })),
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  requirePermission(user, "mail:manage");
  const form = await request.formData();
  const id = z.coerce.number().int().positive().safeParse(form.get("id"));
  if (form.get("intent") !== "retry" || !id.success)
    return data({ ok: false, message: "Choose a failed message to retry." }, { status: 400 });
  const done = await retryMail(getDb(), user.organization_id, id.data);
  if (!done)
    return data({ ok: false, message: "That message is not failed (or not yours)." }, { status: 400 });
  return { ok: true, message: "Queued again: it will be sent within a few seconds." };
}

export default function Outbox() {
  const { configured, server, from, status, counts, rows, maxAttempts } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state !== "idle";
  return (
    <div className="space-y-4">
      <PageHeader
        back={{ to: "/settings", label: "Settings" }}
        title="Outbox"
        subtitle="Every mail Followthrough writes for this organization: invitations, password resets, notes on follow-ups, digests and client reports."
      />
      {configured ? (
        <p className="text-sm text-slate-700">
          Mail goes out through <span className="font-mono">{server}</span> from{" "}
          <span className="font-mono">{from}</span>. A message that fails is tried again with growing waits,
          up to {maxAttempts} times; a message the server refuses for good fails at once.
        </p>
      ) : (
        <div role="status" className="card border-amber-300 bg-amber-50 text-sm text-amber-950">
          <h2 className="font-semibold">Mail is not configured</h2>
          <p className="mt-1">
            Nothing is sent: messages wait here as queued. Set <code>SMTP_URL</code> (for example{" "}
            <code>smtp://user:password@smtp.example.com:587</code>) and <code>MAIL_FROM</code> in the
            server&apos;s environment and restart it; the queued messages then go out.
          </p>
        </div>
      )}
      {result ? (
        result.ok ? (
          <FormNotice>{result.message}</FormNotice>
        ) : (
          <FormAlert>{result.message}</FormAlert>
        )
      ) : null}
      <StatusFilter
        path="/settings/outbox"
        label="Filter by status"
        current={status}
        options={(["queued", "sent", "failed"] as const).map((s) => ({
          status: s,
          label: STATUS_LABELS[s],
          count: counts[s],
        }))}
      />
      <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
        <table className="w-full text-left text-sm">
          <caption className="sr-only">Outgoing mail, newest first</caption>
          <thead className="bg-slate-50 text-slate-700">
            <tr>
              <th scope="col" className="px-3 py-2 font-medium">
                Message
              </th>
              <th scope="col" className="px-3 py-2 font-medium">
                To
              </th>
              <th scope="col" className="px-3 py-2 font-medium">
                Status
              </th>
              <th scope="col" className="px-3 py-2 font-medium">
                Attempts
              </th>
              <th scope="col" className="px-3 py-2 font-medium">
                Last error
              </th>
              <th scope="col" className="px-3 py-2 font-medium">
                <span className="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.length === 0 ? (
              <tr>
                <td colSpan={6} className="px-3 py-6 text-center text-slate-600">
                  No mail {status ? `is ${status}` : "yet"}.
                </td>
              </tr>
            ) : null}
            {rows.map((r) => (
              <tr key={r.id} className="border-t border-slate-100 align-top">
                <th scope="row" className="px-3 py-2 font-normal">
                  <span className="block font-medium text-slate-900">{r.subject}</span>
                  <span className="block text-xs text-slate-600">
                    {r.kind} · {r.when}
                  </span>
                </th>
                <td className="px-3 py-2 font-mono text-xs">{r.to}</td>
                <td className="px-3 py-2">
                  <span
                    className={
                      r.status === "failed"
                        ? "font-medium text-red-800"
                        : r.status === "sent"
                          ? "text-emerald-800"
                          : "text-slate-800"
                    }
                  >
                    {r.statusLabel}
                  </span>
                </td>
                <td className="px-3 py-2 tabular-nums">{r.attempts}</td>
                <td className="max-w-xs px-3 py-2 text-xs text-slate-700">{r.lastError ?? "—"}</td>
                <td className="px-3 py-2">
                  {r.status === "failed" ? (
                    <Form method="post">
                      <input type="hidden" name="intent" value="retry" />
                      <input type="hidden" name="id" value={r.id} />
                      <button
                        type="submit"
                        className="btn-secondary"
                        disabled={busy}
                        aria-label={`Retry “${r.subject}” to ${r.to}`}
                      >
                        Retry
                      </button>
                    </Form>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

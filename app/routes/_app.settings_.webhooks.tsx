// Outgoing webhooks (issue 22, item 4): the endpoints that receive the organization's events, each
// with its signing secret (shown once, rotated here), and every delivery with its answer. Admins only.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { StatusFilter } from "~/components/status-filter";
import { Field, FormAlert, FormNotice, PageHeader } from "~/components/form-fields";
import { requireUser } from "~/auth/session.server";
import { requirePermission } from "~/auth/permissions.server";
import {
  allowPrivateDestinations,
  countWebhookDeliveries,
  createWebhookEndpoint,
  deleteWebhookEndpoint,
  listWebhookDeliveries,
  listWebhookEndpoints,
  retryWebhookDelivery,
  rotateWebhookSecret,
  updateWebhookEndpoint,
} from "~/data/webhooks.server";
import { formatDateTime } from "~/core/format";
import { fieldErrors } from "~/core/schemas";
import { WEBHOOK_EVENT_LABELS, WEBHOOK_EVENTS, type WebhookEventType } from "~/core/webhook-events";
import {
  WEBHOOK_KEEP_DAYS,
  WEBHOOK_RETRIES,
  WebhookEndpointSchema,
  WebhookEventsSchema,
} from "~/core/webhooks";
import { getDb } from "../../db/connection.server";

export const meta: MetaFunction = () => [{ title: "Webhooks · Followthrough" }];

const STATUSES = ["queued", "sending", "sent", "failed"] as const;
const STATUS_LABELS: Record<(typeof STATUSES)[number], string> = {
  queued: "Queued",
  sending: "Sending",
  sent: "Delivered",
  failed: "Failed",
};

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  requirePermission(user, "webhooks:manage");
  const given = new URL(request.url).searchParams.get("status");
  const status = STATUSES.find((s) => s === given) ?? null;
  const db = getDb();
  const [endpoints, deliveries, counts] = await Promise.all([
    listWebhookEndpoints(db, user.organization_id),
    listWebhookDeliveries(db, user.organization_id, status),
    countWebhookDeliveries(db, user.organization_id),
  ]);
  const now = new Date().toISOString();
  return {
    allowPrivate: allowPrivateDestinations(),
    maxAttempts: WEBHOOK_RETRIES.maxAttempts,
    status,
    counts,
    endpoints: endpoints.map((e) => ({
      id: e.id,
      url: e.url,
      events: e.events,
      enabled: e.enabled,
      created: formatDateTime(e.created_at, user.timeZone),
      previousSecretUntil:
        e.previous_secret_expires_at && e.previous_secret_expires_at > now
          ? formatDateTime(e.previous_secret_expires_at, user.timeZone)
          : null,
    })),
    deliveries: deliveries.map((d) => ({
      id: d.id,
      eventId: d.event_id,
      type: d.event_type,
      label: WEBHOOK_EVENT_LABELS[d.event_type]?.label ?? d.event_type,
      url: d.url,
      status: d.status,
      statusLabel: STATUS_LABELS[d.status],
      attempts: d.attempts,
      responseStatus: d.response_status,
      excerpt: d.response_excerpt,
      lastError: d.last_error,
      retryable: d.status === "failed" || (d.status === "queued" && d.attempts > 0),
      when:
        d.status === "sent" && d.sent_at
          ? `delivered ${formatDateTime(d.sent_at, user.timeZone)}`
          : d.status === "queued" && d.attempts > 0
            ? `next try ${formatDateTime(d.next_attempt_at, user.timeZone)}`
            : `queued ${formatDateTime(d.created_at, user.timeZone)}`,
    })),
  };
}

type ActionResult =
  | { ok: true; message: string; secret?: { url: string; value: string } }
  | { ok: false; message?: string; errors?: Record<string, string[]>; values?: Record<string, unknown> };

const Id = z.coerce.number().int().positive();

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  requirePermission(user, "webhooks:manage");
  const form = await request.formData();
  const intent = form.get("intent");
  const db = getDb();
  const fail = (result: ActionResult) => data(result, { status: 400 });
  const fields = {
    url: form.get("url") ?? undefined,
    events: form.getAll("events"),
    enabled: form.get("enabled"),
  };

  if (intent === "create") {
    const parsed = WebhookEndpointSchema.safeParse(fields);
    const values = {
      url: String(fields.url ?? ""),
      events: fields.events.map(String),
      enabled: fields.enabled === "on",
    };
    if (!parsed.success) return fail({ ok: false, errors: fieldErrors(parsed.error), values });
    const created = await createWebhookEndpoint(db, user, parsed.data);
    if (!created.ok) return fail({ ok: false, errors: { [created.field]: [created.message] }, values });
    return {
      ok: true,
      message: "Endpoint added.",
      secret: { url: parsed.data.url, value: created.secret },
    } satisfies ActionResult;
  }

  const id = Id.safeParse(form.get("id"));
  if (!id.success) return fail({ ok: false, message: "Choose an endpoint or delivery from the page." });
  if (intent === "update") {
    const parsed = WebhookEventsSchema.safeParse(fields);
    if (!parsed.success)
      return fail({ ok: false, message: parsed.error.issues[0]?.message ?? "Choose at least one event." });
    const done = await updateWebhookEndpoint(db, user, id.data, parsed.data);
    return done
      ? ({ ok: true, message: "Endpoint saved." } satisfies ActionResult)
      : fail({ ok: false, message: "That endpoint is gone." });
  }
  if (intent === "rotate") {
    const endpoint = (await listWebhookEndpoints(db, user.organization_id)).find((e) => e.id === id.data);
    const secret = endpoint ? await rotateWebhookSecret(db, user, id.data) : null;
    if (!endpoint || !secret) return fail({ ok: false, message: "That endpoint is gone." });
    return {
      ok: true,
      message: "New secret made. The previous one also signs deliveries for 24 hours.",
      secret: { url: endpoint.url, value: secret },
    } satisfies ActionResult;
  }
  if (intent === "delete") {
    const done = await deleteWebhookEndpoint(db, user, id.data);
    return done
      ? ({ ok: true, message: "Endpoint deleted, with its deliveries." } satisfies ActionResult)
      : fail({ ok: false, message: "That endpoint is gone." });
  }
  if (intent === "retry") {
    const done = await retryWebhookDelivery(db, user.organization_id, id.data);
    return done
      ? ({ ok: true, message: "Queued again: it will be sent within a few seconds." } satisfies ActionResult)
      : fail({ ok: false, message: "That delivery is not waiting or failed (or not yours)." });
  }
  return fail({ ok: false, message: "Unknown action." });
}

/** A signing secret, shown this once. */
function NewSecret({ url, value }: { url: string; value: string }) {
  return (
    <div role="status" className="space-y-2 rounded-md border border-emerald-200 bg-emerald-50 p-3 text-sm">
      <p className="font-medium text-emerald-900">
        Signing secret for <span className="break-all font-mono">{url}</span>. Copy it now into the receiving
        system: it is shown only this once.
      </p>
      <code
        data-testid="webhook-secret"
        className="block break-all rounded bg-white px-1.5 py-0.5 text-slate-900"
      >
        {value}
      </code>
    </div>
  );
}

function EventChoices({
  idPrefix,
  chosen,
  errors,
}: {
  idPrefix: string;
  chosen: readonly string[];
  errors?: string[];
}) {
  return (
    <fieldset aria-describedby={errors?.length ? `${idPrefix}-events-error` : undefined}>
      <legend className="text-sm font-medium text-slate-800">Events</legend>
      <div className="mt-1 space-y-1">
        {WEBHOOK_EVENTS.map((event) => (
          <label key={event} className="flex items-start gap-2 text-sm" htmlFor={`${idPrefix}-${event}`}>
            <input
              id={`${idPrefix}-${event}`}
              type="checkbox"
              name="events"
              value={event}
              defaultChecked={chosen.includes(event)}
              className="mt-1"
            />
            <span>
              <span className="font-medium">{WEBHOOK_EVENT_LABELS[event].label}</span>{" "}
              <code className="text-xs text-slate-600">{event}</code>
              <span className="block text-xs text-slate-600">When {WEBHOOK_EVENT_LABELS[event].when}.</span>
            </span>
          </label>
        ))}
      </div>
      {errors?.length ? (
        <p id={`${idPrefix}-events-error`} className="mt-1 text-sm text-red-700">
          {errors.join(" ")}
        </p>
      ) : null}
    </fieldset>
  );
}

export default function Webhooks() {
  const { allowPrivate, maxAttempts, status, counts, endpoints, deliveries } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as ActionResult | undefined;
  const busy = useNavigation().state !== "idle";
  const errors = result && !result.ok ? (result.errors ?? {}) : {};
  const values = (result && !result.ok ? result.values : undefined) as
    { url: string; events: string[]; enabled: boolean } | undefined;
  return (
    <div className="space-y-6">
      <PageHeader
        back={{ to: "/settings", label: "Settings" }}
        title="Webhooks"
        subtitle="Followthrough POSTs an event to each endpoint that wants it: when a follow-up arrives or is scored, when an interview's last window closes with nothing, when an application's outcome changes."
      />
      <div className="card space-y-2 text-sm text-slate-700">
        <p>
          Each delivery is JSON (<code>{"{ id, type, created_at, data }"}</code>) signed with the
          endpoint&apos;s secret: <code>Followthrough-Signature: t=…,v1=…</code>, an HMAC-SHA256 of{" "}
          <code>t.body</code>. A 2xx answer within 10 seconds is delivered; anything else is tried again with
          growing waits, up to {maxAttempts} times, and listed below for {WEBHOOK_KEEP_DAYS} days. The
          payloads are described in the{" "}
          <a className="underline" href="/api/v1/docs">
            API reference
          </a>
          .
        </p>
        {allowPrivate ? (
          <p className="text-amber-900">
            This server lets webhooks reach private addresses (<code>WEBHOOKS_ALLOW_PRIVATE=1</code>): this
            machine, the private network and link-local addresses too.
          </p>
        ) : (
          <p>
            Webhooks go only to public addresses: URLs that name or resolve to this machine, a private network
            or a link-local address are refused, so that nobody can use them to reach inside your network. The
            server&apos;s administrator can allow them with <code>WEBHOOKS_ALLOW_PRIVATE=1</code>.
          </p>
        )}
      </div>

      {result?.ok && result.secret ? <NewSecret url={result.secret.url} value={result.secret.value} /> : null}
      {result?.ok && !result.secret ? <FormNotice>{result.message}</FormNotice> : null}
      {result && !result.ok && result.message ? <FormAlert>{result.message}</FormAlert> : null}

      <section className="card max-w-2xl" aria-labelledby="new-endpoint-heading">
        <h2 id="new-endpoint-heading" className="text-lg font-semibold">
          New endpoint
        </h2>
        <Form method="post" className="mt-4 space-y-4" noValidate key={result?.ok ? "done" : "form"}>
          <input type="hidden" name="intent" value="create" />
          <Field
            label="URL"
            name="url"
            type="url"
            defaultValue={values?.url}
            placeholder="https://hooks.example.com/followthrough"
            errors={errors.url}
          />
          <EventChoices
            idPrefix="new"
            chosen={values?.events ?? ["follow_up.received", "follow_up.scored"]}
            errors={errors.events}
          />
          <label className="flex items-center gap-2 text-sm" htmlFor="new-enabled">
            <input id="new-enabled" type="checkbox" name="enabled" defaultChecked={values?.enabled ?? true} />
            Enabled: send events now
          </label>
          <button type="submit" className="btn" disabled={busy}>
            Add endpoint
          </button>
        </Form>
      </section>

      <section aria-labelledby="endpoints-heading" className="space-y-3">
        <h2 id="endpoints-heading" className="text-lg font-semibold">
          Endpoints
        </h2>
        {endpoints.length === 0 ? <p className="text-sm text-slate-600">No endpoints yet.</p> : null}
        {endpoints.map((e) => (
          <article key={e.id} className="card space-y-3" aria-label={`Endpoint ${e.url}`}>
            <div>
              <p className="break-all font-mono text-sm">{e.url}</p>
              <p className="text-xs text-slate-600">
                {e.enabled ? "Enabled" : "Disabled: its events wait until it is enabled"} · added {e.created}
                {e.previousSecretUntil
                  ? ` · the previous secret also signs until ${e.previousSecretUntil}`
                  : ""}
              </p>
            </div>
            <Form method="post" className="space-y-3">
              <input type="hidden" name="intent" value="update" />
              <input type="hidden" name="id" value={e.id} />
              <EventChoices idPrefix={`endpoint-${e.id}`} chosen={e.events as WebhookEventType[]} />
              <label className="flex items-center gap-2 text-sm" htmlFor={`endpoint-${e.id}-enabled`}>
                <input
                  id={`endpoint-${e.id}-enabled`}
                  type="checkbox"
                  name="enabled"
                  defaultChecked={e.enabled}
                />
                Enabled
              </label>
              <button type="submit" className="btn-secondary" disabled={busy} aria-label={`Save ${e.url}`}>
                Save
              </button>
            </Form>
            <div className="flex flex-wrap gap-2">
              <Form method="post">
                <input type="hidden" name="intent" value="rotate" />
                <input type="hidden" name="id" value={e.id} />
                <button
                  type="submit"
                  className="btn-secondary"
                  disabled={busy}
                  aria-label={`Rotate the secret of ${e.url}`}
                >
                  Rotate secret
                </button>
              </Form>
              <Form method="post">
                <input type="hidden" name="intent" value="delete" />
                <input type="hidden" name="id" value={e.id} />
                <button
                  type="submit"
                  className="btn-secondary text-red-800"
                  disabled={busy}
                  aria-label={`Delete ${e.url} and its deliveries`}
                >
                  Delete
                </button>
              </Form>
            </div>
          </article>
        ))}
      </section>

      <section aria-labelledby="deliveries-heading" className="space-y-3">
        <h2 id="deliveries-heading" className="text-lg font-semibold">
          Deliveries
        </h2>
        <StatusFilter
          path="/settings/webhooks"
          label="Filter deliveries by status"
          current={status}
          options={(["queued", "sent", "failed"] as const).map((s) => ({
            status: s,
            label: STATUS_LABELS[s],
            count: counts[s],
          }))}
        />
        <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
          <table className="w-full text-left text-sm">
            <caption className="sr-only">Webhook deliveries, newest first</caption>
            <thead className="bg-slate-50 text-slate-700">
              <tr>
                <th scope="col" className="px-3 py-2 font-medium">
                  Event
                </th>
                <th scope="col" className="px-3 py-2 font-medium">
                  Endpoint
                </th>
                <th scope="col" className="px-3 py-2 font-medium">
                  Status
                </th>
                <th scope="col" className="px-3 py-2 font-medium">
                  Attempts
                </th>
                <th scope="col" className="px-3 py-2 font-medium">
                  Answer
                </th>
                <th scope="col" className="px-3 py-2 font-medium">
                  <span className="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {deliveries.length === 0 ? (
                <tr>
                  <td colSpan={6} className="px-3 py-6 text-center text-slate-600">
                    No deliveries {status ? `are ${STATUS_LABELS[status].toLowerCase()}` : "yet"}.
                  </td>
                </tr>
              ) : null}
              {deliveries.map((d) => (
                <tr key={d.id} className="border-t border-slate-100 align-top" data-testid="webhook-delivery">
                  <th scope="row" className="px-3 py-2 font-normal">
                    <span className="block font-medium text-slate-900">{d.label}</span>
                    <span className="block font-mono text-xs text-slate-600">{d.eventId}</span>
                    <span className="block text-xs text-slate-600">{d.when}</span>
                  </th>
                  <td className="max-w-xs break-all px-3 py-2 font-mono text-xs">{d.url}</td>
                  <td className="px-3 py-2">
                    <span
                      className={
                        d.status === "failed"
                          ? "font-medium text-red-800"
                          : d.status === "sent"
                            ? "text-emerald-800"
                            : "text-slate-800"
                      }
                    >
                      {d.statusLabel}
                    </span>
                  </td>
                  <td className="px-3 py-2 tabular-nums">{d.attempts}</td>
                  <td className="max-w-xs px-3 py-2 text-xs text-slate-700">
                    {d.responseStatus !== null ? (
                      <span className="block font-medium">HTTP {d.responseStatus}</span>
                    ) : null}
                    {d.excerpt ? <span className="block break-all font-mono">{d.excerpt}</span> : null}
                    {d.lastError && d.status !== "sent" ? <span className="block">{d.lastError}</span> : null}
                    {d.responseStatus === null && !d.excerpt && !d.lastError ? "—" : null}
                  </td>
                  <td className="px-3 py-2">
                    {d.retryable ? (
                      <Form method="post">
                        <input type="hidden" name="intent" value="retry" />
                        <input type="hidden" name="id" value={d.id} />
                        <button
                          type="submit"
                          className="btn-secondary"
                          disabled={busy}
                          aria-label={`Retry ${d.label} ${d.eventId} to ${d.url}`}
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
      </section>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

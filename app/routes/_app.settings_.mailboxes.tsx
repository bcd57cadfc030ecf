// Mailboxes watched over IMAP (issue 20): connect one (tested before it is saved; the secret sealed and
// never shown again), see each one's status, disconnect it. The watcher is
// app/intake/mailbox-watcher.server.ts, run by the server's background work.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { useState } from "react";
import { z } from "zod";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { Field, FormAlert, FormNotice, PageHeader, SelectField } from "~/components/form-fields";
import { requireUser } from "~/auth/session.server";
import { requirePermission } from "~/auth/permissions.server";
import { connectMailbox, disconnectMailbox, listMailboxes } from "~/data/mailboxes.server";
import { testMailboxConnection } from "~/intake/mailbox.server";
import { nudgeMailboxWatcher } from "~/intake/mailbox-watcher.server";
import { formatDateTime } from "~/core/format";
import { fieldErrors } from "~/core/schemas";
import {
  MAILBOX_AUTH_LABELS,
  MAILBOX_AUTHS,
  MAILBOX_PROVIDERS,
  MailboxSchema,
} from "~/core/mailbox-settings";
import { getDb } from "../../db/connection.server";

export const meta: MetaFunction = () => [{ title: "Mailboxes · Settings · Followthrough" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  requirePermission(user, "mailboxes:manage");
  const mailboxes = await listMailboxes(getDb(), user.organization_id);
  const when = (iso: string | null) => (iso ? formatDateTime(iso, user.timeZone) : null);
  return {
    mailboxes: mailboxes.map((m) => ({
      id: m.id,
      name: `${m.username} on ${m.host}:${m.port}`,
      tls: m.tls,
      auth: MAILBOX_AUTH_LABELS[m.auth],
      connected: m.connected,
      connectedAt: when(m.connectedAt),
      lastMessageAt: when(m.lastMessageAt),
      lastSyncAt: when(m.lastSyncAt),
      lastError: m.lastError,
      lastErrorAt: when(m.lastErrorAt),
      followUps: m.followUps,
      inInbox: m.inInbox,
    })),
    canSeeSettings: user.role === "admin",
  };
}

type ActionData =
  | { intent: "connect"; values: Record<string, string>; errors: Record<string, string[]> }
  | { intent: "disconnect"; message: string };

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  requirePermission(user, "mailboxes:manage");
  const form = Object.fromEntries([...(await request.formData())].map(([k, v]) => [k, String(v)]));
  // What the form shows again after a refusal: never the secret.
  const { secret: _secret, ...values } = form;
  switch (form.intent) {
    case "connect": {
      const parsed = MailboxSchema.safeParse(form);
      if (!parsed.success)
        return data<ActionData>(
          { intent: "connect", values, errors: fieldErrors(parsed.error) },
          { status: 400 },
        );
      const tested = await testMailboxConnection(parsed.data);
      if (!tested.ok)
        return data<ActionData>(
          { intent: "connect", values, errors: { [tested.field]: [tested.message] } },
          { status: 400 },
        );
      await connectMailbox(getDb(), user.organization_id, user.id, parsed.data);
      nudgeMailboxWatcher();
      return redirect("/settings/mailboxes?connected=1");
    }
    case "disconnect": {
      const id = z.coerce.number().int().positive().safeParse(form.mailboxId);
      if (!id.success || !(await disconnectMailbox(getDb(), user.organization_id, id.data, user.id)))
        return data<ActionData>({ intent: "disconnect", message: "No such mailbox." }, { status: 400 });
      return redirect("/settings/mailboxes?disconnected=1");
    }
  }
  throw new Response("Unknown action.", { status: 400 });
}

export default function Mailboxes() {
  const { mailboxes, canSeeSettings } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state !== "idle";
  const [params] = useSearchParams();
  const errors = result?.intent === "connect" ? result.errors : {};
  const values = result?.intent === "connect" ? result.values : {};
  const [auth, setAuth] = useState(values.auth ?? "password");
  return (
    <div className="space-y-6">
      <PageHeader
        back={canSeeSettings ? { to: "/settings", label: "Settings" } : undefined}
        title="Mailboxes"
        subtitle="Follow-ups captured from a mailbox your candidates write to, without forwarding or uploading anything."
      />
      {params.get("connected") ? (
        <FormNotice>
          Mailbox connected. The server signs in within a few seconds and reads its inbox from the start.
        </FormNotice>
      ) : null}
      {params.get("disconnected") ? (
        <FormNotice>Mailbox disconnected: its password or token is deleted.</FormNotice>
      ) : null}
      {result?.intent === "disconnect" ? <FormAlert>{result.message}</FormAlert> : null}

      <section aria-labelledby="what-heading" className="card space-y-2 text-sm text-slate-700">
        <h2 id="what-heading" className="text-base font-semibold text-slate-900">
          What is read, and what is kept
        </h2>
        <p>
          The server watches the mailbox&apos;s INBOX. A message from a candidate&apos;s address, sent after
          one of their interviews, becomes that interview&apos;s follow-up under the same rules as the mail-in
          address: only the candidate&apos;s own words are scored, automatic replies are set aside, and a
          message that could follow interviews for two positions waits in the{" "}
          <Link to="/import/inbox" className="underline">
            Inbox
          </Link>{" "}
          for you to assign.
        </p>
        <p>
          <strong>Nothing else of the mailbox is stored.</strong> Other messages are read no further than
          their sender and date, and never kept. Of the mailbox itself Followthrough keeps only the server,
          the user name, the password or token (encrypted, and never shown again), and how far it has read.
        </p>
      </section>

      <section aria-labelledby="list-heading" className="space-y-2">
        <h2 id="list-heading" className="text-lg font-semibold">
          Connected mailboxes ({mailboxes.length})
        </h2>
        {mailboxes.length === 0 ? (
          <p className="text-sm text-slate-600">No mailbox is connected yet.</p>
        ) : (
          <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
            <table className="w-full text-left text-sm">
              <caption className="sr-only">Mailboxes of this organization and their status</caption>
              <thead className="bg-slate-50 text-slate-700">
                <tr>
                  <th scope="col" className="px-3 py-2 font-medium">
                    Mailbox
                  </th>
                  <th scope="col" className="px-3 py-2 font-medium">
                    Status
                  </th>
                  <th scope="col" className="px-3 py-2 font-medium">
                    Last message seen
                  </th>
                  <th scope="col" className="px-3 py-2 font-medium">
                    Captured
                  </th>
                  <th scope="col" className="px-3 py-2 font-medium">
                    <span className="sr-only">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {mailboxes.map((m) => (
                  <tr key={m.id} className="border-t border-slate-200 align-top">
                    <td className="px-3 py-2">
                      <div className="font-medium">{m.name}</div>
                      <div className="text-xs text-slate-600">
                        {m.tls ? "TLS" : "No TLS"} · {m.auth}
                      </div>
                    </td>
                    <td className="px-3 py-2" data-testid={`mailbox-${m.id}-status`}>
                      {m.connected ? (
                        <span className="font-medium text-emerald-800">Connected since {m.connectedAt}</span>
                      ) : (
                        <span className="font-medium text-amber-800">Not connected</span>
                      )}
                      {m.lastSyncAt ? (
                        <div className="text-xs text-slate-600">Inbox last read {m.lastSyncAt}</div>
                      ) : null}
                      {m.lastError ? (
                        <div className="mt-1 text-xs text-red-800">
                          Last error{m.lastErrorAt ? ` (${m.lastErrorAt})` : ""}: {m.lastError}
                        </div>
                      ) : null}
                    </td>
                    <td className="px-3 py-2">{m.lastMessageAt ?? "None yet"}</td>
                    <td className="px-3 py-2">
                      {m.followUps} {m.followUps === 1 ? "follow-up" : "follow-ups"}
                      {m.inInbox ? (
                        <div className="text-xs text-slate-600">
                          <Link to="/import/inbox" className="underline">
                            {m.inInbox} in the Inbox
                          </Link>
                        </div>
                      ) : null}
                    </td>
                    <td className="px-3 py-2 text-right">
                      <Form method="post">
                        <input type="hidden" name="intent" value="disconnect" />
                        <input type="hidden" name="mailboxId" value={m.id} />
                        <button
                          type="submit"
                          className="btn-secondary"
                          disabled={busy}
                          aria-label={`Disconnect ${m.name}`}
                        >
                          Disconnect
                        </button>
                      </Form>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <section aria-labelledby="connect-heading" className="card space-y-3">
        <h2 id="connect-heading" className="text-lg font-semibold">
          Connect a mailbox
        </h2>
        <p className="text-sm text-slate-700">
          {MAILBOX_PROVIDERS.map((p) => `${p.name}: ${p.host}, port ${p.port}, TLS on`).join(". ")}. Both need
          an app password (or an OAuth2 access token), not the account&apos;s own password; the README says
          how to get one. The connection is tried before anything is saved.
        </p>
        <Form method="post" className="grid gap-3 sm:grid-cols-2" noValidate>
          <input type="hidden" name="intent" value="connect" />
          <Field
            label="IMAP server"
            name="host"
            placeholder="imap.gmail.com"
            autoComplete="off"
            defaultValue={values.host}
            errors={errors.host}
          />
          <div className="grid grid-cols-2 gap-3">
            <Field
              label="Port"
              name="port"
              inputMode="numeric"
              defaultValue={values.port ?? "993"}
              errors={errors.port}
            />
            <SelectField
              label="TLS"
              name="tls"
              options={[
                { value: "on", label: "On (port 993)" },
                { value: "off", label: "Off (port 143)" },
              ]}
              defaultValue={values.tls ?? "on"}
              errors={errors.tls}
            />
          </div>
          <Field
            label="User"
            name="username"
            autoComplete="off"
            placeholder="recruiter@agency.com"
            hint="Usually the mailbox's full email address."
            defaultValue={values.username}
            errors={errors.username}
          />
          <SelectField
            label="Sign in with"
            name="auth"
            options={MAILBOX_AUTHS.map((a) => ({ value: a, label: MAILBOX_AUTH_LABELS[a] }))}
            value={auth}
            onChange={(e) => setAuth(e.currentTarget.value)}
            errors={errors.auth}
          />
          <Field
            label={auth === "xoauth2" ? "Access token" : "Password"}
            name="secret"
            type="password"
            autoComplete="new-password"
            hint="Encrypted before it is stored, and never shown again."
            errors={errors.secret}
            className="sm:col-span-2"
          />
          <div className="sm:col-span-2">
            <button type="submit" className="btn" disabled={busy}>
              {busy ? "Trying the connection…" : "Connect"}
            </button>
          </div>
        </Form>
      </section>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

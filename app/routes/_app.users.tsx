import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useState } from "react";
import { z } from "zod";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { Field, FormAlert, FormNotice, PageHeader, SelectField } from "~/components/form-fields";
import { requireUser } from "~/auth/session.server";
import { requirePermission } from "~/auth/permissions.server";
import { listClients } from "~/data/clients.server";
import { changeRole, inviteUser, listUsers, reissueInvite, setActive } from "~/data/users.server";
import { mailInvite } from "~/data/invite-mail.server";
import { mailLinkBase } from "~/data/outbox.server";
import { ROLE_LABELS, ROLES } from "~/core/roles";
import { formatDateTime } from "~/core/format";
import { fieldErrors } from "~/core/schemas";
import { INVITE_DAYS, InviteSchema, RoleChangeSchema } from "~/core/users";
import { getDb } from "../../db/connection.server";

export const meta: MetaFunction = () => [{ title: "Users · Followthrough" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  requirePermission(user, "users:manage");
  const [users, clients] = await Promise.all([listUsers(getDb(), user), listClients(getDb(), user)]);
  return {
    me: user.id,
    users: users.map((u) => ({
      id: u.id,
      name: u.name,
      email: u.email,
      role: u.role,
      roleLabel: ROLE_LABELS[u.role],
      clientId: u.client_id,
      clientName: u.client_name,
      active: u.active,
      hasPassword: u.has_password,
      lastSignIn: u.last_sign_in_at ? formatDateTime(u.last_sign_in_at, user.timeZone) : "never",
    })),
    clients: clients.map((c) => ({ value: String(c.id), label: c.name })),
    roles: ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r] })),
  };
}

type ActionData =
  | { intent: "invite"; ok: false; values: Record<string, string>; errors: Record<string, string[]> }
  | { intent: "link"; ok: true; name: string; link: string; mailedTo: string | null }
  | { intent: "row"; ok: boolean; userId: number; message: string };

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  requirePermission(user, "users:manage");
  const form = Object.fromEntries([...(await request.formData())].map(([k, v]) => [k, String(v)]));
  const origin = mailLinkBase(request.url);
  const linkFor = (token: string) => `${origin}/invite/${token}`;

  switch (form.intent) {
    case "invite": {
      const parsed = InviteSchema.safeParse(form);
      if (!parsed.success)
        return data<ActionData>(
          { intent: "invite", ok: false, values: form, errors: fieldErrors(parsed.error) },
          { status: 400 },
        );
      const result = await inviteUser(getDb(), user, parsed.data);
      if (!result.ok)
        return data<ActionData>(
          { intent: "invite", ok: false, values: form, errors: { [result.field]: [result.message] } },
          { status: 400 },
        );
      const mailed = await mailInvite(getDb(), user, result.userId!, linkFor(result.token!));
      return data<ActionData>({
        intent: "link",
        ok: true,
        name: parsed.data.name,
        link: linkFor(result.token!),
        mailedTo: mailed.mailed ? mailed.to : null,
      });
    }
    case "role": {
      const parsed = RoleChangeSchema.safeParse(form);
      const userId = Number(form.userId) || 0;
      if (!parsed.success)
        return data<ActionData>(
          {
            intent: "row",
            ok: false,
            userId,
            message: Object.values(fieldErrors(parsed.error)).flat().join(" "),
          },
          { status: 400 },
        );
      const result = await changeRole(
        getDb(),
        user,
        parsed.data.userId,
        parsed.data.role,
        parsed.data.clientId,
      );
      if (!result.ok)
        return data<ActionData>(
          { intent: "row", ok: false, userId, message: result.message },
          { status: 400 },
        );
      return data<ActionData>({
        intent: "row",
        ok: true,
        userId,
        message: `Role changed to ${ROLE_LABELS[parsed.data.role]}.`,
      });
    }
    case "deactivate":
    case "reactivate":
    case "link": {
      const id = z.coerce.number().int().positive().safeParse(form.userId);
      if (!id.success)
        return data<ActionData>(
          { intent: "row", ok: false, userId: 0, message: "No such user." },
          { status: 400 },
        );
      if (form.intent === "link") {
        const result = await reissueInvite(getDb(), user, id.data);
        if (!result.ok)
          return data<ActionData>(
            { intent: "row", ok: false, userId: id.data, message: result.message },
            { status: 400 },
          );
        const mailed = await mailInvite(getDb(), user, id.data, linkFor(result.token!));
        return data<ActionData>({
          intent: "link",
          ok: true,
          name: form.name ?? "this user",
          link: linkFor(result.token!),
          mailedTo: mailed.mailed ? mailed.to : null,
        });
      }
      const active = form.intent === "reactivate";
      const result = await setActive(getDb(), user, id.data, active);
      if (!result.ok)
        return data<ActionData>(
          { intent: "row", ok: false, userId: id.data, message: result.message },
          { status: 400 },
        );
      return data<ActionData>({
        intent: "row",
        ok: true,
        userId: id.data,
        message: active ? "Reactivated." : "Deactivated: their sessions have ended.",
      });
    }
  }
  throw new Response("Unknown action.", { status: 400 });
}

export default function Users() {
  const { users, clients, roles, me } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state !== "idle";
  const inviteErrors = result?.intent === "invite" ? result.errors : {};
  const inviteValues = result?.intent === "invite" ? result.values : {};
  const [inviteRole, setInviteRole] = useState(inviteValues.role ?? "recruiter");
  return (
    <div className="space-y-6">
      <PageHeader
        title="Users"
        subtitle="Invite people with a role, change roles, and deactivate accounts. A deactivated user is signed out at once."
      />

      {result?.intent === "link" ? (
        <div role="status" className="card border-emerald-300 bg-emerald-50">
          <h2 className="font-semibold text-emerald-950">
            {result.mailedTo ? `Invitation mailed to ${result.mailedTo}` : `Send this link to ${result.name}`}
          </h2>
          <p className="mt-1 text-sm text-emerald-950">
            It sets their password, works once, and expires in {INVITE_DAYS} days. It is shown only now: copy
            it before leaving this page{result.mailedTo ? " if you want to send it another way too" : ""}.
          </p>
          <label className="mt-2 block text-sm font-medium text-emerald-950" htmlFor="invite-link">
            One-time link
          </label>
          <input
            id="invite-link"
            readOnly
            value={result.link}
            className="input mt-1 font-mono text-xs"
            onFocus={(e) => e.currentTarget.select()}
          />
        </div>
      ) : null}

      <section className="card" aria-labelledby="invite-heading">
        <h2 id="invite-heading" className="text-lg font-semibold">
          Invite someone
        </h2>
        {/* A new key after each invitation empties the form for the next one. */}
        <Form
          method="post"
          className="mt-3 grid gap-3 sm:grid-cols-2 lg:grid-cols-5 lg:items-start"
          noValidate
          key={result?.intent === "link" ? result.link : "invite"}
        >
          <input type="hidden" name="intent" value="invite" />
          <Field label="Name" name="name" defaultValue={inviteValues.name} errors={inviteErrors.name} />
          <Field
            label="Email"
            name="email"
            type="email"
            defaultValue={inviteValues.email}
            errors={inviteErrors.email}
          />
          <SelectField
            label="Role"
            name="role"
            options={roles}
            value={inviteRole}
            onChange={(e) => setInviteRole(e.currentTarget.value)}
            errors={inviteErrors.role}
          />
          <SelectField
            label="Client (client viewers only)"
            name="clientId"
            options={clients}
            emptyOption="—"
            defaultValue={inviteValues.clientId ?? ""}
            disabled={inviteRole !== "client_viewer"}
            errors={inviteErrors.clientId}
          />
          <div className="pt-6">
            <button type="submit" className="btn" disabled={busy}>
              Create invitation link
            </button>
          </div>
        </Form>
      </section>

      <section aria-labelledby="people-heading" className="space-y-2">
        <h2 id="people-heading" className="text-lg font-semibold">
          People ({users.length})
        </h2>
        <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
          <table className="w-full text-left text-sm">
            <caption className="sr-only">Users of this organization</caption>
            <thead className="bg-slate-50 text-slate-700">
              <tr>
                <th scope="col" className="px-3 py-2 font-medium">
                  Person
                </th>
                <th scope="col" className="px-3 py-2 font-medium">
                  Role
                </th>
                <th scope="col" className="px-3 py-2 font-medium">
                  Status
                </th>
                <th scope="col" className="px-3 py-2 font-medium">
                  Last sign-in
                </th>
                <th scope="col" className="px-3 py-2 font-medium">
                  Actions
                </th>
              </tr>
            </thead>
            <tbody>
              {users.map((u) => (
                <UserRow
                  key={u.id}
                  user={u}
                  roles={roles}
                  clients={clients}
                  self={u.id === me}
                  message={result?.intent === "row" && result.userId === u.id ? result : null}
                  busy={busy}
                />
              ))}
            </tbody>
          </table>
        </div>
      </section>
    </div>
  );
}

type Row = ReturnType<typeof useLoaderData<typeof loader>>["users"][number];

function UserRow({
  user: u,
  roles,
  clients,
  self,
  message,
  busy,
}: {
  user: Row;
  roles: { value: string; label: string }[];
  clients: { value: string; label: string }[];
  self: boolean;
  message: { ok: boolean; message: string } | null;
  busy: boolean;
}) {
  const [role, setRole] = useState<string>(u.role);
  return (
    <tr className={`border-t border-slate-100 align-top ${u.active ? "" : "bg-slate-50 text-slate-600"}`}>
      <th scope="row" className="px-3 py-2 font-normal">
        <span className="block font-medium text-slate-900">
          {u.name}
          {self ? " (you)" : ""}
        </span>
        <span className="block text-xs text-slate-600">{u.email}</span>
      </th>
      <td className="px-3 py-2">
        <Form method="post" className="flex flex-wrap items-end gap-2" aria-label={`Role of ${u.name}`}>
          <input type="hidden" name="intent" value="role" />
          <input type="hidden" name="userId" value={u.id} />
          <label className="text-xs">
            <span className="sr-only">Role of {u.name}</span>
            <select
              name="role"
              className="input"
              value={role}
              onChange={(e) => setRole(e.currentTarget.value)}
              disabled={!u.active}
            >
              {roles.map((r) => (
                <option key={r.value} value={r.value}>
                  {r.label}
                </option>
              ))}
            </select>
          </label>
          {role === "client_viewer" ? (
            <label className="text-xs">
              <span className="sr-only">Client {u.name} may see</span>
              <select
                name="clientId"
                className="input"
                defaultValue={u.clientId ? String(u.clientId) : ""}
                disabled={!u.active}
              >
                <option value="">Choose a client</option>
                {clients.map((c) => (
                  <option key={c.value} value={c.value}>
                    {c.label}
                  </option>
                ))}
              </select>
            </label>
          ) : null}
          <button type="submit" className="btn-secondary" disabled={busy || !u.active}>
            Save role
          </button>
        </Form>
        {message ? (
          <div className="mt-2">
            {message.ok ? (
              <FormNotice>{message.message}</FormNotice>
            ) : (
              <FormAlert>{message.message}</FormAlert>
            )}
          </div>
        ) : null}
      </td>
      <td className="px-3 py-2">
        {!u.active ? "Deactivated" : u.hasPassword ? "Active" : "Invited (no password yet)"}
      </td>
      <td className="whitespace-nowrap px-3 py-2">{u.lastSignIn}</td>
      <td className="px-3 py-2">
        <div className="flex flex-wrap gap-2">
          {u.active && !u.hasPassword ? (
            <Form method="post">
              <input type="hidden" name="intent" value="link" />
              <input type="hidden" name="userId" value={u.id} />
              <input type="hidden" name="name" value={u.name} />
              <button type="submit" className="btn-secondary" disabled={busy}>
                New invitation link
              </button>
            </Form>
          ) : null}
          {self ? null : (
            <Form method="post">
              <input type="hidden" name="intent" value={u.active ? "deactivate" : "reactivate"} />
              <input type="hidden" name="userId" value={u.id} />
              <button
                type="submit"
                className="btn-secondary"
                disabled={busy}
                aria-label={`${u.active ? "Deactivate" : "Reactivate"} ${u.name}`}
              >
                {u.active ? "Deactivate" : "Reactivate"}
              </button>
            </Form>
          )}
        </div>
      </td>
    </tr>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

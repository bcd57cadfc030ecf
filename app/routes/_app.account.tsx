import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { Field, FormNotice, PageHeader } from "~/components/form-fields";
import { weakPasswordReason } from "~/auth/password.server";
import { endAllSessions, requireUser } from "~/auth/session.server";
import { requirePermission } from "~/auth/permissions.server";
import { listUserSessions } from "~/data/sessions.server";
import { changeOwnPassword, getTimeZoneChoice, setOwnTimeZone } from "~/data/users.server";
import { TimeZoneField } from "~/components/time-zone-field";
import { DisplayTimeZoneSchema } from "~/core/settings";
import { describeZone, formatZoned, timeZoneGroups } from "~/core/time";
import { ROLE_LABELS } from "~/core/roles";
import { formatDay, formatMinutes } from "~/core/format";
import { fieldErrors } from "~/core/schemas";
import { describeUserAgent } from "~/core/user-agent";
import { ChangePasswordSchema } from "~/core/users";
import { NewPasswordFields } from "~/components/new-password-form";
import { getMailPreferences, setMailPreferences } from "~/data/mail-preferences.server";
import { getDb } from "../../db/connection.server";

export const meta: MetaFunction = () => [{ title: "Your account · Followthrough" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  requirePermission(user, "account:write");
  const now = Date.now();
  const sessions = (await listUserSessions(getDb(), user.id)).map((s) => ({
    id: s.id,
    browser: describeUserAgent(s.user_agent),
    signedIn: formatDay(s.created_at, user.timeZone),
    lastActive: lastActive(s.id === user.sessionId, (now - Date.parse(s.last_seen_at)) / 60_000),
    current: s.id === user.sessionId,
  }));
  const zones = await getTimeZoneChoice(getDb(), user);
  const zone = {
    own: zones.own ?? "",
    organization: zones.organization,
    shown: describeZone(user.timeZone, now),
    example: formatZoned(now, user.timeZone),
    groups: timeZoneGroups(now),
  };
  // Client viewers manage no position: no note or digest is ever theirs.
  const mail = user.role === "client_viewer" ? null : await getMailPreferences(getDb(), user);
  return { name: user.name, email: user.email, role: ROLE_LABELS[user.role], sessions, zone, mail };
}

/** "now" for this browser; "within the last minute", or "2 h 05 min ago" (last_seen_at moves once a minute). */
function lastActive(current: boolean, minutesAgo: number): string {
  if (current) return "now";
  return minutesAgo < 1 ? "within the last minute" : `${formatMinutes(minutesAgo)} ago`;
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  requirePermission(user, "account:write");
  const form = Object.fromEntries([...(await request.formData())].map(([k, v]) => [k, String(v)]));
  if (form.intent === "sign-out-everywhere") return endAllSessions(request, user);
  if (form.intent === "mail") {
    await setMailPreferences(getDb(), user, {
      followUps: form.followUps === "on",
      digest: form.digest === "on",
    });
    return { ok: false, mailSaved: true, errors: {} as Record<string, string[]> };
  }
  if (form.intent === "time-zone") {
    const zone = DisplayTimeZoneSchema.safeParse({ timeZone: form.timeZone ?? "" });
    if (!zone.success)
      return data({ ok: false, zoneSaved: false, errors: fieldErrors(zone.error) }, { status: 400 });
    await setOwnTimeZone(getDb(), user, zone.data.timeZone);
    return { ok: false, zoneSaved: true, errors: {} as Record<string, string[]> };
  }
  const parsed = ChangePasswordSchema.safeParse(form);
  if (!parsed.success) return data({ ok: false, errors: fieldErrors(parsed.error) }, { status: 400 });
  const weak = await weakPasswordReason(parsed.data.password);
  if (weak)
    return data({ ok: false, errors: { password: [weak] } as Record<string, string[]> }, { status: 400 });
  const result = await changeOwnPassword(
    getDb(),
    user,
    parsed.data.current,
    parsed.data.password,
    user.sessionId,
  );
  if (!result.ok) return data({ ok: false, errors: { [result.field]: [result.message] } }, { status: 400 });
  return { ok: true, errors: {} as Record<string, string[]> };
}

export default function Account() {
  const { name, email, role, sessions, zone, mail } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const busy = navigation.state !== "idle";
  const errors: Record<string, string[] | undefined> = result?.errors ?? {};
  const others = sessions.filter((s) => !s.current).length;
  return (
    <div className="max-w-2xl space-y-4">
      <PageHeader title="Your account" subtitle={`${name} · ${email} · ${role}`} />
      <p className="text-sm">
        <a href="/account/tokens" className="underline">
          Your API tokens
        </a>
        : scripts and other tools that act as you through the API.
      </p>
      <section className="card" aria-labelledby="time-zone-heading">
        <h2 id="time-zone-heading" className="text-lg font-semibold">
          Time zone
        </h2>
        <p className="mt-1 text-sm text-slate-600">
          Every time in the app is shown to you in {zone.shown}: now it is {zone.example}. Forms start in it
          too.
        </p>
        {result && "zoneSaved" in result && result.zoneSaved ? (
          <div className="mt-3">
            <FormNotice>Your time zone has been saved.</FormNotice>
          </div>
        ) : null}
        <Form method="post" className="mt-4 space-y-4" noValidate key={`zone-${zone.own}`}>
          <input type="hidden" name="intent" value="time-zone" />
          <TimeZoneField
            label="Show times in"
            name="timeZone"
            groups={zone.groups}
            defaultValue={zone.own}
            firstOption={{ value: "", label: `Organization default (${zone.organization})` }}
            hint="Type a city's first letters to find it."
            errors={errors.timeZone}
          />
          <button type="submit" className="btn" disabled={busy}>
            Save time zone
          </button>
        </Form>
      </section>
      {mail ? (
        <section className="card" aria-labelledby="mail-heading">
          <h2 id="mail-heading" className="text-lg font-semibold">
            Mail
          </h2>
          <p className="mt-1 text-sm text-slate-600">
            What Followthrough mails you about the positions you manage or recruit for. Each mail has a link
            to stop it too.
          </p>
          {result && "mailSaved" in result && result.mailSaved ? (
            <div className="mt-3">
              <FormNotice>Your mail choices have been saved.</FormNotice>
            </div>
          ) : null}
          <Form method="post" className="mt-4 space-y-3" key={`mail-${mail.followUps}-${mail.digest}`}>
            <input type="hidden" name="intent" value="mail" />
            <label className="flex items-start gap-2 text-sm">
              <input type="checkbox" name="followUps" defaultChecked={mail.followUps} className="mt-1" />
              <span>When a candidate follows up: their window, score and a link</span>
            </label>
            <label className="flex items-start gap-2 text-sm">
              <input type="checkbox" name="digest" defaultChecked={mail.digest} className="mt-1" />
              <span>Every morning: the follow-up windows closing within the day</span>
            </label>
            <button type="submit" className="btn" disabled={busy}>
              Save mail choices
            </button>
          </Form>
        </section>
      ) : null}
      <section className="card max-w-md" aria-labelledby="password-heading">
        <h2 id="password-heading" className="text-lg font-semibold">
          Change your password
        </h2>
        {result?.ok ? (
          <div className="mt-3">
            <FormNotice>
              Your password has been changed, and every other browser signed in as you has been signed out.
            </FormNotice>
          </div>
        ) : null}
        <Form method="post" className="mt-4 space-y-4" noValidate key={result?.ok ? "done" : "form"}>
          <input type="hidden" name="intent" value="password" />
          <Field
            label="Current password"
            name="current"
            type="password"
            autoComplete="current-password"
            errors={errors.current}
          />
          <NewPasswordFields confirmLabel="Confirm new password" errors={errors} />
          <button type="submit" className="btn" disabled={busy}>
            Change password
          </button>
        </Form>
      </section>
      <section className="card" aria-labelledby="sessions-heading">
        <h2 id="sessions-heading" className="text-lg font-semibold">
          Where you are signed in
        </h2>
        <p className="mt-1 text-sm text-slate-600">
          {others === 0
            ? "Only in this browser."
            : `In this browser and ${others === 1 ? "one other" : `${others} others`}.`}{" "}
          A session ends after 14 days, or after 3 days without use.
        </p>
        <table className="mt-3 w-full text-left text-sm">
          <thead>
            <tr className="text-slate-600">
              <th className="py-1 pr-3 font-medium">Browser</th>
              <th className="py-1 pr-3 font-medium">Signed in</th>
              <th className="py-1 font-medium">Last active</th>
            </tr>
          </thead>
          <tbody>
            {sessions.map((s) => (
              <tr key={s.id} className="border-t border-slate-100">
                <td className="py-1 pr-3">
                  {s.browser}
                  {s.current ? (
                    <span className="ml-2 rounded bg-slate-100 px-1.5 py-0.5 text-xs text-slate-700">
                      this browser
                    </span>
                  ) : null}
                </td>
                <td className="whitespace-nowrap py-1 pr-3">{s.signedIn}</td>
                <td className="whitespace-nowrap py-1">{s.lastActive}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <Form method="post" className="mt-4 flex flex-wrap items-center gap-3">
          <input type="hidden" name="intent" value="sign-out-everywhere" />
          <button type="submit" className="btn-secondary" disabled={busy}>
            Sign out everywhere
          </button>
          <span className="text-sm text-slate-600">
            Ends every session, this one included: use it if a device was lost or shared.
          </span>
        </Form>
      </section>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

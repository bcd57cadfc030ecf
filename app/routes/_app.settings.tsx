import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useRevalidator } from "@remix-run/react";
import { useEffect } from "react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { requireUser } from "~/auth/session.server";
import { requirePermission } from "~/auth/permissions.server";
import { getOrganizationSettings } from "~/data/organizations.server";
import { previewSettingsChange, saveSettings } from "~/data/settings.server";
import { latestRescoreJob, startRescoreJob } from "~/data/jobs.server";
import { fieldErrors, SettingsFormSchema } from "~/core/schemas";
import { PART_LABELS, RUBRIC_PARTS } from "~/core/rubric-parts";
import type { OrgSettings } from "~/core/settings";
import { TIMED_WINDOWS, WINDOW_LABELS, type TimedWindow } from "~/core/windows";
import { formatDateTime } from "~/core/format";
import { OrganizationTimeZoneSchema } from "~/core/settings";
import { describeZone, timeZoneGroups } from "~/core/time";
import { TimeZoneField } from "~/components/time-zone-field";
import { getOrganizationTimeZone } from "~/data/organizations.server";
import { saveOrganizationTimeZone } from "~/data/settings.server";
import { mailInState, type MailInState } from "~/intake/smtp.server";
import { getDb } from "../../db/connection.server";

export const meta: MetaFunction = () => [{ title: "Settings · Followthrough" }];

const WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];
/** What the article said of each window (its defaults), beside the field that sets it. */
const WINDOW_HINTS: Record<TimedWindow, string> = {
  best: "“Sent a note within six hours.”",
  ideal: "“Within 12 hours, ideally the same day.”",
  acceptable: "Later “sends the message that you're not that interested.”",
  late: "“By day three the hiring manager moved on.” After this: no follow-up.",
};

/** The form's values as strings, from stored settings. */
function formValues(s: OrgSettings): Record<string, string | string[]> {
  return {
    start: s.workingHours.start,
    end: s.workingHours.end,
    days: s.workingHours.days.map(String),
    ...Object.fromEntries(Object.entries(s.windows).map(([k, m]) => [k, String(m / 60)])),
    ...Object.fromEntries(RUBRIC_PARTS.map((p) => [p, String(s.weights[p])])),
    ...(s.scoring.penalizeMachineStyle ? { penalizeMachineStyle: "on" } : {}),
  };
}

async function jobView(organizationId: number, timeZone: string) {
  const job = await latestRescoreJob(getDb(), organizationId);
  if (!job) return null;
  return {
    status: job.status,
    done: job.done,
    total: job.total,
    started: formatDateTime(job.started_at, timeZone),
    error: job.error,
    // Taken over after its server stopped (app/data/jobs.server.ts): said, so a jump in progress is explained.
    resumed: job.resumed > 0 && job.resumed_at ? formatDateTime(job.resumed_at, timeZone) : null,
  };
}

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  requirePermission(user, "settings:write");
  const settings = await getOrganizationSettings(getDb(), user.organization_id);
  const timeZone = await getOrganizationTimeZone(getDb(), user.organization_id);
  const now = Date.now();
  return {
    values: formValues(settings),
    job: await jobView(user.organization_id, user.timeZone),
    zone: { value: timeZone, described: describeZone(timeZone, now), groups: timeZoneGroups(now) },
    // The receiver in this process, asked directly (app/intake/smtp.server.ts), not probed over the network.
    mailIn: mailInState(request.url),
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  requirePermission(user, "settings:write");
  const formData = await request.formData();
  const intent = formData.get("intent");
  if (intent === "rescore") {
    await startRescoreJob(getDb(), user.organization_id, user.id);
    return redirect("/settings");
  }
  if (intent === "time-zone") {
    const parsed = OrganizationTimeZoneSchema.safeParse({ timeZone: formData.get("timeZone") ?? "" });
    if (!parsed.success) return data({ zoneErrors: fieldErrors(parsed.error) }, { status: 400 });
    await saveOrganizationTimeZone(getDb(), user, parsed.data.timeZone);
    return redirect("/settings");
  }
  const raw = { ...Object.fromEntries(formData), days: formData.getAll("days") };
  const values = Object.fromEntries(
    Object.entries(raw).map(([k, v]) => [k, Array.isArray(v) ? v.map(String) : String(v)]),
  );
  const parsed = SettingsFormSchema.safeParse(raw);
  if (!parsed.success)
    return data({ values, errors: fieldErrors(parsed.error), preview: null }, { status: 400 });

  const current = await getOrganizationSettings(getDb(), user.organization_id);
  if (intent === "preview") {
    return {
      values,
      errors: {},
      preview: await previewSettingsChange(getDb(), user.organization_id, current, parsed.data),
    };
  }
  await saveSettings(getDb(), user, current, parsed.data);
  await startRescoreJob(getDb(), user.organization_id, user.id);
  return redirect("/settings");
}

/** The settings that have a page of their own. */
const MORE_SETTINGS = [
  {
    to: "/settings/mailboxes",
    label: "Mailboxes",
    what: "follow-ups read by themselves from your team's mailboxes",
  },
  { to: "/settings/outbox", label: "Outbox", what: "the mail Followthrough sends, and whether it went out" },
  {
    to: "/settings/branding",
    label: "Report branding",
    what: "your name, logo and colour on client reports",
  },
  { to: "/settings/ats", label: "Applicant tracking system", what: "Greenhouse's events move your pipeline" },
  {
    to: "/settings/tokens",
    label: "Organization API tokens",
    what: "let other systems read and write through the API",
  },
  {
    to: "/settings/webhooks",
    label: "Webhooks",
    what: "tell other systems when follow-ups and outcomes happen",
  },
  {
    to: "/settings/self-identification",
    label: "Self-identification choices",
    what: "the answers offered for the adverse-impact audit",
  },
  { to: "/settings/notice", label: "Notice to candidates", what: "shown on shared reports and data exports" },
  {
    to: "/settings/retention",
    label: "Retention",
    what: "erasing candidates with no activity for a number of months",
  },
];

export default function Settings() {
  const loaded = useLoaderData<typeof loader>();
  const posted = useActionData<typeof action>();
  const result = posted && "values" in posted ? posted : undefined;
  const zoneErrors = posted && "zoneErrors" in posted ? posted.zoneErrors : {};
  const values = result?.values ?? loaded.values;
  const errors: Record<string, string[]> = result?.errors ?? {};
  const busy = useNavigation().state !== "idle";
  const weightTotal = RUBRIC_PARTS.reduce((sum, p) => sum + Number(values[p] ?? 0), 0);

  const field = (name: string) => ({
    id: `settings-${name}`,
    name,
    defaultValue: values[name] as string,
    "aria-invalid": errors[name] ? true : undefined,
    "aria-describedby": errors[name] ? `settings-${name}-error` : undefined,
  });
  const error = (name: string) =>
    errors[name] ? (
      <p id={`settings-${name}-error`} className="mt-1 text-sm text-red-700">
        {errors[name].join(" ")}
      </p>
    ) : null;

  return (
    <div className="max-w-3xl space-y-6">
      <div>
        <h1 className="text-2xl font-semibold">Settings</h1>
        <p className="text-sm text-slate-600">
          The rules every latency, window and score is computed with. Saving recomputes your whole history in
          the background.
        </p>
      </div>
      <nav aria-labelledby="more-settings-heading" className="card text-sm">
        <h2 id="more-settings-heading" className="font-semibold">
          Mail, reports, API and candidates&apos; rights
        </h2>
        <ul className="mt-2 space-y-1">
          {MORE_SETTINGS.map(({ to, label, what }) => (
            <li key={to}>
              <Link to={to} className="font-medium underline">
                {label}
              </Link>
              : {what}
            </li>
          ))}
        </ul>
      </nav>
      <RescoreStatus job={loaded.job} />
      <Form
        method="post"
        className="card space-y-3"
        noValidate
        aria-labelledby="time-zone-heading"
        key={loaded.zone.value}
      >
        <h2 id="time-zone-heading" className="font-semibold">
          Time zone
        </h2>
        <p className="text-sm text-slate-600">
          Times are shown in this zone to everyone who has not chosen their own on their account page, and on
          shared reports. Now: {loaded.zone.described}. Each interview keeps the zone it was held in, for its
          working hours; changing this recomputes nothing.
        </p>
        <div className="flex flex-wrap items-end gap-3">
          <TimeZoneField
            className="min-w-0 max-w-full"
            label="Organization time zone"
            name="timeZone"
            groups={loaded.zone.groups}
            defaultValue={loaded.zone.value}
            hint="Type a city's first letters to find it."
            errors={zoneErrors.timeZone}
          />
          <button type="submit" name="intent" value="time-zone" className="btn mb-5" disabled={busy}>
            Save time zone
          </button>
        </div>
      </Form>
      <Form method="post" className="space-y-6" noValidate key={JSON.stringify(loaded.values)}>
        <fieldset className="card space-y-3">
          <legend className="px-1 font-semibold">Working hours</legend>
          <p className="text-sm text-slate-600">
            Business latency counts only these hours, in each interview's own time zone.
          </p>
          <div className="flex flex-wrap gap-4">
            <div>
              <label htmlFor="settings-start" className="block text-sm font-medium">
                Day starts
              </label>
              <input {...field("start")} type="time" className="input mt-1 w-32" />
              {error("start")}
            </div>
            <div>
              <label htmlFor="settings-end" className="block text-sm font-medium">
                Day ends
              </label>
              <input {...field("end")} type="time" className="input mt-1 w-32" />
              {error("end")}
            </div>
          </div>
          <fieldset>
            <legend className="text-sm font-medium">Working days</legend>
            <div className="mt-1 flex flex-wrap gap-3">
              {WEEKDAYS.map((day, i) => (
                <label key={day} className="flex items-center gap-1 text-sm">
                  <input
                    type="checkbox"
                    name="days"
                    value={i + 1}
                    defaultChecked={(values.days as string[]).includes(String(i + 1))}
                  />
                  {day}
                </label>
              ))}
            </div>
            {error("days")}
          </fieldset>
        </fieldset>

        <fieldset className="card space-y-3">
          <legend className="px-1 font-semibold">Follow-up windows</legend>
          <p className="text-sm text-slate-600">
            Hours from the interview's end to the first follow-up. Defaults come from the article the product
            grew from.
          </p>
          <div className="grid gap-4 sm:grid-cols-2">
            {TIMED_WINDOWS.map((w) => (
              <div key={w}>
                <label htmlFor={`settings-${w}`} className="block text-sm font-medium">
                  {WINDOW_LABELS[w]}: within (hours)
                </label>
                <input {...field(w)} type="number" min={0.25} step={0.25} className="input mt-1 w-32" />
                <p className="mt-1 text-xs text-slate-600">{WINDOW_HINTS[w]}</p>
                {error(w)}
              </div>
            ))}
          </div>
        </fieldset>

        <fieldset className="card space-y-3">
          <legend className="px-1 font-semibold">Quality score: points per part</legend>
          <p className="text-sm text-slate-600">
            The most each part can earn; they must add up to 100. Now:{" "}
            <strong className="tabular-nums">{weightTotal}</strong>.
          </p>
          <div className="grid gap-4 sm:grid-cols-4">
            {RUBRIC_PARTS.map((p) => (
              <div key={p}>
                <label htmlFor={`settings-${p}`} className="block text-sm font-medium">
                  {PART_LABELS[p]}
                </label>
                <input {...field(p)} type="number" min={0} max={100} step={1} className="input mt-1 w-24" />
                {error(p)}
              </div>
            ))}
          </div>
          {error("weights")}
        </fieldset>

        <fieldset className="card space-y-2">
          <legend className="px-1 font-semibold">Machine-polished wording</legend>
          <p className="text-sm text-slate-600">
            Wording typical of generated letters (“a testament to”, “delve”, “proven track record”) is always
            shown in a score's evidence. Detectors of machine-written text misjudge people writing in a second
            language, so by default it costs nothing.
          </p>
          <label className="flex items-center gap-2 text-sm">
            <input
              type="checkbox"
              name="penalizeMachineStyle"
              defaultChecked={values.penalizeMachineStyle === "on"}
              aria-describedby="settings-penalizeMachineStyle-error"
            />
            Take points off personal tone for it
          </label>
          {error("penalizeMachineStyle")}
        </fieldset>

        {result?.preview ? (
          <div role="status" className="card border-indigo-200 bg-indigo-50 text-sm">
            <p className="font-medium">If you save these settings:</p>
            <ul className="mt-1 list-inside list-disc">
              <li>
                {result.preview.windowChanges.toLocaleString("en")} of{" "}
                {result.preview.followUps.toLocaleString("en")} follow-ups move to another window;
              </li>
              <li>up to {result.preview.scoreChanges.toLocaleString("en")} quality scores change;</li>
              <li>
                {result.preview.businessLatencies
                  ? `${result.preview.businessLatencies.toLocaleString("en")} business-hour latencies are recomputed.`
                  : "business-hour latencies stay as they are."}
              </li>
            </ul>
          </div>
        ) : null}

        <div className="flex gap-2">
          <button type="submit" name="intent" value="preview" className="btn-secondary" disabled={busy}>
            Preview the effect
          </button>
          <button type="submit" name="intent" value="save" className="btn" disabled={busy}>
            Save and rescore
          </button>
        </div>
      </Form>
      <MailInSection state={loaded.mailIn} />
    </div>
  );
}

/** Whether interviews' mail-in addresses can receive mail, and what to set when they cannot. */
function MailInSection({ state }: { state: MailInState }) {
  const example = `followup+<token>@${state.domain}`;
  return (
    <section id="mail-in" aria-labelledby="mail-in-heading" className="card scroll-mt-4 space-y-3 text-sm">
      <h2 id="mail-in-heading" className="font-semibold">
        Mail-in
      </h2>
      <p className="text-slate-700">
        Each interview has an address, <code className="rounded bg-slate-100 px-1">{example}</code>, that a
        candidate&apos;s follow-up can be forwarded or BCC&apos;d to; it is logged as that interview&apos;s
        follow-up. Interviews show the address only when it can receive mail. Without forwarding, follow-ups
        can also be read straight from a recruiter&apos;s mailbox:{" "}
        <Link to="/settings/mailboxes" className="underline">
          Mailboxes
        </Link>
        .
      </p>
      <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1">
        <dt className="font-medium">Receiver</dt>
        <dd>
          {state.listening
            ? `Listening on port ${state.port} (${state.host})`
            : state.port
              ? `Not listening: port ${state.port} could not be opened, or the receiver did not start`
              : "Not listening: turned off (SMTP_PORT is 0)"}
        </dd>
        <dt className="font-medium">MAIL_DOMAIN</dt>
        <dd>
          {state.domainFromEnv ? state.domain : `not set, so the app's own host is used: ${state.domain}`}
          {state.domainReceivable ? "" : " (cannot receive mail from outside)"}
        </dd>
      </dl>
      {state.canReceive ? (
        <p role="status" className="text-emerald-800">
          Addresses are shown on each interview. Mail reaches them when the MX of {state.domain} points at
          this server, on port 25 or through a forwarder to port {state.port}.
        </p>
      ) : (
        <div role="status" className="rounded border border-amber-300 bg-amber-50 p-3 text-amber-950">
          <p className="font-medium">
            Mail from outside cannot reach these addresses yet, so interviews hide them.
          </p>
          <ul className="mt-1 list-inside list-disc">
            {state.domainReceivable ? null : (
              <li>
                Set <code>MAIL_DOMAIN</code> to a domain whose MX record points at this server (not an IP
                address or localhost).
              </li>
            )}
            {state.listening ? null : (
              <li>
                Set <code>SMTP_PORT</code> to a free port and restart: 25 to receive directly, or another port
                that a mail forwarder (your mail provider&apos;s routing rule or a relay) delivers to.
              </li>
            )}
            {state.listening && state.port !== 25 ? (
              <li>
                Mail servers deliver to port 25: forward port 25 to port {state.port}, or let a mail forwarder
                deliver there.
              </li>
            ) : null}
          </ul>
          <p className="mt-1">See docs/operations.md.</p>
        </div>
      )}
    </section>
  );
}

function RescoreStatus({
  job,
}: {
  job: {
    status: string;
    done: number;
    total: number;
    started: string;
    error: string | null;
    resumed: string | null;
  } | null;
}) {
  const revalidator = useRevalidator();
  const running = job?.status === "running";
  useEffect(() => {
    if (!running) return;
    const timer = setInterval(() => revalidator.revalidate(), 1500);
    return () => clearInterval(timer);
  }, [running, revalidator]);

  return (
    <section className="card flex flex-wrap items-center justify-between gap-3 text-sm" aria-live="polite">
      <div>
        {running ? (
          <>
            <p className="font-medium">
              Rescoring… {job.total ? Math.floor((100 * job.done) / job.total) : 0}%
            </p>
            <progress
              max={job.total || 1}
              value={job.done}
              className="mt-1 w-64"
              aria-label="Rescoring progress"
            />
            {job.resumed ? (
              <p className="text-slate-600">
                Resumed on {job.resumed}, where it stopped when the server went down.
              </p>
            ) : null}
          </>
        ) : job?.status === "failed" ? (
          <p className="text-red-800">The last rescore failed: {job.error}</p>
        ) : job ? (
          <p>
            Last rescored on {job.started}: {job.total.toLocaleString("en")} interviews.
            {job.resumed
              ? ` The server stopped while it ran; it was resumed on ${job.resumed} and finished.`
              : null}
          </p>
        ) : (
          <p>Scores are computed as interviews and follow-ups are logged.</p>
        )}
      </div>
      <Form method="post">
        <button type="submit" name="intent" value="rescore" className="btn-secondary" disabled={running}>
          Rescore everything now
        </button>
      </Form>
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

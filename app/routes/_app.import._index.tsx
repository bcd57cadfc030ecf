// The Import section's first page: one "Drop files" upload for any mix of .csv, .eml, .mbox and .ics
// files (app/intake/import-files.server.ts, the code `npm run import` runs), then each way to bring
// records in, what it does, and where it is. An upload sends the browser to /import?done=<token>,
// which shows each file's results (kept as a receipt, app/intake/uploads.server.ts).
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import {
  Form,
  Link,
  useActionData,
  useLoaderData,
  useNavigation,
  useRouteLoaderData,
} from "@remix-run/react";
import type { ReactNode } from "react";
import { DropZone } from "~/components/drop-zone";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { requireUser } from "~/auth/session.server";
import { requirePermission } from "~/auth/permissions.server";
import { formatDateTime } from "~/core/format";
import {
  MAX_CSV_BYTES,
  MAX_EML_BYTES,
  MAX_ICS_BYTES,
  MAX_MBOX_BYTES,
  MAX_UPLOAD_FILES,
} from "~/core/import/limits";
import { FilesUploadSchema } from "~/core/import/schemas";
import { fieldErrors } from "~/core/schemas";
import { uploadFiles, type UploadReport } from "~/intake/import-files.server";
import { readReceipt, storeReceipt } from "~/intake/uploads.server";
import { getDb } from "../../db/connection.server";
import type { loader as importLayoutLoader } from "./_app.import";

export const meta: MetaFunction = () => [{ title: "Import · Followthrough" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  requirePermission(user, "intake:write");
  // A CSV preview's address before the Import page had a page per step.
  const url = new URL(request.url);
  const file = url.searchParams.get("file");
  if (file) {
    const name = url.searchParams.get("name");
    return redirect(
      `/import/csv/${encodeURIComponent(file)}${name ? `?name=${encodeURIComponent(name)}` : ""}`,
    );
  }
  const done = url.searchParams.get("done");
  const report = done ? await readReceipt<UploadReport>(user.organization_id, "files-receipt", done) : null;
  return { results: report ? present(report, user.timeZone) : null, expired: Boolean(done && !report) };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  requirePermission(user, "intake:write");
  const form = await request.formData();
  const parsed = FilesUploadSchema.safeParse({ files: form.getAll("files") });
  if (!parsed.success) return data({ errors: fieldErrors(parsed.error) }, { status: 400 });
  const uploads = await Promise.all(
    parsed.data.files.map(async (f) => ({ name: f.name, bytes: new Uint8Array(await f.arrayBuffer()) })),
  );
  const report = await uploadFiles(getDb(), user, uploads);
  const token = await storeReceipt(user.organization_id, "files-receipt", report);
  return redirect(`/import?done=${token}`);
}

const ZONE_RULES: Record<NonNullable<UploadReport["events"][number]["zoneRule"]>, string> = {
  "event TZID": "the event's own zone",
  "calendar X-WR-TIMEZONE": "the calendar's zone",
  "organization default": "your organization's time zone",
};

const plural = (n: number, noun: string, many = `${noun}s`) => `${n} ${n === 1 ? noun : many}`;

/** The receipt as the page shows it: times in words, one status word for each message and event. */
function present(report: UploadReport, timeZone: string) {
  const messages = report.messages.map((m) => ({
    file: m.file,
    from: m.from,
    sent: m.date ? formatDateTime(m.date, timeZone) : null,
    subject: m.subject,
    status: m.status,
    // After the status word ("Logged", "In the inbox"…): what it was logged to, or why not.
    detail:
      m.status === "logged" && m.interview
        ? `as the follow-up to ${m.candidate}'s interview of ${formatDateTime(m.interview.startsAt, timeZone)}.`
        : (m.reason ?? ""),
  }));
  const events = report.events.map((e) => ({
    file: e.file,
    summary: e.uid ? e.summary || "(no title)" : null,
    start: e.startsAt ? formatDateTime(e.startsAt, timeZone) : null,
    end: e.endsAt ? formatDateTime(e.endsAt, timeZone) : null,
    timeZone: e.timeZone,
    zoneFrom: e.zoneRule ? ZONE_RULES[e.zoneRule] : null,
    imported: e.import,
    detail: e.import ? `as ${e.candidate}'s interview.` : (e.reason ?? ""),
  }));
  const logged = report.messages.filter((m) => m.status === "logged").length;
  const waiting = report.messages.filter((m) => m.status === "inbox").length;
  const imported = report.events.filter((e) => e.import).length;
  const stored = report.csv.filter((c) => c.token).length;
  const broken =
    report.unreadable.length +
    report.csv.filter((c) => !c.token).length +
    report.events.filter((e) => !e.uid).length +
    report.messages.filter((m) => m.status === "refused").length;
  const parts = [
    stored ? `${plural(stored, "spreadsheet")} waiting for its columns to be confirmed` : "",
    report.messages.length
      ? `${plural(report.messages.length, "message")}: ${logged} logged as ${logged === 1 ? "a follow-up" : "follow-ups"}, ${waiting} waiting in the inbox`
      : "",
    report.events.some((e) => e.uid)
      ? `${plural(imported, "calendar event")} imported as ${imported === 1 ? "an interview" : "interviews"}` +
        (report.calendarSummary?.unchangedRows
          ? ` (${report.calendarSummary.unchangedRows} already here)`
          : "")
      : "",
    broken ? `${plural(broken, "file or message", "files or messages")} not read` : "",
  ].filter(Boolean);
  return {
    summary: parts.join("; ") + ".",
    csv: report.csv,
    messages,
    events,
    unreadable: report.unreadable,
  };
}

export default function ImportOverview() {
  const inboxCount = useRouteLoaderData<typeof importLayoutLoader>("routes/_app.import")?.inboxCount ?? 0;
  return (
    <div className="space-y-6">
      <DropFiles />
      <Ways inboxCount={inboxCount} />
    </div>
  );
}

const MB = 1024 * 1024;

function DropFiles() {
  const { results, expired } = useLoaderData<typeof loader>();
  const errors = useActionData<typeof action>()?.errors.files;
  const busy = useNavigation().state === "submitting";
  return (
    <section aria-labelledby="drop-heading" className="card space-y-3">
      <h2 id="drop-heading" className="text-lg font-semibold">
        Drop files
      </h2>
      <p className="text-sm text-slate-700">
        Any mix of spreadsheets (.csv), emails (.eml), mailboxes (.mbox) and calendar files (.ics). Emails are
        logged as follow-ups to the sender&apos;s latest interview before them, or wait in the inbox; calendar
        events become interviews of the candidates they invite; a spreadsheet waits for you to confirm which
        column is which.
      </p>
      <Form method="post" encType="multipart/form-data" className="space-y-3">
        <DropZone
          id="files"
          name="files"
          accept=".csv,.eml,.mbox,.ics,text/csv,message/rfc822,application/mbox,text/calendar"
          label="Files to import"
          hint={`Drop files here, or choose them: up to ${MAX_UPLOAD_FILES} at once; a .csv or .mbox up to ${Math.max(MAX_CSV_BYTES, MAX_MBOX_BYTES) / MB} MB, an .eml up to ${MAX_EML_BYTES / MB} MB, an .ics up to ${MAX_ICS_BYTES / MB} MB. For more, use npm run import.`}
          error={errors}
        />
        <button type="submit" className="btn" disabled={busy}>
          {busy ? "Reading…" : "Import files"}
        </button>
      </Form>
      {expired ? (
        <p className="text-sm text-slate-700">
          These results are no longer kept: they are deleted after a day.
        </p>
      ) : null}
      {results ? <Results results={results} /> : null}
    </section>
  );
}

type Presented = NonNullable<ReturnType<typeof useLoaderData<typeof loader>>["results"]>;

const STATUS: Record<string, { word: string; className: string }> = {
  logged: { word: "Logged", className: "text-emerald-800" },
  inbox: { word: "In the inbox", className: "text-amber-900" },
  already: { word: "Already imported", className: "text-slate-700" },
  refused: { word: "Not read", className: "text-red-800" },
  imported: { word: "Imported", className: "text-emerald-800" },
  skipped: { word: "Not imported", className: "text-amber-900" },
};

function Status({ status }: { status: keyof typeof STATUS }) {
  const { word, className } = STATUS[status];
  return <strong className={`whitespace-nowrap font-semibold ${className}`}>{word}</strong>;
}

const cell = "py-1.5 pr-3 align-top";

function Results({ results }: { results: Presented }) {
  return (
    <div className="space-y-5" aria-labelledby="results-heading" role="region">
      <h3 id="results-heading" className="text-base font-semibold">
        Results
      </h3>
      <p role="status" className="text-sm text-slate-800">
        {results.summary}
      </p>
      {results.unreadable.length ? (
        <ul className="space-y-1 text-sm" aria-label="Files not read">
          {results.unreadable.map((u, i) => (
            <li key={i}>
              <span className="font-medium">{u.file}</span>: <Status status="refused" /> — {u.reason}
            </li>
          ))}
        </ul>
      ) : null}
      {results.csv.length ? (
        <div className="space-y-1">
          <h4 className="text-sm font-semibold">Spreadsheets</h4>
          <ul className="space-y-1 text-sm">
            {results.csv.map((c, i) => (
              <li key={i}>
                <span className="font-medium">{c.file}</span>:{" "}
                {c.token ? (
                  <>
                    <strong className="font-semibold text-amber-900">Waiting</strong> — {c.columns} columns;
                    nothing is imported until you confirm which is which.{" "}
                    <Link
                      to={`/import/csv/${c.token}?name=${encodeURIComponent(c.file)}`}
                      className="font-medium"
                      aria-label={`Review columns and import ${c.file}`}
                    >
                      Review columns and import <span aria-hidden="true">→</span>
                    </Link>
                  </>
                ) : (
                  <>
                    <Status status="refused" /> — {c.reason}
                  </>
                )}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {results.messages.length ? (
        <div className="overflow-x-auto">
          <table className="min-w-full text-sm">
            <caption className="mb-1 text-left text-sm font-semibold">Emails</caption>
            <thead>
              <HeadRow columns={["File", "From", "Sent", "Subject", "Result"]} />
            </thead>
            <tbody>
              {results.messages.map((m, i) => (
                <tr key={i} className="border-b border-slate-100">
                  <td className={`${cell} whitespace-nowrap font-medium`}>{m.file}</td>
                  <td className={`${cell} break-all`}>{m.from ?? "—"}</td>
                  <td className={`${cell} whitespace-nowrap`}>{m.sent ?? "—"}</td>
                  <td className={cell}>{m.subject || "—"}</td>
                  <td className={cell}>
                    <Status status={m.status} /> {m.detail}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {results.messages.some((m) => m.status === "inbox") ? (
            <p className="mt-2 text-sm">
              <Link to="/import/inbox" className="font-medium">
                Assign the waiting messages in the inbox <span aria-hidden="true">→</span>
              </Link>
            </p>
          ) : null}
        </div>
      ) : null}
      {results.events.length ? (
        <div className="overflow-x-auto">
          <table className="min-w-full text-sm">
            <caption className="mb-1 text-left text-sm font-semibold">Calendar events</caption>
            <thead>
              <HeadRow columns={["File", "Event", "Starts", "Ends", "Time zone", "Result"]} />
            </thead>
            <tbody>
              {results.events.map((e, i) => (
                <tr key={i} className="border-b border-slate-100">
                  <td className={`${cell} whitespace-nowrap font-medium`}>{e.file}</td>
                  <td className={cell}>{e.summary ?? "—"}</td>
                  <td className={`${cell} whitespace-nowrap`}>{e.start ?? "—"}</td>
                  <td className={`${cell} whitespace-nowrap`}>{e.end ?? "—"}</td>
                  <td className={cell}>
                    {e.timeZone || "—"}
                    {e.zoneFrom ? <span className="block text-xs text-slate-600">{e.zoneFrom}</span> : null}
                  </td>
                  <td className={cell}>
                    <Status status={e.imported ? "imported" : e.summary ? "skipped" : "refused"} /> {e.detail}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </div>
  );
}

function Ways({ inboxCount }: { inboxCount: number }) {
  return (
    <div className="grid gap-4 md:grid-cols-2">
      <Way id="csv" title="Spreadsheets (CSV)" link={{ to: "/import/csv", label: "Import a spreadsheet" }}>
        Candidates, interviews and follow-ups from our own format or an export from your applicant tracking
        system. You see which column means what, and every row is checked, before anything is saved.
      </Way>
      <Way
        id="eml"
        title="Follow-up emails (.eml)"
        link={{ to: "/import/email", label: "Log follow-up emails" }}
      >
        Each message is matched to a candidate by the sender&apos;s address and logged as the follow-up to
        that candidate&apos;s latest interview before it was sent. Each interview also has a mail-in address,
        shown on the candidate&apos;s page: a message forwarded or BCC&apos;d to it is logged the same way.
      </Way>
      <Way
        id="ics"
        title="Calendar invitations (.ics)"
        link={{ to: "/import/calendar", label: "Import calendar files" }}
      >
        Each event becomes an interview: the attendee who is a candidate, the organizer as interviewer, and
        the event&apos;s start, end and time zone.
      </Way>
      <Way
        id="inbox"
        title={inboxCount ? `Inbox (${inboxCount} unmatched)` : "Inbox"}
        link={{ to: "/import/inbox", label: "Open the inbox" }}
      >
        {inboxCount
          ? `${inboxCount} ${inboxCount === 1 ? "message waits" : "messages wait"} to be assigned to an interview by hand, or discarded. `
          : "Nothing waiting. "}
        Messages that arrive by upload or at a mail-in address and cannot be matched to an interview wait
        here.
      </Way>
    </div>
  );
}

function Way({
  id,
  title,
  link,
  children,
}: {
  id: string;
  title: string;
  link: { to: string; label: string };
  children: ReactNode;
}) {
  return (
    <section aria-labelledby={`${id}-heading`} className="card flex flex-col gap-3">
      <h2 id={`${id}-heading`} className="text-lg font-semibold">
        {title}
      </h2>
      <p className="flex-1 text-sm text-slate-700">{children}</p>
      <p>
        <Link to={link.to} className="text-sm font-medium">
          {link.label} <span aria-hidden="true">→</span>
        </Link>
      </p>
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

/** A results table's header row. */
function HeadRow({ columns }: { columns: string[] }) {
  return (
    <tr className="border-b text-left">
      {columns.map((c) => (
        <th key={c} scope="col" className={cell}>
          {c}
        </th>
      ))}
    </tr>
  );
}

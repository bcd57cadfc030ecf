// The Import page: a CSV file (upload → map the columns → check every row → import the good rows
// or nothing; the file waits on the server under a random token between the steps), .eml files
// logged as follow-ups, .ics files as interviews, and the inbox of messages nobody could match.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useEffect, useState } from "react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { FormAlert, FormNotice, PageHeader } from "~/components/form-fields";
import { requireUser } from "~/auth/session.server";
import { isDiskFull } from "../../db/errors.server";
import { can, requirePermission } from "~/auth/permissions.server";
import {
  assignInboxMessage,
  discardInboxMessage,
  importUploadedCsv,
  importDefaults,
  importIcsUpload,
  inbox,
  previewIcsFiles,
  uploadEmlFiles,
  type EmlUploadResult,
  type ImportProgress,
} from "~/data/intake.server";
import { MAX_EML_BYTES } from "~/intake/eml.server";
import { MAX_ICS_BYTES } from "~/intake/ics.server";
import {
  FIELD_LABELS,
  IMPORT_FIELDS,
  mappingFromForm,
  mappingProblems,
  type ColumnMapping,
  type ImportField,
} from "~/core/import/fields";
import type { DateOrder } from "~/core/import/dates";
import { isTimeZone } from "~/core/time";
import {
  checkCsv,
  CsvReadError,
  ImportHasBadRows,
  MAX_CSV_BYTES,
  previewCsv,
  removeUpload,
  storeUpload,
  uploadPath,
  type CheckResult,
  type ImportSummary,
} from "~/intake/csv.server";

export const meta: MetaFunction = () => [{ title: "Import · Followthrough" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  requirePermission(user, "intake:write");
  const url = new URL(request.url);
  const token = url.searchParams.get("file") ?? "";
  const { clients, timeZone } = await importDefaults(user);
  const timeZones = Intl.supportedValuesOf("timeZone");
  const options = {
    timeZone,
    dateOrder: "mdy" as DateOrder,
    clientId: clients[0]?.id ?? null,
  };
  let preview: {
    token: string;
    name: string;
    headers: string[];
    sample: string[][];
    suggested: ColumnMapping;
  } | null = null;
  let previewError: string | null = null;
  if (token) {
    const file = uploadPath(user.organization_id, token);
    if (!file) previewError = "That upload has expired or was already imported. Upload the file again.";
    else {
      try {
        preview = {
          token,
          name: url.searchParams.get("name") ?? "file.csv",
          ...(await previewCsv({ path: file })),
        };
      } catch (error) {
        previewError = `This file could not be read as CSV: ${(error as Error).message}`;
      }
    }
  }
  return {
    clients,
    timeZones: timeZones.includes("UTC") ? timeZones : ["UTC", ...timeZones],
    options,
    preview,
    previewError,
    inbox: await inbox(user),
    canExportOrganization: can(user, "organization:export"),
  };
}

type ActionResult =
  | { intent: "check"; problems: string[]; check: CheckResult | null }
  | { intent: "import"; summary: ImportSummary; check: CheckResult }
  | { intent: "import-refused"; check: CheckResult }
  | { intent: "upload"; error: string }
  | { intent: "eml"; results: EmlUploadResult[]; error?: string }
  | {
      intent: "ics";
      token: string;
      events: Awaited<ReturnType<typeof previewIcsFiles>>["events"];
      error?: string;
    }
  | { intent: "ics-done"; summary: ImportSummary }
  | { intent: "inbox"; message: string; ok: boolean };

function optionsFrom(form: FormData) {
  const timeZone = String(form.get("timeZone") ?? "UTC");
  const dateOrder: DateOrder = form.get("dateOrder") === "dmy" ? "dmy" : "mdy";
  const clientId = Number(form.get("clientId"));
  return {
    timeZone: isTimeZone(timeZone) ? timeZone : "UTC",
    dateOrder,
    clientId,
    defaultDurationMinutes: 60,
  };
}

async function isOwnClient(user: Parameters<typeof importDefaults>[0], clientId: number): Promise<boolean> {
  const { clients } = await importDefaults(user);
  return clients.some((c) => c.id === clientId);
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  requirePermission(user, "intake:write");
  const form = await request.formData();
  const intent = form.get("intent");

  if (intent === "upload-csv") {
    const file = form.get("csv");
    if (!(file instanceof File) || file.size === 0)
      return data<ActionResult>({ intent: "upload", error: "Choose a CSV file to upload." }, { status: 400 });
    if (file.size > MAX_CSV_BYTES)
      return data<ActionResult>(
        { intent: "upload", error: "The file is over 50 MB; split it, or import it with npm run import." },
        { status: 400 },
      );
    const token = await storeUpload(user.organization_id, new Uint8Array(await file.arrayBuffer()));
    return redirect(`/import?file=${token}&name=${encodeURIComponent(file.name)}`);
  }

  if (intent === "upload-eml") {
    const files = form.getAll("eml").filter((f): f is File => f instanceof File && f.size > 0);
    if (!files.length)
      return data<ActionResult>(
        { intent: "eml", results: [], error: "Choose one or more .eml files." },
        { status: 400 },
      );
    const results: EmlUploadResult[] = [];
    const readable: { name: string; bytes: Uint8Array }[] = [];
    for (const f of files) {
      if (f.size > MAX_EML_BYTES)
        results.push({
          file: f.name,
          status: "refused",
          message: "Over 10 MB: too large to be a follow-up email.",
        });
      else readable.push({ name: f.name, bytes: new Uint8Array(await f.arrayBuffer()) });
    }
    return {
      intent: "eml",
      results: [...results, ...(await uploadEmlFiles(user, readable))],
    } satisfies ActionResult;
  }
  if (intent === "upload-ics") {
    const files = form.getAll("ics").filter((f): f is File => f instanceof File && f.size > 0);
    if (!files.length || files.some((f) => f.size > MAX_ICS_BYTES)) {
      return data<ActionResult>(
        {
          intent: "ics",
          token: "",
          events: [],
          error: files.length ? "A calendar file is over 5 MB." : "Choose one or more .ics files.",
        },
        { status: 400 },
      );
    }
    try {
      const preview = await previewIcsFiles(
        user,
        await Promise.all(files.map(async (f) => ({ name: f.name, text: await f.text() }))),
      );
      return { intent: "ics", ...preview } satisfies ActionResult;
    } catch (error) {
      return data<ActionResult>(
        {
          intent: "ics",
          token: "",
          events: [],
          error: `This is not a calendar file we can read: ${(error as Error).message}`,
        },
        { status: 400 },
      );
    }
  }
  if (intent === "import-ics") {
    const clientId = Number(form.get("clientId"));
    if (!(await isOwnClient(user, clientId))) {
      return data<ActionResult>(
        {
          intent: "ics",
          token: "",
          events: [],
          error: "Choose the client for events whose candidate has no position yet, from the list.",
        },
        { status: 400 },
      );
    }
    const summary = await importIcsUpload(user, String(form.get("token") ?? ""), clientId);
    if (!summary)
      return data<ActionResult>(
        {
          intent: "ics",
          token: "",
          events: [],
          error: "That upload has expired or was already imported. Upload the file again.",
        },
        { status: 400 },
      );
    return { intent: "ics-done", summary } satisfies ActionResult;
  }
  if (intent === "assign" || intent === "discard") {
    const messageId = Number(form.get("messageId"));
    if (intent === "discard") {
      const ok = await discardInboxMessage(user, messageId);
      return data<ActionResult>(
        {
          intent: "inbox",
          ok,
          message: ok ? "Message discarded." : "That message is no longer in the inbox.",
        },
        { status: ok ? 200 : 400 },
      );
    }
    const interviewId = Number(form.get("interviewId"));
    if (!interviewId)
      return data<ActionResult>(
        { intent: "inbox", ok: false, message: "Choose the interview this message follows up." },
        { status: 400 },
      );
    const outcome = await assignInboxMessage(user, messageId, interviewId);
    if (outcome.status === "matched")
      return {
        intent: "inbox",
        ok: true,
        message: "Logged as that interview's follow-up.",
      } satisfies ActionResult;
    return data<ActionResult>(
      {
        intent: "inbox",
        ok: false,
        message: outcome.status === "missing" ? "That message is no longer in the inbox." : outcome.reason,
      },
      { status: 400 },
    );
  }

  const token = String(form.get("token") ?? "");
  const path = uploadPath(user.organization_id, token);
  if (intent === "cancel") {
    await removeUpload(user.organization_id, token);
    return redirect("/import");
  }
  if (!path)
    return data<ActionResult>(
      { intent: "upload", error: "That upload has expired or was already imported. Upload the file again." },
      { status: 400 },
    );
  let headers: string[];
  try {
    ({ headers } = await previewCsv({ path }));
  } catch (error) {
    // The page said so when it loaded; a check or import posted from it anyway gets the same answer.
    return data<ActionResult>(
      {
        intent: "upload",
        error: `This file could not be read as CSV: ${(error as Error).message} Fix it and upload it again.`,
      },
      { status: 400 },
    );
  }
  const mapping = mappingFromForm(form, headers.length);
  const options = optionsFrom(form);
  const problems = mappingProblems(mapping);
  // Another organization's client id (a stale or edited form) is refused like a missing one.
  if (!options.clientId || !(await isOwnClient(user, options.clientId)))
    problems.push("Choose the client for rows that do not name one.");
  if (problems.length) return data<ActionResult>({ intent: "check", problems, check: null }, { status: 400 });

  try {
    if (intent === "check") {
      return {
        intent: "check",
        problems: [],
        check: await checkCsv({ path }, mapping, options),
      } satisfies ActionResult;
    }
    if (intent === "import") {
      const { summary, check } = await importUploadedCsv(user, token, path, mapping, {
        ...options,
        skipBadRows: form.get("skipBadRows") === "1",
      });
      await removeUpload(user.organization_id, token);
      return { intent: "import", summary, check } satisfies ActionResult;
    }
  } catch (error) {
    if (error instanceof ImportHasBadRows)
      return data<ActionResult>({ intent: "import-refused", check: error.check }, { status: 400 });
    // The rows did not fit on the disk: the import's transaction was rolled back whole.
    if (isDiskFull(error)) {
      return data<ActionResult>(
        {
          intent: "check",
          problems: [
            "The server's disk is full: nothing was imported. Free some disk space on the server, then import again.",
          ],
          check: null,
        },
        { status: 507 },
      );
    }
    // A malformed row past the preview's first few: nothing was imported.
    if (error instanceof CsvReadError)
      return data<ActionResult>(
        { intent: "check", problems: [`This file could not be read as CSV: ${error.message}`], check: null },
        { status: 400 },
      );
    throw error;
  }
  throw new Response("Unknown action", { status: 400 });
}

export default function ImportPage() {
  const { preview, previewError, canExportOrganization } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as ActionResult | undefined;
  return (
    <div className="space-y-8">
      <PageHeader
        title="Import"
        subtitle="Bring in candidates, interviews and follow-ups from spreadsheets, emails and calendar files instead of typing them."
        actions={
          canExportOrganization ? (
            <a href="/organization/export.json" className="btn-secondary" download>
              Export the whole organization (JSON)
            </a>
          ) : null
        }
      />
      {result?.intent === "import" ? (
        <ImportDone summary={result.summary} />
      ) : preview ? (
        <MappingStep result={result} />
      ) : (
        <UploadStep error={previewError ?? (result?.intent === "upload" ? result.error : null)} />
      )}
      {preview ? null : (
        <>
          <EmlStep result={result?.intent === "eml" ? result : null} />
          <IcsStep result={result?.intent === "ics" || result?.intent === "ics-done" ? result : null} />
        </>
      )}
      <Inbox result={result?.intent === "inbox" ? result : null} />
      <FormatHelp />
    </div>
  );
}

function UploadStep({ error }: { error: string | null }) {
  const navigation = useNavigation();
  const busy = navigation.formData?.get("intent") === "upload-csv";
  return (
    <section aria-labelledby="csv-heading" className="card space-y-3">
      <h2 id="csv-heading" className="text-lg font-semibold">
        Candidates and interviews from a spreadsheet
      </h2>
      <p className="text-sm text-slate-700">
        Our own format (below) or an export from your applicant tracking system: you will see which column
        means what and can change it before anything is saved.
      </p>
      <FormAlert>{error}</FormAlert>
      <Form method="post" encType="multipart/form-data" className="flex flex-wrap items-end gap-3">
        <input type="hidden" name="intent" value="upload-csv" />
        <div>
          <label htmlFor="csv" className="block text-sm font-medium">
            CSV file
          </label>
          <input
            id="csv"
            name="csv"
            type="file"
            accept=".csv,text/csv"
            required
            className="mt-1 block text-sm"
          />
        </div>
        <button type="submit" className="btn" disabled={busy}>
          {busy ? "Uploading…" : "Upload and preview"}
        </button>
      </Form>
    </section>
  );
}

function MappingStep({ result }: { result: ActionResult | undefined }) {
  const { preview, clients, timeZones, options } = useLoaderData<typeof loader>();
  const navigation = useNavigation();
  const pending = navigation.state !== "idle" ? navigation.formData?.get("intent") : null;
  if (!preview) return null;
  const check = result && "check" in result ? result.check : null;
  const problems = result?.intent === "check" ? result.problems : [];
  return (
    <section aria-labelledby="mapping-heading" className="card space-y-4">
      <div>
        <h2 id="mapping-heading" className="text-lg font-semibold">
          Which column is which? <span className="font-normal text-slate-600">({preview.name})</span>
        </h2>
        <p className="text-sm text-slate-700">
          We guessed from the column names. Change any that are wrong, then check the rows. Nothing is saved
          until you import.
        </p>
      </div>
      <Form method="post" className="space-y-4" noValidate>
        <input type="hidden" name="token" value={preview.token} />
        <div className="grid gap-3 sm:grid-cols-3">
          <div>
            <label htmlFor="clientId" className="block text-sm font-medium">
              Client for rows without one
            </label>
            <select
              id="clientId"
              name="clientId"
              className="input mt-1"
              defaultValue={options.clientId ?? ""}
            >
              {clients.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name}
                </option>
              ))}
            </select>
          </div>
          <div>
            <label htmlFor="timeZone" className="block text-sm font-medium">
              Time zone of the dates
            </label>
            <select
              id="timeZone"
              name="timeZone"
              className="input mt-1"
              defaultValue={options.timeZone}
              aria-describedby="timeZone-hint"
            >
              {timeZones.map((z) => (
                <option key={z} value={z}>
                  {z}
                </option>
              ))}
            </select>
            <p id="timeZone-hint" className="mt-1 text-xs text-slate-600">
              A time zone column in the file wins; dates with an offset (Z, +01:00) are kept as written.
            </p>
          </div>
          <div>
            <label htmlFor="dateOrder" className="block text-sm font-medium">
              Dates like 03/04/2026 mean
            </label>
            <select id="dateOrder" name="dateOrder" className="input mt-1" defaultValue={options.dateOrder}>
              <option value="mdy">March 4 (month first)</option>
              <option value="dmy">3 April (day first)</option>
            </select>
          </div>
        </div>

        <div className="overflow-x-auto">
          <table className="min-w-full text-sm">
            <caption className="sr-only">Column mapping</caption>
            <thead>
              <tr className="border-b text-left">
                <th scope="col" className="py-2 pr-3">
                  Field
                </th>
                <th scope="col" className="py-2 pr-3">
                  Column in your file
                </th>
                <th scope="col" className="py-2">
                  First value
                </th>
              </tr>
            </thead>
            <tbody>
              {IMPORT_FIELDS.map((field) => (
                <MappingRow
                  key={field}
                  field={field}
                  headers={preview.headers}
                  firstRow={preview.sample[0] ?? []}
                  suggested={preview.suggested[field] ?? null}
                />
              ))}
            </tbody>
          </table>
        </div>

        {problems.length ? (
          <FormAlert>
            {problems.map((p) => (
              <span key={p} className="block">
                {p}
              </span>
            ))}
          </FormAlert>
        ) : null}
        {check ? <CheckReport check={check} refused={result?.intent === "import-refused"} /> : null}

        {pending === "import" && check ? <ImportProgressBar token={preview.token} rows={check.rows} /> : null}

        <div className="flex flex-wrap gap-2">
          <button
            type="submit"
            name="intent"
            value="check"
            className={check ? "btn-secondary" : "btn"}
            disabled={Boolean(pending)}
          >
            {pending === "check" ? "Checking…" : "Check rows"}
          </button>
          {check && check.goodRows > 0 ? (
            <>
              <input type="hidden" name="skipBadRows" value={check.badRows > 0 ? "1" : "0"} />
              <button type="submit" name="intent" value="import" className="btn" disabled={Boolean(pending)}>
                {check.badRows > 0
                  ? `Import the ${check.goodRows.toLocaleString("en")} good rows`
                  : `Import ${check.goodRows.toLocaleString("en")} rows`}
              </button>
            </>
          ) : null}
          <button
            type="submit"
            name="intent"
            value="cancel"
            className="btn-secondary"
            disabled={Boolean(pending)}
          >
            {check && check.badRows > 0 ? "Import nothing" : "Cancel"}
          </button>
        </div>
      </Form>
    </section>
  );
}

function MappingRow({
  field,
  headers,
  firstRow,
  suggested,
}: {
  field: ImportField;
  headers: string[];
  firstRow: string[];
  suggested: number | null;
}) {
  const [column, setColumn] = useState(suggested != null ? String(suggested) : "");
  return (
    <tr className="border-b border-slate-100">
      <th scope="row" className="py-1.5 pr-3 text-left font-medium">
        <label htmlFor={`map-${field}`}>{FIELD_LABELS[field]}</label>
      </th>
      <td className="py-1.5 pr-3">
        <select
          id={`map-${field}`}
          name={`map.${field}`}
          className="input"
          value={column}
          onChange={(e) => setColumn(e.target.value)}
        >
          <option value="">— not in this file —</option>
          {headers.map((h, i) => (
            <option key={i} value={i}>
              {h || `Column ${i + 1}`}
            </option>
          ))}
        </select>
      </td>
      <td className="max-w-xs truncate py-1.5 text-slate-600">
        {column !== "" ? (firstRow[Number(column)] ?? "") : ""}
      </td>
    </tr>
  );
}

/**
 * While an import runs: asks the server how far it has got, twice a second, and shows it as one bar
 * (writing the rows is the first half, scoring the second).
 */
function ImportProgressBar({ token, rows }: { token: string; rows: number }) {
  const [progress, setProgress] = useState<ImportProgress | null>(null);
  useEffect(() => {
    let stopped = false;
    const poll = async () => {
      try {
        const response = await fetch(`/import/progress?file=${token}`, {
          headers: { Accept: "application/json" },
        });
        if (!stopped && response.ok) setProgress((await response.json()) as ImportProgress | null);
      } catch {
        // The next poll tries again; the import itself does not depend on this.
      }
    };
    void poll();
    const timer = setInterval(poll, 500);
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }, [token]);
  const n = (x: number) => x.toLocaleString("en");
  let fraction = 0;
  let text = "Starting the import…";
  if (progress?.phase === "writing") {
    const done = Math.min(progress.done, rows);
    fraction = rows > 0 ? (0.5 * done) / rows : 0;
    text = `Reading and checking rows: ${n(done)} of ${n(rows)}`;
  } else if (progress?.phase === "scoring") {
    fraction = 0.5 + (progress.total ? (0.5 * progress.done) / progress.total : 0);
    text = `Scoring and saving rows: ${n(progress.done)} of ${n(progress.total ?? 0)}`;
  }
  return (
    <div className="space-y-1">
      <p className="text-sm font-medium" role="status" aria-live="polite">
        {text} <span className="font-normal text-slate-600">— keep this page open.</span>
      </p>
      <progress
        className="h-2 w-full accent-indigo-700"
        max={1}
        value={fraction}
        aria-label="Import progress"
        aria-valuetext={`${Math.round(fraction * 100)}%`}
      />
    </div>
  );
}

function CheckReport({ check, refused }: { check: CheckResult; refused: boolean }) {
  if (check.badRows === 0) {
    return <FormNotice>All {check.rows.toLocaleString("en")} rows are ready to import.</FormNotice>;
  }
  return (
    <div className="space-y-2" role={refused ? "alert" : undefined}>
      <p className="text-sm">
        <strong>{check.goodRows.toLocaleString("en")}</strong> of {check.rows.toLocaleString("en")} rows are
        ready; <strong className="text-red-800">{check.badRows.toLocaleString("en")}</strong>{" "}
        {check.badRows === 1 ? "has" : "have"} problems. Fix them in the file and upload it again, import only
        the good rows, or import nothing.
      </p>
      <div className="max-h-80 overflow-auto rounded border border-red-200">
        <table className="min-w-full text-sm">
          <caption className="sr-only">Problems found, by row</caption>
          <thead className="bg-red-50 text-left">
            <tr>
              <th scope="col" className="px-2 py-1">
                Row
              </th>
              <th scope="col" className="px-2 py-1">
                Column
              </th>
              <th scope="col" className="px-2 py-1">
                Problem
              </th>
            </tr>
          </thead>
          <tbody>
            {check.errors.map((e, i) => (
              <tr key={i} className="border-t border-red-100">
                <td className="px-2 py-1 tabular-nums">{e.row}</td>
                <td className="px-2 py-1">{e.column}</td>
                <td className="px-2 py-1">{e.message}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {check.moreErrors ? (
        <p className="text-sm">…and {check.moreErrors.toLocaleString("en")} more problems.</p>
      ) : null}
    </div>
  );
}

const count = (n: number, noun: string) => `${n.toLocaleString("en")} ${noun}${n === 1 ? "" : "s"}`;

function ImportDone({ summary }: { summary: ImportSummary }) {
  const c = summary.created;
  return (
    <section aria-labelledby="done-heading" className="card space-y-3">
      <h2 id="done-heading" className="text-lg font-semibold">
        Imported
      </h2>
      <FormNotice>
        {count(summary.rows - summary.skippedBadRows, "row")} imported: {count(c.candidates, "new candidate")}
        , {count(c.applications, "application")}, {count(c.interviews, "interview")} and{" "}
        {count(c.followUps, "follow-up")}
        {c.positions ? `, ${count(c.positions, "new position")}` : ""}
        {c.clients ? `, ${count(c.clients, "new client")}` : ""}.
        {summary.skippedBadRows
          ? ` ${summary.skippedBadRows} bad ${summary.skippedBadRows === 1 ? "row was" : "rows were"} left out.`
          : ""}
        {summary.unchangedRows
          ? ` ${summary.unchangedRows} ${summary.unchangedRows === 1 ? "row was" : "rows were"} already here and not added again.`
          : ""}
      </FormNotice>
      <p className="flex gap-4 text-sm">
        <Link to="/positions">See the positions</Link>
        <Link to="/import">Import another file</Link>
      </p>
    </section>
  );
}

/** A file input that also takes files dropped anywhere on its box. */
function DropZone({
  id,
  name,
  accept,
  label,
  hint,
}: {
  id: string;
  name: string;
  accept: string;
  label: string;
  hint: string;
}) {
  const [over, setOver] = useState(false);
  const [count, setCount] = useState(0);
  return (
    <div
      className={`rounded-lg border-2 border-dashed p-4 ${over ? "border-indigo-600 bg-indigo-50" : "border-slate-300"}`}
      onDragOver={(e) => {
        e.preventDefault();
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={(e) => {
        e.preventDefault();
        setOver(false);
        const input = document.getElementById(id) as HTMLInputElement | null;
        if (input && e.dataTransfer.files.length) {
          input.files = e.dataTransfer.files;
          setCount(e.dataTransfer.files.length);
        }
      }}
    >
      <label htmlFor={id} className="block text-sm font-medium">
        {label}
      </label>
      <input
        id={id}
        name={name}
        type="file"
        multiple
        accept={accept}
        className="mt-1 block text-sm"
        aria-describedby={`${id}-hint`}
        onChange={(e) => setCount(e.target.files?.length ?? 0)}
      />
      <p id={`${id}-hint`} className="mt-1 text-xs text-slate-600">
        {count > 1 ? `${count} files chosen. ` : ""}
        {hint}
      </p>
    </div>
  );
}

function EmlStep({ result }: { result: Extract<ActionResult, { intent: "eml" }> | null }) {
  const busy = useNavigation().formData?.get("intent") === "upload-eml";
  return (
    <section aria-labelledby="eml-heading" className="card space-y-3">
      <h2 id="eml-heading" className="text-lg font-semibold">
        Follow-up emails (.eml)
      </h2>
      <p className="text-sm text-slate-700">
        Each message is matched to a candidate by the sender&apos;s address and logged as the follow-up to
        that candidate&apos;s latest interview before it was sent. Automatic replies and messages sent before
        the interview ended are refused; anything that cannot be matched waits in the inbox below.
      </p>
      <Form method="post" encType="multipart/form-data" className="space-y-3">
        <input type="hidden" name="intent" value="upload-eml" />
        <DropZone
          id="eml"
          name="eml"
          accept=".eml,message/rfc822"
          label="Email files"
          hint="Drop .eml files here, or choose them. Save a message from your mail program as .eml."
        />
        <button type="submit" className="btn" disabled={busy}>
          {busy ? "Reading…" : "Log follow-ups"}
        </button>
      </Form>
      <FormAlert>{result?.error}</FormAlert>
      {result?.results.length ? (
        <ul className="space-y-1 text-sm" aria-label="Results">
          {result.results.map((r, i) => (
            <li
              key={i}
              className={
                r.status === "matched"
                  ? "text-emerald-900"
                  : r.status === "refused"
                    ? "text-red-800"
                    : "text-amber-900"
              }
            >
              <strong>{r.file}</strong>:{" "}
              {r.status === "matched" ? "" : r.status === "refused" ? "not read. " : "not matched. "}
              {r.message}
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}

function IcsStep({ result }: { result: Extract<ActionResult, { intent: "ics" | "ics-done" }> | null }) {
  const { clients, options } = useLoaderData<typeof loader>();
  const pending = useNavigation().formData?.get("intent");
  const ready = result?.intent === "ics" ? result.events.filter((e) => !e.problem).length : 0;
  return (
    <section aria-labelledby="ics-heading" className="card space-y-3">
      <h2 id="ics-heading" className="text-lg font-semibold">
        Calendar invitations (.ics)
      </h2>
      <p className="text-sm text-slate-700">
        Each event becomes an interview: the attendee who is a candidate, the organizer as interviewer, the
        start, end and time zone of the event, and its description as notes.
      </p>
      {result?.intent === "ics-done" ? (
        <FormNotice>
          {result.summary.created.interviews} interviews imported
          {result.summary.unchangedRows ? `; ${result.summary.unchangedRows} were already here` : ""}.
        </FormNotice>
      ) : null}
      <Form method="post" encType="multipart/form-data" className="space-y-3">
        <input type="hidden" name="intent" value="upload-ics" />
        <DropZone
          id="ics"
          name="ics"
          accept=".ics,text/calendar"
          label="Calendar files"
          hint="Drop .ics files here, or choose them."
        />
        <button type="submit" className="btn-secondary" disabled={pending === "upload-ics"}>
          {pending === "upload-ics" ? "Reading…" : "Preview events"}
        </button>
      </Form>
      {result?.intent === "ics" ? (
        <>
          <FormAlert>{result.error}</FormAlert>
          {result.events.length ? (
            <table className="min-w-full text-sm">
              <caption className="sr-only">Events found</caption>
              <thead>
                <tr className="border-b text-left">
                  <th scope="col" className="py-1 pr-3">
                    Event
                  </th>
                  <th scope="col" className="py-1 pr-3">
                    Starts
                  </th>
                  <th scope="col" className="py-1">
                    Becomes
                  </th>
                </tr>
              </thead>
              <tbody>
                {result.events.map((e, i) => (
                  <tr key={i} className="border-b border-slate-100">
                    <td className="py-1 pr-3">{e.summary || "(no title)"}</td>
                    <td className="py-1 pr-3">{e.startLabel}</td>
                    <td className={`py-1 ${e.problem ? "text-red-800" : ""}`}>
                      {e.problem ?? `An interview with ${e.candidate}`}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : null}
          {ready ? (
            <Form method="post">
              <input type="hidden" name="intent" value="import-ics" />
              <input type="hidden" name="token" value={result.token} />
              <input type="hidden" name="clientId" value={options.clientId ?? clients[0]?.id ?? ""} />
              <button type="submit" className="btn" disabled={pending === "import-ics"}>
                {pending === "import-ics"
                  ? "Importing…"
                  : `Import ${ready} interview${ready === 1 ? "" : "s"}`}
              </button>
            </Form>
          ) : null}
        </>
      ) : null}
    </section>
  );
}

function Inbox({ result }: { result: Extract<ActionResult, { intent: "inbox" }> | null }) {
  const { inbox } = useLoaderData<typeof loader>();
  return (
    <section aria-labelledby="inbox-heading" className="card space-y-3">
      <h2 id="inbox-heading" className="text-lg font-semibold">
        Inbox <span className="font-normal text-slate-600">({inbox.messages.length} unmatched)</span>
      </h2>
      {result ? (
        result.ok ? (
          <FormNotice>{result.message}</FormNotice>
        ) : (
          <FormAlert>{result.message}</FormAlert>
        )
      ) : null}
      {inbox.messages.length === 0 ? (
        <p className="text-sm text-slate-700">
          Nothing waiting. Messages that arrive by upload or at an interview&apos;s mail-in address and cannot
          be matched appear here.
        </p>
      ) : (
        <ul className="divide-y divide-slate-100">
          {inbox.messages.map((m) => {
            const suggested = inbox.interviews.filter((i) => i.email && i.email === m.sender);
            return (
              <li key={m.id} className="space-y-2 py-3">
                <div className="text-sm">
                  <strong>{m.subject || "(no subject)"}</strong> from {m.sender ?? "an unknown sender"}
                  {m.sentLabel ? `, sent ${m.sentLabel}` : ""}{" "}
                  <span className="text-slate-600">({m.source === "smtp" ? "mail-in" : "upload"})</span>
                </div>
                {m.reason ? <p className="text-sm text-amber-900">{m.reason}</p> : null}
                <div className="flex flex-wrap items-end gap-2">
                  <Form method="post" className="flex flex-wrap items-end gap-2">
                    <input type="hidden" name="messageId" value={m.id} />
                    <div>
                      <label htmlFor={`assign-${m.id}`} className="block text-xs font-medium">
                        Interview it follows up
                      </label>
                      <select
                        id={`assign-${m.id}`}
                        name="interviewId"
                        className="input mt-1 max-w-md"
                        defaultValue={m.interview_id ?? suggested[0]?.id ?? ""}
                      >
                        <option value="">Choose an interview…</option>
                        {inbox.interviews.map((i) => (
                          <option key={i.id} value={i.id}>
                            {i.label}
                          </option>
                        ))}
                      </select>
                    </div>
                    <button type="submit" name="intent" value="assign" className="btn">
                      Assign
                    </button>
                    <button type="submit" name="intent" value="discard" className="btn-secondary">
                      Discard
                    </button>
                  </Form>
                </div>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}

function FormatHelp() {
  return (
    <section aria-labelledby="format-heading" className="card space-y-2 text-sm">
      <h2 id="format-heading" className="text-lg font-semibold">
        Import format
      </h2>
      <p>
        One row per interview (or per candidate, for people not yet interviewed), with a header row. Columns,
        in any order; only <code>name</code>, <code>email</code> and <code>position</code> are required:
      </p>
      <p className="font-mono text-xs">
        name, email, phone, source, client, position, stage, outcome, interview_start, interview_end,
        time_zone, interviewer, interviewer_email, format, round, notes, follow_up_at, follow_up_channel,
        follow_up_subject, follow_up_body
      </p>
      <ul className="list-disc space-y-1 pl-5">
        <li>
          Dates: 2026-11-26 14:00, 11/26/2026 2:00 PM, 26/11/2026 14:00 (choose the order), Nov 26, 2026 2:00
          PM, or ISO with an offset.
        </li>
        <li>
          Separate first/last name columns and separate interview date and time columns work too; exports from
          other systems are mapped on the preview.
        </li>
        <li>
          Without an end, an interview lasts 60 minutes (or use a duration column). Format is phone, video or
          onsite; stage one of applied, screen, interview, final, offer, closed.
        </li>
        <li>
          Importing the same file again adds nothing: candidates are matched by email, positions by title
          within the client, interviews by candidate and start, follow-ups by interview and time.
        </li>
      </ul>
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

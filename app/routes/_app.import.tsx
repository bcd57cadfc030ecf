// The Import page: a CSV file (upload → map the columns → check every row → import the good rows
// or nothing). The uploaded file waits on the server under a random token between the steps.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useState } from "react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { FormAlert, FormNotice, PageHeader } from "~/components/form-fields";
import { requireUser } from "~/auth/session.server";
import { requirePermission } from "~/auth/permissions.server";
import { importCsvFile, importDefaults } from "~/data/intake.server";
import { FIELD_LABELS, IMPORT_FIELDS, mappingFromForm, mappingProblems, type ColumnMapping, type ImportField } from "~/core/import/fields";
import type { DateOrder } from "~/core/import/dates";
import { isTimeZone } from "~/core/time";
import { checkCsv, ImportHasBadRows, MAX_CSV_BYTES, previewCsv, removeUpload, storeUpload, uploadPath, type CheckResult, type ImportSummary } from "~/intake/csv.server";

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
  let preview: { token: string; name: string; headers: string[]; sample: string[][]; suggested: ColumnMapping } | null = null;
  let previewError: string | null = null;
  if (token) {
    const file = uploadPath(user.organization_id, token);
    if (!file) previewError = "That upload has expired or was already imported. Upload the file again.";
    else {
      try {
        preview = { token, name: url.searchParams.get("name") ?? "file.csv", ...(await previewCsv({ path: file })) };
      } catch (error) {
        previewError = `This file could not be read as CSV: ${(error as Error).message}`;
      }
    }
  }
  return { clients, timeZones: timeZones.includes("UTC") ? timeZones : ["UTC", ...timeZones], options, preview, previewError };
}

type ActionResult =
  | { intent: "check"; problems: string[]; check: CheckResult | null }
  | { intent: "import"; summary: ImportSummary; check: CheckResult }
  | { intent: "import-refused"; check: CheckResult }
  | { intent: "upload"; error: string };

function optionsFrom(form: FormData) {
  const timeZone = String(form.get("timeZone") ?? "UTC");
  const dateOrder: DateOrder = form.get("dateOrder") === "dmy" ? "dmy" : "mdy";
  const clientId = Number(form.get("clientId"));
  return { timeZone: isTimeZone(timeZone) ? timeZone : "UTC", dateOrder, clientId, defaultDurationMinutes: 60 };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  requirePermission(user, "intake:write");
  const form = await request.formData();
  const intent = form.get("intent");

  if (intent === "upload-csv") {
    const file = form.get("csv");
    if (!(file instanceof File) || file.size === 0) return data<ActionResult>({ intent: "upload", error: "Choose a CSV file to upload." }, { status: 400 });
    if (file.size > MAX_CSV_BYTES) return data<ActionResult>({ intent: "upload", error: "The file is over 50 MB; split it, or import it with npm run import." }, { status: 400 });
    const token = await storeUpload(user.organization_id, new Uint8Array(await file.arrayBuffer()));
    return redirect(`/import?file=${token}&name=${encodeURIComponent(file.name)}`);
  }

  const token = String(form.get("token") ?? "");
  const path = uploadPath(user.organization_id, token);
  if (intent === "cancel") {
    await removeUpload(user.organization_id, token);
    return redirect("/import");
  }
  if (!path) return data<ActionResult>({ intent: "upload", error: "That upload has expired or was already imported. Upload the file again." }, { status: 400 });
  const { headers } = await previewCsv({ path });
  const mapping = mappingFromForm(form, headers.length);
  const options = optionsFrom(form);
  const problems = mappingProblems(mapping);
  if (!options.clientId) problems.push("Choose the client for rows that do not name one.");
  if (problems.length) return data<ActionResult>({ intent: "check", problems, check: null }, { status: 400 });

  if (intent === "check") {
    return { intent: "check", problems: [], check: await checkCsv({ path }, mapping, options) } satisfies ActionResult;
  }
  if (intent === "import") {
    try {
      const { summary, check } = await importCsvFile(user, { path }, mapping, { ...options, skipBadRows: form.get("skipBadRows") === "1" });
      await removeUpload(user.organization_id, token);
      return { intent: "import", summary, check } satisfies ActionResult;
    } catch (error) {
      if (error instanceof ImportHasBadRows) return data<ActionResult>({ intent: "import-refused", check: error.check }, { status: 400 });
      throw error;
    }
  }
  throw new Response("Unknown action", { status: 400 });
}

export default function ImportPage() {
  const { preview, previewError } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as ActionResult | undefined;
  return (
    <div className="space-y-8">
      <PageHeader title="Import" subtitle="Bring in candidates, interviews and follow-ups from a CSV file instead of typing them." />
      {result?.intent === "import" ? <ImportDone summary={result.summary} /> : preview ? <MappingStep result={result} /> : <UploadStep error={previewError ?? (result?.intent === "upload" ? result.error : null)} />}
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
        Our own format (below) or an export from your applicant tracking system: you will see which column means what and can change it before anything is saved.
      </p>
      <FormAlert>{error}</FormAlert>
      <Form method="post" encType="multipart/form-data" className="flex flex-wrap items-end gap-3">
        <input type="hidden" name="intent" value="upload-csv" />
        <div>
          <label htmlFor="csv" className="block text-sm font-medium">
            CSV file
          </label>
          <input id="csv" name="csv" type="file" accept=".csv,text/csv" required className="mt-1 block text-sm" />
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
        <p className="text-sm text-slate-700">We guessed from the column names. Change any that are wrong, then check the rows. Nothing is saved until you import.</p>
      </div>
      <Form method="post" className="space-y-4" noValidate>
        <input type="hidden" name="token" value={preview.token} />
        <div className="grid gap-3 sm:grid-cols-3">
          <div>
            <label htmlFor="clientId" className="block text-sm font-medium">
              Client for rows without one
            </label>
            <select id="clientId" name="clientId" className="input mt-1" defaultValue={options.clientId ?? ""}>
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
            <select id="timeZone" name="timeZone" className="input mt-1" defaultValue={options.timeZone} aria-describedby="timeZone-hint">
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
                <MappingRow key={field} field={field} headers={preview.headers} firstRow={preview.sample[0] ?? []} suggested={preview.suggested[field] ?? null} />
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

        {pending === "import" ? (
          <div role="status" className="space-y-1">
            <p className="text-sm font-medium">Importing… large files take a little while; keep this page open.</p>
            <progress className="h-2 w-full" aria-label="Importing" />
          </div>
        ) : null}

        <div className="flex flex-wrap gap-2">
          <button type="submit" name="intent" value="check" className={check ? "btn-secondary" : "btn"} disabled={Boolean(pending)}>
            {pending === "check" ? "Checking…" : "Check rows"}
          </button>
          {check && check.goodRows > 0 ? (
            <>
              <input type="hidden" name="skipBadRows" value={check.badRows > 0 ? "1" : "0"} />
              <button type="submit" name="intent" value="import" className="btn" disabled={Boolean(pending)}>
                {check.badRows > 0 ? `Import the ${check.goodRows.toLocaleString("en")} good rows` : `Import ${check.goodRows.toLocaleString("en")} rows`}
              </button>
            </>
          ) : null}
          <button type="submit" name="intent" value="cancel" className="btn-secondary" disabled={Boolean(pending)}>
            {check && check.badRows > 0 ? "Import nothing" : "Cancel"}
          </button>
        </div>
      </Form>
    </section>
  );
}

function MappingRow({ field, headers, firstRow, suggested }: { field: ImportField; headers: string[]; firstRow: string[]; suggested: number | null }) {
  const [column, setColumn] = useState(suggested != null ? String(suggested) : "");
  return (
    <tr className="border-b border-slate-100">
      <th scope="row" className="py-1.5 pr-3 text-left font-medium">
        <label htmlFor={`map-${field}`}>{FIELD_LABELS[field]}</label>
      </th>
      <td className="py-1.5 pr-3">
        <select id={`map-${field}`} name={`map.${field}`} className="input" value={column} onChange={(e) => setColumn(e.target.value)}>
          <option value="">— not in this file —</option>
          {headers.map((h, i) => (
            <option key={i} value={i}>
              {h || `Column ${i + 1}`}
            </option>
          ))}
        </select>
      </td>
      <td className="max-w-xs truncate py-1.5 text-slate-600">{column !== "" ? (firstRow[Number(column)] ?? "") : ""}</td>
    </tr>
  );
}

function CheckReport({ check, refused }: { check: CheckResult; refused: boolean }) {
  if (check.badRows === 0) {
    return <FormNotice>All {check.rows.toLocaleString("en")} rows are ready to import.</FormNotice>;
  }
  return (
    <div className="space-y-2" role={refused ? "alert" : undefined}>
      <p className="text-sm">
        <strong>{check.goodRows.toLocaleString("en")}</strong> of {check.rows.toLocaleString("en")} rows are ready;{" "}
        <strong className="text-red-800">{check.badRows.toLocaleString("en")}</strong> {check.badRows === 1 ? "has" : "have"} problems. Fix them in the file and upload it again, import only the good rows,
        or import nothing.
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
      {check.moreErrors ? <p className="text-sm">…and {check.moreErrors.toLocaleString("en")} more problems.</p> : null}
    </div>
  );
}

function ImportDone({ summary }: { summary: ImportSummary }) {
  const c = summary.created;
  return (
    <section aria-labelledby="done-heading" className="card space-y-3">
      <h2 id="done-heading" className="text-lg font-semibold">
        Imported
      </h2>
      <FormNotice>
        {(summary.rows - summary.skippedBadRows).toLocaleString("en")} rows imported: {c.candidates} new candidates, {c.applications} applications, {c.interviews} interviews and{" "}
        {c.followUps} follow-ups{c.positions ? `, ${c.positions} new positions` : ""}
        {c.clients ? `, ${c.clients} new clients` : ""}.{summary.skippedBadRows ? ` ${summary.skippedBadRows} bad ${summary.skippedBadRows === 1 ? "row was" : "rows were"} left out.` : ""}
        {summary.unchangedRows ? ` ${summary.unchangedRows} ${summary.unchangedRows === 1 ? "row was" : "rows were"} already here and not added again.` : ""}
      </FormNotice>
      <p className="flex gap-4 text-sm">
        <Link to="/positions">See the positions</Link>
        <Link to="/import">Import another file</Link>
      </p>
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
        One row per interview (or per candidate, for people not yet interviewed), with a header row. Columns, in any order; only <code>name</code>, <code>email</code> and{" "}
        <code>position</code> are required:
      </p>
      <p className="font-mono text-xs">
        name, email, phone, source, client, position, stage, outcome, interview_start, interview_end, time_zone, interviewer, interviewer_email, format, round, notes, follow_up_at,
        follow_up_channel, follow_up_subject, follow_up_body
      </p>
      <ul className="list-disc space-y-1 pl-5">
        <li>Dates: 2026-11-26 14:00, 11/26/2026 2:00 PM, 26/11/2026 14:00 (choose the order), Nov 26, 2026 2:00 PM, or ISO with an offset.</li>
        <li>Separate first/last name columns and separate interview date and time columns work too; exports from other systems are mapped on the preview.</li>
        <li>Without an end, an interview lasts 60 minutes (or use a duration column). Format is phone, video or onsite; stage one of applied, screen, interview, final, offer, closed.</li>
        <li>
          Importing the same file again adds nothing: candidates are matched by email, positions by title within the client, interviews by candidate and start, follow-ups by interview and
          time.
        </li>
      </ul>
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

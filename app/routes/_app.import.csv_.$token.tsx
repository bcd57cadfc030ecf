// Import a spreadsheet, step 2: the uploaded file's columns mapped to fields (guessed from the
// headers, changed by hand), every row checked, then the good rows imported or nothing. The file
// waits under its token (app/intake/uploads.server.ts) until it is imported or cancelled; the import
// then sends the browser to /import/csv?done=<token>, which shows what it added.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useEffect, useState, type ReactNode } from "react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { FormAlert, FormNotice } from "~/components/form-fields";
import { requireUser } from "~/auth/session.server";
import { can, requirePermission } from "~/auth/permissions.server";
import { getDemographicCategories } from "~/data/demographics.server";
import { importDefaults, importUploadedCsv, type ImportProgress } from "~/intake/import-page.server";
import {
  DEMOGRAPHIC_FIELDS,
  FIELD_LABELS,
  IMPORT_FIELDS,
  type ColumnMapping,
  type ImportField,
} from "~/core/import/fields";
import { csvImportSchema, CSV_CLIENT_MESSAGE, valueKey, valueMapFromForm } from "~/core/import/schemas";
import { VALUE_CHOICES, type ValueField } from "~/core/import/ats-words";
import type { UnknownValueCount } from "~/core/import/unknown-values";
import { STAGE_LABELS } from "~/core/stages";
import { OUTCOME_LABELS } from "~/core/outcomes";
import { INTERVIEW_FORMAT_LABELS } from "~/core/interview-formats";
import { CHANNEL_LABELS } from "~/core/channels";
import { formValues } from "~/core/params";
import { fieldErrors } from "~/core/schemas";
import { isDiskFull } from "../../db/errors.server";
import { checkCsv, CsvReadError, ImportHasBadRows, previewCsv, type CheckResult } from "~/intake/csv.server";
import { readReceipt, removeUpload, storeReceipt, uploadPath } from "~/intake/uploads.server";
import { timeZoneChoices } from "~/core/time";
import { getDb } from "../../db/connection.server";

export const meta: MetaFunction = () => [{ title: "Map the columns · Import · Followthrough" }];

const EXPIRED = "That upload has expired or was already imported. Upload the file again.";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  requirePermission(user, "intake:write");
  const token = params.token ?? "";
  const name = new URL(request.url).searchParams.get("name") ?? "file.csv";
  const { clients } = await importDefaults(getDb(), user);
  const page = {
    token,
    name,
    clients,
    timeZones: timeZoneChoices(),
    // Times without a zone are read in the importer's own zone unless they choose another.
    defaults: { timeZone: user.timeZone, dateOrder: "mdy", clientId: clients[0]?.id ?? null },
    // Self-identification columns are offered only to the compliance permission (issue 21).
    fields: IMPORT_FIELDS.filter((f) => can(user, "compliance:write") || !(f in DEMOGRAPHIC_FIELDS)),
  };
  const file = uploadPath(user.organization_id, token);
  if (!file) {
    // Back on this page after importing the file: its summary.
    if (await readReceipt(user.organization_id, "csv-receipt", token))
      return redirect(`/import/csv?done=${token}`);
    return { ...page, preview: null, previewError: EXPIRED };
  }
  try {
    return { ...page, preview: await previewCsv({ path: file }, { scan: true }), previewError: null };
  } catch (error) {
    return {
      ...page,
      preview: null,
      previewError: `This file could not be read as CSV: ${(error as Error).message}`,
    };
  }
}

/**
 * What a step answers when it stays on this page: the rows checked (200), or an import refused
 * because some are bad and were not to be skipped (400); fields to fix, each beside its control
 * (400); or a problem with the file or the server (400, or 507 when the disk is full). Always with
 * what was chosen, so that the form shows it again.
 */
type ActionResult = {
  values: Record<string, string>;
  check?: CheckResult;
  refused?: boolean;
  errors?: Record<string, string[]>;
  formError?: string;
};

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  requirePermission(user, "intake:write");
  const token = params.token ?? "";
  const values = formValues(await request.formData());
  if (values.intent === "cancel") {
    await removeUpload(user.organization_id, token);
    return redirect("/import/csv");
  }
  const path = uploadPath(user.organization_id, token);
  if (!path) return data<ActionResult>({ formError: EXPIRED, values }, { status: 400 });
  let headers: string[];
  try {
    ({ headers } = await previewCsv({ path }));
  } catch (error) {
    // The page said so when it loaded; a check or import posted from it anyway gets the same answer.
    return data<ActionResult>(
      {
        formError: `This file could not be read as CSV: ${(error as Error).message} Fix it and upload it again.`,
        values,
      },
      { status: 400 },
    );
  }
  const parsed = csvImportSchema(headers.length).safeParse(values);
  if (!parsed.success)
    return data<ActionResult>({ errors: fieldErrors(parsed.error), values }, { status: 400 });
  const form = parsed.data;
  if (form.intent === "cancel") return redirect("/import/csv");
  // Another organization's client id (a stale or edited form) is refused like a missing one.
  const { clients } = await importDefaults(getDb(), user);
  if (!clients.some((c) => c.id === form.clientId))
    return data<ActionResult>({ errors: { clientId: [CSV_CLIENT_MESSAGE] }, values }, { status: 400 });
  // Without the compliance permission the self-identification columns are neither read nor stored.
  const compliance = can(user, "compliance:write");
  const mapping: ColumnMapping = compliance
    ? form.mapping
    : { ...form.mapping, ...Object.fromEntries(Object.keys(DEMOGRAPHIC_FIELDS).map((f) => [f, null])) };
  const options = {
    demographics: compliance ? await getDemographicCategories(getDb(), user.organization_id) : undefined,
    timeZone: form.timeZone,
    dateOrder: form.dateOrder,
    clientId: form.clientId,
    defaultDurationMinutes: 60,
    // The values read by hand on this page (their selects travel with every step's form).
    valueMap: valueMapFromForm(values),
  };

  try {
    if (form.intent === "check")
      return { check: await checkCsv({ path }, mapping, options), refused: false, values };
    const { summary } = await importUploadedCsv(getDb(), user, token, path, mapping, {
      ...options,
      skipBadRows: form.skipBadRows,
    });
    await removeUpload(user.organization_id, token);
    await storeReceipt(user.organization_id, "csv-receipt", summary, token);
    return redirect(`/import/csv?done=${token}`);
  } catch (error) {
    if (error instanceof ImportHasBadRows)
      return data<ActionResult>({ check: error.check, refused: true, values }, { status: 400 });
    // The rows did not fit on the disk: the import's transaction was rolled back whole.
    if (isDiskFull(error)) {
      return data<ActionResult>(
        {
          formError:
            "The server's disk is full: nothing was imported. Free some disk space on the server, then import again.",
          values,
        },
        { status: 507 },
      );
    }
    // A malformed row past the preview's first few: nothing was imported.
    if (error instanceof CsvReadError)
      return data<ActionResult>(
        { formError: `This file could not be read as CSV: ${error.message}`, values },
        { status: 400 },
      );
    throw error;
  }
}

export default function CsvMappingPage() {
  const { preview, previewError } = useLoaderData<typeof loader>();
  if (!preview) {
    return (
      <section aria-labelledby="mapping-heading" className="card space-y-3">
        <h2 id="mapping-heading" className="text-lg font-semibold">
          Which column is which?
        </h2>
        <FormAlert>{previewError}</FormAlert>
        <p className="text-sm">
          <Link to="/import/csv">Upload a file</Link>
        </p>
      </section>
    );
  }
  return <MappingStep />;
}

function MappingStep() {
  const { token, name, clients, timeZones, defaults, preview, fields } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as ActionResult | undefined;
  const navigation = useNavigation();
  const pending = navigation.state !== "idle" ? navigation.formData?.get("intent") : null;
  const check = result?.check ?? null;
  const errors = result?.errors ?? {};
  // What the person chose, after a refused submission without JavaScript (the page is drawn anew).
  const typed = (field: string, fallback: string | number | null) =>
    result?.values[field] ?? (fallback == null ? "" : String(fallback));
  const problems = Object.values(errors).flat();
  if (!preview) return null;
  return (
    <section aria-labelledby="mapping-heading" className="card space-y-4">
      <div>
        <h2 id="mapping-heading" className="text-lg font-semibold">
          Which column is which? <span className="font-normal text-slate-600">({name})</span>
        </h2>
        <p className="text-sm text-slate-700">
          We guessed from the column names and their values. Change any that are wrong, then check the rows.
          Nothing is saved until you import.
        </p>
        <p className="text-sm text-slate-600">Read as {preview.encoding}.</p>
      </div>
      <Form method="post" className="space-y-4" noValidate>
        <div className="grid gap-3 sm:grid-cols-3">
          <Setting id="clientId" label="Client for rows without one" errors={errors.clientId}>
            {(props) => (
              <select {...props} name="clientId" defaultValue={typed("clientId", defaults.clientId)}>
                {clients.map((c) => (
                  <option key={c.id} value={c.id}>
                    {c.name}
                  </option>
                ))}
              </select>
            )}
          </Setting>
          <Setting
            id="timeZone"
            label="Time zone of the dates"
            errors={errors.timeZone}
            hint="A time zone column in the file wins; dates with an offset (Z, +01:00) are kept as written."
          >
            {(props) => (
              <select {...props} name="timeZone" defaultValue={typed("timeZone", defaults.timeZone)}>
                {timeZones.map((z) => (
                  <option key={z} value={z}>
                    {z}
                  </option>
                ))}
              </select>
            )}
          </Setting>
          <Setting id="dateOrder" label="Dates like 03/04/2026 mean" errors={errors.dateOrder}>
            {(props) => (
              <select {...props} name="dateOrder" defaultValue={typed("dateOrder", defaults.dateOrder)}>
                <option value="mdy">March 4 (month first)</option>
                <option value="dmy">3 April (day first)</option>
              </select>
            )}
          </Setting>
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
              {fields.map((field) => (
                <MappingRow
                  key={field}
                  field={field}
                  headers={preview.headers}
                  firstRow={preview.sample[0] ?? []}
                  chosen={typed(`map.${field}`, preview.suggested[field] ?? null)}
                  errors={errors[`map.${field}`]}
                />
              ))}
            </tbody>
          </table>
        </div>

        <UnknownValues
          listed={preview.unknownValues}
          checked={check ? check.unknownValues : null}
          more={check ? check.moreUnknown : preview.moreUnknown}
          typed={typed}
        />

        {problems.length ? (
          <FormAlert>
            {problems.map((p) => (
              <span key={p} className="block">
                {p}
              </span>
            ))}
          </FormAlert>
        ) : null}
        <FormAlert>{result?.formError}</FormAlert>
        {check ? <CheckReport check={check} refused={Boolean(result?.refused)} /> : null}

        {pending === "import" && check ? <ImportProgressBar token={token} rows={check.rows} /> : null}

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

/** Our words for a value field, with their labels, as the value selects offer them. */
const VALUE_LABELS: Record<ValueField, Record<string, string>> = {
  stage: STAGE_LABELS,
  outcome: OUTCOME_LABELS,
  format: INTERVIEW_FORMAT_LABELS,
  follow_up_channel: CHANNEL_LABELS,
};
const LEFT_AS: Record<ValueField, string> = {
  stage: "leave the stage unset",
  outcome: "leave the outcome unset (pending)",
  format: "leave it (video)",
  follow_up_channel: "leave it (email)",
};

/**
 * The stage, outcome, format and channel values nothing read, once each with how many rows have it
 * and a select to read it as one of ours. The values listed when the page loaded keep their selects
 * after a check (mapped ones are no longer unknown to it); the check adds those of columns chosen since.
 */
function UnknownValues({
  listed,
  checked,
  more,
  typed,
}: {
  listed: UnknownValueCount[];
  checked: UnknownValueCount[] | null;
  more: number;
  typed: (field: string, fallback: string | number | null) => string;
}) {
  const key = (u: UnknownValueCount) => `${u.field}|${u.value}`;
  const fromCheck = new Map((checked ?? []).map((u) => [key(u), u]));
  const values = [
    ...listed.map((u) => fromCheck.get(key(u)) ?? u),
    ...(checked ?? []).filter((u) => !listed.some((l) => key(l) === key(u))),
  ];
  if (values.length === 0) return null;
  const n = (x: number) => x.toLocaleString("en");
  return (
    <div className="space-y-2">
      <h3 id="values-heading" className="text-base font-semibold">
        Values we could not read
      </h3>
      <p className="text-sm text-slate-700">
        Choose what each means here. Rows with a value left as it is are imported without it.
      </p>
      <div className="overflow-x-auto">
        <table className="min-w-full text-sm" aria-labelledby="values-heading">
          <thead>
            <tr className="border-b text-left">
              <th scope="col" className="py-2 pr-3">
                Field
              </th>
              <th scope="col" className="py-2 pr-3">
                Value in your file
              </th>
              <th scope="col" className="py-2 pr-3">
                Rows
              </th>
              <th scope="col" className="py-2">
                Read it as
              </th>
            </tr>
          </thead>
          <tbody>
            {values.map((u, i) => {
              const id = `value-${i}`;
              return (
                <tr key={key(u)} className="border-b border-slate-100">
                  <td className="py-1.5 pr-3 align-top">{FIELD_LABELS[u.field]}</td>
                  <th scope="row" className="py-1.5 pr-3 text-left align-top font-medium">
                    “{u.value}”
                  </th>
                  <td className="py-1.5 pr-3 align-top tabular-nums">
                    {n(u.rows)} {u.rows === 1 ? "row" : "rows"}{" "}
                    <span className="text-slate-600">(first: row {n(u.firstRow)})</span>
                  </td>
                  <td className="py-1.5 align-top">
                    <label htmlFor={id} className="sr-only">
                      Read “{u.value}” ({FIELD_LABELS[u.field].toLowerCase()}) as
                    </label>
                    <select
                      id={id}
                      name={valueKey(u.field, u.value)}
                      className="input"
                      defaultValue={typed(valueKey(u.field, u.value), "")}
                    >
                      <option value="">— {LEFT_AS[u.field]} —</option>
                      {VALUE_CHOICES[u.field].map((ours) => (
                        <option key={ours} value={ours}>
                          {VALUE_LABELS[u.field][ours] ?? ours}
                        </option>
                      ))}
                    </select>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {more ? <p className="text-sm">…and {n(more)} more rows with other values.</p> : null}
    </div>
  );
}

type ControlProps = {
  id: string;
  className: string;
  "aria-invalid"?: true;
  "aria-describedby"?: string;
};

/** One of the import's settings above the mapping: a label, its select, a hint and its errors. */
function Setting({
  id,
  label,
  hint,
  errors,
  children,
}: {
  id: string;
  label: string;
  hint?: string;
  errors?: string[];
  children: (props: ControlProps) => ReactNode;
}) {
  const describedBy = [errors ? `${id}-error` : null, hint ? `${id}-hint` : null].filter(Boolean).join(" ");
  return (
    <div>
      <label htmlFor={id} className="block text-sm font-medium">
        {label}
      </label>
      {children({
        id,
        className: `input mt-1 ${errors ? "border-red-600" : ""}`,
        "aria-invalid": errors ? true : undefined,
        "aria-describedby": describedBy || undefined,
      })}
      {hint ? (
        <p id={`${id}-hint`} className="mt-1 text-xs text-slate-600">
          {hint}
        </p>
      ) : null}
      {errors ? (
        <p id={`${id}-error`} className="mt-1 text-sm text-red-700">
          {errors.join(" ")}
        </p>
      ) : null}
    </div>
  );
}

function MappingRow({
  field,
  headers,
  firstRow,
  chosen,
  errors,
}: {
  field: ImportField;
  headers: string[];
  firstRow: string[];
  chosen: string;
  errors?: string[];
}) {
  const [column, setColumn] = useState(chosen);
  const id = `map-${field}`;
  return (
    <tr className="border-b border-slate-100">
      <th scope="row" className="pb-1.5 pr-3 pt-[0.8125rem] text-left align-top font-medium">
        <label htmlFor={id}>{FIELD_LABELS[field]}</label>
      </th>
      <td className="py-1.5 pr-3 align-top">
        <select
          id={id}
          name={`map.${field}`}
          className={`input ${errors ? "border-red-600" : ""}`}
          value={column}
          onChange={(e) => setColumn(e.target.value)}
          aria-invalid={errors ? true : undefined}
          aria-describedby={errors ? `${id}-error` : undefined}
        >
          <option value="">— not in this file —</option>
          {headers.map((h, i) => (
            <option key={i} value={i}>
              {h || `Column ${i + 1}`}
            </option>
          ))}
        </select>
        {errors ? (
          <p id={`${id}-error`} className="mt-1 text-sm text-red-700">
            {errors.join(" ")}
          </p>
        ) : null}
      </td>
      <td className="max-w-xs truncate pb-1.5 pt-[0.8125rem] align-top text-slate-600">
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
    const unread = check.unknownValues.length;
    return (
      <FormNotice>
        All {check.rows.toLocaleString("en")} rows are ready to import.
        {unread
          ? ` ${unread} ${unread === 1 ? "value is" : "values are"} not read (listed above): ${unread === 1 ? "its rows are" : "their rows are"} imported without ${unread === 1 ? "it" : "them"}.`
          : ""}
      </FormNotice>
    );
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

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

// Import a spreadsheet, step 1: upload the CSV file. It waits on the server under a random token
// (app/intake/uploads.server.ts) and the next step, mapping its columns, is /import/csv/<token>.
// After an import, /import/csv?done=<token> shows what it added.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { FormNotice } from "~/components/form-fields";
import { requireUser } from "~/auth/session.server";
import { requirePermission } from "~/auth/permissions.server";
import { fieldErrors } from "~/core/schemas";
import { CsvUploadSchema } from "~/core/import/schemas";
import type { ImportSummary } from "~/intake/import-writer.server";
import { readReceipt, storeUpload } from "~/intake/uploads.server";

export const meta: MetaFunction = () => [{ title: "Import a spreadsheet · Followthrough" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  requirePermission(user, "intake:write");
  const done = new URL(request.url).searchParams.get("done");
  return {
    summary: done ? await readReceipt<ImportSummary>(user.organization_id, "csv-receipt", done) : null,
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  requirePermission(user, "intake:write");
  const form = await request.formData();
  const parsed = CsvUploadSchema.safeParse({ csv: form.get("csv") });
  if (!parsed.success) return data({ errors: fieldErrors(parsed.error) }, { status: 400 });
  const { csv } = parsed.data;
  const token = await storeUpload(user.organization_id, new Uint8Array(await csv.arrayBuffer()));
  return redirect(`/import/csv/${token}?name=${encodeURIComponent(csv.name)}`);
}

export default function CsvUploadPage() {
  const { summary } = useLoaderData<typeof loader>();
  return (
    <div className="space-y-6">
      {summary ? <ImportDone summary={summary} /> : <UploadStep />}
      <FormatHelp />
    </div>
  );
}

function UploadStep() {
  const errors = useActionData<typeof action>()?.errors.csv;
  const busy = useNavigation().state === "submitting";
  return (
    <section aria-labelledby="csv-heading" className="card space-y-3">
      <h2 id="csv-heading" className="text-lg font-semibold">
        Candidates and interviews from a spreadsheet
      </h2>
      <p className="text-sm text-slate-700">
        Our own format (below) or an export from your applicant tracking system: you will see which column
        means what and can change it before anything is saved.
      </p>
      <Form method="post" encType="multipart/form-data" className="flex flex-wrap items-end gap-3">
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
            aria-invalid={errors ? true : undefined}
            aria-describedby={errors ? "csv-error" : undefined}
          />
        </div>
        <button type="submit" className="btn" disabled={busy}>
          {busy ? "Uploading…" : "Upload and preview"}
        </button>
      </Form>
      {errors ? (
        <p id="csv-error" role="alert" className="text-sm text-red-700">
          {errors.join(" ")}
        </p>
      ) : null}
    </section>
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
        {summary.demographics
          ? ` Self-identification recorded for ${count(summary.demographics, "candidate")}.`
          : ""}
      </FormNotice>
      <p className="flex gap-4 text-sm">
        <Link to="/positions">See the positions</Link>
        <Link to="/import/csv">Import another file</Link>
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

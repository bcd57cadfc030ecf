// Calendar files (.ics), step 1: upload them. Their texts wait on the server under a token
// (app/intake/uploads.server.ts) and /import/calendar/<token> shows what each event would become.
// After an import, /import/calendar?done=<token> says how many interviews it added.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { DropZone } from "~/components/drop-zone";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { FormNotice } from "~/components/form-fields";
import { requireUser } from "~/auth/session.server";
import { requirePermission } from "~/auth/permissions.server";
import { previewIcsFiles } from "~/intake/import-page.server";
import { IcsUploadSchema } from "~/core/import/schemas";
import { fieldErrors } from "~/core/schemas";
import type { ImportSummary } from "~/intake/import-writer.server";
import { readReceipt } from "~/intake/uploads.server";
import { getDb } from "../../db/connection.server";

export const meta: MetaFunction = () => [{ title: "Import calendar files · Import · Followthrough" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  requirePermission(user, "intake:write");
  const done = new URL(request.url).searchParams.get("done");
  return {
    summary: done ? await readReceipt<ImportSummary>(user.organization_id, "ics-receipt", done) : null,
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  requirePermission(user, "intake:write");
  const form = await request.formData();
  const parsed = IcsUploadSchema.safeParse({ ics: form.getAll("ics") });
  if (!parsed.success) return data({ errors: fieldErrors(parsed.error) }, { status: 400 });
  try {
    const { token } = await previewIcsFiles(
      getDb(),
      user,
      await Promise.all(parsed.data.ics.map(async (f) => ({ name: f.name, text: await f.text() }))),
    );
    return redirect(`/import/calendar/${token}`);
  } catch (error) {
    return data(
      { errors: { ics: [`This is not a calendar file we can read: ${(error as Error).message}`] } },
      { status: 400 },
    );
  }
}

export default function IcsUploadPage() {
  const { summary } = useLoaderData<typeof loader>();
  const errors = useActionData<typeof action>()?.errors.ics;
  const busy = useNavigation().state === "submitting";
  return (
    <section aria-labelledby="ics-heading" className="card space-y-3">
      <h2 id="ics-heading" className="text-lg font-semibold">
        Calendar invitations (.ics)
      </h2>
      <p className="text-sm text-slate-700">
        Each event becomes an interview: the attendee who is a candidate, the organizer as interviewer, the
        start, end and time zone of the event, and its description as notes.
      </p>
      {summary ? (
        <FormNotice>
          {summary.created.interviews} interview{summary.created.interviews === 1 ? "" : "s"} imported
          {summary.unchangedRows ? `; ${summary.unchangedRows} were already here` : ""}.
        </FormNotice>
      ) : null}
      <Form method="post" encType="multipart/form-data" className="space-y-3">
        <DropZone
          id="ics"
          name="ics"
          accept=".ics,text/calendar"
          label="Calendar files"
          hint="Drop .ics files here, or choose them."
          error={errors}
        />
        <button type="submit" className="btn-secondary" disabled={busy}>
          {busy ? "Reading…" : "Preview events"}
        </button>
      </Form>
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

// Calendar files (.ics), step 2: the events found in the uploaded files and what each would become,
// then the import of those that can be. The texts wait under the token (app/intake/uploads.server.ts)
// and are read again here, so that the preview matches today's candidates; the import sends the
// browser to /import/calendar?done=<token>.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { FormAlert } from "~/components/form-fields";
import { requireUser } from "~/auth/session.server";
import { requirePermission } from "~/auth/permissions.server";
import { importDefaults, importIcsUpload } from "~/intake/import-page.server";
import { formatDateTime } from "~/core/format";
import { IcsImportSchema } from "~/core/import/schemas";
import { formValues } from "~/core/params";
import { readIcs } from "~/intake/ics.server";
import { readIcsTexts, readReceipt, storeReceipt } from "~/intake/uploads.server";
import { getDb } from "../../db/connection.server";

export const meta: MetaFunction = () => [{ title: "Preview events · Import · Followthrough" }];

const EXPIRED = "That upload has expired or was already imported. Upload the file again.";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  requirePermission(user, "intake:write");
  const token = params.token ?? "";
  const { clients } = await importDefaults(getDb(), user);
  const texts = await readIcsTexts(user.organization_id, token);
  if (!texts) {
    // Back on this page after importing the files: how many interviews they added.
    if (await readReceipt(user.organization_id, "ics-receipt", token))
      return redirect(`/import/calendar?done=${token}`);
    return { clientId: null, events: [], expired: EXPIRED };
  }
  const events = await readIcs(getDb(), user, texts);
  return {
    clientId: clients[0]?.id ?? null,
    events: events.map(({ record: _record, ...e }) => ({
      ...e,
      startLabel: e.startsAt ? formatDateTime(e.startsAt, user.timeZone) : "",
    })),
    expired: null,
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  requirePermission(user, "intake:write");
  const token = params.token ?? "";
  const parsed = IcsImportSchema.safeParse(formValues(await request.formData()));
  // The client is chosen for the person (the first), so a problem with it is the form's, not a field's.
  const { clients } = await importDefaults(getDb(), user);
  if (!parsed.success || !clients.some((c) => c.id === parsed.data.clientId))
    return data(
      { formError: "Choose the client for events whose candidate has no position yet, from the list." },
      { status: 400 },
    );
  const summary = await importIcsUpload(getDb(), user, token, parsed.data.clientId);
  if (!summary) return data({ formError: EXPIRED }, { status: 400 });
  await storeReceipt(user.organization_id, "ics-receipt", summary, token);
  return redirect(`/import/calendar?done=${token}`);
}

export default function IcsPreviewPage() {
  const { clientId, events, expired } = useLoaderData<typeof loader>();
  const formError = useActionData<typeof action>()?.formError;
  const busy = useNavigation().state === "submitting";
  const ready = events.filter((e) => !e.problem).length;
  return (
    <section aria-labelledby="ics-heading" className="card space-y-3">
      <h2 id="ics-heading" className="text-lg font-semibold">
        Calendar invitations (.ics): what each event becomes
      </h2>
      <FormAlert>{expired ?? formError}</FormAlert>
      {events.length ? (
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
            {events.map((e, i) => (
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
      ) : expired ? null : (
        <p className="text-sm text-slate-700">These files hold no events.</p>
      )}
      <div className="flex flex-wrap items-center gap-3">
        {ready ? (
          <Form method="post">
            <input type="hidden" name="clientId" value={clientId ?? ""} />
            <button type="submit" className="btn" disabled={busy}>
              {busy ? "Importing…" : `Import ${ready} interview${ready === 1 ? "" : "s"}`}
            </button>
          </Form>
        ) : null}
        <Link to="/import/calendar" className="text-sm">
          {expired ? "Upload the files again" : "Choose other files"}
        </Link>
      </div>
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

// Follow-up emails as .eml files: each is matched to a candidate by its sender and logged as the
// follow-up to that candidate's latest interview before it was sent; what cannot be matched waits in
// the inbox (/import/inbox). An upload sends the browser to /import/email?done=<token>, which lists
// each file's result (kept as a receipt, app/intake/uploads.server.ts).
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { DropZone } from "~/components/drop-zone";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { requireUser } from "~/auth/session.server";
import { requirePermission } from "~/auth/permissions.server";
import { uploadEmlFiles, type EmlUploadResult } from "~/intake/import-page.server";
import { EmlUploadSchema } from "~/core/import/schemas";
import { MAX_EML_BYTES } from "~/core/import/limits";
import { fieldErrors } from "~/core/schemas";
import { listUnmatched } from "~/intake/inbound.server";
import { readReceipt, storeReceipt } from "~/intake/uploads.server";
import { getDb } from "../../db/connection.server";

export const meta: MetaFunction = () => [{ title: "Log follow-up emails · Import · Followthrough" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  requirePermission(user, "intake:write");
  const done = new URL(request.url).searchParams.get("done");
  return {
    results: done ? await readReceipt<EmlUploadResult[]>(user.organization_id, "eml-receipt", done) : null,
    inboxCount: (await listUnmatched(getDb(), user)).length,
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  requirePermission(user, "intake:write");
  const form = await request.formData();
  const parsed = EmlUploadSchema.safeParse({ eml: form.getAll("eml") });
  if (!parsed.success) return data({ errors: fieldErrors(parsed.error) }, { status: 400 });
  const refused: EmlUploadResult[] = [];
  const readable: { name: string; bytes: Uint8Array }[] = [];
  for (const f of parsed.data.eml) {
    if (f.size > MAX_EML_BYTES)
      refused.push({
        file: f.name,
        status: "refused",
        message: "Over 10 MB: too large to be a follow-up email.",
      });
    else readable.push({ name: f.name, bytes: new Uint8Array(await f.arrayBuffer()) });
  }
  const results = [...refused, ...(await uploadEmlFiles(getDb(), user, readable, user.timeZone))];
  const token = await storeReceipt(user.organization_id, "eml-receipt", results);
  return redirect(`/import/email?done=${token}`);
}

export default function EmlPage() {
  const { results, inboxCount } = useLoaderData<typeof loader>();
  const errors = useActionData<typeof action>()?.errors.eml;
  const busy = useNavigation().state === "submitting";
  return (
    <div className="space-y-6">
      <section aria-labelledby="eml-heading" className="card space-y-3">
        <h2 id="eml-heading" className="text-lg font-semibold">
          Follow-up emails (.eml)
        </h2>
        <p className="text-sm text-slate-700">
          Each message is matched to a candidate by the sender&apos;s address and logged as the follow-up to
          that candidate&apos;s latest interview before it was sent. Automatic replies and messages sent
          before the interview ended are refused; anything that cannot be matched waits in the inbox below.
        </p>
        <p className="text-sm text-slate-700">
          Or{" "}
          <Link to="/settings/mailboxes" className="underline">
            connect a mailbox
          </Link>
          , and its candidates&apos; messages arrive by themselves.
        </p>
        <Form method="post" encType="multipart/form-data" className="space-y-3">
          <DropZone
            id="eml"
            name="eml"
            accept=".eml,message/rfc822"
            label="Email files"
            hint="Drop .eml files here, or choose them. Save a message from your mail program as .eml."
            error={errors}
          />
          <button type="submit" className="btn" disabled={busy}>
            {busy ? "Reading…" : "Log follow-ups"}
          </button>
        </Form>
        {results?.length ? (
          <ul className="space-y-1 text-sm" aria-label="Results">
            {results.map((r, i) => (
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
      <section aria-labelledby="inbox-heading" className="card space-y-2">
        <h2 id="inbox-heading" className="text-lg font-semibold">
          Inbox <span className="font-normal text-slate-600">({inboxCount} unmatched)</span>
        </h2>
        <p className="text-sm text-slate-700">
          {inboxCount
            ? "Messages that could not be matched wait there to be assigned to an interview by hand, or discarded."
            : "Nothing waiting. Messages that arrive by upload or at an interview's mail-in address and cannot be matched appear there."}
        </p>
        {inboxCount ? (
          <p className="text-sm">
            <Link to="/import/inbox" className="font-medium">
              Assign the unmatched messages <span aria-hidden="true">→</span>
            </Link>
          </p>
        ) : null}
      </section>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

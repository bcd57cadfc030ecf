// The notice to candidates (issue 21, item 5): how the organization tells candidates that their
// follow-ups are scored, that a person reviews the scores, and how to ask for their data or its
// erasure. Shown on shared reports and in candidate data exports.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { FormNotice, PageHeader, TextAreaField } from "~/components/form-fields";
import { requireUser } from "~/auth/session.server";
import { requirePermission } from "~/auth/permissions.server";
import { getCandidateNotice, saveCandidateNotice } from "~/data/rights-settings.server";
import { formValues, type FormFailure } from "~/core/params";
import { CandidateNoticeSchema, MAX_NOTICE_CHARS } from "~/core/rights";
import { fieldErrors } from "~/core/schemas";
import { getDb } from "../../db/connection.server";

export const meta: MetaFunction = () => [{ title: "Notice to candidates · Followthrough" }];

const EXAMPLE =
  "We use Followthrough to record the messages you send after an interview. A program scores how " +
  "specific and timely they are; the score advises the people who decide and never decides on its own, " +
  "and a person can review it. To see everything we hold about you, or to have it erased, write to …";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  requirePermission(user, "settings:write");
  return { notice: (await getCandidateNotice(getDb(), user.organization_id)) ?? "" };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  requirePermission(user, "settings:write");
  const values = formValues(await request.formData());
  const parsed = CandidateNoticeSchema.safeParse(values);
  if (!parsed.success)
    return data<FormFailure>({ values, errors: fieldErrors(parsed.error) }, { status: 400 });
  await saveCandidateNotice(getDb(), user, parsed.data.notice);
  return redirect("/settings/notice?saved=1");
}

export default function NoticeSettings() {
  const { notice } = useLoaderData<typeof loader>();
  const failed = useActionData<typeof action>();
  const [params] = useSearchParams();
  const busy = useNavigation().state === "submitting";
  return (
    <div className="max-w-3xl space-y-4">
      <PageHeader
        back={{ to: "/settings", label: "Settings" }}
        title="Notice to candidates"
        subtitle="Shown on every shared report and in every candidate data export. Laws on automated hiring tools (New York City's Local Law 144, the EU AI Act) ask that candidates are told."
      />
      {params.get("saved") && !failed ? <FormNotice>Saved.</FormNotice> : null}
      <Form method="post" className="card space-y-3" noValidate>
        <TextAreaField
          label="Notice"
          name="notice"
          rows={8}
          defaultValue={failed?.values.notice ?? notice}
          errors={failed?.errors.notice}
          placeholder={EXAMPLE}
          hint={`Plain text, up to ${MAX_NOTICE_CHARS.toLocaleString("en")} characters. Empty: no notice is shown.`}
        />
        <div className="flex gap-2">
          <button type="submit" className="btn" disabled={busy}>
            {busy ? "Saving…" : "Save notice"}
          </button>
          <Link to="/settings" className="btn-secondary">
            Back to settings
          </Link>
        </div>
      </Form>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

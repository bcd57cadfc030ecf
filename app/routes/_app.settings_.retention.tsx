// The retention rule (issue 21, item 4): erase candidates with no activity for N months. The page
// previews who the rule would erase today (a dry run: nothing changes); the server runs it daily, and
// an admin may run it now after the preview.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { Field, FormAlert, FormNotice, PageHeader } from "~/components/form-fields";
import { requireUser } from "~/auth/session.server";
import { requirePermission } from "~/auth/permissions.server";
import { previewRetention, runRetention } from "~/data/retention.server";
import { getRetentionMonths, saveRetentionMonths } from "~/data/rights-settings.server";
import { scrubUploads } from "~/intake/uploads.server";
import { formatDateTime, formatDay } from "~/core/format";
import { formValues, type FormFailure } from "~/core/params";
import { RetentionSchema } from "~/core/rights";
import { fieldErrors } from "~/core/schemas";
import { getDb } from "../../db/connection.server";

export const meta: MetaFunction = () => [{ title: "Erasing inactive candidates · Followthrough" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  requirePermission(user, "settings:write");
  const db = getDb();
  const preview = await previewRetention(db, user.organization_id);
  const org = await db
    .selectFrom("organizations")
    .select("retention_ran_on")
    .where("id", "=", user.organization_id)
    .executeTakeFirst();
  return {
    months: await getRetentionMonths(db, user.organization_id),
    lastRun: org?.retention_ran_on ? formatDay(org.retention_ran_on) : null,
    preview: preview && {
      cutoff: formatDateTime(preview.cutoff, user.timeZone),
      total: preview.total,
      candidates: preview.candidates.map((c) => ({
        id: c.id,
        name: c.name,
        lastActivity: formatDateTime(c.lastActivity, user.timeZone),
      })),
    },
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  requirePermission(user, "settings:write");
  const values = formValues(await request.formData());
  if (values.intent === "run") {
    if (values.confirm !== "yes")
      return data<FormFailure>(
        { values, errors: { confirm: ["Tick the box to confirm the erasure."] } },
        { status: 400 },
      );
    const run = await runRetention(getDb(), user.organization_id, { userId: user.id });
    if (!run)
      return data<FormFailure>(
        { values, errors: { confirm: ["Set a number of months first."] } },
        { status: 400 },
      );
    await scrubUploads(user.organization_id, run.needles);
    return redirect(`/settings/retention?erased=${run.erased}`);
  }
  const parsed = RetentionSchema.safeParse(values);
  if (!parsed.success)
    return data<FormFailure>({ values, errors: fieldErrors(parsed.error) }, { status: 400 });
  await saveRetentionMonths(getDb(), user, parsed.data.months);
  return redirect("/settings/retention?saved=1");
}

export default function RetentionSettings() {
  const { months, preview, lastRun } = useLoaderData<typeof loader>();
  const failed = useActionData<typeof action>();
  const [params] = useSearchParams();
  const busy = useNavigation().state === "submitting";
  const erased = params.get("erased");
  const running = failed?.values.intent === "run";
  return (
    <div className="max-w-3xl space-y-4">
      <PageHeader
        back={{ to: "/settings", label: "Settings" }}
        title="Erasing inactive candidates"
        subtitle="Keep candidates' data no longer than you need it. Candidates with no activity (added, applied, interviewed, a follow-up, an outcome) for the months you set are erased completely, as Delete on their page does, once a day."
      />
      {params.get("saved") && !failed ? <FormNotice>Saved.</FormNotice> : null}
      {erased !== null && !failed ? (
        <FormNotice>
          {erased === "1" ? "1 candidate" : `${erased} candidates`} erased. The audit log records the run.
        </FormNotice>
      ) : null}
      <Form method="post" className="card space-y-3" noValidate>
        <Field
          label="Erase candidates with no activity for (months)"
          name="months"
          inputMode="numeric"
          defaultValue={running ? String(months ?? "") : (failed?.values.months ?? String(months ?? ""))}
          errors={running ? undefined : failed?.errors.months}
          hint="Empty: never. The daily run starts with the server's first check of the day."
          className="max-w-xs"
        />
        <button type="submit" className="btn" disabled={busy}>
          Save
        </button>
      </Form>
      <section className="card space-y-3" aria-labelledby="preview-heading">
        <h2 id="preview-heading" className="text-lg font-semibold">
          Preview: who the rule would erase today
        </h2>
        {!preview ? (
          <p className="text-sm text-slate-700">No rule is set, so nobody is erased.</p>
        ) : (
          <>
            <p className="text-sm text-slate-800" data-testid="retention-preview">
              {preview.total === 0
                ? `Nobody: every candidate was active after ${preview.cutoff}.`
                : `${preview.total === 1 ? "1 candidate" : `${preview.total} candidates`} with no activity since ${preview.cutoff}.`}{" "}
              This preview changes nothing.{lastRun ? ` Last run: ${lastRun}.` : ""}
            </p>
            {preview.candidates.length ? (
              <table className="w-full text-left text-sm">
                <thead>
                  <tr className="text-slate-600">
                    <th className="py-1 font-medium">Candidate</th>
                    <th className="py-1 font-medium">Last activity</th>
                  </tr>
                </thead>
                <tbody>
                  {preview.candidates.map((c) => (
                    <tr key={c.id} className="border-t border-slate-100">
                      <td className="py-1">
                        <Link to={`/candidates/${c.id}`}>{c.name}</Link>
                      </td>
                      <td className="py-1 tabular-nums">{c.lastActivity}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            ) : null}
            {preview.total > preview.candidates.length ? (
              <p className="text-xs text-slate-600">The first {preview.candidates.length} are listed.</p>
            ) : null}
            {preview.total > 0 ? (
              <Form method="post" className="space-y-2 border-t border-slate-200 pt-3" noValidate>
                <input type="hidden" name="intent" value="run" />
                <label className="flex items-center gap-2 text-sm">
                  <input type="checkbox" name="confirm" value="yes" className="h-4 w-4" />
                  Yes, erase these {preview.total === 1 ? "candidate" : `${preview.total} candidates`} now,
                  with everything held about them.
                </label>
                <FormAlert>{running ? failed?.errors.confirm?.join(" ") : null}</FormAlert>
                <button type="submit" className="btn-secondary text-red-800" disabled={busy}>
                  Erase now
                </button>
              </Form>
            ) : null}
          </>
        )}
      </section>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

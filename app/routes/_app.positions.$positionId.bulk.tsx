// The confirmation of a bulk change from the pipeline: which applications, what changes, from which
// values. A page of its own (the pipeline's bulk bar opens it with a GET), so it works without
// JavaScript and nothing changes by following a link; its POST applies the change in one transaction.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { Field, FormAlert, PageHeader, TextAreaField } from "~/components/form-fields";
import { plural } from "~/components/confirm-delete";
import { requireUser, safeRedirect } from "~/auth/session.server";
import { requirePermission } from "~/auth/permissions.server";
import { bulkChangeApplications, getVisiblePosition, listBulkApplications } from "~/data/pipeline.server";
import { idOr404 } from "~/core/params";
import { OUTCOME_LABELS } from "~/core/outcomes";
import { STAGE_LABELS } from "~/core/stages";
import { fieldErrors, OutcomeSchema } from "~/core/schemas";
import {
  BulkChangeSchema,
  bulkDoneParam,
  bulkHeadline,
  BulkIdsSchema,
  bulkSummary,
  bulkTarget,
  type BulkTarget,
} from "~/core/pipeline";
import { getDb } from "../../db/connection.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.headline ?? "Change applications"} · Followthrough` },
];

async function load(request: Request, positionIdParam: string | undefined) {
  const user = await requireUser(request);
  requirePermission(user, "positions:read");
  // The same permission as changing one application's stage or outcome on its own page.
  requirePermission(user, "applications:write");
  const position = await getVisiblePosition(getDb(), user, idOr404(positionIdParam));
  if (!position) throw new Response(null, { status: 404 });
  return { user, position };
}

/** Back to the pipeline as it was (filters, sort, page); never anywhere else. */
function pipelineReturn(value: FormDataEntryValue | string | null, positionId: number): string {
  const home = `/positions/${positionId}`;
  const to = safeRedirect(value, home);
  return to === home || to.startsWith(`${home}?`) ? to : home;
}

/** The ids and change the pipeline's bar sent, read the same way by the loader and the action. */
function readRequest(get: (name: string) => string | null, getAll: (name: string) => string[]) {
  return {
    ids: BulkIdsSchema.safeParse(getAll("ids")),
    change: BulkChangeSchema.safeParse({
      change: get("change"),
      stage: get("stage") || undefined,
      outcome: get("outcome") || undefined,
    }),
  };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, position } = await load(request, params.positionId);
  const search = new URL(request.url).searchParams;
  const returnTo = pipelineReturn(search.get("returnTo"), position.id);
  const { ids, change } = readRequest(
    (n) => search.get(n),
    (n) => search.getAll(n),
  );
  const base = { position: { id: position.id, title: position.title }, returnTo };
  const problem = !ids.success
    ? ids.error.issues[0].message
    : !change.success
      ? change.error.issues[0].message
      : null;
  if (!ids.success || !change.success) return { ...base, problem, headline: null, review: null };

  const { rows, missing } = await listBulkApplications(getDb(), user, position.id, ids.data);
  if (missing.length)
    return {
      ...base,
      headline: null,
      review: null,
      problem: `${plural(missing.length, "of the chosen applications is", "of the chosen applications are")} not in this pipeline, or not yours to change. Go back and choose again.`,
    };
  const target = bulkTarget(change.data);
  const summary = bulkSummary(rows, target);
  const label = (value: string) =>
    target.field === "stage"
      ? STAGE_LABELS[value as keyof typeof STAGE_LABELS]
      : OUTCOME_LABELS[value as keyof typeof OUTCOME_LABELS];
  return {
    ...base,
    problem: null,
    headline: bulkHeadline(target, summary.changing),
    review: {
      target,
      summary,
      ids: rows.map((r) => r.id).join(","),
      rows: rows.map((r) => ({
        id: r.id,
        candidate: r.candidate_name,
        from: label(r[target.field]),
        unchanged: r[target.field] === target.to,
      })),
      today: new Date().toISOString().slice(0, 10),
    },
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, position } = await load(request, params.positionId);
  const form = await request.formData();
  const text = (name: string) => {
    const v = form.get(name);
    return typeof v === "string" ? v : null;
  };
  const values = { outcomeOn: text("outcomeOn") ?? "", reason: text("reason") ?? "" };
  const fail = (errors: Record<string, string[]>) => data({ errors, values }, { status: 400 });
  const { ids, change } = readRequest(text, (n) =>
    form.getAll(n).flatMap((v) => (typeof v === "string" ? [v] : [])),
  );
  if (!ids.success) return fail({ form: [ids.error.issues[0].message] });
  if (!change.success) return fail({ form: [change.error.issues[0].message] });

  const target = bulkTarget(change.data);
  let result;
  if (target.field === "stage") {
    result = await bulkChangeApplications(getDb(), user, position.id, ids.data, {
      field: "stage",
      to: target.to,
    });
  } else {
    const outcome = OutcomeSchema.safeParse({ outcome: target.to, ...values });
    if (!outcome.success) return fail(fieldErrors(outcome.error));
    result = await bulkChangeApplications(getDb(), user, position.id, ids.data, {
      field: "outcome",
      outcome: outcome.data,
    });
  }
  if (!result.ok) return fail({ [result.field === "ids" ? "form" : result.field]: [result.message] });

  const back = new URL(pipelineReturn(text("returnTo"), position.id), "http://pipeline.invalid");
  back.searchParams.set("done", bulkDoneParam(target, result.changed));
  return redirect(`${back.pathname}${back.search}`);
}

export default function BulkChange() {
  const { position, returnTo, problem, headline, review } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const back = { to: returnTo, label: `Pipeline for ${position.title}` };

  if (!review) {
    return (
      <div className="space-y-4">
        <PageHeader back={back} title="Change several applications" />
        <div className="card max-w-2xl space-y-3">
          <FormAlert>{problem}</FormAlert>
          <Link to={returnTo} className="btn-secondary">
            Back to the pipeline
          </Link>
        </div>
      </div>
    );
  }

  const { target, summary, rows } = review;
  const errors = result?.errors ?? {};
  const what = target.field === "stage" ? "stage" : "outcome";
  return (
    <div className="space-y-4">
      <PageHeader back={back} title={summary.changing ? `${headline}?` : "Nothing to change"} />
      <div className="card max-w-2xl space-y-4">
        <FormAlert>{errors.form?.join(" ")}</FormAlert>
        <ul className="list-disc space-y-1 pl-5 text-sm text-slate-800" aria-label="What will change">
          {summary.changing ? (
            <li>
              {plural(summary.changing, "application")}{" "}
              {target.field === "stage"
                ? summary.changing === 1
                  ? "moves to"
                  : "move to"
                : summary.changing === 1
                  ? "gets the outcome"
                  : "get the outcome"}{" "}
              <strong>{summary.toLabel}</strong>:{" "}
              {summary.from
                .map(
                  (f) =>
                    `${f.count.toLocaleString("en")} ${target.field === "stage" ? "from" : "now"} ${f.label}`,
                )
                .join(", ")}
              .
            </li>
          ) : null}
          {summary.unchanged ? (
            <li>
              {plural(summary.unchanged, "application")} already {summary.unchanged === 1 ? "has" : "have"}{" "}
              the {what} {summary.toLabel} and {summary.unchanged === 1 ? "stays" : "stay"} as{" "}
              {summary.unchanged === 1 ? "it is" : "they are"}.
            </li>
          ) : null}
          {summary.changing ? (
            <li>
              Each change is recorded in the audit log and the candidate’s timeline, one entry per
              application.
            </li>
          ) : null}
        </ul>

        <details className="text-sm" open={rows.length <= 10}>
          <summary className="cursor-pointer font-medium text-indigo-800">
            The {plural(rows.length, "chosen application")}
          </summary>
          <ul className="mt-2 divide-y divide-slate-100">
            {rows.map((r) => (
              <li key={r.id} className="flex flex-wrap justify-between gap-x-4 py-1">
                <span>{r.candidate}</span>
                <span className="text-slate-600">
                  {r.unchanged ? `${r.from} (no change)` : `${r.from} → ${summary.toLabel}`}
                </span>
              </li>
            ))}
          </ul>
        </details>

        {summary.changing ? (
          <Form method="post" className="space-y-4" noValidate>
            <input type="hidden" name="ids" value={review.ids} />
            <input type="hidden" name="change" value={target.field} />
            <input type="hidden" name={target.field} value={target.to} />
            <input type="hidden" name="returnTo" value={returnTo} />
            {target.field === "outcome" && target.to !== "pending" ? (
              <OutcomeDetails target={target} today={review.today} errors={errors} values={result?.values} />
            ) : null}
            <div className="flex flex-wrap gap-2">
              <button type="submit" className="btn" disabled={busy}>
                {busy ? "Saving…" : headline}
              </button>
              <Link to={returnTo} className="btn-secondary">
                Cancel
              </Link>
            </div>
          </Form>
        ) : (
          <Link to={returnTo} className="btn-secondary">
            Back to the pipeline
          </Link>
        )}
      </div>
    </div>
  );
}

/** The decision's date and reason, recorded on every application the outcome is set on. */
function OutcomeDetails({
  target,
  today,
  errors,
  values,
}: {
  target: BulkTarget;
  today: string;
  errors: Record<string, string[] | undefined>;
  values?: { outcomeOn: string; reason: string };
}) {
  return (
    <div className="grid gap-3 sm:grid-cols-2">
      <Field
        label={`Decided on (${OUTCOME_LABELS[target.to as keyof typeof OUTCOME_LABELS]})`}
        name="outcomeOn"
        type="date"
        defaultValue={values?.outcomeOn ?? today}
        errors={errors.outcomeOn}
      />
      <TextAreaField
        className="sm:col-span-2"
        label="Reason (optional, the same for each)"
        name="reason"
        rows={2}
        defaultValue={values?.reason ?? ""}
        errors={errors.reason}
      />
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { Field, FormNotice, PageHeader, SelectField, TextAreaField } from "~/components/form-fields";
import { requireUser, safeRedirect } from "~/auth/session.server";
import { can, requirePermission } from "~/auth/permissions.server";
import {
  assignRecruiter,
  getApplication,
  listRecruiters,
  moveStage,
  recordOutcome,
} from "~/data/applications.server";
import { formatDay, formatPercent } from "~/core/format";
import { utcToZoned } from "~/core/time";
import { formValues, idOr404 } from "~/core/params";
import { OUTCOME_LABELS, OUTCOMES } from "~/core/outcomes";
import { STAGE_LABELS, STAGES } from "~/core/stages";
import { fieldErrors, MoveStageSchema, OutcomeSchema, RecruiterSchema } from "~/core/schemas";
import { getDb } from "../../db/connection.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  {
    title: `${data?.application.candidate ?? "Application"} · ${data?.application.position ?? ""} · Followthrough`,
  },
];

async function load(request: Request, applicationIdParam: string | undefined) {
  const user = await requireUser(request);
  requirePermission(user, "positions:read");
  const application = await getApplication(getDb(), user, idOr404(applicationIdParam));
  if (!application) throw new Response(null, { status: 404 });
  return { user, application };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, application: a } = await load(request, params.applicationId);
  const canWrite = can(user, "applications:write");
  const returnTo = safeRedirect(
    new URL(request.url).searchParams.get("returnTo"),
    `/positions/${a.position_id}`,
  );
  return {
    returnTo,
    application: {
      id: a.id,
      candidate: a.candidate_name,
      candidateId: a.candidate_id,
      email: a.candidate_email,
      position: a.position_title,
      positionId: a.position_id,
      client: a.client_name,
      stage: a.stage,
      outcome: a.outcome,
      outcomeOn: a.outcome_on ?? "",
      reason: a.outcome_reason ?? "",
      recruiterId: a.recruiter_id ? String(a.recruiter_id) : "",
      recruiter: a.recruiter_name ?? "—",
      added: formatDay(a.created_at, user.timeZone),
      interviews: a.interview_count,
      followUpRate: formatPercent(
        a.decided_interview_count ? a.followed_up_count / a.decided_interview_count : null,
      ),
      bestScore: a.best_score == null ? "—" : String(Math.round(a.best_score)),
      lastInterview: formatDay(a.last_interview_end, user.timeZone),
    },
    recruiters: canWrite ? await listRecruiters(getDb(), user) : [],
    today: utcToZoned(new Date().toISOString(), user.timeZone).slice(0, 10),
    canWrite,
    canDelete: canWrite,
  };
}

type Intent = "stage" | "outcome" | "recruiter";
type ActionResult = {
  intent: Intent;
  values: Record<string, string>;
  errors: Record<string, string[]>;
  done?: string;
};

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, application } = await load(request, params.applicationId);
  requirePermission(user, "applications:write");
  const values = formValues(await request.formData());
  const fail = (intent: Intent, errors: Record<string, string[]>) =>
    data<ActionResult>({ intent, values, errors }, { status: 400 });

  if (values.intent === "stage") {
    const parsed = MoveStageSchema.safeParse(values);
    if (!parsed.success) return fail("stage", fieldErrors(parsed.error));
    const result = await moveStage(getDb(), user, application.id, parsed.data.stage);
    if (!result.ok) return fail("stage", { [result.field]: [result.message] });
    return data<ActionResult>({
      intent: "stage",
      values: {},
      errors: {},
      done: `Moved to ${STAGE_LABELS[parsed.data.stage]}.`,
    });
  }
  if (values.intent === "outcome") {
    const parsed = OutcomeSchema.safeParse(values);
    if (!parsed.success) return fail("outcome", fieldErrors(parsed.error));
    const result = await recordOutcome(getDb(), user, application.id, parsed.data);
    if (!result.ok) return fail("outcome", { [result.field]: [result.message] });
    return data<ActionResult>({
      intent: "outcome",
      values: {},
      errors: {},
      done: `Outcome recorded: ${OUTCOME_LABELS[parsed.data.outcome]}.`,
    });
  }
  if (values.intent === "recruiter") {
    const parsed = RecruiterSchema.safeParse(values);
    if (!parsed.success) return fail("recruiter", fieldErrors(parsed.error));
    const result = await assignRecruiter(getDb(), user, application.id, parsed.data.recruiterId);
    if (!result.ok) return fail("recruiter", { [result.field]: [result.message] });
    return data<ActionResult>({ intent: "recruiter", values: {}, errors: {}, done: "Recruiter saved." });
  }
  throw new Response("Unknown action.", { status: 400 });
}

export default function ApplicationPage() {
  const { application: a, returnTo, recruiters, today, canWrite, canDelete } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const busy = (intent: Intent) => navigation.formData?.get("intent") === intent;
  const mine = (intent: Intent) => (result?.intent === intent ? result : undefined);
  const value = (intent: Intent, name: string, fallback: string) => mine(intent)?.values[name] ?? fallback;
  const errors = (intent: Intent) => mine(intent)?.errors ?? {};
  const backLabel = returnTo.startsWith(`/positions/${a.positionId}`) ? `Pipeline for ${a.position}` : "Back";

  return (
    <div className="space-y-5">
      <PageHeader
        back={{ to: returnTo, label: backLabel }}
        title={
          <>
            {a.candidate} <span className="font-normal text-slate-600">for {a.position}</span>
          </>
        }
        subtitle={`${a.client} · added ${a.added}`}
        actions={
          <Link to={`/candidates/${a.candidateId}#application-${a.id}`} className="btn-secondary">
            Interviews and follow-ups
          </Link>
        }
      />

      <dl className="card grid grid-cols-2 gap-4 text-sm sm:grid-cols-4 lg:grid-cols-7">
        <Figure label="Stage" value={STAGE_LABELS[a.stage]} />
        <Figure
          label="Outcome"
          value={`${OUTCOME_LABELS[a.outcome]}${a.outcome !== "pending" && a.outcomeOn ? ` (${formatDay(a.outcomeOn)})` : ""}`}
        />
        <Figure label="Recruiter" value={a.recruiter} />
        <Figure label="Interviews" value={String(a.interviews)} />
        <Figure label="Last interview" value={a.lastInterview} />
        <Figure label="Follow-up rate" value={a.followUpRate} />
        <Figure label="Best score" value={a.bestScore} />
      </dl>
      {a.outcome !== "pending" && a.reason ? (
        <p className="text-sm text-slate-700">Reason: {a.reason}</p>
      ) : null}

      {result?.done ? <FormNotice>{result.done}</FormNotice> : null}

      {canWrite ? (
        <div className="grid gap-4 lg:grid-cols-3">
          <section aria-labelledby="stage-heading" className="card space-y-3">
            <h2 id="stage-heading" className="font-semibold">
              Move to another stage
            </h2>
            <Form method="post" className="space-y-3" noValidate>
              <input type="hidden" name="intent" value="stage" />
              <SelectField
                key={`stage-${a.stage}`}
                label="Stage"
                name="stage"
                defaultValue={value("stage", "stage", a.stage)}
                options={STAGES.map((s) => ({ value: s, label: STAGE_LABELS[s] }))}
                errors={errors("stage").stage}
              />
              <button type="submit" className="btn" disabled={busy("stage")}>
                {busy("stage") ? "Moving…" : "Move"}
              </button>
            </Form>
          </section>

          <section aria-labelledby="outcome-heading" className="card space-y-3">
            <h2 id="outcome-heading" className="font-semibold">
              Record the outcome
            </h2>
            <Form method="post" className="space-y-3" noValidate key={`outcome-${a.outcome}-${a.outcomeOn}`}>
              <input type="hidden" name="intent" value="outcome" />
              <SelectField
                label="Outcome"
                name="outcome"
                defaultValue={value("outcome", "outcome", a.outcome)}
                options={OUTCOMES.map((o) => ({ value: o, label: OUTCOME_LABELS[o] }))}
                errors={errors("outcome").outcome}
              />
              <Field
                label="Decided on"
                name="outcomeOn"
                type="date"
                defaultValue={value("outcome", "outcomeOn", a.outcomeOn || today)}
                errors={errors("outcome").outcomeOn}
                hint="Not needed for pending."
              />
              <TextAreaField
                label="Reason (optional)"
                name="reason"
                rows={2}
                defaultValue={value("outcome", "reason", a.reason)}
                errors={errors("outcome").reason}
              />
              <button type="submit" className="btn" disabled={busy("outcome")}>
                {busy("outcome") ? "Saving…" : "Record outcome"}
              </button>
            </Form>
          </section>

          <section aria-labelledby="recruiter-heading" className="card space-y-3">
            <h2 id="recruiter-heading" className="font-semibold">
              Recruiter
            </h2>
            <Form method="post" className="space-y-3" noValidate key={`recruiter-${a.recruiterId}`}>
              <input type="hidden" name="intent" value="recruiter" />
              <SelectField
                label="Recruiter"
                name="recruiterId"
                defaultValue={value("recruiter", "recruiterId", a.recruiterId)}
                emptyOption="No recruiter"
                options={recruiters.map((r) => ({ value: r.id, label: r.name }))}
                errors={errors("recruiter").recruiterId}
              />
              <button type="submit" className="btn" disabled={busy("recruiter")}>
                {busy("recruiter") ? "Saving…" : "Save recruiter"}
              </button>
            </Form>
          </section>
        </div>
      ) : null}

      {canDelete ? (
        <p className="text-sm">
          <Link to={`/applications/${a.id}/delete`} className="text-red-800 hover:text-red-900">
            Remove {a.candidate} from this pipeline…
          </Link>
        </p>
      ) : null}
    </div>
  );
}

function Figure({ label, value }: { label: string; value: string }) {
  return (
    <div>
      <dt className="text-xs text-slate-600">{label}</dt>
      <dd className="font-medium tabular-nums">{value}</dd>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { FormAlert, PageHeader, TextAreaField } from "~/components/form-fields";
import { InterviewFields } from "~/components/interview-fields";
import { requireUser } from "~/auth/session.server";
import { requirePermission } from "~/auth/permissions.server";
import { findInterview, setLatencyExemption, updateInterview } from "~/data/interviews.server";
import { formValues, idOr404, type FormFailure } from "~/core/params";
import { fieldErrors, LogInterviewSchema } from "~/core/schemas";
import { LatencyExemptionSchema } from "~/core/rights";
import { timeZoneChoices, wallClockOf } from "~/core/time";
import { getDb } from "../../db/connection.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `Correct an interview with ${data?.interview.candidate ?? "a candidate"} · Followthrough` },
];

async function load(request: Request, interviewIdParam: string | undefined) {
  const user = await requireUser(request);
  requirePermission(user, "interviews:write");
  const interview = await findInterview(getDb(), user, idOr404(interviewIdParam));
  if (!interview) throw new Response(null, { status: 404 });
  return { user, interview };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { interview: i } = await load(request, params.interviewId);
  const starts = wallClockOf(i.starts_at, i.time_zone);
  const ends = wallClockOf(i.ends_at, i.time_zone);
  return {
    interview: {
      id: i.id,
      candidate: i.candidate_name,
      candidateId: i.candidate_id,
      position: i.position_title,
      round: i.round,
      latencyExemptReason: i.latency_exempt_reason,
    },
    values: {
      interviewerName: i.interviewer_name,
      interviewerEmail: i.interviewer_email ?? "",
      startsAt: starts.local,
      startsAtFold: starts.fold,
      endsAt: ends.local,
      endsAtFold: ends.fold,
      timeZone: i.time_zone,
      format: i.format,
      round: String(i.round),
      notes: i.notes,
    } as Record<string, string>,
    timeZones: timeZoneChoices(),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, interview } = await load(request, params.interviewId);
  const values = formValues(await request.formData());
  if (values.intent === "latency") {
    const parsed = LatencyExemptionSchema.safeParse(values);
    if (!parsed.success)
      return data<FormFailure>({ values, errors: fieldErrors(parsed.error) }, { status: 400 });
    const result = await setLatencyExemption(getDb(), user, interview.id, parsed.data);
    if (!result.ok)
      return data<FormFailure>({ values, errors: { [result.field]: [result.message] } }, { status: 400 });
    return redirect(`/candidates/${interview.candidate_id}#interview-${interview.id}`);
  }
  // The interview stays in its application: the form cannot move it.
  const parsed = LogInterviewSchema.safeParse({ ...values, applicationId: String(interview.application_id) });
  if (!parsed.success)
    return data<FormFailure>({ values, errors: fieldErrors(parsed.error) }, { status: 400 });
  const result = await updateInterview(getDb(), user, interview.id, parsed.data);
  if (!result.ok)
    return data<FormFailure>({ values, errors: { [result.field]: [result.message] } }, { status: 400 });
  return redirect(`/candidates/${interview.candidate_id}#interview-${interview.id}`);
}

export default function EditInterview() {
  const { interview, values, timeZones } = useLoaderData<typeof loader>();
  const failed = useActionData<typeof action>();
  const latencyFailed = failed?.values.intent === "latency";
  const shown: Record<string, string> = (!latencyFailed && failed?.values) || values;
  const errors = (!latencyFailed && failed?.errors) || {};
  const latencyErrors = (latencyFailed && failed?.errors) || {};
  const exemptShown = latencyFailed ? failed.values.exempt === "on" : interview.latencyExemptReason !== null;
  const reasonShown = latencyFailed ? (failed.values.reason ?? "") : (interview.latencyExemptReason ?? "");
  const busy = useNavigation().state === "submitting";
  const back = `/candidates/${interview.candidateId}#interview-${interview.id}`;
  return (
    <div className="space-y-4">
      <PageHeader
        back={{ to: back, label: interview.candidate }}
        title={`Correct round ${interview.round} with ${interview.candidate}`}
        subtitle={`${interview.position}. Saving recomputes the follow-up latency, window and scores of this interview and the application's figures.`}
        actions={
          <Link to={`/interviews/${interview.id}/delete`} className="btn-secondary text-red-800">
            Delete interview…
          </Link>
        }
      />
      <Form method="post" className="card grid max-w-3xl gap-3 sm:grid-cols-2" noValidate>
        <InterviewFields
          value={(name) => shown[name]}
          errors={errors}
          timeZones={timeZones}
          defaultTimeZone={values.timeZone}
        />
        <FormAlert>{errors.interviewId?.join(" ")}</FormAlert>
        <div className="flex gap-2 sm:col-span-2">
          <button type="submit" className="btn" disabled={busy}>
            {busy ? "Saving…" : "Save changes"}
          </button>
          <Link to={back} className="btn-secondary">
            Cancel
          </Link>
        </div>
      </Form>
      <Form method="post" className="card max-w-3xl space-y-3" noValidate aria-labelledby="latency-heading">
        <input type="hidden" name="intent" value="latency" />
        <h2 id="latency-heading" className="text-base font-semibold text-slate-900">
          Accommodation
        </h2>
        <p className="text-sm text-slate-700">
          When a candidate could not be expected to follow up on the usual timetable (an agreed accommodation,
          an emergency), mark this interview&apos;s latency not applicable. Its follow-up still counts as
          received and is scored on its content; its timing is left out of every latency figure, the
          dashboard&apos;s charts and the score&apos;s timing part.
        </p>
        <label className="flex items-center gap-2 text-sm font-medium text-slate-800">
          <input type="checkbox" name="exempt" defaultChecked={exemptShown} className="h-4 w-4" />
          Latency not applicable for this interview
        </label>
        <TextAreaField
          label="Reason"
          name="reason"
          rows={2}
          defaultValue={reasonShown}
          errors={latencyErrors.reason}
          hint="Kept with the interview, shown to your team; not in the audit log. Say only what is needed."
        />
        <button type="submit" className="btn-secondary" disabled={busy}>
          Save accommodation
        </button>
      </Form>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

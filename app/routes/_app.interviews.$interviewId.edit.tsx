import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { FormAlert, PageHeader } from "~/components/form-fields";
import { InterviewFields } from "~/components/interview-fields";
import { requireUser } from "~/auth/session.server";
import { requirePermission } from "~/auth/permissions.server";
import { findInterview, updateInterview } from "~/data/interviews.server";
import { formValues, idOr404, type FormFailure } from "~/core/params";
import { fieldErrors, LogInterviewSchema } from "~/core/schemas";
import { resolveWallClock, timeZoneChoices, utcToZoned } from "~/core/time";
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

/** A stored instant as the form shows it, and which of a repeated wall-clock hour it is. */
function wallClock(iso: string, timeZone: string): { local: string; fold: string } {
  const local = utcToZoned(iso, timeZone);
  const resolved = resolveWallClock(local, timeZone);
  const fold =
    !resolved.ok && resolved.reason === "ambiguous"
      ? resolved.earlier.iso === iso
        ? "earlier"
        : "later"
      : "";
  return { local, fold };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { interview: i } = await load(request, params.interviewId);
  const starts = wallClock(i.starts_at, i.time_zone);
  const ends = wallClock(i.ends_at, i.time_zone);
  return {
    interview: {
      id: i.id,
      candidate: i.candidate_name,
      candidateId: i.candidate_id,
      position: i.position_title,
      round: i.round,
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
  const shown: Record<string, string> = failed?.values ?? values;
  const errors = failed?.errors ?? {};
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
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { ConfirmDelete, plural } from "~/components/confirm-delete";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { PageHeader } from "~/components/form-fields";
import { requireUser } from "~/auth/session.server";
import { requirePermission } from "~/auth/permissions.server";
import { deleteInterview, findInterview, interviewDeletionImpact } from "~/data/interviews.server";
import { formatDateTime } from "~/core/format";
import { INTERVIEW_FORMAT_LABELS } from "~/core/interview-formats";
import { idOr404 } from "~/core/params";
import { getDb } from "../../db/connection.server";

export const meta: MetaFunction = () => [{ title: "Delete an interview · Followthrough" }];

async function load(request: Request, interviewIdParam: string | undefined) {
  const user = await requireUser(request);
  requirePermission(user, "interviews:write");
  const interview = await findInterview(getDb(), user, idOr404(interviewIdParam));
  if (!interview) throw new Response(null, { status: 404 });
  return { user, interview };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, interview: i } = await load(request, params.interviewId);
  return {
    interview: {
      id: i.id,
      name: `Round ${i.round} ${INTERVIEW_FORMAT_LABELS[i.format].toLowerCase()} interview with ${i.interviewer_name}`,
      when: formatDateTime(i.starts_at, user.timeZone),
      candidate: i.candidate_name,
      candidateId: i.candidate_id,
      position: i.position_title,
    },
    impact: await interviewDeletionImpact(getDb(), i.id),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, interview } = await load(request, params.interviewId);
  const form = await request.formData();
  if (form.get("confirm") !== "yes") return data({ error: "Confirm to delete." }, { status: 400 });
  const result = await deleteInterview(getDb(), user, interview.id);
  if (!result.ok) return data({ error: result.message }, { status: 400 });
  return redirect(`/candidates/${interview.candidate_id}`);
}

export default function DeleteInterview() {
  const { interview: i, impact } = useLoaderData<typeof loader>();
  const failed = useActionData<typeof action>();
  const back = `/candidates/${i.candidateId}#interview-${i.id}`;
  return (
    <div className="space-y-4">
      <PageHeader
        back={{ to: back, label: i.candidate }}
        title={`Delete this interview with ${i.candidate}?`}
        subtitle={`${i.name}, ${i.when}, for ${i.position}. This deletes:`}
      />
      <ConfirmDelete
        consequences={[
          `The interview and its notes.`,
          impact.followUps
            ? `${plural(impact.followUps, "follow-up")} logged for it, with their scores.`
            : "No follow-ups: none was logged for it.",
          `Then recomputed: ${i.candidate}'s follow-up rate, median latency, scores and follow-up behaviour for ${i.position}, and which other candidates' follow-ups in ${i.position} count as near-copies.`,
          "The audit log and the candidate's timeline keep a line saying who deleted it and when.",
        ]}
        submitLabel="Delete interview"
        cancelTo={back}
        error={failed?.error}
      />
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

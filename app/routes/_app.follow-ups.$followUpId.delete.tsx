import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { ConfirmDelete } from "~/components/confirm-delete";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { PageHeader } from "~/components/form-fields";
import { requireUser } from "~/auth/session.server";
import { requirePermission } from "~/auth/permissions.server";
import { deleteFollowUp, findFollowUp, otherFollowUps } from "~/data/interviews.server";
import { CHANNEL_LABELS } from "~/core/channels";
import { formatDateTime } from "~/core/format";
import { idOr404 } from "~/core/params";
import { getDb } from "../../db/connection.server";

export const meta: MetaFunction = () => [{ title: "Delete a follow-up · Followthrough" }];

async function load(request: Request, followUpIdParam: string | undefined) {
  const user = await requireUser(request);
  requirePermission(user, "follow-ups:write");
  const followUp = await findFollowUp(getDb(), user, idOr404(followUpIdParam));
  if (!followUp) throw new Response(null, { status: 404 });
  return { user, followUp };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, followUp: f } = await load(request, params.followUpId);
  const others = await otherFollowUps(getDb(), f.interview_id, f.id);
  return {
    followUp: {
      id: f.id,
      candidate: f.candidate_name,
      candidateId: f.candidate_id,
      position: f.position_title,
      interview: `round ${f.round} with ${f.interviewer_name}`,
      received: formatDateTime(f.received_at, user.timeZone),
      channel: CHANNEL_LABELS[f.channel].toLowerCase(),
      score: f.score == null ? null : Math.round(f.score),
      others,
    },
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, followUp } = await load(request, params.followUpId);
  const form = await request.formData();
  if (form.get("confirm") !== "yes") return data({ error: "Confirm to delete." }, { status: 400 });
  const result = await deleteFollowUp(getDb(), user, followUp.id);
  if (!result.ok) return data({ error: result.message }, { status: 400 });
  return redirect(`/candidates/${followUp.candidate_id}#interview-${followUp.interview_id}`);
}

export default function DeleteFollowUp() {
  const { followUp: f } = useLoaderData<typeof loader>();
  const failed = useActionData<typeof action>();
  const back = `/candidates/${f.candidateId}#follow-up-${f.id}`;
  return (
    <div className="space-y-4">
      <PageHeader
        back={{ to: back, label: f.candidate }}
        title={`Delete this follow-up from ${f.candidate}?`}
        subtitle={`The ${f.channel} message received ${f.received}, after ${f.interview} for ${f.position}.`}
      />
      <ConfirmDelete
        consequences={[
          `The message, its text and its score${f.score == null ? "" : ` (${f.score})`}.`,
          f.others
            ? "Then recomputed: the interview's first follow-up (the next one received takes its place), its latency and window, and the other follow-ups' scores."
            : "Then recomputed: the interview has no follow-up left, so it counts as awaiting until its window closes, then as none.",
          `Also recomputed: ${f.candidate}'s follow-up rate, median latency, scores and behaviour for ${f.position}, and near-copies among the position's follow-ups.`,
          "The audit log and the candidate's timeline keep a line saying who deleted it and when.",
        ]}
        submitLabel="Delete follow-up"
        cancelTo={back}
        error={failed?.error}
      />
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { FormAlert, PageHeader } from "~/components/form-fields";
import { FollowUpFields } from "~/components/interview-fields";
import { requireUser } from "~/auth/session.server";
import { requirePermission } from "~/auth/permissions.server";
import { findFollowUp, updateFollowUp } from "~/data/interviews.server";
import { formValues, idOr404, type FormFailure } from "~/core/params";
import { fieldErrors, LogFollowUpSchema } from "~/core/schemas";
import { resolveWallClock, utcToZoned } from "~/core/time";
import { getDb } from "../../db/connection.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `Correct a follow-up from ${data?.followUp.candidate ?? "a candidate"} · Followthrough` },
];

async function load(request: Request, followUpIdParam: string | undefined) {
  const user = await requireUser(request);
  requirePermission(user, "follow-ups:write");
  const followUp = await findFollowUp(getDb(), user, idOr404(followUpIdParam));
  if (!followUp) throw new Response(null, { status: 404 });
  return { user, followUp };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, followUp: f } = await load(request, params.followUpId);
  // Corrected in the reader's zone, which the form names (and posts back with the time).
  const received = utcToZoned(f.received_at, user.timeZone);
  const resolved = resolveWallClock(received, user.timeZone);
  return {
    followUp: {
      id: f.id,
      candidate: f.candidate_name,
      candidateId: f.candidate_id,
      position: f.position_title,
      interview: `round ${f.round} with ${f.interviewer_name}`,
      timeZone: user.timeZone,
      endsLocal: utcToZoned(f.ends_at, user.timeZone),
    },
    values: {
      receivedAt: received,
      receivedAtFold:
        !resolved.ok && resolved.reason === "ambiguous"
          ? resolved.earlier.iso === f.received_at
            ? "earlier"
            : "later"
          : "",
      channel: f.channel,
      sender: f.sender ?? "",
      subject: f.subject ?? "",
      body: f.body,
    } as Record<string, string>,
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, followUp } = await load(request, params.followUpId);
  const values = formValues(await request.formData());
  // The follow-up stays with its interview: the form cannot move it.
  const parsed = LogFollowUpSchema.safeParse({ ...values, interviewId: String(followUp.interview_id) });
  if (!parsed.success)
    return data<FormFailure>({ values, errors: fieldErrors(parsed.error) }, { status: 400 });
  const result = await updateFollowUp(getDb(), user, followUp.id, parsed.data);
  if (!result.ok)
    return data<FormFailure>({ values, errors: { [result.field]: [result.message] } }, { status: 400 });
  return redirect(`/candidates/${followUp.candidate_id}#follow-up-${followUp.id}`);
}

export default function EditFollowUp() {
  const { followUp: f, values } = useLoaderData<typeof loader>();
  const failed = useActionData<typeof action>();
  const shown: Record<string, string> = failed?.values ?? values;
  const errors = failed?.errors ?? {};
  const busy = useNavigation().state === "submitting";
  const back = `/candidates/${f.candidateId}#follow-up-${f.id}`;
  return (
    <div className="space-y-4">
      <PageHeader
        back={{ to: back, label: f.candidate }}
        title={`Correct a follow-up from ${f.candidate}`}
        subtitle={`After ${f.interview}, for ${f.position}. Saving rescores it and recomputes the interview's latency and window and the application's figures.`}
        actions={
          <Link to={`/follow-ups/${f.id}/delete`} className="btn-secondary text-red-800">
            Delete follow-up…
          </Link>
        }
      />
      <Form method="post" className="card grid max-w-3xl gap-3 sm:grid-cols-3" noValidate>
        <FollowUpFields
          value={(name) => shown[name]}
          errors={errors}
          timeZone={f.timeZone}
          endsLocal={f.endsLocal}
        />
        <FormAlert>{errors.followUpId?.join(" ")}</FormAlert>
        <div className="flex gap-2 sm:col-span-3">
          <button type="submit" className="btn" disabled={busy}>
            {busy ? "Scoring…" : "Save and rescore"}
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

import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { ConfirmDelete, plural } from "~/components/confirm-delete";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { PageHeader } from "~/components/form-fields";
import { requireUser } from "~/auth/session.server";
import { requirePermission } from "~/auth/permissions.server";
import {
  candidateDeletionImpact,
  deleteCandidate,
  findVisibleCandidate,
} from "~/data/candidate-writes.server";
import { idOr404 } from "~/core/params";
import { scrubUploads } from "~/intake/uploads.server";
import { getDb } from "../../db/connection.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `Delete ${data?.candidate.name ?? "candidate"} · Followthrough` },
];

async function load(request: Request, candidateIdParam: string | undefined) {
  const user = await requireUser(request);
  requirePermission(user, "candidates:delete");
  const candidate = await findVisibleCandidate(getDb(), user, idOr404(candidateIdParam));
  if (!candidate) throw new Response(null, { status: 404 });
  return { user, candidate };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, candidate } = await load(request, params.candidateId);
  return {
    candidate: { id: candidate.id, name: candidate.name },
    impact: await candidateDeletionImpact(getDb(), user, candidate.id),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, candidate } = await load(request, params.candidateId);
  const form = await request.formData();
  if (form.get("confirm") !== "yes")
    return data(
      { error: "Tick the box to confirm that everything about this candidate is deleted." },
      { status: 400 },
    );
  const result = await deleteCandidate(getDb(), user, candidate.id);
  if (!result.ok) return data({ error: result.message }, { status: 400 });
  // Files waiting for an import that name them go too.
  await scrubUploads(user.organization_id, result.needles ?? []);
  return redirect("/candidates");
}

export default function DeleteCandidate() {
  const { candidate, impact } = useLoaderData<typeof loader>();
  const failed = useActionData<typeof action>();
  return (
    <div className="space-y-4">
      <PageHeader
        back={{ to: `/candidates/${candidate.id}`, label: candidate.name }}
        title={`Delete ${candidate.name}?`}
        subtitle="For a privacy request (erasure), or a record made by mistake. Deleting erases, in every pipeline, leaving no copy in the database:"
      />
      <ConfirmDelete
        consequences={[
          `${candidate.name}'s record: name, email, phone and source.`,
          `${plural(impact.applications, "application")}, ${plural(impact.interviews, "interview")} with their notes, and ${plural(impact.followUps, "follow-up")} with their messages and scores.`,
          "Mail kept for the inbox that was matched to them, came from their address or names it, and uploads waiting to be imported that name them.",
          "The audit log keeps that things were done, by whom and when; the details of every entry about them are redacted.",
        ]}
        acknowledgement={`Yes, delete ${candidate.name} and everything that belongs to them.`}
        submitLabel="Delete candidate"
        cancelTo={`/candidates/${candidate.id}`}
        error={failed?.error}
      />
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

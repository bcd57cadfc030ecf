import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { CandidateForm } from "~/components/candidate-form";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { PageHeader } from "~/components/form-fields";
import { requireUser } from "~/auth/session.server";
import { can, requirePermission } from "~/auth/permissions.server";
import { findVisibleCandidate, updateCandidate } from "~/data/candidate-writes.server";
import { formValues, idOr404, type FormFailure } from "~/core/params";
import { CandidateSchema, fieldErrors } from "~/core/schemas";
import { getDb } from "../../db/connection.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `Edit ${data?.candidate.name ?? "candidate"} · Followthrough` },
];

async function load(request: Request, candidateIdParam: string | undefined) {
  const user = await requireUser(request);
  requirePermission(user, "candidates:write");
  const candidate = await findVisibleCandidate(getDb(), user, idOr404(candidateIdParam));
  if (!candidate) throw new Response(null, { status: 404 });
  return { user, candidate };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, candidate } = await load(request, params.candidateId);
  return {
    candidate: { id: candidate.id, name: candidate.name },
    values: {
      name: candidate.name,
      email: candidate.email ?? "",
      phone: candidate.phone ?? "",
      source: candidate.source ?? "",
    },
    canDelete: can(user, "candidates:delete"),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, candidate } = await load(request, params.candidateId);
  const values = formValues(await request.formData());
  const parsed = CandidateSchema.safeParse(values);
  if (!parsed.success)
    return data<FormFailure>({ values, errors: fieldErrors(parsed.error) }, { status: 400 });
  const result = await updateCandidate(getDb(), user, candidate.id, parsed.data);
  if (!result.ok)
    return data<FormFailure>({ values, errors: { [result.field]: [result.message] } }, { status: 400 });
  return redirect(`/candidates/${candidate.id}`);
}

export default function EditCandidate() {
  const { candidate, values, canDelete } = useLoaderData<typeof loader>();
  const failed = useActionData<typeof action>();
  return (
    <div className="space-y-4">
      <PageHeader
        back={{ to: `/candidates/${candidate.id}`, label: candidate.name }}
        title={`Edit ${candidate.name}`}
        actions={
          canDelete ? (
            <Link to={`/candidates/${candidate.id}/delete`} className="btn-secondary text-red-800">
              Delete candidate…
            </Link>
          ) : null
        }
      />
      <CandidateForm
        values={failed?.values ?? values}
        errors={failed?.errors ?? {}}
        submitLabel="Save changes"
        cancelTo={`/candidates/${candidate.id}`}
      />
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

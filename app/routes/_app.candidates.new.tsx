import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { CandidateForm } from "~/components/candidate-form";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { PageHeader } from "~/components/form-fields";
import { requireUser } from "~/auth/session.server";
import { requirePermission } from "~/auth/permissions.server";
import { createCandidate } from "~/data/candidate-writes.server";
import { listOpenPositionOptions } from "~/data/positions.server";
import { seesWholeOrganization } from "~/data/scope.server";
import { formValues, parseId, type FormFailure } from "~/core/params";
import { fieldErrors, NewCandidateSchema } from "~/core/schemas";
import { getDb } from "../../db/connection.server";

export const meta: MetaFunction = () => [{ title: "New candidate · Followthrough" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  requirePermission(user, "candidates:write");
  const positionId = parseId(new URL(request.url).searchParams.get("position"));
  return {
    positions: await listOpenPositionOptions(getDb(), user),
    positionRequired: !seesWholeOrganization(user),
    defaults: { positionId: positionId ? String(positionId) : "" },
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  requirePermission(user, "candidates:write");
  const values = formValues(await request.formData());
  const parsed = NewCandidateSchema.safeParse(values);
  if (!parsed.success)
    return data<FormFailure>({ values, errors: fieldErrors(parsed.error) }, { status: 400 });
  const result = await createCandidate(getDb(), user, parsed.data);
  if (!result.ok)
    return data<FormFailure>({ values, errors: { [result.field]: [result.message] } }, { status: 400 });
  return redirect(
    `/candidates/${result.id}${result.applicationId ? `#application-${result.applicationId}` : ""}`,
  );
}

export default function NewCandidate() {
  const { positions, positionRequired, defaults } = useLoaderData<typeof loader>();
  const failed = useActionData<typeof action>();
  return (
    <div className="space-y-4">
      <PageHeader back={{ to: "/candidates", label: "Candidates" }} title="New candidate" />
      <CandidateForm
        values={failed?.values ?? defaults}
        errors={failed?.errors ?? {}}
        submitLabel="Create candidate"
        cancelTo="/candidates"
        positions={positions}
        positionRequired={positionRequired}
      />
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

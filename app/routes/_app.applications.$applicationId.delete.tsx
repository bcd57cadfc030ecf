import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { ConfirmDelete, plural } from "~/components/confirm-delete";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { PageHeader } from "~/components/form-fields";
import { requireUser } from "~/auth/session.server";
import { requirePermission } from "~/auth/permissions.server";
import { applicationDeletionImpact, deleteApplication, getApplication } from "~/data/applications.server";
import { idOr404 } from "~/core/params";
import { getDb } from "../../db/connection.server";

export const meta: MetaFunction = () => [{ title: "Remove from pipeline · Followthrough" }];

async function load(request: Request, applicationIdParam: string | undefined) {
  const user = await requireUser(request);
  requirePermission(user, "applications:write");
  const application = await getApplication(getDb(), user, idOr404(applicationIdParam));
  if (!application) throw new Response(null, { status: 404 });
  return { user, application };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { application: a } = await load(request, params.applicationId);
  return {
    application: {
      id: a.id,
      candidate: a.candidate_name,
      position: a.position_title,
      positionId: a.position_id,
    },
    impact: await applicationDeletionImpact(getDb(), a.id),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, application } = await load(request, params.applicationId);
  const form = await request.formData();
  if (form.get("confirm") !== "yes") return data({ error: "Tick the box to confirm." }, { status: 400 });
  const result = await deleteApplication(getDb(), user, application.id);
  if (!result.ok) return data({ error: result.message }, { status: 400 });
  return redirect(`/positions/${application.position_id}`);
}

export default function DeleteApplication() {
  const { application: a, impact } = useLoaderData<typeof loader>();
  const failed = useActionData<typeof action>();
  return (
    <div className="space-y-4">
      <PageHeader
        back={{ to: `/applications/${a.id}`, label: `${a.candidate} for ${a.position}` }}
        title={`Remove ${a.candidate} from ${a.position}?`}
        subtitle="This deletes:"
      />
      <ConfirmDelete
        consequences={[
          `${a.candidate}'s application to ${a.position}: its stage and outcome.`,
          `${plural(impact.interviews, "interview")} and ${plural(impact.followUps, "follow-up")} logged for it.`,
          `${a.candidate} stays in Followthrough, with any other applications.`,
        ]}
        acknowledgement={`Yes, remove ${a.candidate} from this pipeline.`}
        submitLabel="Remove from pipeline"
        cancelTo={`/applications/${a.id}`}
        error={failed?.error}
      />
      <p className="text-sm text-slate-600">
        To keep the record, record an outcome (rejected or withdrawn) instead.
      </p>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { ConfirmDelete, plural } from "~/components/confirm-delete";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { PageHeader } from "~/components/form-fields";
import { requireUser } from "~/auth/session.server";
import { requirePermission } from "~/auth/permissions.server";
import { getVisiblePosition } from "~/data/pipeline.server";
import { deletePosition, positionDeletionImpact } from "~/data/positions.server";
import { idOr404 } from "~/core/params";
import { getDb } from "../../db/connection.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `Delete ${data?.position.title ?? "position"} · Followthrough` },
];

async function load(request: Request, positionIdParam: string | undefined) {
  const user = await requireUser(request);
  requirePermission(user, "positions:write");
  const position = await getVisiblePosition(getDb(), user, idOr404(positionIdParam));
  if (!position) throw new Response(null, { status: 404 });
  return { user, position };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, position } = await load(request, params.positionId);
  return {
    position: { id: position.id, title: position.title, client: position.client_name },
    impact: await positionDeletionImpact(getDb(), user, position.id),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, position } = await load(request, params.positionId);
  const form = await request.formData();
  const result = await deletePosition(getDb(), user, position.id, form.get("confirm") === "yes");
  if (!result.ok) return data({ error: result.message }, { status: 400 });
  return redirect("/positions?status=all");
}

export default function DeletePosition() {
  const { position, impact } = useLoaderData<typeof loader>();
  const failed = useActionData<typeof action>();
  const consequences = [
    `The position ${position.title} at ${position.client}.`,
    impact.applications
      ? `Its ${plural(impact.applications, "application")}, with ${plural(impact.interviews, "interview")} and ${plural(impact.followUps, "follow-up")}. The candidates themselves stay.`
      : "It has no applications.",
  ];
  return (
    <div className="space-y-4">
      <PageHeader
        back={{ to: `/positions/${position.id}`, label: position.title }}
        title={`Delete ${position.title}?`}
        subtitle="Deleting removes:"
      />
      <ConfirmDelete
        consequences={consequences}
        acknowledgement={
          impact.applications
            ? `Yes, delete this position and its ${plural(impact.applications, "application")}.`
            : undefined
        }
        submitLabel="Delete position"
        cancelTo={`/positions/${position.id}`}
        error={failed?.error}
      />
      <p className="text-sm text-slate-600">
        To keep the history but stop new work on it, edit the position and set it to closed instead.
      </p>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

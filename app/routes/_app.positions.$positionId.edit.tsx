import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { PageHeader } from "~/components/form-fields";
import { PositionForm } from "~/components/position-form";
import { requireUser } from "~/auth/session.server";
import { requirePermission } from "~/auth/permissions.server";
import { getVisiblePosition } from "~/data/pipeline.server";
import { listClientOptions, listHiringManagers, updatePosition } from "~/data/positions.server";
import { formValues, idOr404, type FormFailure } from "~/core/params";
import { fieldErrors, PositionSchema } from "~/core/schemas";
import { getDb } from "../../db/connection.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `Edit ${data?.position.title ?? "position"} · Followthrough` },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  requirePermission(user, "positions:write");
  const position = await getVisiblePosition(getDb(), user, idOr404(params.positionId));
  if (!position) throw new Response(null, { status: 404 });
  const [clients, managers] = await Promise.all([
    listClientOptions(getDb(), user),
    listHiringManagers(getDb(), user),
  ]);
  return {
    position: { id: position.id, title: position.title },
    values: {
      title: position.title,
      clientId: String(position.client_id),
      hiringManagerId: position.hiring_manager_id ? String(position.hiring_manager_id) : "",
      status: position.status,
      openedOn: position.opened_on,
      closedOn: position.closed_on ?? "",
    },
    clients,
    managers,
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  requirePermission(user, "positions:write");
  const positionId = idOr404(params.positionId);
  if (!(await getVisiblePosition(getDb(), user, positionId))) throw new Response(null, { status: 404 });
  const values = formValues(await request.formData());
  const parsed = PositionSchema.safeParse(values);
  if (!parsed.success)
    return data<FormFailure>({ values, errors: fieldErrors(parsed.error) }, { status: 400 });
  const result = await updatePosition(getDb(), user, positionId, parsed.data);
  if (!result.ok)
    return data<FormFailure>({ values, errors: { [result.field]: [result.message] } }, { status: 400 });
  return redirect(`/positions/${positionId}`);
}

export default function EditPosition() {
  const { position, values, clients, managers } = useLoaderData<typeof loader>();
  const failed = useActionData<typeof action>();
  return (
    <div className="space-y-4">
      <PageHeader
        back={{ to: `/positions/${position.id}`, label: position.title }}
        title="Edit position"
        actions={
          <Link to={`/positions/${position.id}/delete`} className="btn-secondary text-red-800">
            Delete position…
          </Link>
        }
      />
      <PositionForm
        values={failed?.values ?? values}
        errors={failed?.errors ?? {}}
        clients={clients}
        managers={managers}
        submitLabel="Save changes"
        cancelTo={`/positions/${position.id}`}
      />
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

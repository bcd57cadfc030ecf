import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { PageHeader } from "~/components/form-fields";
import { PositionForm } from "~/components/position-form";
import { requireUser } from "~/auth/session.server";
import { requirePermission } from "~/auth/permissions.server";
import { createPosition, listClientOptions, listHiringManagers } from "~/data/positions.server";
import { formValues, parseId, type FormFailure } from "~/core/params";
import { fieldErrors, PositionSchema } from "~/core/schemas";
import { utcToZoned } from "~/core/time";
import { getDb } from "../../db/connection.server";

export const meta: MetaFunction = () => [{ title: "New position · Followthrough" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  requirePermission(user, "positions:write");
  const [clients, managers] = await Promise.all([
    listClientOptions(getDb(), user),
    listHiringManagers(getDb(), user),
  ]);
  const clientId = parseId(new URL(request.url).searchParams.get("client"));
  return {
    clients,
    managers,
    defaults: {
      clientId: clientId ? String(clientId) : clients.length === 1 ? String(clients[0].id) : "",
      status: "open",
      openedOn: utcToZoned(new Date().toISOString(), user.timeZone).slice(0, 10),
    },
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  requirePermission(user, "positions:write");
  const values = formValues(await request.formData());
  const parsed = PositionSchema.safeParse(values);
  if (!parsed.success)
    return data<FormFailure>({ values, errors: fieldErrors(parsed.error) }, { status: 400 });
  const result = await createPosition(getDb(), user, parsed.data);
  if (!result.ok)
    return data<FormFailure>({ values, errors: { [result.field]: [result.message] } }, { status: 400 });
  return redirect(`/positions/${result.id}`);
}

export default function NewPosition() {
  const { clients, managers, defaults } = useLoaderData<typeof loader>();
  const failed = useActionData<typeof action>();
  return (
    <div className="space-y-4">
      <PageHeader back={{ to: "/positions", label: "Positions" }} title="New position" />
      {clients.length === 0 ? (
        <p className="card text-sm text-slate-700">
          A position belongs to a client, and there are none yet.{" "}
          <Link to="/clients/new" className="underline">
            Create a client
          </Link>{" "}
          first.
        </p>
      ) : (
        <PositionForm
          values={failed?.values ?? defaults}
          errors={failed?.errors ?? {}}
          clients={clients}
          managers={managers}
          submitLabel="Create position"
          cancelTo="/positions"
        />
      )}
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

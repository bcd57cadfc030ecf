import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { ConfirmDelete, plural } from "~/components/confirm-delete";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { FormAlert, PageHeader } from "~/components/form-fields";
import { requireUser } from "~/auth/session.server";
import { requirePermission } from "~/auth/permissions.server";
import { clientDeletionImpact, deleteClient, getClient } from "~/data/clients.server";
import { idOr404 } from "~/core/params";
import { getDb } from "../../db/connection.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `Delete ${data?.client.name ?? "client"} · Followthrough` },
];

async function load(request: Request, clientIdParam: string | undefined) {
  const user = await requireUser(request);
  requirePermission(user, "clients:write");
  const client = await getClient(getDb(), user, idOr404(clientIdParam));
  if (!client) throw new Response(null, { status: 404 });
  return { user, client };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, client } = await load(request, params.clientId);
  return { client, impact: await clientDeletionImpact(getDb(), user, client.id) };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, client } = await load(request, params.clientId);
  const result = await deleteClient(getDb(), user, client.id);
  if (!result.ok) return data({ error: result.message }, { status: 400 });
  return redirect("/clients");
}

export default function DeleteClient() {
  const { client, impact } = useLoaderData<typeof loader>();
  const failed = useActionData<typeof action>();
  return (
    <div className="space-y-4">
      <PageHeader back={{ to: "/clients", label: "Clients" }} title={`Delete ${client.name}?`} />
      {impact.positions > 0 ? (
        <div className="card max-w-2xl space-y-3">
          <FormAlert>
            {client.name} cannot be deleted while it has {plural(impact.positions, "position")}: they hold
            candidates’ pipelines.
          </FormAlert>
          <p className="text-sm text-slate-700">
            Delete its positions first, one by one (each says what it takes with it), or close them and keep
            the client for the record.{" "}
            <Link to={`/positions?status=all&client=${client.id}`} className="underline">
              See its positions
            </Link>
            .
          </p>
        </div>
      ) : (
        <ConfirmDelete
          consequences={[
            `The client ${client.name}. It has no positions.`,
            impact.viewers
              ? `${plural(impact.viewers, "client viewer account")} linked to it will see nothing until given another client.`
              : "No client viewer account is linked to it.",
          ]}
          submitLabel="Delete client"
          cancelTo="/clients"
          error={failed?.error}
        />
      )}
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { ClientForm } from "~/components/client-form";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { PageHeader } from "~/components/form-fields";
import { requireUser } from "~/auth/session.server";
import { requirePermission } from "~/auth/permissions.server";
import { getClient, renameClient } from "~/data/clients.server";
import { formValues, idOr404, type FormFailure } from "~/core/params";
import { ClientSchema, fieldErrors } from "~/core/schemas";
import { getDb } from "../../db/connection.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `Rename ${data?.client.name ?? "client"} · Followthrough` },
];

async function load(request: Request, clientIdParam: string | undefined) {
  const user = await requireUser(request);
  requirePermission(user, "clients:write");
  const client = await getClient(getDb(), user, idOr404(clientIdParam));
  if (!client) throw new Response(null, { status: 404 });
  return { user, client };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { client } = await load(request, params.clientId);
  return { client };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, client } = await load(request, params.clientId);
  const values = formValues(await request.formData());
  const parsed = ClientSchema.safeParse(values);
  if (!parsed.success)
    return data<FormFailure>({ values, errors: fieldErrors(parsed.error) }, { status: 400 });
  const result = await renameClient(getDb(), user, client.id, parsed.data);
  if (!result.ok)
    return data<FormFailure>({ values, errors: { [result.field]: [result.message] } }, { status: 400 });
  return redirect("/clients");
}

export default function EditClient() {
  const { client } = useLoaderData<typeof loader>();
  const failed = useActionData<typeof action>();
  return (
    <div className="space-y-4">
      <PageHeader back={{ to: "/clients", label: "Clients" }} title={`Rename ${client.name}`} />
      <ClientForm
        values={failed?.values ?? { name: client.name }}
        errors={failed?.errors ?? {}}
        submitLabel="Save"
        cancelTo="/clients"
      />
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

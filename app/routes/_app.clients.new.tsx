import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { useActionData } from "@remix-run/react";
import { ClientForm } from "~/components/client-form";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { PageHeader } from "~/components/form-fields";
import { requireUser } from "~/auth/session.server";
import { requirePermission } from "~/auth/permissions.server";
import { createClient } from "~/data/clients.server";
import { formValues, type FormFailure } from "~/core/params";
import { ClientSchema, fieldErrors } from "~/core/schemas";
import { getDb } from "../../db/connection.server";

export const meta: MetaFunction = () => [{ title: "New client · Followthrough" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  requirePermission(user, "clients:write");
  return null;
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  requirePermission(user, "clients:write");
  const values = formValues(await request.formData());
  const parsed = ClientSchema.safeParse(values);
  if (!parsed.success)
    return data<FormFailure>({ values, errors: fieldErrors(parsed.error) }, { status: 400 });
  const result = await createClient(getDb(), user, parsed.data);
  if (!result.ok)
    return data<FormFailure>({ values, errors: { [result.field]: [result.message] } }, { status: 400 });
  // Straight on to the client's first position: a client is created to hire for it.
  return redirect(`/positions/new?client=${result.id}`);
}

export default function NewClient() {
  const failed = useActionData<typeof action>();
  return (
    <div className="space-y-4">
      <PageHeader
        back={{ to: "/clients", label: "Clients" }}
        title="New client"
        subtitle="Next you can open the client's first position."
      />
      <ClientForm
        values={failed?.values ?? {}}
        errors={failed?.errors ?? {}}
        submitLabel="Create client"
        cancelTo="/clients"
      />
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

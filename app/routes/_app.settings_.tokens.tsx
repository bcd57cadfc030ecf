import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { ApiTokens } from "~/components/api-tokens";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { PageHeader } from "~/components/form-fields";
import { requirePermission } from "~/auth/permissions.server";
import { requireUser } from "~/auth/session.server";
import { tokenPageAction, tokenPageData } from "~/data/api-token-page.server";
import { formValues } from "~/core/params";
import { getDb } from "../../db/connection.server";

export const meta: MetaFunction = () => [{ title: "Organization API tokens · Followthrough" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  requirePermission(user, "api-tokens:manage");
  return { tokens: await tokenPageData(getDb(), user, false) };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  requirePermission(user, "api-tokens:manage");
  const result = await tokenPageAction(getDb(), user, formValues(await request.formData()), false);
  return result.ok ? result : data(result, { status: 400 });
}

export default function Tokens() {
  const { tokens } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <div className="space-y-6">
      <PageHeader back={{ to: "/settings", label: "Settings" }} title="Organization API tokens" />
      <ApiTokens
        tokens={tokens}
        result={result}
        who="An organization token acts as an admin over the whole organization; its writes are recorded under your name."
      />
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

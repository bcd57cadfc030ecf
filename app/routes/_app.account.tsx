import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { Field, FormNotice, PageHeader } from "~/components/form-fields";
import { requireUser } from "~/auth/session.server";
import { requirePermission } from "~/auth/permissions.server";
import { changeOwnPassword } from "~/data/users.server";
import { ROLE_LABELS } from "~/data/workspace.server";
import { fieldErrors } from "~/core/schemas";
import { ChangePasswordSchema, PASSWORD_MIN } from "~/core/users";

export const meta: MetaFunction = () => [{ title: "Your account · Followthrough" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  requirePermission(user, "account:write");
  return { name: user.name, email: user.email, role: ROLE_LABELS[user.role] };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  requirePermission(user, "account:write");
  const form = Object.fromEntries([...(await request.formData())].map(([k, v]) => [k, String(v)]));
  const parsed = ChangePasswordSchema.safeParse(form);
  if (!parsed.success) return data({ ok: false, errors: fieldErrors(parsed.error) }, { status: 400 });
  const result = await changeOwnPassword(user, parsed.data.current, parsed.data.password);
  if (!result.ok) return data({ ok: false, errors: { [result.field]: [result.message] } }, { status: 400 });
  return { ok: true, errors: {} as Record<string, string[]> };
}

export default function Account() {
  const { name, email, role } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state !== "idle";
  const errors: Record<string, string[] | undefined> = result?.errors ?? {};
  return (
    <div className="max-w-md space-y-4">
      <PageHeader title="Your account" subtitle={`${name} · ${email} · ${role}`} />
      <section className="card" aria-labelledby="password-heading">
        <h2 id="password-heading" className="text-lg font-semibold">
          Change your password
        </h2>
        {result?.ok ? (
          <div className="mt-3">
            <FormNotice>Your password has been changed.</FormNotice>
          </div>
        ) : null}
        <Form method="post" className="mt-4 space-y-4" noValidate key={result?.ok ? "done" : "form"}>
          <Field label="Current password" name="current" type="password" autoComplete="current-password" errors={errors.current} />
          <Field label="New password" name="password" type="password" autoComplete="new-password" hint={`At least ${PASSWORD_MIN} characters.`} errors={errors.password} />
          <Field label="Confirm new password" name="confirm" type="password" autoComplete="new-password" errors={errors.confirm} />
          <button type="submit" className="btn" disabled={busy}>
            Change password
          </button>
        </Form>
      </section>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

// The link from a password reset mail: choose a new password (the same rules as everywhere), which
// spends the link, ends every session of the account and signs this browser in.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { Field } from "~/components/form-fields";
import { startSession } from "~/auth/session.server";
import { weakPasswordReason } from "~/auth/password.server";
import { isTokenShaped } from "~/auth/tokens.server";
import { findPasswordReset, resetPassword } from "~/data/password-resets.server";
import { fieldErrors } from "~/core/schemas";
import { NewPasswordSchema, PASSWORD_MIN } from "~/core/users";
import { getDb } from "../../db/connection.server";

export const meta: MetaFunction = () => [
  { title: "Choose a new password · Followthrough" },
  { name: "referrer", content: "no-referrer" },
];

const GONE = "This link has expired or has already been used. Ask for a new one from the sign-in page.";

async function resetOr410(token: string | undefined) {
  const reset = isTokenShaped(token) ? await findPasswordReset(getDb(), token) : null;
  if (!reset) throw new Response(GONE, { status: 410 });
  return reset;
}

export async function loader({ params }: LoaderFunctionArgs) {
  const reset = await resetOr410(params.token);
  return { name: reset.name, email: reset.email };
}

export async function action({ request, params }: ActionFunctionArgs) {
  await resetOr410(params.token);
  const form = Object.fromEntries([...(await request.formData())].map(([k, v]) => [k, String(v)]));
  const parsed = NewPasswordSchema.safeParse(form);
  if (!parsed.success) return data({ errors: fieldErrors(parsed.error) }, { status: 400 });
  const weak = await weakPasswordReason(parsed.data.password);
  if (weak) return data({ errors: { password: [weak] } as Record<string, string[]> }, { status: 400 });
  const userId = await resetPassword(getDb(), params.token!, parsed.data.password);
  if (!userId) throw new Response(GONE, { status: 410 });
  return startSession(userId, "/", request);
}

export default function ResetPassword() {
  const { name, email } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state !== "idle";
  const errors: Record<string, string[] | undefined> = result?.errors ?? {};
  return (
    <main className="mx-auto max-w-md p-6 pt-16">
      <div className="card">
        <h1 className="text-xl font-semibold">Choose a new password, {name}</h1>
        <p className="mt-1 text-sm text-slate-600">
          For {email}. Saving it signs you out on every other browser. This link works once.
        </p>
        <Form method="post" className="mt-6 space-y-4" noValidate>
          <Field
            label="New password"
            name="password"
            type="password"
            autoComplete="new-password"
            hint={`At least ${PASSWORD_MIN} characters; not a common password.`}
            errors={errors.password}
          />
          <Field
            label="Confirm password"
            name="confirm"
            type="password"
            autoComplete="new-password"
            errors={errors.confirm}
          />
          <button type="submit" className="btn w-full justify-center" disabled={busy}>
            {busy ? "Saving…" : "Save password and sign in"}
          </button>
        </Form>
      </div>
    </main>
  );
}

export function ErrorBoundary() {
  return (
    <main className="mx-auto max-w-md p-6 pt-16">
      <GeneralErrorBoundary />
      <p className="mt-4 text-sm">
        <Link to="/forgot-password">Ask for a new link</Link>
      </p>
    </main>
  );
}

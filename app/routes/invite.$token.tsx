import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { Field } from "~/components/form-fields";
import { startSession } from "~/auth/session.server";
import { weakPasswordReason } from "~/auth/password.server";
import { isTokenShaped } from "~/auth/tokens.server";
import { acceptInvite, findInvite } from "~/data/users.server";
import { fieldErrors } from "~/core/schemas";
import { NewPasswordSchema, PASSWORD_MIN } from "~/core/users";
import { getDb } from "../../db/connection.server";

export const meta: MetaFunction = () => [
  { title: "Set your password · Followthrough" },
  { name: "referrer", content: "no-referrer" },
];

// One answer for a link that never existed, was used, expired or belongs to a deactivated user.
const GONE = "This link has expired or has already been used. Ask your admin for a new one.";

async function inviteOr410(token: string | undefined) {
  const invite = isTokenShaped(token) ? await findInvite(getDb(), token) : null;
  if (!invite) throw new Response(GONE, { status: 410 });
  return invite;
}

export async function loader({ params }: LoaderFunctionArgs) {
  const invite = await inviteOr410(params.token);
  return { name: invite.name, email: invite.email };
}

export async function action({ request, params }: ActionFunctionArgs) {
  await inviteOr410(params.token);
  const form = Object.fromEntries([...(await request.formData())].map(([k, v]) => [k, String(v)]));
  const parsed = NewPasswordSchema.safeParse(form);
  if (!parsed.success) return data({ errors: fieldErrors(parsed.error) }, { status: 400 });
  const weak = await weakPasswordReason(parsed.data.password);
  if (weak) return data({ errors: { password: [weak] } as Record<string, string[]> }, { status: 400 });
  const userId = await acceptInvite(getDb(), params.token!, parsed.data.password);
  if (!userId) throw new Response(GONE, { status: 410 });
  return startSession(userId, "/", request);
}

export default function AcceptInvite() {
  const { name, email } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state !== "idle";
  const errors: Record<string, string[] | undefined> = result?.errors ?? {};
  return (
    <main className="mx-auto max-w-md p-6 pt-16">
      <div className="card">
        <h1 className="text-xl font-semibold">Welcome to Followthrough, {name}</h1>
        <p className="mt-1 text-sm text-slate-600">Choose a password for {email}. This link works once.</p>
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
            {busy ? "Saving…" : "Set password and sign in"}
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
    </main>
  );
}

// The link from a password reset mail: choose a new password (the same rules as everywhere), which
// spends the link, ends every session of the account and signs this browser in.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { NewPasswordCard } from "~/components/new-password-form";
import { linkOr410, setPasswordFromLink } from "~/auth/password-link.server";
import { findPasswordReset, resetPassword } from "~/data/password-resets.server";

export const meta: MetaFunction = () => [
  { title: "Choose a new password · Followthrough" },
  { name: "referrer", content: "no-referrer" },
];

const RESET = {
  find: findPasswordReset,
  spend: resetPassword,
  gone: "This link has expired or has already been used. Ask for a new one from the sign-in page.",
};

export async function loader({ params }: LoaderFunctionArgs) {
  const reset = await linkOr410(RESET, params.token);
  return { name: reset.name, email: reset.email };
}

export async function action({ request, params }: ActionFunctionArgs) {
  return setPasswordFromLink(RESET, request, params.token);
}

export default function ResetPassword() {
  const { name, email } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <main className="mx-auto max-w-md p-6 pt-16">
      <NewPasswordCard
        heading={`Choose a new password, ${name}`}
        submitLabel="Save password and sign in"
        errors={result?.errors ?? {}}
      >
        For {email}. Saving it signs you out on every other browser. This link works once.
      </NewPasswordCard>
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

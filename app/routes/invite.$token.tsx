// The link from an invitation: the new user chooses their password, which spends the link and signs
// them in.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { NewPasswordCard } from "~/components/new-password-form";
import { linkOr410, setPasswordFromLink } from "~/auth/password-link.server";
import { acceptInvite, findInvite } from "~/data/users.server";

export const meta: MetaFunction = () => [
  { title: "Set your password · Followthrough" },
  { name: "referrer", content: "no-referrer" },
];

// One answer for a link that never existed, was used, expired or belongs to a deactivated user.
const INVITE = {
  find: findInvite,
  spend: acceptInvite,
  gone: "This link has expired or has already been used. Ask your admin for a new one.",
};

export async function loader({ params }: LoaderFunctionArgs) {
  const invite = await linkOr410(INVITE, params.token);
  return { name: invite.name, email: invite.email };
}

export async function action({ request, params }: ActionFunctionArgs) {
  return setPasswordFromLink(INVITE, request, params.token);
}

export default function AcceptInvite() {
  const { name, email } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <main className="mx-auto max-w-md p-6 pt-16">
      <NewPasswordCard
        heading={`Welcome to Followthrough, ${name}`}
        submitLabel="Set password and sign in"
        errors={result?.errors ?? {}}
      >
        Choose a password for {email}. This link works once.
      </NewPasswordCard>
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

// "Forgot password?": the email form. One answer whether or not the address has an account (the mail
// goes only to an account's own address); throttled like sign-in.
import type { ActionFunctionArgs, HeadersFunction, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { Field, FormAlert } from "~/components/form-fields";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { requestPasswordReset, RESET_MINUTES } from "~/data/password-resets.server";
import { mailLinkBase } from "~/data/outbox.server";
import { getDb } from "../../db/connection.server";

export const meta: MetaFunction = () => [{ title: "Forgot your password? · Followthrough" }];

export const headers: HeadersFunction = ({ actionHeaders }) => {
  const headers = new Headers();
  const retryAfter = actionHeaders.get("Retry-After");
  if (retryAfter) headers.set("Retry-After", retryAfter);
  return headers;
};

const ForgotSchema = z.object({
  email: z
    .string()
    .trim()
    .min(1, "Enter your email address.")
    .email("Enter a valid email address, like name@company.com."),
});

type ActionData = { sent: boolean; email: string; errors: { email?: string[] }; formError: string | null };

export async function action({ request, context }: ActionFunctionArgs) {
  const form = Object.fromEntries(await request.formData());
  const email = typeof form.email === "string" ? form.email : "";
  const parsed = ForgotSchema.safeParse(form);
  if (!parsed.success)
    return data<ActionData>(
      { sent: false, email, errors: z.flattenError(parsed.error).fieldErrors, formError: null },
      { status: 400 },
    );
  const base = mailLinkBase(request.url);
  const address = context.clientAddress ?? "unknown";
  const outcome = await requestPasswordReset(
    getDb(),
    parsed.data.email,
    address,
    (token) => `${base}/reset-password/${token}`,
  );
  if (outcome.status === "throttled") {
    const minutes = Math.ceil(outcome.retryAfterSeconds / 60);
    return data<ActionData>(
      {
        sent: false,
        email,
        errors: {},
        formError: `Too many requests. Wait ${minutes === 1 ? "a minute" : `${minutes} minutes`} and try again.`,
      },
      { status: 429, headers: { "Retry-After": String(outcome.retryAfterSeconds) } },
    );
  }
  return data<ActionData>({ sent: true, email: parsed.data.email, errors: {}, formError: null });
}

export default function ForgotPassword() {
  const result = useActionData<typeof action>();
  const busy = useNavigation().state !== "idle";
  return (
    <main className="mx-auto max-w-md p-6 pt-16">
      <div className="card">
        <h1 className="text-xl font-semibold">Forgot your password?</h1>
        {result?.sent ? (
          <div role="status" className="mt-4 space-y-2 text-sm text-slate-700">
            <p>
              If <strong>{result.email}</strong> belongs to an account, a mail with a link to choose a new
              password is on its way. The link works once, for {RESET_MINUTES} minutes.
            </p>
            <p>Nothing arrived? Check the spam folder, or ask your admin for a new invitation link.</p>
          </div>
        ) : (
          <>
            <p className="mt-1 text-sm text-slate-600">
              Enter the email you sign in with: we mail you a link to choose a new one.
            </p>
            <Form method="post" className="mt-6 space-y-4" noValidate>
              <Field
                label="Email"
                name="email"
                type="email"
                autoComplete="email"
                autoFocus
                defaultValue={result?.email}
                errors={result?.errors.email}
              />
              <FormAlert>{result?.formError}</FormAlert>
              <button type="submit" className="btn w-full justify-center" disabled={busy}>
                {busy ? "Sending…" : "Mail me a link"}
              </button>
            </Form>
          </>
        )}
        <p className="mt-4 text-sm">
          <Link to="/sign-in">Back to sign in</Link>
        </p>
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

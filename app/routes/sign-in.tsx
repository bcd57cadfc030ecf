import type { ActionFunctionArgs, HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { Field } from "~/components/form-fields";
import { authenticate } from "~/auth/sign-in.server";
import { getUser, safeRedirect, startSession } from "~/auth/session.server";
import { getDb } from "../../db/connection.server";
import { hasAnyOrganization } from "~/data/workspace.server";
import { listDemoAccounts } from "~/demo/sign-in-accounts.server";

export const meta: MetaFunction = () => [{ title: "Sign in · Followthrough" }];

// A throttled sign-in's Retry-After reaches the page's response too, not only Remix's data request.
export const headers: HeadersFunction = ({ actionHeaders }) => {
  const retryAfter = actionHeaders.get("Retry-After");
  const headers = new Headers();
  if (retryAfter) headers.set("Retry-After", retryAfter);
  return headers;
};

const SignInSchema = z.object({
  email: z
    .string()
    .trim()
    .min(1, "Enter your email address.")
    .email("Enter a valid email address, like name@company.com."),
  password: z.string().min(1, "Enter your password."),
  redirectTo: z.string().optional(),
});

export async function loader({ request }: LoaderFunctionArgs) {
  if (await getUser(request)) return redirect("/");
  if (!(await hasAnyOrganization(getDb()))) return redirect("/first-run");
  return { demoAccounts: await listDemoAccounts(getDb()) };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const form = Object.fromEntries(await request.formData());
  const parsed = SignInSchema.safeParse(form);
  const email = typeof form.email === "string" ? form.email : "";
  if (!parsed.success) {
    return data<ActionData>(
      { email, errors: z.flattenError(parsed.error).fieldErrors, formError: null },
      { status: 400 },
    );
  }
  const outcome = await authenticate(parsed.data.email, parsed.data.password, context.clientAddress);
  if (outcome.status === "throttled") {
    return data<ActionData>(
      {
        email,
        errors: {},
        formError: `Too many sign-in attempts. Wait ${waitWords(outcome.retryAfterSeconds)} and try again.`,
      },
      { status: 429, headers: { "Retry-After": String(outcome.retryAfterSeconds) } },
    );
  }
  if (outcome.status !== "ok") {
    return data<ActionData>(
      { email, errors: {}, formError: "That email and password do not match an active account." },
      { status: 400 },
    );
  }
  return startSession(outcome.userId, safeRedirect(parsed.data.redirectTo, "/"), request);
}

/** "a minute", "3 minutes", "40 seconds": how long a throttled sign-in waits, rounded up. */
function waitWords(seconds: number): string {
  if (seconds < 60) return seconds === 1 ? "a second" : `${seconds} seconds`;
  const minutes = Math.ceil(seconds / 60);
  return minutes === 1 ? "a minute" : `${minutes} minutes`;
}

type ActionData = {
  email: string;
  errors: Partial<Record<"email" | "password", string[]>>;
  formError: string | null;
};

export default function SignIn() {
  const { demoAccounts } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const busy = useNavigation().state !== "idle";
  return (
    <main className="mx-auto flex min-h-screen max-w-5xl flex-col items-center justify-center gap-8 p-6 md:flex-row md:items-start md:pt-24">
      <section className="card w-full max-w-sm">
        <h1 className="text-xl font-semibold">Sign in to Followthrough</h1>
        <p className="mt-1 text-sm text-slate-600">How candidates follow up after interviews, measured.</p>
        <Form method="post" className="mt-6 space-y-4" noValidate>
          <input type="hidden" name="redirectTo" value={searchParams.get("redirectTo") ?? "/"} />
          <Field
            label="Email"
            name="email"
            type="email"
            autoComplete="email"
            autoFocus
            defaultValue={actionData?.email}
            errors={actionData?.errors.email}
          />
          <Field
            label="Password"
            name="password"
            type="password"
            autoComplete="current-password"
            errors={actionData?.errors.password}
          />
          {actionData?.formError ? (
            <p role="alert" className="rounded-md bg-red-50 p-2 text-sm text-red-800">
              {actionData.formError}
            </p>
          ) : null}
          <button type="submit" className="btn w-full justify-center" disabled={busy}>
            {busy ? "Signing in…" : "Sign in"}
          </button>
        </Form>
        <p className="mt-4 text-sm">
          <Link to="/forgot-password">Forgot password?</Link>
        </p>
      </section>
      {demoAccounts.length ? (
        <section className="card w-full max-w-xl" aria-labelledby="demo-heading">
          <h2 id="demo-heading" className="font-semibold">
            Demo workspace accounts
          </h2>
          <p className="mt-1 text-sm text-slate-600">
            This database holds the demo workspace. Sign in as any of these:
          </p>
          <table className="mt-3 w-full text-left text-sm">
            <thead>
              <tr className="text-slate-600">
                <th className="py-1 font-medium">Role</th>
                <th className="py-1 font-medium">Email</th>
                <th className="py-1 font-medium">Password</th>
              </tr>
            </thead>
            <tbody>
              {demoAccounts.map((a) => (
                <tr key={a.email} className="border-t border-slate-100">
                  <td className="whitespace-nowrap py-1 pr-3">{a.label}</td>
                  <td className="whitespace-nowrap py-1 pr-3 font-mono text-xs">{a.email}</td>
                  <td className="whitespace-nowrap py-1 font-mono text-xs">{a.password}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      ) : null}
    </main>
  );
}

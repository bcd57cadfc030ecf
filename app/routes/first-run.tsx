import type { ActionFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, useActionData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { Field } from "~/components/form-fields";
import { startSession } from "~/auth/session.server";
import { weakPasswordReason } from "~/auth/password.server";
import { createOrganizationWithAdmin, hasAnyOrganization } from "~/data/workspace.server";
import { PasswordSchema } from "~/core/users";
import { NewPasswordFields } from "~/components/new-password-form";
import { getDb } from "../../db/connection.server";

export const meta: MetaFunction = () => [{ title: "Set up Followthrough" }];

const FirstRunSchema = z
  .object({
    organizationName: z
      .string()
      .trim()
      .min(2, "Enter your organization's name (at least 2 characters).")
      .max(120),
    name: z.string().trim().min(1, "Enter your name.").max(120),
    email: z.string().trim().toLowerCase().email("Enter a valid email address, like name@company.com."),
    password: PasswordSchema,
    confirm: z.string(),
  })
  .refine((v) => v.password === v.confirm, {
    path: ["confirm"],
    message: "The two passwords differ; type the same one twice.",
  });

export async function loader() {
  // The first-run page exists only while the database is empty.
  if (await hasAnyOrganization(getDb())) return redirect("/sign-in");
  return null;
}

export async function action({ request }: ActionFunctionArgs) {
  const form = Object.fromEntries(await request.formData());
  const parsed = FirstRunSchema.safeParse(form);
  const values = {
    organizationName: String(form.organizationName ?? ""),
    name: String(form.name ?? ""),
    email: String(form.email ?? ""),
  };
  if (!parsed.success)
    return data({ values, errors: z.flattenError(parsed.error).fieldErrors }, { status: 400 });
  const weak = await weakPasswordReason(parsed.data.password);
  if (weak)
    return data(
      { values, errors: { password: [weak] } as Record<string, string[] | undefined> },
      { status: 400 },
    );
  const userId = await createOrganizationWithAdmin(getDb(), parsed.data);
  if (!userId) return redirect("/sign-in");
  return startSession(userId, "/", request);
}

export default function FirstRun() {
  const actionData = useActionData<typeof action>();
  const busy = useNavigation().state !== "idle";
  const errors = actionData?.errors ?? {};
  return (
    <main className="mx-auto max-w-md p-6 pt-16">
      <div className="card">
        <h1 className="text-xl font-semibold">Set up Followthrough</h1>
        <p className="mt-1 text-sm text-slate-600">
          This database is empty. Create your organization and its first admin account; you can invite the
          rest of the team later.
        </p>
        <Form method="post" className="mt-6 space-y-4" noValidate>
          <Field
            label="Organization name"
            name="organizationName"
            autoFocus
            defaultValue={actionData?.values.organizationName}
            errors={errors.organizationName}
          />
          <Field
            label="Your name"
            name="name"
            autoComplete="name"
            defaultValue={actionData?.values.name}
            errors={errors.name}
          />
          <Field
            label="Email"
            name="email"
            type="email"
            autoComplete="email"
            defaultValue={actionData?.values.email}
            errors={errors.email}
          />
          <NewPasswordFields label="Password" errors={errors} />
          <button type="submit" className="btn w-full justify-center" disabled={busy}>
            {busy ? "Creating…" : "Create organization"}
          </button>
        </Form>
      </div>
    </main>
  );
}

// Choosing a password: the two fields every such form has (first run, account, invitation, reset), and
// the card where someone arriving from an invitation or a reset link uses them.
import type { ReactNode } from "react";
import { Form, useNavigation } from "@remix-run/react";
import { Field } from "~/components/form-fields";
import { PASSWORD_MIN } from "~/core/users";

export function NewPasswordCard({
  heading,
  children,
  submitLabel,
  errors,
}: {
  heading: string;
  /** What the link is for and what saving does. */
  children: ReactNode;
  submitLabel: string;
  errors: Record<string, string[] | undefined>;
}) {
  const busy = useNavigation().state !== "idle";
  return (
    <div className="card">
      <h1 className="text-xl font-semibold">{heading}</h1>
      <p className="mt-1 text-sm text-slate-600">{children}</p>
      <Form method="post" className="mt-6 space-y-4" noValidate>
        <NewPasswordFields errors={errors} />
        <button type="submit" className="btn w-full justify-center" disabled={busy}>
          {busy ? "Saving…" : submitLabel}
        </button>
      </Form>
    </div>
  );
}

/** The new password and its confirmation, named `password` and `confirm` as NewPasswordSchema reads them. */
export function NewPasswordFields({
  errors,
  label = "New password",
  confirmLabel = "Confirm password",
}: {
  errors: Record<string, string[] | undefined>;
  label?: string;
  confirmLabel?: string;
}) {
  return (
    <>
      <Field
        label={label}
        name="password"
        type="password"
        autoComplete="new-password"
        hint={`At least ${PASSWORD_MIN} characters; not a common password.`}
        errors={errors.password}
      />
      <Field
        label={confirmLabel}
        name="confirm"
        type="password"
        autoComplete="new-password"
        errors={errors.confirm}
      />
    </>
  );
}

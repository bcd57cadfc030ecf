import { Form, Link, useNavigation } from "@remix-run/react";
import { Field } from "./form-fields";

export function ClientForm({
  values,
  errors,
  submitLabel,
  cancelTo,
}: {
  values: { name?: string };
  errors: Record<string, string[]>;
  submitLabel: string;
  cancelTo: string;
}) {
  const busy = useNavigation().state === "submitting";
  return (
    <Form method="post" noValidate className="card max-w-lg space-y-4">
      <Field
        label="Name"
        name="name"
        defaultValue={values.name}
        errors={errors.name}
        autoComplete="organization"
      />
      <div className="flex gap-2">
        <button type="submit" className="btn" disabled={busy}>
          {busy ? "Saving…" : submitLabel}
        </button>
        <Link to={cancelTo} className="btn-secondary">
          Cancel
        </Link>
      </div>
    </Form>
  );
}

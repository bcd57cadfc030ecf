import { Form, Link, useNavigation } from "@remix-run/react";
import { Field, SelectField } from "./form-fields";

export type PositionFormValues = {
  title?: string;
  clientId?: string;
  hiringManagerId?: string;
  status?: string;
  openedOn?: string;
  closedOn?: string;
};

type Props = {
  values: PositionFormValues;
  errors: Record<string, string[]>;
  clients: { id: number; name: string }[];
  managers: { id: number; name: string; email: string }[];
  submitLabel: string;
  cancelTo: string;
};

/** The position form, for creating and for editing. Values are strings as typed, so nothing is lost on an error. */
export function PositionForm({ values, errors, clients, managers, submitLabel, cancelTo }: Props) {
  const busy = useNavigation().state === "submitting";
  return (
    <Form method="post" noValidate className="card grid max-w-2xl gap-4 sm:grid-cols-2">
      <Field
        label="Title"
        name="title"
        defaultValue={values.title}
        errors={errors.title}
        autoComplete="off"
      />
      <SelectField
        label="Client"
        name="clientId"
        defaultValue={values.clientId ?? ""}
        emptyOption="Choose a client…"
        options={clients.map((c) => ({ value: c.id, label: c.name }))}
        errors={errors.clientId}
      />
      <SelectField
        label="Hiring manager"
        name="hiringManagerId"
        defaultValue={values.hiringManagerId ?? ""}
        emptyOption="No hiring manager yet"
        options={managers.map((m) => ({ value: m.id, label: `${m.name} (${m.email})` }))}
        errors={errors.hiringManagerId}
        hint={
          managers.length
            ? "They will see this position's pipeline."
            : "No one in your organization has the hiring manager role yet."
        }
      />
      <SelectField
        label="Status"
        name="status"
        defaultValue={values.status ?? "open"}
        options={[
          { value: "open", label: "Open" },
          { value: "closed", label: "Closed" },
        ]}
        errors={errors.status}
      />
      <Field
        label="Opened on"
        name="openedOn"
        type="date"
        defaultValue={values.openedOn}
        errors={errors.openedOn}
      />
      <Field
        label="Closed on"
        name="closedOn"
        type="date"
        defaultValue={values.closedOn}
        errors={errors.closedOn}
        hint="Only for a closed position."
      />
      <div className="flex gap-2 sm:col-span-2">
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

import { Form, Link, useNavigation } from "@remix-run/react";
import { Field } from "./form-fields";

export type CandidateFormValues = {
  name?: string;
  email?: string;
  phone?: string;
  source?: string;
  positionId?: string;
};

type Props = {
  values: CandidateFormValues;
  errors: Record<string, string[]>;
  submitLabel: string;
  cancelTo: string;
  /** Offered on the "new candidate" form only: put them straight into a pipeline. */
  positions?: { id: number; title: string; client_name: string }[];
  positionRequired?: boolean;
};

/** Groups positions by client for <optgroup>s, keeping the order given. */
function byClient(positions: NonNullable<Props["positions"]>) {
  const groups: { client: string; positions: typeof positions }[] = [];
  for (const p of positions) {
    const last = groups.at(-1);
    if (last && last.client === p.client_name) last.positions.push(p);
    else groups.push({ client: p.client_name, positions: [p] });
  }
  return groups;
}

export function CandidateForm({
  values,
  errors,
  submitLabel,
  cancelTo,
  positions,
  positionRequired = false,
}: Props) {
  const busy = useNavigation().state === "submitting";
  const positionError = errors.positionId;
  return (
    <Form method="post" noValidate className="card grid max-w-2xl gap-4 sm:grid-cols-2">
      <Field label="Name" name="name" defaultValue={values.name} errors={errors.name} autoComplete="off" />
      <Field
        label="Email (optional)"
        name="email"
        type="email"
        defaultValue={values.email}
        errors={errors.email}
        autoComplete="off"
      />
      <Field
        label="Phone (optional)"
        name="phone"
        type="tel"
        defaultValue={values.phone}
        errors={errors.phone}
        autoComplete="off"
      />
      <Field
        label="Source (optional)"
        name="source"
        defaultValue={values.source}
        errors={errors.source}
        hint="e.g. referral, LinkedIn, job board"
      />
      {positions ? (
        <div className="sm:col-span-2">
          <label htmlFor="candidate-position" className="block text-sm font-medium text-slate-800">
            {positionRequired ? "Position" : "Add to a position (optional)"}
          </label>
          <select
            id="candidate-position"
            name="positionId"
            defaultValue={values.positionId ?? ""}
            className={`input mt-1 ${positionError ? "border-red-600" : ""}`}
            aria-invalid={positionError ? true : undefined}
            aria-describedby={positionError ? "candidate-position-error" : undefined}
          >
            <option value="">{positionRequired ? "Choose one of your positions…" : "Not yet"}</option>
            {byClient(positions).map((g) => (
              <optgroup key={g.client} label={g.client}>
                {g.positions.map((p) => (
                  <option key={p.id} value={p.id}>
                    {p.title}
                  </option>
                ))}
              </optgroup>
            ))}
          </select>
          {positionError ? (
            <p id="candidate-position-error" className="mt-1 text-sm text-red-700">
              {positionError.join(" ")}
            </p>
          ) : null}
        </div>
      ) : null}
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

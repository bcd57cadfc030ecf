import { Form, Link, useNavigation } from "@remix-run/react";
import { useId, type ReactNode } from "react";
import { FormAlert } from "./form-fields";

type Props = {
  /** What is deleted, in plain words, one item a line. */
  consequences: ReactNode[];
  /** When set, a box the user must tick (checked again on the server) before anything is deleted. */
  acknowledgement?: string;
  submitLabel: string;
  cancelTo: string;
  error?: string;
};

/**
 * A confirmation step that works without JavaScript: a page of its own, saying what will be lost,
 * with a POST form. Nothing is deleted by following a link.
 */
export function ConfirmDelete({ consequences, acknowledgement, submitLabel, cancelTo, error }: Props) {
  const id = useId();
  const busy = useNavigation().state === "submitting";
  return (
    <div className="card max-w-2xl space-y-4 border-red-200">
      <FormAlert>{error}</FormAlert>
      {consequences.length ? (
        <ul className="list-disc space-y-1 pl-5 text-sm text-slate-800">
          {consequences.map((c, i) => (
            <li key={i}>{c}</li>
          ))}
        </ul>
      ) : null}
      <p className="text-sm font-medium text-slate-900">This cannot be undone.</p>
      <Form method="post" className="space-y-4">
        {acknowledgement ? (
          <div className="flex items-start gap-2">
            <input id={id} type="checkbox" name="confirm" value="yes" className="mt-1 h-4 w-4" />
            <label htmlFor={id} className="text-sm text-slate-800">
              {acknowledgement}
            </label>
          </div>
        ) : (
          <input type="hidden" name="confirm" value="yes" />
        )}
        <div className="flex gap-2">
          <button type="submit" className="btn bg-red-700 hover:bg-red-800" disabled={busy}>
            {busy ? "Deleting…" : submitLabel}
          </button>
          <Link to={cancelTo} className="btn-secondary">
            Cancel
          </Link>
        </div>
      </Form>
    </div>
  );
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString("en")} ${n === 1 ? one : many}`;
}

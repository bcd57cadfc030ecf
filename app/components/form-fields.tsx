import { Link } from "@remix-run/react";
import { useId, type InputHTMLAttributes, type ReactNode, type SelectHTMLAttributes, type TextareaHTMLAttributes } from "react";

function describedBy(invalid: boolean, errorId: string, hint: string | undefined, hintId: string) {
  return [invalid ? errorId : null, hint ? hintId : null].filter(Boolean).join(" ") || undefined;
}

function Messages({ errorId, hintId, errors, hint }: { errorId: string; hintId: string; errors?: string[]; hint?: string }) {
  return (
    <>
      {hint ? (
        <p id={hintId} className="mt-1 text-xs text-slate-600">
          {hint}
        </p>
      ) : null}
      {errors?.length ? (
        <p id={errorId} className="mt-1 text-sm text-red-700">
          {errors.join(" ")}
        </p>
      ) : null}
    </>
  );
}

type FieldProps = InputHTMLAttributes<HTMLInputElement> & { label: string; name: string; errors?: string[]; hint?: string };

/** A labelled input with its validation messages beside it, tied together for screen readers. */
export function Field({ label, name, errors, hint, className, ...input }: FieldProps) {
  const id = useId();
  const invalid = Boolean(errors?.length);
  return (
    <div className={className}>
      <label htmlFor={id} className="block text-sm font-medium text-slate-800">
        {label}
      </label>
      <input
        id={id}
        name={name}
        className={`input mt-1 ${invalid ? "border-red-600" : ""}`}
        aria-invalid={invalid || undefined}
        aria-describedby={describedBy(invalid, `${id}-error`, hint, `${id}-hint`)}
        {...input}
      />
      <Messages errorId={`${id}-error`} hintId={`${id}-hint`} errors={errors} hint={hint} />
    </div>
  );
}

type SelectFieldProps = SelectHTMLAttributes<HTMLSelectElement> & {
  label: string;
  name: string;
  options: readonly { value: string | number; label: string }[];
  /** Text of a first, empty option ("None", "Any stage"); omitted when absent. */
  emptyOption?: string;
  errors?: string[];
  hint?: string;
};

/** A labelled select with its validation messages beside it, like Field. */
export function SelectField({ label, name, options, emptyOption, errors, hint, className, ...select }: SelectFieldProps) {
  const id = useId();
  const invalid = Boolean(errors?.length);
  return (
    <div className={className}>
      <label htmlFor={id} className="block text-sm font-medium text-slate-800">
        {label}
      </label>
      <select
        id={id}
        name={name}
        className={`input mt-1 ${invalid ? "border-red-600" : ""}`}
        aria-invalid={invalid || undefined}
        aria-describedby={describedBy(invalid, `${id}-error`, hint, `${id}-hint`)}
        {...select}
      >
        {emptyOption != null ? <option value="">{emptyOption}</option> : null}
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      <Messages errorId={`${id}-error`} hintId={`${id}-hint`} errors={errors} hint={hint} />
    </div>
  );
}

type TextAreaFieldProps = TextareaHTMLAttributes<HTMLTextAreaElement> & { label: string; name: string; errors?: string[]; hint?: string };

export function TextAreaField({ label, name, errors, hint, className, ...textarea }: TextAreaFieldProps) {
  const id = useId();
  const invalid = Boolean(errors?.length);
  return (
    <div className={className}>
      <label htmlFor={id} className="block text-sm font-medium text-slate-800">
        {label}
      </label>
      <textarea
        id={id}
        name={name}
        className={`input mt-1 ${invalid ? "border-red-600" : ""}`}
        aria-invalid={invalid || undefined}
        aria-describedby={describedBy(invalid, `${id}-error`, hint, `${id}-hint`)}
        {...textarea}
      />
      <Messages errorId={`${id}-error`} hintId={`${id}-hint`} errors={errors} hint={hint} />
    </div>
  );
}

/** A form-level message (e.g. why a delete was refused), announced when it appears. */
export function FormAlert({ children }: { children: ReactNode }) {
  if (!children) return null;
  return (
    <p role="alert" className="rounded-md border border-red-200 bg-red-50 p-3 text-sm text-red-800">
      {children}
    </p>
  );
}

/** A success message after a save that stays on the page. */
export function FormNotice({ children }: { children: ReactNode }) {
  if (!children) return null;
  return (
    <p role="status" className="rounded-md border border-emerald-200 bg-emerald-50 p-3 text-sm text-emerald-900">
      {children}
    </p>
  );
}

/** The page heading with an optional "back" link above and actions beside it. */
export function PageHeader({ back, title, subtitle, actions }: { back?: { to: string; label: string }; title: ReactNode; subtitle?: ReactNode; actions?: ReactNode }) {
  return (
    <div className="flex flex-wrap items-end justify-between gap-3">
      <div>
        {back ? (
          <Link to={back.to} className="text-sm">
            ← {back.label}
          </Link>
        ) : null}
        <h1 className="mt-1 text-2xl font-semibold">{title}</h1>
        {subtitle ? <p className="text-sm text-slate-600">{subtitle}</p> : null}
      </div>
      {actions ? <div className="flex flex-wrap gap-2">{actions}</div> : null}
    </div>
  );
}

import { Link } from "@remix-run/react";
import {
  useId,
  type InputHTMLAttributes,
  type ReactNode,
  type SelectHTMLAttributes,
  type TextareaHTMLAttributes,
} from "react";

type FrameProps = { label: string; errors?: string[]; hint?: string; className?: string };
type ControlProps = { id: string; className: string; "aria-invalid"?: true; "aria-describedby"?: string };

/** A label, one control and the control's hint and validation messages, tied together for screen readers. */
export function FieldFrame({
  label,
  errors,
  hint,
  className,
  control,
}: FrameProps & { control: (props: ControlProps) => ReactNode }) {
  const id = useId();
  const invalid = Boolean(errors?.length);
  const describedBy =
    [invalid ? `${id}-error` : null, hint ? `${id}-hint` : null].filter(Boolean).join(" ") || undefined;
  return (
    <div className={className}>
      <label htmlFor={id} className="block text-sm font-medium text-slate-800">
        {label}
      </label>
      {control({
        id,
        className: `input mt-1 ${invalid ? "border-red-600" : ""}`,
        "aria-invalid": invalid || undefined,
        "aria-describedby": describedBy,
      })}
      {hint ? (
        <p id={`${id}-hint`} className="mt-1 text-xs text-slate-600">
          {hint}
        </p>
      ) : null}
      {invalid ? (
        <p id={`${id}-error`} className="mt-1 text-sm text-red-700">
          {errors!.join(" ")}
        </p>
      ) : null}
    </div>
  );
}

type FieldProps = InputHTMLAttributes<HTMLInputElement> & FrameProps & { name: string };

/** A labelled input with its validation messages beside it. */
export function Field({ label, errors, hint, className, ...input }: FieldProps) {
  return (
    <FieldFrame
      label={label}
      errors={errors}
      hint={hint}
      className={className}
      control={(props) => <input {...props} {...input} />}
    />
  );
}

type SelectFieldProps = SelectHTMLAttributes<HTMLSelectElement> &
  FrameProps & {
    name: string;
    options: readonly { value: string | number; label: string }[];
    /** Text of a first, empty option ("None", "Any stage"); omitted when absent. */
    emptyOption?: string;
  };

/** A labelled select with its validation messages beside it, like Field. */
export function SelectField({
  label,
  options,
  emptyOption,
  errors,
  hint,
  className,
  ...select
}: SelectFieldProps) {
  return (
    <FieldFrame
      label={label}
      errors={errors}
      hint={hint}
      className={className}
      control={(props) => (
        <select {...props} {...select}>
          {emptyOption != null ? <option value="">{emptyOption}</option> : null}
          {options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      )}
    />
  );
}

type TextAreaFieldProps = TextareaHTMLAttributes<HTMLTextAreaElement> & FrameProps & { name: string };

export function TextAreaField({ label, errors, hint, className, ...textarea }: TextAreaFieldProps) {
  return (
    <FieldFrame
      label={label}
      errors={errors}
      hint={hint}
      className={className}
      control={(props) => <textarea {...props} {...textarea} />}
    />
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
    <p
      role="status"
      className="rounded-md border border-emerald-200 bg-emerald-50 p-3 text-sm text-emerald-900"
    >
      {children}
    </p>
  );
}

/** The page heading with an optional "back" link above and actions beside it. */
export function PageHeader({
  back,
  title,
  subtitle,
  actions,
}: {
  back?: { to: string; label: string };
  title: ReactNode;
  subtitle?: ReactNode;
  actions?: ReactNode;
}) {
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

// The filter form of the pages that count over interviews and applications (the dashboard, the
// adverse-impact audit): it submits on every change, keeps the filters in the URL, and clears a
// chosen position when the client changes.
import { Form, Link, useSubmit } from "@remix-run/react";
import { useId, type ReactNode } from "react";
import type { AnalyticsFilters } from "~/core/analytics";

type Option = { value: string; label: string };
export type FilterOptions = {
  clients: Option[];
  positions: (Option & { clientId: string; clientName: string })[];
  interviewers: Option[];
  rounds: Option[];
  recruiters: Option[];
};

export function AnalyticsFilterForm({
  options,
  filters: f,
  clearTo,
  perInterview,
  className = "",
  children,
}: {
  options: FilterOptions;
  filters: AnalyticsFilters;
  /** Where "Clear" leads; no "Clear" when nothing is filtered. */
  clearTo: string | null;
  /** Offer the interviewer and round filters (figures counted per interview). */
  perInterview: boolean;
  className?: string;
  /** Hidden inputs the page keeps across a filter change. */
  children?: ReactNode;
}) {
  const submit = useSubmit();
  const positions = options.positions.filter(
    (p) => f.client === undefined || p.clientId === String(f.client),
  );
  const showClient = options.clients.length > 1;
  return (
    <Form
      method="get"
      className={`card grid gap-3 sm:grid-cols-2 lg:grid-cols-4 ${className}`}
      aria-label="Filters"
      onChange={(event) => {
        const form = event.currentTarget;
        // A new client makes the chosen position meaningless.
        if ((event.target as HTMLElement).getAttribute("name") === "client")
          (form.elements.namedItem("position") as HTMLSelectElement).value = "";
        submit(form, { preventScrollReset: true, replace: true });
      }}
    >
      {children}
      <Select label="Client" name="client" value={f.client} options={options.clients} all="All clients" />
      <Select
        label="Position"
        name="position"
        value={f.position}
        options={positions.map((p) => ({
          value: p.value,
          label: showClient && f.client === undefined ? `${p.label} (${p.clientName})` : p.label,
        }))}
        all="All positions"
      />
      {perInterview ? (
        <>
          <Select
            label="Interviewer"
            name="interviewer"
            value={f.interviewer}
            options={options.interviewers}
            all="All interviewers"
          />
          <Select label="Round" name="round" value={f.round} options={options.rounds} all="All rounds" />
        </>
      ) : null}
      <Select
        label="Recruiter"
        name="recruiter"
        value={f.recruiter}
        options={options.recruiters}
        all="All recruiters"
      />
      <DateField label="Interviews from" name="from" value={f.from} />
      <DateField label="Interviews to" name="to" value={f.to} />
      <div className="flex items-end gap-2">
        <button type="submit" className="btn">
          Apply
        </button>
        {clearTo ? (
          <Link to={clearTo} className="btn-secondary">
            Clear
          </Link>
        ) : null}
      </div>
    </Form>
  );
}

function Select({
  label,
  name,
  value,
  options,
  all,
}: {
  label: string;
  name: string;
  value: string | number | undefined;
  options: Option[];
  all: string;
}) {
  const id = useId();
  return (
    <div className="text-sm">
      <label htmlFor={id} className="block font-medium text-slate-800">
        {label}
      </label>
      <select
        id={id}
        name={name}
        defaultValue={value === undefined ? "" : String(value)}
        key={String(value)}
        className="input mt-1"
      >
        <option value="">{all}</option>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

function DateField({ label, name, value }: { label: string; name: string; value: string | undefined }) {
  const id = useId();
  return (
    <div className="text-sm">
      <label htmlFor={id} className="block font-medium text-slate-800">
        {label}
      </label>
      <input
        id={id}
        type="date"
        name={name}
        defaultValue={value ?? ""}
        key={value ?? ""}
        className="input mt-1"
      />
    </div>
  );
}

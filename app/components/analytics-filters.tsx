// The filter form of the pages that count over interviews and applications (the dashboard, the
// adverse-impact audit): it submits on every change, keeps the filters in the URL, and clears a
// chosen position when the client changes. A list too long for a select (app/core/filter-options.ts)
// is a search field instead: type, then choose one of the matches.
import { Form, Link, useFetcher, useLocation, useSubmit } from "@remix-run/react";
import { useEffect, useId, useRef, useState, type ReactNode } from "react";
import type { AnalyticsFilters } from "~/core/analytics";
import {
  LIST_FILTERS,
  MAX_FILTER_QUERY,
  type FilterList,
  type FilterMatches,
  type FilterOption,
  type FilterOptions,
} from "~/core/filter-options";

export function AnalyticsFilterForm({
  options,
  filters: f,
  clearTo,
  perInterview,
  className = "",
  children,
}: {
  options: FilterOptions & { searched: FilterList[] };
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
  // The filters put a reversed range the right way round (AnalyticsFiltersSchema): say so.
  const asked = new URLSearchParams(useLocation().search);
  const swapped = f.from !== f.to && f.to !== undefined && asked.get("from")?.trim() === f.to;
  const positions = options.positions.filter(
    (p) => f.client === undefined || p.clientId === String(f.client),
  );
  const showClient = options.clients.length > 1 || options.searched.includes("clients");
  const positionLabel = (p: FilterMatches["matches"][number]) =>
    showClient && f.client === undefined && p.clientName ? `${p.label} (${p.clientName})` : p.label;
  // Each list: a select when it came whole, a search field when only its chosen entry came; and
  // beside it, when the URL chooses an entry the list does not hold (a link to a removed recruiter,
  // a position of another client), why nothing matches.
  const field = (
    list: FilterList,
    label: string,
    all: string,
    entries: FilterMatches["matches"],
    format = (o: FilterOption) => o.label,
  ) => {
    const name = LIST_FILTERS[list];
    const chosen = f[name];
    return (
      <div>
        {options.searched.includes(list) ? (
          <SearchField
            // A new page's filter (another choice, Clear) starts the field afresh, as the selects do.
            key={entries[0]?.value ?? ""}
            label={label}
            name={name}
            chosen={entries[0]}
            all={all}
            source={`/filter-options?${new URLSearchParams({ list, ...(list === "positions" && f.client !== undefined ? { client: String(f.client) } : {}) })}`}
            format={format}
            onChoose={(form) => submit(form, { preventScrollReset: true, replace: true })}
          />
        ) : (
          <Select
            label={label}
            name={name}
            value={chosen}
            options={entries.map((o) => ({ value: o.value, label: format(o) }))}
            all={all}
          />
        )}
        {chosen !== undefined && !entries.some((o) => o.value === String(chosen)) ? (
          <UnknownChoice name={name} label={label} all={all} />
        ) : null}
      </div>
    );
  };
  return (
    <Form
      method="get"
      className={`card grid gap-3 sm:grid-cols-2 lg:grid-cols-4 ${className}`}
      aria-label="Filters"
      onChange={(event) => {
        const form = event.currentTarget;
        const name = (event.target as HTMLElement).getAttribute("name");
        // Typing in a search field changes no filter: choosing one of its matches does.
        if (!name) return;
        // A new client makes the chosen position meaningless.
        if (name === "client") (form.elements.namedItem("position") as HTMLSelectElement).value = "";
        submit(form, { preventScrollReset: true, replace: true });
      }}
    >
      {children}
      {field("clients", "Client", "All clients", options.clients)}
      {field("positions", "Position", "All positions", positions, positionLabel)}
      {perInterview ? (
        <>
          {field("interviewers", "Interviewer", "All interviewers", options.interviewers)}
          {field("rounds", "Round", "All rounds", options.rounds)}
        </>
      ) : null}
      {field("recruiters", "Recruiter", "All recruiters", options.recruiters)}
      <DateField label="Interviews from" name="from" value={f.from} asked={asked.get("from")} />
      <div>
        <DateField label="Interviews to" name="to" value={f.to} asked={asked.get("to")} />
        {swapped ? (
          <p role="status" className="mt-1 text-xs text-slate-700">
            The dates were the wrong way round, so the range runs from the earlier to the later.
          </p>
        ) : null}
      </div>
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

/**
 * A filter whose list is too long for a select: a combobox that offers the first matches of what is
 * typed (from /filter-options, after a pause), and a hidden input that carries the chosen value.
 * Arrows move through the matches, Enter or a click chooses one and applies the filters, Escape
 * closes the list; choosing the first entry ("All …") clears the filter.
 */
function SearchField({
  label,
  name,
  chosen,
  all,
  source,
  format,
  onChoose,
}: {
  label: string;
  name: string;
  chosen: FilterMatches["matches"][number] | undefined;
  all: string;
  source: string;
  format: (option: FilterMatches["matches"][number]) => string;
  onChoose: (form: HTMLFormElement) => void;
}) {
  const id = useId();
  const fetcher = useFetcher<FilterMatches>();
  const input = useRef<HTMLInputElement>(null);
  const chosenLabel = chosen ? format(chosen) : "";
  const [text, setText] = useState(chosenLabel);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const { load } = fetcher;
  useEffect(() => {
    if (!open) return;
    const timer = setTimeout(() => load(`${source}&${new URLSearchParams({ q: text.trim() })}`), 200);
    return () => clearTimeout(timer);
  }, [open, text, source, load]);
  const options = [
    { value: "", label: all },
    ...(fetcher.data?.matches ?? []).map((m) => ({ value: m.value, label: format(m) })),
  ];
  const expanded = open && fetcher.data !== undefined;
  const choose = (option: FilterOption) => {
    setText(option.value === "" ? "" : option.label);
    setOpen(false);
    setActive(-1);
    const form = input.current?.form;
    if (!form) return;
    (form.elements.namedItem(name) as HTMLInputElement).value = option.value;
    onChoose(form);
  };
  return (
    <div className="relative text-sm">
      <label htmlFor={id} className="block font-medium text-slate-800">
        {label}
      </label>
      <input type="hidden" name={name} defaultValue={chosen?.value ?? ""} />
      <input
        ref={input}
        id={id}
        type="text"
        role="combobox"
        autoComplete="off"
        aria-autocomplete="list"
        aria-expanded={expanded}
        aria-controls={`${id}-options`}
        aria-activedescendant={expanded && active >= 0 ? `${id}-option-${active}` : undefined}
        placeholder={`${all} · type to search`}
        maxLength={MAX_FILTER_QUERY}
        value={text}
        onChange={(event) => {
          setText(event.target.value);
          setOpen(true);
          setActive(-1);
        }}
        onFocus={() => setOpen(true)}
        onBlur={() => {
          setOpen(false);
          // Left without choosing: show the filter as it stands.
          setText(chosenLabel);
        }}
        onKeyDown={(event) => {
          if (event.key === "ArrowDown" || event.key === "ArrowUp") {
            event.preventDefault();
            setOpen(true);
            const n = options.length;
            setActive((i) => (event.key === "ArrowDown" ? (i + 1) % n : i <= 0 ? n - 1 : i - 1));
          } else if (event.key === "Enter") {
            // Never submits the form with what was typed: Enter chooses the highlighted match.
            event.preventDefault();
            const option = expanded && active >= 0 ? options[active] : undefined;
            if (option) choose(option);
          } else if (event.key === "Escape" && expanded) {
            event.preventDefault();
            event.stopPropagation();
            setOpen(false);
            setActive(-1);
          }
        }}
        className="input mt-1"
      />
      <ul
        id={`${id}-options`}
        role="listbox"
        aria-label={`${label} matches`}
        className={`${expanded ? "block" : "hidden"} absolute left-0 top-full z-20 mt-1 max-h-72 w-full overflow-y-auto rounded-md border border-slate-200 bg-white py-1 shadow-lg`}
      >
        {options.map((option, i) => (
          // The mouse chooses on press, before the field loses focus.
          <li
            key={option.value}
            id={`${id}-option-${i}`}
            role="option"
            aria-selected={i === active}
            onMouseDown={(event) => {
              event.preventDefault();
              choose(option);
            }}
            className={`cursor-pointer px-3 py-1.5 ${i === active ? "bg-slate-100" : ""} ${option.value === "" ? "text-slate-600" : ""}`}
          >
            {option.label}
          </li>
        ))}
        {fetcher.data?.matches?.length === 0 ? (
          <li role="presentation" className="px-3 py-1.5 text-slate-600">
            Nothing matches “{text.trim()}”.
          </li>
        ) : null}
      </ul>
    </div>
  );
}

/** Says that the filter `name` in the URL names nothing the viewer can choose, and links to the page without it. */
function UnknownChoice({ name, label, all }: { name: string; label: string; all: string }) {
  const location = useLocation();
  const params = new URLSearchParams(location.search);
  params.delete(name);
  const search = params.toString();
  return (
    <p role="alert" className="mt-1 text-xs text-red-700">
      The {label.toLowerCase()} this link chooses is not among yours
      {name === "position" ? " (or not under the chosen client)" : ""}, so nothing matches.{" "}
      <Link to={`${location.pathname}${search ? `?${search}` : ""}`} className="underline" replace>
        {all}
      </Link>
    </p>
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
  options: FilterOption[];
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

/** A date filter; when the URL's date was not one (a mistyped link), it says so beside the field. */
function DateField({
  label,
  name,
  value,
  asked,
}: {
  label: string;
  name: string;
  value: string | undefined;
  /** What the URL gave for it. */
  asked: string | null;
}) {
  const id = useId();
  const unread = value === undefined && asked?.trim() ? asked.trim() : null;
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
        // Remounted when the URL changes it: a range typed the wrong way round shows put in order.
        key={`${asked ?? ""}>${value ?? ""}`}
        className="input mt-1"
        aria-invalid={unread ? true : undefined}
        aria-describedby={unread ? `${id}-unread` : undefined}
      />
      {unread ? (
        <p id={`${id}-unread`} role="alert" className="mt-1 text-xs text-red-700">
          “{unread.slice(0, 40)}” is not a date (YYYY-MM-DD), so every date counts.
        </p>
      ) : null}
    </div>
  );
}

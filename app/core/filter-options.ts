// The choices of the analytics filters (dashboard, adverse-impact audit): clients, positions,
// interviewers, rounds and recruiters. A list short enough is a select; a longer one (an agency's
// thousands of positions) is searched as you type, so the page carries only the chosen entry: at
// 200,000 candidates the full lists were 650 KB of a 720 KB dashboard page.
import type { AnalyticsFilters } from "./analytics";

export type FilterOption = { value: string; label: string };
export type PositionOption = FilterOption & { clientId: string; clientName: string };

export type FilterOptions = {
  clients: FilterOption[];
  positions: PositionOption[];
  interviewers: FilterOption[];
  rounds: FilterOption[];
  recruiters: FilterOption[];
};
export type FilterList = keyof FilterOptions;
export const FILTER_LISTS = ["clients", "positions", "interviewers", "rounds", "recruiters"] as const;

/** The filter each list sets. */
export const LIST_FILTERS = {
  clients: "client",
  positions: "position",
  interviewers: "interviewer",
  rounds: "round",
  recruiters: "recruiter",
} as const satisfies Record<FilterList, keyof AnalyticsFilters>;

/** What /filter-options answers: the matches, positions with their client. */
export type FilterMatches = { matches: (FilterOption & Partial<PositionOption>)[] };

/** Longer lists than this are searched rather than listed in a select. */
export const LISTED_OPTIONS = 200;
/** The longest search text /filter-options takes. */
export const MAX_FILTER_QUERY = 100;
/** How many matches a search offers at a time. */
export const MATCHES_SHOWN = 20;

/**
 * What a page sends of the lists: each list whole when it is short, else only its chosen entry, with
 * the list's name in `searched`.
 */
export function optionsForPage(
  options: FilterOptions,
  filters: Partial<AnalyticsFilters>,
): FilterOptions & { searched: FilterList[] } {
  const searched = FILTER_LISTS.filter((list) => options[list].length > LISTED_OPTIONS);
  const shown = { ...options };
  for (const list of searched) {
    const chosen = filters[LIST_FILTERS[list]];
    const entries: FilterOption[] = options[list];
    (shown[list] as FilterOption[]) = entries.filter(
      (o) => chosen !== undefined && o.value === String(chosen),
    );
  }
  return { ...shown, searched };
}

const words = (text: string) =>
  text
    .toLocaleLowerCase("en")
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);

/**
 * The entries of a list that match what was typed: every word typed starts a word of the entry's
 * label (or of its client's name, for a position), in the list's order, at most `limit`.
 */
export function matchingOptions<T extends FilterOption>(
  list: T[],
  query: string,
  limit = MATCHES_SHOWN,
): T[] {
  const typed = words(query);
  const found: T[] = [];
  for (const option of list) {
    const own = words("clientName" in option ? `${option.label} ${String(option.clientName)}` : option.label);
    if (typed.every((t) => own.some((w) => w.startsWith(t)))) found.push(option);
    if (found.length === limit) break;
  }
  return found;
}

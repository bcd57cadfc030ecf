// One Intl formatter per time zone, made once and kept: making one costs about 0.1–0.2 ms, and a page
// of 50 rows made one (and a TZDate, and a date-fns format) for every time it showed, which was most
// of the pipeline page's time outside SQL (docs/performance.md, "Pages that render fast").
const formatters = new Map<string, Intl.DateTimeFormat>();

function partsIn(timeZone: string, ms: number): Partial<Record<Intl.DateTimeFormatPartTypes, string>> {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat("en-US", {
      timeZone,
      weekday: "short",
      day: "numeric",
      month: "short",
      year: "numeric",
      hour: "2-digit",
      minute: "2-digit",
      hourCycle: "h23",
      timeZoneName: "short",
    });
    // Zones come from rows and settings, a few hundred at most; the bound only keeps a mistake finite.
    if (formatters.size >= 1_000) formatters.clear();
    formatters.set(timeZone, formatter);
  }
  const parts: Partial<Record<Intl.DateTimeFormatPartTypes, string>> = {};
  for (const part of formatter.formatToParts(ms)) parts[part.type] = part.value;
  return parts;
}

/** The instant of an ISO date or date-time; a RangeError for anything else (as date-fns's format throws). */
function instant(iso: string): number {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) throw new RangeError(`Invalid time value: ${iso}`);
  return ms;
}

/** "26 Nov 2026" */
export function formatDay(iso: string | null | undefined): string {
  if (!iso) return "—";
  const p = partsIn("UTC", instant(iso));
  return `${p.day} ${p.month} ${p.year}`;
}

/** "Thu 26 Nov 2026, 14:00 EST" in the given IANA zone. */
export function formatDateTime(iso: string, timeZone: string): string {
  const p = partsIn(timeZone, instant(iso));
  return `${p.weekday} ${p.day} ${p.month} ${p.year}, ${p.hour}:${p.minute} ${p.timeZoneName ?? timeZone}`;
}

/** "2 h 05 min", "3 d 4 h", "45 min" — for latencies and time left. */
export function formatMinutes(minutes: number | null | undefined): string {
  if (minutes == null) return "—";
  const m = Math.round(minutes);
  if (m < 60) return `${m} min`;
  if (m < 48 * 60) return `${Math.floor(m / 60)} h ${String(m % 60).padStart(2, "0")} min`;
  return `${Math.floor(m / 1440)} d ${Math.floor((m % 1440) / 60)} h`;
}

export function formatPercent(ratio: number | null | undefined): string {
  return ratio == null ? "—" : `${Math.round(ratio * 100)}%`;
}

import { zoneName } from "./time";

// One Intl formatter per time zone, made once and kept: making one costs about 0.1–0.2 ms, and a page
// of 50 rows made one (and a TZDate, and a date-fns format) for every time it showed, which was most
// of the pipeline page's time outside SQL (docs/performance.md, "Pages that render fast").
const formatters = new Map<string, Intl.DateTimeFormat>();

type Parts = Partial<Record<Intl.DateTimeFormatPartTypes, string>>;

function partsIn(timeZone: string, ms: number): Parts {
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
    });
    // Zones come from rows and settings, a few hundred at most; the bound only keeps a mistake finite.
    if (formatters.size >= 1_000) formatters.clear();
    formatters.set(timeZone, formatter);
  }
  const parts: Parts = {};
  for (const part of formatter.formatToParts(ms)) parts[part.type] = part.value;
  return parts;
}

/** The instant of an ISO date or date-time; a RangeError for anything else (as date-fns's format throws). */
function instant(iso: string): number {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) throw new RangeError(`Invalid time value: ${iso}`);
  return ms;
}

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * "26 Nov 2026". A calendar date ("2026-11-26": an outcome's or an opening's day) is shown as written;
 * an instant is shown as the day it was in `timeZone` (the reader's display zone).
 */
export function formatDay(iso: string | null | undefined, timeZone = "UTC"): string {
  if (!iso) return "—";
  const p = partsIn(DATE_ONLY.test(iso) ? "UTC" : timeZone, instant(iso));
  return `${p.day} ${p.month} ${p.year}`;
}

/** "Thu 26 Nov 2026, 14:00 EST": an instant in the given IANA zone, the zone named (app/core/time.ts zoneName). */
export function formatDateTime(iso: string, timeZone: string): string {
  const ms = instant(iso);
  const p = partsIn(timeZone, ms);
  return `${p.weekday} ${p.day} ${p.month} ${p.year}, ${p.hour}:${p.minute} ${zoneName(timeZone, ms)}`;
}

/**
 * An interview's time for a reader elsewhere: "Tue 1 Dec 2026, 15:00 CET · held at 09:00 EST
 * (America/New_York)". The zone it was held in (its working hours count) is added only when its clock
 * differs from the reader's; the day is repeated when it differs too.
 */
export function formatHeld(iso: string, readerZone: string, heldZone: string): string {
  const shown = formatDateTime(iso, readerZone);
  const ms = instant(iso);
  const reader = partsIn(readerZone, ms);
  const held = partsIn(heldZone, ms);
  const day = (p: Parts) => `${p.year} ${p.month} ${p.day}`;
  const clock = (p: Parts) => `${p.hour}:${p.minute}`;
  if (day(reader) === day(held) && clock(reader) === clock(held)) return shown;
  const when =
    day(reader) === day(held) ? clock(held) : `${held.weekday} ${held.day} ${held.month}, ${clock(held)}`;
  return `${shown} · held at ${when} ${zoneName(heldZone, ms)} (${heldZone})`;
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

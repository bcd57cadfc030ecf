import { format } from "date-fns/format";
import { TZDate } from "@date-fns/tz";
import { zoneName } from "./time";

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * "26 Nov 2026". A calendar date ("2026-11-26": an outcome's or an opening's day) is shown as written;
 * an instant is shown as the day it was in `timeZone` (the reader's display zone).
 */
export function formatDay(iso: string | null | undefined, timeZone = "UTC"): string {
  if (!iso) return "—";
  return format(new TZDate(iso, DATE_ONLY.test(iso) ? "UTC" : timeZone), "d MMM yyyy");
}

/** "Thu 26 Nov 2026, 14:00 EST": an instant in the given IANA zone, the zone named (app/core/time.ts zoneName). */
export function formatDateTime(iso: string, timeZone: string): string {
  const local = new TZDate(iso, timeZone);
  return `${format(local, "EEE d MMM yyyy, HH:mm")} ${zoneName(timeZone, local.getTime())}`;
}

/**
 * An interview's time for a reader elsewhere: "Tue 1 Dec 2026, 15:00 CET · held at 09:00 EST
 * (America/New_York)". The zone it was held in (its working hours count) is added only when its clock
 * differs from the reader's; the day is repeated when it differs too.
 */
export function formatHeld(iso: string, readerZone: string, heldZone: string): string {
  const shown = formatDateTime(iso, readerZone);
  const reader = new TZDate(iso, readerZone);
  const held = new TZDate(iso, heldZone);
  if (format(reader, "yyyy-MM-dd HH:mm") === format(held, "yyyy-MM-dd HH:mm")) return shown;
  const sameDay = format(reader, "yyyy-MM-dd") === format(held, "yyyy-MM-dd");
  const there = `${format(held, sameDay ? "HH:mm" : "EEE d MMM, HH:mm")} ${zoneName(heldZone, held.getTime())}`;
  return `${shown} · held at ${there} (${heldZone})`;
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

// Time for generated workspaces: units, and interview slots in business hours of the interview's time
// zone (weekdays, 09:00–16:30 local), so that latencies counted in business hours come out realistic.
import { tzOffset } from "@date-fns/tz";
import type { Rng } from "./random";

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;
/** Interviews close for follow-ups 72 h after they end (the "late" window's end). */
export const CLOSE_AFTER = 72 * HOUR;

/** The UTC date of `d`, as stored in date columns (YYYY-MM-DD). */
export function toDateText(d: Date): string {
  return d.toISOString().slice(0, 10);
}

const offsetCache = new Map<string, number>();

/** UTC offset in minutes of `timeZone` around noon UTC of the day containing `ms`. */
function offsetOn(timeZone: string, ms: number): number {
  const day = Math.floor(ms / DAY);
  const key = `${timeZone}|${day}`;
  let offset = offsetCache.get(key);
  if (offset === undefined) {
    offset = tzOffset(timeZone, new Date(day * DAY + 12 * HOUR));
    offsetCache.set(key, offset);
  }
  return offset;
}

/**
 * A weekday slot between 09:00 and 16:30 local time on the local day around `target`, 30–60 minutes
 * long. Returns UTC milliseconds.
 */
export function businessSlot(r: Rng, target: number, timeZone: string): { start: number; end: number } {
  const localDay = new Date(target + offsetOn(timeZone, target) * MINUTE);
  let y = localDay.getUTCFullYear();
  let m = localDay.getUTCMonth();
  let d = localDay.getUTCDate();
  const weekday = localDay.getUTCDay();
  if (weekday === 6 || weekday === 0) {
    // Saturday moves back to Friday, Sunday forward to Monday.
    const shifted = new Date(Date.UTC(y, m, d + (weekday === 6 ? -1 : 1)));
    y = shifted.getUTCFullYear();
    m = shifted.getUTCMonth();
    d = shifted.getUTCDate();
  }
  const minutes = 9 * 60 + r.int(0, 30) * 15;
  const localMidnight = Date.UTC(y, m, d);
  const start = localMidnight + minutes * MINUTE - offsetOn(timeZone, localMidnight) * MINUTE;
  const length = r.pick([30, 45, 45, 60, 60]);
  return { start, end: start + length * MINUTE };
}

// ---------------------------------------------------------------------------------------------------

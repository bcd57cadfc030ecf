// Dates and times as spreadsheets and ATS exports write them, read into UTC with an explicit zone.
// Slash dates are ambiguous (03/04/2026), so the recruiter says which order the file uses.
import { resolveWallClock, wallClockMs } from "../time";

export type DateOrder = "mdy" | "dmy";

const MONTHS: Record<string, number> = {
  jan: 1,
  feb: 2,
  mar: 3,
  apr: 4,
  may: 5,
  jun: 6,
  jul: 7,
  aug: 8,
  sep: 9,
  sept: 9,
  oct: 10,
  nov: 11,
  dec: 12,
};

export type ParsedDate =
  { ok: true; date: { y: number; m: number; d: number } } | { ok: false; message: string };
export type ParsedTime = { ok: true; time: { h: number; min: number } } | { ok: false; message: string };

// Whether the date exists; whether it is a sane date to import is rows.ts's question (dateRangeProblem).
function validDay(y: number, m: number, d: number): boolean {
  if (m < 1 || m > 12 || d < 1) return false;
  const date = new Date(wallClockMs(y, m, d));
  return date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

/** A calendar date: 2026-11-26, 11/26/2026 or 26/11/2026 (by order), 26.11.2026, Nov 26 2026, 26 Nov 2026. */
export function parseDate(text: string, order: DateOrder): ParsedDate {
  const t = text.trim().replace(/,/g, " ").replace(/\s+/g, " ");
  let y: number, m: number, d: number;
  let match: RegExpExecArray | null;
  if (
    (match = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(t)) ||
    (match = /^(\d{4})\/(\d{1,2})\/(\d{1,2})$/.exec(t))
  ) {
    [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  } else if ((match = /^(\d{1,2})[/-](\d{1,2})[/-](\d{2}|\d{4})$/.exec(t))) {
    const [a, b] = [Number(match[1]), Number(match[2])];
    y = Number(match[3]) + (match[3].length === 2 ? 2000 : 0);
    [m, d] = order === "mdy" ? [a, b] : [b, a];
  } else if ((match = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(t))) {
    [d, m, y] = [Number(match[1]), Number(match[2]), Number(match[3])];
  } else if ((match = /^(?:[a-z]{3,9} )?([a-z]{3,9})\.? (\d{1,2})(?:st|nd|rd|th)? (\d{4})$/i.exec(t))) {
    m = MONTHS[match[1].slice(0, match[1].toLowerCase() === "sept" ? 4 : 3).toLowerCase()];
    [d, y] = [Number(match[2]), Number(match[3])];
  } else if ((match = /^(?:[a-z]{3,9} )?(\d{1,2}) ([a-z]{3,9})\.? (\d{4})$/i.exec(t))) {
    m = MONTHS[match[2].slice(0, 3).toLowerCase()];
    [d, y] = [Number(match[1]), Number(match[3])];
  } else {
    return { ok: false, message: `“${text}” is not a date this import reads; write it like 2026-11-26.` };
  }
  if (!m || !validDay(y, m, d))
    return { ok: false, message: `“${text}” is not a real date; check the day and month.` };
  return { ok: true, date: { y, m, d } };
}

/** A time of day: 14:00, 14:00:00, 2:00 PM, 2pm. */
export function parseTime(text: string): ParsedTime {
  const match = /^(\d{1,2})(?:[:.](\d{2}))?(?::(\d{2}))?\s*([ap]\.?m\.?)?$/i.exec(text.trim());
  if (!match || (match[2] === undefined && !match[4]))
    return { ok: false, message: `“${text}” is not a time; write it like 14:00 or 2:00 PM.` };
  let h = Number(match[1]);
  const min = Number(match[2] ?? 0);
  const meridiem = match[4]?.[0].toLowerCase();
  if (meridiem) {
    if (h < 1 || h > 12)
      return { ok: false, message: `“${text}” is not a time: with AM or PM the hour runs from 1 to 12.` };
    h = (h % 12) + (meridiem === "p" ? 12 : 0);
  }
  if (h > 23 || min > 59) return { ok: false, message: `“${text}” is not a time of day.` };
  return { ok: true, time: { h, min } };
}

const pad = (n: number) => String(n).padStart(2, "0");

/** Hours from UTC of the zone abbreviations exports write after a time. */
const FIXED_OFFSETS: Record<string, number> = {
  UTC: 0,
  GMT: 0,
  Z: 0,
  EST: -5,
  EDT: -4,
  CST: -6,
  CDT: -5,
  MST: -7,
  MDT: -6,
  PST: -8,
  PDT: -7,
};
/** Abbreviations that name a region's clock, summer or winter. */
const REGION_ZONES: Record<string, string> = {
  ET: "America/New_York",
  CT: "America/Chicago",
  MT: "America/Denver",
  PT: "America/Los_Angeles",
};
const ZONE_SUFFIX = new RegExp(
  `^(.*\\d(?:\\s*[ap]\\.?m\\.?)?)\\s+(${[...Object.keys(FIXED_OFFSETS), ...Object.keys(REGION_ZONES)].join("|")})$`,
  "i",
);

export type ParsedInstant = { ok: true; iso: string } | { ok: false; message: string };

/**
 * A date and time to a UTC ISO string. A value that carries its own offset (2026-11-26T14:00:00Z,
 * …+01:00) is taken as written; a wall-clock value is read in `timeZone`. A date alone is not enough.
 */
export function parseDateTime(text: string, timeZone: string, order: DateOrder): ParsedInstant {
  const t = text.trim();
  // A zone written after the time, as US exports do ("3/14/2026 2:30 PM EST"): a fixed offset for the
  // standard and daylight abbreviations, the region's zone for "ET", "PT"…
  const suffix = ZONE_SUFFIX.exec(t);
  if (suffix) {
    const name = suffix[2].toUpperCase();
    const fixed = FIXED_OFFSETS[name];
    const parsed = parseDateTime(suffix[1], fixed !== undefined ? "UTC" : REGION_ZONES[name], order);
    if (!parsed.ok || fixed === undefined) return parsed;
    return { ok: true, iso: new Date(Date.parse(parsed.iso) - fixed * 3_600_000).toISOString() };
  }
  const offset = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)\s*(Z|[+-]\d{2}:?\d{2})$/i.exec(
    t,
  );
  if (offset) {
    const ms = Date.parse(
      `${offset[1]}T${offset[2]}${offset[3].toUpperCase() === "Z" ? "Z" : offset[3].replace(/^([+-]\d{2})(\d{2})$/, "$1:$2")}`,
    );
    if (Number.isNaN(ms)) return { ok: false, message: `“${text}” is not a real date and time.` };
    return { ok: true, iso: new Date(ms).toISOString() };
  }
  // Split the date from the time: "2026-11-26T14:00", "11/26/2026 2:00 PM", "Nov 26, 2026 14:00".
  const split = /^(.*?\d)(?:T|\s+(?:at\s+)?)(\d{1,2}(?:[:.]\d{2})?(?::\d{2})?\s*(?:[ap]\.?m\.?)?)$/i.exec(t);
  if (!split) {
    const dateOnly = parseDate(t, order);
    return {
      ok: false,
      message: dateOnly.ok ? `“${text}” has no time of day; add one, like ${t} 14:00.` : dateOnly.message,
    };
  }
  return combineDateTime(split[1], split[2], timeZone, order);
}

/** A date column and a time column, read together in `timeZone`. */
export function combineDateTime(
  dateText: string,
  timeText: string,
  timeZone: string,
  order: DateOrder,
): ParsedInstant {
  const date = parseDate(dateText, order);
  if (!date.ok) return date;
  const time = parseTime(timeText);
  if (!time.ok) return time;
  const { y, m, d } = date.date;
  const result = wallClockToUtc(y, m, d, time.time.h, time.time.min, timeZone);
  if (result.ok) return result;
  const text = `“${`${dateText} ${timeText}`.trim()}”`;
  if (result.ambiguous) {
    // A spreadsheet cannot be asked which one: the file can say it with an offset.
    const local = `${y}-${pad(m)}-${pad(d)}T${pad(time.time.h)}:${pad(time.time.min)}`;
    return {
      ok: false,
      message: `${text} happens twice in ${timeZone} (the clocks go back that night): write it with its offset, like ${local}${result.ambiguous.earlier} for the first or ${local}${result.ambiguous.later} for the second.`,
    };
  }
  return {
    ok: false,
    message: result.gap ? `${text}: ${result.gap}` : `${text} is not a real date and time.`,
  };
}

// zonedToUtc builds a TZDate (~50 µs); an import reads two dates per row, so offsets are cached per
// zone and quarter hour (every zone's transitions fall on quarter hours). Within a day of a transition
// the slow, exact path (resolveWallClock) decides, and refuses a time skipped or repeated there.
const zones = new Map<string, { format: Intl.DateTimeFormat; offsets: Map<number, number> }>();
const QUARTER_HOUR = 900_000;
const DAY = 86_400_000;

function offsetAt(zone: string, utcMs: number): number {
  let cache = zones.get(zone);
  if (!cache) {
    const format = new Intl.DateTimeFormat("en-US", {
      timeZone: zone,
      hourCycle: "h23",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
    });
    zones.set(zone, (cache = { format, offsets: new Map() }));
  }
  const bucket = Math.floor(utcMs / QUARTER_HOUR);
  const cached = cache.offsets.get(bucket);
  if (cached !== undefined) return cached;
  const at = bucket * QUARTER_HOUR;
  const parts: Record<string, number> = {};
  for (const p of cache.format.formatToParts(at)) if (p.type !== "literal") parts[p.type] = Number(p.value);
  const offset = Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour, parts.minute) - at;
  if (cache.offsets.size > 100_000) cache.offsets.clear();
  cache.offsets.set(bucket, offset);
  return offset;
}

export type WallClockUtc =
  { ok: true; iso: string } | { ok: false; gap?: string; ambiguous?: { earlier: string; later: string } };

/**
 * A wall-clock time in a zone as a UTC ISO string; near a clock change, resolveWallClock decides: a
 * time skipped when the clocks go forward (`gap`, what happened) or repeated when they go back
 * (`ambiguous`, the two offsets as ISO suffixes) is not guessed.
 */
export function wallClockToUtc(
  y: number,
  m: number,
  d: number,
  h: number,
  min: number,
  zone: string,
): WallClockUtc {
  const wall = wallClockMs(y, m, d, h, min);
  if (Number.isNaN(wall)) return { ok: false };
  try {
    const before = offsetAt(zone, wall - DAY);
    if (before === offsetAt(zone, wall + DAY) && before === offsetAt(zone, wall))
      return { ok: true, iso: new Date(wall - before).toISOString() };
  } catch {
    return { ok: false };
  }
  const result = resolveWallClock(`${y}-${pad(m)}-${pad(d)}T${pad(h)}:${pad(min)}`, zone);
  if (result.ok) return result;
  if (result.reason === "gap") return { ok: false, gap: result.message };
  if (result.reason === "ambiguous") {
    const iso = (offset: string) => offset.replace("UTC", "").replace("−", "-");
    return { ok: false, ambiguous: { earlier: iso(result.earlier.offset), later: iso(result.later.offset) } };
  }
  return { ok: false };
}

import { TZDate } from "@date-fns/tz";
import { format } from "date-fns/format";

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;

const zoneValidity = new Map<string, boolean>();

/** True when `zone` is an IANA time zone this runtime knows. */
export function isTimeZone(zone: string): boolean {
  // Asked on every request (displayZone, for the signed-in user), and a formatter takes about 0.3 ms
  // to build: each zone's answer is kept (the runtime's zones do not change while it runs).
  const known = zoneValidity.get(zone);
  if (known !== undefined) return known;
  let valid: boolean;
  try {
    new Intl.DateTimeFormat("en", { timeZone: zone });
    valid = zone.length > 0;
  } catch {
    valid = false;
  }
  if (zoneValidity.size > 1_000) zoneValidity.clear();
  zoneValidity.set(zone, valid);
  return valid;
}

// ---------------------------------------------------------------------------------------------------
// Which zone times are shown in, and its name. Every time a person reads is shown in their display
// zone: their own choice (Account), else the organization's default (Settings), else UTC.

/** The zones a person can choose: UTC first, then every IANA zone this runtime knows. */
export function timeZoneChoices(): string[] {
  return ["UTC", ...Intl.supportedValuesOf("timeZone").filter((z) => z !== "UTC")];
}

let choiceSet: Set<string> | null = null;

/** True when `zone` is one of timeZoneChoices(), spelled exactly (the form's list). */
export function isTimeZoneChoice(zone: string): boolean {
  choiceSet ??= new Set(timeZoneChoices());
  return choiceSet.has(zone) && isTimeZone(zone);
}

/** The zone to show times in: the user's own, else the organization's default, else UTC. */
export function displayZone(
  userZone: string | null | undefined,
  organizationZone: string | null | undefined,
): string {
  if (userZone && isTimeZone(userZone)) return userZone;
  if (organizationZone && isTimeZone(organizationZone)) return organizationZone;
  return "UTC";
}

const nameFormats = new Map<string, Intl.DateTimeFormat[]>();
const ABBREVIATION = /^[A-Z]{2,5}$/;

/**
 * The zone's short name at an instant, the way people write it after a time: "CET", "EST", "BST",
 * "UTC"; where English has no common abbreviation, the offset: "UTC+05:30". American and British
 * English are asked in turn (en-US knows EST but not CET; en-GB the reverse); "GMT+1"-style names are
 * never shown, so a list never mixes "PST" with "GMT+1".
 */
export function zoneName(timeZone: string, at: string | number | Date): string {
  const ms = at instanceof Date ? at.getTime() : typeof at === "number" ? at : Date.parse(at);
  if (timeZone === "UTC" || timeZone === "Etc/UTC") return "UTC";
  let formats = nameFormats.get(timeZone);
  if (!formats) {
    formats = ["en-US", "en-GB"].map(
      (locale) => new Intl.DateTimeFormat(locale, { timeZone, timeZoneName: "short" }),
    );
    if (nameFormats.size > 1_000) nameFormats.clear();
    nameFormats.set(timeZone, formats);
  }
  for (const f of formats) {
    const name = f.formatToParts(ms).find((p) => p.type === "timeZoneName")?.value ?? "";
    if (ABBREVIATION.test(name)) return name;
  }
  const offset = zoneOffsetMs(timeZone, ms);
  return offset === 0 ? "UTC" : formatOffset(offset);
}

/** "Europe/Berlin (CET, UTC+01:00)": a zone named in full, for a caption or a setting. */
export function describeZone(timeZone: string, at: string | number | Date): string {
  const ms = at instanceof Date ? at.getTime() : typeof at === "number" ? at : Date.parse(at);
  const name = zoneName(timeZone, ms);
  const offset = formatOffset(zoneOffsetMs(timeZone, ms));
  return name === offset || (name === "UTC" && timeZone === "UTC")
    ? `${timeZone} (${offset})`
    : `${timeZone} (${name}, ${offset})`;
}

export type TimeZoneOption = { value: string; label: string };
export type TimeZoneGroup = { region: string; zones: TimeZoneOption[] };

/**
 * The choices of a time zone control, grouped by region ("Europe", "America") and labelled by city
 * with the zone's name and offset at `at`, so that typing a city's first letters finds it:
 * "Berlin (CET, UTC+01:00)". UTC comes first, on its own.
 */
export function timeZoneGroups(at: string | number | Date): TimeZoneGroup[] {
  const ms = at instanceof Date ? at.getTime() : typeof at === "number" ? at : Date.parse(at);
  // Some 400 zones cost tens of milliseconds: kept for a quarter of an hour (clocks change on the
  // hour or half hour, so a quarter-hour's labels are the same throughout).
  const quarter = Math.floor(ms / 900_000);
  if (lastGroups?.quarter === quarter) return lastGroups.groups;
  const groups = new Map<string, TimeZoneOption[]>();
  for (const zone of timeZoneChoices()) {
    const slash = zone.indexOf("/");
    const region = slash < 0 ? "Universal" : zone.slice(0, slash);
    const city = slash < 0 ? zone : zone.slice(slash + 1).replace(/_/g, " ");
    const name = zoneName(zone, ms);
    const offset = formatOffset(zoneOffsetMs(zone, ms));
    const label = name === offset || zone === "UTC" ? `${city} (${offset})` : `${city} (${name}, ${offset})`;
    groups.set(region, [...(groups.get(region) ?? []), { value: zone, label }]);
  }
  const result = [...groups].map(([region, zones]) => ({ region, zones }));
  lastGroups = { quarter, groups: result };
  return result;
}

let lastGroups: { quarter: number; groups: TimeZoneGroup[] } | null = null;

/** "26 Nov 2026, 14:00 EST": an instant in a zone, named; for messages (format.ts has the list forms). */
export function formatZoned(instant: string | number, timeZone: string): string {
  const ms = typeof instant === "number" ? instant : Date.parse(instant);
  return `${format(new TZDate(ms, timeZone), "d MMM yyyy, HH:mm")} ${zoneName(timeZone, ms)}`;
}

// ---------------------------------------------------------------------------------------------------
// Zone offsets, read from Intl (one cached formatter per zone).

const offsetFormats = new Map<string, Intl.DateTimeFormat>();

/** The zone's offset from UTC at an instant, in milliseconds (local = UTC + offset), to the second. */
export function zoneOffsetMs(timeZone: string, utcMs: number): number {
  let formatter = offsetFormats.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat("en-US", { timeZone, timeZoneName: "longOffset" });
    if (offsetFormats.size > 1_000) offsetFormats.clear();
    offsetFormats.set(timeZone, formatter);
  }
  // "12/5/2026, GMT-05:00": "GMT" alone for UTC, seconds for local mean time before standard time
  // ("GMT-04:56:02"). format() is several times cheaper than formatToParts().
  const m = /GMT(?:([+-])(\d{2}):(\d{2})(?::(\d{2}))?)?$/.exec(formatter.format(utcMs));
  if (!m || !m[1]) return 0;
  const ms = (Number(m[2]) * 3600 + Number(m[3]) * 60 + Number(m[4] ?? 0)) * 1000;
  return m[1] === "-" ? -ms : ms;
}

/** "UTC−05:00" */
export function formatOffset(offsetMs: number): string {
  const minutes = Math.round(Math.abs(offsetMs) / MINUTE_MS);
  return `UTC${offsetMs < 0 ? "−" : "+"}${String(Math.floor(minutes / 60)).padStart(2, "0")}:${String(minutes % 60).padStart(2, "0")}`;
}

/** Milliseconds of a proleptic Gregorian wall-clock time read as UTC, for any year (Date.UTC maps 0–99 to 1900–1999). */
export function wallClockMs(y: number, month: number, d: number, h = 0, min = 0): number {
  const date = new Date(0);
  date.setUTCFullYear(y, month - 1, d);
  date.setUTCHours(h, min, 0, 0);
  return date.getTime();
}

// ---------------------------------------------------------------------------------------------------
// Wall-clock times to instants. Twice a year most zones have a wall-clock hour that does not exist
// (the clocks go forward) and one that happens twice (the clocks go back): neither is guessed.

/** Which of the two instants of a repeated wall-clock time: the first (before the clocks went back) or the second. */
export type Fold = "earlier" | "later";

export type WallClockResult =
  | { ok: true; iso: string }
  | { ok: false; reason: "invalid"; message: string }
  | { ok: false; reason: "gap"; message: string }
  | {
      ok: false;
      reason: "ambiguous";
      message: string;
      earlier: { iso: string; offset: string };
      later: { iso: string; offset: string };
    };

const pad = (n: number) => String(n).padStart(2, "0");

/**
 * The instant of a wall-clock time in a zone, or why there is none: text that is not a date and time,
 * a time skipped when the clocks went forward, or a time that happened twice when they went back and
 * `fold` does not say which (the form asks). Years are read as written: 0001 is the year 1, not 1901.
 */
export function resolveWallClock(
  localDateTime: string,
  timeZone: string,
  fold?: Fold | null,
): WallClockResult {
  const m = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})$/.exec(localDateTime.trim());
  const invalid = {
    ok: false,
    reason: "invalid",
    message: "That is not a date and time, like 2026-11-26 14:00.",
  } as const;
  if (!m) return invalid;
  const [, y, mo, d, h, mi] = m.map(Number);
  if (mo < 1 || mo > 12 || d < 1 || h > 23 || mi > 59)
    return { ok: false, reason: "invalid", message: "That date does not exist; check the day and month." };
  const wall = wallClockMs(y, mo, d, h, mi);
  if (new Date(wall).getUTCDate() !== d)
    return { ok: false, reason: "invalid", message: "That date does not exist; check the day and month." };
  if (!isTimeZone(timeZone))
    return {
      ok: false,
      reason: "invalid",
      message: "Choose a time zone from the list, like America/New_York.",
    };
  // Every transition is more than a day from the next, so the offsets a day either side are the only
  // candidates: each instant they give is right only if the zone has that offset there.
  const candidates = [
    ...new Set([zoneOffsetMs(timeZone, wall - DAY_MS), zoneOffsetMs(timeZone, wall + DAY_MS)]),
  ]
    .map((offset) => ({ offset, at: wall - offset }))
    .filter((c) => zoneOffsetMs(timeZone, c.at) === c.offset)
    .sort((a, b) => a.at - b.at);
  const when = `${pad(h)}:${pad(mi)} on ${format(new TZDate(wall, "UTC"), "d MMM yyyy")}`;
  if (candidates.length === 0) {
    const [before, after] = [zoneOffsetMs(timeZone, wall - DAY_MS), zoneOffsetMs(timeZone, wall + DAY_MS)];
    const at = transitionBetween(timeZone, wall - after, wall - before);
    const from = new Date(at + before);
    const to = new Date(at + after);
    const hhmm = (t: Date) => `${pad(t.getUTCHours())}:${pad(t.getUTCMinutes())}`;
    return {
      ok: false,
      reason: "gap",
      message: `${when} does not exist in ${timeZone}: the clocks go forward from ${hhmm(from)} to ${hhmm(to)} that night. Check the time.`,
    };
  }
  if (candidates.length === 1 || fold) {
    const chosen =
      candidates.length === 1
        ? candidates[0]
        : fold === "later"
          ? candidates[candidates.length - 1]
          : candidates[0];
    return { ok: true, iso: new Date(chosen.at).toISOString() };
  }
  const [first, second] = [candidates[0], candidates[candidates.length - 1]];
  return {
    ok: false,
    reason: "ambiguous",
    message: `${when} happens twice in ${timeZone} (the clocks go back from ${formatOffset(first.offset)} to ${formatOffset(second.offset)} that night): choose which one.`,
    earlier: { iso: new Date(first.at).toISOString(), offset: formatOffset(first.offset) },
    later: { iso: new Date(second.at).toISOString(), offset: formatOffset(second.offset) },
  };
}

/** The instant the zone's offset changes between lo and hi (its offset differs at the two), to the second. */
function transitionBetween(timeZone: string, lo: number, hi: number): number {
  const start = zoneOffsetMs(timeZone, lo);
  while (hi - lo > 1000) {
    const mid = Math.floor((lo + hi) / 2);
    if (zoneOffsetMs(timeZone, mid) === start) lo = mid;
    else hi = mid;
  }
  return hi;
}

/**
 * The UTC instant of a wall-clock time in a zone: "2026-03-08T10:00" in America/New_York → ISO UTC.
 * Returns null for text that is not a date and time, and for a time that does not exist or happened
 * twice in the zone (resolveWallClock says which, and takes the choice of the two).
 */
export function zonedToUtc(localDateTime: string, timeZone: string): string | null {
  const result = resolveWallClock(localDateTime, timeZone);
  return result.ok ? result.iso : null;
}

/** The wall-clock "yyyy-MM-ddTHH:mm" of a UTC instant in a zone (for datetime-local inputs). */
export function utcToZoned(iso: string, timeZone: string): string {
  return format(new TZDate(iso, timeZone), "yyyy-MM-dd'T'HH:mm");
}

/**
 * A stored instant as a form shows it, on the wall clock of a zone, and which of a repeated hour it is
 * ("earlier" or "later" the night the clocks go back; "" otherwise), so that reading it back gives the
 * same instant.
 */
export function wallClockOf(iso: string, timeZone: string): { local: string; fold: "" | Fold } {
  const local = utcToZoned(iso, timeZone);
  const resolved = resolveWallClock(local, timeZone);
  const fold =
    !resolved.ok && resolved.reason === "ambiguous"
      ? resolved.earlier.iso === iso
        ? "earlier"
        : "later"
      : "";
  return { local, fold };
}

// ---------------------------------------------------------------------------------------------------
// One rule for the dates people and messages give us. A date far outside the present is a typo
// (2062 for 2026), a sender's broken clock, or a probe (31 Dec 9999), never a real interview or
// follow-up; refusing it keeps every figure sane and every computation over it small.

/** Nothing before 2000: the product measures follow-ups to interviews held now, not records from the last century. */
export const EARLIEST_DATE_MS = Date.UTC(2000, 0, 1);
/**
 * A follow-up cannot arrive in the future. A day of slack absorbs a sender's clock or time zone set
 * wrong (a Date header written in local time marked as UTC is off by up to 14 hours) and a time
 * typed on a wall clock ahead of the server's.
 */
export const RECEIVED_AHEAD_MS = DAY_MS;
/**
 * Interviews are logged once held, or imported from a calendar weeks ahead: two years covers any real
 * schedule while still refusing a mistyped year.
 */
export const INTERVIEW_AHEAD_MS = 2 * 366 * DAY_MS;
/** A share link works for a year at most: a report shared for longer should be shared again. */
export const SHARE_LINK_MAX_DAYS = 366;

export type DateKind = "received" | "interview";

/**
 * Why an instant is outside the range the app accepts for `kind`, naming it by `label` ("The received
 * time", "The interview start"), or null when it is within range. The instant is shown in `timeZone`
 * (the reader's), named.
 */
export function dateRangeProblem(
  label: string,
  instant: string | number,
  kind: DateKind,
  now: number = Date.now(),
  timeZone = "UTC",
): string | null {
  const describeInstant = (ms: number) => formatZoned(ms, timeZone);
  const ms = typeof instant === "number" ? instant : Date.parse(instant);
  if (!Number.isFinite(ms)) return `${label} is not a valid date and time.`;
  if (ms < EARLIEST_DATE_MS) return `${label} (${describeInstant(ms)}) is before 1 Jan 2000; check the year.`;
  const ahead = kind === "received" ? RECEIVED_AHEAD_MS : INTERVIEW_AHEAD_MS;
  if (ms > now + ahead) {
    const limit =
      kind === "received"
        ? "more than a day after now: a message cannot arrive in the future"
        : "more than two years ahead";
    return `${label} (${describeInstant(ms)}) is ${limit}; check the year.`;
  }
  return null;
}

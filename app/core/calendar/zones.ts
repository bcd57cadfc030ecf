// Time zone names as calendar files write them, into IANA zones. Google and Apple write IANA names
// ("America/New_York"); Exchange and Outlook write Windows ids ("Eastern Standard Time"), Windows
// display names ("(UTC-05:00) Eastern Time (US & Canada)", older ones "(GMT-05:00) …"), or a made-up
// name ("Customized Time Zone", "tzone://Microsoft/Custom") whose only meaning is the VTIMEZONE block
// that defines it in the same file. A name none of these explain is not guessed: the caller refuses
// the event rather than store a time that may be hours off.
import { WINDOWS_TO_IANA_MAP } from "windows-iana";
import { zoneOffsetMs } from "../time";
import { WINDOWS_ZONE_LABELS } from "./windows-zone-labels";

/** What chose an event's zone: its own TZID, the calendar's X-WR-TIMEZONE, or the organization's. */
export type ZoneRule = "event TZID" | "calendar X-WR-TIMEZONE" | "organization default";

/** A VTIMEZONE's offsets from UTC in minutes: standard time, and daylight time when it has one. */
export interface ZoneOffsets {
  standard: number;
  daylight: number | null;
}

const UTC_NAMES = new Set([
  "utc",
  "etc/utc",
  "gmt",
  "etc/gmt",
  "z",
  "zulu",
  "etc/zulu",
  "universal",
  "etc/universal",
]);

const validity = new Map<string, boolean>();
function isIana(name: string): boolean {
  let ok = validity.get(name);
  if (ok === undefined) {
    try {
      new Intl.DateTimeFormat("en-US", { timeZone: name });
      ok = /^[A-Za-z]/.test(name);
    } catch {
      ok = false;
    }
    if (validity.size > 2_000) validity.clear();
    validity.set(name, ok);
  }
  return ok;
}

/** Windows ids to IANA zones: the CLDR "001" (main) zone of each id, as the windows-iana package has it. */
const WINDOWS_IDS = new Map<string, string>(
  WINDOWS_TO_IANA_MAP.filter((e) => e.territory === "001").map((e) => [
    (e.windowsName as string).toLowerCase(),
    e.iana[0] === "Etc/UTC" ? "UTC" : e.iana[0],
  ]),
);

const OFFSET_PREFIX = /^\(\s*(?:utc|gmt)\s*(?:[+-−]\s*\d{1,2}(?::?\d{2})?)?\s*\)\s*/i;

/** A display name without its "(UTC-05:00)" prefix, lower case, "&" read as "and", spaces collapsed. */
function labelKey(label: string): string {
  return label.replace(OFFSET_PREFIX, "").toLowerCase().replace(/&/g, " and ").replace(/\s+/g, " ").trim();
}

const LABELS = new Map<string, string>(WINDOWS_ZONE_LABELS.map(([label, id]) => [labelKey(label), id]));

/** Each city (a segment of a display name) that only one display name lists, with that name's Windows id. */
const CITIES = (() => {
  const seen = new Map<string, string | null>();
  for (const [label, id] of WINDOWS_ZONE_LABELS)
    for (const city of labelKey(label).split(/[,:]/)) {
      const key = city.trim();
      if (!key) continue;
      seen.set(key, seen.has(key) && seen.get(key) !== id ? null : id);
    }
  return seen;
})();

let ianaByCity: Map<string, string> | null = null;
/** The runtime's IANA zones by their last part in lower case with spaces ("new york" → America/New_York). */
function zoneOfCity(city: string): string | null {
  if (!ianaByCity) {
    ianaByCity = new Map();
    for (const zone of Intl.supportedValuesOf("timeZone")) {
      const key = zone
        .slice(zone.lastIndexOf("/") + 1)
        .replace(/_/g, " ")
        .toLowerCase();
      if (!ianaByCity.has(key)) ianaByCity.set(key, zone);
    }
  }
  return ianaByCity.get(city) ?? null;
}

/**
 * The IANA zone a TZID (or X-WR-TIMEZONE) names, or null when the name alone does not say: an IANA
 * name, a Windows id, or a Windows display name (current or legacy), quoted or not.
 */
export function ianaZoneOf(name: string): string | null {
  let value = name
    .trim()
    .replace(/^"(.*)"$/s, "$1")
    .trim();
  if (!value) return null;
  if (/^tzone:\/\/microsoft\//i.test(value)) value = value.slice("tzone://Microsoft/".length);
  if (UTC_NAMES.has(value.toLowerCase())) return "UTC";
  if (value.includes("/") && isIana(value)) return value;
  const windows = WINDOWS_IDS.get(value.toLowerCase());
  if (windows) return windows;
  const key = labelKey(value);
  const labelled = LABELS.get(key);
  if (labelled) return WINDOWS_IDS.get(labelled.toLowerCase()) ?? null;
  // A legacy display name whose city list changed since: a city only one current name lists, then a
  // city that is an IANA zone's own name.
  if (OFFSET_PREFIX.test(value) || key.includes(",")) {
    const cities = key
      .split(/[,:]/)
      .map((c) => c.trim())
      .filter(Boolean);
    for (const city of cities) {
      const id = CITIES.get(city);
      if (id) return WINDOWS_IDS.get(id.toLowerCase()) ?? null;
    }
    for (const city of cities) {
      const zone = zoneOfCity(city);
      if (zone) return zone;
    }
  }
  // Bare legacy abbreviations such as "EST" or "PST8PDT" are IANA names too.
  return isIana(value) && !/\s/.test(value) ? value : null;
}

/** "+0530" or "-05:00" (a VTIMEZONE's TZOFFSETTO) in minutes, or null. */
export function offsetMinutes(text: string): number | null {
  const m = /^\s*([+-])(\d{2}):?(\d{2})(?::?\d{2})?\s*$/.exec(text);
  if (!m) return null;
  const minutes = Number(m[2]) * 60 + Number(m[3]);
  return m[1] === "-" ? -minutes : minutes;
}

let mainZones: string[] | null = null;

/**
 * An IANA zone whose offsets in mid-January and mid-July of `year` are those of a VTIMEZONE, for names
 * such as Outlook's "Customized Time Zone". The zones the caller prefers (the calendar's and the
 * organization's) are tried first, then the main zone of each Windows zone, then every zone; so a
 * recruiter in New York gets America/New_York rather than another zone that keeps the same clocks.
 */
export function zoneMatchingOffsets(
  offsets: ZoneOffsets,
  year: number,
  preferred: string[] = [],
): string | null {
  const wanted = new Set([offsets.standard, offsets.daylight ?? offsets.standard]);
  const january = Date.UTC(year, 0, 15, 12);
  const july = Date.UTC(year, 6, 15, 12);
  const fits = (zone: string) => {
    try {
      const a = zoneOffsetMs(zone, january) / 60_000;
      const b = zoneOffsetMs(zone, july) / 60_000;
      return wanted.has(a) && wanted.has(b) && new Set([a, b]).size === wanted.size;
    } catch {
      return false;
    }
  };
  mainZones ??= [...new Set(WINDOWS_IDS.values())];
  for (const zone of [...preferred, ...mainZones]) if (isIana(zone) && fits(zone)) return zone;
  for (const zone of Intl.supportedValuesOf("timeZone")) if (fits(zone)) return zone;
  return null;
}

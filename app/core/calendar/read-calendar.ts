// Calendar files (.ics) into occurrences: text in, one entry per occurrence out, each with its start
// and end in UTC, its IANA zone and the rule that chose it, and whether it may become an interview
// (with the reason when not). Pure: no database; the caller matches attendees to candidates.
//
// node-ical parses the events and expands their repeat rules (RRULE with COUNT/UNTIL, EXDATE,
// RECURRENCE-ID overrides, through rrule-temporal). Before it sees a file, every time zone is made
// explicit here, because what node-ical does alone is wrong for real exports:
// - a TZID is turned into an IANA zone by zones.ts (Windows ids and display names, quoted or not; an
//   unquoted "(UTC-05:00) Eastern Time (US & Canada)" has a colon node-ical reads as the value's start);
//   a TZID that names no zone and has no VTIMEZONE that explains it refuses the event;
// - a floating time (no TZID, no "Z") is read in the calendar's X-WR-TIMEZONE, else the organization's
//   zone (node-ical would use the server's);
// - a "Z" time keeps its instant, and takes the same zone as its zone.
// Each VEVENT is parsed with the others of its UID only, so that one broken event is one refused entry
// and not a refused file. A file that is not a calendar at all is one failed file.
import { TZDate } from "@date-fns/tz";
import ical from "node-ical";
import { dateRangeProblem } from "../time";
import { notesFromInvite } from "./invite-text";
import { ianaZoneOf, offsetMinutes, zoneMatchingOffsets, type ZoneOffsets, type ZoneRule } from "./zones";

export type { ZoneRule } from "./zones";

/**
 * Which occurrences are read: from `pastDays` before now to `aheadDays` after it. A repeating event is
 * expanded inside this window only (an endless weekly series would otherwise never end); an event or
 * occurrence outside it is not imported. A year each way: older interviews are history that a CSV
 * export from the ATS carries better, later ones are not yet planned.
 */
export const CALENDAR_HORIZON = { pastDays: 366, aheadDays: 366 } as const;

/** At most this many occurrences of one repeating event are listed; the rest are not read. */
export const MAX_OCCURRENCES_PER_SERIES = 500;

const DAY_MS = 86_400_000;
const DEFAULT_DURATION_MS = 3_600_000;

export interface CalendarPerson {
  email: string;
  name: string | null;
  /** ACCEPTED, DECLINED, TENTATIVE, NEEDS-ACTION… as the file says, or null. */
  partstat: string | null;
}

export interface CalendarOccurrence {
  file: string;
  uid: string;
  /** In a repeating event, the occurrence's original start (its RECURRENCE-ID), in UTC; null otherwise. */
  recurrenceId: string | null;
  summary: string;
  /** ISO-8601 in UTC; "" when the event has no readable start. */
  start: string;
  end: string;
  /** IANA zone of the event's start; "" when none could be told. */
  timeZone: string;
  zoneRule: ZoneRule | null;
  sequence: number;
  /**
   * Cancelled by its file (METHOD:CANCEL, STATUS:CANCELLED) or by a cancellation in another file: the
   * whole event ("event": every occurrence of its UID) or this occurrence only; null when not.
   */
  cancelled: "event" | "occurrence" | null;
  import: boolean;
  /** Why the occurrence is not imported; null when it is. */
  reason: string | null;
  organizer: CalendarPerson | null;
  attendees: CalendarPerson[];
  location: string;
  /** The invitation's text as the file has it. */
  description: string;
  /** What may serve as the interview's notes (invite-text.ts: boilerplate removed, often ""). */
  notes: string;
}

export type CalendarFile =
  | {
      file: string;
      ok: true;
      method: string | null;
      /** The zone for floating and "Z" times, and which rule chose it. */
      calendarZone: { zone: string; rule: ZoneRule };
      occurrences: CalendarOccurrence[];
    }
  | { file: string; ok: false; error: string };

export interface ReadCalendarOptions {
  /** The organization's zone (an IANA name), for times the file does not place in a zone. */
  organizationZone: string;
  /** The moment the horizon and date checks are measured from. */
  now: number;
  horizon?: { pastDays: number; aheadDays: number };
}

class NotACalendar extends Error {}

// ---------------------------------------------------------------------------------------------------
// Lines and parameters

/** Unfolded content lines (RFC 5545 §3.1), without empty ones. */
function contentLines(text: string): string[] {
  const lines: string[] = [];
  for (const line of text.split(/\r\n|\n|\r/)) {
    if ((line.startsWith(" ") || line.startsWith("\t")) && lines.length)
      lines[lines.length - 1] += line.slice(1);
    else if (line.trim()) lines.push(line);
  }
  return lines;
}

/** "DTSTART;TZID=…" → its name and parameters; parameter values may be quoted. */
function splitParameters(head: string): { name: string; params: [string, string][] } {
  const parts: string[] = [];
  let current = "";
  let quoted = false;
  for (const ch of head) {
    if (ch === '"') quoted = !quoted;
    if (ch === ";" && !quoted) {
      parts.push(current);
      current = "";
    } else current += ch;
  }
  parts.push(current);
  const [name, ...rest] = parts;
  return {
    name: name.toUpperCase(),
    params: rest.map((p) => {
      const eq = p.indexOf("=");
      return eq < 0 ? [p.toUpperCase(), ""] : [p.slice(0, eq).toUpperCase(), p.slice(eq + 1)];
    }),
  };
}

const unquote = (value: string) => value.trim().replace(/^"(.*)"$/s, "$1");
const unescapeText = (value: string) => value.replace(/\\([,;\\])/g, "$1").replace(/\\[nN]/g, "\n");

/** "NAME;PARAMS:VALUE" split at the first colon outside quotes. */
function splitLine(line: string): { head: string; value: string } | null {
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (ch === '"') quoted = !quoted;
    else if (ch === ":" && !quoted) return { head: line.slice(0, i), value: line.slice(i + 1) };
  }
  return null;
}

const DATE_PROPERTIES = new Set(["DTSTART", "DTEND", "DUE", "RECURRENCE-ID", "EXDATE", "RDATE"]);
const DATE_LIST = /^\d{8}(T\d{6}Z?)?(,\d{8}(T\d{6}Z?)?)*$/;

/**
 * A date property split at the colon before its value. The value of these properties never holds a
 * colon, so the colon is the last one: "(UTC-05:00) Eastern Time (US & Canada)" unquoted stays whole.
 */
function splitDateLine(line: string): { head: string; value: string } | null {
  const colon = line.lastIndexOf(":");
  if (colon < 0) return null;
  const value = line.slice(colon + 1).trim();
  return DATE_LIST.test(value) ? { head: line.slice(0, colon), value } : null;
}

// ---------------------------------------------------------------------------------------------------
// Preparing a file for node-ical

/** Our note on each VEVENT's DTSTART for what follows: "rule|zone", or "problem|message". */
const ZONE_NOTE = "X-FOLLOWTHROUGH-ZONE";
const ZONE_NOTE_KEY = "FOLLOWTHROUGH-ZONE";

interface Prepared {
  method: string | null;
  calendarZone: { zone: string; rule: ZoneRule };
  /** The calendar's own lines (VERSION, METHOD…) to wrap each group in. */
  header: string[];
  /** The VEVENTs of one UID each, rewritten, in file order. */
  groups: { uid: string; summary: string; lines: string[] }[];
}

function prepare(text: string, organizationZone: string): Prepared {
  const lines = contentLines(
    // node-ical splits on JavaScript's line terminators too: inside a text value they mean a line break.
    text.replace(/^\uFEFF/, "").replace(/[\u2028\u2029\u0085]/g, "\\n"),
  );
  if (!lines.length || lines[0].trim().toUpperCase() !== "BEGIN:VCALENDAR")
    throw new NotACalendar("This is not a calendar file: it does not begin with BEGIN:VCALENDAR.");

  // First pass: the calendar's properties, its VTIMEZONEs, and the nesting checked.
  let method: string | null = null;
  let wrZone: string | null = null;
  const header: string[] = [];
  const vtimezones = new Map<string, ZoneOffsets>();
  const stack: string[] = [];
  let tzid = "";
  let observance: { type: string; start: string; offset: number | null } | null = null;
  let observances: { type: string; start: string; offset: number | null }[] = [];
  let sawEnd = false;
  for (const line of lines) {
    const upper = line.trimEnd().toUpperCase();
    if (sawEnd) break;
    if (upper.startsWith("BEGIN:")) {
      const component = upper.slice(6).trim();
      stack.push(component);
      if (component === "VTIMEZONE") {
        tzid = "";
        observances = [];
      } else if ((component === "STANDARD" || component === "DAYLIGHT") && stack.at(-2) === "VTIMEZONE")
        observance = { type: component, start: "", offset: null };
      continue;
    }
    if (upper.startsWith("END:")) {
      const component = upper.slice(4).trim();
      if (stack.at(-1) !== component)
        throw new NotACalendar(
          stack.length
            ? `The file is damaged: END:${component} where END:${stack.at(-1)} was expected.`
            : `The file is damaged: END:${component} without its BEGIN.`,
        );
      stack.pop();
      if (observance && (component === "STANDARD" || component === "DAYLIGHT")) {
        observances.push(observance);
        observance = null;
      } else if (component === "VTIMEZONE" && tzid) {
        const latest = (type: string) =>
          observances.filter((o) => o.type === type).sort((a, b) => b.start.localeCompare(a.start))[0];
        const standard = latest("STANDARD") ?? latest("DAYLIGHT");
        const daylight = latest("DAYLIGHT");
        if (standard?.offset != null)
          vtimezones.set(tzid, {
            standard: standard.offset,
            daylight:
              daylight && daylight !== standard && daylight.offset !== standard.offset
                ? daylight.offset
                : null,
          });
      } else if (component === "VCALENDAR") sawEnd = true;
      continue;
    }
    const parts = splitLine(line);
    if (!parts) continue;
    const { name } = splitParameters(parts.head);
    if (stack.length === 1 && stack[0] === "VCALENDAR") {
      header.push(line);
      if (name === "METHOD") method = parts.value.trim().toUpperCase();
      if (name === "X-WR-TIMEZONE") wrZone = unescapeText(parts.value).trim();
    } else if (stack.at(-1) === "VTIMEZONE" && name === "TZID") tzid = unquote(unescapeText(parts.value));
    else if (observance && name === "DTSTART") observance.start = parts.value.trim();
    else if (observance && name === "TZOFFSETTO") observance.offset = offsetMinutes(parts.value);
  }
  if (stack.length)
    throw new NotACalendar(`The file is cut off: BEGIN:${stack.at(-1)} has no END:${stack.at(-1)}.`);

  const wrIana = wrZone ? ianaZoneOf(wrZone) : null;
  const calendarZone: Prepared["calendarZone"] = wrIana
    ? { zone: wrIana, rule: "calendar X-WR-TIMEZONE" }
    : { zone: organizationZone, rule: "organization default" };

  const resolved = new Map<string, string | null>();
  const zoneOfTzid = (raw: string, year: number): string | null => {
    const key = `${raw}|${year}`;
    if (!resolved.has(key)) {
      const name = unquote(raw);
      const offsets = vtimezones.get(name);
      resolved.set(
        key,
        ianaZoneOf(name) ??
          (offsets ? zoneMatchingOffsets(offsets, year, [calendarZone.zone, organizationZone]) : null),
      );
    }
    return resolved.get(key)!;
  };

  // Second pass: each VEVENT with its times made explicit, grouped by UID; VTIMEZONEs left out (every
  // TZID is now an IANA name).
  const groups = new Map<string, Prepared["groups"][number]>();
  let event: string[] | null = null;
  let depth = 0;
  let uid = "";
  let summary = "";
  let anonymous = 0;
  for (const line of lines) {
    const upper = line.trimEnd().toUpperCase();
    if (!event) {
      if (upper === "BEGIN:VEVENT" && depth === 1) {
        event = [line];
        uid = "";
        summary = "";
      }
      if (upper.startsWith("BEGIN:")) depth++;
      else if (upper.startsWith("END:")) depth--;
      continue;
    }
    if (upper === "END:VEVENT" && depth === 2) {
      event.push(line);
      depth--;
      const key = uid || `\u0000${anonymous++}`;
      const group = groups.get(key) ?? { uid, summary, lines: [] };
      if (!group.summary) group.summary = summary;
      group.lines.push(...event);
      groups.set(key, group);
      event = null;
      continue;
    }
    if (upper.startsWith("BEGIN:")) depth++;
    else if (upper.startsWith("END:")) depth--;
    const own = depth === 2; // a property of the VEVENT itself, not of a VALARM inside it
    const dateLine = own ? splitDateLine(line) : null;
    const parsed = dateLine ? splitParameters(dateLine.head) : null;
    if (!own || !dateLine || !parsed || !DATE_PROPERTIES.has(parsed.name)) {
      const parts = own ? splitLine(line) : null;
      const name = parts ? splitParameters(parts.head).name : "";
      if (name === "UID") uid = parts!.value.trim();
      if (name === "SUMMARY") summary = unescapeText(parts!.value).replace(/\s+/g, " ").trim();
      event.push(line);
      continue;
    }
    const params = parsed.params;
    const tzParam = params.find(([k]) => k === "TZID");
    const dateOnly =
      params.some(([k, v]) => k === "VALUE" && v.toUpperCase() === "DATE") || !dateLine.value.includes("T");
    const rest = params.filter(([k]) => k !== "TZID").map(([k, v]) => (v ? `;${k}=${v}` : `;${k}`));
    let note: string | null = null;
    let zone: string | null = null;
    if (dateOnly) {
      zone = null;
    } else if (tzParam) {
      zone = zoneOfTzid(tzParam[1], Number(dateLine.value.slice(0, 4)));
      if (zone) note = `event TZID|${zone}`;
      else {
        note = `problem|Its time zone "${unquote(tzParam[1])}" is not one we know, and the file does not define it.`;
        zone = calendarZone.zone;
      }
    } else if (dateLine.value.endsWith("Z")) {
      note = `${calendarZone.rule}|${calendarZone.zone}`;
      zone = null; // the instant is given; the zone is only where it is shown
    } else {
      note = `${calendarZone.rule}|${calendarZone.zone}`;
      zone = calendarZone.zone;
    }
    event.push(
      `${parsed.name}${zone && !dateLine.value.endsWith("Z") ? `;TZID=${zone}` : ""}${rest.join("")}:${dateLine.value}`,
    );
    if (parsed.name === "DTSTART" && note) event.push(`${ZONE_NOTE}:${note}`);
  }
  return { method, calendarZone, header, groups: [...groups.values()] };
}

// ---------------------------------------------------------------------------------------------------
// Reading node-ical's events

type IcalEvent = Record<string, unknown> & {
  type?: string;
  uid?: string;
  start?: Date & { tz?: string; dateOnly?: boolean };
  end?: Date;
  datetype?: string;
  rrule?: { toString(): string };
  recurrenceid?: Date;
  status?: string;
  sequence?: number;
};

/** A text property's value: node-ical gives a string, or { params, val } when it has parameters. */
function textOf(value: unknown): string {
  if (value == null) return "";
  if (typeof value === "object" && "val" in (value as object))
    return String((value as { val: unknown }).val ?? "");
  return String(value);
}

/** A person from ORGANIZER or ATTENDEE: by mailto:, else the EMAIL= parameter (iCloud's urn:uuid ones). */
function personOf(value: unknown): CalendarPerson | null {
  const uri = textOf(value).trim();
  const params =
    value && typeof value === "object" ? ((value as { params?: Record<string, unknown> }).params ?? {}) : {};
  const address = /^mailto:/i.test(uri)
    ? uri.slice(7)
    : params.EMAIL
      ? String(params.EMAIL)
      : /^[^\s@:]+@[^\s@]+$/.test(uri)
        ? uri
        : "";
  const email = address.trim().replace(/^"|"$/g, "").toLowerCase();
  if (!/^[^\s@]+@[^\s@]+$/.test(email)) return null;
  const name = params.CN ? String(params.CN).replace(/^"|"$/g, "").trim() : "";
  return {
    email,
    name: name && name.toLowerCase() !== email ? name : null,
    partstat: params.PARTSTAT ? String(params.PARTSTAT).toUpperCase() : null,
  };
}

function peopleOf(value: unknown): CalendarPerson[] {
  const list = Array.isArray(value) ? value : value ? [value] : [];
  const seen = new Set<string>();
  return list.flatMap((v) => {
    const p = personOf(v);
    if (!p || seen.has(p.email)) return [];
    seen.add(p.email);
    return [p];
  });
}

function zoneNoteOf(
  event: IcalEvent | undefined,
): { zone: string; rule: ZoneRule } | { problem: string } | null {
  const note = event ? textOf(event[ZONE_NOTE_KEY]) : "";
  const bar = note.indexOf("|");
  if (bar < 0) return null;
  const [head, tail] = [note.slice(0, bar), note.slice(bar + 1)];
  return head === "problem" ? { problem: tail } : { zone: tail, rule: head as ZoneRule };
}

const validDate = (d: unknown): d is Date => d instanceof Date && Number.isFinite(d.getTime());

// ---------------------------------------------------------------------------------------------------

/**
 * Reads one calendar file. Never throws for what the file holds: a file that is not a calendar is
 * `{ ok: false, error }`, an event that cannot be read is an occurrence with `import: false`.
 */
export function readCalendarFile(file: string, text: string, options: ReadCalendarOptions): CalendarFile {
  let prepared: Prepared;
  try {
    prepared = prepare(text, options.organizationZone);
  } catch (error) {
    if (error instanceof NotACalendar) return { file, ok: false, error: error.message };
    return { file, ok: false, error: `This calendar file cannot be read: ${(error as Error).message}` };
  }
  const horizon = options.horizon ?? CALENDAR_HORIZON;
  const from = options.now - horizon.pastDays * DAY_MS;
  const to = options.now + horizon.aheadDays * DAY_MS;
  const occurrences: CalendarOccurrence[] = [];

  for (const group of prepared.groups) {
    let parsed: Record<string, unknown>;
    try {
      parsed = ical.sync.parseICS(
        ["BEGIN:VCALENDAR", ...prepared.header, ...group.lines, "END:VCALENDAR", ""].join("\r\n"),
      ) as Record<string, unknown>;
    } catch (error) {
      occurrences.push(
        unreadable(file, group.uid, group.summary, `The event cannot be read: ${(error as Error).message}`),
      );
      continue;
    }
    for (const value of Object.values(parsed)) {
      const event = value as IcalEvent;
      if (!event || event.type !== "VEVENT") continue;
      occurrences.push(...occurrencesOf(file, event, prepared, options.now, from, to));
    }
  }
  return { file, ok: true, method: prepared.method, calendarZone: prepared.calendarZone, occurrences };
}

function unreadable(file: string, uid: string, summary: string, reason: string): CalendarOccurrence {
  return {
    file,
    uid,
    recurrenceId: null,
    summary,
    start: "",
    end: "",
    timeZone: "",
    zoneRule: null,
    sequence: 0,
    cancelled: null,
    import: false,
    reason,
    organizer: null,
    attendees: [],
    location: "",
    description: "",
    notes: "",
  };
}

function occurrencesOf(
  file: string,
  master: IcalEvent,
  prepared: Prepared,
  now: number,
  from: number,
  to: number,
): CalendarOccurrence[] {
  const uid = textOf(master.uid);
  const summary = textOf(master.summary).replace(/\s+/g, " ").trim();
  if (!validDate(master.start))
    return [unreadable(file, uid, summary, "The event has no valid start (DTSTART).")];
  const allDay = master.datetype === "date" || master.start.dateOnly === true;

  // A repeating event: its occurrences inside the horizon, overrides and exclusions applied.
  if (master.rrule && !master.recurrenceid) {
    const freq = /FREQ=(\w+)/i.exec(master.rrule.toString())?.[1]?.toUpperCase() ?? "";
    if (["HOURLY", "MINUTELY", "SECONDLY"].includes(freq))
      return [
        entry(
          file,
          master,
          master,
          master.start,
          master.end,
          null,
          prepared,
          now,
          from,
          to,
          allDay,
          `It repeats ${freq.toLowerCase()}: not an interview.`,
        ),
      ];
    let instances: ReturnType<typeof ical.expandRecurringEvent>;
    try {
      instances = ical.expandRecurringEvent(master as never, { from: new Date(from), to: new Date(to) });
    } catch (error) {
      return [
        entry(
          file,
          master,
          master,
          master.start,
          master.end,
          null,
          prepared,
          now,
          from,
          to,
          allDay,
          `Its repeat rule (RRULE) cannot be read: ${(error as Error).message}`,
        ),
      ];
    }
    if (!instances.length)
      return [
        entry(
          file,
          master,
          master,
          master.start,
          master.end,
          null,
          prepared,
          now,
          from,
          to,
          allDay,
          "No occurrence of this repeating event falls within the import horizon (a year before and after today).",
        ),
      ];
    return instances.slice(0, MAX_OCCURRENCES_PER_SERIES).map((instance) => {
      const source = (instance.isOverride ? instance.event : master) as IcalEvent;
      const original =
        instance.isOverride && validDate(source.recurrenceid) ? source.recurrenceid : instance.start;
      return entry(
        file,
        master,
        source,
        instance.start,
        instance.end,
        original,
        prepared,
        now,
        from,
        to,
        allDay,
        null,
      );
    });
  }
  return [
    entry(
      file,
      master,
      master,
      master.start,
      master.end,
      master.recurrenceid ?? null,
      prepared,
      now,
      from,
      to,
      allDay,
      null,
    ),
  ];
}

/** One occurrence with its decision. `source` is the override when there is one, else the master. */
function entry(
  file: string,
  master: IcalEvent,
  source: IcalEvent,
  start: Date,
  endDate: Date | undefined,
  recurrenceId: Date | null,
  prepared: Prepared,
  now: number,
  from: number,
  to: number,
  allDay: boolean,
  refused: string | null,
): CalendarOccurrence {
  const pick = (key: string) => (source[key] !== undefined ? source[key] : master[key]);
  const summary = textOf(pick("summary")).replace(/\s+/g, " ").trim();
  const description = textOf(pick("description")).trim();
  const note = zoneNoteOf(source) ?? zoneNoteOf(master);
  // A zone that cannot be told leaves the times unknown too: they were read in a stand-in zone.
  const unknownZone = note !== null && "problem" in note;
  const zone =
    note && "zone" in note ? note : { zone: prepared.calendarZone.zone, rule: prepared.calendarZone.rule };
  const status = textOf(source.status).toUpperCase();
  const masterStatus = textOf(master.status).toUpperCase();
  // An all-day date is a day, not an instant (node-ical gives the server's local midnight): it is
  // shown as that day in the calendar's zone.
  const midnight = (d: Date) => new TZDate(d.getFullYear(), d.getMonth(), d.getDate(), zone.zone).getTime();
  const startMs = allDay ? midnight(start) : start.getTime();
  let end = validDate(endDate) ? (allDay ? midnight(endDate) : endDate.getTime()) : startMs;
  const backwards = end < startMs;
  // A DTSTART with neither DTEND nor DURATION lasts no time (RFC 5545): an interview is given an hour,
  // an all-day event its day.
  if (end === startMs) end = startMs + (allDay ? DAY_MS : DEFAULT_DURATION_MS);
  const occurrence: CalendarOccurrence = {
    file,
    uid: textOf(master.uid),
    recurrenceId: recurrenceId && validDate(recurrenceId) ? recurrenceId.toISOString() : null,
    summary,
    start: unknownZone ? "" : new Date(startMs).toISOString(),
    end: unknownZone ? "" : new Date(end).toISOString(),
    timeZone: unknownZone ? "" : zone.zone,
    zoneRule: unknownZone ? null : zone.rule,
    sequence: Number(source.sequence ?? master.sequence ?? 0) || 0,
    cancelled: null,
    import: false,
    reason: null,
    organizer: peopleOf(pick("organizer"))[0] ?? null,
    attendees: peopleOf(pick("attendee")),
    location: textOf(pick("location")).trim(),
    description,
    notes: notesFromInvite(description, summary),
  };
  // A cancellation of the whole event, or of this occurrence: a METHOD:CANCEL file cancels what its
  // VEVENT names (a series, or one occurrence by RECURRENCE-ID); STATUS:CANCELLED on a series' master
  // cancels the series, on an override that occurrence.
  const own = source === master ? null : "occurrence";
  if (prepared.method === "CANCEL") occurrence.cancelled = master.recurrenceid ? "occurrence" : "event";
  else if (masterStatus === "CANCELLED") occurrence.cancelled = master.recurrenceid ? "occurrence" : "event";
  else if (status === "CANCELLED") occurrence.cancelled = own ?? "event";
  const cancelled = !occurrence.cancelled
    ? null
    : prepared.method === "CANCEL"
      ? "Cancelled: the file is a cancellation (METHOD:CANCEL)."
      : occurrence.cancelled === "occurrence" && recurrenceId
        ? "This occurrence was cancelled (STATUS:CANCELLED)."
        : "Cancelled (STATUS:CANCELLED).";
  occurrence.reason =
    cancelled ??
    refused ??
    (note && "problem" in note ? note.problem : null) ??
    // Outlook writes some all-day events as midnight to midnight with this flag.
    (allDay || textOf(master["MICROSOFT-CDO-ALLDAYEVENT"]).toUpperCase() === "TRUE"
      ? "An all-day event has no interview time."
      : null) ??
    (backwards ? "It ends (DTEND) before it starts (DTSTART)." : null) ??
    dateRangeProblem("The event's start", startMs, "interview", now) ??
    (startMs < from
      ? "It is more than a year ago: outside the import horizon."
      : startMs > to
        ? "It is more than a year ahead: outside the import horizon."
        : null) ??
    (occurrence.attendees.length === 0 ? "No attendee has an email address." : null);
  occurrence.import = occurrence.reason === null;
  return occurrence;
}

/**
 * Applies the cancellations of every file to the others' occurrences: an invitation and its later
 * cancellation uploaded together import nothing. A cancellation counts for the same UID when its
 * SEQUENCE is not lower than the occurrence's; without RECURRENCE-ID it cancels the whole series.
 */
export function applyCancellations(files: CalendarFile[]): void {
  const events = new Map<string, { sequence: number; file: string }>();
  const single = new Map<string, { sequence: number; file: string }>();
  const keyOf = (o: CalendarOccurrence) => `${o.uid}|${o.recurrenceId ?? o.start}`;
  const all = files.flatMap((f) => (f.ok ? f.occurrences : []));
  const note = (map: typeof events, key: string, o: CalendarOccurrence) => {
    const known = map.get(key);
    if (!known || known.sequence < o.sequence) map.set(key, { sequence: o.sequence, file: o.file });
  };
  for (const o of all) {
    if (!o.uid || !o.cancelled) continue;
    if (o.cancelled === "event") note(events, o.uid, o);
    else note(single, keyOf(o), o);
  }
  for (const o of all) {
    if (!o.import || !o.uid) continue;
    const cancel = [events.get(o.uid), single.get(keyOf(o))].find((c) => c && c.sequence >= o.sequence);
    if (cancel) {
      o.import = false;
      o.cancelled = events.get(o.uid) === cancel ? "event" : "occurrence";
      o.reason = `Cancelled by ${cancel.file}.`;
    }
  }
}

/** Reads several files; one that cannot be read is one failed entry, and the others are read. */
export function readCalendarFiles(
  files: { name: string; text: string }[],
  options: ReadCalendarOptions,
): CalendarFile[] {
  const results = files.map((f) => readCalendarFile(f.name, f.text, options));
  applyCancellations(results);
  return results;
}

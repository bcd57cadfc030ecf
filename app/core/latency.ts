// How fast a candidate followed up: calendar and business minutes from the interview's end, the window
// that puts it in, and an interview's follow-up status at a given moment.
import { TZDate } from "@date-fns/tz";
import { timeOfDayMinutes, type WorkingHours } from "./settings";
import { formatZoned, wallClockMs, zoneOffsetMs } from "./time";
import { TIMED_WINDOWS, type FollowUpWindow, type TimedWindow, type WindowThresholds } from "./windows";

/** An ISO-8601 string, a Date, or epoch milliseconds. */
export type Instant = string | Date | number;

function toMs(instant: Instant): number {
  if (typeof instant === "number") return instant;
  return typeof instant === "string" ? Date.parse(instant) : instant.getTime();
}

export function isValidInstant(instant: Instant): boolean {
  return Number.isFinite(toMs(instant));
}

/** Real elapsed minutes (negative when received before the end). Not rounded: 6 h 0 m 30 s is not "within 6 h". */
export function calendarMinutes(endsAt: Instant, receivedAt: Instant): number {
  return (toMs(receivedAt) - toMs(endsAt)) / 60_000;
}

const DAY_MS = 86_400_000;
const WEEK = 7;

/** ISO weekday (Monday 1) of a calendar day number: 1970-01-01 was a Thursday. */
function isoWeekday(dayNumber: number): number {
  return ((((dayNumber + 3) % 7) + 7) % 7) + 1;
}

/** The proleptic Gregorian year of a calendar day number (days since 1970-01-01), for any year. */
function yearOfDay(dayNumber: number): number {
  return new Date(dayNumber * DAY_MS).getUTCFullYear();
}

/** The day number of 1 January of a year. */
function firstDayOfYear(year: number): number {
  return Math.round(wallClockMs(year, 1, 1) / DAY_MS);
}

/**
 * Before this year no zone this runtime knows changes its offset (the earliest change in the tz
 * database is in 1845, checked against every zone of Node 20's ICU), so a year before it adds
 * nothing to the DST correction.
 */
const NO_TRANSITIONS_BEFORE = 1800;
/**
 * From this year on, every zone follows one fixed yearly rule (the tz database's explicit predictions
 * end in 2087; checked against every zone: offsets from 2088 on repeat 400 years later). From here
 * a year's DST correction depends only on its calendar (representativeOf), and the Gregorian calendar
 * repeats every 400 years in whole weeks (146,097 days).
 */
const RULES_FIXED_FROM = 2100;
const CYCLE_YEARS = 400;

/**
 * The instants a calendar day's working hours open and close in the zone (null on a day off). A rescore
 * meets the same few hundred days and zones again and again, and each TZDate costs Intl calls, so the
 * periods are memoized; they depend only on their arguments.
 */
type Period = readonly [opens: number, closes: number] | null;

interface WorkCalendar {
  timeZone: string;
  hours: WorkingHours;
  open: number;
  close: number;
  /** A working day's length in minutes of wall clock, in milliseconds: its real length on a day without a clock change. */
  nominal: number;
  periods: Map<number, Period>;
  /** Days on or next to a clock change, per year (the only days whose working time can differ from nominal). */
  changeDays: Map<number, number[]>;
  /** Working time minus nominal over each whole year, per year. */
  yearCorrections: Map<number, number>;
  cycleCorrection: number | null;
}

const calendars = new Map<string, WorkCalendar>();

function calendarFor(timeZone: string, hours: WorkingHours): WorkCalendar {
  const key = `${timeZone}|${hours.start}|${hours.end}|${hours.days.join(",")}`;
  let calendar = calendars.get(key);
  if (!calendar) {
    if (calendars.size > 1_000) calendars.clear();
    const open = timeOfDayMinutes(hours.start);
    const close = timeOfDayMinutes(hours.end);
    calendar = {
      timeZone,
      hours,
      open,
      close,
      nominal: (close - open) * 60_000,
      periods: new Map(),
      changeDays: new Map(),
      yearCorrections: new Map(),
      cycleCorrection: null,
    };
    calendars.set(key, calendar);
  }
  return calendar;
}

function isWorkday(calendar: WorkCalendar, dayNumber: number): boolean {
  return calendar.hours.days.includes(isoWeekday(dayNumber));
}

/** A wall-clock time of a calendar day in the zone, as an instant (TZDate reads years 0–99 as 1900–1999: shifted by 400 years there). */
function zonedInstant(y: number, m: number, d: number, minutes: number, timeZone: string): number {
  if (y >= 100) return new TZDate(y, m, d, Math.floor(minutes / 60), minutes % 60, timeZone).getTime();
  // No zone changed its offset before 1800, so 400 years later the same wall clock is 146,097 days on.
  return (
    new TZDate(y + CYCLE_YEARS, m, d, Math.floor(minutes / 60), minutes % 60, timeZone).getTime() -
    146_097 * DAY_MS
  );
}

function workingPeriod(calendar: WorkCalendar, dayNumber: number): Period {
  const days = calendar.periods;
  let period = days.get(dayNumber);
  if (period === undefined) {
    if (!isWorkday(calendar, dayNumber)) period = null;
    else {
      const date = new Date(dayNumber * DAY_MS);
      const [y, m, d] = [date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()];
      period = [
        zonedInstant(y, m, d, calendar.open, calendar.timeZone),
        zonedInstant(y, m, d, calendar.close, calendar.timeZone),
      ];
    }
    if (days.size > 100_000) days.clear();
    days.set(dayNumber, period);
  }
  return period;
}

/** Working time of the days [first, last] that falls inside [from, to], walked day by day. */
function walkDays(calendar: WorkCalendar, first: number, last: number, from: number, to: number): number {
  let total = 0;
  for (let day = first; day <= last; day++) {
    const period = workingPeriod(calendar, day);
    if (period === null) continue;
    const overlap = Math.min(period[1], to) - Math.max(period[0], from);
    if (overlap > 0) total += overlap;
  }
  return total;
}

/** Working days among the days [first, last): whole weeks by multiplication, the rest counted. */
function workdaysBetween(calendar: WorkCalendar, first: number, last: number): number {
  const span = last - first;
  const weeks = Math.floor(span / WEEK);
  let count = weeks * new Set(calendar.hours.days).size;
  for (let day = first + weeks * WEEK; day < last; day++) if (isWorkday(calendar, day)) count++;
  return count;
}

/** A working day's real length minus its nominal length (0 on a day off or a day without a clock change). */
function dayCorrection(calendar: WorkCalendar, dayNumber: number): number {
  const period = workingPeriod(calendar, dayNumber);
  return period === null ? 0 : Math.max(0, period[1] - period[0]) - calendar.nominal;
}

/** A clock change: the first minute on the new offset, and the offsets before and after it. */
interface ClockChange {
  at: number;
  before: number;
  after: number;
}

/**
 * A zone's clock changes in a year (from two days before it to two days after), each to the minute.
 * The offset is probed every week (no zone changes its offset twice within a week) and each change
 * narrowed down by halving. Under the fixed rules a year's changes are the previous year's moved on
 * by 52 or 53 weeks (a weekday rule) or by a year (a date rule): those few instants are tried first,
 * then the fortnight around them, so a year costs a handful of probes instead of a hundred.
 */
const zoneChanges = new Map<string, Map<number, ClockChange[]>>();

function changesOf(timeZone: string, year: number): ClockChange[] {
  let years = zoneChanges.get(timeZone);
  if (!years) {
    if (zoneChanges.size > 1_000) zoneChanges.clear();
    zoneChanges.set(timeZone, (years = new Map()));
  }
  let changes = years.get(year);
  if (changes !== undefined) return changes;
  const found: ClockChange[] = [];
  const add = (change: ClockChange) => {
    if (!found.some((c) => c.at === change.at)) found.push(change);
  };
  const narrow = (lo: number, hi: number) => {
    const before = zoneOffsetMs(timeZone, lo);
    const after = zoneOffsetMs(timeZone, hi);
    if (after === before) return;
    while (hi - lo > 60_000) {
      const mid = lo + Math.floor((hi - lo) / 2 / 60_000) * 60_000 || lo + 60_000;
      if (zoneOffsetMs(timeZone, mid) === before) lo = mid;
      else hi = mid;
    }
    add({ at: hi, before, after: zoneOffsetMs(timeZone, hi) });
  };
  if (year >= NO_TRANSITIONS_BEFORE) {
    // From two days before the year to two after: a change near midnight of 1 January touches both years.
    const start = (firstDayOfYear(year) - 2) * DAY_MS;
    const end = (firstDayOfYear(year + 1) + 2) * DAY_MS;
    const previous = year > RULES_FIXED_FROM ? years.get(year - 1) : undefined;
    if (previous) {
      for (const change of previous) {
        const moved = [364, 371, 365, 366]
          .map((days) => change.at + days * DAY_MS)
          .find(
            (at) =>
              at >= start &&
              at < end &&
              zoneOffsetMs(timeZone, at - 60_000) === change.before &&
              zoneOffsetMs(timeZone, at) === change.after,
          );
        if (moved !== undefined) add({ at: moved, before: change.before, after: change.after });
        else {
          const lo = Math.max(start, change.at + (365 - WEEK) * DAY_MS);
          const hi = Math.min(end, change.at + (366 + WEEK) * DAY_MS);
          if (hi > lo) narrow(lo, hi);
        }
      }
      // Changes the previous year's span did not reach (it ends two days into this year).
      narrow(start, start + WEEK * DAY_MS);
    } else {
      for (let lo = start; lo < end; lo += WEEK * DAY_MS) narrow(lo, Math.min(lo + WEEK * DAY_MS, end));
    }
  }
  changes = found.sort((a, b) => a.at - b.at);
  if (years.size > 10_000) years.clear();
  years.set(year, changes);
  return changes;
}

/** The days of a year that hold a clock change or touch one: the only days whose working time can differ from nominal. */
function changeDaysOf(calendar: WorkCalendar, year: number): number[] {
  let days = calendar.changeDays.get(year);
  if (days === undefined) {
    const first = firstDayOfYear(year);
    const end = firstDayOfYear(year + 1);
    days = [];
    for (const { at, before, after } of changesOf(calendar.timeZone, year)) {
      // The local days the change happens on, read with the offset before it and after it.
      for (
        let day = Math.floor((at + Math.min(before, after)) / DAY_MS);
        day <= Math.floor((at + Math.max(before, after)) / DAY_MS);
        day++
      ) {
        if (day >= first && day < end && !days.includes(day)) days.push(day);
      }
    }
    if (calendar.changeDays.size > 10_000) calendar.changeDays.clear();
    calendar.changeDays.set(year, days);
  }
  return days;
}

/** Working time minus nominal over the days [first, last) of one year. */
function correctionWithin(calendar: WorkCalendar, year: number, first: number, last: number): number {
  let total = 0;
  for (const day of changeDaysOf(calendar, year))
    if (day >= first && day < last) total += dayCorrection(calendar, day);
  return total;
}

/** A year's calendar: the weekday of 1 January, and whether it is a leap year. */
function calendarTypeOf(year: number): number {
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  return isoWeekday(firstDayOfYear(year)) * 2 + (leap ? 1 : 0);
}

/**
 * The first year under the fixed rules with the same calendar as `year`. The rules place each clock
 * change by date, or by weekday near a date, so two such years have their changes on the same dates
 * and weekdays, and the same correction: a span of centuries needs at most 14 years looked at.
 */
const representatives = new Map<number, number>();
function representativeOf(year: number): number {
  const type = calendarTypeOf(year);
  let representative = representatives.get(type);
  if (representative === undefined) {
    representative = RULES_FIXED_FROM;
    while (calendarTypeOf(representative) !== type) representative++;
    representatives.set(type, representative);
  }
  return representative;
}

function yearCorrection(calendar: WorkCalendar, year: number): number {
  if (year < NO_TRANSITIONS_BEFORE) return 0;
  if (year >= RULES_FIXED_FROM) year = representativeOf(year);
  let correction = calendar.yearCorrections.get(year);
  if (correction === undefined) {
    correction = correctionWithin(calendar, year, firstDayOfYear(year), firstDayOfYear(year + 1));
    calendar.yearCorrections.set(year, correction);
  }
  return correction;
}

/** Working time minus nominal over the whole years [first, last): at most a few hundred years looked at, whatever the span. */
function yearsCorrection(calendar: WorkCalendar, first: number, last: number): number {
  let total = 0;
  for (let year = Math.max(first, NO_TRANSITIONS_BEFORE); year < Math.min(last, RULES_FIXED_FROM); year++)
    total += yearCorrection(calendar, year);
  const fixedFrom = Math.max(first, RULES_FIXED_FROM);
  if (last > fixedFrom) {
    // The calendar repeats every 400 years: whole cycles count as one cycle's correction each.
    const years = last - fixedFrom;
    const cycles = Math.floor(years / CYCLE_YEARS);
    if (cycles > 0) {
      if (calendar.cycleCorrection === null) {
        let cycle = 0;
        for (let year = RULES_FIXED_FROM; year < RULES_FIXED_FROM + CYCLE_YEARS; year++)
          cycle += yearCorrection(calendar, year);
        calendar.cycleCorrection = cycle;
      }
      total += cycles * calendar.cycleCorrection;
    }
    for (let year = fixedFrom + cycles * CYCLE_YEARS; year < last; year++)
      total += yearCorrection(calendar, year);
  }
  return total;
}

/** Working time minus nominal over the days [first, last). */
function correctionBetween(calendar: WorkCalendar, first: number, last: number): number {
  const firstYear = yearOfDay(first);
  const lastYear = yearOfDay(last - 1);
  if (firstYear === lastYear) return correctionWithin(calendar, firstYear, first, last);
  return (
    correctionWithin(calendar, firstYear, first, firstDayOfYear(firstYear + 1)) +
    yearsCorrection(calendar, firstYear + 1, lastYear) +
    correctionWithin(calendar, lastYear, firstDayOfYear(lastYear), last)
  );
}

/** Up to this many days the interval is walked day by day; past it, only its ends are. */
const WALK_DAYS = 14;
/** Days at each end walked one by one: inner days lie wholly inside the interval, whatever the zone's offset. */
const EDGE_DAYS = 3;

/**
 * Minutes of working time between the two instants, counted on the interview's wall clock: each working
 * day's [start, end) is placed in the zone and intersected with the interval, so weekends drop out and
 * a DST change shortens or lengthens only the day it happens on (and only if it falls in working hours).
 *
 * The cost does not grow with the gap: the days at the two ends are walked one by one, and the whole
 * days between them count as whole weeks of working days times the day's length, corrected on the few
 * days a year the clocks change (found once per zone and year, and for years under fixed rules, once
 * per 400-year cycle). A follow-up dated 9999 costs about what one dated next week does.
 */
export function businessMinutes(
  endsAt: Instant,
  receivedAt: Instant,
  timeZone: string,
  workingHours: WorkingHours,
): number {
  const from = toMs(endsAt);
  const to = toMs(receivedAt);
  if (!(to > from)) return 0;
  const calendar = calendarFor(timeZone, workingHours);
  // Every zone's wall-clock date is within a day of the UTC date, so these bounds hold every local day
  // the interval touches; a day outside it overlaps by nothing and adds nothing.
  const first = Math.floor(from / DAY_MS) - 1;
  const last = Math.floor(to / DAY_MS) + 1;
  if (last - first <= WALK_DAYS) return walkDays(calendar, first, last, from, to) / 60_000;
  // Inner days start three days after `from`'s UTC day and end three days before `to`'s: a working
  // period lies within two days of its calendar day in every zone, so theirs lie wholly inside.
  const innerFirst = first + 1 + EDGE_DAYS;
  const innerLast = last - 1 - EDGE_DAYS;
  const ends =
    walkDays(calendar, first, innerFirst - 1, from, to) + walkDays(calendar, innerLast + 1, last, from, to);
  const inner =
    workdaysBetween(calendar, innerFirst, innerLast + 1) * calendar.nominal +
    correctionBetween(calendar, innerFirst, innerLast + 1);
  return (ends + inner) / 60_000;
}

/** The window a follow-up falls in, by its calendar latency (the article's thresholds are clock hours). */
export function windowFor(minutes: number, thresholds: WindowThresholds): FollowUpWindow {
  if (minutes <= thresholds.best) return "best";
  if (minutes <= thresholds.ideal) return "ideal";
  if (minutes <= thresholds.acceptable) return "acceptable";
  if (minutes <= thresholds.late) return "late";
  return "none";
}

/** When the last (late) window closes; after it, an interview with nothing is "none". */
export function closesAt(endsAt: Instant, thresholds: WindowThresholds): string {
  return new Date(toMs(endsAt) + thresholds.late * 60_000).toISOString();
}

export interface TimedFollowUp {
  id: number;
  receivedAt: Instant;
}

export interface FollowUpTiming {
  id: number;
  receivedAt: string;
  latencyMinutes: number;
  businessLatencyMinutes: number;
  window: FollowUpWindow;
}

/**
 * Latency and window of each follow-up of one interview, earliest first, and the first of them: the one
 * the interview's latency is measured to. Messages dated before the interview ended are left out (intake
 * refuses them; an edited interview end can still leave one behind). Auto-replies are the caller's to
 * drop: they are not follow-ups at all.
 */
export function timeFollowUps(
  interview: { endsAt: Instant; timeZone: string },
  followUps: readonly TimedFollowUp[],
  settings: { workingHours: WorkingHours; windows: WindowThresholds },
): { each: FollowUpTiming[]; first: FollowUpTiming | null } {
  const end = toMs(interview.endsAt);
  const each = followUps
    .map((f) => ({ id: f.id, at: toMs(f.receivedAt) }))
    .filter((f) => Number.isFinite(f.at) && f.at >= end)
    .sort((a, b) => a.at - b.at || a.id - b.id)
    .map(({ id, at }): FollowUpTiming => {
      const latencyMinutes = (at - end) / 60_000;
      return {
        id,
        receivedAt: new Date(at).toISOString(),
        latencyMinutes,
        businessLatencyMinutes: businessMinutes(end, at, interview.timeZone, settings.workingHours),
        window: windowFor(latencyMinutes, settings.windows),
      };
    });
  return { each, first: each[0] ?? null };
}

export interface Deadline {
  window: TimedWindow;
  at: string;
  minutesLeft: number;
}

export type InterviewStatus =
  | { kind: "awaiting"; deadlines: Deadline[]; next: Deadline }
  | { kind: "received"; window: TimedWindow; latencyMinutes: number }
  | { kind: "none" };

export interface InterviewTiming {
  endsAt: Instant;
  firstFollowUpAt: Instant | null;
  window: FollowUpWindow | null;
  latencyMinutes: number | null;
}

export function interviewStatus(
  interview: InterviewTiming,
  now: Instant,
  thresholds: WindowThresholds,
): InterviewStatus {
  const end = toMs(interview.endsAt);
  if (interview.firstFollowUpAt != null) {
    const latency = interview.latencyMinutes ?? calendarMinutes(interview.endsAt, interview.firstFollowUpAt);
    const window = interview.window ?? windowFor(latency, thresholds);
    // After the last window a message no longer tells the hiring manager anything: it counts as none.
    return window === "none" ? { kind: "none" } : { kind: "received", window, latencyMinutes: latency };
  }
  const nowMs = toMs(now);
  const deadlines: Deadline[] = [];
  for (const window of TIMED_WINDOWS) {
    const at = end + thresholds[window] * 60_000;
    if (at > nowMs)
      deadlines.push({ window, at: new Date(at).toISOString(), minutesLeft: (at - nowMs) / 60_000 });
  }
  return deadlines.length > 0 ? { kind: "awaiting", deadlines, next: deadlines[0] } : { kind: "none" };
}

/** Why a follow-up's received time cannot be right, or null when it can; times shown in `timeZone`, named. */
export function validateReceivedAt(endsAt: Instant, receivedAt: Instant, timeZone = "UTC"): string | null {
  const end = toMs(endsAt);
  const received = toMs(receivedAt);
  if (!Number.isFinite(received)) return "The received time is not a valid date and time.";
  if (!Number.isFinite(end)) return "The interview's end time is not a valid date and time.";
  if (received < end) {
    return `The follow-up is dated before the interview ended (ended ${formatZoned(end, timeZone)}); check the received time.`;
  }
  return null;
}

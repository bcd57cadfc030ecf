// How fast a candidate followed up: calendar and business minutes from the interview's end, the window
// that puts it in, and an interview's follow-up status at a given moment.
import { TZDate } from "@date-fns/tz";
import { format } from "date-fns/format";
import type { FollowUpWindow } from "../../db/schema";
import { timeOfDayMinutes, type WindowThresholds, type WorkingHours } from "./settings";

/** An ISO-8601 string, a Date, or epoch milliseconds. */
export type Instant = string | Date | number;
export type TimedWindow = Exclude<FollowUpWindow, "none">;

/** The windows that have a closing threshold, shortest first. */
export const TIMED_WINDOWS: readonly TimedWindow[] = ["best", "ideal", "acceptable", "late"];

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

/** ISO weekday (Monday 1) of a calendar day number: 1970-01-01 was a Thursday. */
function isoWeekday(dayNumber: number): number {
  return ((((dayNumber + 3) % 7) + 7) % 7) + 1;
}

/**
 * The instants a calendar day's working hours open and close in the zone (null on a day off). A rescore
 * meets the same few hundred days and zones again and again, and each TZDate costs Intl calls, so the
 * periods are memoized; they depend only on their arguments.
 */
type Period = readonly [opens: number, closes: number] | null;
const periodCache = new Map<string, Map<number, Period>>();

function periodsFor(timeZone: string, hours: WorkingHours): Map<number, Period> {
  const key = `${timeZone}|${hours.start}|${hours.end}|${hours.days.join(",")}`;
  let days = periodCache.get(key);
  if (!days) {
    if (periodCache.size > 1_000) periodCache.clear();
    days = new Map();
    periodCache.set(key, days);
  }
  return days;
}

function workingPeriod(days: Map<number, Period>, dayNumber: number, timeZone: string, hours: WorkingHours): Period {
  let period = days.get(dayNumber);
  if (period === undefined) {
    if (!hours.days.includes(isoWeekday(dayNumber))) period = null;
    else {
      const date = new Date(dayNumber * DAY_MS);
      const [y, m, d] = [date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()];
      const open = timeOfDayMinutes(hours.start);
      const close = timeOfDayMinutes(hours.end);
      period = [
        new TZDate(y, m, d, Math.floor(open / 60), open % 60, timeZone).getTime(),
        new TZDate(y, m, d, Math.floor(close / 60), close % 60, timeZone).getTime(),
      ];
    }
    if (days.size > 100_000) days.clear();
    days.set(dayNumber, period);
  }
  return period;
}

/**
 * Minutes of working time between the two instants, counted on the interview's wall clock: each working
 * day's [start, end) is placed in the zone and intersected with the interval, so weekends drop out and
 * a DST change shortens or lengthens only the day it happens on (and only if it falls in working hours).
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
  const days = periodsFor(timeZone, workingHours);
  // Every zone's wall-clock date is within a day of the UTC date, so these bounds hold every local day
  // the interval touches; a day outside it overlaps by nothing and adds nothing.
  const last = Math.floor(to / DAY_MS) + 1;
  let total = 0;
  for (let day = Math.floor(from / DAY_MS) - 1; day <= last; day++) {
    const period = workingPeriod(days, day, timeZone, workingHours);
    if (period === null) continue;
    const overlap = Math.min(period[1], to) - Math.max(period[0], from);
    if (overlap > 0) total += overlap;
  }
  return total / 60_000;
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

export function interviewStatus(interview: InterviewTiming, now: Instant, thresholds: WindowThresholds): InterviewStatus {
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
    if (at > nowMs) deadlines.push({ window, at: new Date(at).toISOString(), minutesLeft: (at - nowMs) / 60_000 });
  }
  return deadlines.length > 0 ? { kind: "awaiting", deadlines, next: deadlines[0] } : { kind: "none" };
}

function formatUtc(ms: number): string {
  return format(new TZDate(ms, "UTC"), "d MMM yyyy, HH:mm 'UTC'");
}

/** Why a follow-up's received time cannot be right, or null when it can. */
export function validateReceivedAt(endsAt: Instant, receivedAt: Instant): string | null {
  const end = toMs(endsAt);
  const received = toMs(receivedAt);
  if (!Number.isFinite(received)) return "The received time is not a valid date and time.";
  if (!Number.isFinite(end)) return "The interview's end time is not a valid date and time.";
  if (received < end) {
    return `The follow-up is dated before the interview ended (ended ${formatUtc(end)}); check the received time.`;
  }
  return null;
}


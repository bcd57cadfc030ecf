import { TZDate } from "@date-fns/tz";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  businessMinutes,
  calendarMinutes,
  closesAt,
  interviewStatus,
  timeFollowUps,
  validateReceivedAt,
  windowFor,
} from "./latency";
import { summarizeApplication } from "./summary";
import { DEFAULT_SETTINGS, timeOfDayMinutes, type WorkingHours } from "./settings";

const NY = "America/New_York";
const HOURS = DEFAULT_SETTINGS.workingHours;
const T = DEFAULT_SETTINGS.windows;

function hours(overrides: Partial<WorkingHours> = {}): WorkingHours {
  return { ...HOURS, ...overrides };
}

describe("businessMinutes", () => {
  it("counts 16:30 to 10:30 the next working day as 120 minutes with a 9–17 day", () => {
    // Tuesday 24 Nov 2026, 16:30 EST, to Wednesday 10:30 EST.
    expect(businessMinutes("2026-11-24T21:30:00Z", "2026-11-25T15:30:00Z", NY, HOURS)).toBe(120);
  });

  it("skips the weekend: Friday 16:00 to Monday 10:00 is 120 minutes", () => {
    expect(businessMinutes("2026-11-27T21:00:00Z", "2026-11-30T15:00:00Z", NY, HOURS)).toBe(120);
  });

  it("starts counting at the next working period when the interview ends after hours", () => {
    // Tuesday 19:00 EST to Wednesday 09:45 EST.
    expect(businessMinutes("2026-11-25T00:00:00Z", "2026-11-25T14:45:00Z", NY, HOURS)).toBe(45);
    // Saturday to Saturday: nothing.
    expect(businessMinutes("2026-11-28T15:00:00Z", "2026-11-28T20:00:00Z", NY, HOURS)).toBe(0);
  });

  it("reads working hours on the interview's wall clock, not UTC", () => {
    // 16:30 to 10:30 next day in Tokyo (UTC+9): 07:30Z to 01:30Z.
    expect(businessMinutes("2026-11-24T07:30:00Z", "2026-11-25T01:30:00Z", "Asia/Tokyo", HOURS)).toBe(120);
  });

  it("handles the spring-forward DST change inside the interval", () => {
    // Saturday 7 March 2026, 20:00 EST (01:00Z on the 8th) to Monday 9 March, 10:00 EDT (14:00Z).
    const ended = "2026-03-08T01:00:00Z";
    const received = "2026-03-09T14:00:00Z";
    // Real elapsed time: 37 h, although the wall clock moved 38 h.
    expect(calendarMinutes(ended, received)).toBe(37 * 60);
    expect(businessMinutes(ended, received, NY, HOURS)).toBe(60);
    // A working day that contains the change is an hour shorter: Sunday 00:00–23:00 holds 22 real hours.
    const allWeek = hours({ start: "00:00", end: "23:00", days: [1, 2, 3, 4, 5, 6, 7] });
    // Saturday 23:30 EST to Monday 00:30 EDT.
    expect(businessMinutes("2026-03-08T04:30:00Z", "2026-03-09T04:30:00Z", NY, allWeek)).toBe(22 * 60 + 30);
  });

  it("handles the fall-back DST change inside the interval", () => {
    // Friday 30 Oct 2026, 16:00 EDT (20:00Z) to Monday 2 Nov, 10:00 EST (15:00Z).
    expect(calendarMinutes("2026-10-30T20:00:00Z", "2026-11-02T15:00:00Z")).toBe(67 * 60);
    expect(businessMinutes("2026-10-30T20:00:00Z", "2026-11-02T15:00:00Z", NY, HOURS)).toBe(120);
    // Sunday 1 November 00:00–23:00 holds 24 real hours.
    const allWeek = hours({ start: "00:00", end: "23:00", days: [7] });
    expect(businessMinutes("2026-11-01T04:00:00Z", "2026-11-02T05:00:00Z", NY, allWeek)).toBe(24 * 60);
  });

  it("is zero when the message is not after the end", () => {
    expect(businessMinutes("2026-11-24T15:00:00Z", "2026-11-24T14:00:00Z", NY, HOURS)).toBe(0);
  });

  it("never exceeds calendar minutes, and grows with the received time", () => {
    const end = Date.parse("2026-06-05T13:17:00Z");
    let previous = 0;
    for (let m = 0; m < 10_000; m += 97) {
      const b = businessMinutes(end, end + m * 60_000, "Europe/Berlin", HOURS);
      expect(b).toBeLessThanOrEqual(m);
      expect(b).toBeGreaterThanOrEqual(previous);
      previous = b;
    }
  });
});

/**
 * The simple form the arithmetic replaced: every calendar day the interval touches, its working period
 * placed in the zone with TZDate and intersected with the interval. Slow for long gaps, plainly right.
 */
function businessMinutesDayByDay(
  from: number,
  to: number,
  timeZone: string,
  workingHours: WorkingHours,
): number {
  if (!(to > from)) return 0;
  const open = timeOfDayMinutes(workingHours.start);
  const close = timeOfDayMinutes(workingHours.end);
  let total = 0;
  for (let day = Math.floor(from / 86_400_000) - 1; day <= Math.floor(to / 86_400_000) + 1; day++) {
    const date = new Date(day * 86_400_000);
    const weekday = ((date.getUTCDay() + 6) % 7) + 1;
    if (!workingHours.days.includes(weekday)) continue;
    const at = (minutes: number) =>
      new TZDate(
        date.getUTCFullYear(),
        date.getUTCMonth(),
        date.getUTCDate(),
        Math.floor(minutes / 60),
        minutes % 60,
        timeZone,
      ).getTime();
    const overlap = Math.min(at(close), to) - Math.max(at(open), from);
    if (overlap > 0) total += overlap;
  }
  return total / 60_000;
}

describe("businessMinutes over long gaps", () => {
  const ZONES = [
    "America/New_York",
    "Europe/Berlin",
    "Europe/London",
    "Australia/Lord_Howe",
    "America/Sao_Paulo",
    "Africa/Casablanca",
    "Asia/Tehran",
    "Asia/Kolkata",
    "Pacific/Chatham",
    "America/St_Johns",
    "UTC",
  ];
  const time = fc
    .tuple(fc.integer({ min: 0, max: 23 }), fc.constantFrom(0, 15, 30, 45))
    .map(([h, m]) => h * 60 + m);
  const workingHours = fc
    .tuple(time, time, fc.uniqueArray(fc.integer({ min: 1, max: 7 }), { minLength: 1, maxLength: 7 }))
    .filter(([a, b]) => a !== b)
    .map(([a, b, days]): WorkingHours => {
      const hhmm = (m: number) =>
        `${String(Math.floor(m / 60)).padStart(2, "0")}:${String(m % 60).padStart(2, "0")}`;
      return { start: hhmm(Math.min(a, b)), end: hhmm(Math.max(a, b)), days };
    });

  it("gives what walking every day gives, for gaps up to four months in zones with clock changes", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2030, 0, 1) }),
        fc.integer({ min: 0, max: 125 * 86_400 }),
        fc.constantFrom(...ZONES),
        workingHours,
        (from, gapSeconds, zone, hours) => {
          const to = from + gapSeconds * 1000;
          expect(businessMinutes(from, to, zone, hours)).toBe(businessMinutesDayByDay(from, to, zone, hours));
        },
      ),
      { numRuns: 300 },
    );
  });

  it("counts whole weeks up to the year 9999: five 8-hour days a week where the clocks change outside working hours", () => {
    // Monday 4 Jan 2027 00:00 EST to a Monday 00:00 EST in January 9999 (the clocks change at 02:00 on Sundays).
    const week = 7 * 86_400_000;
    const from = Date.parse("2027-01-04T05:00:00Z");
    const weeks = Math.floor((Date.parse("9999-01-20T05:00:00Z") - from) / week);
    const to = from + weeks * week;
    expect(new Date(to).toISOString().slice(0, 7)).toBe("9999-01");
    expect(businessMinutes(from, to, NY, HOURS)).toBe(weeks * 5 * 8 * 60);
    expect(businessMinutes(from, to, "UTC", HOURS)).toBe(weeks * 5 * 8 * 60);
  });

  it("subtracts the spring hour and adds the autumn one when working hours span the change, over any number of years", () => {
    const allWeek = hours({ start: "00:00", end: "23:00", days: [1, 2, 3, 4, 5, 6, 7] });
    // 1 Jan 2027 00:00 CET to 1 Jan 9999 00:00 CET: every year loses an hour in March and gets it back in October.
    const from = Date.parse("2026-12-31T23:00:00Z");
    const to = Date.parse("9998-12-31T23:00:00Z");
    const days = (to - from) / 86_400_000;
    expect(businessMinutes(from, to, "Europe/Berlin", allWeek)).toBe(days * 23 * 60);
    // Up to the end of March 2027 only the spring hour is lost (Sunday 28 March, 02:00 to 03:00).
    expect(businessMinutes(from, Date.parse("2027-03-31T22:00:00Z"), "Europe/Berlin", allWeek)).toBe(
      90 * 23 * 60 - 60,
    );
  });

  it("returns for a follow-up dated 31 Dec 9999 and splits at any moment into its two parts", () => {
    const end = "2026-11-24T21:30:00Z";
    const received = "9999-12-31T23:59:00Z";
    const whole = businessMinutes(end, received, NY, HOURS);
    expect(whole).toBeGreaterThan(0);
    for (const middle of ["2027-06-15T13:07:00Z", "2500-03-01T00:00:00Z", "9000-10-31T16:00:00Z"]) {
      expect(
        businessMinutes(end, middle, NY, HOURS) + businessMinutes(middle, received, NY, HOURS),
      ).toBeCloseTo(whole, 6);
    }
  });
});

describe("windowFor and closesAt", () => {
  it("puts each threshold in its own window, inclusive", () => {
    expect(windowFor(0, T)).toBe("best");
    expect(windowFor(360, T)).toBe("best");
    expect(windowFor(360.5, T)).toBe("ideal");
    expect(windowFor(720, T)).toBe("ideal");
    expect(windowFor(1440, T)).toBe("acceptable");
    expect(windowFor(4320, T)).toBe("late");
    expect(windowFor(4321, T)).toBe("none");
  });

  it("closes the last window 72 hours after the end", () => {
    expect(closesAt("2026-11-26T14:00:00.000Z", T)).toBe("2026-11-29T14:00:00.000Z");
  });
});

describe("validateReceivedAt", () => {
  it("refuses a follow-up received before the interview ended", () => {
    expect(validateReceivedAt("2026-11-26T14:00:00Z", "2026-11-26T13:59:00Z")).toBe(
      "The follow-up is dated before the interview ended (ended 26 Nov 2026, 14:00 UTC); check the received time.",
    );
  });

  it("accepts one received at or after the end", () => {
    expect(validateReceivedAt("2026-11-26T14:00:00Z", "2026-11-26T14:00:00Z")).toBeNull();
    expect(validateReceivedAt("2026-11-26T14:00:00Z", "2026-11-27T09:00:00Z")).toBeNull();
  });

  it("refuses a received time that is not a date", () => {
    expect(validateReceivedAt("2026-11-26T14:00:00Z", "yesterday")).toMatch(/not a valid date/);
  });
});

describe("interviewStatus", () => {
  const endsAt = "2026-11-24T17:00:00.000Z";

  it("is awaiting with every threshold still ahead, soonest first", () => {
    const status = interviewStatus(
      { endsAt, firstFollowUpAt: null, window: null, latencyMinutes: null },
      "2026-11-24T20:00:00Z",
      T,
    );
    expect(status.kind).toBe("awaiting");
    if (status.kind !== "awaiting") return;
    expect(status.deadlines.map((d) => d.window)).toEqual(["best", "ideal", "acceptable", "late"]);
    expect(status.next).toEqual({ window: "best", at: "2026-11-24T23:00:00.000Z", minutesLeft: 180 });
  });

  it("drops thresholds already passed", () => {
    const status = interviewStatus(
      { endsAt, firstFollowUpAt: null, window: null, latencyMinutes: null },
      "2026-11-25T20:00:00Z",
      T,
    );
    expect(status.kind === "awaiting" && status.deadlines.map((d) => d.window)).toEqual(["late"]);
  });

  it("is none once the last window closed with nothing", () => {
    expect(
      interviewStatus(
        { endsAt, firstFollowUpAt: null, window: null, latencyMinutes: null },
        "2026-11-27T17:00:00Z",
        T,
      ),
    ).toEqual({
      kind: "none",
    });
  });

  it("is received with the first follow-up's window", () => {
    expect(
      interviewStatus(
        { endsAt, firstFollowUpAt: "2026-11-24T22:00:00Z", window: "best", latencyMinutes: 300 },
        "2026-11-30T00:00:00Z",
        T,
      ),
    ).toEqual({ kind: "received", window: "best", latencyMinutes: 300 });
  });

  it("counts a follow-up after the last window as none", () => {
    expect(
      interviewStatus(
        { endsAt, firstFollowUpAt: "2026-11-28T17:00:00Z", window: null, latencyMinutes: null },
        "2026-11-30T00:00:00Z",
        T,
      ),
    ).toEqual({ kind: "none" });
  });
});

describe("timeFollowUps", () => {
  const interview = { endsAt: "2026-11-24T17:00:00Z", timeZone: NY };

  it("measures the interview's latency to the first follow-up when there are two", () => {
    // Logged out of order: the second message first.
    const { each, first } = timeFollowUps(
      interview,
      [
        { id: 2, receivedAt: "2026-11-25T20:00:00Z" },
        { id: 1, receivedAt: "2026-11-24T22:00:00Z" },
      ],
      DEFAULT_SETTINGS,
    );
    expect(each.map((f) => f.id)).toEqual([1, 2]);
    expect(first).toMatchObject({ id: 1, latencyMinutes: 300, window: "best" });
    expect(each[1]).toMatchObject({ id: 2, latencyMinutes: 27 * 60, window: "late" });

    const status = interviewStatus(
      {
        endsAt: interview.endsAt,
        firstFollowUpAt: first!.receivedAt,
        window: first!.window,
        latencyMinutes: first!.latencyMinutes,
      },
      "2026-11-30T00:00:00Z",
      T,
    );
    expect(status).toEqual({ kind: "received", window: "best", latencyMinutes: 300 });
    const summary = summarizeApplication([
      { closed: true, latencyMinutes: first!.latencyMinutes, window: first!.window, scores: [80, 60] },
    ]);
    expect(summary.medianLatencyMinutes).toBe(300);
    expect(summary.followedUpCount).toBe(1);
  });

  it("leaves out messages dated before the end", () => {
    const { each, first } = timeFollowUps(
      interview,
      [{ id: 1, receivedAt: "2026-11-24T16:00:00Z" }],
      DEFAULT_SETTINGS,
    );
    expect(each).toEqual([]);
    expect(first).toBeNull();
  });
});

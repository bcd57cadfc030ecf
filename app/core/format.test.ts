import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { format } from "date-fns/format";
import { TZDate } from "@date-fns/tz";
import { formatDateTime, formatDay, formatHeld, formatMinutes, formatPercent } from "./format";
import { zoneName } from "./time";

/** The formatting as it was, through date-fns: the kept Intl formatters must give the same text. */
const reference = {
  day: (iso: string, timeZone: string) => format(new TZDate(iso, timeZone), "d MMM yyyy"),
  dateTime: (iso: string, timeZone: string) => {
    const local = new TZDate(iso, timeZone);
    return `${format(local, "EEE d MMM yyyy, HH:mm")} ${zoneName(timeZone, local.getTime())}`;
  },
};
const ZONES = [
  "UTC",
  "America/New_York",
  "America/Los_Angeles",
  "Europe/London",
  "Europe/Berlin",
  "Asia/Kolkata",
  "Asia/Kathmandu",
  "Australia/Lord_Howe",
  "Pacific/Chatham",
  "America/St_Johns",
];

describe("format", () => {
  it("shows a time in the interview's zone with its abbreviation", () => {
    expect(formatDateTime("2026-11-26T19:00:00.000Z", "America/New_York")).toBe("Thu 26 Nov 2026, 14:00 EST");
    expect(formatDateTime("2026-07-01T13:00:00.000Z", "Europe/London")).toBe("Wed 1 Jul 2026, 14:00 BST");
  });

  it("names every zone the same way: an abbreviation, else the offset, never GMT+1", () => {
    expect(formatDateTime("2026-12-05T13:30:00.000Z", "Europe/Berlin")).toBe("Sat 5 Dec 2026, 14:30 CET");
    expect(formatDateTime("2026-12-05T13:30:00.000Z", "America/Chicago")).toBe("Sat 5 Dec 2026, 07:30 CST");
    expect(formatDateTime("2026-12-05T13:30:00.000Z", "Asia/Tokyo")).toBe("Sat 5 Dec 2026, 22:30 UTC+09:00");
    expect(formatDateTime("2026-12-05T13:30:00.000Z", "Asia/Kolkata")).toBe(
      "Sat 5 Dec 2026, 19:00 UTC+05:30",
    );
    expect(formatDateTime("2026-12-05T13:30:00.000Z", "UTC")).toBe("Sat 5 Dec 2026, 13:30 UTC");
  });

  it("shows an instant's day in the reader's zone, a calendar date as written, a dash for nothing", () => {
    expect(formatDay("2026-11-26T23:30:00.000Z")).toBe("26 Nov 2026");
    expect(formatDay("2026-11-26T23:30:00.000Z", "Europe/Berlin")).toBe("27 Nov 2026");
    expect(formatDay("2026-11-26T03:30:00.000Z", "America/Los_Angeles")).toBe("25 Nov 2026");
    expect(formatDay("2026-11-26", "America/Los_Angeles")).toBe("26 Nov 2026");
    expect(formatDay("2026-11-26", "Pacific/Auckland")).toBe("26 Nov 2026");
    expect(formatDay(null)).toBe("—");
  });

  it("adds where an interview was held only when its clock differs from the reader's", () => {
    const at = "2026-12-01T14:00:00.000Z";
    expect(formatHeld(at, "Europe/Berlin", "America/New_York")).toBe(
      "Tue 1 Dec 2026, 15:00 CET · held at 09:00 EST (America/New_York)",
    );
    expect(formatHeld(at, "Asia/Tokyo", "America/New_York")).toBe(
      "Tue 1 Dec 2026, 23:00 UTC+09:00 · held at 09:00 EST (America/New_York)",
    );
    expect(formatHeld("2026-12-01T20:00:00.000Z", "Asia/Tokyo", "America/New_York")).toBe(
      "Wed 2 Dec 2026, 05:00 UTC+09:00 · held at Tue 1 Dec, 15:00 EST (America/New_York)",
    );
    expect(formatHeld(at, "America/New_York", "America/New_York")).toBe("Tue 1 Dec 2026, 09:00 EST");
    expect(formatHeld(at, "America/Detroit", "America/New_York")).toBe("Tue 1 Dec 2026, 09:00 EST");
  });

  it("gives the same text as date-fns did, in every zone, at any instant, midnight and DST changes included", () => {
    const instants = fc
      .integer({ min: Date.UTC(1990, 0, 1), max: Date.UTC(2060, 0, 1) })
      .map((ms) => new Date(ms - (ms % 60_000)).toISOString());
    fc.assert(
      fc.property(instants, fc.constantFrom(...ZONES), (iso, zone) => {
        expect(formatDateTime(iso, zone)).toBe(reference.dateTime(iso, zone));
        expect(formatDay(iso, zone)).toBe(reference.day(iso, zone));
      }),
      { numRuns: 500 },
    );
    for (const iso of [
      "2026-03-29T01:00:00.000Z",
      "2026-10-25T00:59:00.000Z",
      "2026-01-01T00:00:00.000Z",
      "2026-09-07",
    ])
      for (const zone of ZONES) expect(formatDateTime(iso, zone)).toBe(reference.dateTime(iso, zone));
    expect(formatDay("2026-09-07")).toBe("7 Sep 2026");
  });

  it("refuses what is not a time, as before", () => {
    expect(() => formatDateTime("not a time", "UTC")).toThrow(RangeError);
    expect(() => formatDay("soon")).toThrow(RangeError);
    expect(() => formatDateTime("2026-11-26T19:00:00.000Z", "Not/AZone")).toThrow(RangeError);
  });

  it("shows minutes as the largest sensible units", () => {
    expect(formatMinutes(45)).toBe("45 min");
    expect(formatMinutes(125)).toBe("2 h 05 min");
    expect(formatMinutes(3 * 1440 + 250)).toBe("3 d 4 h");
    expect(formatPercent(0.666)).toBe("67%");
  });
});

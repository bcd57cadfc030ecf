import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { format } from "date-fns/format";
import { TZDate } from "@date-fns/tz";
import { formatDateTime, formatDay, formatMinutes, formatPercent } from "./format";

/** The formatting as it was, through date-fns: the kept Intl formatters must give the same text. */
const reference = {
  day: (iso: string) => format(new TZDate(iso, "UTC"), "d MMM yyyy"),
  dateTime: (iso: string, timeZone: string) => {
    const local = new TZDate(iso, timeZone);
    const zone = new Intl.DateTimeFormat("en-US", { timeZone, timeZoneName: "short" })
      .formatToParts(local)
      .find((p) => p.type === "timeZoneName")?.value;
    return `${format(local, "EEE d MMM yyyy, HH:mm")} ${zone ?? timeZone}`;
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
    expect(formatDateTime("2026-07-01T13:00:00.000Z", "Europe/London")).toBe("Wed 1 Jul 2026, 14:00 GMT+1");
  });

  it("shows days in UTC and a dash for nothing", () => {
    expect(formatDay("2026-11-26T23:30:00.000Z")).toBe("26 Nov 2026");
    expect(formatDay(null)).toBe("—");
  });

  it("gives the same text as date-fns did, in every zone, at any instant, midnight and DST changes included", () => {
    const instants = fc
      .integer({ min: Date.UTC(1990, 0, 1), max: Date.UTC(2060, 0, 1) })
      .map((ms) => new Date(ms - (ms % 60_000)).toISOString());
    fc.assert(
      fc.property(instants, fc.constantFrom(...ZONES), (iso, zone) => {
        expect(formatDateTime(iso, zone)).toBe(reference.dateTime(iso, zone));
        expect(formatDay(iso)).toBe(reference.day(iso));
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

import { describe, expect, it } from "vitest";
import { combineDateTime, parseDate, parseDateTime, parseTime } from "./dates";

describe("parseDate", () => {
  it.each([
    ["2026-11-26", "mdy", { y: 2026, m: 11, d: 26 }],
    ["11/26/2026", "mdy", { y: 2026, m: 11, d: 26 }],
    ["26/11/2026", "dmy", { y: 2026, m: 11, d: 26 }],
    ["03/04/26", "dmy", { y: 2026, m: 4, d: 3 }],
    ["26.11.2026", "mdy", { y: 2026, m: 11, d: 26 }],
    ["Nov 26, 2026", "mdy", { y: 2026, m: 11, d: 26 }],
    ["Thursday, November 26th 2026", "mdy", { y: 2026, m: 11, d: 26 }],
    ["26 Nov 2026", "dmy", { y: 2026, m: 11, d: 26 }],
  ] as const)("%s (%s)", (text, order, date) => {
    expect(parseDate(text, order)).toEqual({ ok: true, date });
  });

  it("refuses impossible and unreadable dates", () => {
    expect(parseDate("2026-02-30", "mdy").ok).toBe(false);
    expect(parseDate("26/11/2026", "mdy").ok).toBe(false);
    expect(parseDate("next tuesday", "mdy")).toMatchObject({
      ok: false,
      message: expect.stringContaining("2026-11-26"),
    });
  });
});

describe("parseTime", () => {
  it("reads 24-hour and AM/PM times", () => {
    expect(parseTime("14:05")).toEqual({ ok: true, time: { h: 14, min: 5 } });
    expect(parseTime("2:00 PM")).toEqual({ ok: true, time: { h: 14, min: 0 } });
    expect(parseTime("12am")).toEqual({ ok: true, time: { h: 0, min: 0 } });
    expect(parseTime("9:30:00")).toEqual({ ok: true, time: { h: 9, min: 30 } });
    expect(parseTime("25:00").ok).toBe(false);
    expect(parseTime("13 PM").ok).toBe(false);
    expect(parseTime("14").ok).toBe(false);
  });
});

describe("parseDateTime", () => {
  it("reads wall-clock times in the chosen zone, DST included", () => {
    expect(parseDateTime("2026-07-01 10:00", "America/New_York", "mdy")).toEqual({
      ok: true,
      iso: "2026-07-01T14:00:00.000Z",
    });
    expect(parseDateTime("2026-12-01T10:00", "America/New_York", "mdy")).toEqual({
      ok: true,
      iso: "2026-12-01T15:00:00.000Z",
    });
    expect(parseDateTime("11/04/2026 2:00 PM", "Europe/London", "mdy")).toEqual({
      ok: true,
      iso: "2026-11-04T14:00:00.000Z",
    });
    expect(parseDateTime("Nov 6, 2026 3:00 PM", "UTC", "mdy")).toEqual({
      ok: true,
      iso: "2026-11-06T15:00:00.000Z",
    });
  });

  it("takes an explicit offset as written", () => {
    expect(parseDateTime("2026-11-26T14:00:00Z", "America/New_York", "mdy")).toEqual({
      ok: true,
      iso: "2026-11-26T14:00:00.000Z",
    });
    expect(parseDateTime("2026-11-26 14:00+0100", "UTC", "mdy")).toEqual({
      ok: true,
      iso: "2026-11-26T13:00:00.000Z",
    });
  });

  it("says when the time is missing", () => {
    expect(parseDateTime("2026-11-26", "UTC", "mdy")).toMatchObject({
      ok: false,
      message: expect.stringContaining("no time of day"),
    });
  });

  it("combines separate columns", () => {
    expect(combineDateTime("26/11/2026", "09:15", "Europe/Paris", "dmy")).toEqual({
      ok: true,
      iso: "2026-11-26T08:15:00.000Z",
    });
  });
});

describe("times the clocks skip or repeat", () => {
  it("asks for the offset of a time that happens twice, naming both", () => {
    expect(parseDateTime("2026-11-01 01:30", "America/New_York", "mdy")).toEqual({
      ok: false,
      message:
        "“2026-11-01 01:30” happens twice in America/New_York (the clocks go back that night): write it with its offset, like 2026-11-01T01:30-04:00 for the first or 2026-11-01T01:30-05:00 for the second.",
    });
    // Written with its offset, it is taken as written.
    expect(parseDateTime("2026-11-01T01:30-05:00", "America/New_York", "mdy")).toEqual({
      ok: true,
      iso: "2026-11-01T06:30:00.000Z",
    });
  });

  it("says a skipped time does not exist", () => {
    expect(parseDateTime("3/8/2026 2:30 AM", "America/New_York", "mdy")).toEqual({
      ok: false,
      message:
        "“3/8/2026 2:30 AM”: 02:30 on 8 Mar 2026 does not exist in America/New_York: the clocks go forward from 02:00 to 03:00 that night. Check the time.",
    });
  });
});

describe("wallClockToUtc", () => {
  it("agrees with zonedToUtc across a year of quarter hours, transitions included", async () => {
    const { wallClockToUtc } = await import("./dates");
    const { zonedToUtc } = await import("../time");
    for (const zone of ["America/New_York", "Europe/London", "Australia/Lord_Howe", "Asia/Kolkata", "UTC"]) {
      for (let day = 0; day < 365; day += 1) {
        const date = new Date(Date.UTC(2026, 0, 1 + day));
        for (const [h, min] of [
          [0, 0],
          [1, 30],
          [2, 15],
          [9, 45],
          [23, 59],
        ]) {
          const [y, m, d] = [date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate()];
          const text = `${y}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}T${String(h).padStart(2, "0")}:${String(min).padStart(2, "0")}`;
          const result = wallClockToUtc(y, m, d, h, min, zone);
          expect(result.ok ? result.iso : null, `${zone} ${text}`).toBe(zonedToUtc(text, zone));
        }
      }
    }
  });
});

describe("parseDateTime with a zone after the time", () => {
  it.each([
    ["3/14/2026 2:30 PM EST", "2026-03-14T19:30:00.000Z"],
    ["3/14/2026 2:30PM PDT", "2026-03-14T21:30:00.000Z"],
    ["2026-03-14 14:30 UTC", "2026-03-14T14:30:00.000Z"],
    ["Nov 26, 2026 2:00 PM GMT", "2026-11-26T14:00:00.000Z"],
    // A region's clock follows its summer time: 14 March 2026 is after the US change.
    ["3/14/2026 2:30 PM ET", "2026-03-14T18:30:00.000Z"],
    ["1/14/2026 2:30 PM ET", "2026-01-14T19:30:00.000Z"],
  ])("reads %s as %s whatever the import's zone", (text, iso) => {
    expect(parseDateTime(text, "Europe/Paris", "mdy")).toEqual({ ok: true, iso });
  });
});

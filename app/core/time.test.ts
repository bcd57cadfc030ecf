import { describe, expect, it } from "vitest";
import {
  dateRangeProblem,
  describeZone,
  displayZone,
  formatZoned,
  isTimeZone,
  isTimeZoneChoice,
  resolveWallClock,
  timeZoneChoices,
  timeZoneGroups,
  utcToZoned,
  zonedToUtc,
  zoneName,
  zoneOffsetMs,
} from "./time";

describe("display zones", () => {
  it("takes the user's zone, else the organization's, else UTC", () => {
    expect(displayZone("Europe/Berlin", "America/New_York")).toBe("Europe/Berlin");
    expect(displayZone(null, "America/New_York")).toBe("America/New_York");
    expect(displayZone("Mars/Olympus", "America/New_York")).toBe("America/New_York");
    expect(displayZone(undefined, "nowhere")).toBe("UTC");
  });

  it("offers UTC and every IANA zone, and accepts only those, spelled exactly", () => {
    const choices = timeZoneChoices();
    expect(choices[0]).toBe("UTC");
    expect(choices).toContain("Europe/Berlin");
    expect(new Set(choices).size).toBe(choices.length);
    expect(isTimeZoneChoice("Europe/Berlin")).toBe(true);
    expect(isTimeZoneChoice("UTC")).toBe(true);
    expect(isTimeZoneChoice("europe/berlin")).toBe(false);
    expect(isTimeZoneChoice("Mars/Olympus")).toBe(false);
    expect(isTimeZoneChoice("")).toBe(false);
  });

  it("names a zone by its abbreviation in winter and in summer, else by its offset", () => {
    expect(zoneName("Europe/Berlin", "2026-12-05T12:00:00Z")).toBe("CET");
    expect(zoneName("Europe/Berlin", "2026-07-05T12:00:00Z")).toBe("CEST");
    expect(zoneName("America/New_York", "2026-07-05T12:00:00Z")).toBe("EDT");
    expect(zoneName("Europe/London", "2026-12-05T12:00:00Z")).toBe("GMT");
    expect(zoneName("Asia/Tokyo", "2026-12-05T12:00:00Z")).toBe("UTC+09:00");
    expect(zoneName("America/Sao_Paulo", "2026-12-05T12:00:00Z")).toBe("UTC−03:00");
    expect(zoneName("UTC", 0)).toBe("UTC");
  });

  it("describes a zone in full for captions, and groups the choices by region with city labels", () => {
    expect(describeZone("Europe/Berlin", "2026-12-05T12:00:00Z")).toBe("Europe/Berlin (CET, UTC+01:00)");
    expect(describeZone("Asia/Tokyo", "2026-12-05T12:00:00Z")).toBe("Asia/Tokyo (UTC+09:00)");
    expect(describeZone("UTC", "2026-12-05T12:00:00Z")).toBe("UTC (UTC+00:00)");
    const groups = timeZoneGroups("2026-12-05T12:00:00Z");
    expect(groups[0]).toEqual({ region: "Universal", zones: [{ value: "UTC", label: "UTC (UTC+00:00)" }] });
    const europe = groups.find((g) => g.region === "Europe");
    expect(europe?.zones).toContainEqual({ value: "Europe/Berlin", label: "Berlin (CET, UTC+01:00)" });
    const america = groups.find((g) => g.region === "America");
    expect(america?.zones).toContainEqual({ value: "America/New_York", label: "New York (EST, UTC−05:00)" });
    expect(groups.flatMap((g) => g.zones).length).toBe(timeZoneChoices().length);
  });

  it("formats an instant for a message in the reader's zone, named", () => {
    expect(formatZoned("2026-12-05T13:30:00.000Z", "Europe/Berlin")).toBe("5 Dec 2026, 14:30 CET");
    expect(formatZoned(Date.UTC(2026, 11, 5, 13, 30), "UTC")).toBe("5 Dec 2026, 13:30 UTC");
  });
});

describe("zonedToUtc", () => {
  it("converts a wall-clock time in a named zone, following daylight saving", () => {
    expect(zonedToUtc("2026-01-15T10:00", "America/New_York")).toBe("2026-01-15T15:00:00.000Z");
    expect(zonedToUtc("2026-07-15T10:00", "America/New_York")).toBe("2026-07-15T14:00:00.000Z");
    expect(zonedToUtc("2026-07-15 10:00", "Europe/Berlin")).toBe("2026-07-15T08:00:00.000Z");
  });

  it("refuses text that is not a date and time", () => {
    expect(zonedToUtc("yesterday", "UTC")).toBeNull();
    expect(zonedToUtc("2026-02-31T10:00", "UTC")).toBeNull();
  });

  it("round-trips through utcToZoned", () => {
    expect(utcToZoned("2026-07-15T14:00:00.000Z", "America/New_York")).toBe("2026-07-15T10:00");
  });

  it("reads the year 0001 as the year 1, not 1901", () => {
    expect(zonedToUtc("0001-01-01T10:00", "UTC")).toBe("0001-01-01T10:00:00.000Z");
  });
});

describe("resolveWallClock", () => {
  it("asks which one when the clocks go back and the time happens twice", () => {
    // 1 Nov 2026 in New York: 01:00-01:59 EDT, then 01:00-01:59 again in EST.
    const result = resolveWallClock("2026-11-01T01:30", "America/New_York");
    expect(result).toEqual({
      ok: false,
      reason: "ambiguous",
      message:
        "01:30 on 1 Nov 2026 happens twice in America/New_York (the clocks go back from UTC−04:00 to UTC−05:00 that night): choose which one.",
      earlier: { iso: "2026-11-01T05:30:00.000Z", offset: "UTC−04:00" },
      later: { iso: "2026-11-01T06:30:00.000Z", offset: "UTC−05:00" },
    });
    expect(resolveWallClock("2026-11-01T01:30", "America/New_York", "earlier")).toEqual({
      ok: true,
      iso: "2026-11-01T05:30:00.000Z",
    });
    expect(resolveWallClock("2026-11-01T01:30", "America/New_York", "later")).toEqual({
      ok: true,
      iso: "2026-11-01T06:30:00.000Z",
    });
    // The hour after is not repeated.
    expect(resolveWallClock("2026-11-01T02:30", "America/New_York")).toEqual({
      ok: true,
      iso: "2026-11-01T07:30:00.000Z",
    });
  });

  it("says a time skipped when the clocks go forward does not exist, and what the clocks did", () => {
    const result = resolveWallClock("2026-03-08T02:30", "America/New_York");
    expect(result).toMatchObject({
      ok: false,
      reason: "gap",
      message:
        "02:30 on 8 Mar 2026 does not exist in America/New_York: the clocks go forward from 02:00 to 03:00 that night. Check the time.",
    });
    // A choice of occurrence does not make a skipped time exist.
    expect(resolveWallClock("2026-03-08T02:30", "America/New_York", "later")).toMatchObject({
      ok: false,
      reason: "gap",
    });
    expect(resolveWallClock("2026-03-29T02:15", "Europe/Berlin")).toMatchObject({ ok: false, reason: "gap" });
    expect(resolveWallClock("2026-03-08T03:00", "America/New_York")).toEqual({
      ok: true,
      iso: "2026-03-08T07:00:00.000Z",
    });
  });

  it("handles half-hour changes (Lord Howe Island)", () => {
    // 5 Apr 2026: 02:00 +11:00 becomes 01:30 +10:30.
    expect(resolveWallClock("2026-04-05T01:45", "Australia/Lord_Howe")).toMatchObject({
      ok: false,
      reason: "ambiguous",
    });
    expect(resolveWallClock("2026-04-05T02:00", "Australia/Lord_Howe")).toMatchObject({ ok: true });
  });
});

describe("zoneOffsetMs", () => {
  it("reads the offset, including local mean time's seconds", () => {
    expect(zoneOffsetMs("America/New_York", Date.parse("2026-01-15T12:00:00Z"))).toBe(-5 * 3_600_000);
    expect(zoneOffsetMs("Asia/Kolkata", Date.parse("2026-01-15T12:00:00Z"))).toBe(5.5 * 3_600_000);
    expect(zoneOffsetMs("UTC", 0)).toBe(0);
    expect(zoneOffsetMs("America/New_York", Date.parse("1850-01-01T00:00:00Z"))).toBe(
      -(4 * 3600 + 56 * 60 + 2) * 1000,
    );
  });
});

describe("dateRangeProblem", () => {
  const now = Date.parse("2026-12-05T08:00:00Z");

  it("accepts dates from 2000 up to a day ahead for a received time, two years ahead for an interview", () => {
    expect(dateRangeProblem("The received time", "2000-01-01T00:00:00Z", "received", now)).toBeNull();
    expect(dateRangeProblem("The received time", "2026-12-06T07:59:00Z", "received", now)).toBeNull();
    expect(dateRangeProblem("The interview start", "2028-11-30T10:00:00Z", "interview", now)).toBeNull();
  });

  it("names the field and the date when refusing", () => {
    expect(dateRangeProblem("The received time", "9999-12-31T23:59:00Z", "received", now)).toBe(
      "The received time (31 Dec 9999, 23:59 UTC) is more than a day after now: a message cannot arrive in the future; check the year.",
    );
    expect(dateRangeProblem("The interview start", "2062-03-01T10:00:00Z", "interview", now)).toBe(
      "The interview start (1 Mar 2062, 10:00 UTC) is more than two years ahead; check the year.",
    );
    expect(dateRangeProblem("The interview end", "0001-01-01T10:00:00.000Z", "interview", now)).toBe(
      "The interview end (1 Jan 0001, 10:00 UTC) is before 1 Jan 2000; check the year.",
    );
    expect(dateRangeProblem("The received time", "1999-12-31T23:59:59Z", "received", now)).toMatch(
      /before 1 Jan 2000/,
    );
    expect(dateRangeProblem("The received time", "not a date", "received", now)).toBe(
      "The received time is not a valid date and time.",
    );
  });
});

describe("isTimeZone", () => {
  it("knows IANA zones and refuses others", () => {
    expect(isTimeZone("Europe/London")).toBe(true);
    expect(isTimeZone("Mars/Olympus_Mons")).toBe(false);
    expect(isTimeZone("")).toBe(false);
  });
});

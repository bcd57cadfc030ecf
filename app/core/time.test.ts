import { describe, expect, it } from "vitest";
import { isTimeZone, utcToZoned, zonedToUtc } from "./time";

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
});

describe("isTimeZone", () => {
  it("knows IANA zones and refuses others", () => {
    expect(isTimeZone("Europe/London")).toBe(true);
    expect(isTimeZone("Mars/Olympus_Mons")).toBe(false);
    expect(isTimeZone("")).toBe(false);
  });
});

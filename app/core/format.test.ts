import { describe, expect, it } from "vitest";
import { formatDateTime, formatDay, formatMinutes, formatPercent } from "./format";

describe("format", () => {
  it("shows a time in the interview's zone with its abbreviation", () => {
    expect(formatDateTime("2026-11-26T19:00:00.000Z", "America/New_York")).toBe("Thu 26 Nov 2026, 14:00 EST");
    expect(formatDateTime("2026-07-01T13:00:00.000Z", "Europe/London")).toBe("Wed 1 Jul 2026, 14:00 GMT+1");
  });

  it("shows days in UTC and a dash for nothing", () => {
    expect(formatDay("2026-11-26T23:30:00.000Z")).toBe("26 Nov 2026");
    expect(formatDay(null)).toBe("—");
  });

  it("shows minutes as the largest sensible units", () => {
    expect(formatMinutes(45)).toBe("45 min");
    expect(formatMinutes(125)).toBe("2 h 05 min");
    expect(formatMinutes(3 * 1440 + 250)).toBe("3 d 4 h");
    expect(formatPercent(0.666)).toBe("67%");
  });
});

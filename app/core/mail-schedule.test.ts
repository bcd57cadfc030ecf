import { describe, expect, it } from "vitest";
import {
  afterFailure,
  digestDay,
  FIRST_RETRY_DELAY_MS,
  isPermanentSmtpFailure,
  MAX_RETRY_DELAY_MS,
  MAX_SEND_ATTEMPTS,
  reportPeriod,
  retryDelayMs,
} from "./mail-schedule";

describe("retries", () => {
  it("double the wait after each failed attempt, up to a ceiling", () => {
    expect(retryDelayMs(1)).toBe(FIRST_RETRY_DELAY_MS);
    expect(retryDelayMs(2)).toBe(2 * FIRST_RETRY_DELAY_MS);
    expect(retryDelayMs(3)).toBe(4 * FIRST_RETRY_DELAY_MS);
    expect(retryDelayMs(40)).toBe(MAX_RETRY_DELAY_MS);
    expect(retryDelayMs(0)).toBe(FIRST_RETRY_DELAY_MS);
  });

  it("queue the message again until the last attempt, then give it up", () => {
    const now = new Date("2026-12-05T10:00:00.000Z");
    expect(afterFailure(1, false, now)).toEqual({
      status: "queued",
      nextAttemptAt: "2026-12-05T10:01:00.000Z",
    });
    expect(afterFailure(MAX_SEND_ATTEMPTS - 1, false, now).status).toBe("queued");
    expect(afterFailure(MAX_SEND_ATTEMPTS, false, now)).toEqual({ status: "failed" });
  });

  it("give up at once when the server refuses for good (5xx), not on 4xx or a lost connection", () => {
    const now = new Date("2026-12-05T10:00:00.000Z");
    expect(afterFailure(1, true, now)).toEqual({ status: "failed" });
    expect(isPermanentSmtpFailure(550)).toBe(true);
    expect(isPermanentSmtpFailure(451)).toBe(false);
    expect(isPermanentSmtpFailure(undefined)).toBe(false);
  });
});

describe("scheduled report periods", () => {
  it("cover the last whole week, Monday to Sunday, in the organization's zone", () => {
    // Saturday 5 December 2026, 10:00 in Paris.
    const p = reportPeriod("weekly", new Date("2026-12-05T09:00:00.000Z"), "Europe/Paris");
    expect(p).toMatchObject({ key: "week-2026-11-23", from: "2026-11-23", to: "2026-11-29" });
    // Monday 7 December, 08:00 in Paris: the week just ended.
    const monday = reportPeriod("weekly", new Date("2026-12-07T07:00:00.000Z"), "Europe/Paris");
    expect(monday).toMatchObject({ key: "week-2026-11-30", from: "2026-11-30", to: "2026-12-06" });
  });

  it("cover the last whole month, across a year's end", () => {
    const p = reportPeriod("monthly", new Date("2027-01-01T12:00:00.000Z"), "UTC");
    expect(p).toEqual({ key: "month-2026-12", from: "2026-12-01", to: "2026-12-31", label: "December 2026" });
    expect(reportPeriod("monthly", new Date("2026-03-15T12:00:00.000Z"), "UTC")).toMatchObject({
      from: "2026-02-01",
      to: "2026-02-28",
    });
  });

  it("wait for the morning in the zone", () => {
    // 05:00 in New York on Monday: not yet; 08:00: the week before.
    expect(reportPeriod("weekly", new Date("2026-12-07T10:00:00.000Z"), "America/New_York")).toBeNull();
    expect(reportPeriod("weekly", new Date("2026-12-07T13:00:00.000Z"), "America/New_York")?.key).toBe(
      "week-2026-11-30",
    );
    expect(digestDay(new Date("2026-12-07T10:00:00.000Z"), "America/New_York")).toBeNull();
    expect(digestDay(new Date("2026-12-07T13:00:00.000Z"), "America/New_York")).toBe("2026-12-07");
  });
});

import { describe, expect, it } from "vitest";
import { closingSoonRanges, scoreBand, viewToday } from "./today";

const THRESHOLDS = { best: 6 * 60, ideal: 12 * 60, acceptable: 24 * 60, late: 72 * 60 };
const NOW = "2026-12-05T12:00:00.000Z";

/** Whether an interview that ended at `endsAt` falls in one of the ranges. */
const inRanges = (endsAt: string) =>
  closingSoonRanges(NOW, THRESHOLDS).some((r) => endsAt > r.after && endsAt <= r.until);

describe("closingSoonRanges", () => {
  it("takes an interview whose next window closes within 24 hours", () => {
    expect(inRanges("2026-12-05T11:00:00.000Z")).toBe(true); // best closes in 5 h
    expect(inRanges("2026-12-04T14:00:00.000Z")).toBe(true); // acceptable closes in 2 h
    expect(inRanges("2026-12-02T13:00:00.000Z")).toBe(true); // late closes in 1 h
  });

  it("leaves out one whose next window closes later, or whose windows have all closed", () => {
    // Ended 30 h ago: the next window (late, 72 h) closes in 42 h.
    expect(inRanges("2026-12-04T06:00:00.000Z")).toBe(false);
    // Ended 73 h ago: every window has closed.
    expect(inRanges("2026-12-02T11:00:00.000Z")).toBe(false);
  });

  it("follows the organization's thresholds", () => {
    const ranges = closingSoonRanges(NOW, { ...THRESHOLDS, late: 36 * 60 });
    // Ended 30 h ago: with a 36 h late window it closes in 6 h.
    const endsAt = "2026-12-04T06:00:00.000Z";
    expect(ranges.some((r) => endsAt > r.after && endsAt <= r.until)).toBe(true);
  });
});

describe("viewToday", () => {
  it("looks back a week on the first visit", () => {
    const { since, mark } = viewToday({ seenAt: null, since: null }, NOW);
    expect(since).toBe("2026-11-28T12:00:00.000Z");
    expect(mark).toEqual({ seenAt: NOW, since });
  });

  it("starts at the last view when the visit is new", () => {
    const { since } = viewToday(
      { seenAt: "2026-12-04T09:00:00.000Z", since: "2026-12-01T09:00:00.000Z" },
      NOW,
    );
    expect(since).toBe("2026-12-04T09:00:00.000Z");
  });

  it("keeps the visit's start on a view minutes after the last", () => {
    const { since, mark } = viewToday(
      { seenAt: "2026-12-05T11:50:00.000Z", since: "2026-12-04T09:00:00.000Z" },
      NOW,
    );
    expect(since).toBe("2026-12-04T09:00:00.000Z");
    expect(mark.seenAt).toBe(NOW);
  });
});

describe("scoreBand", () => {
  it("puts scores in the pipeline's bands, rounding at the edges as shown", () => {
    expect(scoreBand(null)).toBe("unscored");
    expect(scoreBand(12)).toBe("low");
    expect(scoreBand(39.4)).toBe("low");
    expect(scoreBand(39.5)).toBe("mid");
    expect(scoreBand(69.6)).toBe("high");
    expect(scoreBand(100)).toBe("high");
  });
});

import { describe, expect, it } from "vitest";
import { DEFAULT_SETTINGS } from "./settings";
import {
  formatThreshold,
  thresholdInWords,
  thresholdLabel,
  TIMED_WINDOWS,
  windowLabel,
  windowRange,
  WINDOWS,
} from "./windows";

const defaults = DEFAULT_SETTINGS.windows;
// An organization that has changed every threshold, two of them to lengths that are not whole hours.
const custom = { best: 120, ideal: 330, acceptable: 1200, late: 2910 };

describe("the window lists", () => {
  it("run fastest first, the timed ones being every window but none", () => {
    expect(WINDOWS).toEqual(["best", "ideal", "acceptable", "late", "none"]);
    expect(TIMED_WINDOWS).toEqual(WINDOWS.filter((w) => w !== "none"));
  });
});

describe("formatThreshold", () => {
  it("writes whole hours as hours, and the rest in hours and minutes", () => {
    expect(formatThreshold(360)).toBe("6 h");
    expect(formatThreshold(4320)).toBe("72 h");
    expect(formatThreshold(90)).toBe("1 h 30 min");
    expect(formatThreshold(2910)).toBe("48 h 30 min");
    expect(formatThreshold(45)).toBe("45 min");
  });

  it("puts whole hours into words for sentences", () => {
    expect(thresholdInWords(1440)).toBe("24 hours");
    expect(thresholdInWords(60)).toBe("1 hour");
    expect(thresholdInWords(90)).toBe("1 h 30 min");
  });
});

describe("labels from the organization's thresholds", () => {
  it("name the default thresholds", () => {
    expect(TIMED_WINDOWS.map((w) => thresholdLabel(w, defaults))).toEqual([
      "6 h (best)",
      "12 h (ideal)",
      "24 h (acceptable)",
      "72 h (late)",
    ]);
    expect(WINDOWS.map((w) => windowLabel(w, defaults))).toEqual([
      "Best (≤ 6 h)",
      "Ideal (≤ 12 h)",
      "Acceptable (≤ 24 h)",
      "Late (≤ 72 h)",
      "Too late (> 72 h)",
    ]);
  });

  it("follow the thresholds an admin set, with no trace of the defaults", () => {
    expect(TIMED_WINDOWS.map((w) => thresholdLabel(w, custom))).toEqual([
      "2 h (best)",
      "5 h 30 min (ideal)",
      "20 h (acceptable)",
      "48 h 30 min (late)",
    ]);
    expect(WINDOWS.map((w) => windowLabel(w, custom))).toEqual([
      "Best (≤ 2 h)",
      "Ideal (≤ 5 h 30 min)",
      "Acceptable (≤ 20 h)",
      "Late (≤ 48 h 30 min)",
      "Too late (> 48 h 30 min)",
    ]);
    expect(WINDOWS.map((w) => windowRange(w, custom))).toEqual([
      "≤ 2 h",
      "2 h–5 h 30 min",
      "5 h 30 min–20 h",
      "20 h–48 h 30 min",
      "> 48 h 30 min or never",
    ]);
  });
});

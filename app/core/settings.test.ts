import { describe, expect, it } from "vitest";
import { RUBRIC_PARTS } from "./rubric-parts";
import { DEFAULT_SETTINGS, OrgSettingsSchema, parseSettings } from "./settings";

function messages(input: unknown): string[] {
  const result = OrgSettingsSchema.safeParse(input);
  return result.success ? [] : result.error.issues.map((i) => i.message);
}

describe("DEFAULT_SETTINGS", () => {
  it("follows the article's windows and weighs the rubric out of 100", () => {
    expect(DEFAULT_SETTINGS.windows).toEqual({ best: 360, ideal: 720, acceptable: 1440, late: 4320 });
    expect(DEFAULT_SETTINGS.workingHours).toEqual({ start: "09:00", end: "17:00", days: [1, 2, 3, 4, 5] });
    expect(RUBRIC_PARTS.reduce((s, k) => s + DEFAULT_SETTINGS.weights[k], 0)).toBe(100);
    expect(OrgSettingsSchema.safeParse(DEFAULT_SETTINGS).success).toBe(true);
  });
});

describe("parseSettings", () => {
  it("gives the defaults for empty, missing or unreadable JSON", () => {
    expect(parseSettings("{}")).toEqual(DEFAULT_SETTINGS);
    expect(parseSettings("")).toEqual(DEFAULT_SETTINGS);
    expect(parseSettings(null)).toEqual(DEFAULT_SETTINGS);
    expect(parseSettings("{not json")).toEqual(DEFAULT_SETTINGS);
    expect(parseSettings("[1,2]")).toEqual(DEFAULT_SETTINGS);
  });

  it("fills missing keys from the defaults", () => {
    const s = parseSettings(JSON.stringify({ windows: { best: 240 }, workingHours: { start: "08:30" } }));
    expect(s.windows).toEqual({ best: 240, ideal: 720, acceptable: 1440, late: 4320 });
    expect(s.workingHours).toEqual({ start: "08:30", end: "17:00", days: [1, 2, 3, 4, 5] });
    expect(s.weights).toEqual(DEFAULT_SETTINGS.weights);
  });

  it("falls back section by section when a stored value is invalid", () => {
    const s = parseSettings(JSON.stringify({ windows: { best: 800 }, workingHours: { days: [6, 7] } }));
    expect(s.windows).toEqual(DEFAULT_SETTINGS.windows);
    expect(s.workingHours.days).toEqual([6, 7]);
  });
});

describe("OrgSettingsSchema", () => {
  it("names the field when thresholds do not increase", () => {
    expect(
      messages({ ...DEFAULT_SETTINGS, windows: { best: 360, ideal: 300, acceptable: 1440, late: 4320 } }),
    ).toEqual(["windows.ideal (300 min) must be longer than windows.best (360 min)"]);
  });

  it("names the field when the working day ends before it starts", () => {
    expect(
      messages({ ...DEFAULT_SETTINGS, workingHours: { start: "17:00", end: "09:00", days: [1] } }),
    ).toEqual(["workingHours.end must be later than workingHours.start"]);
    expect(
      messages({ ...DEFAULT_SETTINGS, workingHours: { start: "9am", end: "17:00", days: [1] } }),
    ).toEqual(["workingHours.start must be a time like 09:00"]);
    expect(
      messages({ ...DEFAULT_SETTINGS, workingHours: { start: "09:00", end: "17:00", days: [0] } }),
    ).toEqual(["workingHours.days must hold weekday numbers 1 (Monday) to 7 (Sunday)"]);
  });

  it("requires weights that add up to 100", () => {
    expect(messages({ ...DEFAULT_SETTINGS, weights: { ...DEFAULT_SETTINGS.weights, timing: 20 } })).toEqual([
      "weights must add up to 100",
    ]);
    expect(messages({ ...DEFAULT_SETTINGS, weights: { ...DEFAULT_SETTINGS.weights, timing: -5 } })).toContain(
      "weights.timing cannot be negative",
    );
  });
});

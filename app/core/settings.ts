// An organization's rules: working hours (for business latency), window thresholds and rubric weights.
// Stored as JSON text in organizations.settings; "{}" means every default.
import { z } from "zod";
import { RUBRIC_PARTS, type RubricPart } from "./rubric-parts";
import { isTimeZoneChoice } from "./time";
import { TIMED_WINDOWS, type TimedWindow } from "./windows";

const TIME_OF_DAY = /^([01]\d|2[0-3]):[0-5]\d$/;

function minutesOfDay(hhmm: string): number {
  const [h, m] = hhmm.split(":").map(Number);
  return h * 60 + m;
}

export const WorkingHoursSchema = z
  .object({
    start: z.string().regex(TIME_OF_DAY, { message: "workingHours.start must be a time like 09:00" }),
    end: z.string().regex(TIME_OF_DAY, { message: "workingHours.end must be a time like 17:00" }),
    days: z
      .array(
        z
          .number({ message: "workingHours.days must hold weekday numbers 1 (Monday) to 7 (Sunday)" })
          .int({ message: "workingHours.days must hold weekday numbers 1 (Monday) to 7 (Sunday)" })
          .min(1, { message: "workingHours.days must hold weekday numbers 1 (Monday) to 7 (Sunday)" })
          .max(7, { message: "workingHours.days must hold weekday numbers 1 (Monday) to 7 (Sunday)" }),
      )
      .min(1, { message: "workingHours.days needs at least one working day" })
      .refine((days) => new Set(days).size === days.length, {
        message: "workingHours.days lists a weekday twice",
      }),
  })
  .refine(
    (w) =>
      !TIME_OF_DAY.test(w.start) || !TIME_OF_DAY.test(w.end) || minutesOfDay(w.start) < minutesOfDay(w.end),
    {
      message: "workingHours.end must be later than workingHours.start",
      path: ["end"],
    },
  );

const thresholdMinutes = (name: string) =>
  z
    .number({ message: `windows.${name} must be a number of minutes` })
    .int({ message: `windows.${name} must be a whole number of minutes` })
    .positive({ message: `windows.${name} must be more than 0 minutes` });

const thresholds = Object.fromEntries(TIMED_WINDOWS.map((w) => [w, thresholdMinutes(w)])) as Record<
  TimedWindow,
  ReturnType<typeof thresholdMinutes>
>;

export const WindowThresholdsSchema = z.object(thresholds).superRefine((t, ctx) => {
  // Each window is a longer wait than the one before it.
  TIMED_WINDOWS.forEach((w, i) => {
    const before = TIMED_WINDOWS[i - 1];
    if (before && t[w] <= t[before]) {
      ctx.addIssue({
        code: "custom",
        path: [w],
        message: `windows.${w} (${t[w]} min) must be longer than windows.${before} (${t[before]} min)`,
      });
    }
  });
});

const weight = (name: string) =>
  z
    .number({ message: `weights.${name} must be a number of points` })
    .int({ message: `weights.${name} must be a whole number of points` })
    .min(0, { message: `weights.${name} cannot be negative` })
    .max(100, { message: `weights.${name} cannot be more than 100` });

const weights = Object.fromEntries(RUBRIC_PARTS.map((p) => [p, weight(p)])) as Record<
  RubricPart,
  ReturnType<typeof weight>
>;

export const RubricWeightsSchema = z
  .object(weights)
  // The score is read as "out of 100", so the maxima must add up to exactly that.
  .refine((w) => RUBRIC_PARTS.reduce((sum, k) => sum + w[k], 0) === 100, {
    message: "weights must add up to 100",
  });

export const ScoringOptionsSchema = z.object({
  /**
   * Machine-polished wording ("delve", "testament to") is always shown as evidence; it costs points
   * only when this is on. Off by default: detectors of machine-written text misjudge non-native
   * writers (docs/decisions/0006-machine-style-off-by-default.md).
   */
  penalizeMachineStyle: z.boolean({ message: "scoring.penalizeMachineStyle must be true or false" }),
});

export const OrgSettingsSchema = z.object({
  workingHours: WorkingHoursSchema,
  windows: WindowThresholdsSchema,
  weights: RubricWeightsSchema,
  scoring: ScoringOptionsSchema,
});

export type WorkingHours = z.infer<typeof WorkingHoursSchema>;
export type RubricWeights = z.infer<typeof RubricWeightsSchema>;
export type ScoringOptions = z.infer<typeof ScoringOptionsSchema>;
export type OrgSettings = z.infer<typeof OrgSettingsSchema>;

export const DEFAULT_SETTINGS: OrgSettings = Object.freeze({
  workingHours: Object.freeze({
    start: "09:00",
    end: "17:00",
    days: Object.freeze([1, 2, 3, 4, 5]) as number[],
  }),
  // From the article: within 6 h wins, 12 h is ideal, after 24 h signals disinterest, by day 3 it is over.
  windows: Object.freeze({ best: 360, ideal: 720, acceptable: 1440, late: 4320 }),
  // Specificity carries the most: referring to the conversation is what the article's winner did first.
  weights: Object.freeze({
    timing: 15,
    specificity: 35,
    ownExperience: 10,
    interest: 12,
    nextStep: 13,
    length: 8,
    personalTone: 7,
  }),
  scoring: Object.freeze({ penalizeMachineStyle: false }),
}) as OrgSettings;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * Reads stored settings. Each section is validated on its own and falls back to the default when it
 * is missing or invalid, so that one bad value (saved before a rule tightened) never stops scoring.
 */
export function parseSettings(json: string | null | undefined): OrgSettings {
  let raw: unknown;
  try {
    raw = json ? JSON.parse(json) : {};
  } catch {
    return DEFAULT_SETTINGS;
  }
  if (!isRecord(raw)) return DEFAULT_SETTINGS;
  const section = <T>(schema: z.ZodType<T>, value: unknown, fallback: T): T => {
    const merged = isRecord(value) ? { ...fallback, ...value } : fallback;
    const result = schema.safeParse(merged);
    return result.success ? result.data : fallback;
  };
  return {
    workingHours: section(WorkingHoursSchema, raw.workingHours, DEFAULT_SETTINGS.workingHours),
    windows: section(WindowThresholdsSchema, raw.windows, DEFAULT_SETTINGS.windows),
    weights: section(RubricWeightsSchema, raw.weights, DEFAULT_SETTINGS.weights),
    scoring: section(ScoringOptionsSchema, raw.scoring, DEFAULT_SETTINGS.scoring),
  };
}

/** Minutes since local midnight for an "HH:MM" string; settings are validated, so it is well formed. */
export function timeOfDayMinutes(hhmm: string): number {
  return minutesOfDay(hhmm);
}

const ZONE_MESSAGE = "Choose a time zone from the list, like Europe/Berlin.";

/** The organization's default time zone, from Settings: one of the listed IANA zones. */
export const OrganizationTimeZoneSchema = z.object({
  timeZone: z.string({ message: ZONE_MESSAGE }).trim().refine(isTimeZoneChoice, ZONE_MESSAGE),
});

/** A user's display zone, from their Account page: a listed IANA zone, or "" for the organization's default (null). */
export const DisplayTimeZoneSchema = z.object({
  timeZone: z
    .string({ message: ZONE_MESSAGE })
    .trim()
    .refine((v) => v === "" || isTimeZoneChoice(v), ZONE_MESSAGE)
    .transform((v) => (v === "" ? null : v)),
});

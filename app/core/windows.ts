// The follow-up windows: how soon after an interview ended a candidate's first follow-up arrived.
// The thresholds (minutes after the end at which each window closes) are the organization's settings
// (settings.ts), so every label that names a threshold is built here from them, never written out.
// No imports: db/schema.ts takes its column types from this module.

/** Every window, fastest first; "none" is whatever came after the last threshold, or nothing. */
export const WINDOWS = ["best", "ideal", "acceptable", "late", "none"] as const;
export type FollowUpWindow = (typeof WINDOWS)[number];

/** The windows that close at a threshold, shortest first. */
export const TIMED_WINDOWS = ["best", "ideal", "acceptable", "late"] as const;
export type TimedWindow = (typeof TIMED_WINDOWS)[number];

/** Minutes after the interview's end at which each timed window closes. */
export type WindowThresholds = Readonly<Record<TimedWindow, number>>;

/** The windows' names, without their thresholds (dashboard groups and filters of analytics). */
export const WINDOW_LABELS: Record<FollowUpWindow, string> = {
  best: "Best",
  ideal: "Ideal",
  acceptable: "Acceptable",
  late: "Late",
  none: "None",
};

/** A threshold's length: "6 h", "1 h 30 min", "45 min". */
export function formatThreshold(minutes: number): string {
  const m = Math.round(minutes);
  if (m < 60) return `${m} min`;
  const hours = Math.floor(m / 60);
  return m % 60 === 0 ? `${hours} h` : `${hours} h ${String(m % 60).padStart(2, "0")} min`;
}

/** A threshold's length in a sentence: "24 hours", "1 hour", "1 h 30 min". */
export function thresholdInWords(minutes: number): string {
  const m = Math.round(minutes);
  if (m % 60 !== 0) return formatThreshold(m);
  return m === 60 ? "1 hour" : `${m / 60} hours`;
}

/** What a countdown runs to: "6 h (best)". */
export function thresholdLabel(window: TimedWindow, thresholds: WindowThresholds): string {
  return `${formatThreshold(thresholds[window])} (${window})`;
}

/** The window a follow-up arrived in, with its limit: "Best (≤ 6 h)", "Too late (> 72 h)". */
export function windowLabel(window: FollowUpWindow, thresholds: WindowThresholds): string {
  return window === "none"
    ? `Too late (> ${formatThreshold(thresholds.late)})`
    : `${WINDOW_LABELS[window]} (≤ ${formatThreshold(thresholds[window])})`;
}

/** The latencies a window holds: "≤ 6 h", "6 h–12 h", "> 72 h or never". */
export function windowRange(window: FollowUpWindow, thresholds: WindowThresholds): string {
  if (window === "none") return `> ${formatThreshold(thresholds.late)} or never`;
  const index = TIMED_WINDOWS.indexOf(window);
  const upper = formatThreshold(thresholds[window]);
  return index === 0 ? `≤ ${upper}` : `${formatThreshold(thresholds[TIMED_WINDOWS[index - 1]])}–${upper}`;
}

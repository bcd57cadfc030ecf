// The rules of the Today page: which awaiting interviews count as "closing soon", where a visit's list
// of new follow-ups starts, and a score's band. Pure: the SQL lives in app/data/today.server.ts.
import { SCORE_BAND_BOUNDS, type ScoreBand } from "./pipeline";
import { TIMED_WINDOWS, type WindowThresholds } from "./windows";

/** A window "closes soon" when it closes within this many minutes. */
export const CLOSING_HORIZON_MINUTES = 24 * 60;

/** The first visit to Today lists the follow-ups of the week before. */
export const FIRST_VISIT_LOOKBACK_MINUTES = 7 * 24 * 60;

/** Views of Today closer together than this are one visit: a reload keeps the visit's list. */
export const VISIT_GAP_MINUTES = 30;

const MINUTE = 60_000;
const iso = (ms: number) => new Date(ms).toISOString();

/**
 * The ranges of interview end times whose next window closes within the horizon: for each threshold t,
 * an interview that ended in (now − t, now + horizon − t] has its t-window still open and closing
 * within the horizon. Ranges are exclusive at `after`, inclusive at `until`, in ISO text (which sorts
 * as time), so that SQL compares stored text with no date functions.
 */
export function closingSoonRanges(
  now: string,
  thresholds: WindowThresholds,
  horizonMinutes = CLOSING_HORIZON_MINUTES,
): { after: string; until: string }[] {
  const nowMs = Date.parse(now);
  return TIMED_WINDOWS.map((w) => ({
    after: iso(nowMs - thresholds[w] * MINUTE),
    until: iso(nowMs + (horizonMinutes - thresholds[w]) * MINUTE),
  }));
}

export type TodayMark = { seenAt: string | null; since: string | null };

/**
 * A view of Today at `now`, given the user's stored mark: `since` is where this visit's new follow-ups
 * start, and `mark` is what to store. A first visit looks back a week; a view within VISIT_GAP_MINUTES
 * of the last one continues that visit (its `since` stays); a later one starts at the last view.
 */
export function viewToday(stored: TodayMark, now: string): { since: string; mark: TodayMark } {
  const nowMs = Date.parse(now);
  let since: string;
  if (!stored.seenAt) since = iso(nowMs - FIRST_VISIT_LOOKBACK_MINUTES * MINUTE);
  else if (stored.since && nowMs - Date.parse(stored.seenAt) < VISIT_GAP_MINUTES * MINUTE)
    since = stored.since;
  else since = stored.seenAt;
  return { since, mark: { seenAt: now, since } };
}

/** The pipeline's score band of a stored (unrounded) score. */
export function scoreBand(score: number | null): ScoreBand {
  if (score == null) return "unscored";
  for (const band of ["high", "mid", "low"] as const) {
    const { min, below } = SCORE_BAND_BOUNDS[band];
    if (score >= min && (below == null || score < below)) return band;
  }
  return "low";
}

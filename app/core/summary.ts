// An application's follow-up summary, stored on the application so that analytics can group and filter
// in SQL: how often the candidate followed up, how fast (median) and how well.
import type { Behaviour } from "./behaviours";
import type { FollowUpWindow } from "./windows";

export interface InterviewForSummary {
  /** The window has closed or a follow-up came in: only then can the interview count for behaviour. */
  closed: boolean;
  /** Calendar minutes to the first follow-up; null when none. */
  latencyMinutes: number | null;
  /** The first follow-up's window; null when none. */
  window: FollowUpWindow | null;
  /** Scores of the interview's follow-ups. */
  scores: number[];
  /**
   * Latency marked "not applicable" (an accommodation): the interview is neither decided nor followed
   * up, and its latency is left out of the median; its follow-ups' scores still count.
   */
  exempt?: boolean;
}

export interface ApplicationSummary {
  interviewCount: number;
  decidedInterviewCount: number;
  followedUpCount: number;
  /** null while no interview is decided: an open window says nothing yet. */
  behaviour: Behaviour | null;
  medianLatencyMinutes: number | null;
  bestScore: number | null;
  meanScore: number | null;
}

export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

function followedUp(interview: InterviewForSummary): boolean {
  // A message after the last window (72 h by default) is treated as no follow-up: by then the hiring
  // manager has moved on.
  return interview.window !== null && interview.window !== "none" && interview.latencyMinutes !== null;
}

export function summarizeApplication(interviews: readonly InterviewForSummary[]): ApplicationSummary {
  let decided = 0;
  let followed = 0;
  const latencies: number[] = [];
  const scores: number[] = [];
  for (const interview of interviews) {
    if (interview.exempt) {
      scores.push(...interview.scores);
      continue;
    }
    const counts = followedUp(interview);
    if (interview.closed || counts) decided++;
    if (!counts) continue;
    followed++;
    latencies.push(interview.latencyMinutes!);
    scores.push(...interview.scores);
  }
  return {
    interviewCount: interviews.length,
    decidedInterviewCount: decided,
    followedUpCount: followed,
    behaviour:
      decided === 0 ? null : followed === decided ? "always" : followed === 0 ? "never" : "sometimes",
    medianLatencyMinutes: median(latencies),
    bestScore: scores.length ? Math.max(...scores) : null,
    meanScore: scores.length ? scores.reduce((a, b) => a + b, 0) / scores.length : null,
  };
}

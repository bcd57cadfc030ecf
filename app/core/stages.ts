// Where an application stands in the hiring process, in the order it moves through them.
// No imports: db/schema.ts takes its column types from this module.

export const STAGES = ["applied", "screen", "interview", "final", "offer", "closed"] as const;
export type Stage = (typeof STAGES)[number];

export const STAGE_LABELS: Record<Stage, string> = {
  applied: "Applied",
  screen: "Screen",
  interview: "Interview",
  final: "Final",
  offer: "Offer",
  closed: "Closed",
};

/**
 * The stage an application moves to when an interview is logged for it, or null to leave it where it
 * is. Only an application still before the interview stage moves (to "interview"): an interview means
 * it has reached that stage. Later stages stay put, since whether a round is the final one, or leads
 * to an offer, is the team's call, and logging an interview must never move an application back.
 */
export function stageAfterInterview(current: Stage): Stage | null {
  return current === "applied" || current === "screen" ? "interview" : null;
}

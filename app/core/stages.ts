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

// How an application ended, or "pending" while it has not.
// No imports: db/schema.ts takes its column types from this module.

export const OUTCOMES = ["pending", "offer", "hired", "rejected", "withdrawn"] as const;
export type Outcome = (typeof OUTCOMES)[number];

export const OUTCOME_LABELS: Record<Outcome, string> = {
  pending: "Pending",
  offer: "Offer",
  hired: "Hired",
  rejected: "Rejected",
  withdrawn: "Withdrawn",
};

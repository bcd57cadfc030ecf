// How often a candidate followed up over an application's decided interviews (app/core/summary.ts).
// No imports: db/schema.ts takes its column types from this module.

export const BEHAVIOURS = ["always", "sometimes", "never"] as const;
export type Behaviour = (typeof BEHAVIOURS)[number];

export const BEHAVIOUR_LABELS: Record<Behaviour, string> = {
  always: "Always",
  sometimes: "Sometimes",
  never: "Never",
};

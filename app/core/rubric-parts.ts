// The parts of a follow-up's quality score, in the order they are shown. Adding a part means adding it
// here, giving it a weight (settings.ts), a scorer (rubric/score.ts) and a column (a migration).
// No imports: db/schema.ts takes the follow_ups point columns from this module.

export const RUBRIC_PARTS = [
  "timing",
  "specificity",
  "ownExperience",
  "interest",
  "nextStep",
  "length",
  "personalTone",
] as const;
export type RubricPart = (typeof RUBRIC_PARTS)[number];

/** The parts' names, wherever they are shown. */
export const PART_LABELS: Record<RubricPart, string> = {
  timing: "Timing",
  specificity: "Specificity",
  ownExperience: "Own experience",
  interest: "Interest",
  nextStep: "Next step",
  length: "Length",
  personalTone: "Personal tone",
};

/** Each part's points, copied from follow_ups.score_parts into a column so that SQL can average them. */
export const PART_COLUMNS = {
  timing: "pts_timing",
  specificity: "pts_specificity",
  ownExperience: "pts_own_experience",
  interest: "pts_interest",
  nextStep: "pts_next_step",
  length: "pts_length",
  personalTone: "pts_personal_tone",
} as const satisfies Record<RubricPart, `pts_${string}`>;
export type PartColumn = (typeof PART_COLUMNS)[RubricPart];

/** Distinct in hue and in lightness, so that the parts stay apart in greyscale too. */
export const PART_COLOURS: Record<RubricPart, string> = {
  timing: "#1e3a8a",
  specificity: "#2563eb",
  ownExperience: "#0f766e",
  interest: "#65a30d",
  nextStep: "#ca8a04",
  length: "#c2410c",
  personalTone: "#9f1239",
};

// What kind of follow-up writer a generated candidate is. The style decides how fast and in what words
// a candidate follows up, so a workspace holds the mix the rubric has to tell apart: specific notes,
// terse lines, stock phrases, one template shared by many, and long stiff letters.
import type { Channel } from "../../db/schema";

/** Candidate follow-up styles. */
export type Style = "specific" | "terse" | "generic" | "shared" | "stiff";

export const STYLE_WEIGHTS: readonly (readonly [Style, number])[] = [
  ["specific", 42],
  ["generic", 24],
  ["terse", 14],
  ["shared", 10],
  ["stiff", 10],
];

/** Median latency of each style, in minutes (log-normal around it). */
export const STYLE_MEDIAN_MINUTES: Record<Style, number> = {
  specific: 3 * 60,
  terse: 6 * 60,
  generic: 14 * 60,
  shared: 16 * 60,
  stiff: 22 * 60,
};

export const CHANNELS_BY_STYLE: Record<Style, readonly (readonly [Channel, number])[]> = {
  specific: [
    ["email", 78],
    ["linkedin", 14],
    ["text", 8],
  ],
  terse: [
    ["email", 45],
    ["linkedin", 30],
    ["text", 25],
  ],
  generic: [
    ["email", 95],
    ["linkedin", 5],
  ],
  shared: [
    ["email", 95],
    ["linkedin", 5],
  ],
  stiff: [
    ["email", 97],
    ["linkedin", 3],
  ],
};

/** One candidate's traits, drawn once and used for each of their follow-ups. */
export interface CandidateTraits {
  name: string;
  first: string;
  email: string;
  phone: string | null;
  employer: string;
  follower: boolean;
  style: Style;
  sharedTemplate: string;
  /** Multiplies this candidate's latencies. */
  speed: number;
  /** The candidate's background, standard normal: it moves the chance of an offer, follow-up or not. */
  strength: number;
}

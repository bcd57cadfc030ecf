// Self-identified demographics (issue 21): the three questions, an organization's answer choices for
// each, and how a typed or imported answer is read. Pure. Stored apart from the candidate (table
// candidate_demographics, app/data/demographics.server.ts) and shown only to the compliance permission.
import { z } from "zod";

export const DEMOGRAPHIC_DIMENSIONS = ["sex", "raceEthnicity", "ageBand"] as const;
export type DemographicDimension = (typeof DEMOGRAPHIC_DIMENSIONS)[number];

export const DEMOGRAPHIC_LABELS: Record<DemographicDimension, string> = {
  sex: "Sex",
  raceEthnicity: "Race/Ethnicity",
  ageBand: "Age band",
};

/** The stored answer of a candidate who chose not to say: always allowed, whatever the choices. */
export const DECLINED = "declined";
export const DECLINED_LABEL = "Declined to self-identify";
/** How a missing answer (nothing recorded) is shown. */
export const UNKNOWN_LABEL = "Not answered";

/** An organization's answer choices for each question, in the order they are offered and reported. */
export type DemographicCategories = Record<DemographicDimension, string[]>;

/**
 * The defaults: sex and race/ethnicity as the EEO-1 report names them, which is how New York City's
 * Local Law 144 asks bias audits to report; age bands split at 40, where US age-discrimination law
 * (the ADEA) starts to protect. An organization may change every list (Settings → Self-identification).
 */
export const DEFAULT_DEMOGRAPHIC_CATEGORIES: DemographicCategories = Object.freeze({
  sex: ["Male", "Female"],
  raceEthnicity: [
    "Hispanic or Latino",
    "White",
    "Black or African American",
    "Native Hawaiian or Other Pacific Islander",
    "Asian",
    "American Indian or Alaska Native",
    "Two or More Races",
  ],
  ageBand: ["Under 30", "30–39", "40–49", "50 and over"],
}) as DemographicCategories;

/** Lower case, letters and digits separated by single spaces: how answers are compared. */
export function normalizeAnswer(text: string): string {
  return text
    .toLowerCase()
    .replace(/[\u2010-\u2015]/g, "-")
    .replace(/[^a-z0-9+]+/g, " ")
    .trim();
}

const RESERVED = new Set([
  DECLINED,
  normalizeAnswer(DECLINED_LABEL),
  "unknown",
  normalizeAnswer(UNKNOWN_LABEL),
]);

const categoryList = (dimension: DemographicDimension) =>
  z
    .array(
      z
        .string()
        .trim()
        .min(1)
        .max(80, { message: `${DEMOGRAPHIC_LABELS[dimension]}: each choice must be at most 80 characters.` }),
    )
    .min(1, { message: `${DEMOGRAPHIC_LABELS[dimension]}: give at least one choice.` })
    .max(30, { message: `${DEMOGRAPHIC_LABELS[dimension]}: at most 30 choices.` })
    .superRefine((list, ctx) => {
      const seen = new Set<string>();
      for (const label of list) {
        const key = normalizeAnswer(label);
        if (!key)
          ctx.addIssue({
            code: "custom",
            message: `${DEMOGRAPHIC_LABELS[dimension]}: “${label}” needs a letter or digit.`,
          });
        else if (RESERVED.has(key))
          ctx.addIssue({
            code: "custom",
            message: `${DEMOGRAPHIC_LABELS[dimension]}: “${label}” is always offered; leave it out of the list.`,
          });
        else if (seen.has(key))
          ctx.addIssue({
            code: "custom",
            message: `${DEMOGRAPHIC_LABELS[dimension]}: “${label}” is listed twice.`,
          });
        seen.add(key);
      }
    });

export const DemographicCategoriesSchema = z.object({
  sex: categoryList("sex"),
  raceEthnicity: categoryList("raceEthnicity"),
  ageBand: categoryList("ageBand"),
});

/** Stored choices (JSON text; null for the defaults), each list falling back to its default when invalid. */
export function parseDemographicCategories(json: string | null | undefined): DemographicCategories {
  let raw: unknown;
  try {
    raw = json ? JSON.parse(json) : {};
  } catch {
    return DEFAULT_DEMOGRAPHIC_CATEGORIES;
  }
  const record = (typeof raw === "object" && raw !== null ? raw : {}) as Record<string, unknown>;
  const out = {} as DemographicCategories;
  for (const d of DEMOGRAPHIC_DIMENSIONS) {
    const parsed = DemographicCategoriesSchema.shape[d].safeParse(record[d]);
    out[d] = parsed.success ? parsed.data : DEFAULT_DEMOGRAPHIC_CATEGORIES[d];
  }
  return out;
}

/** The settings form: one choice per line for each question. */
export const DemographicCategoriesFormSchema = z
  .object({
    sex: z.string().max(5_000),
    raceEthnicity: z.string().max(5_000),
    ageBand: z.string().max(5_000),
  })
  .transform((v, ctx): DemographicCategories => {
    const lines = (text: string) =>
      text
        .split(/\r?\n/)
        .map((l) => l.trim())
        .filter(Boolean);
    const out = {} as DemographicCategories;
    for (const d of DEMOGRAPHIC_DIMENSIONS) {
      const parsed = DemographicCategoriesSchema.shape[d].safeParse(lines(v[d]));
      if (!parsed.success) {
        for (const issue of parsed.error.issues)
          ctx.addIssue({
            code: "custom",
            path: [d],
            message: issue.message.startsWith(DEMOGRAPHIC_LABELS[d])
              ? issue.message
              : `${DEMOGRAPHIC_LABELS[d]}: ${issue.message}`,
          });
      } else out[d] = parsed.data;
    }
    return out;
  });

/** One candidate's answers: a choice's label, DECLINED, or null when nothing is recorded. */
export type DemographicAnswers = Record<DemographicDimension, string | null>;
export const NO_ANSWERS: DemographicAnswers = Object.freeze({
  sex: null,
  raceEthnicity: null,
  ageBand: null,
});

/** The answers form: each select sends a choice, "declined", or "" for nothing recorded. */
export function demographicAnswersSchema(categories: DemographicCategories) {
  const answer = (d: DemographicDimension) =>
    z
      .string()
      .optional()
      .transform((v) => v?.trim() ?? "")
      .refine((v) => v === "" || v === DECLINED || categories[d].includes(v), {
        message: `Choose one of the listed answers for ${DEMOGRAPHIC_LABELS[d].toLowerCase()}.`,
      })
      .transform((v) => (v === "" ? null : v));
  return z.object({ sex: answer("sex"), raceEthnicity: answer("raceEthnicity"), ageBand: answer("ageBand") });
}

/** What an export of another system writes for "chose not to say". */
const DECLINED_WORDS = new Set(
  [
    "declined",
    "decline",
    "decline to self identify",
    "declined to self identify",
    "decline to state",
    "declined to state",
    "decline to answer",
    "declined to answer",
    "prefer not to say",
    "prefer not to answer",
    "prefer not to disclose",
    "i prefer not to say",
    "i prefer not to answer",
    "i don t wish to answer",
    "i do not wish to answer",
    "i don t wish to disclose",
    "i do not wish to disclose",
    "do not wish to disclose",
    "not disclosed",
    "undisclosed",
    "no answer",
  ].map(normalizeAnswer),
);

/** Other spellings of the default choices, as exports write them. */
const SYNONYMS: Record<DemographicDimension, Record<string, string>> = {
  sex: { m: "Male", man: "Male", men: "Male", f: "Female", woman: "Female", women: "Female" },
  raceEthnicity: {
    hispanic: "Hispanic or Latino",
    latino: "Hispanic or Latino",
    latina: "Hispanic or Latino",
    latinx: "Hispanic or Latino",
    "hispanic latino": "Hispanic or Latino",
    "hispanic or latinx": "Hispanic or Latino",
    black: "Black or African American",
    "african american": "Black or African American",
    "pacific islander": "Native Hawaiian or Other Pacific Islander",
    "native hawaiian or pacific islander": "Native Hawaiian or Other Pacific Islander",
    "native american": "American Indian or Alaska Native",
    "native american or alaska native": "American Indian or Alaska Native",
    "two or more": "Two or More Races",
    multiracial: "Two or More Races",
    "two or more races": "Two or More Races",
  },
  ageBand: {},
};

export type AnswerReading = { ok: true; value: string | null } | { ok: false; message: string };

/**
 * An imported answer read as one of the organization's choices: the choice itself (any case or
 * punctuation), a common other spelling of it, EEO-1's "(Not Hispanic or Latino)" suffix left off,
 * or a way of declining. Empty is no answer (null); anything else is refused with the choices named.
 */
export function readAnswer(
  dimension: DemographicDimension,
  text: string,
  categories: DemographicCategories,
): AnswerReading {
  const key = normalizeAnswer(text);
  if (!key) return { ok: true, value: null };
  if (DECLINED_WORDS.has(key)) return { ok: true, value: DECLINED };
  const choices = categories[dimension];
  const byKey = new Map(choices.map((c) => [normalizeAnswer(c), c]));
  const stripped = key.replace(/ not hispanic or latino$/, "").trim();
  const direct = byKey.get(key) ?? byKey.get(stripped);
  if (direct) return { ok: true, value: direct };
  const synonym = SYNONYMS[dimension][key] ?? SYNONYMS[dimension][stripped];
  if (synonym && byKey.has(normalizeAnswer(synonym))) return { ok: true, value: synonym };
  return {
    ok: false,
    message: `“${text.trim()}” is not one of your ${DEMOGRAPHIC_LABELS[dimension].toLowerCase()} choices (${choices.join(", ")}, or declined).`,
  };
}

/** How a stored answer is shown. */
export function answerLabel(value: string | null): string {
  if (value === null) return UNKNOWN_LABEL;
  return value === DECLINED ? DECLINED_LABEL : value;
}

// Issue 21's people-side rules: a person's review of a score, an interview's latency marked "not
// applicable" (an accommodation), the notice to candidates, and the retention rule. Pure: the forms'
// schemas and the arithmetic, shared by the server and the browser.
import { z } from "zod";
import { SCORE_BAND_LABELS, type ScoreBand } from "./pipeline";

/** The bands a reviewer may put a score in (the pipeline's, without "not scored"). */
export const REVIEW_BANDS = ["high", "mid", "low"] as const satisfies readonly ScoreBand[];
export type ReviewBand = (typeof REVIEW_BANDS)[number];

export const REVIEW_VERDICTS = ["agree", "override"] as const;
export type ReviewVerdict = (typeof REVIEW_VERDICTS)[number];

/**
 * A review: "agree" with the score as it stands (a reason is optional), or "override" it with the
 * band the reviewer puts the follow-up in and a reason, which is required: an override without one
 * cannot be checked later. A band rather than a number, because the score's points have evidence
 * behind them and a person's judgement does not: the band says what the person decided, the reason why.
 */
export const ScoreReviewSchema = z
  .object({
    verdict: z.enum(REVIEW_VERDICTS, { message: "Choose whether you agree with the score or override it." }),
    band: z
      .enum([...REVIEW_BANDS, ""], { message: "Choose a band from the list." })
      .optional()
      .transform((v) => (v ? v : null)),
    reason: z
      .string()
      .trim()
      .max(1_000, "Keep the reason under 1,000 characters.")
      .optional()
      .transform((v) => (v ? v : null)),
  })
  .superRefine((v, ctx) => {
    if (v.verdict !== "override") return;
    if (!v.band) ctx.addIssue({ code: "custom", path: ["band"], message: "Choose the band you put it in." });
    if (!v.reason || v.reason.length < 5)
      ctx.addIssue({ code: "custom", path: ["reason"], message: "Say why you override the score." });
  })
  .transform((v) => ({ ...v, band: v.verdict === "override" ? v.band : null }));
export type ScoreReviewInput = z.output<typeof ScoreReviewSchema>;

/** "Agreed with the score", "Overridden: 40–69". */
export function reviewWords(review: { verdict: string; band: string | null }): string {
  if (review.verdict !== "override") return "Agreed with the score";
  const label = SCORE_BAND_LABELS[review.band as ReviewBand];
  return label ? `Overridden: ${label}` : "Overridden";
}

/** Marks an interview's latency "not applicable" (with a reason), or clears the mark. */
export const LatencyExemptionSchema = z
  .object({
    exempt: z
      .string()
      .optional()
      .transform((v) => v === "on" || v === "true"),
    reason: z
      .string()
      .trim()
      .max(500, "Keep the reason under 500 characters.")
      .optional()
      .transform((v) => v ?? ""),
  })
  .superRefine((v, ctx) => {
    if (v.exempt && v.reason.length < 3)
      ctx.addIssue({ code: "custom", path: ["reason"], message: "Say why latency does not apply here." });
  })
  .transform((v) => (v.exempt ? v.reason : null));

export const MAX_NOTICE_CHARS = 4_000;
export const CandidateNoticeSchema = z.object({
  notice: z
    .string()
    .trim()
    .max(MAX_NOTICE_CHARS, `Keep the notice under ${MAX_NOTICE_CHARS.toLocaleString("en")} characters.`)
    .optional()
    .transform((v) => (v ? v : null)),
});

export const RetentionSchema = z.object({
  months: z
    .string()
    .trim()
    .optional()
    .transform((v) => v ?? "")
    .refine((v) => v === "" || /^\d+$/.test(v), "Enter a whole number of months, or leave it empty.")
    .transform((v) => (v === "" ? null : Number(v)))
    .refine((v) => v === null || (v >= 1 && v <= 240), "Enter between 1 and 240 months (20 years)."),
});

/**
 * The moment before which a candidate's last activity must lie for the retention rule to remove
 * them: `months` calendar months before `now` (UTC), clamped to the month's last day (31 March minus
 * one month is 28 or 29 February).
 */
export function retentionCutoff(now: Date, months: number): string {
  const y = now.getUTCFullYear();
  const m = now.getUTCMonth() - months;
  const target = new Date(Date.UTC(y, m, 1));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(now.getUTCDate(), lastDay));
  target.setUTCHours(now.getUTCHours(), now.getUTCMinutes(), now.getUTCSeconds(), now.getUTCMilliseconds());
  return target.toISOString();
}

/** The needles a byte search for a person looks for: their email and name, as typed and lower-cased. */
export function personNeedles(person: { name: string; email: string | null }): string[] {
  const out = new Set<string>();
  for (const v of [person.name, person.email]) {
    const t = v?.trim();
    if (t && t.length >= 3) {
      out.add(t);
      out.add(t.toLowerCase());
    }
  }
  return [...out];
}

// How well the scorer agrees with people: a labelled set of interviews and the follow-ups candidates
// sent, each banded and ranked by a hiring manager before any scoring (test/scorer-eval/*.json), and
// the figures `npm run validate-scorer` prints from it — rank agreement per interview, band agreement,
// and stability under trivial edits. Pure: the script reads the files and scores through the same
// scoreApplications path as the import.
import jStat from "jstat";
import { z } from "zod";

export const BANDS = ["strong", "fair", "weak"] as const;
export type Band = (typeof BANDS)[number];

/** The bands the product reports (docs/scoring.md): strong ≥ 70, fair 40–69, weak < 40. */
export function bandOf(score: number): Band {
  return score >= 70 ? "strong" : score >= 40 ? "fair" : "weak";
}

const iso = z
  .string()
  .refine((s) => !Number.isNaN(Date.parse(s)), { message: "must be an ISO-8601 date and time" });

export const LabelledFollowUpSchema = z.object({
  id: z.string().min(1),
  candidate: z.string().min(1),
  email: z.string().email(),
  receivedAt: iso,
  subject: z.string(),
  body: z.string().min(1),
  band: z.enum(BANDS),
  /** 1 = the best of the interview's follow-ups in the judge's view. */
  rank: z.number().int().positive(),
  kind: z.string().min(1),
  reason: z.string().min(1),
});

export const LabelledInterviewSchema = z.object({
  id: z.string().min(1),
  role: z.string().min(1),
  position: z.string().min(1),
  client: z.string().min(1),
  interviewer: z.string().min(1),
  start: iso,
  end: iso,
  timeZone: z.string().min(1),
  notes: z.string(),
  followUps: z.array(LabelledFollowUpSchema).min(2),
});

export const LabelledSetSchema = z.object({
  judge: z.string().min(1),
  interviews: z.array(LabelledInterviewSchema).min(1),
});

export type LabelledFollowUp = z.infer<typeof LabelledFollowUpSchema>;
export type LabelledInterview = z.infer<typeof LabelledInterviewSchema>;
export type LabelledSet = z.infer<typeof LabelledSetSchema>;

/** Spearman's rho between the judge's ranks (1 = best) and the scores; ties get their mean rank. */
export function rankAgreement(ranks: readonly number[], scores: readonly number[]): number {
  // A higher score should go with a better (lower) rank, so ranks are negated.
  const rho = jStat.spearmancoeff(
    ranks.map((r) => -r),
    [...scores],
  );
  return Number.isFinite(rho) ? rho : 0;
}

export interface TrivialEdit {
  kind: "line breaks" | "hard wrap" | "greeting style" | "signature" | "one typo";
  body: string;
}

const SIGNATURE =
  "\n\n--\n{name}\nSenior Account Executive | Northwind Traders\n+1 (555) 010-2030\nSchedule a call: https://calendly.com/{handle}/30min";

/** A deterministic pseudo-random choice from a string, so that every run makes the same edits. */
function pick(seed: string, n: number): number {
  let h = 2166136261;
  for (let i = 0; i < seed.length; i++) h = Math.imul(h ^ seed.charCodeAt(i), 16777619);
  return (h >>> 0) % Math.max(1, n);
}

/**
 * Edits that should not change how a hiring manager reads a note: its paragraphs rewrapped or hard
 * wrapped at 72 characters, another greeting style, a signature with title, company and scheduling
 * link, and one typo in a longer word.
 */
export function trivialEdits(body: string, candidate: string, seed: string): TrivialEdit[] {
  const edits: TrivialEdit[] = [];
  // Paragraphs joined into one block, or each sentence put on its own line, whichever changes more.
  const rewrapped = /\n\s*\n/.test(body)
    ? body.replace(/\n\s*\n/g, "\n")
    : body.replace(/([.!?])\s+(?=[A-Z])/g, "$1\n\n");
  edits.push({ kind: "line breaks", body: rewrapped });
  // Each paragraph wrapped at 72 characters, as plain-text mail programs send it.
  const wrapped = body
    .split("\n")
    .map((line) => line.replace(/(.{1,72})(?:\s+|$)/g, "$1\n").trimEnd())
    .join("\n");
  if (wrapped !== body) edits.push({ kind: "hard wrap", body: wrapped });

  const greeting =
    /^(?:[Hh]i|[Hh]ello|[Hh]ey|[Dd]ear)\s+([A-Z][\p{L}'’.-]*(?:\s+[A-Z][\p{L}'’-]*)?)\s*[,!:—-]?[ \t]*(?=\n)/u.exec(
      body,
    ) ?? /^([A-Z][\p{L}'’.-]*(?:\s+[A-Z][\p{L}'’-]*)?)\s*[,:—-][ \t]*(?=\n)/u.exec(body);
  if (greeting) {
    const styles = ["Hi {n},", "Hello {n},", "Dear {n},", "{n},", "Hey {n} -"];
    const style = styles[pick(seed + "greeting", styles.length)].replace("{n}", greeting[1]);
    const changed =
      style === greeting[0].trim()
        ? styles[(pick(seed + "greeting", styles.length) + 1) % styles.length].replace("{n}", greeting[1])
        : style;
    edits.push({ kind: "greeting style", body: changed + body.slice(greeting[0].length) });
  }

  const handle = candidate.toLowerCase().replace(/[^a-z]+/g, "-");
  edits.push({
    kind: "signature",
    body: body.trimEnd() + SIGNATURE.replace("{name}", candidate).replace("{handle}", handle),
  });

  const words = [...body.matchAll(/\b[a-z]{6,}\b/g)];
  if (words.length > 0) {
    const word = words[pick(seed + "typo", words.length)];
    // Two neighbouring letters swapped; never two alike, which would leave the word as it was.
    let at = 1 + pick(seed + "letter", word[0].length - 2);
    for (let tries = 0; word[0][at] === word[0][at + 1] && tries < word[0].length; tries++)
      at = 1 + (at % (word[0].length - 2));
    const typo = word[0].slice(0, at) + word[0][at + 1] + word[0][at] + word[0].slice(at + 2);
    edits.push({
      kind: "one typo",
      body: body.slice(0, word.index) + typo + body.slice(word.index + word[0].length),
    });
  }
  return edits;
}

export interface InterviewAgreement {
  id: string;
  rho: number;
}

export interface Agreement {
  followUps: number;
  interviews: InterviewAgreement[];
  meanRho: number;
  /** Share of follow-ups whose score falls in the judge's band. */
  bandAgreement: number;
}

/** Rank and band agreement of scores (by follow-up id) with a labelled set. */
export function agreement(set: LabelledSet, scores: ReadonlyMap<string, number>): Agreement {
  const interviews: InterviewAgreement[] = [];
  let inBand = 0;
  let followUps = 0;
  for (const interview of set.interviews) {
    const own = interview.followUps.map((f) => scores.get(f.id) ?? 0);
    interviews.push({
      id: interview.id,
      rho: rankAgreement(
        interview.followUps.map((f) => f.rank),
        own,
      ),
    });
    for (const f of interview.followUps) {
      followUps++;
      if (bandOf(scores.get(f.id) ?? 0) === f.band) inBand++;
    }
  }
  const meanRho = interviews.reduce((s, i) => s + i.rho, 0) / Math.max(1, interviews.length);
  return { followUps, interviews, meanRho, bandAgreement: inBand / Math.max(1, followUps) };
}

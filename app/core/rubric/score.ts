// The follow-up quality rubric (docs/scoring.md: what each part earns, and how it was validated):
// seven named parts, each with its points, its maximum and the evidence that earned or cost them. It
// reads only the candidate's own words (own-words.ts sets quoted replies, signatures and the like
// aside), and reads them by sentence. The score advises; it never decides.
import { windowFor } from "../latency";
import { splitOwnWords } from "../own-words";
import { PART_LABELS, type RubricPart } from "../rubric-parts";
import type { OrgSettings } from "../settings";
import { formatThreshold, type FollowUpWindow } from "../windows";
import {
  addressees,
  interestStatements,
  nextSteps,
  ownExperienceClaims,
  thankedNames,
  type SentenceMatch,
} from "./detectors";
import { PhraseMatcher, type PhraseMatch, type PhraseMatches } from "./phrase-matcher";
import { PLACEHOLDERS, REFERENCE_PHRASES, STIFF_MARKERS, STOCK_CLOSERS, STOCK_OPENERS } from "./phrases";
import { termWeight } from "./rarity";
import {
  adjacentPairs,
  analyzeText,
  keyOfWord,
  notesProfile,
  type AnalyzedText,
  type NotesProfile,
} from "./text";

/** Stored with every score; bump it whenever a change to the rubric can change a score. */
export const SCORER_VERSION = "2026.12-1";

export interface Evidence {
  text: string;
  effect: "earned" | "cost";
  /** Character offsets into the candidate's own words (splitOwnWords(body).text), when found there. */
  start?: number;
  end?: number;
  /** The other follow-up, for near-duplicate evidence. */
  followUpId?: number;
}

export interface ScorePart {
  key: RubricPart;
  label: string;
  points: number;
  max: number;
  evidence: Evidence[];
}

export interface Score {
  /** 0–100, an integer: the sum of the parts' points, clamped. */
  total: number;
  version: string;
  parts: ScorePart[];
}

export interface NearDuplicate {
  otherFollowUpId: number;
  otherCandidateName: string;
  similarity: number;
}

export interface FollowUpInput {
  subject: string | null;
  /** The message as received; the scorer reads the candidate's own words in it. */
  body: string;
  /** The interview's notes: what was discussed. */
  notes: string;
  interviewerName: string;
  candidateName?: string | null;
  /** The position's title and the client's name: their words are not evidence of listening. */
  positionTitle?: string | null;
  clientName?: string | null;
  /** Calendar minutes from the interview's end; null when unknown. */
  latencyMinutes: number | null;
  /** When null, derived from latencyMinutes and the settings' thresholds. */
  window: FollowUpWindow | null;
  nearDuplicate?: NearDuplicate | null;
  /**
   * The interview's latency is marked "not applicable" (an accommodation): timing neither earns nor
   * costs anything of its own, it counts as the rest of the note does (see timingPart).
   */
  latencyExempt?: boolean;
  /** The notes' profile (text.ts notesProfile), when the caller computed it once per interview. */
  notesProfile?: NotesProfile;
}

// Timing weighs content: the window scales what the content earned (a great note three days late is
// not a great follow-up), and speed adds points only in proportion to content (an empty note sent in
// twenty minutes is still empty).
const WINDOW_FACTOR: Record<FollowUpWindow, number> = {
  best: 1,
  ideal: 1,
  acceptable: 0.9,
  late: 0.65,
  none: 0.15,
};
const SPEED_SHARE: Record<FollowUpWindow, number> = {
  best: 1,
  ideal: 0.8,
  acceptable: 0.5,
  late: 0.1,
  none: 0,
};
/** Share of the content's maximum at which speed earns its points in full. */
const CONTENT_FOR_FULL_SPEED = 0.55;
const WINDOW_WORDS: Record<FollowUpWindow, string> = {
  best: "the best window",
  ideal: "the ideal window",
  acceptable: "the acceptable window",
  late: "the late window",
  none: "after the last window",
};

// Specificity: the weighted count of note terms used (rare words count in full, common ones little,
// generic ones not at all) saturates; a phrase of the notes repeated counts extra; picking up what
// the interviewer said ("you mentioned the Dentrix objection") adds the rest.
const TERMS_SCALE = 2.2;
const PAIR_WEIGHT = 0.5;
const MAX_PAIRS = 3;
const REFERENCE_SHARE = 0.15;
/** Weight a shared term needs for a "you mentioned" in its sentence to count as picking it up. */
const REFERENCE_TERM_WEIGHT = 0.3;

// Length, in the candidate's own words: the article's 90–100 sits inside the full band.
const LENGTH_POINTS: [words: number, share: number][] = [
  [0, 0],
  [20, 0.2],
  [50, 0.8],
  [60, 1],
  [170, 1],
  [300, 0],
];

// Personal tone: deductions as shares of the part's maximum.
const STOCK_OPENER = 0.4;
const STOCK_CLOSER = 0.25;
const MACHINE_STYLE = 0.2;
const MACHINE_STYLE_CAP = 0.6;

// Faults that make a note hurt the candidate whatever else it does: the total stops at the cap, and
// the part the fault belongs to carries the deduction, with the reason. Hiring managers rank these
// below an empty "thanks" (docs/scoring.md), so the caps sit at or below what such a note scores.
const CAP = { placeholder: 3, wrongPerson: 5, stuffing: 7, nearDuplicate: 9 } as const;
// A strong follow-up does the three things the article names: it refers to the conversation, restates
// interest and proposes a concrete next step. Without one of them, or at rambling length, what the
// total has above the limit counts for a quarter, so that such a note stays in the fair band and notes
// keep their order within it.
const SOFT_LIMIT = 60;
const SOFT_KEEP = 0.25;
const GENERIC_LIMIT = 30;
/** Specificity share below which a note refers to nothing particular. */
const SPECIFIC_ENOUGH = 0.35;
const RAMBLING_WORDS = 250;

const RUBRIC_PHRASES = new PhraseMatcher([
  STOCK_OPENERS,
  STOCK_CLOSERS,
  STIFF_MARKERS,
  PLACEHOLDERS,
  REFERENCE_PHRASES,
]);
const SUBJECT_PHRASES = new PhraseMatcher([PLACEHOLDERS]);

const TITLES = new Set(["mr", "mrs", "ms", "miss", "mx", "dr", "prof", "sir", "madam", "herr", "frau"]);

/** Short forms people write for a first name: "Hi Mike" is addressed to Michael. */
const NICKNAMES: Record<string, string[]> = {
  michael: ["mike", "mick"],
  robert: ["bob", "rob", "bobby"],
  william: ["bill", "will", "billy", "liam"],
  elizabeth: ["liz", "beth", "lizzie", "eliza"],
  katherine: ["kate", "katie", "kat", "kathy"],
  catherine: ["kate", "katie", "cathy"],
  james: ["jim", "jimmy", "jamie"],
  david: ["dave"],
  richard: ["rick", "rich", "dick"],
  margaret: ["meg", "maggie", "peggy"],
  jennifer: ["jen", "jenny"],
  andrew: ["andy", "drew"],
  joseph: ["joe", "joey"],
  susan: ["sue", "suzy"],
  anthony: ["tony"],
  edward: ["ed", "eddie", "ted"],
  charles: ["charlie", "chuck"],
  abigail: ["abby"],
  rebecca: ["becky", "becca"],
  patricia: ["pat", "patty", "trish"],
  jonathan: ["jon"],
  johannes: ["hannes", "jo"],
};

const foldCache = new Map<string, string>();

/** Lower-cased, accents folded ("Tomás" and "Tomas", "Jürgen" and "Juergen" compare equal). */
function fold(name: string): string {
  let folded = foldCache.get(name);
  if (folded === undefined) {
    folded = foldName(name);
    if (foldCache.size >= 10_000) foldCache.clear();
    foldCache.set(name, folded);
  }
  return folded;
}

function foldName(name: string): string {
  return name
    .toLowerCase()
    .replace(/ä/g, "ae")
    .replace(/ö/g, "oe")
    .replace(/ü/g, "ue")
    .replace(/ß/g, "ss")
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[’']/g, "");
}

/** First and last names of each person named ("Sarah Chen & Tom Li", "Dr. Priya Natarajan"). */
function people(names: string): { first: string; parts: string[] }[] {
  const found: { first: string; parts: string[] }[] = [];
  for (const person of names.split(/,|&|\band\b|\/|;/)) {
    const words = person
      .split(/\s+/)
      .map((w) => w.replace(/[^\p{L}'’-]/gu, ""))
      .filter((w) => w.length >= 2 && !TITLES.has(w.toLowerCase().replace(/\.$/, "")));
    if (words.length === 0) continue;
    const parts = words.flatMap((w) => [
      w,
      ...(w.includes("-") ? w.split("-").filter((p) => p.length >= 2) : []),
    ]);
    found.push({ first: words[0], parts });
  }
  return found;
}

function sameName(written: string, known: string): boolean {
  const a = fold(written);
  const b = fold(known);
  if (a === b) return true;
  if (a.length >= 3 && b.length >= 3 && (a.startsWith(b) || b.startsWith(a))) return true;
  return (NICKNAMES[b] ?? []).includes(a) || (NICKNAMES[a] ?? []).includes(b);
}

function formatMinutes(minutes: number): string {
  const m = Math.max(0, Math.round(minutes));
  if (m < 60) return `${m} min`;
  const h = Math.floor(m / 60);
  const rest = m % 60;
  if (h < 48) return rest ? `${h} h ${rest} min` : `${h} h`;
  const d = Math.floor(h / 24);
  const hours = h % 24;
  return hours ? `${d} d ${hours} h` : `${d} d`;
}

function quote(text: string, limit = 90): string {
  const oneLine = /\s\s|[\t\n\r]/.test(text) ? text.replace(/\s+/g, " ").trim() : text.trim();
  return `“${oneLine.length > limit ? `${oneLine.slice(0, limit - 1)}…` : oneLine}”`;
}

/** Evidence at a phrase, or at the words of a sentence that made the match (the page highlights them). */
function located(match: PhraseMatch | SentenceMatch, text: string, effect: Evidence["effect"]): Evidence {
  return "cueStart" in match
    ? { text, effect, start: match.cueStart, end: match.cueEnd }
    : { text, effect, start: match.start, end: match.end };
}

function part(key: RubricPart, max: number, share: number, evidence: Evidence[]): ScorePart {
  return {
    key,
    label: PART_LABELS[key],
    points: Math.round(Math.min(1, Math.max(0, share)) * max),
    max,
    evidence,
  };
}

interface Fault {
  cap: number;
  /** Share of the points above the cap that the total keeps: 0 for a hard limit. */
  keep: number;
  part: RubricPart;
  reason: string;
}

/** The sentence of the token that starts at or covers `offset`. */
function sentenceAt(analyzed: AnalyzedText, offset: number): number {
  const { start, sentence } = analyzed.tokens;
  let lo = 0;
  let hi = start.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (start[mid] <= offset) lo = mid;
    else hi = mid - 1;
  }
  return sentence[lo] ?? 0;
}

const excludedCache = new Map<string, ReadonlySet<string>>();

/** Keys of the names, title and client: the same few for every follow-up of a position, so cached. */
function excludedKeys(input: FollowUpInput): ReadonlySet<string> {
  const cacheKey = `${input.interviewerName}\u0000${input.candidateName ?? ""}\u0000${input.positionTitle ?? ""}\u0000${input.clientName ?? ""}`;
  let excluded = excludedCache.get(cacheKey);
  if (excluded) return excluded;
  const keys = new Set<string>();
  for (const names of [input.interviewerName, input.candidateName ?? ""])
    for (const p of people(names)) for (const w of p.parts) keys.add(keyOfWord(w));
  for (const words of [input.positionTitle ?? "", input.clientName ?? ""])
    for (const w of words.split(/[^\p{L}\p{N}'’-]+/u)) if (w.length >= 2) keys.add(keyOfWord(w));
  excluded = keys;
  if (excludedCache.size >= 5_000) excludedCache.clear();
  excludedCache.set(cacheKey, excluded);
  return excluded;
}

const peopleCache = new Map<string, { first: string; parts: string[] }[]>();

/** people(), cached: an interviewer's name is read for every follow-up of their interviews. */
function peopleOf(names: string): { first: string; parts: string[] }[] {
  let found = peopleCache.get(names);
  if (!found) {
    found = people(names);
    if (peopleCache.size >= 5_000) peopleCache.clear();
    peopleCache.set(names, found);
  }
  return found;
}

function specificityPart(
  input: FollowUpInput,
  text: string,
  analyzed: AnalyzedText,
  found: PhraseMatches,
  max: number,
  faults: Fault[],
): ScorePart {
  const evidence: Evidence[] = [];
  const notes = input.notesProfile ?? notesProfile(input.notes);
  const excluded = excludedKeys(input);

  // Who it is addressed to: a note to someone who was not on the interview was not written for it.
  const interviewers = peopleOf(input.interviewerName);
  const candidate = peopleOf(input.candidateName ?? "");
  const named = addressees(text);
  if (interviewers.length > 0) {
    const isInterviewer = (n: string) => interviewers.some((p) => p.parts.some((k) => sameName(n, k)));
    const isStranger = (n: string) =>
      !isInterviewer(n) && !candidate.some((p) => p.parts.some((k) => sameName(n, k)));
    const strangers = named.filter(isStranger);
    // Someone thanked who was neither on the interview nor in its notes: a letter written for another.
    const thankedStrangers = thankedNames(text).filter(
      (n) => isStranger(n) && !notes.keys.has(keyOfWord(n)) && !strangers.includes(n),
    );
    const wrong = [...(named.some(isInterviewer) ? [] : strangers), ...thankedStrangers];
    if (wrong.length > 0) {
      faults.push({
        cap: CAP.wrongPerson,
        keep: 0,
        part: "specificity",
        reason: `${named.some((n) => wrong.includes(n)) ? "Addressed to" : "Thanks"} ${wrong.join(" and ")}, who was not on the interview (${interviewers.map((p) => p.first).join(", ")})`,
      });
    } else if (named.some(isInterviewer)) {
      evidence.push({
        text: `Addressed to the interviewer: ${named.filter(isInterviewer).join(" and ")}`,
        effect: "earned",
      });
    }
  }

  // Terms shared with the notes, weighed by rarity.
  const shared = new Map<
    string,
    { word: string; weight: number; count: number; start: number; end: number }
  >();
  const generic = new Set<string>();
  const strongInSentence = new Set<number>();
  let occurrences = 0;
  for (const word of analyzed.words) {
    if (!notes.keys.has(word.key) || excluded.has(word.key)) continue;
    const weight = termWeight(word.key);
    if (weight === 0) {
      generic.add(word.text.toLowerCase());
      continue;
    }
    occurrences++;
    if (weight >= REFERENCE_TERM_WEIGHT) strongInSentence.add(word.sentence);
    const seen = shared.get(word.key);
    if (seen) seen.count++;
    else shared.set(word.key, { word: word.text, weight, count: 1, start: word.start, end: word.end });
  }
  let weighted = 0;
  for (const term of shared.values()) {
    weighted += term.weight;
    evidence.push({
      text:
        term.weight >= 0.8
          ? `${quote(term.word)} is in the interview notes`
          : `${quote(term.word)} is in the notes, but a common word (counts ${Math.round(term.weight * 100)}%)`,
      effect: "earned",
      start: term.start,
      end: term.end,
    });
  }
  const pairs = [...adjacentPairs(analyzed.words)].filter((p) => {
    if (!notes.pairs.has(p)) return false;
    const [a, b] = p.split(" ");
    return !excluded.has(a) && !excluded.has(b) && termWeight(a) + termWeight(b) > 0;
  });
  if (pairs.length > 0) {
    weighted += PAIR_WEIGHT * Math.min(MAX_PAIRS, pairs.length);
    evidence.push({
      text: `Uses ${pairs.length === 1 ? "a phrase" : `${pairs.length} phrases`} from the notes word for word`,
      effect: "earned",
    });
  }
  if (generic.size > 0) {
    evidence.push({
      text: `Words every interview shares do not count: ${[...generic]
        .slice(0, 6)
        .map((w) => quote(w))
        .join(", ")}`,
      effect: "cost",
    });
  }

  let share = 1 - Math.exp(-weighted / TERMS_SCALE);
  if (notes.keys.size === 0) {
    evidence.push({
      text: "The interview has no notes, so references to it could not be checked",
      effect: "cost",
    });
  } else if (shared.size === 0) {
    evidence.push({ text: "Mentions nothing specific from the interview notes", effect: "cost" });
  } else if (share < 0.6) {
    evidence.push({ text: "Few specific points from the conversation", effect: "cost" });
  }

  // "You mentioned …" earns its share only when what follows is in the notes.
  const references = found.reference ?? [];
  const pickedUp = references.filter((m) => strongInSentence.has(sentenceAt(analyzed, m.start)));
  if (pickedUp.length > 0) {
    share += REFERENCE_SHARE;
    for (const m of pickedUp)
      evidence.push(located(m, `Picks up something the interviewer said: ${quote(m.text)}`, "earned"));
  }
  for (const m of references) {
    if (!pickedUp.includes(m))
      evidence.push(located(m, `${quote(m.text)}, but about nothing in the interview notes`, "cost"));
  }

  // Stuffing: the notes' words listed or repeated rather than used.
  const stuffing = stuffingSignal(analyzed, shared.size, occurrences, references.length);
  if (stuffing) {
    share *= 0.3;
    faults.push({
      cap: CAP.stuffing,
      keep: 0,
      part: "specificity",
      reason: `Reads as the notes' words strung together, not a reference to them: ${stuffing}`,
    });
  }
  return part("specificity", max, share, evidence);
}

/**
 * Why a note reads as stuffed with the notes' words, or null. Density is the signal: a real note uses
 * a handful of the notes' terms among its own words; a stuffed one is mostly made of them. Repeating
 * the terms, or a "you mentioned" before each, counts at a lower density.
 */
function stuffingSignal(
  analyzed: AnalyzedText,
  distinct: number,
  occurrences: number,
  references: number,
): string | null {
  const content = Math.max(1, analyzed.words.length);
  const density = occurrences / content;
  if (occurrences >= 6 && density >= 0.45)
    return `${occurrences} of its ${analyzed.words.length} content words come from the notes`;
  if (references >= 3 && density >= 0.3)
    return `${references} “you mentioned”-style references in one short note`;
  if (distinct >= 3 && occurrences >= 2.5 * distinct && density >= 0.35)
    return `${distinct} note terms used ${occurrences} times`;
  return null;
}

function claimsPart(
  key: RubricPart,
  matches: readonly SentenceMatch[],
  max: number,
  earned: (m: SentenceMatch) => string,
  missing: string,
  shareFor: (n: number) => number = () => 1,
  extra: Evidence[] = [],
): ScorePart {
  const evidence: Evidence[] = matches.map((m) => located(m, earned(m), "earned"));
  if (matches.length === 0) evidence.push({ text: missing, effect: "cost" });
  evidence.push(...extra);
  return part(key, max, matches.length === 0 ? 0 : shareFor(matches.length), evidence);
}

function lengthPart(wordCount: number, max: number): ScorePart {
  let share = 0;
  for (let i = 1; i < LENGTH_POINTS.length; i++) {
    const [w0, s0] = LENGTH_POINTS[i - 1];
    const [w1, s1] = LENGTH_POINTS[i];
    if (wordCount <= w1) {
      share = s0 + ((s1 - s0) * (wordCount - w0)) / (w1 - w0);
      break;
    }
  }
  const text =
    wordCount === 0
      ? "No words of the candidate's own"
      : wordCount < 60
        ? `${wordCount} words: short of the 90–100 that say enough`
        : wordCount <= 170
          ? `${wordCount} words: short, as recommended (about 90–100)`
          : `${wordCount} words: long letters lose points (about 90–100 is ideal; nothing from 300)`;
  return part("length", max, share, [{ text, effect: share >= 1 ? "earned" : "cost" }]);
}

function tonePart(
  input: FollowUpInput,
  found: PhraseMatches,
  settings: OrgSettings,
  max: number,
  faults: Fault[],
): ScorePart {
  const evidence: Evidence[] = [];
  let penalty = 0;
  const deduct = (share: number) => `−${Math.round(share * max)}`;

  const placeholders = new Set<string>();
  for (const m of found.placeholder ?? []) {
    if (placeholders.has(m.text.toLowerCase())) continue;
    placeholders.add(m.text.toLowerCase());
    evidence.push(located(m, `Template placeholder left in: ${quote(m.text)}`, "cost"));
  }
  const subject = input.subject ?? "";
  // Every placeholder form has a bracket or XX; most subjects have neither and skip tokenizing.
  if (/[[{<]|XX/.test(subject)) {
    for (const m of SUBJECT_PHRASES.find("placeholder", subject)) {
      placeholders.add(m.text.toLowerCase());
      evidence.push({ text: `Template placeholder left in the subject: ${quote(m.text)}`, effect: "cost" });
    }
  }
  if (placeholders.size > 0)
    faults.push({
      cap: CAP.placeholder,
      keep: 0,
      part: "personalTone",
      reason: "A template with its placeholders still in",
    });

  for (const m of found.stockOpener ?? []) {
    penalty += STOCK_OPENER;
    evidence.push(located(m, `Stock opener: ${quote(m.text)} (${deduct(STOCK_OPENER)})`, "cost"));
  }
  for (const m of found.stockCloser ?? []) {
    penalty += STOCK_CLOSER;
    evidence.push(located(m, `Stock closing line: ${quote(m.text)} (${deduct(STOCK_CLOSER)})`, "cost"));
  }
  // Machine-polished wording is shown, and costs points only where the organization turned that on:
  // detectors of machine-written text misjudge non-native writers
  // (docs/decisions/0006-machine-style-off-by-default.md).
  const counts = settings.scoring.penalizeMachineStyle;
  let style = 0;
  for (const m of found.stiff ?? []) {
    const share = counts ? Math.min(MACHINE_STYLE, MACHINE_STYLE_CAP - style) : 0;
    style += share;
    evidence.push(
      located(
        m,
        `Machine-polished wording: ${quote(m.text)}${share > 0 ? ` (${deduct(share)})` : counts ? "" : " (shown only; not counted)"}`,
        "cost",
      ),
    );
  }
  penalty += style;

  const dup = input.nearDuplicate;
  if (dup) {
    const text = `Nearly identical (${Math.round(dup.similarity * 100)}% of phrases shared, names and greetings aside) to follow-up #${dup.otherFollowUpId} from ${dup.otherCandidateName}, another candidate for this position`;
    evidence.push({ text, effect: "cost", followUpId: dup.otherFollowUpId });
    faults.push({
      cap: CAP.nearDuplicate,
      keep: 0,
      part: "personalTone",
      reason: "Sent almost word for word by another candidate",
    });
  }
  if (evidence.length === 0)
    evidence.push({ text: "No stock phrases, placeholders or copied text", effect: "earned" });
  return part("personalTone", max, 1 - penalty, evidence);
}

function timingPart(
  input: FollowUpInput,
  settings: OrgSettings,
  content: number,
  contentMax: number,
  max: number,
): ScorePart {
  if (input.latencyExempt) {
    // The score stays on the same 0–100 scale as everyone's: timing earns the share of its maximum
    // that the content earned of its own, which is the score the content alone would give.
    const share = contentMax > 0 ? Math.min(1, content / contentMax) : 0;
    return part("timing", max, share, [
      {
        text: `Latency marked not applicable for this interview: timing counts as the rest of the note does (${Math.round(share * 100)}%)`,
        effect: share > 0 ? "earned" : "cost",
      },
    ]);
  }
  const window =
    input.window ?? (input.latencyMinutes == null ? null : windowFor(input.latencyMinutes, settings.windows));
  if (window === null) {
    return part("timing", max, 0, [
      { text: "The received time is unknown, so timing earns nothing", effect: "cost" },
    ]);
  }
  const after =
    input.latencyMinutes == null ? "Sent" : `Sent ${formatMinutes(input.latencyMinutes)} after the interview`;
  const evidence: Evidence[] = [];
  const quality = Math.min(1, content / Math.max(1, CONTENT_FOR_FULL_SPEED * contentMax));
  const speed = SPEED_SHARE[window] * quality * max;
  const lost = (1 - WINDOW_FACTOR[window]) * content;
  if (SPEED_SHARE[window] > 0) {
    evidence.push({
      text: `${after}: ${WINDOW_WORDS[window]}${quality < 1 ? `; speed counts ${Math.round(quality * 100)}% because the note says little` : ""}`,
      effect: "earned",
    });
  }
  if (lost > 0) {
    evidence.push({
      text:
        window === "none"
          ? `${after}, more than ${formatThreshold(settings.windows.late)}: it counts as no follow-up, and its content for ${Math.round(WINDOW_FACTOR.none * 100)}% (−${Math.round(lost)})`
          : `${after}, ${WINDOW_WORDS[window]}: its content counts for ${Math.round(WINDOW_FACTOR[window] * 100)}% (−${Math.round(lost)})`,
      effect: "cost",
    });
  }
  // Timing may go below zero: it carries what lateness took from the content.
  return { key: "timing", label: PART_LABELS.timing, points: Math.round(speed - lost), max, evidence };
}

export function scoreFollowUp(input: FollowUpInput, settings: OrgSettings): Score {
  const w = settings.weights;
  const text = splitOwnWords(input.body).text;
  const analyzed = analyzeText(text);
  const found = RUBRIC_PHRASES.scan(text, analyzed.tokens);
  const faults: Fault[] = [];
  const steps = nextSteps(text, analyzed);
  const content: ScorePart[] = [
    specificityPart(input, text, analyzed, found, w.specificity, faults),
    claimsPart(
      "ownExperience",
      ownExperienceClaims(text, analyzed),
      w.ownExperience,
      (m) => `Links it to own work: ${quote(m.text)}`,
      "No link to the candidate's own work, such as “at TechCorp we built…”",
      (n) => (n >= 2 ? 1 : 0.7),
    ),
    claimsPart(
      "interest",
      interestStatements(text, analyzed),
      w.interest,
      (m) => `States interest: ${quote(m.text)}`,
      "No plain statement of interest, such as “I'm very interested in this role”",
    ),
    claimsPart(
      "nextStep",
      steps.proposals,
      w.nextStep,
      (m) => `Proposes a next step: ${quote(m.text)}`,
      "No concrete next step (references, a call at a time, a deliverable, availability)",
      () => 1,
      steps.proposals.length === 0
        ? steps.boilerplate.map((m) =>
            located(m, `Mentions next steps without proposing one: ${quote(m.text)}`, "cost"),
          )
        : [],
    ),
    lengthPart(analyzed.wordCount, w.length),
    tonePart(input, found, settings, w.personalTone, faults),
  ];
  const contentPoints = content.reduce((s, p) => s + Math.max(0, p.points), 0);
  const contentMax = content.reduce((s, p) => s + p.max, 0);
  const parts = [timingPart(input, settings, contentPoints, contentMax, w.timing), ...content];

  const partOf = (key: RubricPart) => parts.find((p) => p.key === key)!;
  const soft = (part: RubricPart, reason: string) =>
    faults.push({ cap: SOFT_LIMIT, keep: SOFT_KEEP, part, reason });
  // Nothing particular from the conversation: the note could have been sent after any interview.
  if (partOf("specificity").points < SPECIFIC_ENOUGH * w.specificity) {
    faults.push({
      cap: GENERIC_LIMIT,
      keep: SOFT_KEEP,
      part: "specificity",
      reason: "Refers to nothing particular from the conversation",
    });
  }
  if (partOf("interest").points === 0) soft("interest", "Does not say the candidate wants the role");
  if (partOf("nextStep").points === 0) soft("nextStep", "Proposes no concrete next step");
  if (analyzed.wordCount > RAMBLING_WORDS)
    soft("length", `${analyzed.wordCount} words: too long to be read closely`);

  let sum = parts.reduce((s, p) => s + p.points, 0);
  // The fault that leaves the lowest total decides it; every fault is shown with its part.
  const after = (f: Fault) => (sum > f.cap ? f.cap + Math.round((sum - f.cap) * f.keep) : sum);
  const decisive = faults.reduce<Fault | null>(
    (low, f) => (low === null || after(f) < after(low) ? f : low),
    null,
  );
  for (const f of faults) {
    const cut = f === decisive ? sum - after(f) : 0;
    partOf(f.part).points -= cut;
    partOf(f.part).evidence.push({
      text:
        cut > 0
          ? `${f.reason}: ${f.keep === 0 ? `the score stops at ${f.cap}` : `points above ${f.cap} count for ${Math.round(f.keep * 100)}%`} (−${cut})`
          : f.reason,
      effect: "cost",
    });
  }
  if (decisive) sum = after(decisive);
  return { total: Math.min(100, Math.max(0, sum)), version: SCORER_VERSION, parts };
}

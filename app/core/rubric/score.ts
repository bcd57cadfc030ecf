// The follow-up quality rubric (DESIGN.md, "Quality score"): seven named parts, each with its points,
// its maximum and the evidence that earned or cost them. The score advises; it never decides.
import type { FollowUpWindow } from "../../../db/schema";
import { windowFor } from "../latency";
import type { OrgSettings, RubricPart } from "../settings";
import { PhraseMatcher, type PhraseMatch, type PhraseMatches } from "./phrase-matcher";
import {
  GENERIC_INTERVIEW_WORDS,
  INTEREST_PHRASES,
  NEXT_STEP_PHRASES,
  OWN_EXPERIENCE_MARKERS,
  PLACEHOLDERS,
  REFERENCE_PHRASES,
  STIFF_MARKERS,
  STOCK_CLOSERS,
  STOCK_OPENERS,
  type PhraseKind,
} from "./phrases";
import { analyzeText, keyOfWord, notesKeys } from "./text";

/** Stored with every score; bump it whenever a change to the rubric can change a score. */
export const SCORER_VERSION = "2026.11-1";

export interface Evidence {
  text: string;
  effect: "earned" | "cost";
  /** Character offsets into the body, when the evidence was found there. */
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
  body: string;
  /** The interview's notes: what was discussed. */
  notes: string;
  interviewerName: string;
  candidateName?: string | null;
  /** Calendar minutes from the interview's end; null when unknown. */
  latencyMinutes: number | null;
  /** When null, derived from latencyMinutes and the settings' thresholds. */
  window: FollowUpWindow | null;
  nearDuplicate?: NearDuplicate | null;
  /** The notes' content keys (text.ts notesKeys), when the caller computed them once per interview. */
  noteKeys?: ReadonlySet<string>;
}

export const PART_LABELS: Record<RubricPart, string> = {
  timing: "Timing",
  specificity: "Specificity",
  ownExperience: "Own experience",
  interest: "Interest",
  nextStep: "Next step",
  length: "Length",
  personalTone: "Personal tone",
};

// Share of the timing points per window; non-increasing, so a later follow-up never scores higher.
const TIMING_SHARE: Record<FollowUpWindow, number> = { best: 1, ideal: 0.8, acceptable: 0.5, late: 0.2, none: 0 };
const WINDOW_WORDS: Record<FollowUpWindow, string> = {
  best: "the best window",
  ideal: "the ideal window",
  acceptable: "the acceptable window",
  late: "the late window",
  none: "after the last window",
};

// Specificity: shared note terms carry most of it; a "you mentioned" and the interviewer's name the rest.
const TERMS_FOR_FULL_SHARE = 4;
const TERMS_SHARE_MAX = 0.7;
const REFERENCE_SHARE = 0.2;
const NAME_SHARE = 0.1;

// Length, in words: the article's ~90–100 sits well inside the full band; nothing from 300 words on.
const SHORT_WORDS = 20;
const FULL_UNTIL_WORDS = 130;
const ZERO_FROM_WORDS = 300;

// Personal-tone deductions as shares of the part's maximum. Tone may go below zero, down to -2 x max,
// because a template with its placeholders still in is worse than a message with no tone points.
const PENALTY: Record<"placeholder" | "stockOpener" | "stockCloser" | "stiff" | "nearDuplicate", number> = {
  placeholder: 1,
  stockOpener: 0.5,
  stockCloser: 0.3,
  stiff: 0.2,
  nearDuplicate: 1.5,
};
const STIFF_PENALTY_CAP = 0.6;
const TONE_FLOOR_SHARE = -2;

const RUBRIC_PHRASES = new PhraseMatcher([
  STOCK_OPENERS,
  STOCK_CLOSERS,
  STIFF_MARKERS,
  PLACEHOLDERS,
  INTEREST_PHRASES,
  NEXT_STEP_PHRASES,
  OWN_EXPERIENCE_MARKERS,
  REFERENCE_PHRASES,
]);
const SUBJECT_PHRASES = new PhraseMatcher([PLACEHOLDERS]);

const GENERIC_KEYS: ReadonlySet<string> = new Set(GENERIC_INTERVIEW_WORDS.map(keyOfWord));

const TITLES = new Set(["mr", "mrs", "ms", "miss", "mx", "dr", "prof", "sir", "madam"]);

interface NameInfo {
  /** Lower-cased name parts as wink normalizes tokens; empty when no name is recorded. */
  normals: Set<string>;
  keys: Set<string>;
  display: string;
}
const nameCache = new Map<string, NameInfo>();

/** First and last names of each person named ("Sarah Chen & Tom Li", "Dr. Priya Natarajan"). */
function nameParts(names: string): { parts: string[]; firsts: string[] } {
  const parts: string[] = [];
  const firsts: string[] = [];
  for (const person of names.split(/,|&|\band\b|\//)) {
    const words = person
      .split(/\s+/)
      .map((w) => w.replace(/[^\p{L}'’-]/gu, ""))
      .filter((w) => w.length >= 2 && !TITLES.has(w.toLowerCase()));
    if (words.length === 0) continue;
    firsts.push(words[0]);
    parts.push(words[0]);
    if (words.length > 1) parts.push(words[words.length - 1]);
  }
  return { parts, firsts };
}

/**
 * The interviewer's names, to be found among the body's tokens (a scan of the token list: a regular
 * expression over the body with word-boundary lookarounds cost more than the rest of the rubric).
 * There are few interviewers, so it is cached.
 */
function nameInfo(names: string): NameInfo {
  let info = nameCache.get(names);
  if (info) return info;
  const { parts, firsts } = nameParts(names);
  const normals = new Set<string>();
  for (const part of parts) {
    const lower = part.toLowerCase().replace(/’/g, "'");
    normals.add(lower);
    for (const piece of lower.split("-")) if (piece.length >= 2) normals.add(piece);
  }
  info = { normals, keys: new Set(parts.map(keyOfWord)), display: firsts.join(" or ") || names };
  if (nameCache.size > 1_000) nameCache.clear();
  nameCache.set(names, info);
  return info;
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

function quote(text: string): string {
  const oneLine = /\s\s|[\t\n\r]/.test(text) ? text.replace(/\s+/g, " ").trim() : text;
  return `“${oneLine}”`;
}

function located(match: PhraseMatch, text: string, effect: Evidence["effect"]): Evidence {
  return { text, effect, start: match.start, end: match.end };
}

function part(key: RubricPart, max: number, share: number, evidence: Evidence[], floorShare = 0): ScorePart {
  const clamped = Math.min(1, Math.max(floorShare, share));
  return { key, label: PART_LABELS[key], points: Math.round(clamped * max), max, evidence };
}

function timingPart(input: FollowUpInput, settings: OrgSettings, max: number): ScorePart {
  const window = input.window ?? (input.latencyMinutes == null ? null : windowFor(input.latencyMinutes, settings.windows));
  if (window === null) {
    return part("timing", max, 0, [{ text: "The received time is unknown, so timing earns nothing", effect: "cost" }]);
  }
  const share = TIMING_SHARE[window];
  const after = input.latencyMinutes == null ? "" : `Sent ${formatMinutes(input.latencyMinutes)} after the interview: `;
  const t = settings.windows;
  const limits: Record<FollowUpWindow, string> = {
    best: `within ${formatMinutes(t.best)}`,
    ideal: `within ${formatMinutes(t.ideal)}`,
    acceptable: `within ${formatMinutes(t.acceptable)}`,
    late: `within ${formatMinutes(t.late)}`,
    none: `more than ${formatMinutes(t.late)} after`,
  };
  const evidence: Evidence[] = [];
  if (share > 0) evidence.push({ text: `${after}${limits[window]}, ${WINDOW_WORDS[window]}`, effect: "earned" });
  if (share < 1) {
    evidence.push({
      text:
        window === "none"
          ? `${after}${limits.none}: counts as no follow-up`
          : `Missed the best window (${limits.best}); ${WINDOW_WORDS[window]} earns ${Math.round(share * 100)}%`,
      effect: "cost",
    });
  }
  return part("timing", max, share, evidence);
}

function specificityPart(
  input: FollowUpInput,
  body: ReturnType<typeof analyzeText>,
  interviewer: NameInfo,
  found: PhraseMatches,
  max: number,
): ScorePart {
  const evidence: Evidence[] = [];
  const noteKeys = input.noteKeys ?? notesKeys(input.notes);
  const excluded = new Set(interviewer.keys);
  // Every candidate has a name of their own: their keys only, without building (and caching) a pattern.
  if (input.candidateName) for (const p of nameParts(input.candidateName).parts) excluded.add(keyOfWord(p));
  const shared = new Set<string>();
  for (const word of body.words) {
    if (shared.has(word.key) || !noteKeys.has(word.key) || GENERIC_KEYS.has(word.key) || excluded.has(word.key)) continue;
    shared.add(word.key);
    evidence.push({
      text: `${quote(word.text)} is in the interview notes`,
      effect: "earned",
      ...(word.start >= 0 ? { start: word.start, end: word.end } : {}),
    });
  }
  let share = shared.size === 0 ? 0 : Math.min(TERMS_SHARE_MAX, 0.1 + (0.6 * shared.size) / TERMS_FOR_FULL_SHARE);
  if (noteKeys.size === 0) {
    evidence.push({ text: "The interview has no notes, so shared topics could not be checked", effect: "cost" });
  } else if (shared.size === 0) {
    evidence.push({ text: "Mentions nothing recorded in the interview notes", effect: "cost" });
  } else if (shared.size < TERMS_FOR_FULL_SHARE) {
    evidence.push({
      text: `Only ${shared.size} topic word${shared.size === 1 ? "" : "s"} from the notes; ${TERMS_FOR_FULL_SHARE} or more earn this share in full`,
      effect: "cost",
    });
  }

  const references = found.reference ?? [];
  if (references.length > 0) {
    share += REFERENCE_SHARE;
    for (const m of references) evidence.push(located(m, `Refers back to the conversation: ${quote(m.text)}`, "earned"));
  } else {
    evidence.push({ text: "No reference to something said, such as “you mentioned…”", effect: "cost" });
  }

  const { normal, start, end } = body.tokens;
  let named = -1;
  if (interviewer.normals.size > 0) {
    for (let i = 0; i < normal.length && named < 0; i++) if (interviewer.normals.has(normal[i])) named = i;
  }
  if (named >= 0) {
    share += NAME_SHARE;
    evidence.push({
      text: `Names the interviewer: ${quote(input.body.slice(start[named], end[named]))}`,
      effect: "earned",
      start: start[named],
      end: end[named],
    });
  } else if (interviewer.normals.size > 0) {
    evidence.push({ text: `Does not name the interviewer (${interviewer.display})`, effect: "cost" });
  } else {
    evidence.push({ text: "The interviewer's name is not recorded, so naming them could not be checked", effect: "cost" });
  }
  return part("specificity", max, share, evidence);
}

function phrasePart(
  key: RubricPart,
  kind: PhraseKind,
  found: PhraseMatches,
  max: number,
  earnedText: (m: PhraseMatch) => string,
  missing: string,
  shareFor: (count: number) => number,
  shortfall?: (count: number) => string,
): ScorePart {
  const matches = found[kind] ?? [];
  const evidence: Evidence[] = matches.map((m) => located(m, earnedText(m), "earned"));
  const share = matches.length === 0 ? 0 : shareFor(matches.length);
  if (matches.length === 0) evidence.push({ text: missing, effect: "cost" });
  else if (share < 1 && shortfall) evidence.push({ text: shortfall(matches.length), effect: "cost" });
  return part(key, max, share, evidence);
}

function lengthPart(wordCount: number, max: number): ScorePart {
  let share: number;
  let evidence: Evidence;
  if (wordCount === 0) {
    share = 0;
    evidence = { text: "The message is empty", effect: "cost" };
  } else if (wordCount < SHORT_WORDS) {
    share = 0.6 + (0.4 * wordCount) / SHORT_WORDS;
    evidence = { text: `${wordCount} words: a little thin; a few sentences say more`, effect: "cost" };
  } else if (wordCount <= FULL_UNTIL_WORDS) {
    share = 1;
    evidence = { text: `${wordCount} words: short, as recommended (about 90–100)`, effect: "earned" };
  } else {
    share = Math.max(0, (ZERO_FROM_WORDS - wordCount) / (ZERO_FROM_WORDS - FULL_UNTIL_WORDS));
    evidence = {
      text: `${wordCount} words: long letters lose points (about 90–100 is ideal; nothing from ${ZERO_FROM_WORDS} words)`,
      effect: "cost",
    };
  }
  return part("length", max, share, [evidence]);
}

function tonePart(input: FollowUpInput, found: PhraseMatches, max: number): ScorePart {
  const evidence: Evidence[] = [];
  let penalty = 0;
  const deduct = (share: number) => `−${Math.round(share * max)}`;
  const subject = input.subject ?? "";

  const seenPlaceholders = new Set<string>();
  const placeholder = (text: string, where?: PhraseMatch) => {
    if (seenPlaceholders.has(text.toLowerCase())) return;
    seenPlaceholders.add(text.toLowerCase());
    penalty += PENALTY.placeholder;
    const line = `Template placeholder left in: ${quote(text)}${where ? "" : " (in the subject)"} (${deduct(PENALTY.placeholder)})`;
    evidence.push(where ? located(where, line, "cost") : { text: line, effect: "cost" });
  };
  for (const m of found.placeholder ?? []) placeholder(m.text, m);
  // Every placeholder form has a bracket or XX; most subjects have neither and skip tokenizing.
  if (/[[{<]|XX/.test(subject)) for (const m of SUBJECT_PHRASES.find("placeholder", subject)) placeholder(m.text);

  for (const m of found.stockOpener ?? []) {
    penalty += PENALTY.stockOpener;
    evidence.push(located(m, `Stock opener: ${quote(m.text)} (${deduct(PENALTY.stockOpener)})`, "cost"));
  }
  for (const m of found.stockCloser ?? []) {
    penalty += PENALTY.stockCloser;
    evidence.push(located(m, `Stock closing line: ${quote(m.text)} (${deduct(PENALTY.stockCloser)})`, "cost"));
  }
  let stiff = 0;
  for (const m of found.stiff ?? []) {
    const share = Math.min(PENALTY.stiff, STIFF_PENALTY_CAP - stiff);
    stiff += share;
    evidence.push(located(m, `Stiff, formal wording: ${quote(m.text)}${share > 0 ? ` (${deduct(share)})` : ""}`, "cost"));
  }
  penalty += stiff;

  const dup = input.nearDuplicate;
  if (dup) {
    penalty += PENALTY.nearDuplicate;
    evidence.push({
      text: `Nearly identical (${Math.round(dup.similarity * 100)}% of phrases shared) to follow-up #${dup.otherFollowUpId} from ${dup.otherCandidateName}, another candidate for this position (${deduct(PENALTY.nearDuplicate)})`,
      effect: "cost",
      followUpId: dup.otherFollowUpId,
    });
  }
  if (penalty === 0) {
    evidence.push({ text: "No stock phrases, placeholders, stiff wording or copied text", effect: "earned" });
  } else if (1 - penalty < TONE_FLOOR_SHARE) {
    evidence.push({ text: `Deductions stop at ${Math.round(TONE_FLOOR_SHARE * max)} points`, effect: "earned" });
  }
  return part("personalTone", max, 1 - penalty, evidence, TONE_FLOOR_SHARE);
}

export function scoreFollowUp(input: FollowUpInput, settings: OrgSettings): Score {
  const w = settings.weights;
  const body = analyzeText(input.body);
  const interviewer = nameInfo(input.interviewerName);
  const found = RUBRIC_PHRASES.scan(input.body, body.tokens);
  const parts: ScorePart[] = [
    timingPart(input, settings, w.timing),
    specificityPart(input, body, interviewer, found, w.specificity),
    phrasePart(
      "ownExperience",
      "ownExperience",
      found,
      w.ownExperience,
      (m) => `Links it to own work: ${quote(m.text)}`,
      "No link to the candidate's own work, such as “at TechCorp we built…”",
      (n) => (n >= 2 ? 1 : 0.7),
      () => "One link to own work; a second, more concrete one earns the rest",
    ),
    phrasePart(
      "interest",
      "interest",
      found,
      w.interest,
      (m) => `States interest: ${quote(m.text)}`,
      "No plain statement of interest, such as “I'm very interested in this role”",
      () => 1,
    ),
    phrasePart(
      "nextStep",
      "nextStep",
      found,
      w.nextStep,
      (m) => `Proposes a next step: ${quote(m.text)}`,
      "No concrete next step (references, a call, a date, compensation)",
      () => 1,
    ),
    lengthPart(body.wordCount, w.length),
    tonePart(input, found, w.personalTone),
  ];
  const sum = parts.reduce((s, p) => s + p.points, 0);
  return { total: Math.min(100, Math.max(0, sum)), version: SCORER_VERSION, parts };
}

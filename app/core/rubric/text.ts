// Tokenization for the rubric: content words of a text as comparable keys, with their offsets.
import winkNLP from "wink-nlp";
import model from "wink-eng-lite-web-model";
import { stemmer } from "stemmer";

// Tokenization only (an empty pipe) and a Porter stem instead of wink's lemma: part-of-speech tagging
// costs about a quarter of the throughput, and without it wink's lemma only undoes plurals and a few
// irregular verbs, which the stem covers for the content words compared here ("aligned" in a message
// and "aligning" in the notes both become "align"). Scoring has to reach 10,000 messages a second.
// The model loads once per process.
const nlp = winkNLP(model, []);
const its = nlp.its;

export interface ContentWord {
  /** The word as written. */
  text: string;
  /** Lower-cased Porter stem: the form compared between message and notes. */
  key: string;
  /** Character offsets into the analysed text. */
  start: number;
  end: number;
  /** The sentence it is in (Tokens.sentence). */
  sentence: number;
}

/** The text's tokens as wink reads them, whitespace dropped: the phrase matcher walks these. */
export interface Tokens {
  /** Lower-cased, contractions expanded ("I've" gives "i", "have"). */
  normal: string[];
  /** Character offsets into the text. */
  start: number[];
  end: number[];
  /**
   * Each token's sentence, numbered from 0. A sentence ends after ".", "!", "?" or "…", and at a line
   * break: a greeting, a list item or a sign-off on a line of its own is a sentence of its own.
   */
  sentence: number[];
}

export interface AnalyzedText {
  /** Content words in order: no stop words, punctuation or number-only tokens. */
  words: ContentWord[];
  /** Distinct keys of the content words. */
  keys: Set<string>;
  /** Whitespace-separated words that hold a letter or digit, as a person would count them. */
  wordCount: number;
  tokens: Tokens;
  /** Number of sentences. */
  sentences: number;
}

const keyCache = new Map<string, string>();
const CACHE_LIMIT = 50_000;

/** Lower-cased and Porter-stemmed: "aligned", "aligning" and "aligns" share the key "align". */
function keyOf(word: string): string {
  let key = keyCache.get(word);
  if (key === undefined) {
    key = stemmer(word.toLowerCase());
    if (keyCache.size >= CACHE_LIMIT) keyCache.clear();
    keyCache.set(word, key);
  }
  return key;
}

const NON_ASCII_LETTER = /\p{L}/u;

/**
 * A content-word candidate by its own characters: starts with a letter (not a digit, an apostrophe
 * from a contraction tail like 've, a # or an @) and holds none of the characters of e-mail addresses,
 * URLs and abbreviations. This stands in for wink's token type, whose lookup cost a tenth of scoring.
 */
function isWordLike(value: string): boolean {
  if (value.length < 2) return false;
  const c = value.charCodeAt(0);
  if (!((c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 128 && NON_ASCII_LETTER.test(value[0])))) return false;
  for (let i = 1; i < value.length; i++) {
    const d = value.charCodeAt(i);
    if (d === 64 || d === 47 || d === 58 || d === 46) return false; // @ / : .
  }
  return true;
}

function isSpace(c: number): boolean {
  return c === 32 || c === 10 || c === 13 || c === 9 || c === 12 || c === 11 || c === 0xa0 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000;
}

/** Whitespace-separated runs that hold a letter or digit, as a person would count words. */
export function countWords(text: string): number {
  let n = 0;
  let inRun = false;
  let counted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (isSpace(c)) {
      inRun = false;
      continue;
    }
    if (!inRun) {
      inRun = true;
      counted = false;
    }
    if (!counted && ((c >= 48 && c <= 57) || (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 128 && /[\p{L}\p{N}]/u.test(text[i])))) {
      counted = true;
      n++;
    }
  }
  return n;
}

function isBlank(value: string): boolean {
  for (let i = 0; i < value.length; i++) if (!isSpace(value.charCodeAt(i))) return false;
  return true;
}

export function analyzeText(text: string): AnalyzedText {
  const words: ContentWord[] = [];
  const keys = new Set<string>();
  const tokens: Tokens = { normal: [], start: [], end: [], sentence: [] };
  if (isBlank(text)) return { words, keys, wordCount: 0, tokens, sentences: 0 };
  // Straight apostrophes only, so that "I’m" and "I'm" tokenize alike; the length, and so every offset,
  // stays the same.
  const plain = text.includes("’") ? text.replace(/’/g, "'") : text;
  const collection = nlp.readDoc(plain).tokens();
  const values = collection.out(its.value);
  const normals = collection.out(its.normal);
  const stops = collection.out(its.stopWordFlag) as unknown as boolean[];
  let pos = 0;
  let sentence = 0;
  let ended = false;
  for (let i = 0; i < values.length; i++) {
    const value = values[i];
    // Tokens come in order and only whitespace lies between them, so the next occurrence is the token.
    const gapStart = pos;
    let start = plain.indexOf(value, pos);
    if (start < 0) start = pos;
    else pos = start + value.length;
    if (isBlank(value)) {
      if (value.includes("\n") && tokens.normal.length > 0) ended = true;
      continue;
    }
    if (tokens.normal.length > 0 && (ended || plain.slice(gapStart, start).includes("\n"))) sentence++;
    // "2pm." and "Q3." come as one token with their full stop.
    ended = value === "." || value === "!" || value === "?" || value === "…" || (value.length > 1 && value.endsWith(".") && /\d/.test(value));
    tokens.normal.push(normals[i]);
    tokens.start.push(start);
    tokens.end.push(start + value.length);
    tokens.sentence.push(sentence);
    if (stops[i] || !isWordLike(value)) continue;
    const key = keyOf(normals[i]);
    words.push({ text: plain === text ? value : text.slice(start, start + value.length), key, start, end: start + value.length, sentence });
    keys.add(key);
  }
  return { words, keys, wordCount: countWords(text), tokens, sentences: tokens.normal.length > 0 ? sentence + 1 : 0 };
}

/** The comparable key of a single word, as analyzeText would produce it. */
export function keyOfWord(word: string): string {
  return keyOf(word);
}

/** What a follow-up is compared with: the content keys of an interview's notes, and which keys follow each other. */
export interface NotesProfile {
  keys: ReadonlySet<string>;
  /** "key key" for content words next to each other in a sentence of the notes ("discovery framework"). */
  pairs: ReadonlySet<string>;
}

/** Content words next to each other within a sentence, as "key key". */
export function adjacentPairs(words: readonly ContentWord[]): Set<string> {
  const pairs = new Set<string>();
  for (let i = 1; i < words.length; i++) {
    if (words[i].sentence === words[i - 1].sentence && words[i].key !== words[i - 1].key) pairs.add(`${words[i - 1].key} ${words[i].key}`);
  }
  return pairs;
}

const notesCache = new Map<string, NotesProfile>();
const NOTES_CACHE_LIMIT = 5_000;

/**
 * The notes' profile, memoized by text: the notes of one interview are compared with each of its
 * follow-ups, and a rescore meets the same notes again for every follow-up.
 */
export function notesProfile(notes: string): NotesProfile {
  let profile = notesCache.get(notes);
  if (profile === undefined) {
    const analyzed = analyzeText(notes);
    profile = { keys: analyzed.keys, pairs: adjacentPairs(analyzed.words) };
    if (notesCache.size >= NOTES_CACHE_LIMIT) notesCache.clear();
    notesCache.set(notes, profile);
  }
  return profile;
}

// Tokenization for the rubric: content words of a text as comparable keys, with their offsets.
import { createRequire } from "node:module";
import { stemmer } from "stemmer";

// The tokens are wink's (wink-nlp 2.4 with wink-eng-lite-web-model 1.8), read by a hand-written
// scanner instead of nlp.readDoc: building wink's document and reading it back with .out() took two
// fifths of scoring time and much of its garbage collection, and scoring has to reach 10,000 messages
// a CPU second (docs/decisions/0005-own-tokenizer.md). The scanner follows wink's tokenizer rule for
// rule, on data read once from wink's model: the lexicon's stop-word flags, contractions, spelling
// mappings and words with inner punctuation ("e-mail", "Mr.", "a.m."), and, for pieces other than a
// plain word or a word with one mark after it, wink's own regular expressions. text.test.ts checks the
// result against wink itself. A Porter stem stands in for wink's lemma: without part-of-speech tagging
// the lemma only undoes plurals and a few irregular verbs, which the stem covers for the content words
// compared here ("aligned" and "aligning" both become "align").

/** The parts of wink's English model that its tokenizer reads. */
interface WinkCoreModel {
  packing: { size: number; layout: Record<string, [number, number, number, ...number[]]> };
  /** Base64 of a Uint32Array: `packing.size` words of bit-packed properties per lexeme. */
  lexicon: string;
  /** Base64 of a Uint32Array: per contraction part, its lexeme, normal, lemma and part of speech. */
  xpansions: string;
  features: { lexeme: { list: string[] } };
  tcat: { hash: Record<string, number> };
  trex: {
    ltc: [string, string, number][];
    rtc: [string, string, number][];
    helpers: Record<"anyWithRP" | "anyWithLP" | "LPanyRP", [string, string]>;
  };
  preserve: { prefix: Record<string, boolean>; suffix: Record<string, boolean> };
}

interface ContractionPart {
  value: string;
  normal: string;
}

/** What the scanner needs from wink's model, built once per process (10–60 ms of CPU). */
interface Lexicon {
  /** Lexemes that wink flags as stop words: a token is one if its normal is. */
  stopWords: Set<string>;
  /** A lower-cased word's normal where it is not the word itself: mapped spellings ("colour" → "color"). */
  normalOfLower: Map<string, string>;
  /** A word with capitals whose normal is not that of its lower case ("Steve" stays "Steve"). */
  normalOfExact: Map<string, string>;
  /** Contractions as wink splits and normalizes them ("can't" → "ca"/"can", "n't"/"not"). */
  contractions: Map<string, ContractionPart[]>;
  /** Lexemes that are not all letters ("e-mail", "Mr.", "a.m.", "o'clock", "1,000"): wink keeps them whole. */
  compounds: Set<string>;
}

// The model JSON is the file wink-eng-lite-web-model itself loads; reading it directly costs a JSON
// parse, where instantiating wink costs half a second.
const core = createRequire(import.meta.url)(
  "wink-eng-lite-web-model/dist/languages/cur/models/eng-core-web-model.json",
) as WinkCoreModel;

const CAT = core.tcat.hash;
const UNK = CAT.unk;
const WORD = CAT.word;
const WORD_RP = CAT.wordRP;
/** Wink's "all letters" test (its first token category). */
const WORD_RX = new RegExp(core.trex.ltc[0][0], core.trex.ltc[0][1]);

function uint32s(base64: string): Uint32Array {
  const bytes = Buffer.from(base64, "base64");
  return new Uint32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength >>> 2);
}

function isAsciiLetters(value: string): boolean {
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i) | 32;
    if (c < 97 || c > 122) return false;
  }
  return value.length > 0;
}

function loadLexicon(): Lexicon {
  const list = core.features.lexeme.list;
  const packed = uint32s(core.lexicon);
  const xpansions = uint32s(core.xpansions);
  const { size, layout } = core.packing;
  const field = (name: string) => {
    const [word, mask, shift] = layout[name];
    return (i: number) => (packed[word + i * size] & mask) >>> shift;
  };
  const isStopWord = field("isStopWord");
  const isContraction = field("isContraction");
  const isSpellingMapped = field("isSpellingMapped");
  const lemma = field("lemma");
  const normalOffset = field("normal");
  const lexicon: Lexicon = {
    stopWords: new Set(),
    normalOfLower: new Map(),
    normalOfExact: new Map(),
    contractions: new Map(),
    compounds: new Set(),
  };
  const withCapitals: number[] = [];
  const normals: string[] = new Array(list.length);
  for (let i = 0; i < list.length; i++) {
    const value = list[i];
    // As wink's cache.normal(): a mapped spelling points at its normal through the lemma field, any
    // other lexeme at a lexeme a few places on (its lower case).
    const normal = isSpellingMapped(i) ? list[lemma(i)] : list[i + normalOffset(i)];
    normals[i] = normal;
    if (isStopWord(i)) lexicon.stopWords.add(value);
    if (!isAsciiLetters(value) && !WORD_RX.test(value)) lexicon.compounds.add(value);
    if (value === value.toLowerCase()) {
      if (normal !== value) lexicon.normalOfLower.set(value, normal);
    } else {
      withCapitals.push(i);
    }
    if (isContraction(i)) {
      // As wink's cache.lookup(): the lemma field holds where the parts start and how many words they take.
      const at = lemma(i) & 0x3fff;
      const count = (lemma(i) >>> 14) & 0x1f;
      const parts: ContractionPart[] = [];
      for (let k = 0; k < count; k += 4)
        parts.push({ value: list[xpansions[at + k]], normal: list[xpansions[at + k + 1]] });
      lexicon.contractions.set(value, parts);
    }
  }
  // A word not in the lexicon gets the normal of its lower case; record the few lexemes that differ.
  for (const i of withCapitals) {
    const lower = list[i].toLowerCase();
    if (normals[i] !== (lexicon.normalOfLower.get(lower) ?? lower))
      lexicon.normalOfExact.set(list[i], normals[i]);
  }
  return lexicon;
}

const LEXICON = loadLexicon();

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
   * Each token's sentence, numbered from 0. A sentence ends after ".", "!", "?" or "…", at a blank
   * line, and at a line break after a short line: a greeting, a list item or a sign-off on a line of
   * its own is a sentence of its own, but a sentence hard-wrapped over lines stays one.
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
  if (!((c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 128 && NON_ASCII_LETTER.test(value[0]))))
    return false;
  for (let i = 1; i < value.length; i++) {
    const d = value.charCodeAt(i);
    if (d === 64 || d === 47 || d === 58 || d === 46) return false; // @ / : .
  }
  return true;
}

function isSpace(c: number): boolean {
  return (
    c === 32 ||
    c === 10 ||
    c === 13 ||
    c === 9 ||
    c === 12 ||
    c === 11 ||
    c === 0xa0 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000
  );
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
    if (
      !counted &&
      ((c >= 48 && c <= 57) ||
        (c >= 97 && c <= 122) ||
        (c >= 65 && c <= 90) ||
        (c >= 128 && /[\p{L}\p{N}]/u.test(text[i])))
    ) {
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

/** Wink's tokenizer rules: first token category whose test matches a whole piece. */
const CATEGORY_TESTS = core.trex.ltc.map(([source, flags, cat]) => ({ rx: new RegExp(source, flags), cat }));
/** Wink's fallback: pieces are split on each of these in turn, what lies between goes to the next. */
const SPLITTERS = core.trex.rtc.map(([source, flags, cat]) => ({ rx: new RegExp(source, flags), cat }));
const WITH_RIGHT_PUNCT = new RegExp(...core.trex.helpers.anyWithRP);
const WITH_LEFT_PUNCT = new RegExp(...core.trex.helpers.anyWithLP);
const WITH_BOTH_PUNCT = new RegExp(...core.trex.helpers.LPanyRP);
// From wink-nlp's recursive-tokenizer.js.
const SHORT_FORM_DOT = /^(?:(?:[A-Z])(?:\.))+$/i;
const SHORT_FORM = /^(?:(?:[A-Z])(?:\.))+[a-z]?$/i;
const HYPHENS = /[-–—]/g;
const DIGIT = /[0-9]/;
const PRESERVED_PREFIX = core.preserve.prefix;
const PRESERVED_SUFFIX = core.preserve.suffix;

function categoryOf(piece: string): number {
  for (const { rx, cat } of CATEGORY_TESTS) if (rx.test(piece)) return cat;
  return UNK;
}

/** Wink's isLexeme() as far as it decides anything: a word of letters only splits no further anyway. */
function isLexeme(piece: string): boolean {
  return LEXICON.compounds.has(piece) || isAsciiLetters(piece) || WORD_RX.test(piece);
}

/** Wink's separators: spaces, no-break and fixed-width spaces, tabs and line breaks. */
function isSeparator(c: number): boolean {
  return (
    c === 32 ||
    c === 10 ||
    c === 13 ||
    c === 9 ||
    c === 0xa0 ||
    (c >= 0x2002 && c <= 0x2005) ||
    c === 0x2009 ||
    c === 0x200a ||
    c === 0x202f ||
    c === 0x205f
  );
}

/** ASCII marks that wink splits off a word of letters (its "wordRP" category). */
function isRightPunct(c: number): boolean {
  return (
    c === 46 ||
    c === 44 ||
    c === 33 ||
    c === 63 ||
    c === 59 ||
    c === 58 ||
    c === 41 ||
    c === 34 ||
    c === 93 ||
    c === 125 ||
    c === 47
  );
}

/** Wink's normal of a token: lower case, with British spellings and a few words mapped. */
function normalOf(value: string): string {
  const lower = value.toLowerCase();
  if (lower !== value) {
    const exact = LEXICON.normalOfExact.get(value);
    if (exact !== undefined) return exact;
  }
  return LEXICON.normalOfLower.get(lower) ?? lower;
}

/** A token as read from one piece of text (the characters between two separators). */
interface PieceToken {
  /** The token's characters, or for a contraction part what wink calls it ("ca" of "can't"). */
  value: string;
  normal: string;
  /** Offsets into the piece. */
  from: number;
  to: number;
  /** The content word's key, or null for a stop word, punctuation or a number. */
  key: string | null;
  /** Whether a sentence ends after it. */
  endsSentence: boolean;
}

/**
 * Reads one piece by wink's rules into tokens. A piece reads the same wherever it stands, so pieces
 * are memoized (pieceTokens): most of a text's pieces are a few thousand words and punctuated words.
 */
class PieceReader {
  readonly tokens: PieceToken[] = [];
  /** Where the next token is looked for. */
  private cursor = 0;

  constructor(private readonly piece: string) {}

  read(): PieceToken[] {
    const { piece } = this;
    const end = piece.length;
    let letters = 0;
    while (letters < end) {
      const c = piece.charCodeAt(letters) | 32;
      if (c < 97 || c > 122) break;
      letters++;
    }
    if (letters === end) {
      // "Sarah", "dont": one token, or a contraction's parts.
      this.addLexeme(piece);
    } else if (letters > 0 && letters === end - 1 && isRightPunct(piece.charCodeAt(letters))) {
      // "today." "Dana,": a lexeme whole ("etc.", "Mr.", "a."), else as wink's processWordRP().
      if (LEXICON.compounds.has(piece)) this.addLexeme(piece);
      else this.wordThenPunct(piece);
    } else if (isLexeme(piece)) {
      this.addLexeme(piece);
    } else {
      this.byCategory(piece, categoryOf(piece));
    }
    return this.tokens;
  }

  /** wink's processFunctions[category]. */
  private byCategory(piece: string, cat: number): void {
    if (cat === UNK) this.unknown(piece);
    else if (cat === WORD_RP) this.wordThenPunct(piece);
    else this.add(piece);
  }

  /** wink's processWordRP(): "x." stays whole (an initial), a longer word loses its mark. */
  private wordThenPunct(piece: string): void {
    if (piece.length === 2 && piece[1] === ".") {
      this.add(piece);
    } else {
      this.add(piece.slice(0, -1));
      this.add(piece.slice(-1));
    }
  }

  /** wink's processUnk(): marks before and after a piece, else the recursive tokenizer. */
  private unknown(piece: string): void {
    let m = WITH_RIGHT_PUNCT.exec(piece);
    if (m !== null) {
      if (isLexeme(m[1])) {
        this.addLexeme(m[1]);
        this.add(m[2]);
      } else {
        const cat = categoryOf(m[1]);
        if (cat === UNK) {
          this.split(piece, 0);
        } else {
          this.byCategory(m[1], cat);
          this.add(m[2]);
        }
      }
      return;
    }
    m = WITH_LEFT_PUNCT.exec(piece);
    if (m !== null) {
      const cat = isLexeme(m[2]) ? -1 : categoryOf(m[2]);
      if (cat === UNK) {
        this.split(piece, 0);
      } else {
        this.add(m[1]);
        if (cat < 0) this.addLexeme(m[2]);
        else this.byCategory(m[2], cat);
      }
      return;
    }
    m = WITH_BOTH_PUNCT.exec(piece);
    if (m !== null) {
      const cat = isLexeme(m[2]) ? -1 : categoryOf(m[2]);
      if (cat === UNK) {
        this.split(piece, 0);
      } else {
        this.add(m[1]);
        if (cat < 0) this.addLexeme(m[2]);
        else this.byCategory(m[2], cat);
        this.add(m[3]);
      }
      return;
    }
    this.split(piece, 0);
  }

  /** wink's recursive tokenizer: matches of splitter `level` are tokens, what lies between goes deeper. */
  private split(text: string, level: number): void {
    if (level === SPLITTERS.length) {
      this.add(text);
      return;
    }
    const rest = text.trim();
    const { rx, cat } = SPLITTERS[level];
    rx.lastIndex = 0;
    let last = 0;
    for (let m = rx.exec(rest); m !== null; m = rx.exec(rest)) {
      const between = rest.slice(last, m.index).trim();
      if (between) this.split(between, level + 1);
      if (cat === WORD) this.wordWithPeriods(m[0]);
      else this.addLexeme(m[0]);
      last = m.index + m[0].length;
      if (m[0].length === 0) rx.lastIndex++;
    }
    const tail = rest.slice(last).trim();
    if (tail) this.split(tail, level + 1);
  }

  /** wink's pushWordToken(): periods split a word unless they make an abbreviation or a lexeme. */
  private wordWithPeriods(word: string): void {
    if (isLexeme(word) || SHORT_FORM_DOT.test(word)) {
      this.addLexeme(word);
      return;
    }
    if (!word.includes(".")) {
      this.hyphenated(word);
      return;
    }
    const parts = word.split(".");
    let current = "";
    for (let i = 0; i < parts.length; i++) {
      let next = current + parts[i];
      if (SHORT_FORM.test(next) || (isLexeme(next) && next.length > 2) || current === "") {
        current = next;
      } else {
        this.hyphenated(current);
        current = parts[i];
      }
      if (i < parts.length - 1) {
        next = `${current}.`;
        if (SHORT_FORM.test(next) || (isLexeme(next) && next.length > 2)) {
          current = next;
        } else {
          this.hyphenated(current);
          this.addLexeme(".");
          current = "";
        }
      }
    }
    if (current !== "") this.hyphenated(current);
  }

  /** wink's pushHyphenatedToken(): hyphens split a word unless it is a lexeme, holds a digit or has a kept prefix or suffix. */
  private hyphenated(word: string): void {
    if (isLexeme(word) || DIGIT.test(word)) {
      this.addLexeme(word);
      return;
    }
    const hyphens = word.match(HYPHENS);
    if (hyphens === null) {
      this.addLexeme(word);
      return;
    }
    const parts = word.split(HYPHENS);
    if (PRESERVED_PREFIX[parts[0]] || PRESERVED_SUFFIX[parts[parts.length - 1]]) {
      this.addLexeme(word);
      return;
    }
    for (let i = 0; i < parts.length; i++) {
      if (parts[i] !== "") this.addLexeme(parts[i]);
      if (i < hyphens.length) this.addLexeme(hyphens[i]);
    }
  }

  /** A token that may be a contraction, which wink expands into its parts ("can't" → "can", "not"). */
  private addLexeme(value: string): void {
    const parts = LEXICON.contractions.get(value);
    if (parts === undefined) {
      this.add(value);
    } else {
      for (const part of parts) this.add(part.value, part.normal);
    }
  }

  /** Adds a token at the next occurrence of its value in the piece. */
  private add(value: string, normal = normalOf(value)): void {
    let from = this.piece.indexOf(value, this.cursor);
    if (from < 0) from = this.cursor;
    const to = Math.min(from + value.length, this.piece.length);
    this.cursor = to;
    if (isBlank(value)) return;
    const key = LEXICON.stopWords.has(normal) || !isWordLike(value) ? null : keyOf(normal);
    // "2pm." and "Q3." come as one token with their full stop.
    const endsSentence =
      value === "." ||
      value === "!" ||
      value === "?" ||
      value === "…" ||
      (value.length > 1 && value.endsWith(".") && /\d/.test(value));
    this.tokens.push({ value, normal, from, to, key, endsSentence });
  }
}

const pieceCache = new Map<string, PieceToken[]>();

function pieceTokens(piece: string): PieceToken[] {
  let tokens = pieceCache.get(piece);
  if (tokens === undefined) {
    tokens = new PieceReader(piece).read();
    if (pieceCache.size >= CACHE_LIMIT) pieceCache.clear();
    pieceCache.set(piece, tokens);
  }
  return tokens;
}

/** A line shorter than this stands on its own; longer ones may be a wrapped sentence. */
const SHORT_LINE = 50;
const LIST_MARKER = /^(?:[-*•–]|\d{1,2}[.)])$/;

export function analyzeText(text: string): AnalyzedText {
  const words: ContentWord[] = [];
  const keys = new Set<string>();
  const tokens: Tokens = { normal: [], start: [], end: [], sentence: [] };
  // Straight apostrophes only, so that "I’m" and "I'm" tokenize alike; the length, and so every offset,
  // stays the same.
  const plain = text.includes("’") ? text.replace(/’/g, "'") : text;
  const n = plain.length;
  let sentence = 0;
  let ended = false;
  // Line breaks since the last token, and the length of the line the first of them ended.
  let newlines = 0;
  let lineStart = 0;
  let lineLength = 0;
  for (let i = 0; i < n;) {
    const c = plain.charCodeAt(i);
    if (isSeparator(c)) {
      if (c === 10) {
        if (newlines++ === 0) lineLength = i - lineStart;
        lineStart = i + 1;
      }
      i++;
      continue;
    }
    let j = i + 1;
    while (j < n && !isSeparator(plain.charCodeAt(j))) j++;
    // A blank line ends a sentence, and so does a line break after a short line (a greeting, a list
    // item, a sign-off) or before a list marker; a break inside hard-wrapped text (mail wrapped at
    // about 72 characters) does not.
    const lineBreak =
      newlines >= 2 || (newlines === 1 && (lineLength < SHORT_LINE || LIST_MARKER.test(plain.slice(i, j))));
    newlines = 0;
    let first = true;
    for (const t of pieceTokens(plain.slice(i, j))) {
      if (tokens.normal.length > 0 && (ended || (first && lineBreak))) sentence++;
      ended = t.endsSentence;
      first = false;
      const start = i + t.from;
      const end = i + t.to;
      tokens.normal.push(t.normal);
      tokens.start.push(start);
      tokens.end.push(end);
      tokens.sentence.push(sentence);
      if (t.key !== null) {
        words.push({
          text: plain === text ? t.value : text.slice(start, end),
          key: t.key,
          start,
          end,
          sentence,
        });
        keys.add(t.key);
      }
    }
    i = j;
  }
  const sentences = tokens.normal.length === 0 ? 0 : sentence + 1;
  return { words, keys, wordCount: countWords(text), tokens, sentences };
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
    if (words[i].sentence === words[i - 1].sentence && words[i].key !== words[i - 1].key)
      pairs.add(`${words[i - 1].key} ${words[i].key}`);
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

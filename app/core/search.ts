// The header search's words: how a candidate's name, email and phone become the terms stored in
// candidate_search_terms (migration 0021), and how a typed query becomes the prefixes looked up there.
// A query finds a candidate when every one of its words is the start of one of the candidate's terms,
// so "ais ad" finds Aisha Adams, "adams@" her email, and "(555) 01" any phone whose digits start 55501.

/** Shorter queries list nothing: a single letter would match a large share of any organization. */
export const MIN_QUERY_LENGTH = 2;
/** Longer terms are cut: nobody types more of a name or an address than this to find it. */
const MAX_TERM_LENGTH = 100;
/** At most this many words of a query are looked up; the rest would narrow nothing in practice. */
const MAX_QUERY_WORDS = 4;

/** Lower case without accents, so "José" and "jose" are one word. */
export function foldText(text: string): string {
  return text.normalize("NFKD").replace(/\p{M}/gu, "").toLowerCase();
}

const EDGES = /^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu;
const INNER = /[^\p{L}\p{N}]+/u;

/** A word without the punctuation around it; its inner punctuation ("o'brien", "a.b@c.com") is kept. */
function trimWord(word: string): string {
  return word.replace(EDGES, "");
}

/**
 * The digits of a phone number; also its last ten when it carries a country code, and its last seven
 * (the local number, typed without the area code).
 */
export function phoneDigits(phone: string): string[] {
  const digits = phone.replace(/\D/g, "");
  if (digits.length === 0) return [];
  const forms = [digits];
  if (digits.length > 10) forms.push(digits.slice(-10));
  if (digits.length >= 10) forms.push(digits.slice(-7));
  return forms;
}

/**
 * The terms a candidate is found by: each word of the name (whole, and its pieces around inner
 * punctuation, and those pieces joined: "o'brien", "o", "brien", "obrien"); the email from the start
 * of each piece of its local part ("aisha.adams@x.com", "adams@x.com") and its domain; the phone's digits.
 */
export function candidateSearchTerms(candidate: {
  name: string;
  email: string | null;
  phone: string | null;
}): string[] {
  const terms = new Set<string>();
  for (const raw of foldText(candidate.name).split(/\s+/)) {
    const word = trimWord(raw);
    if (!word) continue;
    terms.add(word);
    const pieces = word.split(INNER).filter(Boolean);
    if (pieces.length > 1) {
      for (const piece of pieces) terms.add(piece);
      terms.add(pieces.join(""));
    }
  }
  const email = trimWord(foldText(candidate.email ?? "").trim());
  if (email) {
    terms.add(email);
    const at = email.lastIndexOf("@");
    const local = at >= 0 ? email.slice(0, at) : email;
    const pattern = /[^\p{L}\p{N}]+/gu;
    for (let m = pattern.exec(local); m; m = pattern.exec(local)) {
      const rest = email.slice(m.index + m[0].length);
      if (rest) terms.add(rest);
    }
    if (at >= 0 && at < email.length - 1) terms.add(email.slice(at + 1));
  }
  for (const digits of phoneDigits(candidate.phone ?? "")) terms.add(digits);
  return [...new Set([...terms].map((t) => t.slice(0, MAX_TERM_LENGTH)))].filter(Boolean);
}

export type SearchQuery =
  | { kind: "empty" }
  | { kind: "too-short"; text: string }
  /** Words to match as prefixes of a candidate's terms; `titleWords` for positions' titles. */
  | { kind: "words"; text: string; words: string[]; titleWords: string[] };

/**
 * Reads the search box. A query of only digits and phone punctuation ("+1 (555) 010-2030") is one
 * word of its digits; otherwise each whitespace-separated word, folded and trimmed of punctuation.
 */
export function parseSearchQuery(input: string | null | undefined): SearchQuery {
  const text = (input ?? "").trim().slice(0, 200);
  if (!text) return { kind: "empty" };
  if (text.length < MIN_QUERY_LENGTH) return { kind: "too-short", text };
  if (/^[\d\s()+.\-/]+$/.test(text) && /\d{2}/.test(text.replace(/\D/g, ""))) {
    const digits = text.replace(/\D/g, "").slice(0, MAX_TERM_LENGTH);
    return { kind: "words", text, words: [digits], titleWords: [digits] };
  }
  const words = [
    ...new Set(
      foldText(text)
        .split(/\s+/)
        .map(trimWord)
        .filter(Boolean)
        .map((w) => w.slice(0, MAX_TERM_LENGTH)),
    ),
  ].slice(0, MAX_QUERY_WORDS);
  if (words.length === 0) return { kind: "too-short", text };
  // A title is matched word by word on its plain letters, so "sales," still finds "Inside Sales".
  const titleWords = words.flatMap((w) => w.split(INNER)).filter(Boolean);
  return { kind: "words", text, words, titleWords };
}

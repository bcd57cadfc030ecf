import { describe, expect, it } from "vitest";
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
    expect(analyzeText("The frameworks we built").keys).toEqual(new Set([keyOfWord("framework"), keyOfWord("built")]));
  });

  it("counts words as a person would", () => {
    expect(countWords("Good talking today. I've been at TechCorp — 30-60-90 plan!")).toBe(9);
    expect(countWords("   ")).toBe(0);
    expect(analyzeText("").wordCount).toBe(0);
  });

  it("tokenizes phrases across curly and straight apostrophes alike", () => {
    expect(analyzeText("I’d love to").tokens.normal).toEqual(analyzeText("I'd love to").tokens.normal);
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

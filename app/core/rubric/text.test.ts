import { describe, expect, it } from "vitest";
import { analyzeText, countWords, keyOfWord, notesKeys } from "./text";

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

describe("notesKeys", () => {
  it("is memoized by text", () => {
    expect(notesKeys("discovery framework")).toBe(notesKeys("discovery framework"));
  });
});

describe("contentKeys", () => {
  it("gives the same keys as analyzeText", async () => {
    const { contentKeys } = await import("./text");
    for (const text of ["", "Discussed the CFOs’ alignment; team size 12; quota; I've been at TechCorp.", "  \n\t e-mail a@b.com 1st 2026 naïve résumé"]) {
      expect(contentKeys(text)).toEqual(analyzeText(text).keys);
    }
  });
});

import { describe, expect, it } from "vitest";
import { GENERIC_TERMS, termWeight } from "./rarity";
import { keyOfWord } from "./text";

/** The weight of a word as the scorer meets it: by its key, as analyzeText makes them. */
function weightOf(word: string): number {
  return termWeight(keyOfWord(word));
}

describe("termWeight", () => {
  it.each(["team", "Teams", "innovative", "culture", "year"])("weighs the generic word “%s” 0", (word) => {
    expect(weightOf(word)).toBe(0);
  });

  it("weighs every generic term 0, in every inflection its stem covers", () => {
    for (const word of GENERIC_TERMS) expect(weightOf(word), word).toBe(0);
  });

  it("weighs a rare business word in full", () => {
    expect(weightOf("pipeline")).toBe(1);
    expect(weightOf("quota")).toBe(1);
  });

  it("weighs “year” less than “pipeline”", () => {
    expect(weightOf("year")).toBeLessThan(weightOf("pipeline"));
  });

  it("weighs a common word that is not generic less than a rare one, but above nothing", () => {
    const hospital = weightOf("hospital");
    expect(hospital).toBeGreaterThanOrEqual(0.15);
    expect(hospital).toBeLessThan(0.5);
    expect(hospital).toBeLessThan(weightOf("renewal"));
  });

  it("weighs a product name no word list knows (“Dentrix”) in full", () => {
    expect(weightOf("Dentrix")).toBe(1);
  });

  it("keeps every weight in [0, 1]", () => {
    const words = [
      "the",
      "a",
      "you",
      "hospital",
      "office",
      "renewal",
      "discovery",
      "framework",
      "CFOs",
      "Dentrix",
      "no-show",
      "x",
      "zzzz",
      ...GENERIC_TERMS,
    ];
    for (const word of words) {
      const weight = weightOf(word);
      expect(weight, word).toBeGreaterThanOrEqual(0);
      expect(weight, word).toBeLessThanOrEqual(1);
    }
  });
});

import { describe, expect, it } from "vitest";
import { candidateSearchTerms, parseSearchQuery, phoneDigits } from "./search";

describe("candidateSearchTerms", () => {
  it("folds each word of the name, with its pieces around inner punctuation", () => {
    expect(candidateSearchTerms({ name: "José O'Brien-Díaz", email: null, phone: null })).toEqual([
      "jose",
      "o'brien-diaz",
      "o",
      "brien",
      "diaz",
      "obriendiaz",
    ]);
  });

  it("keeps the email from each piece of its local part, and its domain", () => {
    expect(candidateSearchTerms({ name: "A", email: "Aisha.Adams@Mail.example", phone: null })).toEqual([
      "a",
      "aisha.adams@mail.example",
      "adams@mail.example",
      "mail.example",
    ]);
  });

  it("keeps a phone's digits, without the country code and without the area code", () => {
    expect(phoneDigits("+1 (303) 555-0128")).toEqual(["13035550128", "3035550128", "5550128"]);
    expect(phoneDigits("555-0100")).toEqual(["5550100"]);
    expect(phoneDigits("n/a")).toEqual([]);
  });
});

describe("parseSearchQuery", () => {
  it("tells an empty and a too-short query apart", () => {
    expect(parseSearchQuery(null)).toEqual({ kind: "empty" });
    expect(parseSearchQuery("   ")).toEqual({ kind: "empty" });
    expect(parseSearchQuery("x")).toEqual({ kind: "too-short", text: "x" });
    expect(parseSearchQuery("--")).toEqual({ kind: "too-short", text: "--" });
  });

  it("reads a phone number as its digits, and other words folded and trimmed", () => {
    expect(parseSearchQuery(" (303) 555-01 ")).toMatchObject({ words: ["30355501"] });
    expect(parseSearchQuery("Aisha, ADAMS@")).toMatchObject({
      words: ["aisha", "adams"],
      titleWords: ["aisha", "adams"],
    });
    expect(parseSearchQuery("sales/ops")).toMatchObject({
      words: ["sales/ops"],
      titleWords: ["sales", "ops"],
    });
  });
});

import { describe, expect, it } from "vitest";
import {
  DECLINED,
  DEFAULT_DEMOGRAPHIC_CATEGORIES,
  DemographicCategoriesFormSchema,
  demographicAnswersSchema,
  parseDemographicCategories,
  readAnswer,
} from "./demographics";

const cats = DEFAULT_DEMOGRAPHIC_CATEGORIES;

describe("reading an imported answer", () => {
  it("matches a choice whatever its case and punctuation, and common other spellings", () => {
    expect(readAnswer("sex", "female", cats)).toEqual({ ok: true, value: "Female" });
    expect(readAnswer("sex", "M", cats)).toEqual({ ok: true, value: "Male" });
    expect(readAnswer("raceEthnicity", "White (Not Hispanic or Latino)", cats)).toEqual({
      ok: true,
      value: "White",
    });
    expect(readAnswer("raceEthnicity", "Latina", cats)).toEqual({ ok: true, value: "Hispanic or Latino" });
    expect(readAnswer("ageBand", "30-39", cats)).toEqual({ ok: true, value: "30–39" });
  });

  it("reads the ways of declining, and an empty cell as no answer", () => {
    for (const text of [
      "Decline to self-identify",
      "Prefer not to say",
      "I don't wish to answer",
      "declined",
    ])
      expect(readAnswer("sex", text, cats)).toEqual({ ok: true, value: DECLINED });
    expect(readAnswer("sex", "  ", cats)).toEqual({ ok: true, value: null });
  });

  it("refuses anything else and names the choices", () => {
    const r = readAnswer("sex", "Robot", cats);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toContain("Male, Female, or declined");
  });

  it("offers a synonym only when the organization has that choice", () => {
    const own = { ...cats, sex: ["Woman", "Man", "Non-binary"] };
    expect(readAnswer("sex", "M", own).ok).toBe(false);
    expect(readAnswer("sex", "non binary", own)).toEqual({ ok: true, value: "Non-binary" });
  });
});

describe("an organization's choices", () => {
  it("fall back to the defaults, list by list, when stored ones are missing or invalid", () => {
    expect(parseDemographicCategories(null)).toEqual(cats);
    expect(parseDemographicCategories("not json")).toEqual(cats);
    const mixed = parseDemographicCategories(JSON.stringify({ sex: ["Woman", "Man"], ageBand: [] }));
    expect(mixed.sex).toEqual(["Woman", "Man"]);
    expect(mixed.ageBand).toEqual(cats.ageBand);
  });

  it("are edited one per line; duplicates and the reserved “declined” are refused beside the list", () => {
    const ok = DemographicCategoriesFormSchema.safeParse({
      sex: "Woman\r\nMan\n\nNon-binary",
      raceEthnicity: "A\nB",
      ageBand: "Under 40\n40 and over",
    });
    expect(ok.success && ok.data.sex).toEqual(["Woman", "Man", "Non-binary"]);
    const bad = DemographicCategoriesFormSchema.safeParse({
      sex: "Woman\nwoman",
      raceEthnicity: "Declined",
      ageBand: "",
    });
    expect(bad.success).toBe(false);
    const paths = bad.error!.issues.map((i) => i.path[0]);
    expect(new Set(paths)).toEqual(new Set(["sex", "raceEthnicity", "ageBand"]));
  });
});

describe("the answers form", () => {
  it("takes a listed choice, declined, or nothing; refuses anything else", () => {
    const schema = demographicAnswersSchema(cats);
    expect(schema.parse({ sex: "Female", raceEthnicity: DECLINED, ageBand: "" })).toEqual({
      sex: "Female",
      raceEthnicity: DECLINED,
      ageBand: null,
    });
    expect(schema.safeParse({ sex: "Robot" }).success).toBe(false);
  });
});

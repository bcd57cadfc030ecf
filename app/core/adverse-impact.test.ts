import { describe, expect, it } from "vitest";
import {
  formatP,
  formatRate,
  formatRatio,
  fourFifthsFlag,
  impactCsvRows,
  impactGroups,
  impactRatio,
  impactTables,
  impactTest,
  type ImpactCell,
} from "./adverse-impact";
import { DECLINED, DEFAULT_DEMOGRAPHIC_CATEGORIES } from "./demographics";

const tally = (key: string, selected: number, n: number) => ({
  key,
  label: key,
  n,
  selected,
  retired: false,
});

function cell(overrides: Partial<ImpactCell>): ImpactCell {
  return {
    sex: null,
    raceEthnicity: null,
    ageBand: null,
    applications: 0,
    scored: 0,
    strong: 0,
    aboveMedian: 0,
    followUpDecided: 0,
    followedUp: 0,
    decided: 0,
    offers: 0,
    ...overrides,
  };
}

describe("impact ratio and the four-fifths rule", () => {
  it("divides a group's rate by the most favoured group's", () => {
    // 12/30 = 0.4 against 40/50 = 0.8: 0.4 / 0.8 = 0.5.
    expect(impactRatio(12 / 30, 40 / 50)).toBeCloseTo(0.5, 12);
    expect(impactRatio(0.3, 0)).toBeNull();
    expect(impactRatio(null, 0.5)).toBeNull();
  });

  it("flags a ratio under 0.8, not one of exactly 0.8", () => {
    expect(fourFifthsFlag(0.5)).toBe(true);
    expect(fourFifthsFlag(0.79)).toBe(true);
    // 0.4 / 0.5 and 8/10 ÷ 10/10 land on 0.8 exactly or a rounding hair from it: not adverse.
    expect(fourFifthsFlag(0.4 / 0.5)).toBe(false);
    expect(fourFifthsFlag(0.32 / 0.4)).toBe(false);
    expect(fourFifthsFlag(1)).toBe(false);
    expect(fourFifthsFlag(null)).toBe(false);
  });
});

describe("p-values against the most favoured group", () => {
  it("uses the pooled z-test when every expected count is 5 or more (hand-computed)", () => {
    // 12 of 30 against 40 of 50. Pooled p = 52/80 = 0.65; SE = √(0.65 · 0.35 · (1/30 + 1/50))
    // = √(0.2275 · 0.053333) = 0.110151; z = (0.4 − 0.8) / 0.110151 = −3.63137;
    // two-sided p = erfc(3.63137 / √2) = 0.000281926. Smallest expected count 30 · 28/80 = 10.5.
    const t = impactTest(12, 30, 40, 50)!;
    expect(t.test).toBe("z-test");
    expect(t.p).toBeCloseTo(0.000281926, 8);
  });

  it("uses Fisher's exact test when an expected count is under 5 (hand-computed)", () => {
    // 1 of 5 against 5 of 6: margins 5 and 6 of 11 (expected 5 · 5/11 = 2.27). With the margins fixed,
    // P(k of the group selected) = C(6,k)·C(5,5−k)/C(11,5) = {1, 30, 150, 200, 75, 6}/462 for k = 0…5.
    // Observed k = 1 (30/462); tables no more likely: k = 0, 1, 5: (1 + 30 + 6)/462 = 0.0800866.
    const t = impactTest(1, 5, 5, 6)!;
    expect(t.test).toBe("fisher");
    expect(t.p).toBeCloseTo(37 / 462, 10);
  });

  it("has no test for an empty group", () => {
    expect(impactTest(0, 0, 5, 6)).toBeNull();
  });
});

describe("a table of groups", () => {
  it("takes the highest rate as the reference and compares the others with it", () => {
    const [a, b, c] = impactGroups([tally("A", 40, 50), tally("B", 12, 30), tally("C", 30, 50)]);
    expect(a).toMatchObject({ reference: true, impactRatio: 1, flagged: false, test: null, rate: 0.8 });
    expect(b.impactRatio).toBeCloseTo(0.5, 12);
    expect(b.flagged).toBe(true);
    expect(b.test!.p).toBeCloseTo(0.000281926, 8);
    // 30 of 50 = 0.6 against 0.8: ratio 0.75, flagged. Pooled 70/100 = 0.7; SE = √(0.7 · 0.3 · 2/50)
    // = 0.0916515; z = −0.2 / 0.0916515 = −2.18218; p = 0.0290963.
    expect(c.impactRatio).toBeCloseTo(0.75, 12);
    expect(c.flagged).toBe(true);
    expect(c.test!.p).toBeCloseTo(0.0290963, 6);
  });

  it("leaves groups under 2% of the known answers out of the ratios, and never takes them as reference", () => {
    // D: 1 of 1 (100%) is 1/101 < 2% of the data.
    const [a, b, d] = impactGroups([tally("A", 40, 50), tally("B", 30, 50), tally("D", 1, 1)]);
    expect(d).toMatchObject({
      small: true,
      reference: false,
      impactRatio: null,
      flagged: false,
      test: null,
      rate: 1,
    });
    expect(a.reference).toBe(true);
    expect(b.impactRatio).toBeCloseTo(0.75, 12);
  });

  it("keeps categories nobody chose, without a rate", () => {
    const [, empty] = impactGroups([tally("A", 4, 10), tally("E", 0, 0)]);
    expect(empty).toMatchObject({ n: 0, rate: null, impactRatio: null, flagged: false, small: true });
  });

  it("breaks a tie of rates by the larger group", () => {
    const groups = impactGroups([tally("A", 5, 10), tally("B", 50, 100)]);
    expect(groups.map((g) => g.reference)).toEqual([false, true]);
    expect(groups[0].impactRatio).toBe(1);
  });
});

describe("the report's tables from the SQL cube", () => {
  const cells: ImpactCell[] = [
    cell({
      sex: "Female",
      raceEthnicity: "Asian",
      ageBand: "30–39",
      scored: 10,
      strong: 3,
      decided: 8,
      offers: 2,
    }),
    cell({
      sex: "Female",
      raceEthnicity: "White",
      ageBand: "Under 30",
      scored: 20,
      strong: 8,
      decided: 10,
      offers: 5,
    }),
    cell({
      sex: "Male",
      raceEthnicity: "White",
      ageBand: null,
      scored: 30,
      strong: 18,
      decided: 12,
      offers: 6,
    }),
    cell({ sex: DECLINED, raceEthnicity: "Asian", ageBand: "30–39", scored: 4, strong: 1 }),
    cell({ sex: null, raceEthnicity: null, ageBand: null, scored: 6, strong: 6 }),
    cell({ sex: "Nonbinary", raceEthnicity: "White", ageBand: null, scored: 2, strong: 1 }),
  ];
  const tables = impactTables(cells, DEFAULT_DEMOGRAPHIC_CATEGORIES);
  const find = (measure: string, breakdown: string) =>
    tables.find((t) => t.measure === measure && t.breakdown === breakdown)!;

  it("adds up each category, with the unknown and declined counted apart", () => {
    const bySex = find("strong", "sex");
    expect(bySex.groups.map((g) => [g.label, g.selected, g.n, g.retired])).toEqual([
      ["Male", 18, 30, false],
      ["Female", 11, 30, false],
      ["Nonbinary", 1, 2, true],
    ]);
    expect(bySex.unknown).toBe(6);
    expect(bySex.declined).toBe(4);
    const female = bySex.groups[1];
    expect(female.impactRatio).toBeCloseTo(11 / 30 / (18 / 30), 12);
  });

  it("crosses sex with race/ethnicity, unknown when either answer is missing", () => {
    const t = find("strong", "sexRace");
    const femaleWhite = t.groups.find((g) => g.key === "Female × White")!;
    expect([femaleWhite.selected, femaleWhite.n]).toEqual([8, 20]);
    // Every choice of sex with every choice of race, and the retired "Nonbinary" only where someone is.
    expect(t.groups).toHaveLength(2 * 7 + 1);
    expect(t.unknown).toBe(6);
    expect(t.declined).toBe(4);
  });

  it("counts each measure over its own denominator", () => {
    const offers = find("offer", "sex");
    expect(offers.groups.map((g) => [g.selected, g.n])).toEqual([
      [6, 12],
      [7, 18],
    ]);
    expect(offers.unknown).toBe(0);
  });

  it("writes the Local Law 144 summary table with the data's dates", () => {
    const rows = impactCsvRows([find("strong", "sex")], { from: "2026-01-05", to: "2026-11-30" });
    expect(rows[0].slice(0, 9)).toEqual([
      "2026-01-05",
      "2026-11-30",
      "Strong score (70–100)",
      "best follow-up score of 70 or more",
      "Sex",
      "Male",
      30,
      18,
      "0.6",
    ]);
    expect(rows[1][9]).toBe("0.611");
    expect(rows[1][10]).toBe("yes");
    expect(rows.at(-2)!.slice(5, 7)).toEqual(["Unknown (not answered)", 6]);
    expect(rows.at(-1)!.slice(5, 7)).toEqual(["Declined to self-identify", 4]);
  });
});

describe("formatting", () => {
  it("prints rates, ratios and p-values as the summary table shows them", () => {
    expect(formatRate(12 / 30)).toBe("40.0%");
    expect(formatRate(null)).toBe("—");
    expect(formatRatio(0.5)).toBe("0.50");
    expect(formatP(0.000281926)).toBe("< 0.001");
    expect(formatP(37 / 462)).toBe("0.080");
  });
});

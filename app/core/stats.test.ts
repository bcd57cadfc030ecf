import { describe, expect, it } from "vitest";
import {
  compareProportions,
  fisherExactTest,
  interpolatePercentile,
  MEDIAN,
  newcombeDifference,
  P90,
  percentile,
  percentileRanks,
  riskRatio,
  smallestExpectedCount,
  twoProportionZTest,
  wilsonInterval,
  zCritical,
} from "./stats";

describe("zCritical", () => {
  it("is 1.96 for 95% and 2.576 for 99%", () => {
    expect(zCritical()).toBeCloseTo(1.959964, 5);
    expect(zCritical(0.99)).toBeCloseTo(2.575829, 5);
  });
});

describe("wilsonInterval", () => {
  it("gives [0.490, 0.943] for 8 of 10", () => {
    const w = wilsonInterval(8, 10)!;
    expect(w.lower).toBeCloseTo(0.4902, 4);
    expect(w.upper).toBeCloseTo(0.9433, 4);
  });

  // Newcombe (1998), "Two-sided confidence intervals for the single proportion", Stat Med 17:857,
  // table II, method 3 (score interval without continuity correction).
  it.each([
    [81, 263, 0.2553, 0.3662],
    [15, 148, 0.0624, 0.1605],
    [0, 20, 0.0, 0.1611],
    [1, 29, 0.0061, 0.1718],
  ])("matches Newcombe's worked example %i/%i", (x, n, lower, upper) => {
    const w = wilsonInterval(x, n)!;
    expect(w.lower).toBeCloseTo(lower, 4);
    expect(w.upper).toBeCloseTo(upper, 4);
  });

  it("stays inside [0, 1] at the extremes and is null for no observations", () => {
    expect(wilsonInterval(0, 5)!.lower).toBe(0);
    expect(wilsonInterval(5, 5)!.upper).toBe(1);
    expect(wilsonInterval(0, 0)).toBeNull();
  });

  it("rejects impossible counts", () => {
    expect(() => wilsonInterval(11, 10)).toThrow(RangeError);
    expect(() => wilsonInterval(-1, 10)).toThrow(RangeError);
    expect(() => wilsonInterval(1.5, 10)).toThrow(RangeError);
  });
});

describe("twoProportionZTest", () => {
  // OpenIntro Statistics (4th ed.), section 6.2.3: the mammogram trial, 500 of 44,925 deaths with
  // mammograms against 505 of 44,910 without; the book finds Z ≈ −0.17 and a p-value ≈ 0.87.
  it("matches the OpenIntro mammogram example", () => {
    const t = twoProportionZTest(500, 44_925, 505, 44_910)!;
    expect(t.z).toBeCloseTo(-0.164, 2);
    expect(t.p).toBeCloseTo(0.87, 2);
  });

  it("agrees with the hand computation for 120/200 against 90/200", () => {
    // pooled p = 0.525, SE = sqrt(0.525·0.475·(2/200)) = 0.049937, z = 0.15 / SE = 3.0038
    const t = twoProportionZTest(120, 200, 90, 200)!;
    expect(t.z).toBeCloseTo(3.0038, 3);
    expect(t.p).toBeCloseTo(0.00267, 4);
  });

  it("finds no difference when both groups are all successes, and is null for an empty group", () => {
    expect(twoProportionZTest(10, 10, 20, 20)).toEqual({ z: 0, p: 1 });
    expect(twoProportionZTest(1, 10, 0, 0)).toBeNull();
  });
});

describe("fisherExactTest", () => {
  it("gives p ≈ 0.486 for Fisher's tea-tasting table [[3, 1], [1, 3]]", () => {
    expect(fisherExactTest(3, 1, 1, 3).p).toBeCloseTo(0.4857, 4);
  });

  it("gives p ≈ 0.00276 for the dieting example [[1, 9], [11, 3]] (R: fisher.test)", () => {
    expect(fisherExactTest(1, 9, 11, 3).p).toBeCloseTo(0.002759, 6);
  });

  it("gives 2 / C(20, 10) for the most extreme 10 + 10 table", () => {
    expect(fisherExactTest(0, 10, 10, 0).p).toBeCloseTo(2 / 184_756, 10);
  });

  it("is 1 for a table that could not be more balanced, and symmetric in its rows", () => {
    expect(fisherExactTest(2, 2, 2, 2).p).toBeCloseTo(1, 10);
    expect(fisherExactTest(1, 9, 11, 3).p).toBeCloseTo(fisherExactTest(11, 3, 1, 9).p, 12);
  });

  it("stays finite on large tables", () => {
    const p = fisherExactTest(3, 997, 15, 985).p;
    expect(p).toBeGreaterThan(0);
    expect(p).toBeLessThan(0.02);
  });
});

describe("riskRatio", () => {
  it("gives the Katz interval for 56/70 against 48/80", () => {
    // RR = 0.8 / 0.6; SE(ln RR) = sqrt(1/56 − 1/70 + 1/48 − 1/80) = 0.10911
    const rr = riskRatio(56, 70, 48, 80)!;
    expect(rr.ratio).toBeCloseTo(1.3333, 4);
    expect(rr.interval!.lower).toBeCloseTo(1.0766, 4);
    expect(rr.interval!.upper).toBeCloseTo(1.6512, 4);
  });

  it("has no ratio when the second group never succeeds, and no interval when the first never does", () => {
    expect(riskRatio(3, 10, 0, 10)).toEqual({ ratio: null, interval: null });
    expect(riskRatio(0, 10, 3, 10)).toEqual({ ratio: 0, interval: null });
    expect(riskRatio(0, 0, 3, 10)).toBeNull();
  });
});

describe("newcombeDifference", () => {
  // Newcombe (1998), "Interval estimation for the difference between independent proportions",
  // Stat Med 17:873, table II, method 10 (hybrid score, no continuity correction).
  it.each([
    [56, 70, 48, 80, 0.0524, 0.3339],
    [9, 10, 3, 10, 0.1705, 0.809],
    [6, 7, 2, 7, 0.0582, 0.8062],
    [5, 56, 0, 29, -0.0381, 0.1926],
    [0, 10, 0, 20, -0.1611, 0.2775],
  ])("matches Newcombe's example %i/%i − %i/%i", (x1, n1, x2, n2, lower, upper) => {
    const d = newcombeDifference(x1, n1, x2, n2)!;
    expect(d.difference).toBeCloseTo(x1 / n1 - x2 / n2, 10);
    expect(d.interval.lower).toBeCloseTo(lower, 4);
    expect(d.interval.upper).toBeCloseTo(upper, 4);
  });
});

describe("compareProportions", () => {
  it("uses the z-test when every expected count is at least 5", () => {
    const c = compareProportions(120, 200, 90, 200)!;
    expect(c.method).toBe("z-test");
    expect(c.z).toBeCloseTo(3.0038, 3);
    expect(c.ratio).toBeCloseTo(1.3333, 4);
    expect(c.difference).toBeCloseTo(0.15, 10);
  });

  it("switches to Fisher's exact test when an expected count is below 5", () => {
    expect(smallestExpectedCount(3, 4, 1, 4)).toBe(2);
    const c = compareProportions(3, 4, 1, 4)!;
    expect(c.method).toBe("fisher");
    expect(c.z).toBeNull();
    expect(c.p).toBeCloseTo(0.4857, 4);
    expect(c.ratio).toBe(3);
  });

  it("is null when a group is empty", () => {
    expect(compareProportions(0, 0, 3, 10)).toBeNull();
  });
});

describe("percentiles (linear, type 7)", () => {
  it("matches numpy: the 90th percentile of 1..4 is 3.7, the median 2.5", () => {
    expect(percentile([4, 1, 3, 2], P90)).toBeCloseTo(3.7, 10);
    expect(percentile([4, 1, 3, 2], MEDIAN)).toBe(2.5);
    expect(percentile([15, 20, 35, 40, 50], [4, 10])).toBe(29);
    expect(percentile([7], P90)).toBe(7);
    expect(percentile([], MEDIAN)).toBeNull();
  });

  it("names the ranks SQL must fetch, with integer arithmetic that agrees with SQL's", () => {
    expect(percentileRanks(11, P90)).toEqual({ lower: 10, upper: 11, fraction: 0 });
    expect(percentileRanks(4, P90)).toEqual({ lower: 3, upper: 4, fraction: expect.closeTo(0.7, 10) });
    expect(percentileRanks(1, MEDIAN)).toEqual({ lower: 1, upper: 1, fraction: 0 });
    for (let n = 1; n < 500; n++) {
      const { lower } = percentileRanks(n, P90);
      expect(lower).toBe(Math.trunc(((n - 1) * 9) / 10) + 1);
    }
  });

  it("interpolates from the values at those ranks", () => {
    const values = new Map([
      [3, 30],
      [4, 40],
    ]);
    expect(interpolatePercentile(4, P90, (r) => values.get(r))).toBeCloseTo(37, 10);
    expect(interpolatePercentile(4, MEDIAN, (r) => values.get(r))).toBeNull();
  });
});

import { describe, expect, it } from "vitest";
import { MIN_GROUP_SIZE, rate } from "./analytics";
import { compareGroups, followUpRateFinding, reportFindings, type FindingsInput } from "./findings";
import { compareProportions, wilsonInterval } from "./stats";

const group = (key: string, offers: number, decided: number, label = key) => ({
  key,
  label,
  offers,
  decided,
});

function input(overrides: Partial<FindingsInput> = {}): FindingsInput {
  return {
    followUpRate: rate(30, 50),
    latency: { median: 300, n: 30, p90: 1200 },
    byWindow: [
      group("best", 8, 10),
      group("ideal", 4, 6),
      group("acceptable", 2, 4),
      group("late", 1, 5),
      group("none", 3, 25),
    ],
    byBehaviour: [group("always", 10, 15), group("sometimes", 3, 5), group("never", 3, 30)],
    byBand: [group("low", 1, 10, "0–39"), group("mid", 2, 5, "40–69"), group("high", 6, 10, "70–100")],
    acceptableMinutes: 1440,
    ...overrides,
  };
}

const who = { a: "A", b: "B" };
const compare = (a: [number, number], b: [number, number]) =>
  compareGroups("x", { offers: a[0], decided: a[1] }, { offers: b[0], decided: b[1] }, who);

describe("report findings", () => {
  it("states a ratio with its interval, both rates with theirs and counts, and the test", () => {
    const within = reportFindings(input()).find((f) => f.key === "within-window")!;
    // 14 of 20 against 4 of 30.
    expect(within.enough).toBe(true);
    expect(within.text).toBe(
      "Candidates who followed up within 24 hours received offers 5.3× as often as those who followed up later or not at all (95% interval 2.0× to 14×): 70% of 20 decided applications (95% interval 48–85%) against 13% of 30 (95% interval 5–30%). Chance alone would rarely give a gap this large (p < 0.001, two-proportion z-test).",
    );
  });

  it("takes its intervals from the dashboard's statistics, not a second implementation", () => {
    const c = compareProportions(14, 20, 4, 30)!;
    const fmt = (r: number) => `${r >= 10 ? r.toFixed(0) : r.toFixed(1)}×`;
    const text = compare([14, 20], [4, 30]).text;
    expect(text).toContain(`(95% interval ${fmt(c.ratioInterval!.lower)} to ${fmt(c.ratioInterval!.upper)})`);
    const w = wilsonInterval(4, 30)!;
    expect(text).toContain(`${Math.round(w.lower * 100)}–${Math.round(w.upper * 100)}%`);
  });

  it("says a wide interval and a large p-value plainly, naming Fisher's test for small counts", () => {
    const quality = reportFindings(input()).find((f) => f.key === "quality")!;
    expect(quality.text).toBe(
      "Candidates whose follow-ups scored 70–100 received offers 6.0× as often as those scoring 0–39 (95% interval 0.9× to 41×): 60% of 10 decided applications (95% interval 31–83%) against 10% of 10 (95% interval 2–40%). A gap this size could easily be chance (p = 0.06, Fisher's exact test, as some counts are small).",
    );
  });

  it("names the organization's acceptable window", () => {
    const within = (minutes: number) =>
      reportFindings(input({ acceptableMinutes: minutes })).find((f) => f.key === "within-window")!.text;
    expect(within(1200)).toMatch(/^Candidates who followed up within 20 hours received/);
    expect(within(90)).toMatch(/^Candidates who followed up within 1 h 30 min received/);
  });

  it("says not enough data, with the counts, when either group is under the minimum sample", () => {
    for (const [a, b] of [
      [
        [5, MIN_GROUP_SIZE - 1],
        [1, 40],
      ],
      [
        [12, 40],
        [0, MIN_GROUP_SIZE - 1],
      ],
    ] as [number, number][][]) {
      const f = compare(a as [number, number], b as [number, number]);
      expect(f.enough).toBe(false);
      expect(f.text).toBe(
        `A against B: not enough data yet (${a[1]} and ${b[1]} decided applications; each group needs ${MIN_GROUP_SIZE}).`,
      );
      expect(f.text).not.toMatch(/×|%/);
    }
    // At the minimum, it is stated.
    expect(compare([5, MIN_GROUP_SIZE], [1, MIN_GROUP_SIZE]).enough).toBe(true);
  });

  it("gives a difference with its interval where no ratio can be, and says equal and lower rates", () => {
    expect(compare([5, 10], [0, 10]).text).toBe(
      "A received offers; B received none, so no ratio can be given (a difference of +50 pts, 95% interval +12 pts to +76 pts): 50% of 10 decided applications (95% interval 24–76%) against 0% of 10 (95% interval 0–28%). Chance alone would rarely give a gap this large (p = 0.03, Fisher's exact test, as some counts are small).",
    );
    expect(compare([5, 10], [5, 10]).text).toMatch(
      /^A received offers about as often as B \(a difference of ±0 pts, 95% interval −37 pts to \+37 pts\)/,
    );
    expect(compare([0, 12], [0, 12]).text).toContain("about as often");
    expect(compare([2, 10], [5, 10]).text).toMatch(
      /^A received offers less often than B, 0\.4× as often \(95% interval 0\.1× to 1\.6×\): 20% of 10/,
    );
    expect(compare([0, 10], [5, 10]).text).toMatch(
      /^A received no offers where B did \(a difference of −50 pts, 95% interval −76 pts to −12 pts\)/,
    );
  });

  it("states the follow-up rate with its interval and count, and the median latency with its count", () => {
    expect(reportFindings(input())[0]).toEqual({
      key: "rate",
      enough: true,
      text: "Candidates followed up after 60% of 50 interviews whose follow-up window has closed (95% interval 46–72%); the median follow-up arrived 5 h 00 min after the interview (30 follow-ups, 90th percentile 20 h 00 min).",
    });
  });

  it("says not enough data for a rate or a delay under the minimum, and when nothing is decided", () => {
    expect(followUpRateFinding(rate(3, 7), { median: 100, n: 3 })).toEqual({
      key: "rate",
      enough: false,
      text: `Candidates followed up after 3 of 7 interviews whose follow-up window has closed: not enough data for a rate yet (${MIN_GROUP_SIZE} needed); 3 follow-ups arrived, not enough data for a typical delay yet (${MIN_GROUP_SIZE} needed).`,
    });
    const f = followUpRateFinding(rate(0, 0), { median: null, n: 0 });
    expect(f.enough).toBe(false);
    expect(f.text).toContain("not enough data");
  });

  it("never states a ratio or a rate without an interval", () => {
    for (const f of reportFindings(input())) {
      if (/×|\d%/.test(f.text)) expect(f.text).toContain("95% interval");
    }
  });
});

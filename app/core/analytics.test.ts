import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  groupsNearPage,
  parseHourHistogram,
  shareAxis,
  bucketLabel,
  chooseGranularity,
  compareOffers,
  cumulativeCurve,
  describeOfferComparison,
  endsAtRange,
  formatP,
  formatPoints,
  formatRatio,
  monthsBetween,
  offersByBehaviour,
  offersByQualityBand,
  offersByWindow,
  parseDashboardParams,
  rate,
  scoreDistribution,
  summarizeGroup,
  weekStart,
  weekStarts,
  type ApplicationCell,
} from "./analytics";
import { compareProportions } from "./stats";

describe("groupsNearPage", () => {
  // Values with bounds of any width (none: the value itself), many sharing a value or a bound; the
  // page from the groups near it must be the page of the whole list sorted.
  const byLabel = new Intl.Collator("en", { numeric: true }).compare;
  const sorted = (groups: { key: string; value: number }[], dir: "asc" | "desc") =>
    [...groups].sort((a, b) => (a.value - b.value) * (dir === "asc" ? 1 : -1) || byLabel(a.key, b.key));
  const group = fc.record({
    value: fc.integer({ min: 0, max: 12 }),
    below: fc.integer({ min: 0, max: 4 }),
    above: fc.integer({ min: 0, max: 4 }),
  });
  it("finds the page of a list sorted by values known only within bounds", () => {
    fc.assert(
      fc.property(
        fc.array(group, { maxLength: 40 }),
        fc.integer({ min: 0, max: 45 }),
        fc.integer({ min: 1, max: 12 }),
        fc.constantFrom("asc" as const, "desc" as const),
        (drawn, start, size, dir) => {
          const groups = drawn.map((g, i) => ({ key: `g${i}`, value: g.value }));
          const bounds = new Map(
            drawn.map((g, i) => [`g${i}`, [g.value - g.below, g.value + g.above] as const]),
          );
          const { before, near } = groupsNearPage(bounds, dir, start, start + size);
          const read = sorted(
            groups.filter((g) => near.includes(g.key)),
            dir,
          );
          const page = read.slice(Math.max(0, start - before), Math.max(0, start + size - before));
          expect(page).toEqual(sorted(groups, dir).slice(start, start + size));
        },
      ),
      { numRuns: 2000 },
    );
  });
  it("reads only the groups whose bounds reach the page", () => {
    // Ten groups an hour apart, and the first page of three: the fourth's hour touches the third's.
    const bounds = new Map(Array.from({ length: 10 }, (_, i) => [`g${i}`, [60 * i, 60 * (i + 1)] as const]));
    expect(groupsNearPage(bounds, "asc", 0, 3)).toEqual({ before: 0, near: ["g0", "g1", "g2", "g3"] });
    expect(groupsNearPage(bounds, "desc", 3, 6)).toEqual({ before: 2, near: ["g3", "g4", "g5", "g6", "g7"] });
    expect(groupsNearPage(bounds, "asc", 10, 13)).toEqual({ before: 10, near: [] });
  });
});

describe("parseHourHistogram", () => {
  it("puts a histogram's hours in order with their counts, however the database joined them", () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.integer({ min: 0, max: 400 }), { minLength: 1, maxLength: 60 }),
        fc.infiniteStream(fc.integer({ min: 1, max: 5000 })),
        (hours, counts) => {
          const histogram = hours.map((hour) => [hour, counts.next().value] as const);
          const text = histogram.map(([hour, n]) => `${hour}:${n}`).join(",");
          const inOrder = [...histogram].sort((a, b) => a[0] - b[0]);
          expect(parseHourHistogram(text)).toEqual({
            hours: inOrder.map(([hour]) => hour),
            counts: inOrder.map(([, n]) => n),
          });
        },
      ),
    );
    expect(parseHourHistogram("12:3,0:1,7:250")).toEqual({ hours: [0, 7, 12], counts: [1, 250, 3] });
  });
});

const cell = (overrides: Partial<ApplicationCell>): ApplicationCell => ({
  behaviour: "always",
  result: "offer",
  bestWindow: 1,
  decile: 8,
  applications: 1,
  ...overrides,
});

describe("parseDashboardParams", () => {
  it("reads filters and the breakdown view from the URL", () => {
    const p = parseDashboardParams(
      new URLSearchParams(
        "client=3&position=7&interviewer=%20Ann%20&round=2&recruiter=9&from=2026-01-01&to=2026-03-31&by=round&sort=followUpRate&dir=asc&page=2",
      ),
    );
    expect(p.filters).toEqual({
      client: 3,
      position: 7,
      interviewer: "Ann",
      round: 2,
      recruiter: 9,
      from: "2026-01-01",
      to: "2026-03-31",
    });
    expect([p.by, p.sort, p.dir, p.page]).toEqual(["round", "followUpRate", "asc", 2]);
  });

  it("drops what is malformed instead of failing, and treats empty fields as no filter", () => {
    const p = parseDashboardParams(
      new URLSearchParams(
        "client=&position=abc&round=0&from=2026-02-30&to=yesterday&interviewer=&by=x&sort=1;drop&dir=up&page=-4",
      ),
    );
    expect(p.filters).toEqual({
      client: undefined,
      position: undefined,
      interviewer: undefined,
      round: undefined,
      recruiter: undefined,
      from: undefined,
      to: undefined,
    });
    expect([p.by, p.sort, p.dir, p.page]).toEqual(["client", "interviews", "desc", 1]);
  });

  it("swaps a date range given backwards", () => {
    expect(parseDashboardParams(new URLSearchParams("from=2026-05-01&to=2026-04-01")).filters).toMatchObject({
      from: "2026-04-01",
      to: "2026-05-01",
    });
  });
});

describe("endsAtRange", () => {
  it("turns inclusive dates into a half-open range of timestamps", () => {
    expect(endsAtRange({ from: "2026-01-31", to: "2026-02-28" })).toEqual({
      from: "2026-01-31T00:00:00.000Z",
      before: "2026-03-01T00:00:00.000Z",
    });
    expect(endsAtRange({ to: "2028-02-28" }).before).toBe("2028-02-29T00:00:00.000Z");
    expect(endsAtRange({})).toEqual({ from: undefined, before: undefined });
  });
});

describe("offer groups", () => {
  const cells: ApplicationCell[] = [
    cell({ behaviour: "always", result: "offer", bestWindow: 1, decile: 8, applications: 6 }),
    cell({ behaviour: "always", result: "no_offer", bestWindow: 1, decile: 8, applications: 6 }),
    cell({ behaviour: "always", result: "pending", bestWindow: 2, decile: 5, applications: 2 }),
    cell({ behaviour: "sometimes", result: "offer", bestWindow: 4, decile: 3, applications: 1 }),
    cell({ behaviour: "never", result: "no_offer", bestWindow: 5, decile: null, applications: 10 }),
    cell({ behaviour: "never", result: "offer", bestWindow: 5, decile: null, applications: 2 }),
    cell({ behaviour: null, result: "pending", bestWindow: null, decile: null, applications: 1 }),
  ];

  it("counts offers over decided applications by behaviour, pending apart", () => {
    const b = offersByBehaviour(cells);
    expect(b.groups.map((g) => [g.key, g.offers, g.decided, g.pending, g.rate.enough])).toEqual([
      ["always", 6, 12, 2, true],
      ["sometimes", 1, 1, 0, false],
      ["never", 2, 12, 0, true],
    ]);
    expect(b.comparison.followed.n).toBe(13);
    expect(b.comparison.followed.successes).toBe(7);
    expect(b.undecidedBehaviour).toEqual({ offers: 0, decided: 0, pending: 1 });
  });

  it("groups by the fastest window and by quality band", () => {
    expect(offersByWindow(cells).map((g) => [g.key, g.offers, g.decided])).toEqual([
      ["best", 6, 12],
      ["ideal", 0, 0],
      ["acceptable", 0, 0],
      ["late", 1, 1],
      ["none", 2, 12],
    ]);
    const bands = offersByQualityBand(cells);
    expect(bands.groups.map((g) => [g.key, g.offers, g.decided, g.pending])).toEqual([
      ["low", 1, 1, 0],
      ["mid", 0, 0, 2],
      ["high", 6, 12, 0],
    ]);
    expect(bands.unscored).toEqual({ offers: 2, decided: 12, pending: 1 });
  });

  it("spreads scores by decile as shares of each group", () => {
    const d = scoreDistribution(cells);
    expect([d.offerTotal, d.noOfferTotal]).toEqual([7, 6]);
    expect(d.rows[8]).toMatchObject({ label: "80–89", offer: 6, noOffer: 6, noOfferShare: 1 });
    expect(d.rows[9].label).toBe("90–100");
    expect(d.rows[3].offerShare).toBeCloseTo(1 / 7, 10);
  });

  it("summarizes a group's headline figures", () => {
    const s = summarizeGroup({
      totals: {
        interviews: 10,
        decided: 8,
        followed: 6,
        latencyCount: 6,
        latencySum: 600,
        scoreCount: 4,
        scoreSum: 280,
      },
      latency: { n: 6, median: 90, p90: 200 },
      applications: cells,
    });
    expect(s.awaiting).toBe(2);
    expect(s.followUpRate.rate).toBe(0.75);
    expect(s.latency.mean).toBe(100);
    expect(s.meanScore).toBe(70);
    expect(s.applications).toEqual({ offers: 9, decided: 25, pending: 3 });
  });
});

describe("shareAxis", () => {
  it("runs 0–100% in quarters, and down to the quarter below the lowest negative share", () => {
    expect(shareAxis([10, null, 99])).toEqual({ domain: [0, 100], ticks: [0, 25, 50, 75, 100] });
    expect(shareAxis([-38.5, 60])).toEqual({ domain: [-50, 100], ticks: [-50, -25, 0, 25, 50, 75, 100] });
    expect(shareAxis([-25])).toEqual({ domain: [-25, 100], ticks: [-25, 0, 25, 50, 75, 100] });
    expect(shareAxis([])).toEqual({ domain: [0, 100], ticks: [0, 25, 50, 75, 100] });
  });
});

describe("rate", () => {
  it("carries its Wilson interval and whether it is big enough to show", () => {
    const r = rate(8, 10);
    expect(r.rate).toBe(0.8);
    expect(r.interval!.lower).toBeCloseTo(0.49, 2);
    expect(r.enough).toBe(true);
    expect(rate(3, 9).enough).toBe(false);
    expect(rate(0, 0)).toMatchObject({ rate: null, interval: null, enough: false });
  });
});

describe("cumulativeCurve", () => {
  it("keeps non-responders in the denominator", () => {
    const c = cumulativeCurve(
      new Map([
        [0, 1],
        [2, 3],
        [10, 2],
      ]),
      20,
      12,
    );
    expect(c.points).toHaveLength(13);
    expect(c.points[0]).toEqual({ hour: 0, followed: 1, share: 0.05 });
    expect(c.points[1].followed).toBe(1);
    expect(c.points[2]).toEqual({ hour: 2, followed: 4, share: 0.2 });
    expect(c.points[12]).toEqual({ hour: 12, followed: 6, share: 0.3 });
    expect(cumulativeCurve(new Map(), 0, 2).points[2].share).toBeNull();
  });
});

describe("describeOfferComparison", () => {
  it("states the ratio, its interval and the test in plain words", () => {
    const { sentence } = compareOffers(
      { offers: 42, decided: 100, pending: 3 },
      { offers: 20, decided: 100, pending: 0 },
    );
    expect(sentence).toBe(
      "Candidates who followed up got offers 2.1× as often as those who did not (42% of 100 against 20% of 100); 95% interval for the ratio 1.3× to 3.3×. Chance alone would rarely give a gap this large (p < 0.001, two-proportion z-test).",
    );
  });

  it("says when a gap could be chance, names Fisher's test for small counts, and refuses tiny groups", () => {
    const small = compareOffers(
      { offers: 3, decided: 10, pending: 0 },
      { offers: 2, decided: 10, pending: 0 },
    );
    expect(small.sentence).toContain(
      "could easily be chance (p = 1.00, Fisher's exact test, as some counts are small)",
    );
    const tiny = compareOffers({ offers: 3, decided: 4, pending: 0 }, { offers: 2, decided: 30, pending: 0 });
    expect(tiny.enough).toBe(false);
    expect(tiny.sentence).toBe(
      "Not enough data to compare: each group needs at least 10 decided applications (followed up: 4, did not: 30).",
    );
  });

  it("gives the difference's interval when the other group had no offers", () => {
    const a = rate(5, 20);
    const b = rate(0, 20);
    const sentence = describeOfferComparison(a, b, compareProportions(5, 20, 0, 20));
    expect(sentence).toMatch(
      /^Candidates who followed up got offers \(25% of 20 against 0% of 20\); those who did not got none, so no ratio can be given; 95% interval for the difference \+\d+ pts to \+\d+ pts\./,
    );
  });

  it("formats p-values, ratios and points", () => {
    expect(formatP(0.0004)).toBe("p < 0.001");
    expect(formatP(0.0042)).toBe("p = 0.004");
    expect(formatP(0.3149)).toBe("p = 0.31");
    expect(formatRatio(2.06)).toBe("2.1×");
    expect(formatRatio(12.4)).toBe("12×");
    expect(formatPoints(0.123)).toBe("+12 pts");
    expect(formatPoints(-0.05)).toBe("−5 pts");
    expect(formatPoints(0.001)).toBe("±0 pts");
  });
});

describe("trend buckets", () => {
  it("uses weeks for up to half a year, months beyond", () => {
    expect(chooseGranularity("2026-01-01T00:00:00.000Z", "2026-06-30T00:00:00.000Z")).toBe("week");
    expect(chooseGranularity("2026-01-01T00:00:00.000Z", "2026-07-31T00:00:00.000Z")).toBe("month");
  });

  it("starts weeks on Monday (UTC) and lists every one", () => {
    expect(weekStart("2026-11-26T22:00:00.000Z")).toBe("2026-11-23");
    expect(weekStart("2026-11-23T00:00:00.000Z")).toBe("2026-11-23");
    expect(weekStart("2026-11-22T23:59:59.999Z")).toBe("2026-11-16");
    expect(weekStarts("2026-12-24T10:00:00.000Z", "2027-01-05T10:00:00.000Z")).toEqual([
      "2026-12-21",
      "2026-12-28",
      "2027-01-04",
    ]);
  });

  it("lists every month across a year's end, and labels buckets", () => {
    expect(monthsBetween("2025-11-03T00:00:00.000Z", "2026-02-01T00:00:00.000Z")).toEqual([
      "2025-11",
      "2025-12",
      "2026-01",
      "2026-02",
    ]);
    expect(bucketLabel("2026-11")).toBe("Nov 2026");
    expect(bucketLabel("2026-11-23")).toBe("23 Nov");
  });
});

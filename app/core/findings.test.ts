import { describe, expect, it } from "vitest";
import { rate } from "./analytics";
import { compareGroups, reportFindings, type FindingsInput } from "./findings";

const group = (key: string, offers: number, decided: number, label = key) => ({
  key,
  label,
  offers,
  decided,
});

function input(overrides: Partial<FindingsInput> = {}): FindingsInput {
  return {
    followUpRate: rate(30, 50),
    latency: { median: 300, n: 30 },
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

describe("report findings", () => {
  it("states the within-24-hours comparison as a ratio with its counts", () => {
    const findings = reportFindings(input());
    const within = findings.find((f) => f.key === "within-window")!;
    // 14 of 20 against 4 of 30: 70% against 13%, 5.3×
    expect(within.enough).toBe(true);
    expect(within.text).toBe(
      "Candidates who followed up within 24 hours received offers 5.3× as often as those who followed up later or not at all (70% against 13%; n = 20 and 30 decided applications).",
    );
  });

  it("names the organization's acceptable window", () => {
    const within = (minutes: number) =>
      reportFindings(input({ acceptableMinutes: minutes })).find((f) => f.key === "within-window")!.text;
    expect(within(1200)).toMatch(/^Candidates who followed up within 20 hours received/);
    expect(within(90)).toMatch(/^Candidates who followed up within 1 h 30 min received/);
  });

  it("says not enough data below the minimum sample", () => {
    const f = compareGroups("x", { offers: 5, decided: 9 }, { offers: 1, decided: 40 }, { a: "A", b: "B" });
    expect(f.enough).toBe(false);
    expect(f.text).toContain("not enough data");
    expect(f.text).toContain("n = 9 and 40");
  });

  it("handles a group with no offers, equal rates, and lower rates", () => {
    expect(
      compareGroups("x", { offers: 5, decided: 10 }, { offers: 0, decided: 10 }, { a: "A", b: "B" }).text,
    ).toBe("A received offers in 50% of cases; B received none (n = 10 and 10 decided applications).");
    expect(
      compareGroups("x", { offers: 5, decided: 10 }, { offers: 5, decided: 10 }, { a: "A", b: "B" }).text,
    ).toContain("about as often");
    expect(
      compareGroups("x", { offers: 2, decided: 10 }, { offers: 5, decided: 10 }, { a: "A", b: "B" }).text,
    ).toContain("less often");
  });

  it("reports the follow-up rate and median latency, or that nothing is decided yet", () => {
    expect(reportFindings(input())[0].text).toBe(
      "Candidates followed up after 60% of 50 interviews; the median follow-up arrived 5 h 00 min after the interview.",
    );
    expect(reportFindings(input({ followUpRate: rate(0, 0) }))[0].text).toContain("not enough data");
  });
});

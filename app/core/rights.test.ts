import { describe, expect, it } from "vitest";
import {
  CandidateNoticeSchema,
  LatencyExemptionSchema,
  RetentionSchema,
  ScoreReviewSchema,
  personNeedles,
  retentionCutoff,
  reviewWords,
} from "./rights";
import { parsePipelineParams } from "./pipeline";

describe("score reviews", () => {
  it("takes an agreement without a band or a reason", () => {
    expect(ScoreReviewSchema.parse({ verdict: "agree", band: "high" })).toEqual({
      verdict: "agree",
      band: null,
      reason: null,
    });
  });
  it("refuses an override without a band and a reason", () => {
    const r = ScoreReviewSchema.safeParse({ verdict: "override", band: "", reason: " " });
    expect(r.success).toBe(false);
    const paths = r.error!.issues.map((i) => i.path.join("."));
    expect(paths).toEqual(expect.arrayContaining(["band", "reason"]));
  });
  it("takes an override with both", () => {
    expect(
      ScoreReviewSchema.parse({ verdict: "override", band: "mid", reason: "Quoted our notes back" }),
    ).toEqual({ verdict: "override", band: "mid", reason: "Quoted our notes back" });
    expect(reviewWords({ verdict: "override", band: "mid" })).toBe("Overridden: 40–69");
    expect(reviewWords({ verdict: "agree", band: null })).toBe("Agreed with the score");
  });
});

describe("latency exemption", () => {
  it("needs a reason when marked, and clears without one", () => {
    expect(LatencyExemptionSchema.safeParse({ exempt: "on", reason: "" }).success).toBe(false);
    expect(LatencyExemptionSchema.parse({ exempt: "on", reason: " Hospital stay " })).toBe("Hospital stay");
    expect(LatencyExemptionSchema.parse({ reason: "kept text" })).toBeNull();
  });
});

describe("notice and retention settings", () => {
  it("reads an empty notice and an empty retention as none", () => {
    expect(CandidateNoticeSchema.parse({ notice: "  " }).notice).toBeNull();
    expect(RetentionSchema.parse({ months: "" }).months).toBeNull();
    expect(RetentionSchema.parse({ months: "18" }).months).toBe(18);
    expect(RetentionSchema.safeParse({ months: "0" }).success).toBe(false);
    expect(RetentionSchema.safeParse({ months: "x" }).success).toBe(false);
  });
  it("counts calendar months back, clamped to the month's end", () => {
    expect(retentionCutoff(new Date("2026-12-05T10:00:00.000Z"), 6)).toBe("2026-06-05T10:00:00.000Z");
    expect(retentionCutoff(new Date("2026-03-31T00:00:00.000Z"), 1)).toBe("2026-02-28T00:00:00.000Z");
    expect(retentionCutoff(new Date("2026-01-15T00:00:00.000Z"), 13)).toBe("2024-12-15T00:00:00.000Z");
  });
  it("searches for a person by name and email, as typed and lower-cased", () => {
    expect(personNeedles({ name: "Ann Lee", email: "Ann@X.test" })).toEqual([
      "Ann Lee",
      "ann lee",
      "Ann@X.test",
      "ann@x.test",
    ]);
  });
});

describe("the pipeline's order", () => {
  it("never sorts by score unless asked: scores advise, they never rank by default", () => {
    const params = parsePipelineParams(new URLSearchParams());
    expect(params.list.sort).not.toMatch(/score/i);
  });
});

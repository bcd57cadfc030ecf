import { describe, expect, it } from "vitest";
import { median, summarizeApplication, type InterviewForSummary } from "./summary";

function interview(overrides: Partial<InterviewForSummary> = {}): InterviewForSummary {
  return { closed: true, latencyMinutes: 120, window: "best", scores: [70], ...overrides };
}
const silent = (closed = true) => interview({ closed, latencyMinutes: null, window: null, scores: [] });

describe("summarizeApplication", () => {
  it("has no behaviour while no interview is decided", () => {
    expect(summarizeApplication([])).toEqual({
      interviewCount: 0,
      decidedInterviewCount: 0,
      followedUpCount: 0,
      behaviour: null,
      medianLatencyMinutes: null,
      bestScore: null,
      meanScore: null,
    });
    expect(summarizeApplication([silent(false)]).behaviour).toBeNull();
  });

  it("is always when every decided interview got a follow-up; open ones do not count against it", () => {
    const s = summarizeApplication([
      interview({ latencyMinutes: 100, scores: [60] }),
      interview({ latencyMinutes: 300, scores: [90] }),
      silent(false),
    ]);
    expect(s).toMatchObject({
      interviewCount: 3,
      decidedInterviewCount: 2,
      followedUpCount: 2,
      behaviour: "always",
    });
    expect(s.medianLatencyMinutes).toBe(200);
    expect(s.bestScore).toBe(90);
    expect(s.meanScore).toBe(75);
  });

  it("is sometimes or never", () => {
    expect(summarizeApplication([interview(), silent()]).behaviour).toBe("sometimes");
    expect(summarizeApplication([silent(), silent()]).behaviour).toBe("never");
  });

  it("does not count a follow-up in window none as a follow-up, nor its score", () => {
    const s = summarizeApplication([interview({ latencyMinutes: 5000, window: "none", scores: [95] })]);
    expect(s).toMatchObject({
      decidedInterviewCount: 1,
      followedUpCount: 0,
      behaviour: "never",
      medianLatencyMinutes: null,
      bestScore: null,
    });
  });

  it("counts an interview with a follow-up as decided even if its window has not closed", () => {
    expect(summarizeApplication([interview({ closed: false })])).toMatchObject({
      decidedInterviewCount: 1,
      behaviour: "always",
    });
  });
});

describe("median", () => {
  it("takes the middle value, or the mean of the two middle values", () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBeNull();
  });
});

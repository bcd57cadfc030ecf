import { describe, expect, it } from "vitest";
import { DEFAULT_SETTINGS } from "../settings";
import { scoreFollowUp } from "./score";
import { decodeScoreParts, encodeScoreParts } from "./stored-score";

const BODY =
  "Hi Priya, you mentioned the Q3 pipeline. At Hooli I led work on quota ramp for 5 years. I am very interested in this role; could we set up a call next Monday? Best, Ada";

function score(nearDuplicate = false) {
  return scoreFollowUp(
    {
      subject: "Thanks",
      body: BODY,
      notes: "Discussed the Q3 pipeline and quota ramp.",
      interviewerName: "Priya Shah",
      candidateName: "Ada Lovelace",
      latencyMinutes: 300,
      window: null,
      nearDuplicate: nearDuplicate
        ? { otherFollowUpId: 42, otherCandidateName: "Grace Hopper", similarity: 0.93 }
        : null,
    },
    DEFAULT_SETTINGS,
  );
}

describe("stored score parts", () => {
  it("come back exactly as scored: labels, points, maxima, and evidence with and without a place in the body", () => {
    for (const s of [score(), score(true)]) {
      expect(decodeScoreParts(encodeScoreParts(s.parts))).toEqual(s.parts);
    }
    const tone = score(true).parts.find((p) => p.key === "personalTone")!;
    expect(tone.evidence.some((e) => e.followUpId === 42 && e.start === undefined)).toBe(true);
    expect(score().parts.some((p) => p.evidence.some((e) => e.start !== undefined))).toBe(true);
  });

  it("take about half the room of the parts as objects", () => {
    const s = score();
    expect(encodeScoreParts(s.parts).length).toBeLessThan(JSON.stringify(s).length * 0.6);
  });

  it("read the earlier form, {total, version, parts} with the parts as objects", () => {
    const s = score(true);
    expect(decodeScoreParts(JSON.stringify(s))).toEqual(s.parts);
  });

  it("are null for text that is not a stored score", () => {
    for (const text of [
      "",
      "not json",
      "null",
      "42",
      "[1, 2]",
      '[["speed", 1, 2, []]]',
      '{"parts": [{"key": "timing"}]}',
    ]) {
      expect(decodeScoreParts(text)).toBeNull();
    }
  });
});

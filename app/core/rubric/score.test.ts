import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { windowFor } from "../latency";
import { DEFAULT_SETTINGS, type OrgSettings } from "../settings";
import { SCORER_VERSION, scoreFollowUp, type FollowUpInput, type Score } from "./score";

// The winning follow-up from reference/follow-up-article.txt, as printed.
const ARTICLE_SUBJECT = "Thanks for today";
const ARTICLE_BODY = `Sarah,

Good talking today. That challenge you mentioned about getting CFOs and their tech teams aligned earlier in the process is exactly what I've been dealing with at TechCorp. We built a whole discovery framework around it.

I'm very interested in this role. Would love to keep the conversation going.

Happy to send references whenever you need them.

Marcus`;
const ARTICLE_NOTES =
  "Discussed the challenge of getting CFOs and their tech teams aligned earlier in the sales process; team size; quota; discovery framework";

const TEMPLATE_BODY = `Dear Hiring Manager,

I hope this email finds you well. Thank you for taking the time to meet with me regarding the [Job Title] position. I am very excited about the opportunity to join your company and contribute to its continued success.

I am confident that my skills and experience make me a strong fit for this role. Please do not hesitate to contact me if you need any further information. I look forward to hearing from you.

Sincerely,
Jordan`;

function followUp(overrides: Partial<FollowUpInput> = {}): FollowUpInput {
  return {
    subject: ARTICLE_SUBJECT,
    body: ARTICLE_BODY,
    notes: ARTICLE_NOTES,
    interviewerName: "Sarah Chen",
    candidateName: "Marcus Webb",
    latencyMinutes: 5 * 60,
    window: null,
    nearDuplicate: null,
    ...overrides,
  };
}

function part(score: Score, key: string) {
  const found = score.parts.find((p) => p.key === key);
  if (!found) throw new Error(`no part ${key}`);
  return found;
}

function words(n: number): string {
  const vocabulary = ["pipeline", "quarter", "renewal", "account", "forecast", "territory", "prospect", "deal", "review", "partner"];
  return Array.from({ length: n }, (_, i) => vocabulary[i % vocabulary.length]).join(" ");
}

describe("scoreFollowUp: the article's example", () => {
  const score = scoreFollowUp(followUp(), DEFAULT_SETTINGS);

  it("scores at least 80, with full marks for specificity, interest and next step", () => {
    expect(score.total).toBeGreaterThanOrEqual(80);
    for (const key of ["specificity", "interest", "nextStep"]) {
      expect(part(score, key).points, key).toBe(part(score, key).max);
    }
    expect(score.version).toBe(SCORER_VERSION);
  });

  it("shows which words it shares with the notes, and where they are in the body", () => {
    const spec = part(score, "specificity");
    const shared = spec.evidence.filter((e) => e.text.endsWith("is in the interview notes"));
    expect(shared.map((e) => ARTICLE_BODY.slice(e.start, e.end))).toEqual(
      expect.arrayContaining(["challenge", "CFOs", "tech", "aligned", "discovery", "framework"]),
    );
    for (const e of spec.evidence) {
      if (e.start !== undefined) expect(e.text).toContain(ARTICLE_BODY.slice(e.start, e.end));
    }
    expect(spec.evidence.some((e) => e.text === "Names the interviewer: “Sarah”")).toBe(true);
    expect(spec.evidence.some((e) => e.text.includes("you mentioned") || e.text.includes("That challenge you"))).toBe(true);
  });

  it("credits TechCorp and the framework as own experience", () => {
    const own = part(score, "ownExperience");
    expect(own.points).toBe(own.max);
    expect(own.evidence.map((e) => e.text).join(" ")).toContain("at TechCorp");
  });

  it("gives every part evidence, and the parts add up to the total", () => {
    expect(score.parts.map((p) => p.key)).toEqual(["timing", "specificity", "ownExperience", "interest", "nextStep", "length", "personalTone"]);
    for (const p of score.parts) expect(p.evidence.length, p.key).toBeGreaterThan(0);
    expect(score.parts.reduce((s, p) => s + p.points, 0)).toBe(score.total);
    expect(score.parts.reduce((s, p) => s + p.max, 0)).toBe(100);
  });
});

describe("scoreFollowUp: a generic template", () => {
  const score = scoreFollowUp(followUp({ subject: "Thank you", body: TEMPLATE_BODY, candidateName: "Jordan Lee" }), DEFAULT_SETTINGS);

  it("scores under 40 even when it arrives in the best window", () => {
    expect(score.total).toBeLessThan(40);
    expect(part(score, "timing").points).toBe(part(score, "timing").max);
  });

  it("says what cost the points", () => {
    const tone = part(score, "personalTone").evidence.map((e) => e.text);
    expect(tone).toContain("Template placeholder left in: “[Job Title]” (−10)");
    expect(tone).toContain("Stock opener: “I hope this email finds you well” (−5)");
    expect(part(score, "specificity").evidence.map((e) => e.text)).toContain("Mentions nothing recorded in the interview notes");
    expect(part(score, "specificity").points).toBe(0);
  });
});

describe("scoreFollowUp: length", () => {
  it("gives a 400-word letter none of the length points", () => {
    expect(part(scoreFollowUp(followUp({ body: words(400) }), DEFAULT_SETTINGS), "length").points).toBe(0);
  });

  it("gives about 90–100 words all of them, and a short note most of them", () => {
    expect(part(scoreFollowUp(followUp({ body: words(95) }), DEFAULT_SETTINGS), "length").points).toBe(10);
    expect(part(scoreFollowUp(followUp({ body: words(40) }), DEFAULT_SETTINGS), "length").points).toBe(10);
    expect(part(scoreFollowUp(followUp({ body: words(10) }), DEFAULT_SETTINGS), "length").points).toBe(8);
  });

  it("takes points away gradually as a letter grows", () => {
    const points = [130, 180, 230, 280].map((n) => part(scoreFollowUp(followUp({ body: words(n) }), DEFAULT_SETTINGS), "length").points);
    expect(points).toEqual([...points].sort((a, b) => b - a));
    expect(points[0]).toBe(10);
    expect(points[3]).toBeLessThan(3);
  });
});

describe("scoreFollowUp: timing", () => {
  it("steps down by window", () => {
    const timing = (minutes: number) => part(scoreFollowUp(followUp({ latencyMinutes: minutes }), DEFAULT_SETTINGS), "timing").points;
    expect([60, 600, 1200, 3000, 5000].map(timing)).toEqual([15, 12, 8, 3, 0]);
  });

  it("earns nothing, and says so, when the received time is unknown", () => {
    const timing = part(scoreFollowUp(followUp({ latencyMinutes: null }), DEFAULT_SETTINGS), "timing");
    expect(timing.points).toBe(0);
    expect(timing.evidence[0]).toEqual({ text: "The received time is unknown, so timing earns nothing", effect: "cost" });
  });

  it("uses the window it is given over the latency", () => {
    expect(part(scoreFollowUp(followUp({ latencyMinutes: 60, window: "late" }), DEFAULT_SETTINGS), "timing").points).toBe(3);
  });
});

describe("scoreFollowUp: near-duplicates", () => {
  it("costs personal-tone points and names the other candidate's follow-up", () => {
    const score = scoreFollowUp(
      followUp({ nearDuplicate: { otherFollowUpId: 42, otherCandidateName: "Dana Ortiz", similarity: 0.93 } }),
      DEFAULT_SETTINGS,
    );
    const tone = part(score, "personalTone");
    expect(tone.points).toBeLessThan(0);
    expect(tone.evidence).toContainEqual({
      text: "Nearly identical (93% of phrases shared) to follow-up #42 from Dana Ortiz, another candidate for this position (−15)",
      effect: "cost",
      followUpId: 42,
    });
  });
});

describe("scoreFollowUp: settings", () => {
  it("uses the organization's weights as the parts' maxima", () => {
    const settings: OrgSettings = {
      ...DEFAULT_SETTINGS,
      weights: { timing: 40, specificity: 20, ownExperience: 0, interest: 10, nextStep: 10, length: 10, personalTone: 10 },
    };
    const score = scoreFollowUp(followUp(), settings);
    expect(part(score, "timing")).toMatchObject({ points: 40, max: 40 });
    expect(part(score, "ownExperience")).toMatchObject({ points: 0, max: 0 });
    expect(score.total).toBe(100);
  });

  it("is the same whether the notes' keys are passed in or computed", async () => {
    const { analyzeText } = await import("./text");
    const withKeys = scoreFollowUp(followUp({ noteKeys: analyzeText(ARTICLE_NOTES).keys }), DEFAULT_SETTINGS);
    expect(withKeys).toEqual(scoreFollowUp(followUp(), DEFAULT_SETTINGS));
  });
});

describe("scoreFollowUp: properties", () => {
  const fragments = [
    ARTICLE_BODY,
    TEMPLATE_BODY,
    "I hope this email finds you well.",
    "[Job Title] at [Company Name]",
    "Happy to send references.",
    "I'm very interested in this role.",
    "At TechCorp we built a discovery framework.",
    "Furthermore, I would like to leverage my synergy.",
    "you mentioned the CFO problem",
    "Sarah",
    "",
    "😀 ü ß 日本語 ’",
  ];
  const text = fc.oneof(
    fc.string({ maxLength: 300 }),
    fc.array(fc.constantFrom(...fragments), { maxLength: 8 }).map((parts) => parts.join("\n")),
    fc.integer({ min: 0, max: 600 }).map(words),
  );
  const latency = fc.oneof(fc.constant(null), fc.double({ min: 0, max: 20_000, noNaN: true }));
  const nearDuplicate = fc.option(
    fc.record({ otherFollowUpId: fc.nat(), otherCandidateName: fc.string({ maxLength: 20 }), similarity: fc.double({ min: 0.8, max: 1, noNaN: true }) }),
  );

  it("keeps every total a whole number within 0–100", () => {
    fc.assert(
      fc.property(text, text, latency, nearDuplicate, fc.string({ maxLength: 30 }), (body, notes, minutes, dup, interviewer) => {
        const score = scoreFollowUp(
          followUp({ body, notes, latencyMinutes: minutes, interviewerName: interviewer, nearDuplicate: dup }),
          DEFAULT_SETTINGS,
        );
        expect(Number.isInteger(score.total)).toBe(true);
        expect(score.total).toBeGreaterThanOrEqual(0);
        expect(score.total).toBeLessThanOrEqual(100);
        for (const p of score.parts) {
          expect(p.points).toBeLessThanOrEqual(p.max);
          for (const e of p.evidence) {
            if (e.start !== undefined) expect(0 <= e.start && e.start <= e.end! && e.end! <= body.length).toBe(true);
          }
        }
      }),
      { numRuns: 300 },
    );
  });

  it("never scores a later follow-up higher when the text is the same", () => {
    fc.assert(
      fc.property(text, fc.double({ min: 0, max: 10_000, noNaN: true }), fc.double({ min: 0, max: 10_000, noNaN: true }), (body, a, b) => {
        const [sooner, later] = a <= b ? [a, b] : [b, a];
        const at = (minutes: number) =>
          scoreFollowUp(followUp({ body, latencyMinutes: minutes, window: windowFor(minutes, DEFAULT_SETTINGS.windows) }), DEFAULT_SETTINGS).total;
        expect(at(later)).toBeLessThanOrEqual(at(sooner));
      }),
      { numRuns: 300 },
    );
  });
});

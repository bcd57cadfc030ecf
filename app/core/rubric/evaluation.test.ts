import { describe, expect, it } from "vitest";
import {
  LabelledSetSchema,
  agreement,
  bandOf,
  rankAgreement,
  trivialEdits,
  type Band,
  type LabelledFollowUp,
  type LabelledInterview,
  type LabelledSet,
} from "./evaluation";

function followUp(id: string, rank: number, band: Band): LabelledFollowUp {
  return {
    id,
    candidate: `Candidate ${id}`,
    email: `${id}@example.com`,
    receivedAt: "2026-03-02T15:00:00Z",
    subject: "Thanks",
    body: "Thanks for today.",
    band,
    rank,
    kind: "strong",
    reason: "Refers to the pilot and offers a call.",
  };
}

function interview(id: string, followUps: LabelledFollowUp[]): LabelledInterview {
  return {
    id,
    role: "SDR",
    position: "Sales Development Representative",
    client: "Northwind",
    interviewer: "Sarah Chen",
    start: "2026-03-02T13:00:00Z",
    end: "2026-03-02T14:00:00Z",
    timeZone: "America/New_York",
    notes: "Dentrix rollout",
    followUps,
  };
}

function labelledSet(interviews: LabelledInterview[]): LabelledSet {
  return LabelledSetSchema.parse({ judge: "A", interviews });
}

/** A note with a greeting line, paragraphs, a sign-off and longer lower-case words without double letters. */
function note({
  greeting = "Hi Sarah,",
  body = ["Thanks for walking me through the Dentrix pilot today.", "I can send a short plan on Friday."],
  signOff = "Best,\nMarcus",
} = {}): string {
  return [greeting, ...body, signOff].join("\n\n");
}

describe("bandOf", () => {
  it.each([
    [100, "strong"],
    [70, "strong"],
    [69, "fair"],
    [40, "fair"],
    [39, "weak"],
    [0, "weak"],
  ] as const)("puts %i in %s", (score, band) => {
    expect(bandOf(score)).toBe(band);
  });
});

describe("rankAgreement", () => {
  it("is 1 when the scores follow the judge's order", () => {
    expect(rankAgreement([1, 2, 3, 4], [90, 61, 40, 12])).toBeCloseTo(1, 10);
  });

  it("is -1 when the scores reverse it", () => {
    expect(rankAgreement([1, 2, 3, 4], [12, 40, 61, 90])).toBeCloseTo(-1, 10);
  });

  it("gives tied scores their mean rank", () => {
    // Ranks 4 3 2 1 against 3.5 3.5 2 1: Pearson's r of those is 4.5 / √(5 · 4.5) = √0.9.
    expect(rankAgreement([1, 2, 3, 4], [80, 80, 40, 10])).toBeCloseTo(Math.sqrt(0.9), 10);
  });

  it("is 0, not NaN, when every score is the same", () => {
    expect(rankAgreement([1, 2, 3], [50, 50, 50])).toBe(0);
  });
});

describe("trivialEdits", () => {
  const body = note();
  const edits = trivialEdits(body, "Marcus Webb", "interview-1/f-1");

  it("makes the four kinds of edit for a note with a greeting line", () => {
    expect(edits.map((e) => e.kind)).toEqual(["line breaks", "greeting style", "signature", "one typo"]);
  });

  it("changes the text in each", () => {
    for (const edit of edits) expect(edit.body, edit.kind).not.toBe(body);
  });

  it("rewraps paragraphs without changing a word", () => {
    const rewrapped = edits.find((e) => e.kind === "line breaks")!.body;
    expect(rewrapped.split(/\s+/)).toEqual(body.split(/\s+/));
  });

  it("changes the greeting line only, keeping the name", () => {
    const greeted = edits.find((e) => e.kind === "greeting style")!.body;
    const [first, ...rest] = greeted.split("\n");
    expect(first).toContain("Sarah");
    expect(first).not.toBe("Hi Sarah,");
    expect(rest.join("\n")).toBe(body.slice(body.indexOf("\n") + 1));
  });

  it("adds a signature with title, company and scheduling link after the original body", () => {
    const signed = edits.find((e) => e.kind === "signature")!.body;
    expect(signed.startsWith(body)).toBe(true);
    expect(signed.slice(body.length)).toContain("Marcus Webb");
    expect(signed.slice(body.length)).toMatch(/Account Executive \| Northwind Traders/);
    expect(signed.slice(body.length)).toContain("https://calendly.com/marcus-webb/");
  });

  it("makes one typo by swapping two letters of one word", () => {
    const typo = edits.find((e) => e.kind === "one typo")!.body;
    const before = body.split(" ");
    const after = typo.split(" ");
    expect(after).toHaveLength(before.length);
    const changed = before.flatMap((w, i) => (w === after[i] ? [] : [[w, after[i]]]));
    expect(changed).toHaveLength(1);
    const [[original, edited]] = changed;
    expect([...edited].sort()).toEqual([...original].sort());
  });

  it("makes no greeting edit when the first line is a sentence", () => {
    const kinds = trivialEdits(note({ greeting: "Thanks for today, it was great." }), "Marcus Webb", "s").map(
      (e) => e.kind,
    );
    expect(kinds).not.toContain("greeting style");
  });

  it("is deterministic: the same input gives the same edits", () => {
    expect(trivialEdits(body, "Marcus Webb", "interview-1/f-1")).toEqual(edits);
  });
});

describe("agreement", () => {
  // Interview A has three notes, interview B two; their ids are unique across the set.
  const set = labelledSet([
    interview("A", [followUp("a1", 1, "strong"), followUp("a2", 2, "fair"), followUp("a3", 3, "weak")]),
    interview("B", [followUp("b1", 1, "strong"), followUp("b2", 2, "weak")]),
  ]);

  it("gives each interview's rho and their mean, and the share of notes in the judge's band", () => {
    // A in the judge's order (ρ 1) and every band right; B reversed (ρ −1), b1 fair instead of strong.
    const scores = new Map([
      ["a1", 88],
      ["a2", 55],
      ["a3", 20],
      ["b1", 45],
      ["b2", 60],
    ]);
    const result = agreement(set, scores);
    expect(result.followUps).toBe(5);
    expect(result.interviews.map((i) => i.id)).toEqual(["A", "B"]);
    expect(result.interviews[0].rho).toBeCloseTo(1, 10);
    expect(result.interviews[1].rho).toBeCloseTo(-1, 10);
    expect(result.meanRho).toBeCloseTo(0, 10);
    // a1, a2, a3 in band; b1 (45, fair) and b2 (60, fair) are not.
    expect(result.bandAgreement).toBeCloseTo(3 / 5, 10);
  });

  it("counts a follow-up without a score as 0: weak, and last", () => {
    const scores = new Map([
      ["a1", 88],
      ["a2", 55],
      ["b1", 75],
    ]);
    const result = agreement(set, scores);
    expect(result.interviews.map((i) => i.rho)).toEqual([expect.closeTo(1, 10), expect.closeTo(1, 10)]);
    expect(result.bandAgreement).toBeCloseTo(1, 10);
  });
});

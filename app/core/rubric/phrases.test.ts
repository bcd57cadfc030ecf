// One test per phrase-list class: every entry's example is found, and the scorer acts on it.
import { describe, expect, it } from "vitest";
import { isAutoReply } from "../auto-reply";
import { DEFAULT_SETTINGS } from "../settings";
import { PhraseMatcher } from "./phrase-matcher";
import { PHRASE_LISTS, type PhraseEntry, type PhraseKind, type PhraseList } from "./phrases";
import { scoreFollowUp, type FollowUpInput, type Score } from "./score";

function example(entry: PhraseEntry): string {
  return entry.example ?? entry.label;
}

/** A plain sentence around the example, so that it is matched in context and not as the whole text. */
function inContext(entry: PhraseEntry): string {
  return `Thanks again for the chat. ${example(entry)} and more soon.`;
}

function followUp(body: string, overrides: Partial<FollowUpInput> = {}): FollowUpInput {
  return {
    subject: "Thanks",
    body,
    notes: "territory planning",
    interviewerName: "Sarah Chen",
    latencyMinutes: 60,
    window: null,
    ...overrides,
  };
}

function part(score: Score, key: string) {
  const found = score.parts.find((p) => p.key === key);
  if (!found) throw new Error(`no part ${key}`);
  return found;
}

function expectEveryEntryFound(list: PhraseList) {
  const matcher = new PhraseMatcher([list]);
  for (const entry of list.entries) {
    const text = inContext(entry);
    const matches = matcher.find(list.kind, text);
    const at = text.indexOf(example(entry));
    // The entry's own words are found (a literal exactly; a pattern somewhere inside its example).
    const hit = matches.some((m) =>
      entry.pattern === undefined ? m.start === at && m.text === example(entry) : m.start >= at && m.end <= at + example(entry).length,
    );
    expect(hit, `${list.kind}: ${entry.label} in “${text}”`).toBe(true);
  }
}

const KINDS = Object.keys(PHRASE_LISTS) as PhraseKind[];

describe("phrase lists", () => {
  it("are all non-empty, and every literal is found as written in every list", () => {
    for (const kind of KINDS) {
      expect(PHRASE_LISTS[kind].entries.length, kind).toBeGreaterThan(0);
      expectEveryEntryFound(PHRASE_LISTS[kind]);
    }
  });

  it("match whole words only, across curly apostrophes, line breaks and capitals", () => {
    const matcher = new PhraseMatcher([PHRASE_LISTS.stockOpener, PHRASE_LISTS.interest]);
    expect(matcher.find("interest", "I was excitedly about to leave")).toEqual([]);
    expect(matcher.find("stockOpener", "I HOPE THIS EMAIL\nFINDS YOU WELL").map((m) => m.text)).toEqual(["I HOPE THIS EMAIL\nFINDS YOU WELL"]);
    expect(matcher.find("interest", "I’d love to join the team").map((m) => m.text)).toEqual(["I’d love to join"]);
  });
});

describe("stock openers", () => {
  it("each cost personal-tone points", () => {
    for (const entry of PHRASE_LISTS.stockOpener.entries) {
      const tone = part(scoreFollowUp(followUp(inContext(entry)), DEFAULT_SETTINGS), "personalTone");
      expect(tone.points, entry.label).toBeLessThan(tone.max);
      expect(tone.evidence.some((e) => e.effect === "cost" && e.text.startsWith("Stock opener")), entry.label).toBe(true);
    }
  });
});

describe("stock closers", () => {
  it("each cost personal-tone points", () => {
    for (const entry of PHRASE_LISTS.stockCloser.entries) {
      const tone = part(scoreFollowUp(followUp(inContext(entry)), DEFAULT_SETTINGS), "personalTone");
      expect(tone.points, entry.label).toBeLessThan(tone.max);
      expect(tone.evidence.some((e) => e.effect === "cost" && e.text.startsWith("Stock closing line")), entry.label).toBe(true);
    }
  });
});

describe("stiff formality", () => {
  it("each costs personal-tone points", () => {
    for (const entry of PHRASE_LISTS.stiff.entries) {
      const tone = part(scoreFollowUp(followUp(inContext(entry)), DEFAULT_SETTINGS), "personalTone");
      expect(tone.points, entry.label).toBeLessThan(tone.max);
      expect(tone.evidence.some((e) => e.text.startsWith("Stiff")), entry.label).toBe(true);
    }
  });
});

describe("placeholders", () => {
  it("each cost all the personal-tone points, in the body or the subject", () => {
    for (const entry of PHRASE_LISTS.placeholder.entries) {
      const inBody = part(scoreFollowUp(followUp(inContext(entry)), DEFAULT_SETTINGS), "personalTone");
      expect(inBody.points, entry.label).toBeLessThanOrEqual(0);
      const inSubject = part(scoreFollowUp(followUp("Plain words here.", { subject: `Re: ${example(entry)}` }), DEFAULT_SETTINGS), "personalTone");
      expect(inSubject.points, entry.label).toBeLessThanOrEqual(0);
    }
  });

  it("are not fooled by ordinary brackets, e-mail addresses or lower-case x", () => {
    const tone = part(scoreFollowUp(followUp("Marcus <marcus@example.com> (see [1]) and xx"), DEFAULT_SETTINGS), "personalTone");
    expect(tone.points).toBe(tone.max);
  });
});

describe("interest phrases", () => {
  it("each earn the interest points", () => {
    for (const entry of PHRASE_LISTS.interest.entries) {
      const interest = part(scoreFollowUp(followUp(inContext(entry)), DEFAULT_SETTINGS), "interest");
      expect(interest.points, entry.label).toBe(interest.max);
    }
  });
});

describe("next-step phrases", () => {
  it("each earn the next-step points", () => {
    for (const entry of PHRASE_LISTS.nextStep.entries) {
      const next = part(scoreFollowUp(followUp(inContext(entry)), DEFAULT_SETTINGS), "nextStep");
      expect(next.points, entry.label).toBe(next.max);
    }
  });

  it("does not take a past weekday for a next step", () => {
    const next = part(scoreFollowUp(followUp("Thanks for Monday's chat."), DEFAULT_SETTINGS), "nextStep");
    expect(next.points).toBe(0);
  });
});

describe("own-experience markers", () => {
  it("each earn own-experience points", () => {
    for (const entry of PHRASE_LISTS.ownExperience.entries) {
      const own = part(scoreFollowUp(followUp(inContext(entry)), DEFAULT_SETTINGS), "ownExperience");
      expect(own.points, entry.label).toBeGreaterThan(0);
    }
  });

  it("do not take the job applied for, or a date, for the candidate's own company", () => {
    for (const body of ["I would love to work at Acme.", "Let's talk at Monday's meeting.", "Free at The usual time"]) {
      expect(part(scoreFollowUp(followUp(body), DEFAULT_SETTINGS), "ownExperience").points, body).toBe(0);
    }
  });
});

describe("references to the conversation", () => {
  it("each earn the reference share of specificity", () => {
    for (const entry of PHRASE_LISTS.reference.entries) {
      const spec = part(scoreFollowUp(followUp(inContext(entry), { notes: "" }), DEFAULT_SETTINGS), "specificity");
      expect(spec.evidence.some((e) => e.effect === "earned" && e.text.startsWith("Refers back")), entry.label).toBe(true);
    }
  });
});

describe("auto-reply markers", () => {
  it("each subject marks a message as an auto-reply", () => {
    for (const entry of PHRASE_LISTS.autoReplySubject.entries) {
      expect(isAutoReply({ subject: `${example(entry)}: Thanks for today`, body: "…" }), entry.label).toBe(true);
    }
  });

  it("each body line marks a message as an auto-reply", () => {
    for (const entry of PHRASE_LISTS.autoReplyBody.entries) {
      expect(isAutoReply({ subject: "Re: Thanks", body: inContext(entry) }), entry.label).toBe(true);
    }
  });
});

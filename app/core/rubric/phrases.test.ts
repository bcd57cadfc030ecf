// One test per phrase-list class: every entry's example is found, and the scorer acts on it. Interest,
// next steps and own experience are sentence detectors now (detectors.test.ts).
import { describe, expect, it } from "vitest";
import { isAutoReply } from "../auto-reply";
import { DEFAULT_SETTINGS, type OrgSettings } from "../settings";
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
    notes: "Dentrix rollout; no-show rate; renewal forecast",
    interviewerName: "Sarah Chen",
    latencyMinutes: 60,
    window: null,
    ...overrides,
  };
}

/** A note that does what a strong follow-up does; `extra` goes in as a paragraph of its own. */
function strongNote(extra?: string): string {
  const body = [
    "Thanks for walking me through the Dentrix rollout and the no-show problem. At Fieldwire I booked 14 meetings a month by rebuilding our reminder cadence, and the same approach could cut the no-show rate for your clinics.",
    "I'm very interested in this role.",
    "Happy to send references or a short plan for the renewal forecast; I'm free Tuesday or Wednesday.",
  ];
  return ["Hi Sarah,", ...body, ...(extra === undefined ? [] : [extra]), "Best,\nMarcus"].join("\n\n");
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
      entry.pattern === undefined
        ? m.start === at && m.text === example(entry)
        : m.start >= at && m.end <= at + example(entry).length,
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

  it("match whole words only", () => {
    const matcher = new PhraseMatcher([PHRASE_LISTS.reference]);
    expect(matcher.find("reference", "Then you mentionedx the plan")).toEqual([]);
  });

  it("match across line breaks and capitals", () => {
    const matcher = new PhraseMatcher([PHRASE_LISTS.stockOpener]);
    expect(matcher.find("stockOpener", "I HOPE THIS EMAIL\nFINDS YOU WELL").map((m) => m.text)).toEqual([
      "I HOPE THIS EMAIL\nFINDS YOU WELL",
    ]);
  });

  it("match curly apostrophes as straight ones", () => {
    const matcher = new PhraseMatcher([PHRASE_LISTS.stockOpener]);
    expect(matcher.find("stockOpener", "I’m writing to express my thanks").map((m) => m.text)).toEqual([
      "I’m writing to express",
    ]);
  });
});

describe("stock openers", () => {
  it("each cost personal-tone points", () => {
    for (const entry of PHRASE_LISTS.stockOpener.entries) {
      const tone = part(scoreFollowUp(followUp(inContext(entry)), DEFAULT_SETTINGS), "personalTone");
      expect(tone.points, entry.label).toBeLessThan(tone.max);
      expect(
        tone.evidence.some((e) => e.effect === "cost" && e.text.startsWith("Stock opener")),
        entry.label,
      ).toBe(true);
    }
  });
});

describe("stock closers", () => {
  it("each cost personal-tone points", () => {
    for (const entry of PHRASE_LISTS.stockCloser.entries) {
      const tone = part(scoreFollowUp(followUp(inContext(entry)), DEFAULT_SETTINGS), "personalTone");
      expect(tone.points, entry.label).toBeLessThan(tone.max);
      expect(
        tone.evidence.some((e) => e.effect === "cost" && e.text.startsWith("Stock closing line")),
        entry.label,
      ).toBe(true);
    }
  });
});

describe("machine-polished wording", () => {
  const PENALIZED: OrgSettings = { ...DEFAULT_SETTINGS, scoring: { penalizeMachineStyle: true } };

  it("is shown but costs nothing by default", () => {
    for (const entry of PHRASE_LISTS.stiff.entries) {
      const tone = part(scoreFollowUp(followUp(inContext(entry)), DEFAULT_SETTINGS), "personalTone");
      expect(tone.points, entry.label).toBe(tone.max);
      expect(
        tone.evidence.map((e) => e.text),
        entry.label,
      ).toContain(`Machine-polished wording: “${example(entry)}” (shown only; not counted)`);
    }
  });

  it("costs personal-tone points where the organization turned the penalty on", () => {
    for (const entry of PHRASE_LISTS.stiff.entries) {
      const tone = part(scoreFollowUp(followUp(inContext(entry)), PENALIZED), "personalTone");
      expect(tone.points, entry.label).toBeLessThan(tone.max);
      const shown = tone.evidence.find((e) =>
        e.text.startsWith(`Machine-polished wording: “${example(entry)}”`),
      );
      expect(shown?.text, entry.label).toMatch(/ \(−\d+\)$/);
    }
  });
});

describe("placeholders", () => {
  it("leave the strong note they are tested in scoring above the cap without them", () => {
    // Otherwise the cap below could hold by accident.
    expect(scoreFollowUp(followUp(strongNote()), DEFAULT_SETTINGS).total).toBeGreaterThanOrEqual(70);
  });

  it("each cap the total at 3 when left in the body, and show it", () => {
    for (const entry of PHRASE_LISTS.placeholder.entries) {
      const score = scoreFollowUp(followUp(strongNote(inContext(entry))), DEFAULT_SETTINGS);
      expect(score.total, entry.label).toBeLessThanOrEqual(3);
      const evidence = part(score, "personalTone").evidence.map((e) => e.text);
      expect(
        evidence.some((t) => t.startsWith("Template placeholder left in: ")),
        entry.label,
      ).toBe(true);
      expect(
        evidence.some((t) => t.startsWith("A template with its placeholders still in")),
        entry.label,
      ).toBe(true);
    }
  });

  it("each cap the total at 3 when left in the subject, and show it", () => {
    for (const entry of PHRASE_LISTS.placeholder.entries) {
      const score = scoreFollowUp(
        followUp(strongNote(), { subject: `Re: ${example(entry)}` }),
        DEFAULT_SETTINGS,
      );
      expect(score.total, entry.label).toBeLessThanOrEqual(3);
      const evidence = part(score, "personalTone").evidence.map((e) => e.text);
      expect(
        evidence.some((t) => t.startsWith("Template placeholder left in the subject: ")),
        entry.label,
      ).toBe(true);
      expect(
        evidence.some((t) => t.startsWith("A template with its placeholders still in")),
        entry.label,
      ).toBe(true);
    }
  });

  it("are not fooled by ordinary brackets, e-mail addresses or lower-case x", () => {
    const score = scoreFollowUp(
      followUp(strongNote("Marcus <marcus@example.com> (see [1]) and xx")),
      DEFAULT_SETTINGS,
    );
    const tone = part(score, "personalTone");
    expect(tone.points).toBe(tone.max);
    expect(
      tone.evidence.some((e) => e.text.startsWith("Template placeholder") || e.text.startsWith("A template")),
    ).toBe(false);
    expect(score.total).toBeGreaterThan(3);
  });
});

describe("references to the conversation", () => {
  const notes = "Dentrix rollout; the hospital group";

  it("each earn the reference share when the same sentence holds a rare term from the notes", () => {
    for (const entry of PHRASE_LISTS.reference.entries) {
      const body = `Thanks again for the chat. ${example(entry)} the Dentrix rollout and more soon.`;
      const spec = part(scoreFollowUp(followUp(body, { notes }), DEFAULT_SETTINGS), "specificity");
      expect(spec.evidence, entry.label).toContainEqual(
        expect.objectContaining({
          effect: "earned",
          text: `Picks up something the interviewer said: “${example(entry)}”`,
        }),
      );
    }
  });

  it("earn nothing when the rare term is in another sentence", () => {
    const spec = part(
      scoreFollowUp(
        followUp("You mentioned the weather. The Dentrix rollout sounds hard.", { notes }),
        DEFAULT_SETTINGS,
      ),
      "specificity",
    );
    expect(spec.evidence.some((e) => e.text.startsWith("Picks up"))).toBe(false);
    expect(spec.evidence).toContainEqual(
      expect.objectContaining({
        effect: "cost",
        text: "“You mentioned”, but about nothing in the interview notes",
      }),
    );
  });

  it("earn nothing for a common word of the notes", () => {
    const spec = part(
      scoreFollowUp(followUp("You mentioned the hospital group.", { notes }), DEFAULT_SETTINGS),
      "specificity",
    );
    expect(spec.evidence.some((e) => e.text.startsWith("Picks up"))).toBe(false);
    expect(spec.evidence).toContainEqual(
      expect.objectContaining({
        effect: "cost",
        text: "“You mentioned”, but about nothing in the interview notes",
      }),
    );
  });
});

describe("auto-reply markers", () => {
  it("each subject marks a message as an auto-reply", () => {
    for (const entry of PHRASE_LISTS.autoReplySubject.entries) {
      expect(isAutoReply({ subject: `${example(entry)}: Thanks for today`, body: "…" }), entry.label).toBe(
        true,
      );
    }
  });

  it("each body line marks a message as an auto-reply", () => {
    for (const entry of PHRASE_LISTS.autoReplyBody.entries) {
      expect(isAutoReply({ subject: "Re: Thanks", body: inContext(entry) }), entry.label).toBe(true);
    }
  });
});

// The sentence-level detectors, each fed a small note built around the sentence under test, so that a
// match has to name that sentence (text, offsets and cue) and not merely fire somewhere in the note.
import { describe, expect, it } from "vitest";
import {
  addressees,
  interestStatements,
  nextSteps,
  ownExperienceClaims,
  sentenceRanges,
  thankedNames,
  withinOneEdit,
  type SentenceMatch,
} from "./detectors";
import { analyzeText } from "./text";

/** Words joined into one sentence, with a full stop unless it already ends in punctuation. */
function sentence(...parts: string[]): string {
  const text = parts.join(" ");
  return /[.!?…]$/.test(text) ? text : `${text}.`;
}

interface NoteParts {
  greeting?: string;
  body?: string[];
  signOff?: string;
}

/** A plain note: greeting line, body sentences as one paragraph each, sign-off block. */
function note({ greeting = "Hi Sarah,", body = [], signOff = "Best,\nMarcus" }: NoteParts = {}): string {
  return [greeting, ...body, signOff].join("\n\n");
}

/** The target sentence between two neutral ones, so that the detector has to pick it out. */
function around(target: string): string {
  return note({ body: [sentence("Thanks for today"), target, sentence("Talk soon")] });
}

/** What a detector should report for `target` inside `text` (the cue's offsets are checked apart). */
function matchOf(text: string, target: string, cue: string): SentenceMatch {
  const start = text.indexOf(target);
  if (start < 0) throw new Error(`“${target}” is not in the note`);
  return expect.objectContaining({ text: target, start, end: start + target.length, cue }) as SentenceMatch;
}

const claims = (text: string) => ownExperienceClaims(text, analyzeText(text));
const interest = (text: string) => interestStatements(text, analyzeText(text));
const steps = (text: string) => nextSteps(text, analyzeText(text));

describe("cue offsets", () => {
  it("point at the words that made the match, inside the sentence, for the page to highlight", () => {
    const target = sentence("Happy to send references whenever you need them");
    const text = around(target);
    const [m] = steps(text).proposals;
    expect(text.slice(m.cueStart, m.cueEnd)).toBe("send");
    expect(m.start <= m.cueStart && m.cueEnd <= m.end).toBe(true);
    const [claim] = claims(around("At Fieldwire I booked 14 meetings a month."));
    expect(around("At Fieldwire I booked 14 meetings a month.").slice(claim.cueStart, claim.cueEnd)).toBe(
      "I booked",
    );
  });
});

describe("ownExperienceClaims", () => {
  it.each([
    ["At Fieldwire I booked 14 meetings a month.", "i … booked"],
    // Non-native: a bare verb after "have" still says what the candidate did.
    ["we have build a pipeline from zero.", "we … build"],
    ["I also led the rollout to 40 clinics.", "i … led"],
  ])("counts “%s” as a first-person claim about work", (target, cue) => {
    const text = around(target);
    expect(claims(text)).toEqual([matchOf(text, target, cue)]);
  });

  it("counts a sentence about “my team”, whatever its verb", () => {
    const target = sentence("Working with my team on renewals was the best part of the year");
    const text = around(target);
    expect(claims(text)).toEqual([matchOf(text, target, "my team")]);
  });

  it.each([
    // A modal or "to" between the subject and the verb makes it a wish, not a claim.
    "I would love to build this.",
    "I'd like to run the pilot.",
    "We plan to build a renewal playbook.",
    "I would love to work at Acme.",
    // A first-person sentence without a work verb.
    "I was truly inspired by your culture.",
  ])("does not count “%s”", (target) => {
    expect(claims(around(target))).toEqual([]);
  });
});

describe("interestStatements", () => {
  it.each([
    ["I'm very interested in this role.", "interested"],
    // Non-native forms.
    ["I am very interest in this position.", "interest"],
    ["I am interested for the role.", "interested"],
    // No first-person word, but the interest word opens the sentence.
    ["Really excited about the role.", "excited"],
    // One typo is forgiven; the cue is the word as written.
    ["I'm very intersted.", "intersted"],
    ["I'd really like this job.", "like this job"],
    ["I want this role.", "want this role"],
  ])("counts “%s”", (target, cue) => {
    const text = around(target);
    expect(interest(text)).toEqual([matchOf(text, target, cue)]);
  });

  it.each([
    // "interesting" is about the topic, not the candidate.
    "It was interesting to hear about the pilot.",
    // Someone else's excitement.
    "You seemed excited about the launch.",
    // The noun, and not the candidate's.
    "Your interest rates look low for the sector.",
    "Interest rates came up a lot in the pilot.",
  ])("does not count “%s”", (target) => {
    expect(interest(around(target))).toEqual([]);
  });

  it("does not forgive a typo in a short interest word", () => {
    expect(interest(around("I'm kean to join."))).toEqual([]);
  });
});

describe("nextSteps", () => {
  it.each([
    ["Happy to send references whenever you need them.", "send"],
    ["I can do a call any day this week.", "call"],
    // Availability with a day needs no offer phrase.
    ["I'm free Tuesday or Wednesday.", "tuesday"],
    ["I've attached my 30-60-90 plan.", "30-60-90"],
    ["Could we set up a call with Marcus on Thursday?", "set"],
    ["Happy to do the case study for you.", "case study"],
  ])("takes “%s” for a proposal", (target, cue) => {
    const text = around(target);
    expect(steps(text)).toEqual({ proposals: [matchOf(text, target, cue)], boilerplate: [] });
  });

  it.each([
    "I look forward to hearing about next steps.",
    "Please let me know the next steps.",
    "Looking forward to next steps.",
  ])("takes “%s” for boilerplate, not a proposal", (target) => {
    const text = around(target);
    expect(steps(text)).toEqual({ proposals: [], boilerplate: [matchOf(text, target, "next steps")] });
  });

  it.each([
    // An offer frame ("I can") with no object and no time: "am" is no time of day.
    "I am confident that I can quickly get up to speed.",
    // Availability without a day or time.
    "I'm free and flexible.",
    // A past weekday without an offer.
    "Thanks for Monday's chat.",
  ])("takes “%s” for neither", (target) => {
    expect(steps(around(target))).toEqual({ proposals: [], boilerplate: [] });
  });

  it("tells a proposal and a boilerplate line in the same note apart", () => {
    const proposal = "I can send the deck on Friday.";
    const closing = "Looking forward to next steps.";
    const text = note({ body: [proposal, closing] });
    expect(steps(text)).toEqual({
      proposals: [matchOf(text, proposal, "send")],
      boilerplate: [matchOf(text, closing, "next steps")],
    });
  });
});

describe("addressees", () => {
  it.each([
    ["Hi Sarah,", ["Sarah"]],
    ["Dear Mr. Chen and Tom,", ["Chen", "Tom"]],
    ["Sarah —", ["Sarah"]],
    ["Hi team,", []],
    ["Thanks for today, it was great", []],
    // A surname belongs to the first name before it.
    ["Hello Dana Whitfield,", ["Dana"]],
    ["Hi Sarah Chen and Tom Li,", ["Sarah", "Tom"]],
    ["Hi Sarah and team,", ["Sarah"]],
  ])("reads “%s” as %j", (greeting, expected) => {
    expect(addressees(note({ greeting, body: [sentence("Great to meet you")] }))).toEqual(expected);
  });

  it("reads the first line only", () => {
    expect(
      addressees(note({ greeting: "Great chatting today.", body: ["Tom, Sarah and I agreed on Friday."] })),
    ).toEqual([]);
  });
});

describe("withinOneEdit", () => {
  it.each([
    ["substitution", "interested", "intarested"],
    ["insertion", "interested", "interessted"],
    ["deletion", "interested", "intersted"],
    ["transposition", "interested", "inetrested"],
    ["no edit", "interested", "interested"],
  ])("accepts one %s", (_kind, a, b) => {
    expect(withinOneEdit(a, b)).toBe(true);
    expect(withinOneEdit(b, a)).toBe(true);
  });

  it.each([
    ["two substitutions", "interested", "intarestad"],
    ["a deletion and a substitution", "interested", "intarsted"],
    ["two transpositions", "abcd", "badc"],
    ["two insertions", "interested", "iinterestedd"],
  ])("rejects %s", (_kind, a, b) => {
    expect(withinOneEdit(a, b)).toBe(false);
    expect(withinOneEdit(b, a)).toBe(false);
  });
});

describe("sentenceRanges", () => {
  /** Each sentence's text, as the ranges cut it. */
  function sentencesOf(text: string): string[] {
    const { tokens } = analyzeText(text);
    return sentenceRanges(tokens).map(([first, last]) => text.slice(tokens.start[first], tokens.end[last]));
  }

  it("splits at full stops, question and exclamation marks", () => {
    expect(sentencesOf("Great chat today. Can we talk? I can send the deck!")).toEqual([
      "Great chat today.",
      "Can we talk?",
      "I can send the deck!",
    ]);
  });

  it("splits at line breaks, so that a greeting and a sign-off stand alone", () => {
    expect(sentencesOf(note({ body: ["Great chat today"] }))).toEqual([
      "Hi Sarah,",
      "Great chat today",
      "Best,",
      "Marcus",
    ]);
  });

  it("ends a sentence at a time with its full stop, but not at a title's", () => {
    expect(sentencesOf("Free at 2pm. Mr. Chen agreed")).toEqual(["Free at 2pm.", "Mr. Chen agreed"]);
  });

  it("covers every token once, in order, as many ranges as analyzeText counts sentences", () => {
    const analyzed = analyzeText(note({ body: ["One here. Two here!", "Three"] }));
    const ranges = sentenceRanges(analyzed.tokens);
    expect(ranges).toHaveLength(analyzed.sentences);
    expect(ranges[0][0]).toBe(0);
    for (let i = 1; i < ranges.length; i++) expect(ranges[i][0]).toBe(ranges[i - 1][1] + 1);
    expect(ranges[ranges.length - 1][1]).toBe(analyzed.tokens.normal.length - 1);
  });
});

describe("false alarms found in review", () => {
  it.each(["Great!", "Congratulations!", "Wonderful!", "Congratulations on the launch, Sarah."])(
    "reads no addressee in “%s”",
    (line) => {
      expect(addressees(`${line}\n\nThe pilot sounds good.`)).toEqual([]);
    },
  );

  it.each([
    ["Sarah, thanks for today.", ["Sarah"]],
    ["Tom, great to meet you.", ["Tom"]],
    ["Hello again Sarah,", ["Sarah"]],
  ])("reads the addressee of “%s”", (line, names) => {
    expect(addressees(`${line}\n\nThe pilot sounds good.`)).toEqual(names);
  });

  it.each([
    "Glad to have met you today.",
    "Happy to have had the chance to chat today.",
    "I will never forget our chat.",
    "I can see how the model works.",
    "I can imagine how busy this week is.",
    "The pilot will be available next week.",
  ])("takes “%s” for no next step", (target) => {
    expect(steps(around(target)).proposals).toEqual([]);
  });

  it.each([
    "I asked about your interest rates.",
    "I exited my last company in 2022.",
    "We were all in the room.",
    "I am not interested in relocating.",
  ])("takes “%s” for no statement of interest", (target) => {
    expect(interest(around(target))).toEqual([]);
  });

  it.each([
    "I think you built something great.",
    "I heard you closed a big round.",
    "I have never managed a team.",
  ])("takes “%s” for no claim about the candidate's own work", (target) => {
    expect(claims(around(target))).toEqual([]);
  });
});

describe("thankedNames", () => {
  it.each([
    ["Thanks again, John, for the time.", ["John"]],
    ["Thank you Sarah for walking me through the pilot.", ["Sarah"]],
    ["Thank you so much, Dr. Patel.", ["Patel"]],
    ["Thank you for the time today.", []],
    ["Thanks to the whole team.", []],
  ])("finds who “%s” thanks", (sentenceText, names) => {
    expect(thankedNames(note({ body: [sentenceText] }))).toEqual(names);
  });
});

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { windowFor } from "../latency";
import { DEFAULT_SETTINGS, type OrgSettings } from "../settings";
import { splitOwnWords } from "../own-words";
import { SCORER_VERSION, scoreFollowUp, type FollowUpInput, type Score } from "./score";
import { notesProfile } from "./text";

// The winning follow-up from the article the defaults come from (Will Koning, "Candidates: For the Love
// of God, Follow Up After Your Interviews"), as printed there.
const ARTICLE_SUBJECT = "Thanks for today";
const ARTICLE_BODY = `Sarah,

Good talking today. That challenge you mentioned about getting CFOs and their tech teams aligned earlier in the process is exactly what I've been dealing with at TechCorp. We built a whole discovery framework around it.

I'm very interested in this role. Would love to keep the conversation going.

Happy to send references whenever you need them.

Marcus`;
const ARTICLE_NOTES =
  "Discussed the challenge of getting CFOs and their tech teams aligned earlier in the sales process; team size; quota; discovery framework. Next round with the VP; we want references first.";

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
  const vocabulary = [
    "pipeline",
    "quarter",
    "renewal",
    "account",
    "forecast",
    "territory",
    "prospect",
    "deal",
    "review",
    "partner",
  ];
  return Array.from({ length: n }, (_, i) => vocabulary[i % vocabulary.length]).join(" ");
}

/** A specific note in plain non-native English, on the article's interview. */
const NON_NATIVE_BODY = `Hello Sarah,

Thank you for the interview today. I think a lot about the challenge you told about CFOs and tech teams, they are not aligned early. In my last job at Softline I was doing the discovery with the CFO first, and we have build a small framework for this.

I am very interest in this position.

I can do a call any day this week, and I can send references from my manager.

Best regards,
Piotr`;

const SIGNATURE =
  "\n\n--\nMarcus Webb\nSenior Account Executive | Northwind Traders\n+1 (555) 010-2030\nSchedule a call: https://calendly.com/marcus-webb/30min";

describe("scoreFollowUp: the article's example", () => {
  const score = scoreFollowUp(followUp(), DEFAULT_SETTINGS);
  const own = splitOwnWords(ARTICLE_BODY).text;

  it("scores strong, with full marks for specificity, interest and next step", () => {
    expect(score.total).toBeGreaterThanOrEqual(85);
    for (const key of ["specificity", "interest", "nextStep"]) {
      expect(part(score, key).points, key).toBe(part(score, key).max);
    }
    expect(score.version).toBe(SCORER_VERSION);
  });

  it("shows which rare words it shares with the notes, located in the candidate's own words", () => {
    const spec = part(score, "specificity");
    const located = spec.evidence.filter((e) => e.start !== undefined);
    expect(located.map((e) => own.slice(e.start, e.end))).toEqual(
      expect.arrayContaining(["challenge", "CFOs", "aligned", "discovery", "framework"]),
    );
    for (const e of located) expect(e.text).toContain(own.slice(e.start, e.end));
    expect(spec.evidence.map((e) => e.text)).toContain("Addressed to the interviewer: Sarah");
    expect(spec.evidence.some((e) => e.text.startsWith("Picks up something the interviewer said"))).toBe(
      true,
    );
  });

  it("credits the candidate's own work, read from first-person sentences", () => {
    const ownExperience = part(score, "ownExperience");
    expect(ownExperience.points).toBe(ownExperience.max);
    expect(ownExperience.evidence.map((e) => e.text).join(" ")).toContain(
      "We built a whole discovery framework",
    );
  });

  it("gives every part evidence, and the parts add up to the total", () => {
    expect(score.parts.map((p) => p.key)).toEqual([
      "timing",
      "specificity",
      "ownExperience",
      "interest",
      "nextStep",
      "length",
      "personalTone",
    ]);
    for (const p of score.parts) expect(p.evidence.length, p.key).toBeGreaterThan(0);
    expect(score.parts.reduce((s, p) => s + p.points, 0)).toBe(score.total);
    expect(score.parts.reduce((s, p) => s + p.max, 0)).toBe(100);
  });

  it("moves at most 5 points when a signature with title, company and a scheduling link is added", () => {
    const signed = scoreFollowUp(followUp({ body: ARTICLE_BODY + SIGNATURE }), DEFAULT_SETTINGS);
    expect(signed.total).toBeGreaterThanOrEqual(75);
    expect(Math.abs(signed.total - score.total)).toBeLessThanOrEqual(5);
  });

  it("reads only the candidate's own words: a quoted thread full of the notes' terms adds nothing", () => {
    const thin = "Sarah,\n\nThanks for today.\n\nMarcus";
    const quoted = `${thin}\n\nOn Mon, 23 Nov 2026 at 16:02, Sarah Chen <sarah@client.test> wrote:\n> ${ARTICLE_NOTES}\n> Happy to send references? I'm very interested.`;
    expect(scoreFollowUp(followUp({ body: quoted }), DEFAULT_SETTINGS).total).toBe(
      scoreFollowUp(followUp({ body: thin }), DEFAULT_SETTINGS).total,
    );
  });
});

describe("scoreFollowUp: notes that must stay weak", () => {
  it("keyword stuffing: the notes' nouns repeated around “you mentioned … very interested … next week?”", () => {
    const stuffed =
      "Sarah, you mentioned CFOs, tech teams, discovery framework, quota, team size, the challenge, the process, CFOs aligned, " +
      "tech teams aligned, discovery, framework, quota, CFOs, discovery framework again, tech teams, challenge, process, quota. " +
      "Very interested in the CFOs, discovery and framework challenge. Call next week?";
    const score = scoreFollowUp(followUp({ body: stuffed, latencyMinutes: 30 }), DEFAULT_SETTINGS);
    expect(score.total).toBeLessThan(40);
    expect(
      part(score, "specificity").evidence.some((e) =>
        e.text.startsWith("Reads as the notes' words strung together"),
      ),
    ).toBe(true);
  });

  it("a “you mentioned” before every topic of the notes, in a list", () => {
    const list =
      "Hi Sarah,\nYou mentioned CFOs. You mentioned tech teams. You mentioned the discovery framework. You mentioned quota. You mentioned team size.\nI'm very interested. Happy to send references.\nMarcus";
    expect(scoreFollowUp(followUp({ body: list }), DEFAULT_SETTINGS).total).toBeLessThan(40);
  });

  it("a fast empty thank-you: speed does not make it good", () => {
    const score = scoreFollowUp(
      followUp({ body: "Thanks for your time today! Looking forward to next steps.", latencyMinutes: 20 }),
      DEFAULT_SETTINGS,
    );
    expect(score.total).toBeLessThan(40);
    expect(part(score, "nextStep").points).toBe(0);
    expect(
      part(score, "nextStep").evidence.some((e) =>
        e.text.startsWith("Mentions next steps without proposing one"),
      ),
    ).toBe(true);
    expect(part(score, "timing").points).toBeLessThan(part(score, "timing").max / 2);
  });

  it("a note addressed to someone who was not on the interview", () => {
    const score = scoreFollowUp(
      followUp({ body: ARTICLE_BODY.replace("Sarah,", "Hi Rebecca,") }),
      DEFAULT_SETTINGS,
    );
    expect(score.total).toBeLessThanOrEqual(5);
    expect(
      part(score, "specificity")
        .evidence.map((e) => e.text)
        .join(" "),
    ).toContain("Addressed to Rebecca, who was not on the interview (Sarah)");
  });

  it("a note that thanks, in its body, someone who was neither on the interview nor in its notes", () => {
    const body = ARTICLE_BODY.replace(
      "Happy to send references whenever you need them.",
      "Thanks again, John, for your time. Happy to send references whenever you need them.",
    );
    const score = scoreFollowUp(followUp({ body }), DEFAULT_SETTINGS);
    expect(score.total).toBeLessThanOrEqual(5);
    expect(
      part(score, "specificity")
        .evidence.map((e) => e.text)
        .join(" "),
    ).toContain("Thanks John, who was not on the interview (Sarah)");
    // Thanking someone the notes name (the VP the candidate meets next) is no mistake.
    const vp = scoreFollowUp(
      followUp({
        body: body.replace("John", "Marcus"),
        notes: `${ARTICLE_NOTES} Next: Marcus, the VP.`,
        candidateName: "Piotr Nowak",
      }),
      DEFAULT_SETTINGS,
    );
    expect(vp.total).toBeGreaterThanOrEqual(70);
  });

  it("a template with its placeholders left in, even in the best window", () => {
    const score = scoreFollowUp(
      followUp({ subject: "Thank you", body: TEMPLATE_BODY, candidateName: "Jordan Lee" }),
      DEFAULT_SETTINGS,
    );
    expect(score.total).toBeLessThan(40);
    const tone = part(score, "personalTone").evidence.map((e) => e.text);
    expect(tone).toContain("Template placeholder left in: “[Job Title]”");
    expect(tone.some((t) => t.startsWith("Stock opener: “I hope this email finds you well”"))).toBe(true);
  });

  it("a great note three days late counts as no follow-up", () => {
    expect(scoreFollowUp(followUp({ latencyMinutes: 100 * 60 }), DEFAULT_SETTINGS).total).toBeLessThan(40);
  });

  it("names the organization's last window when a note comes after it", () => {
    const settings = {
      ...DEFAULT_SETTINGS,
      windows: { best: 120, ideal: 300, acceptable: 1200, late: 2880 },
    };
    const timing = part(
      scoreFollowUp(followUp({ latencyMinutes: 50 * 60, window: "none" }), settings),
      "timing",
    );
    expect(timing.evidence.map((e) => e.text).join(" ")).toContain(
      "more than 48 h: it counts as no follow-up",
    );
  });
});

describe("scoreFollowUp: what earns and what does not", () => {
  it("a specific note in plain non-native English is strong", () => {
    const score = scoreFollowUp(
      followUp({ body: NON_NATIVE_BODY, candidateName: "Piotr Nowak" }),
      DEFAULT_SETTINGS,
    );
    expect(score.total).toBeGreaterThanOrEqual(70);
    expect(part(score, "interest").points).toBe(part(score, "interest").max);
    expect(part(score, "nextStep").points).toBe(part(score, "nextStep").max);
  });

  it("forgives one typo in the statement of interest", () => {
    const typo = scoreFollowUp(
      followUp({ body: ARTICLE_BODY.replace("interested", "intersted") }),
      DEFAULT_SETTINGS,
    );
    expect(Math.abs(typo.total - scoreFollowUp(followUp(), DEFAULT_SETTINGS).total)).toBeLessThanOrEqual(5);
  });

  it("gives no next step for “looking forward to next steps” nor for a scheduling link in a signature", () => {
    const body =
      ARTICLE_BODY.replace(
        "Happy to send references whenever you need them.",
        "Looking forward to hearing about next steps.",
      ) + SIGNATURE;
    const nextStep = part(scoreFollowUp(followUp({ body }), DEFAULT_SETTINGS), "nextStep");
    expect(nextStep.evidence.filter((e) => e.effect === "earned")).toEqual([]);
    expect(nextStep.points).toBeLessThanOrEqual(0);
  });

  it("does not count a title and company in the signature as own experience", () => {
    const body =
      "Sarah,\n\nThanks for today, the CFO alignment challenge stuck with me.\n\nI'm very interested. Happy to send references.\n\nMarcus" +
      SIGNATURE;
    expect(part(scoreFollowUp(followUp({ body }), DEFAULT_SETTINGS), "ownExperience").points).toBe(0);
  });

  it("does not count generic words the notes happen to hold (year, based, VP, sales)", () => {
    const notes = "VP of Sales based in Austin; five year plan; pipeline reviews with Dentrix data";
    const generic = scoreFollowUp(
      followUp({
        notes,
        body: "Sarah,\nThe VP role in Sales, based on this year, sounds right for me.\nMarcus",
      }),
      DEFAULT_SETTINGS,
    );
    const specific = scoreFollowUp(
      followUp({ notes, body: "Sarah,\nThe pipeline reviews on Dentrix data sound right for me.\nMarcus" }),
      DEFAULT_SETTINGS,
    );
    expect(part(generic, "specificity").points).toBe(0);
    expect(part(specific, "specificity").points).toBeGreaterThan(0);
  });

  it("ignores the words of the position's title and the client's name", () => {
    const body = "Sarah,\nNorthwind and the Enterprise Account Executive role sound great.\nMarcus";
    const notes = "Northwind enterprise account executive opening";
    const excluded = scoreFollowUp(
      followUp({ body, notes, positionTitle: "Enterprise Account Executive", clientName: "Northwind" }),
      DEFAULT_SETTINGS,
    );
    expect(part(excluded, "specificity").points).toBe(0);
  });
});

describe("scoreFollowUp: timing weighs content", () => {
  it("scales what the content earned by the window: a great note a day and a half late is fair", () => {
    const late = scoreFollowUp(followUp({ latencyMinutes: 40 * 60 }), DEFAULT_SETTINGS);
    expect(late.total).toBeGreaterThanOrEqual(40);
    expect(late.total).toBeLessThan(70);
    expect(part(late, "timing").points).toBeLessThan(0);
  });

  it("earns nothing, and says so, when the received time is unknown", () => {
    const timing = part(scoreFollowUp(followUp({ latencyMinutes: null }), DEFAULT_SETTINGS), "timing");
    expect(timing.points).toBe(0);
    expect(timing.evidence[0]).toEqual({
      text: "The received time is unknown, so timing earns nothing",
      effect: "cost",
    });
  });

  it("uses the window it is given over the latency", () => {
    expect(scoreFollowUp(followUp({ latencyMinutes: 60, window: "late" }), DEFAULT_SETTINGS).total).toBe(
      scoreFollowUp(followUp({ latencyMinutes: 40 * 60 }), DEFAULT_SETTINGS).total,
    );
  });
});

describe("scoreFollowUp: near-copies and machine-polished wording", () => {
  it("a near-copy of another candidate's note stays weak and names the other follow-up", () => {
    const score = scoreFollowUp(
      followUp({
        nearDuplicate: { otherFollowUpId: 42, otherCandidateName: "Dana Ortiz", similarity: 0.93 },
      }),
      DEFAULT_SETTINGS,
    );
    expect(score.total).toBeLessThan(40);
    expect(part(score, "personalTone").evidence).toContainEqual({
      text: "Nearly identical (93% of phrases shared, names and greetings aside) to follow-up #42 from Dana Ortiz, another candidate for this position",
      effect: "cost",
      followUpId: 42,
    });
  });

  it("shows machine-polished wording without cost by default, and charges it where the organization turns that on", () => {
    const body = ARTICLE_BODY.replace(
      "Good talking today.",
      "Good talking today; it is a testament to your dynamic team.",
    );
    const shown = scoreFollowUp(followUp({ body }), DEFAULT_SETTINGS);
    expect(part(shown, "personalTone").points).toBe(part(shown, "personalTone").max);
    expect(
      part(shown, "personalTone").evidence.some((e) => e.text.includes("(shown only; not counted)")),
    ).toBe(true);
    const counted = scoreFollowUp(followUp({ body }), {
      ...DEFAULT_SETTINGS,
      scoring: { penalizeMachineStyle: true },
    });
    expect(part(counted, "personalTone").points).toBeLessThan(part(counted, "personalTone").max);
  });
});

describe("scoreFollowUp: settings", () => {
  it("uses the organization's weights as the parts' maxima", () => {
    const settings: OrgSettings = {
      ...DEFAULT_SETTINGS,
      weights: {
        timing: 40,
        specificity: 20,
        ownExperience: 0,
        interest: 10,
        nextStep: 10,
        length: 10,
        personalTone: 10,
      },
    };
    const score = scoreFollowUp(followUp(), settings);
    expect(part(score, "timing")).toMatchObject({ points: 40, max: 40 });
    expect(part(score, "ownExperience")).toMatchObject({ points: 0, max: 0 });
    expect(score.total).toBe(100);
  });

  it("is the same whether the notes' profile is passed in or computed", () => {
    expect(scoreFollowUp(followUp({ notesProfile: notesProfile(ARTICLE_NOTES) }), DEFAULT_SETTINGS)).toEqual(
      scoreFollowUp(followUp(), DEFAULT_SETTINGS),
    );
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
    fc.record({
      otherFollowUpId: fc.nat(),
      otherCandidateName: fc.string({ maxLength: 20 }),
      similarity: fc.double({ min: 0.8, max: 1, noNaN: true }),
    }),
  );

  it("keeps every total a whole number within 0–100", () => {
    fc.assert(
      fc.property(
        text,
        text,
        latency,
        nearDuplicate,
        fc.string({ maxLength: 30 }),
        (body, notes, minutes, dup, interviewer) => {
          const score = scoreFollowUp(
            followUp({
              body,
              notes,
              latencyMinutes: minutes,
              interviewerName: interviewer,
              nearDuplicate: dup,
            }),
            DEFAULT_SETTINGS,
          );
          expect(Number.isInteger(score.total)).toBe(true);
          expect(score.total).toBeGreaterThanOrEqual(0);
          expect(score.total).toBeLessThanOrEqual(100);
          expect(score.parts.reduce((s, p) => s + p.points, 0)).toBe(score.total);
          for (const p of score.parts) {
            expect(p.points).toBeLessThanOrEqual(p.max);
            const own = splitOwnWords(body).text;
            for (const e of p.evidence) {
              if (e.start !== undefined)
                expect(0 <= e.start && e.start <= e.end! && e.end! <= own.length).toBe(true);
            }
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it("never scores a later follow-up higher when the text is the same", () => {
    fc.assert(
      fc.property(
        text,
        fc.double({ min: 0, max: 10_000, noNaN: true }),
        fc.double({ min: 0, max: 10_000, noNaN: true }),
        (body, a, b) => {
          const [sooner, later] = a <= b ? [a, b] : [b, a];
          const at = (minutes: number) =>
            scoreFollowUp(
              followUp({
                body,
                latencyMinutes: minutes,
                window: windowFor(minutes, DEFAULT_SETTINGS.windows),
              }),
              DEFAULT_SETTINGS,
            ).total;
          expect(at(later)).toBeLessThanOrEqual(at(sooner));
        },
      ),
      { numRuns: 300 },
    );
  });
});

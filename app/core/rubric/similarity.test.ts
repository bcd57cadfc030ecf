import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { MIN_SHINGLES, findNearDuplicates, fingerprint, similarity, type SimilarityItem } from "./similarity";

const TEMPLATE =
  "Thank you for taking the time to speak with me today about the account executive role. I enjoyed learning about the team and the company, and I am excited about the opportunity to contribute to your continued success.";

function item(id: number, text: string, overrides: Partial<SimilarityItem> = {}): SimilarityItem {
  return { id, groupKey: 1, ownerKey: id, text, ...overrides };
}

/** Every pair compared: what findNearDuplicates must agree with. */
function bruteForce(items: SimilarityItem[], threshold: number): Set<number> {
  const matched = new Set<number>();
  for (const a of items) {
    for (const b of items) {
      if (a.id === b.id || a.groupKey !== b.groupKey || a.ownerKey === b.ownerKey) continue;
      const fa = fingerprint(a.text);
      const fb = fingerprint(b.text);
      if (fa.length < MIN_SHINGLES || fb.length < MIN_SHINGLES) continue;
      if (similarity(fa, fb) >= threshold) matched.add(a.id);
    }
  }
  return matched;
}

describe("fingerprint and similarity", () => {
  it("ignore case, punctuation and spacing", () => {
    expect(similarity("Thank you, Sarah!  Talk soon.", "thank you sarah talk soon")).toBe(1);
  });

  it("is 1 for the same text, high for a changed name, low for different texts", () => {
    expect(similarity(TEMPLATE, TEMPLATE)).toBe(1);
    expect(similarity(TEMPLATE, TEMPLATE.replace("account executive", "sales development"))).toBeGreaterThan(
      0.75,
    );
    expect(
      similarity(
        TEMPLATE,
        "Sarah, good talking today. The CFO alignment problem is one I know well from TechCorp.",
      ),
    ).toBeLessThan(0.1);
  });

  it("is 0 when either text is empty", () => {
    expect(similarity("", "")).toBe(0);
    expect(similarity(TEMPLATE, "")).toBe(0);
  });
});

describe("findNearDuplicates", () => {
  it("matches copies from different candidates for the same position", () => {
    const result = findNearDuplicates([
      item(1, TEMPLATE),
      item(2, TEMPLATE.replace("today", "this morning")),
      item(3, "Something else entirely, written by hand, about pipeline reviews and quota."),
    ]);
    expect(result.get(1)?.otherId).toBe(2);
    expect(result.get(2)?.otherId).toBe(1);
    expect(result.get(1)?.similarity).toBeGreaterThan(0.8);
    expect(result.has(3)).toBe(false);
  });

  it("never matches one candidate's own messages, nor across positions", () => {
    expect(
      findNearDuplicates([item(1, TEMPLATE, { ownerKey: 7 }), item(2, TEMPLATE, { ownerKey: 7 })]).size,
    ).toBe(0);
    expect(
      findNearDuplicates([item(1, TEMPLATE, { groupKey: "a" }), item(2, TEMPLATE, { groupKey: "b" })]).size,
    ).toBe(0);
  });

  it("leaves very short notes alone: two people can both write “Thanks, talk soon!”", () => {
    expect(findNearDuplicates([item(1, "Thanks, talk soon!"), item(2, "Thanks, talk soon!")]).size).toBe(0);
  });

  it("agrees with comparing every pair", () => {
    const sentences = [
      "thanks for the time today",
      "the pipeline review process sounded great",
      "at techcorp we built a discovery framework",
      "happy to send references",
      "I am very interested in this role",
      "would love to keep the conversation going",
      "the CFO alignment challenge resonated",
    ];
    const text = fc
      .array(fc.constantFrom(...sentences), { minLength: 1, maxLength: 6 })
      .map((s) => s.join(". "));
    fc.assert(
      fc.property(
        fc.array(
          fc.record({ text, owner: fc.integer({ min: 1, max: 6 }), group: fc.integer({ min: 1, max: 2 }) }),
          { maxLength: 25 },
        ),
        fc.constantFrom(0.5, 0.8, 1),
        (rows, threshold) => {
          const items = rows.map((r, i) => item(i + 1, r.text, { ownerKey: r.owner, groupKey: r.group }));
          const found = findNearDuplicates(items, threshold);
          expect(new Set(found.keys())).toEqual(bruteForce(items, threshold));
          for (const [id, match] of found) {
            const a = items.find((x) => x.id === id)!;
            const b = items.find((x) => x.id === match.otherId)!;
            expect(b.ownerKey).not.toBe(a.ownerKey);
            expect(b.groupKey).toBe(a.groupKey);
            expect(match.similarity).toBeCloseTo(similarity(a.text, b.text), 10);
          }
        },
      ),
      { numRuns: 200 },
    );
  });

  it("agrees with comparing every pair for edited copies of long letters, near the threshold", () => {
    // Copies of one 25–60 word letter with a few words changed: similarities spread around the
    // threshold, and the shared shingles sit anywhere in each one's rarest-first order.
    const words = [
      "team",
      "pipeline",
      "quota",
      "deal",
      "call",
      "role",
      "thanks",
      "review",
      "renewal",
      "forecast",
      "CFO",
      "partner",
    ];
    const letter = fc.array(fc.constantFrom(...words), { minLength: 25, maxLength: 60 });
    const edit = fc.array(
      fc.record({ at: fc.nat(), word: fc.constantFrom(...words, "Acme", "Globex", "Hooli") }),
      { maxLength: 6 },
    );
    fc.assert(
      fc.property(
        letter,
        fc.array(fc.record({ edits: edit, owner: fc.integer({ min: 1, max: 8 }) }), {
          minLength: 2,
          maxLength: 20,
        }),
        fc.constantFrom(0.5, 0.8, 0.9),
        (base, copies, threshold) => {
          const items = copies.map(({ edits, owner }, i) => {
            const text = [...base];
            for (const { at, word } of edits) text[at % text.length] = word;
            return item(i + 1, text.join(" "), { ownerKey: owner });
          });
          expect(new Set(findNearDuplicates(items, threshold).keys())).toEqual(bruteForce(items, threshold));
        },
      ),
      { numRuns: 300 },
    );
  });

  it("handles a position with 5,000 follow-ups from one template without comparing every pair", () => {
    const names = ["Sarah", "Tom", "Priya", "Luis", "Anna", "Kofi", "Mei", "Omar"];
    const items: SimilarityItem[] = [];
    for (let i = 0; i < 5_000; i++) {
      const text =
        i % 2 === 0
          ? `Hi ${names[i % names.length]}, ${TEMPLATE} Best, candidate ${i}`
          : `${names[i % names.length]}, the point about territory ${i} and quota ${i * 7} stuck with me; at company ${i} we ran ${i % 13} pilots and closed deal ${i}.`;
      items.push(item(i + 1, text));
    }
    const counts = { merged: 0 };
    const found = findNearDuplicates(items, 0.8, counts);
    // Every templated message has a near-copy; the hand-written ones have none.
    expect(items.filter((x) => x.id % 2 === 1).every((x) => found.has(x.id))).toBe(true);
    expect(items.filter((x) => x.id % 2 === 0).some((x) => found.has(x.id))).toBe(false);
    // A few per item, where comparing every pair would merge 12.5 million.
    expect(counts.merged).toBeLessThan(5 * items.length);
  });
});

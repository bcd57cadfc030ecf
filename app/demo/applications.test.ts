import { describe, expect, it } from "vitest";
import { offerChance, settleOutcome, type OutcomeDecision } from "./applications";

describe("offerChance", () => {
  it("rises with following up and with the score, and stays noisy", () => {
    const at = (behaviour: "always" | "sometimes" | "never" | null, score: number | null) =>
      offerChance({ behaviour, score, strength: 0 });
    expect(at("sometimes", 50)).toBeGreaterThan(at("never", null));
    expect(at("always", 50)).toBeGreaterThan(at("sometimes", 50));
    expect(at("always", 90)).toBeGreaterThan(at("always", 50));
    expect(at("always", 50)).toBeGreaterThan(at("always", 10));
    // A copied or stock note helps about as little as none; no one is sure of an offer.
    expect(at("always", 5) - at("never", null)).toBeLessThan(0.08);
    for (const p of [at("never", null), at("always", 100)]) expect(p > 0.05 && p < 0.7).toBe(true);
    expect(offerChance({ behaviour: "never", score: null, strength: 2 })).toBeGreaterThan(at("never", null));
  });
});

describe("settleOutcome", () => {
  const decided: OutcomeDecision = {
    pending: false,
    decidedAt: Date.parse("2026-11-02T12:00:00Z"),
    offerDraw: 0.5,
    hiredAt: Date.parse("2026-11-09T12:00:00Z"),
    withdrawn: false,
    withdrawalReason: "Took another offer",
    rejectionReason: "Went with another candidate",
  };

  it("writes offers, hires, withdrawals and rejections with their dates", () => {
    expect(settleOutcome({ pending: true }, true)).toEqual({
      outcome: "pending",
      outcomeOn: null,
      reason: null,
    });
    expect(settleOutcome(decided, true)).toEqual({
      outcome: "hired",
      outcomeOn: "2026-11-09",
      reason: "Accepted offer",
    });
    expect(settleOutcome({ ...decided, hiredAt: null }, true)).toMatchObject({
      outcome: "offer",
      outcomeOn: "2026-11-02",
    });
    expect(settleOutcome(decided, false)).toMatchObject({ outcome: "rejected", outcomeOn: "2026-11-02" });
    expect(settleOutcome({ ...decided, withdrawn: true }, false)).toMatchObject({ outcome: "withdrawn" });
  });
});

// Short plain-language findings for a client report, generated from the figures. Pure: every
// sentence states its counts, and a comparison below the minimum sample says "not enough data".
import { formatRatio, MIN_GROUP_SIZE, type OfferGroup, type Rate } from "./analytics";
import { formatMinutes } from "./format";
import { thresholdInWords } from "./windows";

export type FindingsInput = {
  followUpRate: Rate;
  latency: { median: number | null; n: number };
  /** Offer groups by the fastest follow-up window: best, ideal, acceptable, late, none. */
  byWindow: readonly Pick<OfferGroup, "key" | "offers" | "decided">[];
  /** Offer groups by behaviour: always, sometimes, never. */
  byBehaviour: readonly Pick<OfferGroup, "key" | "offers" | "decided">[];
  /** Offer groups by quality band ("high" and "low" are compared). */
  byBand: readonly Pick<OfferGroup, "key" | "label" | "offers" | "decided">[];
  /** Minutes of the "acceptable" window (organization settings; 1,440 by default). */
  acceptableMinutes: number;
};

export type Finding = { key: string; text: string; enough: boolean };

const pct = (r: number) => `${Math.round(r * 100)}%`;

function sum(groups: readonly Pick<OfferGroup, "key" | "offers" | "decided">[], keys: readonly string[]) {
  return groups
    .filter((g) => keys.includes(g.key))
    .reduce((s, g) => ({ offers: s.offers + g.offers, decided: s.decided + g.decided }), {
      offers: 0,
      decided: 0,
    });
}

/** "A received offers 2.1× as often as B (42% of 50 against 20% of 40)", or "not enough data". */
export function compareGroups(
  key: string,
  a: { offers: number; decided: number },
  b: { offers: number; decided: number },
  who: { a: string; b: string },
): Finding {
  const counts = `n = ${a.decided} and ${b.decided} decided applications`;
  if (a.decided < MIN_GROUP_SIZE || b.decided < MIN_GROUP_SIZE) {
    return {
      key,
      enough: false,
      text: `${who.a} against ${who.b}: not enough data yet (${counts}; each group needs ${MIN_GROUP_SIZE}).`,
    };
  }
  const ra = a.offers / a.decided;
  const rb = b.offers / b.decided;
  const detail = `${pct(ra)} against ${pct(rb)}; ${counts}`;
  if (rb === 0)
    return {
      key,
      enough: true,
      text: `${who.a} received offers in ${pct(ra)} of cases; ${who.b} received none (${counts}).`,
    };
  const ratio = ra / rb;
  if (Math.abs(ratio - 1) < 0.05)
    return { key, enough: true, text: `${who.a} received offers about as often as ${who.b} (${detail}).` };
  if (ratio > 1)
    return {
      key,
      enough: true,
      text: `${who.a} received offers ${formatRatio(ratio)} as often as ${who.b} (${detail}).`,
    };
  return {
    key,
    enough: true,
    text: `${who.a} received offers less often than ${who.b}: ${formatRatio(ratio)} as often (${detail}).`,
  };
}

export function reportFindings(input: FindingsInput): Finding[] {
  const findings: Finding[] = [];
  const f = input.followUpRate;
  if (f.n === 0)
    findings.push({
      key: "rate",
      enough: false,
      text: "No interview in this period has reached the end of its follow-up window yet: not enough data.",
    });
  else {
    const median =
      input.latency.median === null
        ? ""
        : `; the median follow-up arrived ${formatMinutes(input.latency.median)} after the interview`;
    findings.push({
      key: "rate",
      enough: f.n >= MIN_GROUP_SIZE,
      text: `Candidates followed up after ${pct(f.rate ?? 0)} of ${f.n} interviews${median}.${f.n < MIN_GROUP_SIZE ? " (Few interviews: read with care.)" : ""}`,
    });
  }
  const within = thresholdInWords(input.acceptableMinutes);
  findings.push(
    compareGroups(
      "within-window",
      sum(input.byWindow, ["best", "ideal", "acceptable"]),
      sum(input.byWindow, ["late", "none"]),
      {
        a: `Candidates who followed up within ${within}`,
        b: "those who followed up later or not at all",
      },
    ),
  );
  findings.push(
    compareGroups(
      "followed",
      sum(input.byBehaviour, ["always", "sometimes"]),
      sum(input.byBehaviour, ["never"]),
      { a: "Candidates who followed up", b: "those who never did" },
    ),
  );
  const top = input.byBand.find((b) => b.key === "high");
  const bottom = input.byBand.find((b) => b.key === "low");
  if (top && bottom) {
    findings.push(
      compareGroups("quality", top, bottom, {
        a: `Candidates whose follow-ups scored ${top.label}`,
        b: `those scoring ${bottom.label}`,
      }),
    );
  }
  return findings;
}

// Short plain-language findings for a client report, generated from the figures. Pure. Every sentence
// states its counts and its 95% interval, computed by the dashboard's own statistics (app/core/stats.ts
// through app/core/analytics.ts: Wilson intervals for rates, Katz for ratios, Newcombe for differences),
// and a statement resting on fewer than the dashboard's minimum sample says "not enough data" instead.
import {
  describeChance,
  formatInterval,
  formatPoints,
  formatRatio,
  MIN_GROUP_SIZE,
  rate,
  type OfferGroup,
  type Rate,
} from "./analytics";
import { formatMinutes } from "./format";
import { compareProportions, type Interval, type ProportionComparison } from "./stats";
import { thresholdInWords } from "./windows";

export type FindingsInput = {
  followUpRate: Rate;
  latency: { median: number | null; n: number; p90?: number | null };
  /** Offer groups by the fastest follow-up window: best, ideal, acceptable, late, none. */
  byWindow: readonly Pick<OfferGroup, "key" | "offers" | "decided">[];
  /** Offer groups by behaviour: always, sometimes, never. */
  byBehaviour: readonly Pick<OfferGroup, "key" | "offers" | "decided">[];
  /** Offer groups by quality band ("high" and "low" are compared). */
  byBand: readonly Pick<OfferGroup, "key" | "label" | "offers" | "decided">[];
  /** Minutes of the "acceptable" window (organization settings; 1,440 by default). */
  acceptableMinutes: number;
};

/** One statement; `enough` is false when it says "not enough data" (or rests on a sample under the minimum). */
export type Finding = { key: string; text: string; enough: boolean };

const pct = (r: number) => `${Math.round(r * 100)}%`;
const count = (n: number) => n.toLocaleString("en");

function sum(groups: readonly Pick<OfferGroup, "key" | "offers" | "decided">[], keys: readonly string[]) {
  return groups
    .filter((g) => keys.includes(g.key))
    .reduce((s, g) => ({ offers: s.offers + g.offers, decided: s.decided + g.decided }), {
      offers: 0,
      decided: 0,
    });
}

/** "70% of 20 decided applications (95% interval 48–85%)" */
function rateWithInterval(r: Rate, unit: string): string {
  return `${pct(r.rate ?? 0)} of ${count(r.n)}${unit} (95% interval ${formatInterval(r.interval)})`;
}

const ratioInterval = (i: Interval) => `95% interval ${formatRatio(i.lower)} to ${formatRatio(i.upper)}`;
const differenceWithInterval = (c: ProportionComparison) =>
  `a difference of ${formatPoints(c.difference)}, 95% interval ${formatPoints(c.differenceInterval.lower)} to ${formatPoints(c.differenceInterval.upper)}`;

/**
 * "A received offers 5.3× as often as B (95% interval 2.1× to 13×): 70% of 20 decided applications
 * (95% interval 48–85%) against 13% of 30 (95% interval 5–30%). Chance alone would rarely give a gap
 * this large (p < 0.001, two-proportion z-test)." Below the minimum sample: "not enough data".
 */
export function compareGroups(
  key: string,
  a: { offers: number; decided: number },
  b: { offers: number; decided: number },
  who: { a: string; b: string },
): Finding {
  const ra = rate(a.offers, a.decided);
  const rb = rate(b.offers, b.decided);
  const c = compareProportions(a.offers, a.decided, b.offers, b.decided);
  if (!ra.enough || !rb.enough || !c) {
    return {
      key,
      enough: false,
      text: `${who.a} against ${who.b}: not enough data yet (${count(a.decided)} and ${count(b.decided)} decided applications; each group needs ${MIN_GROUP_SIZE}).`,
    };
  }
  const detail = `${rateWithInterval(ra, " decided applications")} against ${rateWithInterval(rb, "")}`;
  const chance = `${describeChance(c)}.`;
  let text: string;
  if (Math.abs(c.difference) < 0.005) {
    text = `${who.a} received offers about as often as ${who.b} (${differenceWithInterval(c)}): ${detail}. ${chance}`;
  } else if (c.ratio === null) {
    text = `${who.a} received offers; ${who.b} received none, so no ratio can be given (${differenceWithInterval(c)}): ${detail}. ${chance}`;
  } else if (c.ratio > 1) {
    text = `${who.a} received offers ${formatRatio(c.ratio)} as often as ${who.b} (${c.ratioInterval ? ratioInterval(c.ratioInterval) : differenceWithInterval(c)}): ${detail}. ${chance}`;
  } else if (c.ratio === 0 || !c.ratioInterval) {
    text = `${who.a} received no offers where ${who.b} did (${differenceWithInterval(c)}): ${detail}. ${chance}`;
  } else {
    text = `${who.a} received offers less often than ${who.b}, ${formatRatio(c.ratio)} as often (${ratioInterval(c.ratioInterval)}): ${detail}. ${chance}`;
  }
  return { key, enough: true, text };
}

function latencyClause(latency: FindingsInput["latency"]): string {
  if (latency.median === null || latency.n === 0) return "";
  if (latency.n < MIN_GROUP_SIZE)
    return `; ${count(latency.n)} follow-ups arrived, not enough data for a typical delay yet (${MIN_GROUP_SIZE} needed)`;
  const p90 = latency.p90 == null ? "" : `, 90th percentile ${formatMinutes(latency.p90)}`;
  return `; the median follow-up arrived ${formatMinutes(latency.median)} after the interview (${count(latency.n)} follow-ups${p90})`;
}

/** The follow-up rate with its interval and count, or "not enough data" under the minimum sample. */
export function followUpRateFinding(f: Rate, latency: FindingsInput["latency"]): Finding {
  if (f.n === 0)
    return {
      key: "rate",
      enough: false,
      text: "No interview in this period has reached the end of its follow-up window yet: not enough data.",
    };
  if (!f.enough)
    return {
      key: "rate",
      enough: false,
      text: `Candidates followed up after ${count(f.successes)} of ${count(f.n)} interviews whose follow-up window has closed: not enough data for a rate yet (${MIN_GROUP_SIZE} needed)${latencyClause(latency)}.`,
    };
  return {
    key: "rate",
    enough: true,
    text: `Candidates followed up after ${rateWithInterval(f, " interviews whose follow-up window has closed")}${latencyClause(latency)}.`,
  };
}

export function reportFindings(input: FindingsInput): Finding[] {
  const findings: Finding[] = [followUpRateFinding(input.followUpRate, input.latency)];
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

// Statistics for the dashboard: intervals and tests on proportions, and percentile interpolation.
// Pure functions over counts that SQL has already aggregated; no I/O.
import jStat from "jstat";

export type Interval = { lower: number; upper: number };

/** The two-sided critical value of the standard normal, e.g. 1.95996… for 95%. */
export function zCritical(confidence = 0.95): number {
  if (!(confidence > 0 && confidence < 1))
    throw new RangeError(`confidence must be between 0 and 1, got ${confidence}`);
  return jStat.normal.inv(1 - (1 - confidence) / 2, 0, 1);
}

function checkCounts(successes: number, n: number) {
  if (!Number.isInteger(successes) || !Number.isInteger(n) || successes < 0 || n < 0 || successes > n) {
    throw new RangeError(`need whole counts with 0 ≤ successes ≤ n, got ${successes}/${n}`);
  }
}

/**
 * Wilson score interval for a proportion (no continuity correction). Unlike the textbook
 * p ± z·SE, it stays inside [0, 1] and behaves at 0/n and n/n. Null when n is 0.
 */
export function wilsonInterval(successes: number, n: number, confidence = 0.95): Interval | null {
  checkCounts(successes, n);
  if (n === 0) return null;
  const z = zCritical(confidence);
  const p = successes / n;
  const z2 = z * z;
  const denominator = 1 + z2 / n;
  const centre = (p + z2 / (2 * n)) / denominator;
  const half = (z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / denominator;
  return {
    lower: successes === 0 ? 0 : Math.max(0, centre - half),
    upper: successes === n ? 1 : Math.min(1, centre + half),
  };
}

/** Pooled two-proportion z-test of p1 = p2, two-sided. Null when a group is empty. */
export function twoProportionZTest(
  x1: number,
  n1: number,
  x2: number,
  n2: number,
): { z: number; p: number } | null {
  checkCounts(x1, n1);
  checkCounts(x2, n2);
  if (n1 === 0 || n2 === 0) return null;
  const pooled = (x1 + x2) / (n1 + n2);
  const se = Math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2));
  // Everyone (or no one) succeeded in both groups: no evidence of any difference.
  if (se === 0) return { z: 0, p: 1 };
  const z = (x1 / n1 - x2 / n2) / se;
  return { z, p: Math.min(1, 2 * (1 - jStat.normal.cdf(Math.abs(z), 0, 1))) };
}

function logChoose(n: number, k: number): number {
  return jStat.gammaln(n + 1) - jStat.gammaln(k + 1) - jStat.gammaln(n - k + 1);
}

/**
 * Fisher's exact test for the 2×2 table [[a, b], [c, d]], two-sided: the probability, with the
 * margins fixed, of every table no more likely than the one observed (the convention of R's
 * fisher.test). Log-gamma keeps large tables from overflowing.
 */
export function fisherExactTest(a: number, b: number, c: number, d: number): { p: number } {
  for (const cell of [a, b, c, d]) checkCounts(cell, cell);
  const row1 = a + b;
  const col1 = a + c;
  const total = a + b + c + d;
  if (total === 0) return { p: 1 };
  const logDenominator = logChoose(total, row1);
  const probability = (k: number) =>
    Math.exp(logChoose(col1, k) + logChoose(total - col1, row1 - k) - logDenominator);
  const observed = probability(a);
  let p = 0;
  for (let k = Math.max(0, row1 + col1 - total); k <= Math.min(row1, col1); k++) {
    const pk = probability(k);
    // A relative tolerance, as R uses, so that tables as likely as the observed one are not lost to rounding.
    if (pk <= observed * (1 + 1e-7)) p += pk;
  }
  return { p: Math.min(1, p) };
}

/**
 * Risk ratio p1/p2 with the Katz log interval. The ratio is null when p2 is 0; the interval is
 * null when either group has no successes (its logarithm is undefined).
 */
export function riskRatio(
  x1: number,
  n1: number,
  x2: number,
  n2: number,
  confidence = 0.95,
): { ratio: number | null; interval: Interval | null } | null {
  checkCounts(x1, n1);
  checkCounts(x2, n2);
  if (n1 === 0 || n2 === 0) return null;
  const ratio = x2 === 0 ? null : x1 / n1 / (x2 / n2);
  if (ratio === null || x1 === 0) return { ratio, interval: null };
  const se = Math.sqrt(1 / x1 - 1 / n1 + 1 / x2 - 1 / n2);
  const z = zCritical(confidence);
  return { ratio, interval: { lower: ratio * Math.exp(-z * se), upper: ratio * Math.exp(z * se) } };
}

/**
 * Interval for the difference p1 − p2 from the two Wilson intervals (Newcombe 1998, method 10):
 * well behaved for small and extreme counts, where the Wald interval is not.
 */
export function newcombeDifference(
  x1: number,
  n1: number,
  x2: number,
  n2: number,
  confidence = 0.95,
): { difference: number; interval: Interval } | null {
  const w1 = wilsonInterval(x1, n1, confidence);
  const w2 = wilsonInterval(x2, n2, confidence);
  if (!w1 || !w2) return null;
  const p1 = x1 / n1;
  const p2 = x2 / n2;
  const difference = p1 - p2;
  return {
    difference,
    interval: {
      lower: difference - Math.sqrt((p1 - w1.lower) ** 2 + (w2.upper - p2) ** 2),
      upper: difference + Math.sqrt((w1.upper - p1) ** 2 + (p2 - w2.lower) ** 2),
    },
  };
}

export type ProportionComparison = {
  method: "z-test" | "fisher";
  p: number;
  /** Only for the z-test. */
  z: number | null;
  difference: number;
  differenceInterval: Interval;
  ratio: number | null;
  ratioInterval: Interval | null;
};

/** The smallest expected cell count of the 2×2 table of the two groups under independence. */
export function smallestExpectedCount(x1: number, n1: number, x2: number, n2: number): number {
  const total = n1 + n2;
  if (total === 0) return 0;
  const successes = x1 + x2;
  const failures = total - successes;
  return (Math.min(n1, n2) * Math.min(successes, failures)) / total;
}

/**
 * Compares two proportions x1/n1 and x2/n2: the difference with its Newcombe interval, the ratio
 * with its Katz interval, and a two-sided p-value from the pooled z-test, or from Fisher's exact
 * test when any expected cell count is below 5 (where the normal approximation fails).
 */
export function compareProportions(
  x1: number,
  n1: number,
  x2: number,
  n2: number,
  confidence = 0.95,
): ProportionComparison | null {
  const diff = newcombeDifference(x1, n1, x2, n2, confidence);
  const rr = riskRatio(x1, n1, x2, n2, confidence);
  if (!diff || !rr) return null;
  const small = smallestExpectedCount(x1, n1, x2, n2) < 5;
  const test = small
    ? { z: null, p: fisherExactTest(x1, n1 - x1, x2, n2 - x2).p }
    : twoProportionZTest(x1, n1, x2, n2)!;
  return {
    method: small ? "fisher" : "z-test",
    p: test.p,
    z: test.z,
    difference: diff.difference,
    differenceInterval: diff.interval,
    ratio: rr.ratio,
    ratioInterval: rr.interval,
  };
}

/** A percentile as an exact fraction, so that SQL's integer division and ours agree on the rank. */
export type Fraction = readonly [numerator: number, denominator: number];
export const MEDIAN: Fraction = [1, 2];
export const P90: Fraction = [9, 10];

/**
 * The 1-based ranks whose values a percentile interpolates between, and the weight of the upper one:
 * the linear method (R's type 7, numpy's default, Excel's PERCENTILE.INC), h = (n − 1)·p.
 * SQL selects the rows at these ranks with `((n - 1) * num) / den + 1` and `+ 2`.
 */
export function percentileRanks(
  n: number,
  [num, den]: Fraction,
): { lower: number; upper: number; fraction: number } {
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`need at least one value, got n = ${n}`);
  const whole = Math.floor(((n - 1) * num) / den);
  const fraction = ((n - 1) * num - whole * den) / den;
  return { lower: whole + 1, upper: Math.min(whole + 2, n), fraction };
}

/** The percentile of n sorted values, given the values at the ranks percentileRanks names. */
export function interpolatePercentile(
  n: number,
  p: Fraction,
  valueAtRank: (rank: number) => number | undefined,
): number | null {
  if (n < 1) return null;
  const { lower, upper, fraction } = percentileRanks(n, p);
  const low = valueAtRank(lower);
  const high = valueAtRank(upper);
  if (low === undefined || high === undefined) return null;
  return low + fraction * (high - low);
}

/** Exact percentile of plain numbers, the same method as the SQL one (for tests and small lists). */
export function percentile(values: readonly number[], p: Fraction): number | null {
  const sorted = [...values].sort((x, y) => x - y);
  return interpolatePercentile(sorted.length, p, (rank) => sorted[rank - 1]);
}

// The adverse-impact report (issue 21): for each self-identified category, and each sex × race/ethnicity
// intersection, the rate at which applications were selected by four measures, the impact ratio
// against the most favoured group, the four-fifths flag and a p-value. Pure: the counts come from SQL
// (app/data/demographics.server.ts) as a small cube, one row per combination of answers.
import {
  answerLabel,
  DECLINED,
  DEMOGRAPHIC_DIMENSIONS,
  DEMOGRAPHIC_LABELS,
  type DemographicCategories,
  type DemographicDimension,
} from "./demographics";
import { fisherExactTest, smallestExpectedCount, twoProportionZTest } from "./stats";

/** What is counted as selected, each over its own denominator (see MEASURES). */
export const IMPACT_MEASURES = ["strong", "aboveMedian", "followedUp", "offer"] as const;
export type ImpactMeasure = (typeof IMPACT_MEASURES)[number];

export const MEASURES: Record<ImpactMeasure, { title: string; selected: string; of: string }> = {
  strong: {
    title: "Strong score (70–100)",
    selected: "best follow-up score of 70 or more",
    of: "applications with a scored follow-up",
  },
  aboveMedian: {
    title: "Score above the median",
    selected: "best follow-up score above the median of all scored applications",
    of: "applications with a scored follow-up",
  },
  followedUp: {
    title: "Follow-up rate",
    selected: "followed up after at least one interview",
    of: "applications with an interview whose follow-up window has closed or that got one",
  },
  offer: {
    title: "Offer rate",
    selected: "offer or hired",
    of: "decided applications (offer or hired, rejected or withdrawn)",
  },
};

export const IMPACT_BREAKDOWNS = [...DEMOGRAPHIC_DIMENSIONS, "sexRace"] as const;
export type ImpactBreakdown = (typeof IMPACT_BREAKDOWNS)[number];
export const BREAKDOWN_LABELS: Record<ImpactBreakdown, string> = {
  ...DEMOGRAPHIC_LABELS,
  sexRace: "Sex × Race/Ethnicity",
};

/** The EEOC's rule of thumb: a selection rate under four-fifths of the highest group's is adverse impact. */
export const FOUR_FIFTHS = 0.8;
/**
 * Local Law 144's rules let a category under 2% of the data be left out of the impact ratios (its
 * count and rate are still shown): a group of two people is not a fair yardstick for the others.
 */
export const MIN_SHARE_FOR_RATIO = 0.02;
/** Below this expected cell count the z-test's normal approximation fails: Fisher's exact test instead. */
export const MIN_EXPECTED_FOR_Z = 5;

/** Counts of one combination of answers (null: not answered), as the SQL cube returns them. */
export type ImpactCell = {
  sex: string | null;
  raceEthnicity: string | null;
  ageBand: string | null;
  applications: number;
  scored: number;
  strong: number;
  aboveMedian: number;
  /** Applications with a decided interview: the follow-up rate's denominator. */
  followUpDecided: number;
  followedUp: number;
  /** Decided applications: the offer rate's denominator. */
  decided: number;
  offers: number;
};

/** The denominator and numerator of each measure in a cell. */
export function measureCounts(cell: ImpactCell, measure: ImpactMeasure): { n: number; selected: number } {
  switch (measure) {
    case "strong":
      return { n: cell.scored, selected: cell.strong };
    case "aboveMedian":
      return { n: cell.scored, selected: cell.aboveMedian };
    case "followedUp":
      return { n: cell.followUpDecided, selected: cell.followedUp };
    case "offer":
      return { n: cell.decided, selected: cell.offers };
  }
}

/** The impact ratio of a group's rate against the reference group's; null when either is undefined or 0. */
export function impactRatio(rate: number | null, referenceRate: number | null): number | null {
  if (rate === null || referenceRate === null || referenceRate === 0) return null;
  return rate / referenceRate;
}

/** Under four-fifths (a rounding hair below 0.8, as 0.4 / 0.5 computes, is not under). */
export function fourFifthsFlag(ratio: number | null): boolean {
  return ratio !== null && ratio < FOUR_FIFTHS - 1e-9;
}

export type ImpactTest = { p: number; test: "fisher" | "z-test" };

/**
 * Two-sided p-value of the difference between a group's rate (x1 of n1) and the reference group's (x2
 * of n2): Fisher's exact test when an expected cell count is under 5, else the pooled two-proportion
 * z-test. Null when either group is empty.
 */
export function impactTest(x1: number, n1: number, x2: number, n2: number): ImpactTest | null {
  if (n1 === 0 || n2 === 0) return null;
  if (smallestExpectedCount(x1, n1, x2, n2) < MIN_EXPECTED_FOR_Z)
    return { p: fisherExactTest(x1, n1 - x1, x2, n2 - x2).p, test: "fisher" };
  return { p: twoProportionZTest(x1, n1, x2, n2)!.p, test: "z-test" };
}

export type ImpactGroup = {
  key: string;
  label: string;
  n: number;
  selected: number;
  rate: number | null;
  /** Under MIN_SHARE_FOR_RATIO of the known answers: no ratio, flag or test. */
  small: boolean;
  /** The most favoured group: the highest rate among those not small. */
  reference: boolean;
  impactRatio: number | null;
  flagged: boolean;
  test: ImpactTest | null;
  /** A stored answer that is no longer one of the organization's choices. */
  retired: boolean;
};

export type ImpactTable = {
  measure: ImpactMeasure;
  breakdown: ImpactBreakdown;
  groups: ImpactGroup[];
  /** In the measure's denominator, with no answer recorded (either answer, for an intersection). */
  unknown: number;
  /** In the measure's denominator, declined (either answer, for an intersection, and neither unknown). */
  declined: number;
};

type Tally = { key: string; label: string; n: number; selected: number; retired: boolean };

/**
 * One table: the groups' counts with ratios, flags and tests. `groups` come in the order shown; those
 * with no one in them are kept (a category nobody chose is a finding too) but never the reference.
 */
export function impactGroups(groups: readonly Tally[]): ImpactGroup[] {
  const known = groups.reduce((sum, g) => sum + g.n, 0);
  const rated = groups.map((g) => ({
    ...g,
    rate: g.n > 0 ? g.selected / g.n : null,
    small: g.n === 0 || g.n < MIN_SHARE_FOR_RATIO * known,
  }));
  let reference: (typeof rated)[number] | null = null;
  for (const g of rated) {
    if (g.small || g.rate === null) continue;
    // The highest rate; on a tie the larger group, whose rate is the surer.
    if (!reference || g.rate > reference.rate! || (g.rate === reference.rate && g.n > reference.n))
      reference = g;
  }
  return rated.map((g) => {
    const isReference = g === reference;
    const ratio = !g.small && reference ? impactRatio(g.rate, reference.rate) : null;
    return {
      key: g.key,
      label: g.label,
      n: g.n,
      selected: g.selected,
      rate: g.rate,
      small: g.small,
      reference: isReference,
      impactRatio: isReference ? 1 : ratio,
      flagged: !isReference && fourFifthsFlag(ratio),
      test:
        isReference || g.small || !reference
          ? null
          : impactTest(g.selected, g.n, reference.selected, reference.n),
      retired: g.retired,
    };
  });
}

/** The choices in their order, then answers stored that are no longer choices, alphabetically. */
function orderedValues(
  choices: readonly string[],
  stored: Iterable<string>,
): { value: string; retired: boolean }[] {
  const extra = [...new Set(stored)].filter((v) => v !== DECLINED && !choices.includes(v)).sort();
  return [
    ...choices.map((value) => ({ value, retired: false })),
    ...extra.map((value) => ({ value, retired: true })),
  ];
}

const SEP = " × ";

/** Every table of the report: each measure by each breakdown. */
export function impactTables(cells: readonly ImpactCell[], categories: DemographicCategories): ImpactTable[] {
  const tables: ImpactTable[] = [];
  for (const measure of IMPACT_MEASURES) {
    for (const breakdown of IMPACT_BREAKDOWNS) {
      const counts = new Map<string, { n: number; selected: number }>();
      let unknown = 0;
      let declined = 0;
      const answersOf = (cell: ImpactCell): (string | null)[] =>
        breakdown === "sexRace" ? [cell.sex, cell.raceEthnicity] : [cell[breakdown]];
      for (const cell of cells) {
        const { n, selected } = measureCounts(cell, measure);
        if (n === 0) continue;
        const answers = answersOf(cell);
        if (answers.some((a) => a === null)) unknown += n;
        else if (answers.some((a) => a === DECLINED)) declined += n;
        else {
          const key = answers.join(SEP);
          const c = counts.get(key) ?? { n: 0, selected: 0 };
          c.n += n;
          c.selected += selected;
          counts.set(key, c);
        }
      }
      let tallies: Tally[];
      if (breakdown === "sexRace") {
        const stored = [...counts.keys()].map((k) => k.split(SEP));
        const sexes = orderedValues(
          categories.sex,
          stored.map((s) => s[0]),
        );
        const races = orderedValues(
          categories.raceEthnicity,
          stored.map((s) => s[1]),
        );
        tallies = sexes.flatMap((s) =>
          races.map((r) => {
            const key = `${s.value}${SEP}${r.value}`;
            const c = counts.get(key) ?? { n: 0, selected: 0 };
            return { key, label: key, ...c, retired: s.retired || r.retired };
          }),
        );
        // Retired combinations nobody is in only make the table longer.
        tallies = tallies.filter((t) => !t.retired || t.n > 0);
      } else {
        tallies = orderedValues(categories[breakdown as DemographicDimension], counts.keys()).map((v) => {
          const c = counts.get(v.value) ?? { n: 0, selected: 0 };
          return { key: v.value, label: answerLabel(v.value), ...c, retired: v.retired };
        });
      }
      tables.push({ measure, breakdown, groups: impactGroups(tallies), unknown, declined });
    }
  }
  return tables;
}

/** The Local Law 144 summary table as CSV rows: one per group, then the unknown and declined counts. */
export const IMPACT_CSV_HEADER = [
  "data_from",
  "data_to",
  "measure",
  "selected_means",
  "breakdown",
  "category",
  "applicants",
  "selected",
  "selection_rate",
  "impact_ratio",
  "four_fifths_flag",
  "p_value",
  "test",
  "note",
];

export function impactCsvRows(
  tables: readonly ImpactTable[],
  range: { from: string | null; to: string | null },
): (string | number | null)[][] {
  const rows: (string | number | null)[][] = [];
  // As text: a CSV writer that rounds numbers to cents would turn a p-value of 0.0003 into 0.
  const round = (v: number | null, places: number) =>
    v === null ? null : String(Math.round(v * 10 ** places) / 10 ** places);
  for (const t of tables) {
    const lead = [
      range.from,
      range.to,
      MEASURES[t.measure].title,
      MEASURES[t.measure].selected,
      BREAKDOWN_LABELS[t.breakdown],
    ];
    for (const g of t.groups) {
      const note = g.reference
        ? "most favoured group"
        : g.n === 0
          ? "no applicants"
          : g.small
            ? "under 2% of the data: left out of the impact ratios"
            : g.retired
              ? "no longer one of the choices"
              : null;
      rows.push([
        ...lead,
        g.label,
        g.n,
        g.selected,
        round(g.rate, 4),
        round(g.impactRatio, 3),
        g.impactRatio === null ? null : g.flagged ? "yes" : "no",
        g.test ? String(Number(g.test.p.toPrecision(3))) : null,
        g.test?.test ?? null,
        note,
      ]);
    }
    rows.push([
      ...lead,
      "Unknown (not answered)",
      t.unknown,
      null,
      null,
      null,
      null,
      null,
      null,
      "not in the rates",
    ]);
    rows.push([
      ...lead,
      "Declined to self-identify",
      t.declined,
      null,
      null,
      null,
      null,
      null,
      null,
      "not in the rates",
    ]);
  }
  return rows;
}

/** "40.0%": rates to a tenth of a percent, as the summary tables of bias audits print them. */
export function formatRate(rate: number | null): string {
  return rate === null ? "—" : `${(rate * 100).toFixed(1)}%`;
}

export function formatRatio(ratio: number | null): string {
  return ratio === null ? "—" : ratio.toFixed(2);
}

/** "0.029", "< 0.001". */
export function formatP(p: number | null | undefined): string {
  if (p === null || p === undefined) return "—";
  return p < 0.001 ? "< 0.001" : p.toFixed(3);
}

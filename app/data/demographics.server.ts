// Self-identified demographics (issue 21): an organization's answer choices, a candidate's answers, and
// the adverse-impact report's counts. The answers live in their own table (candidate_demographics) and
// only this module reads it: no candidate, pipeline, report or export query joins it. Callers check the
// compliance permission first. Audit entries name which questions changed, never the answers.
import { sql, type RawBuilder } from "kysely";
import type { Db } from "../../db/schema";
import { endsAtRange, type AnalyticsFilters } from "../core/analytics";
import { IMPACT_CSV_HEADER, impactCsvRows, impactTables, type ImpactCell } from "../core/adverse-impact";
import {
  DEMOGRAPHIC_DIMENSIONS,
  NO_ANSWERS,
  parseDemographicCategories,
  type DemographicAnswers,
  type DemographicCategories,
} from "../core/demographics";
import { SCORE_BAND_BOUNDS } from "../core/pipeline";
import { interpolatePercentile, MEDIAN, percentileRanks } from "../core/stats";
import { recordAudit } from "./audit.server";
import { toCsv } from "./exports.server";
import type { Viewer } from "./scope.server";
import { inTransaction } from "./transaction.server";

/** The organization's answer choices, defaults filled in. */
export async function getDemographicCategories(
  db: Db,
  organizationId: number,
): Promise<DemographicCategories> {
  const row = await db
    .selectFrom("organizations")
    .select("demographic_categories")
    .where("id", "=", organizationId)
    .executeTakeFirstOrThrow();
  return parseDemographicCategories(row.demographic_categories);
}

/** Saves the answer choices (validated by the caller). Answers already stored are kept as they are. */
export async function saveDemographicCategories(
  db: Db,
  viewer: Viewer,
  categories: DemographicCategories,
): Promise<void> {
  await inTransaction(db, async (trx) => {
    const before = await getDemographicCategories(trx, viewer.organization_id);
    await trx
      .updateTable("organizations")
      .set({ demographic_categories: JSON.stringify(categories) })
      .where("id", "=", viewer.organization_id)
      .execute();
    await recordAudit(trx, {
      organizationId: viewer.organization_id,
      userId: viewer.id,
      action: "update",
      entity: "demographic_categories",
      entityId: viewer.organization_id,
      detail: { before, after: categories },
    });
  });
}

export type StoredAnswers = DemographicAnswers & {
  source: "form" | "import" | null;
  updatedAt: string | null;
};

/** A candidate's answers (the caller has checked that the viewer may see the candidate). */
export async function getCandidateDemographics(
  db: Db,
  viewer: Viewer,
  candidateId: number,
): Promise<StoredAnswers> {
  const row = await db
    .selectFrom("candidate_demographics")
    .select(["sex", "race_ethnicity", "age_band", "source", "updated_at"])
    .where("candidate_id", "=", candidateId)
    .where("organization_id", "=", viewer.organization_id)
    .executeTakeFirst();
  if (!row) return { ...NO_ANSWERS, source: null, updatedAt: null };
  return {
    sex: row.sex,
    raceEthnicity: row.race_ethnicity,
    ageBand: row.age_band,
    source: row.source,
    updatedAt: row.updated_at,
  };
}

/**
 * Stores a candidate's answers as entered on their self-identification page; with every answer empty,
 * the row is removed. The audit entry lists which questions changed, not the answers, and is not put
 * on the candidate's timeline (which every reader of the candidate sees).
 */
export async function saveCandidateDemographics(
  db: Db,
  viewer: Viewer,
  candidateId: number,
  answers: DemographicAnswers,
): Promise<void> {
  await inTransaction(db, async (trx) => {
    const before = await getCandidateDemographics(trx, viewer, candidateId);
    const changed = DEMOGRAPHIC_DIMENSIONS.filter((d) => before[d] !== answers[d]);
    if (changed.length === 0) return;
    if (DEMOGRAPHIC_DIMENSIONS.every((d) => answers[d] === null)) {
      await trx
        .deleteFrom("candidate_demographics")
        .where("candidate_id", "=", candidateId)
        .where("organization_id", "=", viewer.organization_id)
        .execute();
    } else {
      const values = {
        sex: answers.sex,
        race_ethnicity: answers.raceEthnicity,
        age_band: answers.ageBand,
        source: "form" as const,
        updated_by: viewer.id,
        updated_at: new Date().toISOString(),
      };
      await trx
        .insertInto("candidate_demographics")
        .values({ ...values, candidate_id: candidateId, organization_id: viewer.organization_id })
        .onConflict((oc) => oc.column("candidate_id").doUpdateSet(values))
        .execute();
    }
    await recordAudit(trx, {
      organizationId: viewer.organization_id,
      userId: viewer.id,
      action: "update",
      entity: "self_identification",
      entityId: candidateId,
      candidateId: null,
      detail: { changed },
    });
  });
}

/**
 * Answers from an import, for candidates of the importer's organization: each answer given replaces
 * the stored one, and one left empty keeps it (a later file without the column changes nothing).
 * Returns how many candidates got answers.
 */
export async function importCandidateDemographics(
  db: Db,
  viewer: Viewer,
  entries: { candidateId: number; answers: Partial<DemographicAnswers> }[],
): Promise<number> {
  const given = entries.filter((e) => DEMOGRAPHIC_DIMENSIONS.some((d) => e.answers[d] != null));
  if (given.length === 0) return 0;
  const at = new Date().toISOString();
  // The last row of a candidate wins, as it would had the rows been entered one after another.
  const merged = new Map<number, Partial<DemographicAnswers>>();
  for (const e of given)
    merged.set(e.candidateId, { ...merged.get(e.candidateId), ...definedAnswers(e.answers) });
  const rows = [...merged].map(([candidateId, a]) => ({
    candidate_id: candidateId,
    organization_id: viewer.organization_id,
    sex: a.sex ?? null,
    race_ethnicity: a.raceEthnicity ?? null,
    age_band: a.ageBand ?? null,
    source: "import" as const,
    updated_by: viewer.id,
    updated_at: at,
  }));
  for (let i = 0; i < rows.length; i += 500) {
    await db
      .insertInto("candidate_demographics")
      .values(rows.slice(i, i + 500))
      .onConflict((oc) =>
        oc.column("candidate_id").doUpdateSet({
          sex: sql`coalesce(excluded.sex, candidate_demographics.sex)`,
          race_ethnicity: sql`coalesce(excluded.race_ethnicity, candidate_demographics.race_ethnicity)`,
          age_band: sql`coalesce(excluded.age_band, candidate_demographics.age_band)`,
          source: sql`excluded.source`,
          updated_by: sql`excluded.updated_by`,
          updated_at: sql`excluded.updated_at`,
        }),
      )
      .execute();
  }
  return rows.length;
}

function definedAnswers(a: Partial<DemographicAnswers>): Partial<DemographicAnswers> {
  return Object.fromEntries(Object.entries(a).filter(([, v]) => v != null));
}

// ---------------------------------------------------------------------------------------------------
// The adverse-impact report's counts

export type ImpactCounts = {
  cells: ImpactCell[];
  /** The median best score of every scored application in the sample (all groups, answered or not). */
  median: number | null;
  applications: number;
  /** The first and last interview end date of the sample (UTC calendar days). */
  range: { from: string | null; to: string | null };
};

const num = (v: unknown) => (v === null || v === undefined ? 0 : Number(v));

/**
 * The applications the report counts: those of the organization, narrowed by the dashboard's filters,
 * that had an interview matching the interview filters (interviewer, round, date range). The
 * compliance permission sees the whole organization, so no further scope applies.
 */
function sampleApplications(viewer: Viewer, filters: AnalyticsFilters): RawBuilder<unknown> {
  const org = viewer.organization_id;
  const range = endsAtRange(filters);
  const where: RawBuilder<unknown>[] = [sql`a.organization_id = ${org}`];
  if (filters.client !== undefined)
    where.push(
      sql`a.position_id in (select p.id from positions p where p.organization_id = ${org} and p.client_id = ${filters.client})`,
    );
  if (filters.position !== undefined) where.push(sql`a.position_id = ${filters.position}`);
  if (filters.recruiter !== undefined) where.push(sql`a.recruiter_id = ${filters.recruiter}`);
  where.push(sql`exists (select 1 from interviews i where ${interviewConditions(filters, range)})`);
  return sql`select a.id, a.candidate_id, a.best_score, a.behaviour, a.outcome
    from applications a where ${sql.join(where, sql` and `)}`;
}

function interviewConditions(filters: AnalyticsFilters, range: { from?: string; before?: string }) {
  const where: RawBuilder<unknown>[] = [sql`i.application_id = a.id`];
  if (filters.interviewer !== undefined) where.push(sql`i.interviewer_name = ${filters.interviewer}`);
  if (filters.round !== undefined) where.push(sql`i.round = ${filters.round}`);
  if (range.from !== undefined) where.push(sql`i.ends_at >= ${range.from}`);
  if (range.before !== undefined) where.push(sql`i.ends_at < ${range.before}`);
  return sql.join(where, sql` and `);
}

/**
 * The report's counts, in SQL: one row per combination of answers (a few dozen at most), each with
 * every measure's numerator and denominator, and the sample's median score and date range.
 */
export async function adverseImpactCounts(
  db: Db,
  viewer: Viewer,
  filters: AnalyticsFilters,
): Promise<ImpactCounts> {
  const apps = sampleApplications(viewer, filters);
  const scored = await sql<{ n: unknown }>`with s as (${apps})
    select count(*) as n from s where s.best_score is not null`.execute(db);
  const n = num(scored.rows[0]?.n);
  let median: number | null = null;
  if (n > 0) {
    const values = new Map<number, number>();
    const at = async (rank: number) => {
      if (!values.has(rank)) {
        const r = await sql<{ v: unknown }>`with s as (${apps})
          select s.best_score as v from s where s.best_score is not null
          order by s.best_score limit 1 offset ${rank - 1}`.execute(db);
        values.set(rank, Number(r.rows[0]?.v));
      }
      return values.get(rank)!;
    };
    const { lower, upper } = percentileRanks(n, MEDIAN);
    await at(lower);
    await at(upper);
    median = interpolatePercentile(n, MEDIAN, (rank) => values.get(rank));
  }
  const strong = SCORE_BAND_BOUNDS.high.min;
  const sum = (condition: RawBuilder<unknown>) => sql`sum(case when ${condition} then 1 else 0 end)`;
  const cube = await sql<Record<string, unknown>>`with s as (${apps})
    select d.sex, d.race_ethnicity, d.age_band, count(*) as applications,
      ${sum(sql`s.best_score is not null`)} as scored,
      ${sum(sql`s.best_score >= ${strong}`)} as strong,
      ${median === null ? sql`0` : sum(sql`s.best_score > ${median}`)} as above_median,
      ${sum(sql`s.behaviour is not null`)} as follow_up_decided,
      ${sum(sql`s.behaviour in ('always', 'sometimes')`)} as followed_up,
      ${sum(sql`s.outcome <> 'pending'`)} as decided,
      ${sum(sql`s.outcome in ('offer', 'hired')`)} as offers
    from s left join candidate_demographics d on d.candidate_id = s.candidate_id
    group by d.sex, d.race_ethnicity, d.age_band`.execute(db);
  const cells: ImpactCell[] = cube.rows.map((r) => ({
    sex: (r.sex as string | null) ?? null,
    raceEthnicity: (r.race_ethnicity as string | null) ?? null,
    ageBand: (r.age_band as string | null) ?? null,
    applications: num(r.applications),
    scored: num(r.scored),
    strong: num(r.strong),
    aboveMedian: num(r.above_median),
    followUpDecided: num(r.follow_up_decided),
    followedUp: num(r.followed_up),
    decided: num(r.decided),
    offers: num(r.offers),
  }));
  const range = endsAtRange(filters);
  const dates = await sql<{ first: unknown; last: unknown }>`with s as (${apps})
    select min(i.ends_at) as first, max(i.ends_at) as last from s a
    inner join interviews i on i.application_id = a.id
    where ${interviewConditions(filters, range)}`.execute(db);
  const day = (v: unknown) => (v == null ? null : new Date(String(v)).toISOString().slice(0, 10));
  return {
    cells,
    median,
    applications: cells.reduce((total, c) => total + c.applications, 0),
    range: { from: day(dates.rows[0]?.first), to: day(dates.rows[0]?.last) },
  };
}

/** The Local Law 144 summary table of the report as the filters select it, as CSV; the download is audited. */
export async function adverseImpactCsv(
  db: Db,
  viewer: Viewer,
  filters: AnalyticsFilters,
): Promise<{ csv: string; fileName: string }> {
  const counts = await adverseImpactCounts(db, viewer, filters);
  const tables = impactTables(counts.cells, await getDemographicCategories(db, viewer.organization_id));
  await recordAudit(db, {
    organizationId: viewer.organization_id,
    userId: viewer.id,
    action: "create",
    entity: "adverse_impact_export",
    detail: { filters },
  });
  const to = counts.range.to ?? new Date().toISOString().slice(0, 10);
  return {
    csv: toCsv(IMPACT_CSV_HEADER, impactCsvRows(tables, counts.range)),
    fileName: `adverse-impact-${counts.range.from ?? "none"}-to-${to}.csv`,
  };
}

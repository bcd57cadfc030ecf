// Summaries kept on write so that the lists answer from an index at 200,000 candidates.
//
// Each candidate carries a summary of their applications (migration 0024): how many, the last
// interview, the best score and the follow-up rate, read by the candidates list of admins and
// recruiters. Triggers on applications recount a candidate whenever one of their applications is
// inserted, deleted, or has one of the summarized columns changed, in the same statement, so every
// write path (a logged interview, a rescore, the window sweep, an import, a delete) keeps them current
// without calling anything. This module rebuilds them from scratch (`npm run summaries -- rebuild`)
// and compares them with a recount from the raw rows (`npm run summaries -- check`, and the tests).
import { sql } from "kysely";
import type { Db } from "../../db/schema";

/** The recount of a candidate `c`'s summary from their applications, as the triggers compute it. */
const RECOUNT = {
  applications: sql`nullif(count(*), 0)`,
  last_interview: sql`max(a.last_interview_end)`,
  best_score: sql`max(a.best_score)`,
  follow_up_rate: sql`cast(sum(a.followed_up_count) as double precision) / nullif(sum(a.decided_interview_count), 0)`,
};
const recount = sql.join(
  Object.entries(RECOUNT).map(
    ([name, value]) =>
      sql`(select ${value} from applications a where a.candidate_id = c.id) as ${sql.ref(name)}`,
  ),
);

/** Recounts every candidate's summary (of one organization, or all); returns the candidates updated. */
export async function rebuildCandidateSummaries(db: Db, organizationId?: number): Promise<number> {
  const result = await sql`update candidates set
      (summary_applications, summary_last_interview, summary_best_score, summary_follow_up_rate) = (
        select nullif(count(*), 0), max(a.last_interview_end), max(a.best_score),
          cast(sum(a.followed_up_count) as double precision) / nullif(sum(a.decided_interview_count), 0)
        from applications a where a.candidate_id = candidates.id)
    where ${organizationId === undefined ? sql`true` : sql`organization_id = ${organizationId}`}`.execute(db);
  return Number(result.numAffectedRows ?? 0);
}

export type SummaryDifference = {
  candidateId: number;
  stored: Record<string, unknown>;
  recounted: Record<string, unknown>;
};

const same = (a: unknown, b: unknown) =>
  a === null || b === null || a === undefined || b === undefined
    ? (a ?? null) === (b ?? null)
    : typeof a === "number" || typeof b === "number"
      ? Math.abs(Number(a) - Number(b)) <= 1e-9 * Math.max(1, Math.abs(Number(b)))
      : String(a) === String(b);

/**
 * The candidates whose stored summary differs from a recount of their applications (none when the
 * triggers did their work). Rates compare to 1e-9 relative: the same division, read back as a double.
 */
export async function candidateSummaryDifferences(db: Db, organizationId?: number) {
  const rows = (
    await sql<Record<string, unknown>>`select c.id, c.summary_applications, c.summary_last_interview,
        c.summary_best_score, c.summary_follow_up_rate, ${recount}
      from candidates c
      where ${organizationId === undefined ? sql`true` : sql`c.organization_id = ${organizationId}`}
      order by c.id`.execute(db)
  ).rows;
  const differences: SummaryDifference[] = [];
  for (const row of rows) {
    const stored = {
      applications: row.summary_applications,
      last_interview: row.summary_last_interview,
      best_score: row.summary_best_score,
      follow_up_rate: row.summary_follow_up_rate,
    };
    const recounted = {
      applications: row.applications,
      last_interview: row.last_interview,
      best_score: row.best_score,
      follow_up_rate: row.follow_up_rate,
    };
    const keys = Object.keys(stored) as (keyof typeof stored)[];
    if (keys.some((k) => !same(stored[k], recounted[k])))
      differences.push({ candidateId: Number(row.id), stored, recounted });
  }
  return differences;
}

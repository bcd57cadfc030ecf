// Summaries kept on write so that the lists answer from an index at 200,000 candidates.
//
// The dashboard's interviewer and round filter options are counted in dashboard_interviewers by
// triggers on interviews (migration 0024) the same way: rebuilt and checked here too.
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
import { inTransaction } from "./transaction.server";

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

/** Recounts the dashboard's interviewer and round options (of one organization, or all). */
export async function rebuildDashboardInterviewers(db: Db, organizationId?: number): Promise<number> {
  return inTransaction(db, async (trx) => {
    let clear = trx.deleteFrom("dashboard_interviewers");
    if (organizationId !== undefined) clear = clear.where("organization_id", "=", organizationId);
    await clear.execute();
    const result =
      await sql`insert into dashboard_interviewers (organization_id, interviewer_name, round, interviews)
      select organization_id, interviewer_name, round, count(*) from interviews
      where ${organizationId === undefined ? sql`true` : sql`organization_id = ${organizationId}`}
      group by organization_id, interviewer_name, round`.execute(trx);
    return Number(result.numAffectedRows ?? 0);
  });
}

/** The (organization, interviewer, round) counts that differ from a recount of the interviews. */
export async function dashboardInterviewerDifferences(db: Db, organizationId?: number) {
  const where = (alias: string) =>
    organizationId === undefined
      ? sql`true`
      : sql`${sql.ref(`${alias}.organization_id`)} = ${organizationId}`;
  const stored = await sql<{
    organization_id: number;
    interviewer_name: string;
    round: number;
    interviews: number;
  }>`select organization_id, interviewer_name, round, interviews from dashboard_interviewers o where ${where("o")}`.execute(
    db,
  );
  const recounted = await sql<{
    organization_id: number;
    interviewer_name: string;
    round: number;
    interviews: number;
  }>`select organization_id, interviewer_name, round, count(*) as interviews from interviews i where ${where("i")}
    group by organization_id, interviewer_name, round`.execute(db);
  const key = (r: { organization_id: number; interviewer_name: string; round: number }) =>
    JSON.stringify([Number(r.organization_id), r.interviewer_name, Number(r.round)]);
  const counts = new Map<string, { stored: number; recounted: number }>();
  for (const r of stored.rows) counts.set(key(r), { stored: Number(r.interviews), recounted: 0 });
  for (const r of recounted.rows) {
    const entry = counts.get(key(r)) ?? { stored: 0, recounted: 0 };
    entry.recounted = Number(r.interviews);
    counts.set(key(r), entry);
  }
  return [...counts.entries()]
    .filter(([, c]) => c.stored !== c.recounted)
    .map(([k, c]) => ({ key: JSON.parse(k) as [number, string, number], ...c }));
}

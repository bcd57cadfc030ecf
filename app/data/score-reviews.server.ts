// People's reviews of follow-up scores (issue 21, item 3): a hiring manager, recruiter or admin marks a
// score reviewed, agreeing or overriding it with a band and a reason. One review per follow-up (a
// new review replaces it); every review is in the audit log, so the history is there.
import { sql, type RawBuilder } from "kysely";
import type { Db } from "../../db/schema";
import type { AnalyticsFilters } from "../core/analytics";
import { endsAtRange } from "../core/analytics";
import type { ScoreReviewInput } from "../core/rights";
import { recordAudit } from "./audit.server";
import { findFollowUp } from "./interviews.server";
import { seesWholeOrganization, visiblePositionIds, type Viewer } from "./scope.server";
import { inTransaction } from "./transaction.server";

export type WriteResult = { ok: true; id: number } | { ok: false; field: string; message: string };

/** Stores the viewer's review of a follow-up's score, replacing an earlier one, and audits it. */
export async function reviewScore(
  db: Db,
  viewer: Viewer,
  followUpId: number,
  input: ScoreReviewInput,
): Promise<WriteResult> {
  return inTransaction(db, async (trx) => {
    const followUp = await findFollowUp(trx, viewer, followUpId);
    if (!followUp)
      return {
        ok: false,
        field: "verdict",
        message: "That follow-up does not exist or is not yours to review.",
      };
    if (followUp.score == null)
      return { ok: false, field: "verdict", message: "This follow-up has no score to review." } as const;
    const values = {
      reviewer_id: viewer.id,
      verdict: input.verdict,
      band: input.band,
      reason: input.reason,
      score: followUp.score,
      created_at: new Date().toISOString(),
    };
    const existing = await trx
      .selectFrom("score_reviews")
      .select("id")
      .where("follow_up_id", "=", followUpId)
      .executeTakeFirst();
    if (existing) await trx.updateTable("score_reviews").set(values).where("id", "=", existing.id).execute();
    else
      await trx
        .insertInto("score_reviews")
        .values({ ...values, organization_id: viewer.organization_id, follow_up_id: followUpId })
        .execute();
    await recordAudit(trx, {
      organizationId: viewer.organization_id,
      userId: viewer.id,
      action: "review",
      entity: "follow_up",
      entityId: followUpId,
      candidateId: followUp.candidate_id,
      detail: {
        verdict: input.verdict,
        band: input.band,
        reason: input.reason,
        score: Math.round(followUp.score),
        applicationId: followUp.application_id,
      },
    });
    return { ok: true, id: followUpId } as const;
  });
}

export type ReviewView = {
  verdict: "agree" | "override";
  band: "high" | "mid" | "low" | null;
  reason: string | null;
  score: number | null;
  reviewer: string | null;
  at: string;
};

/** The reviews of these follow-ups, by follow-up id, with the reviewer's name. */
export async function reviewsOfFollowUps(
  db: Db,
  organizationId: number,
  followUpIds: readonly number[],
): Promise<Map<number, ReviewView>> {
  if (followUpIds.length === 0) return new Map();
  const rows = await db
    .selectFrom("score_reviews as r")
    .leftJoin("users as u", "u.id", "r.reviewer_id")
    .select(["r.follow_up_id", "r.verdict", "r.band", "r.reason", "r.score", "r.created_at", "u.name"])
    .where("r.organization_id", "=", organizationId)
    .where("r.follow_up_id", "in", [...new Set(followUpIds)])
    .execute();
  return new Map(
    rows.map((r) => [
      r.follow_up_id,
      {
        verdict: r.verdict,
        band: r.band,
        reason: r.reason,
        score: r.score,
        reviewer: r.name,
        at: r.created_at,
      },
    ]),
  );
}

/**
 * Decided applications (an outcome other than pending) in the viewer's scope and the filters, and
 * how many of them had a follow-up whose score a person reviewed: what the dashboard and the client
 * report say, so that a reader knows how far people checked the scores behind the outcomes.
 * The filters are the dashboard's (an application counts when one of its interviews matches them).
 */
export async function reviewedDecidedApplications(
  db: Db,
  viewer: Viewer,
  filters: Partial<AnalyticsFilters>,
  clientId?: number,
): Promise<{ decided: number; reviewed: number }> {
  const where: RawBuilder<unknown>[] = [
    sql`a.organization_id = ${viewer.organization_id}`,
    sql`a.outcome <> 'pending'`,
  ];
  if (!seesWholeOrganization(viewer)) where.push(sql`a.position_id in (${visiblePositionIds(db, viewer)})`);
  const client = clientId ?? filters.client;
  if (client !== undefined)
    where.push(sql`a.position_id in (select p.id from positions p where p.client_id = ${client})`);
  if (filters.position !== undefined) where.push(sql`a.position_id = ${filters.position}`);
  if (filters.recruiter !== undefined) where.push(sql`a.recruiter_id = ${filters.recruiter}`);
  const inInterview: RawBuilder<unknown>[] = [];
  if (filters.interviewer !== undefined) inInterview.push(sql`i.interviewer_name = ${filters.interviewer}`);
  if (filters.round !== undefined) inInterview.push(sql`i.round = ${filters.round}`);
  const range = endsAtRange({ from: filters.from, to: filters.to } as AnalyticsFilters);
  if (range.from !== undefined) inInterview.push(sql`i.ends_at >= ${range.from}`);
  if (range.before !== undefined) inInterview.push(sql`i.ends_at < ${range.before}`);
  if (inInterview.length > 0)
    where.push(
      sql`exists (select 1 from interviews i where i.application_id = a.id and ${sql.join(inInterview, sql` and `)})`,
    );
  // Two counts: the decided applications, and those among them with a reviewed follow-up, found from
  // the organization's few reviews (checking every decided application for a review took 340 ms of a
  // dashboard at 200,000 candidates).
  const decided = await sql<{ n: unknown }>`
    select count(*) as n from applications a where ${sql.join(where, sql` and `)}`.execute(db);
  const reviewed = await sql<{ n: unknown }>`
    select count(distinct a.id) as n
    from score_reviews r
    inner join follow_ups f on f.id = r.follow_up_id
    inner join interviews i on i.id = f.interview_id
    inner join applications a on a.id = i.application_id
    where r.organization_id = ${viewer.organization_id}
      and ${sql.join([...where, ...inInterview], sql` and `)}`.execute(db);
  return { decided: Number(decided.rows[0]?.n ?? 0), reviewed: Number(reviewed.rows[0]?.n ?? 0) };
}

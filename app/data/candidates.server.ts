import { sql } from "kysely";
import type { Db } from "../../db/schema";
import { containsPattern, type ListParams } from "../core/list-params";
import { seesWholeOrganization, visiblePositionIds, type Viewer } from "./scope.server";

export const CANDIDATE_SORT_KEYS = [
  "name",
  "email",
  "source",
  "applications",
  "lastInterview",
  "followUpRate",
  "bestScore",
  "createdAt",
] as const;
export type CandidateSortKey = (typeof CANDIDATE_SORT_KEYS)[number];

/** Candidates the viewer may see, one page, with a summary of their visible applications. */
export async function listCandidates(db: Db, viewer: Viewer, params: ListParams<CandidateSortKey>) {
  // Each candidate's visible applications summarized in one grouped pass (far cheaper than a
  // subquery per candidate when sorting by a summary column).
  let applications = db
    .selectFrom("applications as a")
    .where("a.organization_id", "=", viewer.organization_id)
    .groupBy("a.candidate_id")
    .select((eb) => [
      "a.candidate_id",
      eb.fn.countAll<number>().as("applications"),
      eb.fn.max("a.last_interview_end").as("lastInterview"),
      eb.fn.max("a.best_score").as("bestScore"),
      sql<number | null>`1.0 * sum(a.followed_up_count) / nullif(sum(a.decided_interview_count), 0)`.as(
        "followUpRate",
      ),
    ]);
  if (!seesWholeOrganization(viewer))
    applications = applications.where("a.position_id", "in", visiblePositionIds(db, viewer));

  let candidates = db.selectFrom("candidates as c").where("c.organization_id", "=", viewer.organization_id);
  if (params.q) {
    const pattern = containsPattern(params.q);
    candidates = candidates.where((eb) =>
      eb.or([
        sql<boolean>`lower(c.name) like ${pattern} escape '\\'`,
        sql<boolean>`lower(coalesce(c.email, '')) like ${pattern} escape '\\'`,
      ]),
    );
  }
  // Roles scoped to positions see only candidates with an application there: an inner join.
  const base = seesWholeOrganization(viewer)
    ? candidates.leftJoin(applications.as("s"), "s.candidate_id", "c.id")
    : candidates.innerJoin(applications.as("s"), "s.candidate_id", "c.id");

  // Whole-organization roles see every candidate, so counting needs no summary.
  const counted = seesWholeOrganization(viewer) ? candidates : base;
  const total = await counted.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
  const rows = await base
    .select([
      "c.id",
      "c.name",
      "c.email",
      "c.source",
      "c.created_at as createdAt",
      "s.applications",
      "s.lastInterview",
      "s.bestScore",
      "s.followUpRate",
    ])
    .orderBy(sql.ref(params.sort), (ob) => (params.dir === "asc" ? ob.asc() : ob.desc()).nullsLast())
    .orderBy("c.id")
    .limit(params.pageSize)
    .offset((params.page - 1) * params.pageSize)
    .execute();

  return { rows, total: Number(total.n) };
}

/** One candidate with the applications, interviews and follow-ups the viewer may see; null if none. */
export async function getCandidateRecord(db: Db, viewer: Viewer, candidateId: number) {
  const candidate = await db
    .selectFrom("candidates")
    .select(["id", "name", "email", "phone", "source", "created_at"])
    .where("id", "=", candidateId)
    .where("organization_id", "=", viewer.organization_id)
    .executeTakeFirst();
  if (!candidate) return null;

  const applications = await db
    .selectFrom("applications as a")
    .innerJoin("positions as p", "p.id", "a.position_id")
    .innerJoin("clients as cl", "cl.id", "p.client_id")
    .leftJoin("users as r", "r.id", "a.recruiter_id")
    .select([
      "a.id",
      "a.stage",
      "a.outcome",
      "a.outcome_on",
      "a.behaviour",
      "a.interview_count",
      "a.followed_up_count",
      "a.decided_interview_count",
      "a.median_latency_minutes",
      "a.best_score",
      "a.mean_score",
      "p.id as position_id",
      "p.title as position_title",
      "cl.name as client_name",
      "r.name as recruiter_name",
    ])
    .where("a.candidate_id", "=", candidate.id)
    .where("a.position_id", "in", visiblePositionIds(db, viewer))
    .orderBy("a.created_at")
    .execute();
  if (!applications.length && !seesWholeOrganization(viewer)) return null;

  const applicationIds = applications.map((a) => a.id);
  const interviews = applicationIds.length
    ? await db
        .selectFrom("interviews")
        .selectAll()
        .where("application_id", "in", applicationIds)
        .orderBy("ends_at")
        .execute()
    : [];
  const interviewIds = interviews.map((i) => i.id);
  const followUps = interviewIds.length
    ? await db
        .selectFrom("follow_ups")
        .selectAll()
        .where("interview_id", "in", interviewIds)
        .orderBy("received_at")
        .execute()
    : [];
  return { candidate, applications, interviews, followUps };
}

/**
 * The candidate of each of these follow-ups, within the viewer's organization: a near-copy's evidence
 * names the other follow-up, and the page links to it.
 */
export async function candidatesOfFollowUps(
  db: Db,
  viewer: Viewer,
  followUpIds: readonly number[],
): Promise<Map<number, number>> {
  if (followUpIds.length === 0) return new Map();
  const rows = await db
    .selectFrom("follow_ups as f")
    .innerJoin("interviews as i", "i.id", "f.interview_id")
    .innerJoin("applications as a", "a.id", "i.application_id")
    .select(["f.id", "a.candidate_id"])
    .where("f.id", "in", [...new Set(followUpIds)])
    .where("f.organization_id", "=", viewer.organization_id)
    .execute();
  return new Map(rows.map((r) => [r.id, r.candidate_id]));
}

import { sql } from "kysely";
import { isPostgres } from "../../db/connection.server";
import type { Db } from "../../db/schema";
import type { ListParams } from "../core/list-params";
import { foldText, parseSearchQuery } from "../core/search";
import { seesWholeOrganization, visiblePositionIds, type Viewer } from "./scope.server";
import { candidatesMatching } from "./search.server";

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

/** A search matching at most one candidate in this many is read by id on PostgreSQL (listWholeOrganization). */
const FEW_MATCHES = 5;

/** The stored summary column each sort reads for admins and recruiters, and whether it may be null. */
const SORT_COLUMNS: Record<CandidateSortKey, { column: string; nullable: boolean }> = {
  name: { column: "name", nullable: false },
  email: { column: "email", nullable: true },
  source: { column: "source", nullable: true },
  applications: { column: "summary_applications", nullable: true },
  lastInterview: { column: "summary_last_interview", nullable: true },
  followUpRate: { column: "summary_follow_up_rate", nullable: true },
  bestScore: { column: "summary_best_score", nullable: true },
  createdAt: { column: "created_at", nullable: false },
};

/** Candidates the viewer may see, one page, with a summary of their visible applications. */
export async function listCandidates(db: Db, viewer: Viewer, params: ListParams<CandidateSortKey>) {
  return seesWholeOrganization(viewer)
    ? listWholeOrganization(db, viewer, params)
    : listFromPositions(db, viewer, params);
}

/**
 * The words of the list's search box, matched as the header search matches them: each the start of a
 * word of the candidate's name, a piece of their email or their phone's digits (a single letter too,
 * which the header search waits for a second of). Null for a box of blanks.
 */
function searchWords(q: string): string[] | null {
  const query = parseSearchQuery(q);
  if (query.kind === "words") return query.words;
  return query.kind === "too-short" ? [foldText(query.text)] : null;
}

/**
 * Admins and recruiters see every candidate, with the summary of all their applications, which each
 * candidate carries (migration 0024): a page is the first rows of the sort's index (nulls last in
 * either direction, hence the leading "is null" of the nullable ones, as the index has it).
 */
async function listWholeOrganization(db: Db, viewer: Viewer, params: ListParams<CandidateSortKey>) {
  let candidates = db.selectFrom("candidates as c").where("c.organization_id", "=", viewer.organization_id);
  const words = searchWords(params.q);
  const matching = words && candidatesMatching(db, viewer.organization_id, words);
  // The organization's stored count (migration 0040): PostgreSQL counts an index's entries one by one
  // (20–80 ms at 200,000 candidates, more than the page). Searched, the matches are counted from the
  // search terms alone (PostgreSQL joined them to every candidate: 190 → 16 ms).
  const { n: all } = await db
    .selectFrom("organizations")
    .select("candidate_count as n")
    .where("id", "=", viewer.organization_id)
    .executeTakeFirstOrThrow();
  let total = Number(all);
  if (matching) {
    const counted = await db
      .selectFrom(matching.as("m"))
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirstOrThrow();
    total = Number(counted.n);
    // PostgreSQL joins the matches by hashing them and scanning every candidate. When they are few
    // against the organization it reads them by id instead, in one pass over the primary key (`an` at
    // 200,000 candidates: docs/performance.md); a search matching many keeps the scan.
    const few = isPostgres(db) && total * FEW_MATCHES <= Number(all);
    candidates = few
      ? candidates.where("c.id", "=", sql<number>`any(array(${matching}))`)
      : candidates.where("c.id", "in", matching);
  }
  const { column, nullable } = SORT_COLUMNS[params.sort];
  const ref = sql.ref(`c.${column}`);
  let query = candidates.select([
    "c.id",
    "c.name",
    "c.email",
    "c.source",
    "c.created_at as createdAt",
    "c.summary_applications as applications",
    "c.summary_last_interview as lastInterview",
    "c.summary_best_score as bestScore",
    "c.summary_follow_up_rate as followUpRate",
  ]);
  if (nullable) query = query.orderBy(sql`(${ref} is null)`);
  const rows = await query
    .orderBy(ref, params.dir)
    .orderBy("c.id")
    .limit(params.pageSize)
    .offset((params.page - 1) * params.pageSize)
    .execute();
  return { rows, total };
}

/**
 * Everyone else sees the candidates with an application at a position they may see, summarized over
 * those applications only: the list starts from their positions' applications (by index), which are
 * few, and groups them by candidate.
 */
async function listFromPositions(db: Db, viewer: Viewer, params: ListParams<CandidateSortKey>) {
  const applications = db
    .selectFrom("applications as a")
    .where("a.position_id", "in", visiblePositionIds(db, viewer))
    .groupBy("a.candidate_id")
    .select((eb) => [
      "a.candidate_id",
      eb.fn.countAll<number>().as("applications"),
      eb.fn.max("a.last_interview_end").as("lastInterview"),
      eb.fn.max("a.best_score").as("bestScore"),
      sql<
        number | null
      >`cast(sum(a.followed_up_count) as double precision) / nullif(sum(a.decided_interview_count), 0)`.as(
        "followUpRate",
      ),
    ]);
  // No organization condition on candidates: the positions are the organization's, and with one the
  // planner walks all the organization's candidates and probes the few summaries.
  let base = db.selectFrom(applications.as("s")).innerJoin("candidates as c", "c.id", "s.candidate_id");
  const words = searchWords(params.q);
  if (words) base = base.where("c.id", "in", candidatesMatching(db, viewer.organization_id, words));
  const total = await base.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
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

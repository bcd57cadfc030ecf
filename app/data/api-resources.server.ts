// What the REST API reads (issue 22): each resource as a page of rows the caller may see, ordered by
// id after the cursor, optionally only those created or changed since an instant. Visibility is the
// app's (data/scope.server.ts): the organization, and a hiring manager's or client viewer's positions.
// Each row is shaped by the response schemas of app/core/api.ts, which the OpenAPI document describes.
import { sql, type Expression, type SqlBool } from "kysely";
import type { z } from "zod";
import type { Db } from "../../db/schema";
import { can } from "../auth/permissions.server";
import type {
  ApiApplication,
  ApiCandidate,
  ApiFollowUp,
  ApiFollowUpDetail,
  ApiInterview,
  ApiPosition,
} from "../core/api";
import { decodeScoreParts } from "../core/rubric/stored-score";
import type { Page } from "./api-http.server";
import {
  inOrganizationUnindexed,
  seesWholeOrganization,
  visiblePositionIds,
  type Viewer,
} from "./scope.server";

type Changed = { id: number; created_at: string; updated_at: string | null };

interface Pageable<Q> {
  where(expression: Expression<SqlBool>): Q;
  orderBy(expression: Expression<unknown>): Q;
  limit(limit: number): Q;
}

/** Rows after the cursor, created or changed since `updatedSince`, by id, one more than the page. */
function paged<Q extends Pageable<Q>>(query: Q, alias: string, page: Page, table: string): Q {
  const id = sql.ref(`${alias}.id`);
  let q = query.where(sql<boolean>`${id} > ${page.afterId}`);
  if (page.updatedSince) {
    // The rows changed since, found by the (coalesce(updated_at, created_at), organization_id) index of
    // migration 0035 (the expression word for word, for both dialects; a row changes after it is
    // created): a sorted list of ids that SQLite walks in order (see inOrganization).
    const changed = sql<boolean>`${id} in (select id from ${sql.table(table)} where coalesce(updated_at, created_at) >= ${page.updatedSince})`;
    q = q.where(changed);
  }
  return q.orderBy(id).limit(page.limit + 1);
}

const changedOf = (r: Changed) => ({ createdAt: r.created_at, updatedAt: r.updated_at ?? r.created_at });

/** A list's organization term: with updated_since, the changed rows' ids find the rows (paged). */
function inOrganization(column: string, viewer: Viewer, page: Page | null) {
  return page?.updatedSince
    ? inOrganizationUnindexed(column, viewer)
    : sql<boolean>`${sql.ref(column)} = ${viewer.organization_id}`;
}

// ---- Candidates ----

function candidates(db: Db, viewer: Viewer, page: Page | null = null) {
  let query = db
    .selectFrom("candidates as c")
    .select(["c.id", "c.name", "c.email", "c.phone", "c.source", "c.created_at", "c.updated_at"])
    .where(inOrganization("c.organization_id", viewer, page));
  if (!seesWholeOrganization(viewer))
    query = query.where((eb) =>
      eb.exists(
        eb
          .selectFrom("applications as a")
          .select("a.id")
          .whereRef("a.candidate_id", "=", "c.id")
          .where("a.position_id", "in", visiblePositionIds(db, viewer)),
      ),
    );
  return query;
}

type CandidateRow = Awaited<ReturnType<ReturnType<typeof candidates>["execute"]>>[number];
const candidateOut = (r: CandidateRow): z.infer<typeof ApiCandidate> => ({
  id: r.id,
  name: r.name,
  email: r.email,
  phone: r.phone,
  source: r.source,
  ...changedOf(r),
});

export async function listApiCandidates(db: Db, viewer: Viewer, page: Page) {
  return (await paged(candidates(db, viewer, page), "c", page, "candidates").execute()).map(candidateOut);
}

export async function getApiCandidate(db: Db, viewer: Viewer, id: number) {
  const row = await candidates(db, viewer).where("c.id", "=", id).executeTakeFirst();
  return row ? candidateOut(row) : null;
}

// ---- Positions ----

function positions(db: Db, viewer: Viewer, page: Page | null = null) {
  return db
    .selectFrom("positions as p")
    .innerJoin("clients as cl", "cl.id", "p.client_id")
    .select([
      "p.id",
      "p.title",
      "p.client_id",
      "cl.name as client_name",
      "p.hiring_manager_id",
      "p.status",
      "p.opened_on",
      "p.closed_on",
      "p.created_at",
      "p.updated_at",
    ])
    .where(inOrganization("p.organization_id", viewer, page))
    .where("p.id", "in", visiblePositionIds(db, viewer));
}

type PositionRow = Awaited<ReturnType<ReturnType<typeof positions>["execute"]>>[number];
const positionOut = (r: PositionRow): z.infer<typeof ApiPosition> => ({
  id: r.id,
  title: r.title,
  clientId: r.client_id,
  clientName: r.client_name,
  hiringManagerId: r.hiring_manager_id,
  status: r.status,
  openedOn: r.opened_on,
  closedOn: r.closed_on,
  ...changedOf(r),
});

export async function listApiPositions(db: Db, viewer: Viewer, page: Page, clientId: number | null) {
  let query = positions(db, viewer, page);
  if (clientId !== null) query = query.where("p.client_id", "=", clientId);
  return (await paged(query, "p", page, "positions").execute()).map(positionOut);
}

export async function getApiPosition(db: Db, viewer: Viewer, id: number) {
  const row = await positions(db, viewer).where("p.id", "=", id).executeTakeFirst();
  return row ? positionOut(row) : null;
}

// ---- Applications ----

function applications(db: Db, viewer: Viewer, page: Page | null = null) {
  return db
    .selectFrom("applications as a")
    .select([
      "a.id",
      "a.candidate_id",
      "a.position_id",
      "a.stage",
      "a.outcome",
      "a.outcome_on",
      "a.outcome_reason",
      "a.recruiter_id",
      "a.interview_count",
      "a.decided_interview_count",
      "a.followed_up_count",
      "a.behaviour",
      "a.median_latency_minutes",
      "a.best_score",
      "a.mean_score",
      "a.created_at",
      "a.updated_at",
    ])
    .where(inOrganization("a.organization_id", viewer, page))
    .where("a.position_id", "in", visiblePositionIds(db, viewer));
}

type ApplicationRow = Awaited<ReturnType<ReturnType<typeof applications>["execute"]>>[number];
const applicationOut = (r: ApplicationRow): z.infer<typeof ApiApplication> => ({
  id: r.id,
  candidateId: r.candidate_id,
  positionId: r.position_id,
  stage: r.stage,
  outcome: r.outcome,
  outcomeOn: r.outcome_on,
  outcomeReason: r.outcome_reason,
  recruiterId: r.recruiter_id,
  interviewCount: r.interview_count,
  decidedInterviewCount: r.decided_interview_count,
  followedUpCount: r.followed_up_count,
  behaviour: r.behaviour,
  medianLatencyMinutes: r.median_latency_minutes,
  bestScore: r.best_score,
  meanScore: r.mean_score,
  ...changedOf(r),
});

export async function listApiApplications(
  db: Db,
  viewer: Viewer,
  page: Page,
  filters: { positionId: number | null; candidateId: number | null },
) {
  let query = applications(db, viewer, page);
  if (filters.positionId !== null) query = query.where("a.position_id", "=", filters.positionId);
  if (filters.candidateId !== null) query = query.where("a.candidate_id", "=", filters.candidateId);
  return (await paged(query, "a", page, "applications").execute()).map(applicationOut);
}

export async function getApiApplication(db: Db, viewer: Viewer, id: number) {
  const row = await applications(db, viewer).where("a.id", "=", id).executeTakeFirst();
  return row ? applicationOut(row) : null;
}

// ---- Interviews ----

function interviews(db: Db, viewer: Viewer, page: Page | null = null) {
  return db
    .selectFrom("interviews as i")
    .innerJoin("applications as a", "a.id", "i.application_id")
    .select([
      "i.id",
      "i.application_id",
      "i.interviewer_name",
      "i.interviewer_email",
      "i.starts_at",
      "i.ends_at",
      "i.time_zone",
      "i.format",
      "i.round",
      "i.title",
      "i.notes",
      "i.closes_at",
      "i.first_follow_up_id",
      "i.first_follow_up_at",
      "i.latency_minutes",
      "i.business_latency_minutes",
      "i.window",
      "i.created_at",
      "i.updated_at",
    ])
    .where(inOrganization("i.organization_id", viewer, page))
    .where("a.position_id", "in", visiblePositionIds(db, viewer));
}

type InterviewRow = Awaited<ReturnType<ReturnType<typeof interviews>["execute"]>>[number];
const interviewOut =
  (viewer: Viewer) =>
  (r: InterviewRow): z.infer<typeof ApiInterview> => ({
    id: r.id,
    applicationId: r.application_id,
    interviewerName: r.interviewer_name,
    interviewerEmail: r.interviewer_email,
    startsAt: r.starts_at,
    endsAt: r.ends_at,
    timeZone: r.time_zone,
    format: r.format,
    round: r.round,
    title: r.title,
    // The team's working notes: not for client viewers, as on the pages.
    notes: can(viewer, "interview-notes:read") ? r.notes : null,
    closesAt: r.closes_at,
    firstFollowUpId: r.first_follow_up_id,
    firstFollowUpAt: r.first_follow_up_at,
    latencyMinutes: r.latency_minutes,
    businessLatencyMinutes: r.business_latency_minutes,
    window: r.window,
    ...changedOf(r),
  });

export async function listApiInterviews(db: Db, viewer: Viewer, page: Page, applicationId: number | null) {
  let query = interviews(db, viewer, page);
  if (applicationId !== null) query = query.where("i.application_id", "=", applicationId);
  return (await paged(query, "i", page, "interviews").execute()).map(interviewOut(viewer));
}

export async function getApiInterview(db: Db, viewer: Viewer, id: number) {
  const row = await interviews(db, viewer).where("i.id", "=", id).executeTakeFirst();
  return row ? interviewOut(viewer)(row) : null;
}

// ---- Follow-ups ----

function followUps(db: Db, viewer: Viewer, page: Page | null = null) {
  return db
    .selectFrom("follow_ups as f")
    .innerJoin("interviews as i", "i.id", "f.interview_id")
    .innerJoin("applications as a", "a.id", "i.application_id")
    .select([
      "f.id",
      "f.interview_id",
      "f.received_at",
      "f.channel",
      "f.sender",
      "f.subject",
      "f.body",
      "f.latency_minutes",
      "f.business_latency_minutes",
      "f.window",
      "f.score",
      "f.scorer_version",
      "f.created_at",
      "f.updated_at",
    ])
    .where(inOrganization("f.organization_id", viewer, page))
    .where("a.position_id", "in", visiblePositionIds(db, viewer));
}

type FollowUpRow = Awaited<ReturnType<ReturnType<typeof followUps>["execute"]>>[number];
const followUpOut = (r: FollowUpRow): z.infer<typeof ApiFollowUp> => ({
  id: r.id,
  interviewId: r.interview_id,
  receivedAt: r.received_at,
  channel: r.channel,
  sender: r.sender,
  subject: r.subject,
  body: r.body,
  latencyMinutes: r.latency_minutes,
  businessLatencyMinutes: r.business_latency_minutes,
  window: r.window,
  score: r.score,
  scorerVersion: r.scorer_version,
  ...changedOf(r),
});

export async function listApiFollowUps(db: Db, viewer: Viewer, page: Page, interviewId: number | null) {
  let query = followUps(db, viewer, page);
  if (interviewId !== null) query = query.where("f.interview_id", "=", interviewId);
  return (await paged(query, "f", page, "follow_ups").execute()).map(followUpOut);
}

/** One follow-up with its score's parts and the evidence for each (the page's score breakdown). */
export async function getApiFollowUp(
  db: Db,
  viewer: Viewer,
  id: number,
): Promise<z.infer<typeof ApiFollowUpDetail> | null> {
  const row = await followUps(db, viewer).select("f.score_parts").where("f.id", "=", id).executeTakeFirst();
  if (!row) return null;
  const parts = row.score_parts ? decodeScoreParts(row.score_parts) : null;
  return {
    ...followUpOut(row),
    scoreParts:
      parts?.map((p) => ({
        part: p.key,
        label: p.label,
        points: p.points,
        max: p.max,
        evidence: p.evidence.map((e) => ({
          text: e.text,
          effect: e.effect,
          ...(e.start !== undefined && e.end !== undefined ? { start: e.start, end: e.end } : {}),
        })),
      })) ?? null,
  };
}

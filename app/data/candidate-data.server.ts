// Everything held about one candidate (issue 21, item 4: the right of access), as one object: the
// JSON download and the readable page show the same. Read for roles that see the whole organization.
import type { Db } from "../../db/schema";
import { decodeScoreParts } from "../core/rubric/stored-score";
import { recordAudit } from "./audit.server";
import { getCandidateRecord } from "./candidates.server";
import { getCandidateNotice } from "./rights-settings.server";
import type { Viewer } from "./scope.server";

export async function candidateData(db: Db, viewer: Viewer, candidateId: number) {
  const record = await getCandidateRecord(db, viewer, candidateId);
  if (!record) return null;
  const org = viewer.organization_id;
  const interviewIds = record.interviews.map((i) => i.id);
  const followUpIds = record.followUps.map((f) => f.id);
  const email = record.candidate.email?.toLowerCase() ?? null;
  const reviews = followUpIds.length
    ? await db
        .selectFrom("score_reviews as r")
        .leftJoin("users as u", "u.id", "r.reviewer_id")
        .select([
          "r.follow_up_id",
          "r.verdict",
          "r.band",
          "r.reason",
          "r.score",
          "r.created_at",
          "u.name as reviewer",
        ])
        .where("r.organization_id", "=", org)
        .where("r.follow_up_id", "in", followUpIds)
        .execute()
    : [];
  const inbound = await db
    .selectFrom("inbound_messages")
    .select(["id", "received_at", "source", "sender", "subject", "status", "raw"])
    .where("organization_id", "=", org)
    .where((eb) =>
      eb.or([
        ...(interviewIds.length ? [eb("interview_id", "in", interviewIds)] : []),
        ...(followUpIds.length ? [eb("follow_up_id", "in", followUpIds)] : []),
        ...(email ? [eb(eb.fn("lower", ["sender"]), "=", email)] : [eb("id", "=", -1)]),
      ]),
    )
    .orderBy("received_at")
    .execute();
  const audit = await db
    .selectFrom("audit_log as l")
    .leftJoin("users as u", "u.id", "l.user_id")
    .select(["l.created_at", "l.action", "l.entity", "l.entity_id", "l.detail", "u.name as by"])
    .where("l.organization_id", "=", org)
    .where("l.candidate_id", "=", candidateId)
    .orderBy("l.created_at")
    .orderBy("l.id")
    .execute();
  return {
    exportedAt: new Date().toISOString(),
    notice: await getCandidateNotice(db, org),
    candidate: record.candidate,
    applications: record.applications.map((a) => ({
      id: a.id,
      position: a.position_title,
      client: a.client_name,
      stage: a.stage,
      outcome: a.outcome,
      outcomeOn: a.outcome_on,
      recruiter: a.recruiter_name,
      followUpBehaviour: a.behaviour,
      bestScore: a.best_score,
      meanScore: a.mean_score,
      medianLatencyMinutes: a.median_latency_minutes,
      interviews: record.interviews
        .filter((i) => i.application_id === a.id)
        .map((i) => ({
          id: i.id,
          round: i.round,
          title: i.title,
          format: i.format,
          interviewer: i.interviewer_name,
          startsAt: i.starts_at,
          endsAt: i.ends_at,
          timeZone: i.time_zone,
          notes: i.notes,
          latencyMinutes: i.latency_minutes,
          window: i.window,
          latencyNotApplicable: i.latency_exempt_reason,
          followUps: record.followUps
            .filter((f) => f.interview_id === i.id)
            .map((f) => ({
              id: f.id,
              receivedAt: f.received_at,
              channel: f.channel,
              sender: f.sender,
              subject: f.subject,
              body: f.body,
              latencyMinutes: f.latency_minutes,
              window: f.window,
              score: f.score,
              scorerVersion: f.scorer_version,
              scoreParts: (f.score_parts ? decodeScoreParts(f.score_parts) : null) ?? [],
              review: reviews.find((r) => r.follow_up_id === f.id) ?? null,
            })),
        })),
    })),
    inboundMessages: inbound,
    auditLog: audit.map((e) => ({ ...e, detail: e.detail ? (JSON.parse(e.detail) as unknown) : null })),
  };
}
export type CandidateData = NonNullable<Awaited<ReturnType<typeof candidateData>>>;

/** Records that someone exported a candidate's data (the entry names no one). */
export async function recordCandidateExport(db: Db, viewer: Viewer, candidateId: number, format: string) {
  await recordAudit(db, {
    organizationId: viewer.organization_id,
    userId: viewer.id,
    action: "create",
    entity: "candidate_data",
    entityId: candidateId,
    candidateId,
    detail: { format },
  });
}

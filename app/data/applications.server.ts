// Applications: a candidate in one position's pipeline. Adding one, moving it between stages,
// recording its outcome, changing its recruiter and deleting it.
import { sql } from "kysely";
import type { Db } from "../../db/schema";
import type { Stage } from "../core/stages";
import { containsPattern } from "../core/list-params";
import type { AddApplicationInput, OutcomeInput } from "../core/schemas";
import { recordAudit } from "./audit.server";
import { findVisibleCandidate, insertApplication } from "./candidate-writes.server";
import type { WriteResult } from "./positions.server";
import { seesWholeOrganization, visiblePositionIds, type Viewer } from "./scope.server";
import { inTransaction } from "./transaction.server";
import { queueOutcomesChanged } from "./webhooks.server";

/** One application the viewer may see, with its candidate, position and client; null otherwise. */
export async function getApplication(db: Db, viewer: Viewer, applicationId: number) {
  return (
    (await db
      .selectFrom("applications as a")
      .innerJoin("candidates as c", "c.id", "a.candidate_id")
      .innerJoin("positions as p", "p.id", "a.position_id")
      .innerJoin("clients as cl", "cl.id", "p.client_id")
      .leftJoin("users as r", "r.id", "a.recruiter_id")
      .select([
        "a.id",
        "a.stage",
        "a.outcome",
        "a.outcome_on",
        "a.outcome_reason",
        "a.recruiter_id",
        "a.created_at",
        "a.interview_count",
        "a.followed_up_count",
        "a.decided_interview_count",
        "a.best_score",
        "a.last_interview_end",
        "c.id as candidate_id",
        "c.name as candidate_name",
        "c.email as candidate_email",
        "p.id as position_id",
        "p.title as position_title",
        "cl.name as client_name",
        "r.name as recruiter_name",
      ])
      .where("a.id", "=", applicationId)
      .where("a.organization_id", "=", viewer.organization_id)
      .where("a.position_id", "in", visiblePositionIds(db, viewer))
      .executeTakeFirst()) ?? null
  );
}

/** Active recruiters and admins of the organization: the people an application can be assigned to. */
export async function listRecruiters(db: Db, viewer: Viewer) {
  return db
    .selectFrom("users")
    .select(["id", "name"])
    .where("organization_id", "=", viewer.organization_id)
    .where("role", "in", ["recruiter", "admin"])
    .where("active", "=", 1)
    .orderBy("name")
    .execute();
}

async function recruiterAllowed(db: Db, viewer: Viewer, recruiterId: number | null): Promise<boolean> {
  if (recruiterId == null) return true;
  const row = await db
    .selectFrom("users")
    .select("id")
    .where("id", "=", recruiterId)
    .where("organization_id", "=", viewer.organization_id)
    .where("role", "in", ["recruiter", "admin"])
    .where("active", "=", 1)
    .executeTakeFirst();
  return Boolean(row);
}

/**
 * Candidates the viewer may add to a position: matching the search, not already in it, up to 20.
 * Hiring managers may add only candidates they can already see (those in their other pipelines).
 */
export async function searchCandidatesToAdd(db: Db, viewer: Viewer, positionId: number, q: string) {
  if (!q) return [];
  const pattern = containsPattern(q);
  let query = db
    .selectFrom("candidates as c")
    .select(["c.id", "c.name", "c.email"])
    .where("c.organization_id", "=", viewer.organization_id)
    .where((eb) =>
      eb.or([
        sql<boolean>`lower(c.name) like ${pattern} escape '\\'`,
        sql<boolean>`lower(coalesce(c.email, '')) like ${pattern} escape '\\'`,
      ]),
    )
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom("applications as x")
            .select("x.id")
            .whereRef("x.candidate_id", "=", "c.id")
            .where("x.position_id", "=", positionId),
        ),
      ),
    );
  if (!seesWholeOrganization(viewer)) {
    query = query.where((eb) =>
      eb.exists(
        eb
          .selectFrom("applications as a")
          .select("a.id")
          .whereRef("a.candidate_id", "=", "c.id")
          .where("a.position_id", "in", visiblePositionIds(db, viewer)),
      ),
    );
  }
  return query.orderBy("c.name").orderBy("c.id").limit(20).execute();
}

/** Puts an existing candidate into a position's pipeline. */
export async function addApplication(
  db: Db,
  viewer: Viewer,
  positionId: number,
  input: AddApplicationInput,
): Promise<WriteResult> {
  const position = await db
    .selectFrom("positions")
    .select("id")
    .where("id", "=", positionId)
    .where("organization_id", "=", viewer.organization_id)
    .where("id", "in", visiblePositionIds(db, viewer))
    .executeTakeFirst();
  if (!position)
    return {
      ok: false,
      field: "candidateId",
      message: "That position does not exist or is not yours to edit.",
    };
  // Hiring managers may add only candidates they can already see (those in their other pipelines).
  if (!(await findVisibleCandidate(db, viewer, input.candidateId)))
    return { ok: false, field: "candidateId", message: "Choose a candidate from the search results." };
  if (!(await recruiterAllowed(db, viewer, input.recruiterId)))
    return { ok: false, field: "recruiterId", message: "Choose a recruiter from the list." };
  const existing = await db
    .selectFrom("applications")
    .select("id")
    .where("candidate_id", "=", input.candidateId)
    .where("position_id", "=", positionId)
    .executeTakeFirst();
  if (existing)
    return {
      ok: false,
      field: "candidateId",
      message: "This candidate is already in this position's pipeline.",
    };
  const id = await inTransaction(db, (trx) =>
    insertApplication(trx, viewer, {
      candidateId: input.candidateId,
      positionId,
      recruiterId: input.recruiterId,
      stage: input.stage,
    }),
  );
  return { ok: true, id };
}

/** Applies one change to an application the viewer may see, auditing the before and after values. */
async function changeApplication<K extends "stage" | "outcome" | "recruiter">(
  db: Db,
  viewer: Viewer,
  applicationId: number,
  what: K,
  field: string,
  set: {
    stage?: Stage;
    outcome?: OutcomeInput["outcome"];
    outcome_on?: string | null;
    outcome_reason?: string | null;
    recruiter_id?: number | null;
  },
): Promise<WriteResult> {
  return inTransaction(db, async (trx) => {
    const before = await trx
      .selectFrom("applications")
      .select(["id", "stage", "outcome", "outcome_on", "outcome_reason", "recruiter_id"])
      .where("id", "=", applicationId)
      .where("organization_id", "=", viewer.organization_id)
      .where("position_id", "in", visiblePositionIds(trx, viewer))
      .executeTakeFirst();
    if (!before)
      return {
        ok: false,
        field,
        message: "That application does not exist or is not yours to edit.",
      } as const;
    await trx.updateTable("applications").set(set).where("id", "=", applicationId).execute();
    if (set.outcome !== undefined && set.outcome !== before.outcome)
      await queueOutcomesChanged(trx, viewer.organization_id, [
        { applicationId, previousOutcome: before.outcome },
      ]);
    const changed = Object.fromEntries(
      Object.entries(set).map(([k, v]) => [k, { from: before[k as keyof typeof before], to: v }]),
    );
    await recordAudit(trx, {
      organizationId: viewer.organization_id,
      userId: viewer.id,
      action: "update",
      entity: "application",
      entityId: applicationId,
      detail: { change: what, ...changed },
    });
    return { ok: true, id: applicationId } as const;
  });
}

export function moveStage(db: Db, viewer: Viewer, applicationId: number, stage: Stage): Promise<WriteResult> {
  return changeApplication(db, viewer, applicationId, "stage", "stage", { stage });
}

export function recordOutcome(
  db: Db,
  viewer: Viewer,
  applicationId: number,
  input: OutcomeInput,
): Promise<WriteResult> {
  return changeApplication(db, viewer, applicationId, "outcome", "outcome", {
    outcome: input.outcome,
    outcome_on: input.outcomeOn,
    outcome_reason: input.reason,
  });
}

export async function assignRecruiter(
  db: Db,
  viewer: Viewer,
  applicationId: number,
  recruiterId: number | null,
): Promise<WriteResult> {
  if (!(await recruiterAllowed(db, viewer, recruiterId)))
    return { ok: false, field: "recruiterId", message: "Choose a recruiter from the list." };
  return changeApplication(db, viewer, applicationId, "recruiter", "recruiterId", {
    recruiter_id: recruiterId,
  });
}

/** Deletes an application with its interviews and follow-ups (by cascade). The candidate stays. */
export async function deleteApplication(db: Db, viewer: Viewer, applicationId: number): Promise<WriteResult> {
  return inTransaction(db, async (trx) => {
    const application = await trx
      .selectFrom("applications")
      .select(["id", "candidate_id", "position_id"])
      .where("id", "=", applicationId)
      .where("organization_id", "=", viewer.organization_id)
      .where("position_id", "in", visiblePositionIds(trx, viewer))
      .executeTakeFirst();
    if (!application)
      return {
        ok: false,
        field: "confirm",
        message: "That application does not exist or is not yours to delete.",
      } as const;
    await trx.deleteFrom("applications").where("id", "=", applicationId).execute();
    await recordAudit(trx, {
      organizationId: viewer.organization_id,
      userId: viewer.id,
      action: "delete",
      entity: "application",
      entityId: applicationId,
      detail: { candidateId: application.candidate_id, positionId: application.position_id },
    });
    return { ok: true, id: applicationId } as const;
  });
}

/** Interviews and follow-ups that deleting the application removes. */
export async function applicationDeletionImpact(db: Db, applicationId: number) {
  const counts = await db
    .selectFrom("interviews as i")
    .leftJoin("follow_ups as f", "f.interview_id", "i.id")
    .select((eb) => [
      eb.fn.count<number>("i.id").distinct().as("interviews"),
      eb.fn.count<number>("f.id").distinct().as("followUps"),
    ])
    .where("i.application_id", "=", applicationId)
    .executeTakeFirstOrThrow();
  return { interviews: Number(counts.interviews), followUps: Number(counts.followUps) };
}

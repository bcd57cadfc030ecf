// Creating, editing and deleting candidates. Reads for the candidate list and page stay in
// candidates.server.ts; this module holds the writes and the checks they need.
import { sql, type Transaction } from "kysely";
import { inTransaction } from "./transaction.server";
import type { Database, Db } from "../../db/schema";
import type { CandidateInput, NewCandidateInput } from "../core/schemas";
import { recordAudit } from "./audit.server";
import { deletionImpact, type WriteResult } from "./positions.server";
import { seesWholeOrganization, visiblePositionIds, type Viewer } from "./scope.server";
import { indexCandidates } from "./search.server";
import { eraseCandidate } from "./erasure.server";

/** The candidate if the viewer may see them (same rule as the candidate page), else null. */
export async function findVisibleCandidate(db: Db, viewer: Viewer, candidateId: number) {
  let query = db
    .selectFrom("candidates as c")
    .select(["c.id", "c.name", "c.email", "c.phone", "c.source"])
    .where("c.id", "=", candidateId)
    .where("c.organization_id", "=", viewer.organization_id);
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
  return (await query.executeTakeFirst()) ?? null;
}

async function emailTaken(
  db: Db,
  viewer: Viewer,
  email: string | null,
  exceptId: number | null,
): Promise<boolean> {
  if (!email) return false;
  let query = db
    .selectFrom("candidates")
    .select("id")
    .where("organization_id", "=", viewer.organization_id)
    .where(sql<boolean>`lower(email) = ${email.toLowerCase()}`);
  if (exceptId != null) query = query.where("id", "!=", exceptId);
  return Boolean(await query.executeTakeFirst());
}

const EMAIL_TAKEN =
  "A candidate with this email already exists in your organization. Search for them instead of adding them twice.";

/** Inserts an application inside a transaction and audits it. */
export async function insertApplication(
  trx: Transaction<Database>,
  viewer: Viewer,
  values: {
    candidateId: number;
    positionId: number;
    recruiterId: number | null;
    stage?: Database["applications"]["stage"];
  },
): Promise<number> {
  const row = await trx
    .insertInto("applications")
    .values({
      organization_id: viewer.organization_id,
      candidate_id: values.candidateId,
      position_id: values.positionId,
      stage: values.stage ?? "applied",
      outcome: "pending",
      outcome_on: null,
      outcome_reason: null,
      recruiter_id: values.recruiterId,
      created_at: new Date().toISOString(),
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  await recordAudit(trx, {
    organizationId: viewer.organization_id,
    userId: viewer.id,
    action: "create",
    entity: "application",
    entityId: row.id,
    detail: { candidateId: values.candidateId, positionId: values.positionId },
  });
  return row.id;
}

/**
 * Creates a candidate and, when a position is chosen, their application to it, in one transaction.
 * A hiring manager must choose one of their positions: they see only candidates in their pipelines,
 * so a candidate without one would vanish from their view the moment it was saved.
 */
export async function createCandidate(
  db: Db,
  viewer: Viewer,
  input: NewCandidateInput,
): Promise<WriteResult & { applicationId?: number }> {
  if (input.positionId == null && !seesWholeOrganization(viewer)) {
    return {
      ok: false,
      field: "positionId",
      message: "Choose one of your positions: you see only candidates in the pipelines you manage.",
    };
  }
  if (input.positionId != null) {
    const position = await db
      .selectFrom("positions")
      .select("id")
      .where("id", "=", input.positionId)
      .where("organization_id", "=", viewer.organization_id)
      .where("id", "in", visiblePositionIds(db, viewer))
      .executeTakeFirst();
    if (!position) return { ok: false, field: "positionId", message: "Choose a position from the list." };
  }
  if (await emailTaken(db, viewer, input.email, null))
    return { ok: false, field: "email", message: EMAIL_TAKEN };

  return inTransaction(db, async (trx) => {
    const row = await trx
      .insertInto("candidates")
      .values({
        organization_id: viewer.organization_id,
        name: input.name,
        email: input.email,
        phone: input.phone,
        source: input.source,
        created_at: new Date().toISOString(),
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await indexCandidates(trx, [{ ...input, id: row.id, organization_id: viewer.organization_id }]);
    // No name or email in the audit detail: a deleted candidate must not live on in the log.
    await recordAudit(trx, {
      organizationId: viewer.organization_id,
      userId: viewer.id,
      action: "create",
      entity: "candidate",
      entityId: row.id,
    });
    const applicationId =
      input.positionId != null
        ? await insertApplication(trx, viewer, {
            candidateId: row.id,
            positionId: input.positionId,
            recruiterId: viewer.role === "recruiter" ? viewer.id : null,
          })
        : undefined;
    return { ok: true, id: row.id, applicationId } as const;
  });
}

export async function updateCandidate(
  db: Db,
  viewer: Viewer,
  candidateId: number,
  input: CandidateInput,
): Promise<WriteResult> {
  if (!(await findVisibleCandidate(db, viewer, candidateId)))
    return { ok: false, field: "name", message: "That candidate does not exist or is not yours to edit." };
  if (await emailTaken(db, viewer, input.email, candidateId))
    return { ok: false, field: "email", message: EMAIL_TAKEN };
  await inTransaction(db, async (trx) => {
    await trx
      .updateTable("candidates")
      .set({ name: input.name, email: input.email, phone: input.phone, source: input.source })
      .where("id", "=", candidateId)
      .where("organization_id", "=", viewer.organization_id)
      .execute();
    await indexCandidates(trx, [{ ...input, id: candidateId, organization_id: viewer.organization_id }]);
    await recordAudit(trx, {
      organizationId: viewer.organization_id,
      userId: viewer.id,
      action: "update",
      entity: "candidate",
      entityId: candidateId,
      detail: { fields: ["name", "email", "phone", "source"] },
    });
  });
  return { ok: true, id: candidateId };
}

/** Everything that deleting a candidate removes, across the whole organization. */
export function candidateDeletionImpact(db: Db, viewer: Viewer, candidateId: number) {
  return deletionImpact(db, viewer, "candidate_id", candidateId);
}

/**
 * Erases a candidate and everything held about them (erasure.server.ts: rows, raw mail, audit details
 * redacted), e.g. on a privacy request. The audit row keeps only ids and counts. Uploaded files are
 * the caller's to scrub, with the needles eraseCandidate answers.
 */
export async function deleteCandidate(
  db: Db,
  viewer: Viewer,
  candidateId: number,
): Promise<WriteResult & { needles?: string[] }> {
  const erased = await eraseCandidate(db, viewer, candidateId);
  if (!erased)
    return {
      ok: false,
      field: "confirm",
      message: "That candidate does not exist or is not yours to delete.",
    };
  return { ok: true, id: candidateId, needles: erased.needles };
}

import type { Db } from "../../db/schema";

export type AuditEntry = {
  organizationId: number;
  userId: number | null;
  action:
    | "create"
    | "update"
    | "delete"
    | "sign_in"
    | "rescore"
    | "import"
    | "invite"
    | "revoke"
    | "password"
    | "review"
    | "erase";
  entity: string;
  entityId?: number | null;
  detail?: Record<string, unknown>;
  /** The candidate the entry is about; found from the entity when not given (see candidateOf). */
  candidateId?: number | null;
};

/**
 * The candidate an entry is about, for their timeline: given, the candidate itself, the detail's
 * candidateId (a deleted row's), or the application, interview or follow-up the entry names.
 */
async function candidateOf(db: Db, entry: AuditEntry): Promise<number | null> {
  if (entry.candidateId !== undefined) return entry.candidateId;
  const id = entry.entityId;
  if (entry.entity === "candidate") return id ?? null;
  if (typeof entry.detail?.candidateId === "number") return entry.detail.candidateId;
  if (id == null) return null;
  const row =
    entry.entity === "application"
      ? await db.selectFrom("applications").select("candidate_id").where("id", "=", id).executeTakeFirst()
      : entry.entity === "interview"
        ? await db
            .selectFrom("interviews as i")
            .innerJoin("applications as a", "a.id", "i.application_id")
            .select("a.candidate_id")
            .where("i.id", "=", id)
            .executeTakeFirst()
        : entry.entity === "follow_up"
          ? await db
              .selectFrom("follow_ups as f")
              .innerJoin("interviews as i", "i.id", "f.interview_id")
              .innerJoin("applications as a", "a.id", "i.application_id")
              .select("a.candidate_id")
              .where("f.id", "=", id)
              .executeTakeFirst()
          : undefined;
  return row?.candidate_id ?? null;
}

/** Writes one audit row; call it inside the transaction that makes the change it records. */
export async function recordAudit(db: Db, entry: AuditEntry): Promise<void> {
  await db
    .insertInto("audit_log")
    .values({
      organization_id: entry.organizationId,
      user_id: entry.userId,
      action: entry.action,
      entity: entry.entity,
      entity_id: entry.entityId ?? null,
      detail: entry.detail ? JSON.stringify(entry.detail) : null,
      created_at: new Date().toISOString(),
      candidate_id: await candidateOf(db, entry),
    })
    .execute();
}

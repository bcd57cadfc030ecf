import type { Db } from "../../db/schema";

export type AuditEntry = {
  organizationId: number;
  userId: number | null;
  action:
    "create" | "update" | "delete" | "sign_in" | "rescore" | "import" | "invite" | "revoke" | "password";
  entity: string;
  entityId?: number | null;
  detail?: Record<string, unknown>;
};

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
    })
    .execute();
}

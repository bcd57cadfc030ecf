// The organization's candidate notice and retention rule (issue 21, items 4 and 5), each saved from
// its own settings page and audited. Kept in columns of their own (migration 0030) rather than in the
// settings JSON: neither changes a score, so saving them must not start a rescore.
import type { Db } from "../../db/schema";
import { recordAudit } from "./audit.server";
import type { Viewer } from "./scope.server";
import { inTransaction } from "./transaction.server";

export async function getCandidateNotice(db: Db, organizationId: number): Promise<string | null> {
  const row = await db
    .selectFrom("organizations")
    .select("candidate_notice")
    .where("id", "=", organizationId)
    .executeTakeFirst();
  return row?.candidate_notice ?? null;
}

export async function saveCandidateNotice(db: Db, viewer: Viewer, notice: string | null): Promise<void> {
  await inTransaction(db, async (trx) => {
    await trx
      .updateTable("organizations")
      .set({ candidate_notice: notice })
      .where("id", "=", viewer.organization_id)
      .execute();
    await recordAudit(trx, {
      organizationId: viewer.organization_id,
      userId: viewer.id,
      action: "update",
      entity: "candidate_notice",
      entityId: viewer.organization_id,
      detail: { set: notice !== null, characters: notice?.length ?? 0 },
    });
  });
}

export async function getRetentionMonths(db: Db, organizationId: number): Promise<number | null> {
  const row = await db
    .selectFrom("organizations")
    .select("retention_months")
    .where("id", "=", organizationId)
    .executeTakeFirst();
  return row?.retention_months ?? null;
}

export async function saveRetentionMonths(db: Db, viewer: Viewer, months: number | null): Promise<void> {
  await inTransaction(db, async (trx) => {
    const before = await getRetentionMonths(trx, viewer.organization_id);
    await trx
      .updateTable("organizations")
      .set({ retention_months: months })
      .where("id", "=", viewer.organization_id)
      .execute();
    await recordAudit(trx, {
      organizationId: viewer.organization_id,
      userId: viewer.id,
      action: "update",
      entity: "retention",
      entityId: viewer.organization_id,
      detail: { from: before, to: months },
    });
  });
}

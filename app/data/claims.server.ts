// The claim machinery of the app's outboxes: the mail outbox (migration 0026) and the webhooks'
// deliveries (migration 0034) share their claim columns (status queued → sending → sent | failed,
// attempts, next_attempt_at, claimed_by, claimed_at, last_error) and this code, so that each row is
// sent once whatever the number of servers: a row is claimed by one UPDATE … WHERE status = 'queued'
// (the loser of two senders updates nothing), and only its claimer records the outcome. A sender that
// stops mid-send leaves its row "sending"; once the lease has passed, any sender queues it again.
import crypto from "node:crypto";
import type { ColumnType, Generated, Kysely, RawBuilder } from "kysely";
import type { Db } from "../../db/schema";

/** The tables sent from by claim. */
export type ClaimTable = "outbox" | "webhook_deliveries";

interface ClaimColumns {
  id: Generated<number>;
  status: "queued" | "sending" | "sent" | "failed";
  attempts: ColumnType<number, number | undefined, number>;
  next_attempt_at: string;
  claimed_by: string | null;
  claimed_at: string | null;
  last_error: string | null;
}

/** The claim columns of either table: both have them with these types (db/schema.ts). */
const claimable = (db: Db) => db as unknown as Kysely<{ claimable: ClaimColumns }>;

/** Rows left "sending" longer than `leaseMs` by a sender that stopped are queued again (their attempt counted). */
export async function releaseAbandonedRows(
  db: Db,
  table: ClaimTable,
  leaseMs: number,
  now = new Date(),
): Promise<number> {
  const before = new Date(now.getTime() - leaseMs).toISOString();
  const result = await claimable(db)
    .updateTable(table as "claimable")
    .set({
      status: "queued",
      claimed_by: null,
      claimed_at: null,
      next_attempt_at: now.toISOString(),
      last_error: "its sender stopped while sending; queued again",
    })
    .where("status", "=", "sending")
    .where("claimed_at", "<=", before)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/**
 * Claims up to `limit` due rows for `owner` (and only rows `also` accepts, when given): one UPDATE
 * whose WHERE re-checks the status, so a row claimed by another sender a moment earlier is not taken
 * again. Returns the claim, which the claimed rows now carry in `claimed_by`.
 */
export async function claimDueRows(
  db: Db,
  table: ClaimTable,
  owner: string,
  now = new Date(),
  limit = 20,
  also?: RawBuilder<boolean>,
): Promise<string> {
  const at = now.toISOString();
  const claim = `${owner}#${crypto.randomBytes(4).toString("hex")}`;
  const rows = claimable(db);
  let due = rows
    .selectFrom(table as "claimable")
    .select("id")
    .where("status", "=", "queued")
    .where("next_attempt_at", "<=", at);
  if (also) due = due.where(also);
  await rows
    .updateTable(table as "claimable")
    .set((eb) => ({
      status: "sending",
      claimed_by: claim,
      claimed_at: at,
      attempts: eb("attempts", "+", 1),
    }))
    .where("id", "in", due.orderBy("next_attempt_at").orderBy("id").limit(limit))
    .where("status", "=", "queued")
    .execute();
  return claim;
}

/** How many of an organization's rows are in each status. */
export async function countByStatus(
  db: Db,
  table: ClaimTable,
  organizationId: number,
): Promise<Record<ClaimColumns["status"], number>> {
  const rows = await (
    db as unknown as Kysely<{ claimable: ClaimColumns & { organization_id: number | null } }>
  )
    .selectFrom(table as "claimable")
    .select(["status", (eb) => eb.fn.countAll<number>().as("n")])
    .where("organization_id", "=", organizationId)
    .groupBy("status")
    .execute();
  const counts = { queued: 0, sending: 0, sent: 0, failed: 0 };
  for (const r of rows) counts[r.status] = Number(r.n);
  return counts;
}

// The retention rule (issue 21, item 4): an organization may have its candidates with no activity for
// N months erased. The settings page previews who would go (a dry run that changes nothing); the
// server runs the rule once a day, claimed in the database so that several servers on one database
// run it once; each run erases the candidates completely (erasure.server.ts) and writes one audit entry.
import { sql, type Kysely } from "kysely";
import type { Database, Db } from "../../db/schema";
import { retentionCutoff } from "../core/rights";
import { recordAudit } from "./audit.server";
import { eraseCandidate, checkpointLog } from "./erasure.server";

export type RetentionCandidate = { id: number; name: string; lastActivity: string };

/**
 * The organization's candidates whose last activity (added, applied, interviewed, followed up, an
 * outcome decided) lies before `cutoff`, oldest first; `limit` of them, and how many in all.
 */
export async function inactiveCandidates(
  db: Db,
  organizationId: number,
  cutoff: string,
  limit = 50,
): Promise<{ total: number; candidates: RetentionCandidate[] }> {
  const day = cutoff.slice(0, 10);
  const active = sql<boolean>`(
    exists (select 1 from applications a where a.candidate_id = c.id
      and (a.created_at >= ${cutoff} or a.outcome_on >= ${day}))
    or exists (select 1 from applications a inner join interviews i on i.application_id = a.id
      where a.candidate_id = c.id and i.ends_at >= ${cutoff})
    or exists (select 1 from applications a inner join interviews i on i.application_id = a.id
      inner join follow_ups f on f.interview_id = i.id where a.candidate_id = c.id and f.received_at >= ${cutoff}))`;
  const base = db
    .selectFrom("candidates as c")
    .where("c.organization_id", "=", organizationId)
    .where("c.created_at", "<", cutoff)
    .where(sql<boolean>`not ${active}`);
  const [{ n }] = await base.select((eb) => eb.fn.countAll<number>().as("n")).execute();
  const rows = await base
    .select([
      "c.id",
      "c.name",
      sql<string>`coalesce((select max(i.ends_at) from applications a inner join interviews i on i.application_id = a.id where a.candidate_id = c.id), c.created_at)`.as(
        "last",
      ),
    ])
    .orderBy("last")
    .orderBy("c.id")
    .limit(limit)
    .execute();
  return {
    total: Number(n),
    candidates: rows.map((r) => ({ id: r.id, name: r.name, lastActivity: r.last })),
  };
}

export type RetentionPreview = {
  months: number;
  cutoff: string;
  total: number;
  candidates: RetentionCandidate[];
};

/** Who the rule would erase now, changing nothing (null when the organization has no rule). */
export async function previewRetention(
  db: Db,
  organizationId: number,
  now = new Date(),
): Promise<RetentionPreview | null> {
  const org = await db
    .selectFrom("organizations")
    .select("retention_months")
    .where("id", "=", organizationId)
    .executeTakeFirst();
  if (!org?.retention_months) return null;
  const cutoff = retentionCutoff(now, org.retention_months);
  return { months: org.retention_months, cutoff, ...(await inactiveCandidates(db, organizationId, cutoff)) };
}

export type RetentionRun = { erased: number; months: number; cutoff: string; needles: string[] };

/**
 * Erases every candidate the rule selects, one transaction each (a long run does not hold the
 * database), then writes one audit entry with the count (and no names). `userId` is who ran it by
 * hand; null for the daily run.
 */
export async function runRetention(
  db: Db,
  organizationId: number,
  { now = new Date(), userId = null }: { now?: Date; userId?: number | null } = {},
): Promise<RetentionRun | null> {
  const preview = await previewRetention(db, organizationId, now);
  if (!preview) return null;
  // Erased as an admin of the organization would: the whole organization is in scope.
  const viewer = {
    id: userId ?? 0,
    organization_id: organizationId,
    role: "admin" as const,
    client_id: null,
  };
  const needles: string[] = [];
  let erased = 0;
  for (;;) {
    const { candidates } = await inactiveCandidates(db, organizationId, preview.cutoff, 200);
    if (candidates.length === 0) break;
    for (const c of candidates) {
      const done = await eraseCandidate(db, viewer, c.id, { audit: false, checkpoint: false });
      if (done) {
        erased += 1;
        needles.push(...done.needles);
      }
    }
    if (candidates.length < 200) break;
  }
  await recordAudit(db, {
    organizationId,
    userId,
    action: "erase",
    entity: "retention",
    entityId: organizationId,
    candidateId: null,
    detail: { candidates: erased, months: preview.months, cutoff: preview.cutoff },
  });
  if (erased > 0 && !db.isTransaction) await checkpointLog(db);
  return { erased, months: preview.months, cutoff: preview.cutoff, needles };
}

/**
 * Claims today's run of an organization's rule: one UPDATE that only one server can win (the day
 * moves on once). True when this caller won it and should run.
 */
export async function claimRetentionRun(db: Db, organizationId: number, now = new Date()): Promise<boolean> {
  const today = now.toISOString().slice(0, 10);
  const result = await db
    .updateTable("organizations")
    .set({ retention_ran_on: today })
    .where("id", "=", organizationId)
    .where("retention_months", "is not", null)
    .where((eb) => eb.or([eb("retention_ran_on", "is", null), eb("retention_ran_on", "<", today)]))
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Runs today's rule of every organization that has one and whose run this server claims. */
export async function runDueRetention(
  db: Kysely<Database>,
  scrub: (organizationId: number, needles: string[]) => Promise<unknown>,
  now = new Date(),
): Promise<number> {
  const orgs = await db
    .selectFrom("organizations")
    .select("id")
    .where("retention_months", "is not", null)
    .execute();
  let runs = 0;
  for (const { id } of orgs) {
    if (!(await claimRetentionRun(db, id, now))) continue;
    const run = await runRetention(db, id, { now });
    if (run) await scrub(id, run.needles);
    runs += 1;
  }
  return runs;
}

/**
 * server.ts's one call: checks at start and every hour; each organization's rule runs once per UTC
 * day across every server on the database (claimRetentionRun).
 */
export function startRetention(
  db: Kysely<Database>,
  scrub: (organizationId: number, needles: string[]) => Promise<unknown>,
): void {
  const tick = () =>
    void runDueRetention(db, scrub).catch((error: unknown) =>
      console.error("The retention run failed:", error),
    );
  tick();
  setInterval(tick, 3_600_000).unref();
}

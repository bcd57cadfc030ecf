import { sql, type Expression, type SqlBool } from "kysely";
import type { Db } from "../../db/schema";
import { RUBRIC_PARTS } from "../core/rubric-parts";
import type { OrgSettings } from "../core/settings";
import type { WindowThresholds } from "../core/windows";
import { recordAudit } from "./audit.server";
import { inTransaction } from "./transaction.server";
import type { Viewer } from "./scope.server";

/** The window of a stored latency under the given thresholds, as SQL (same rule as core's windowFor). */
function windowSql(t: WindowThresholds): Expression<string> {
  return sql<string>`case
    when latency_minutes <= ${t.best} then 'best'
    when latency_minutes <= ${t.ideal} then 'ideal'
    when latency_minutes <= ${t.acceptable} then 'acceptable'
    when latency_minutes <= ${t.late} then 'late'
    else 'none' end`;
}

export type SettingsPreview = {
  followUps: number;
  windowChanges: number;
  scoreChanges: number;
  businessLatencies: number;
};

/**
 * How many stored results a settings change would change, counted in SQL over the stored latency:
 * a follow-up's window moves when its latency crosses a new threshold; its score may move when its
 * window moves, and any score may move when a weight or a scoring option changes (timing weighs the
 * content, and the faults' caps apply to the sum); every business latency is recomputed when the
 * working hours change.
 */
export async function previewSettingsChange(
  db: Db,
  organizationId: number,
  current: OrgSettings,
  next: OrgSettings,
): Promise<SettingsPreview> {
  const rubricChanged =
    RUBRIC_PARTS.some((p) => current.weights[p] !== next.weights[p]) ||
    JSON.stringify(current.scoring) !== JSON.stringify(next.scoring);
  const windowMoves = sql<SqlBool>`(${windowSql(current.windows)}) <> (${windowSql(next.windows)})`;
  const scoreMoves = rubricChanged ? sql<SqlBool>`1 = 1` : windowMoves;
  const hoursChanged = JSON.stringify(current.workingHours) !== JSON.stringify(next.workingHours);

  const row = await db
    .selectFrom("follow_ups")
    .where("organization_id", "=", organizationId)
    .where("latency_minutes", "is not", null)
    .select((eb) => [
      eb.fn.countAll<number>().as("followUps"),
      eb.fn.sum<number>(sql`case when ${windowMoves} then 1 else 0 end`).as("windowChanges"),
      eb.fn.sum<number>(sql`case when ${scoreMoves} then 1 else 0 end`).as("scoreChanges"),
    ])
    .executeTakeFirstOrThrow();
  return {
    followUps: Number(row.followUps),
    windowChanges: Number(row.windowChanges ?? 0),
    scoreChanges: Number(row.scoreChanges ?? 0),
    businessLatencies: hoursChanged ? Number(row.followUps) : 0,
  };
}

/** Saves the organization's settings and records the change; rescoring is started by the caller. */
export async function saveSettings(
  db: Db,
  viewer: Viewer,
  previous: OrgSettings,
  next: OrgSettings,
): Promise<void> {
  await inTransaction(db, async (trx) => {
    await trx
      .updateTable("organizations")
      .set({ settings: JSON.stringify(next) })
      .where("id", "=", viewer.organization_id)
      .execute();
    await recordAudit(trx, {
      organizationId: viewer.organization_id,
      userId: viewer.id,
      action: "update",
      entity: "settings",
      entityId: viewer.organization_id,
      detail: { before: previous, after: next },
    });
  });
}

/**
 * Sets the organization's default time zone (validated by the caller: OrganizationTimeZoneSchema) and
 * records the change. Nothing is recomputed: the zone only says how times are shown; each interview
 * keeps the zone it was held in.
 */
export async function saveOrganizationTimeZone(db: Db, viewer: Viewer, timeZone: string): Promise<void> {
  await inTransaction(db, async (trx) => {
    const before = await trx
      .selectFrom("organizations")
      .select("time_zone")
      .where("id", "=", viewer.organization_id)
      .executeTakeFirstOrThrow();
    if (before.time_zone === timeZone) return;
    await trx
      .updateTable("organizations")
      .set({ time_zone: timeZone })
      .where("id", "=", viewer.organization_id)
      .execute();
    await recordAudit(trx, {
      organizationId: viewer.organization_id,
      userId: viewer.id,
      action: "update",
      entity: "settings",
      entityId: viewer.organization_id,
      detail: { before: { display: { timeZone: before.time_zone } }, after: { display: { timeZone } } },
    });
  });
}

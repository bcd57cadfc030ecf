// One position's pipeline and the organization's "awaiting follow-up" list. Both page, filter and sort
// in SQL; the follow-up status comes from each application's latest interview.
import { sql, type ExpressionBuilder, type SqlBool } from "kysely";
import type { Database, Db } from "../../db/schema";
import { containsPattern, type ListParams } from "../core/list-params";
import type { OutcomeInput } from "../core/schemas";
import type { Stage } from "../core/stages";
import {
  MAX_SAVED_VIEWS,
  SCORE_BAND_BOUNDS,
  type PipelineFilters,
  type PipelineSortKey,
  type PipelineStatus,
} from "../core/pipeline";
import { moveStage, recordOutcome } from "./applications.server";
import type { WriteResult } from "./positions.server";
import {
  inOrganizationUnindexed,
  seesWholeOrganization,
  visiblePositionIds,
  type Viewer,
} from "./scope.server";
import { inTransaction } from "./transaction.server";

type ApplicationEb = ExpressionBuilder<Database & { a: Database["applications"] }, "a">;

type PipelineEb = ExpressionBuilder<
  Database & { a: Database["applications"] } & { li: Database["interviews"] },
  "a" | "li"
>;

/**
 * The latest interview of application `a` (by end time), as a subquery for a join's ON clause. It is
 * one probe of interviews_application_end per application, so it stays cheap however many interviews
 * the organization has.
 */
function latestInterviewId(eb: ExpressionBuilder<Database & { a: Database["applications"] }, "a">) {
  return eb
    .selectFrom("interviews as x")
    .select("x.id")
    .whereRef("x.application_id", "=", "a.id")
    .orderBy("x.ends_at", "desc")
    .orderBy("x.id", "desc")
    .limit(1);
}

/**
 * The latest interview's status as SQL, matching interviewStatus() in app/core/latency.ts: a follow-up
 * that arrived after the last window closed (closes_at) counts as none, as does silence after it.
 * ISO-8601 UTC text compares in time order, so this is plain, portable comparison.
 */
function statusCondition(eb: PipelineEb, status: PipelineStatus, now: string) {
  switch (status) {
    case "not_interviewed":
      return eb("li.id", "is", null);
    case "received":
      return eb.and([
        eb("li.first_follow_up_at", "is not", null),
        eb("li.first_follow_up_at", "<=", eb.ref("li.closes_at")),
      ]);
    case "awaiting":
      return eb.and([
        eb("li.id", "is not", null),
        eb("li.first_follow_up_at", "is", null),
        eb("li.latency_exempt_reason", "is", null),
        eb("li.closes_at", ">", now),
      ]);
    case "none":
      return eb.and([
        eb("li.id", "is not", null),
        eb.or([
          eb.and([eb("li.first_follow_up_at", "is", null), eb("li.closes_at", "<=", now)]),
          eb("li.first_follow_up_at", ">", eb.ref("li.closes_at")),
        ]),
      ]);
  }
}

/** Orders of stages and outcomes as the process runs, not alphabetically. */
const STAGE_RANK = sql`case a.stage when 'applied' then 1 when 'screen' then 2 when 'interview' then 3 when 'final' then 4 when 'offer' then 5 when 'closed' then 6 else 7 end`;
const OUTCOME_RANK = sql`case a.outcome when 'pending' then 1 when 'offer' then 2 when 'hired' then 3 when 'rejected' then 4 when 'withdrawn' then 5 else 6 end`;

/** Awaiting first (soonest deadline first), then received, none, and not interviewed. */
function statusRank(now: string) {
  return sql`case
    when li.id is null then 4
    when li.first_follow_up_at is null and li.closes_at > ${now} then 1
    when li.first_follow_up_at is not null and li.first_follow_up_at <= li.closes_at then 2
    else 3 end`;
}

/** The position if the viewer may see it, else null. */
export async function getVisiblePosition(db: Db, viewer: Viewer, positionId: number) {
  let query = db
    .selectFrom("positions as p")
    .innerJoin("clients as cl", "cl.id", "p.client_id")
    .leftJoin("users as m", "m.id", "p.hiring_manager_id")
    .select([
      "p.id",
      "p.title",
      "p.status",
      "p.opened_on",
      "p.closed_on",
      "p.client_id",
      "p.hiring_manager_id",
      "cl.name as client_name",
      "m.name as manager_name",
    ])
    .where("p.id", "=", positionId)
    .where("p.organization_id", "=", viewer.organization_id);
  // Someone who sees every position of the organization needs no list of them (building it read all
  // of the organization's positions on each page: about 1 ms at 3,000 positions).
  if (!seesWholeOrganization(viewer)) query = query.where("p.id", "in", visiblePositionIds(db, viewer));
  return (await query.executeTakeFirst()) ?? null;
}

/**
 * One page of a position's applications with the candidate, the latest interview's follow-up fields
 * and the recruiter. The caller must have checked that the viewer may see the position; the scope
 * is applied again here so that this function is safe on its own.
 */
export async function listPipeline(
  db: Db,
  viewer: Viewer,
  positionId: number,
  params: ListParams<PipelineSortKey>,
  filters: PipelineFilters,
  now: string,
) {
  // The filters on the application itself, for the page and for its count.
  const onApplication = (eb: ApplicationEb) => {
    // The position finds the rows; the organization is checked on each (see inOrganizationUnindexed).
    const conditions = [
      eb("a.position_id", "=", positionId),
      inOrganizationUnindexed("a.organization_id", viewer),
    ];
    // Someone who sees every position of the organization needs no list of them.
    if (!seesWholeOrganization(viewer))
      conditions.push(eb("a.position_id", "in", visiblePositionIds(db, viewer)));
    if (filters.stage) conditions.push(eb("a.stage", "=", filters.stage));
    if (filters.outcome) conditions.push(eb("a.outcome", "=", filters.outcome));
    if (filters.band === "unscored") conditions.push(eb("a.best_score", "is", null));
    else if (filters.band) {
      const { min, below } = SCORE_BAND_BOUNDS[filters.band];
      if (Number.isFinite(min)) conditions.push(eb("a.best_score", ">=", min));
      else conditions.push(eb("a.best_score", "is not", null));
      if (below != null) conditions.push(eb("a.best_score", "<", below));
    }
    return eb.and(conditions);
  };
  let base = db
    .selectFrom("applications as a")
    .innerJoin("candidates as c", "c.id", "a.candidate_id")
    .leftJoin("interviews as li", (join) => join.on((eb) => eb("li.id", "=", latestInterviewId(eb))))
    .leftJoin("users as r", "r.id", "a.recruiter_id")
    .where((eb) => onApplication(eb as unknown as ApplicationEb));

  if (filters.status) {
    const status = filters.status;
    base = base.where((eb) => statusCondition(eb as PipelineEb, status, now));
  }
  if (filters.window)
    base = base.where("li.window", "=", filters.window).where("li.first_follow_up_at", "is not", null);
  if (params.q) {
    const pattern = containsPattern(params.q);
    base = base.where((eb) =>
      eb.or([
        sql<SqlBool>`lower(c.name) like ${pattern} escape '\\'`,
        sql<SqlBool>`lower(coalesce(c.email, '')) like ${pattern} escape '\\'`,
      ]),
    );
  }

  // The count reads the joined tables only for the filters on them (the latest interview's status and
  // window, the candidate's name): every application has its candidate (a foreign key) and the other
  // joins match at most one row each, so without those filters the applications alone count the same
  // rows, from one index, without finding each one's latest interview.
  const total =
    filters.status || filters.window || params.q
      ? await base.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow()
      : await db
          .selectFrom("applications as a")
          .where(onApplication)
          .select((eb) => eb.fn.countAll<number>().as("n"))
          .executeTakeFirstOrThrow();

  const sortExpression = {
    candidate: sql`lower(c.name)`,
    stage: STAGE_RANK,
    lastInterview: sql`a.last_interview_end`,
    status: statusRank(now),
    score: sql`a.best_score`,
    outcome: OUTCOME_RANK,
    recruiter: sql`lower(r.name)`,
  }[params.sort];

  let query = base
    .select([
      "a.id",
      "a.stage",
      "a.outcome",
      "a.outcome_on",
      "a.best_score",
      "a.last_interview_end",
      "c.id as candidate_id",
      "c.name as candidate_name",
      "c.email as candidate_email",
      "r.name as recruiter_name",
      "li.id as interview_id",
      "li.ends_at",
      "li.time_zone",
      "li.first_follow_up_at",
      "li.latency_minutes",
      "li.window",
      "li.closes_at",
      "li.latency_exempt_reason",
    ])
    .orderBy(sortExpression, (ob) => (params.dir === "asc" ? ob.asc() : ob.desc()).nullsLast());
  // Within one status, the soonest deadline (awaiting) or the most recent interview comes first.
  if (params.sort === "status") query = query.orderBy("li.closes_at", params.dir);
  const rows = await query
    .orderBy("a.id")
    .limit(params.pageSize)
    .offset((params.page - 1) * params.pageSize)
    .execute();
  return { rows, total: Number(total.n) };
}

/**
 * Interviews at positions the viewer may see that ended inside the window with nothing received yet,
 * soonest deadline first. Every interview's last window has the same length, so ordering by closes_at
 * is ordering by ends_at (and, for whole-organization viewers, walks interviews_org_awaiting in order).
 */
export async function listAwaiting(
  db: Db,
  viewer: Viewer,
  page: { page: number; pageSize: number },
  now: string,
) {
  let base = db
    .selectFrom("interviews as i")
    .where("i.first_follow_up_at", "is", null)
    // Latency "not applicable": no window counts down (the candidate page shows the mark instead).
    .where("i.latency_exempt_reason", "is", null)
    .where("i.closes_at", ">", now);
  // Two plans for the same scope. Someone who sees every position walks interviews_org_awaiting (and
  // counts from it alone); someone who sees a few positions starts from their applications and probes
  // interviews_application_awaiting, instead of filtering every awaiting interview of the organization.
  base = seesWholeOrganization(viewer)
    ? base.where("i.organization_id", "=", viewer.organization_id)
    : base.where(
        "i.application_id",
        "in",
        db
          .selectFrom("applications as va")
          .select("va.id")
          .where("va.position_id", "in", visiblePositionIds(db, viewer)),
      );
  const total = await base.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
  const rows = await base
    .innerJoin("applications as a", "a.id", "i.application_id")
    .innerJoin("candidates as c", "c.id", "a.candidate_id")
    .innerJoin("positions as p", "p.id", "a.position_id")
    .innerJoin("clients as cl", "cl.id", "p.client_id")
    .select([
      "i.id",
      "i.interviewer_name",
      "i.ends_at",
      "i.time_zone",
      "i.round",
      "i.first_follow_up_at",
      "i.latency_minutes",
      "i.window",
      "c.id as candidate_id",
      "c.name as candidate_name",
      "p.id as position_id",
      "p.title as position_title",
      "cl.name as client_name",
    ])
    .orderBy("i.closes_at")
    .orderBy("i.ends_at")
    .orderBy("i.id")
    .limit(page.pageSize)
    .offset((page.page - 1) * page.pageSize)
    .execute();
  return { rows, total: Number(total.n) };
}

/**
 * The applications of a bulk change, as they stand: those of `ids` in this position that the viewer
 * may see, in the pipeline's candidate order, and the ids that are not (another position's, another
 * organization's, or gone), which refuse the whole change.
 */
export async function listBulkApplications(
  db: Db,
  viewer: Viewer,
  positionId: number,
  ids: readonly number[],
) {
  const rows = ids.length
    ? await db
        .selectFrom("applications as a")
        .innerJoin("candidates as c", "c.id", "a.candidate_id")
        .select(["a.id", "a.stage", "a.outcome", "a.outcome_on", "c.name as candidate_name"])
        .where("a.id", "in", ids)
        .where("a.position_id", "=", positionId)
        .where("a.organization_id", "=", viewer.organization_id)
        .where("a.position_id", "in", visiblePositionIds(db, viewer))
        .orderBy(sql`lower(c.name)`)
        .orderBy("a.id")
        .execute()
    : [];
  const found = new Set(rows.map((r) => r.id));
  return { rows, missing: ids.filter((id) => !found.has(id)) };
}

/** What a bulk change sets: a stage, or an outcome with its date and reason. */
export type BulkWrite = { field: "stage"; to: Stage } | { field: "outcome"; outcome: OutcomeInput };

export type BulkResult =
  { ok: true; changed: number; unchanged: number } | { ok: false; field: string; message: string };

/** Thrown inside the transaction to roll back every change made before a refusal. */
class BulkRefused extends Error {
  constructor(readonly result: { ok: false; field: string; message: string }) {
    super(result.message);
  }
}

/**
 * Changes the stage or outcome of many applications of one position in one transaction, each through
 * the same function (and so the same checks and audit entry) as a change on the application's page.
 * Applications that already have the value are left alone and not audited. If any id is not one of
 * the position's applications the viewer may see, nothing is written.
 */
export async function bulkChangeApplications(
  db: Db,
  viewer: Viewer,
  positionId: number,
  ids: readonly number[],
  write: BulkWrite,
): Promise<BulkResult> {
  try {
    return await inTransaction(db, async (trx) => {
      const { rows, missing } = await listBulkApplications(trx, viewer, positionId, ids);
      if (missing.length)
        return {
          ok: false,
          field: "ids",
          message: `${missing.length === 1 ? "One of the chosen applications is" : `${missing.length} of the chosen applications are`} not in this pipeline, or not yours to change. Nothing was changed.`,
        } as const;
      let changed = 0;
      for (const row of rows) {
        let result: WriteResult;
        if (write.field === "stage") {
          if (row.stage === write.to) continue;
          result = await moveStage(trx, viewer, row.id, write.to);
        } else {
          if (row.outcome === write.outcome.outcome) continue;
          result = await recordOutcome(trx, viewer, row.id, write.outcome);
        }
        if (!result.ok) throw new BulkRefused(result);
        changed += 1;
      }
      return { ok: true, changed, unchanged: rows.length - changed } as const;
    });
  } catch (error) {
    if (error instanceof BulkRefused) return error.result;
    throw error;
  }
}

/** The viewer's saved pipeline views, by name. */
export async function listSavedViews(db: Db, viewer: Viewer) {
  return db
    .selectFrom("saved_views")
    .select(["id", "name", "search"])
    .where("user_id", "=", viewer.id)
    .where("organization_id", "=", viewer.organization_id)
    .orderBy(sql`lower(name)`)
    .orderBy("id")
    .execute();
}

async function nameTaken(db: Db, viewer: Viewer, name: string, exceptId: number | null) {
  let query = db
    .selectFrom("saved_views")
    .select("id")
    .where("user_id", "=", viewer.id)
    .where(sql<boolean>`lower(name) = ${name.toLowerCase()}`);
  if (exceptId != null) query = query.where("id", "!=", exceptId);
  return Boolean(await query.executeTakeFirst());
}

const TAKEN = (name: string) => `You already have a view named “${name}”: choose another name.`;

/** Saves a view for the viewer; `search` must be canonical (app/core/pipeline.ts viewSearch). */
export async function saveView(db: Db, viewer: Viewer, name: string, search: string): Promise<WriteResult> {
  return inTransaction(db, async (trx) => {
    if (await nameTaken(trx, viewer, name, null)) return { ok: false, field: "name", message: TAKEN(name) };
    const count = await trx
      .selectFrom("saved_views")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("user_id", "=", viewer.id)
      .executeTakeFirstOrThrow();
    if (Number(count.n) >= MAX_SAVED_VIEWS)
      return {
        ok: false,
        field: "name",
        message: `You have ${MAX_SAVED_VIEWS} saved views, the most one person keeps: delete one first.`,
      };
    const now = new Date().toISOString();
    const row = await trx
      .insertInto("saved_views")
      .values({
        organization_id: viewer.organization_id,
        user_id: viewer.id,
        name,
        search,
        created_at: now,
        updated_at: now,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    return { ok: true, id: row.id };
  });
}

const NOT_YOURS = { ok: false, field: "view", message: "That view does not exist or is not yours." } as const;

export async function renameView(db: Db, viewer: Viewer, viewId: number, name: string): Promise<WriteResult> {
  return inTransaction(db, async (trx) => {
    if (await nameTaken(trx, viewer, name, viewId)) return { ok: false, field: "name", message: TAKEN(name) };
    const result = await trx
      .updateTable("saved_views")
      .set({ name, updated_at: new Date().toISOString() })
      .where("id", "=", viewId)
      .where("user_id", "=", viewer.id)
      .where("organization_id", "=", viewer.organization_id)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) ? { ok: true, id: viewId } : NOT_YOURS;
  });
}

export async function deleteView(db: Db, viewer: Viewer, viewId: number): Promise<WriteResult> {
  const result = await db
    .deleteFrom("saved_views")
    .where("id", "=", viewId)
    .where("user_id", "=", viewer.id)
    .where("organization_id", "=", viewer.organization_id)
    .executeTakeFirst();
  return Number(result.numDeletedRows) ? { ok: true, id: viewId } : NOT_YOURS;
}

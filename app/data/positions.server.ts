// Positions: the summary list (counts by stage, awaiting, follow-up rate) and their writes.
import { sql } from "kysely";
import type { Db } from "../../db/schema";
import { STAGES, type Stage } from "../core/stages";
import { containsPattern } from "../core/list-params";
import { inTransaction } from "./transaction.server";
import type { PositionStatusFilter } from "../core/pipeline";
import type { PositionInput } from "../core/schemas";
import { recordAudit } from "./audit.server";
import { seesWholeOrganization, visiblePositionIds, type Viewer } from "./scope.server";

export type WriteResult = { ok: true; id: number } | { ok: false; field: string; message: string };

export type PositionListParams = {
  status: PositionStatusFilter;
  clientId: number | null;
  q: string;
  page: number;
  pageSize: number;
};

/**
 * One page of the positions the viewer may see, ordered by client then title, each with its
 * candidates by stage, the interviews awaiting a follow-up now and the follow-up rate so far. The
 * aggregates are one query: a page of positions (CTE), joined to its applications and to the
 * awaiting interviews counted per position, grouped by position.
 */
export async function listPositionSummaries(db: Db, viewer: Viewer, params: PositionListParams, now: string) {
  let positions = db
    .selectFrom("positions as p")
    .innerJoin("clients as cl", "cl.id", "p.client_id")
    .where("p.organization_id", "=", viewer.organization_id);
  // Every position of the organization is visible to admins and recruiters; the IN list of all 3,000 of
  // them would cost more than the rest of the query.
  if (!seesWholeOrganization(viewer))
    positions = positions.where("p.id", "in", visiblePositionIds(db, viewer));
  if (params.status !== "all") positions = positions.where("p.status", "=", params.status);
  if (params.clientId) positions = positions.where("p.client_id", "=", params.clientId);
  if (params.q) {
    const pattern = containsPattern(params.q);
    positions = positions.where(sql<boolean>`lower(p.title) like ${pattern} escape '\\'`);
  }

  const total = await positions.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();

  const stageCounts = STAGES.map((stage) =>
    sql<number>`coalesce(sum(case when a.stage = ${stage} then 1 else 0 end), 0)`.as(`stage_${stage}`),
  );
  const rows = await db
    .with("page", () =>
      positions
        .leftJoin("users as m", "m.id", "p.hiring_manager_id")
        .select([
          "p.id",
          "p.title",
          "p.status",
          "p.opened_on",
          "p.closed_on",
          "p.client_id",
          "cl.name as client_name",
          "m.name as manager_name",
        ])
        .orderBy("cl.name")
        .orderBy("p.title")
        .orderBy("p.id")
        .limit(params.pageSize)
        .offset((params.page - 1) * params.pageSize),
    )
    // From the page's positions to their applications to interviews_application_awaiting: it reads only
    // the page's interviews, not every awaiting interview of the organization.
    .with("awaiting", (qb) =>
      qb
        .selectFrom("applications as aa")
        .innerJoin("interviews as i", "i.application_id", "aa.id")
        .select(["aa.position_id", (eb) => eb.fn.countAll<number>().as("n")])
        .where("aa.position_id", "in", qb.selectFrom("page").select("page.id"))
        .where("i.first_follow_up_at", "is", null)
        .where("i.latency_exempt_reason", "is", null)
        .where("i.closes_at", ">", now)
        .groupBy("aa.position_id"),
    )
    .selectFrom("page")
    .leftJoin("applications as a", "a.position_id", "page.id")
    .leftJoin("awaiting as aw", "aw.position_id", "page.id")
    .select([
      "page.id",
      "page.title",
      "page.status",
      "page.opened_on",
      "page.closed_on",
      "page.client_id",
      "page.client_name",
      "page.manager_name",
      (eb) => eb.fn.count<number>("a.id").as("candidates"),
      sql<number>`coalesce(max(aw.n), 0)`.as("awaiting"),
      sql<number>`coalesce(sum(a.followed_up_count), 0)`.as("followed_up"),
      sql<number>`coalesce(sum(a.decided_interview_count), 0)`.as("decided"),
      ...stageCounts,
    ])
    .groupBy([
      "page.id",
      "page.title",
      "page.status",
      "page.opened_on",
      "page.closed_on",
      "page.client_id",
      "page.client_name",
      "page.manager_name",
    ])
    .orderBy("page.client_name")
    .orderBy("page.title")
    .orderBy("page.id")
    .execute();

  return {
    total: Number(total.n),
    rows: rows.map((r) => {
      const byStage = Object.fromEntries(
        STAGES.map((s) => [s, Number((r as Record<string, unknown>)[`stage_${s}`] ?? 0)]),
      ) as Record<Stage, number>;
      const decided = Number(r.decided);
      return {
        id: r.id,
        title: r.title,
        status: r.status,
        openedOn: r.opened_on,
        closedOn: r.closed_on,
        clientId: r.client_id,
        clientName: r.client_name,
        managerName: r.manager_name,
        candidates: Number(r.candidates),
        awaiting: Number(r.awaiting),
        followedUp: Number(r.followed_up),
        decided,
        followUpRate: decided ? Number(r.followed_up) / decided : null,
        byStage,
      };
    }),
  };
}

/** The organization's clients, for filters and the position form. */
export async function listClientOptions(db: Db, viewer: Viewer) {
  let query = db
    .selectFrom("clients")
    .select(["id", "name"])
    .where("organization_id", "=", viewer.organization_id);
  // Hiring managers and client viewers: only the clients of positions they may see (no other client's name in a dropdown).
  if (!seesWholeOrganization(viewer))
    query = query.where(
      "id",
      "in",
      visiblePositionIds(db, viewer).clearSelect().select("positions.client_id"),
    );
  return query.orderBy("name").orderBy("id").execute();
}

/** Active users of the organization with the hiring-manager role. */
export async function listHiringManagers(db: Db, viewer: Viewer) {
  return db
    .selectFrom("users")
    .select(["id", "name", "email"])
    .where("organization_id", "=", viewer.organization_id)
    .where("role", "=", "hiring_manager")
    .where("active", "=", 1)
    .orderBy("name")
    .execute();
}

/** The checks a position's client and hiring manager must pass: both in the viewer's organization. */
async function checkPositionReferences(
  db: Db,
  viewer: Viewer,
  input: PositionInput,
): Promise<WriteResult | null> {
  const client = await db
    .selectFrom("clients")
    .select("id")
    .where("id", "=", input.clientId)
    .where("organization_id", "=", viewer.organization_id)
    .executeTakeFirst();
  if (!client) return { ok: false, field: "clientId", message: "Choose a client from the list." };
  if (input.hiringManagerId != null) {
    const manager = await db
      .selectFrom("users")
      .select("id")
      .where("id", "=", input.hiringManagerId)
      .where("organization_id", "=", viewer.organization_id)
      .where("role", "=", "hiring_manager")
      .where("active", "=", 1)
      .executeTakeFirst();
    if (!manager)
      return {
        ok: false,
        field: "hiringManagerId",
        message:
          "Choose a hiring manager from the list: they must be an active hiring manager in your organization.",
      };
  }
  return null;
}

export async function createPosition(db: Db, viewer: Viewer, input: PositionInput): Promise<WriteResult> {
  const refused = await checkPositionReferences(db, viewer, input);
  if (refused) return refused;
  const id = await inTransaction(db, async (trx) => {
    const row = await trx
      .insertInto("positions")
      .values({
        organization_id: viewer.organization_id,
        client_id: input.clientId,
        title: input.title,
        hiring_manager_id: input.hiringManagerId,
        status: input.status,
        opened_on: input.openedOn,
        closed_on: input.closedOn,
        created_at: new Date().toISOString(),
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await recordAudit(trx, {
      organizationId: viewer.organization_id,
      userId: viewer.id,
      action: "create",
      entity: "position",
      entityId: row.id,
      detail: { title: input.title },
    });
    return row.id;
  });
  return { ok: true, id };
}

export async function updatePosition(
  db: Db,
  viewer: Viewer,
  positionId: number,
  input: PositionInput,
): Promise<WriteResult> {
  const refused = await checkPositionReferences(db, viewer, input);
  if (refused) return refused;
  return inTransaction(db, async (trx) => {
    const before = await trx
      .selectFrom("positions")
      .select(["id", "title", "client_id", "hiring_manager_id", "status", "opened_on", "closed_on"])
      .where("id", "=", positionId)
      .where("organization_id", "=", viewer.organization_id)
      .where("id", "in", visiblePositionIds(trx, viewer))
      .executeTakeFirst();
    if (!before)
      return {
        ok: false,
        field: "title",
        message: "That position does not exist or is not yours to edit.",
      } as const;
    await trx
      .updateTable("positions")
      .set({
        title: input.title,
        client_id: input.clientId,
        hiring_manager_id: input.hiringManagerId,
        status: input.status,
        opened_on: input.openedOn,
        closed_on: input.closedOn,
      })
      .where("id", "=", positionId)
      .execute();
    await recordAudit(trx, {
      organizationId: viewer.organization_id,
      userId: viewer.id,
      action: "update",
      entity: "position",
      entityId: positionId,
      detail: { before, after: input },
    });
    return { ok: true, id: positionId } as const;
  });
}

/**
 * The applications, interviews and follow-ups a deletion would take with it (the foreign keys cascade
 * from applications), for a confirmation page: those of one candidate or of one position.
 */
export async function deletionImpact(db: Db, viewer: Viewer, of: "candidate_id" | "position_id", id: number) {
  const counts = await db
    .selectFrom("applications as a")
    .leftJoin("interviews as i", "i.application_id", "a.id")
    .leftJoin("follow_ups as f", "f.interview_id", "i.id")
    .select((eb) => [
      eb.fn.count<number>("a.id").distinct().as("applications"),
      eb.fn.count<number>("i.id").distinct().as("interviews"),
      eb.fn.count<number>("f.id").distinct().as("followUps"),
    ])
    .where(`a.${of}`, "=", id)
    .where("a.organization_id", "=", viewer.organization_id)
    .executeTakeFirstOrThrow();
  return {
    applications: Number(counts.applications),
    interviews: Number(counts.interviews),
    followUps: Number(counts.followUps),
  };
}

/** What deleting a position would take with it, for the confirmation page. */
export function positionDeletionImpact(db: Db, viewer: Viewer, positionId: number) {
  return deletionImpact(db, viewer, "position_id", positionId);
}

/**
 * Deletes a position. Its applications (with their interviews and follow-ups, by cascade) go with it,
 * so when it has any the caller must pass `confirmed`: the confirmation page says how many. Candidates
 * stay: they are people who may be in other pipelines.
 */
export async function deletePosition(
  db: Db,
  viewer: Viewer,
  positionId: number,
  confirmed: boolean,
): Promise<WriteResult> {
  return inTransaction(db, async (trx) => {
    const position = await trx
      .selectFrom("positions")
      .select(["id", "title"])
      .where("id", "=", positionId)
      .where("organization_id", "=", viewer.organization_id)
      .where("id", "in", visiblePositionIds(trx, viewer))
      .executeTakeFirst();
    if (!position)
      return {
        ok: false,
        field: "confirm",
        message: "That position does not exist or is not yours to delete.",
      } as const;
    const applications = await trx
      .selectFrom("applications")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("position_id", "=", positionId)
      .executeTakeFirstOrThrow();
    if (Number(applications.n) > 0 && !confirmed) {
      return {
        ok: false,
        field: "confirm",
        message: "Tick the box to confirm that its applications, interviews and follow-ups are deleted too.",
      } as const;
    }
    await trx.deleteFrom("positions").where("id", "=", positionId).execute();
    await recordAudit(trx, {
      organizationId: viewer.organization_id,
      userId: viewer.id,
      action: "delete",
      entity: "position",
      entityId: positionId,
      detail: { title: position.title, applications: Number(applications.n) },
    });
    return { ok: true, id: positionId } as const;
  });
}

/** The open positions the viewer may see, with their client, for "add to a position" choices. */
export async function listOpenPositionOptions(db: Db, viewer: Viewer) {
  return db
    .selectFrom("positions as p")
    .innerJoin("clients as cl", "cl.id", "p.client_id")
    .select(["p.id", "p.title", "cl.name as client_name"])
    .where("p.organization_id", "=", viewer.organization_id)
    .where("p.status", "=", "open")
    .where("p.id", "in", visiblePositionIds(db, viewer))
    .orderBy("cl.name")
    .orderBy("p.title")
    .orderBy("p.id")
    .execute();
}

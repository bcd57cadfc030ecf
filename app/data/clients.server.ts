// Clients: the companies an organization hires for.
import { sql } from "kysely";
import type { Db } from "../../db/schema";
import { inTransaction } from "./transaction.server";
import type { ClientInput } from "../core/schemas";
import { recordAudit } from "./audit.server";
import type { WriteResult } from "./positions.server";
import type { Viewer } from "./scope.server";

/**
 * The organization's clients with their position counts. Client viewers see only their own client;
 * hiring managers see the clients of the positions they manage.
 */
export async function listClients(db: Db, viewer: Viewer) {
  let query = db
    .selectFrom("clients as cl")
    .leftJoin("positions as p", "p.client_id", "cl.id")
    .select([
      "cl.id",
      "cl.name",
      (eb) => eb.fn.count<number>("p.id").as("positions"),
      sql<number>`coalesce(sum(case when p.status = 'open' then 1 else 0 end), 0)`.as("open_positions"),
    ])
    .where("cl.organization_id", "=", viewer.organization_id)
    .groupBy(["cl.id", "cl.name"])
    .orderBy("cl.name")
    .orderBy("cl.id");
  if (viewer.role === "client_viewer") query = query.where("cl.id", "=", viewer.client_id ?? -1);
  if (viewer.role === "hiring_manager") query = query.where("p.hiring_manager_id", "=", viewer.id);
  const rows = await query.execute();
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    positions: Number(r.positions),
    openPositions: Number(r.open_positions),
  }));
}

export async function getClient(db: Db, viewer: Viewer, clientId: number) {
  const row = await db
    .selectFrom("clients")
    .select(["id", "name"])
    .where("id", "=", clientId)
    .where("organization_id", "=", viewer.organization_id)
    .executeTakeFirst();
  return row ?? null;
}

async function nameTaken(db: Db, viewer: Viewer, name: string, exceptId: number | null): Promise<boolean> {
  let query = db
    .selectFrom("clients")
    .select("id")
    .where("organization_id", "=", viewer.organization_id)
    .where(sql<boolean>`lower(name) = ${name.toLowerCase()}`);
  if (exceptId != null) query = query.where("id", "!=", exceptId);
  return Boolean(await query.executeTakeFirst());
}

export async function createClient(db: Db, viewer: Viewer, input: ClientInput): Promise<WriteResult> {
  if (await nameTaken(db, viewer, input.name, null))
    return { ok: false, field: "name", message: "A client with this name already exists." };
  const id = await inTransaction(db, async (trx) => {
    const row = await trx
      .insertInto("clients")
      .values({
        organization_id: viewer.organization_id,
        name: input.name,
        created_at: new Date().toISOString(),
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await recordAudit(trx, {
      organizationId: viewer.organization_id,
      userId: viewer.id,
      action: "create",
      entity: "client",
      entityId: row.id,
      detail: { name: input.name },
    });
    return row.id;
  });
  return { ok: true, id };
}

export async function renameClient(
  db: Db,
  viewer: Viewer,
  clientId: number,
  input: ClientInput,
): Promise<WriteResult> {
  if (await nameTaken(db, viewer, input.name, clientId))
    return { ok: false, field: "name", message: "A client with this name already exists." };
  return inTransaction(db, async (trx) => {
    const before = await trx
      .selectFrom("clients")
      .select("name")
      .where("id", "=", clientId)
      .where("organization_id", "=", viewer.organization_id)
      .executeTakeFirst();
    if (!before) return { ok: false, field: "name", message: "That client does not exist." } as const;
    await trx.updateTable("clients").set({ name: input.name }).where("id", "=", clientId).execute();
    await recordAudit(trx, {
      organizationId: viewer.organization_id,
      userId: viewer.id,
      action: "update",
      entity: "client",
      entityId: clientId,
      detail: { before: before.name, after: input.name },
    });
    return { ok: true, id: clientId } as const;
  });
}

/** What stands in the way of deleting a client, and whom it would affect. */
export async function clientDeletionImpact(db: Db, viewer: Viewer, clientId: number) {
  const positions = await db
    .selectFrom("positions")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("client_id", "=", clientId)
    .where("organization_id", "=", viewer.organization_id)
    .executeTakeFirstOrThrow();
  const viewers = await db
    .selectFrom("users")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("client_id", "=", clientId)
    .where("organization_id", "=", viewer.organization_id)
    .executeTakeFirstOrThrow();
  return { positions: Number(positions.n), viewers: Number(viewers.n) };
}

/**
 * Deletes a client that has no positions. A client with positions is refused: its positions hold
 * pipelines, and deleting them should be a decision made position by position.
 */
export async function deleteClient(db: Db, viewer: Viewer, clientId: number): Promise<WriteResult> {
  return inTransaction(db, async (trx) => {
    const client = await trx
      .selectFrom("clients")
      .select(["id", "name"])
      .where("id", "=", clientId)
      .where("organization_id", "=", viewer.organization_id)
      .executeTakeFirst();
    if (!client) return { ok: false, field: "confirm", message: "That client does not exist." } as const;
    const positions = await trx
      .selectFrom("positions")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("client_id", "=", clientId)
      .executeTakeFirstOrThrow();
    if (Number(positions.n) > 0) {
      return {
        ok: false,
        field: "confirm",
        message: `${client.name} still has ${Number(positions.n) === 1 ? "1 position" : `${positions.n} positions`}. Delete those positions first (or keep the client).`,
      } as const;
    }
    await trx.deleteFrom("clients").where("id", "=", clientId).execute();
    await recordAudit(trx, {
      organizationId: viewer.organization_id,
      userId: viewer.id,
      action: "delete",
      entity: "client",
      entityId: clientId,
      detail: { name: client.name },
    });
    return { ok: true, id: clientId } as const;
  });
}

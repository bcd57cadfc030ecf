// The positions of a generated workspace: every client gets at least one, the first clients more
// (a skewed draw), and a quarter of the rest are closed.
import type { Db } from "../../db/schema";
import { DAY, toDateText } from "./calendar";
import type { PlanClient, PlanPosition, PlanUser } from "./plan";
import type { Rng } from "./random";
import * as text from "./text";

/** Writes `count` positions, each led by one of its client's managers; returns them in order. */
export async function insertPositions(
  db: Db,
  r: Rng,
  o: {
    organizationId: number;
    clients: PlanClient[];
    /** Indexed by PlanClient.managers. */
    managers: { user: PlanUser }[];
    count: number;
    now: number;
    windowStart: number;
    days: number;
  },
): Promise<PlanPosition[]> {
  const { organizationId, clients, managers, now, windowStart } = o;
  const clientCount = clients.length;
  const positionCount = o.count;
  const positions: PlanPosition[] = [];
  const titlesByClient = new Map<number, Set<string>>();
  let cumulative = 0;
  for (let i = 0; i < positionCount; i++) {
    const client =
      i < clientCount
        ? clients[i]
        : clients[Math.min(clientCount - 1, Math.floor(Math.pow(r.next(), 1.25) * clientCount))];
    const titles = titlesByClient.get(client.id) ?? new Set<string>();
    titlesByClient.set(client.id, titles);
    let title: string = r.pick(text.POSITION_TITLES);
    if (titles.has(title)) title = `${title}, ${r.pick(text.POSITION_SUFFIXES)}`;
    for (let n = 2; titles.has(title); n++) title = `${title.replace(/ \(\d+\)$/, "")} (${n})`;
    titles.add(title);
    const manager = managers[client.managers[i % client.managers.length]].user;
    const openedAt = now - Math.round(r.between(25, o.days + 60)) * DAY;
    let closedAt: number | null = null;
    if (i >= clientCount && r.chance(0.25)) {
      const from = Math.max(openedAt, windowStart);
      const candidate = from + Math.round(r.between(35, 100)) * DAY;
      if (candidate <= now - 14 * DAY) closedAt = candidate;
    }
    const opened = new Date(openedAt);
    const row = await db
      .insertInto("positions")
      .values({
        organization_id: organizationId,
        client_id: client.id,
        title,
        hiring_manager_id: manager.id,
        status: closedAt === null ? "open" : "closed",
        opened_on: toDateText(opened),
        closed_on: closedAt === null ? null : toDateText(new Date(closedAt)),
        created_at: opened.toISOString(),
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    cumulative += r.between(0.4, 2);
    positions.push({
      id: row.id,
      client,
      title,
      manager,
      open: closedAt === null,
      openedAt,
      closedAt,
      cumulative,
    });
  }
  return positions;
}

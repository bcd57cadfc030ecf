// Who may see what. Every query of people's data goes through these, so that data stays inside
// the signed-in user's organization and, for client viewers, inside their client.
import { sql, type RawBuilder } from "kysely";
import type { Db } from "../../db/schema";
import type { SessionUser } from "./sessions.server";

export type Viewer = Pick<SessionUser, "id" | "organization_id" | "role" | "client_id">;

/**
 * `column = the viewer's organization`, written `+column = ?` so that SQLite checks it on each row but
 * never reads it through an index. For a query that a narrower condition already finds (one position,
 * a list of changed ids): SQLite has no statistics (the app runs no ANALYZE), takes any equality for
 * selective, and otherwise may walk every row of the organization in an organization_id index (300 ms
 * for a position's pending count at 200,000 candidates, 370 ms for the API's changed interviews, rather
 * than 1 to 30 ms). PostgreSQL reads `+column` as the column and plans by its statistics.
 */
export function inOrganizationUnindexed(column: string, viewer: Viewer): RawBuilder<boolean> {
  return sql<boolean>`+${sql.ref(column)} = ${viewer.organization_id}`;
}

/** A subquery of the ids of the positions the viewer may see. */
export function visiblePositionIds(db: Db, viewer: Viewer) {
  let query = db
    .selectFrom("positions")
    .select("positions.id")
    .where("positions.organization_id", "=", viewer.organization_id);
  if (viewer.role === "hiring_manager") query = query.where("positions.hiring_manager_id", "=", viewer.id);
  // A client viewer without a client sees nothing (-1 matches no row).
  if (viewer.role === "client_viewer")
    query = query.where("positions.client_id", "=", viewer.client_id ?? -1);
  return query;
}

/** True for roles that see every candidate in the organization, whether or not they have applied anywhere. */
export function seesWholeOrganization(viewer: Viewer): boolean {
  return viewer.role === "admin" || viewer.role === "recruiter";
}

// Reading the audit log: an organization's entries, filtered by user, action and date, paged in SQL.
import type { Db } from "../../db/schema";
import type { Viewer } from "./scope.server";

export type AuditQuery = {
  userId: number | null;
  action: string | null;
  /** Inclusive UTC dates, YYYY-MM-DD. */
  from: string | null;
  to: string | null;
  dir: "asc" | "desc";
  page: number;
  pageSize: number;
};

function nextDay(date: string): string {
  const d = new Date(`${date}T00:00:00.000Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString();
}

export async function listAuditEntries(db: Db, viewer: Viewer, q: AuditQuery) {
  let base = db.selectFrom("audit_log as l").where("l.organization_id", "=", viewer.organization_id);
  if (q.userId !== null) base = base.where("l.user_id", "=", q.userId);
  if (q.action !== null) base = base.where("l.action", "=", q.action);
  if (q.from) base = base.where("l.created_at", ">=", `${q.from}T00:00:00.000Z`);
  if (q.to) base = base.where("l.created_at", "<", nextDay(q.to));
  const total = await base.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
  const rows = await base
    .leftJoin("users as u", (j) =>
      j.onRef("u.id", "=", "l.user_id").on("u.organization_id", "=", viewer.organization_id),
    )
    .select([
      "l.id",
      "l.created_at",
      "l.action",
      "l.entity",
      "l.entity_id",
      "l.detail",
      "u.name as user_name",
      "u.email as user_email",
    ])
    .orderBy("l.created_at", q.dir)
    .orderBy("l.id", q.dir)
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize)
    .execute();
  return { rows, total: Number(total.n) };
}

/** What the filters offer: the organization's users, and the actions its log holds. */
export async function auditFilterOptions(db: Db, viewer: Viewer) {
  const users = await db
    .selectFrom("users")
    .select(["id", "name"])
    .where("organization_id", "=", viewer.organization_id)
    .orderBy("name")
    .orderBy("id")
    .execute();
  const actions = await db
    .selectFrom("audit_log")
    .select("action")
    .distinct()
    .where("organization_id", "=", viewer.organization_id)
    .orderBy("action")
    .execute();
  return {
    users: users.map((u) => ({ value: String(u.id), label: u.name })),
    actions: actions.map((a) => ({ value: a.action, label: a.action.replace(/_/g, " ") })),
  };
}

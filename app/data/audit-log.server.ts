// Reading the audit log: an organization's entries, filtered by user, action and date, paged in SQL.
import type { Db } from "../../db/schema";
import { actionLabel, parseDetail, type AuditSubjects } from "../core/audit-words";
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
      "l.user_id",
      "l.created_at",
      "l.action",
      "l.entity",
      "l.entity_id",
      "l.detail",
      "l.candidate_id",
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
    actions: actions.map((a) => ({ value: a.action, label: actionLabel(a.action) })),
  };
}

type AuditRow = Awaited<ReturnType<typeof listAuditEntries>>["rows"][number];

const num = (v: unknown): number | null => (typeof v === "number" && Number.isInteger(v) ? v : null);
const ids = (values: (number | null)[]) => [...new Set(values.filter((v): v is number => v !== null))];

/**
 * What each entry is about, named: the candidate, position, application, interview, user or client it
 * concerns, looked up in a few batched queries within the viewer's organization. Null where the row
 * has been deleted since (the wording then falls back on the entry's detail).
 */
export async function auditSubjects(db: Db, viewer: Viewer, rows: AuditRow[]): Promise<AuditSubjects[]> {
  const org = viewer.organization_id;
  const parsed = rows.map((r) => ({ row: r, detail: parseDetail(r.detail) }));
  const of = (entity: string, key?: string) =>
    ids(
      parsed.flatMap(({ row, detail }) => [
        row.entity === entity ? row.entity_id : null,
        key ? num(detail[key]) : null,
      ]),
    );
  const followUpIds = of("follow_up");
  const followUps = followUpIds.length
    ? await db
        .selectFrom("follow_ups")
        .select(["id", "interview_id"])
        .where("organization_id", "=", org)
        .where("id", "in", followUpIds)
        .execute()
    : [];
  const interviewIds = ids([...of("interview", "interviewId"), ...followUps.map((f) => f.interview_id)]);
  const interviews = interviewIds.length
    ? await db
        .selectFrom("interviews")
        .select(["id", "application_id", "round", "format", "interviewer_name"])
        .where("organization_id", "=", org)
        .where("id", "in", interviewIds)
        .execute()
    : [];
  const applicationIds = ids([
    ...of("application", "applicationId"),
    ...interviews.map((i) => i.application_id),
  ]);
  const applications = applicationIds.length
    ? await db
        .selectFrom("applications")
        .select(["id", "candidate_id", "position_id"])
        .where("organization_id", "=", org)
        .where("id", "in", applicationIds)
        .execute()
    : [];
  const candidateIds = ids([
    ...of("candidate", "candidateId"),
    ...rows.map((r) => r.candidate_id),
    ...applications.map((a) => a.candidate_id),
  ]);
  const candidates = candidateIds.length
    ? await db
        .selectFrom("candidates")
        .select(["id", "name"])
        .where("organization_id", "=", org)
        .where("id", "in", candidateIds)
        .execute()
    : [];
  const positionIds = ids([...of("position", "positionId"), ...applications.map((a) => a.position_id)]);
  const positions = positionIds.length
    ? await db
        .selectFrom("positions")
        .select(["id", "title"])
        .where("organization_id", "=", org)
        .where("id", "in", positionIds)
        .execute()
    : [];
  const userIds = of("user");
  const users = userIds.length
    ? await db
        .selectFrom("users")
        .select(["id", "name"])
        .where("organization_id", "=", org)
        .where("id", "in", userIds)
        .execute()
    : [];
  const clientIds = of("client", "clientId");
  const clients = clientIds.length
    ? await db
        .selectFrom("clients")
        .select(["id", "name"])
        .where("organization_id", "=", org)
        .where("id", "in", clientIds)
        .execute()
    : [];

  const byId = <T extends { id: number }>(list: T[]) => new Map(list.map((x) => [x.id, x]));
  const F = byId(followUps);
  const I = byId(interviews);
  const A = byId(applications);
  const C = byId(candidates);
  const P = byId(positions);
  const U = byId(users);
  const K = byId(clients);
  const get = <T>(map: Map<number, T>, id: number | null | undefined) =>
    id == null ? undefined : map.get(id);

  return parsed.map(({ row, detail }) => {
    const own = (entity: string) => (row.entity === entity ? row.entity_id : null);
    const followUp = get(F, own("follow_up"));
    const interview = get(I, followUp?.interview_id ?? own("interview"));
    const interviewId = interview?.id ?? num(detail.interviewId);
    const application = get(
      A,
      get(I, interviewId)?.application_id ?? own("application") ?? num(detail.applicationId),
    );
    // A deleted follow-up or interview is not named by its still-present candidate ("a deleted follow-up").
    const gone =
      (row.entity === "follow_up" && !followUp && row.action !== "delete") ||
      (row.entity === "interview" && !interview && row.action !== "delete");
    const candidate = gone
      ? undefined
      : get(C, application?.candidate_id ?? own("candidate") ?? row.candidate_id ?? num(detail.candidateId));
    const position = get(P, application?.position_id ?? own("position") ?? num(detail.positionId));
    return {
      candidate: candidate ? { id: candidate.id, name: candidate.name } : null,
      position: position ? { id: position.id, title: position.title } : null,
      application: application && !gone ? { id: application.id } : null,
      interview: interview ?? null,
      user: get(U, own("user")) ?? null,
      client: get(K, own("client") ?? num(detail.clientId)) ?? null,
    };
  });
}

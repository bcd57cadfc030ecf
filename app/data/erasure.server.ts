// Erasing a candidate completely (issue 21, item 4), on a privacy request or by the retention rule:
// their rows (candidate, applications, interviews, follow-ups, score reviews, search terms, by cascade),
// the raw messages the intake kept that name them or were matched to them, and the audit entries about
// them, which are kept (who did what, when) but with their details redacted, and the outgoing mail
// about them (eraseFromOutbox). Other candidates' scores in the same positions are recomputed: a
// near-copy's evidence names the other candidate.
//
// On SQLite a deleted row's bytes stay in the file's free space until overwritten; the erasure runs
// with `PRAGMA secure_delete = ON` (deleted content is overwritten with zeros) and then checkpoints
// the write-ahead log with TRUNCATE, so that neither the database file nor the log keeps a copy (see
// docs/decisions and test/integration/rights-erasure.test.ts, which searches the file's bytes).
// Uploaded files are not the data layer's: the caller removes them (app/intake/uploads.server.ts).
import { sql } from "kysely";
import { isPostgres } from "../../db/connection.server";
import type { Db } from "../../db/schema";
import { personNeedles } from "../core/rights";
import { recordAudit } from "./audit.server";
import { followUpNoteKeyPrefix } from "./outbox.server";
import { scorePositions } from "./scoring.server";
import { visiblePositionIds, seesWholeOrganization, type Viewer } from "./scope.server";
import { inTransaction } from "./transaction.server";

export type Erased = {
  candidateId: number;
  applications: number;
  interviews: number;
  followUps: number;
  inboundMessages: number;
  auditEntriesRedacted: number;
  /** Outgoing mails deleted (the notes about their follow-ups) or redacted (naming them among others). */
  outboxMails: number;
  /** What a byte search for the person looks for: pass it to the uploads' scrub. */
  needles: string[];
};

/** `%text%` for LIKE, with the pattern characters escaped (with `\`). */
function containing(text: string): string {
  return `%${text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** Whether the viewer may erase this candidate: the same rule as seeing them. */
async function visibleCandidate(db: Db, viewer: Viewer, candidateId: number) {
  let query = db
    .selectFrom("candidates as c")
    .select(["c.id", "c.name", "c.email", "c.phone"])
    .where("c.id", "=", candidateId)
    .where("c.organization_id", "=", viewer.organization_id);
  if (!seesWholeOrganization(viewer))
    query = query.where((eb) =>
      eb.exists(
        eb
          .selectFrom("applications as a")
          .select("a.id")
          .whereRef("a.candidate_id", "=", "c.id")
          .where("a.position_id", "in", visiblePositionIds(db, viewer)),
      ),
    );
  return query.executeTakeFirst();
}

/**
 * Erases one candidate inside the caller's transaction, or a new one. `audit: false` leaves the
 * audit entry to the caller (the retention run writes one for all it erased). Null when the viewer
 * may not see the candidate.
 */
export async function eraseCandidate(
  db: Db,
  viewer: Viewer,
  candidateId: number,
  { audit = true, checkpoint = true }: { audit?: boolean; checkpoint?: boolean } = {},
): Promise<Erased | null> {
  const erased = await inTransaction(db, async (trx) => {
    const candidate = await visibleCandidate(trx, viewer, candidateId);
    if (!candidate) return null;
    const pg = isPostgres(trx);
    if (!pg) await sql`pragma secure_delete = on`.execute(trx);
    try {
      const org = viewer.organization_id;
      const applications = await trx
        .selectFrom("applications")
        .select(["id", "position_id"])
        .where("candidate_id", "=", candidate.id)
        .where("organization_id", "=", org)
        .execute();
      const applicationIds = applications.map((a) => a.id);
      const interviewIds = applicationIds.length
        ? (
            await trx
              .selectFrom("interviews")
              .select("id")
              .where("application_id", "in", applicationIds)
              .execute()
          ).map((i) => i.id)
        : [];
      const followUpIds = interviewIds.length
        ? (
            await trx
              .selectFrom("follow_ups")
              .select("id")
              .where("interview_id", "in", interviewIds)
              .execute()
          ).map((f) => f.id)
        : [];
      const needles = personNeedles(candidate);
      const email = candidate.email?.trim().toLowerCase() || null;

      // Raw mail the intake kept: matched to their interviews, or sent from or naming their address.
      const inbound = await trx
        .deleteFrom("inbound_messages")
        .where("organization_id", "=", org)
        .where((eb) =>
          eb.or([
            ...(interviewIds.length ? [eb("interview_id", "in", interviewIds)] : []),
            ...(followUpIds.length ? [eb("follow_up_id", "in", followUpIds)] : []),
            ...(email
              ? [
                  eb(sql`lower(sender)`, "like", sql`${containing(email)} escape '\\'`),
                  eb(sql`lower(raw)`, "like", sql`${containing(email)} escape '\\'`),
                ]
              : [eb(sql`1`, "=", 0)]),
          ]),
        )
        .executeTakeFirst();

      // Audit entries about them keep who did what and when; their details go.
      const ids = (entity: string, list: number[]) =>
        list.length ? [sql<boolean>`(entity = ${entity} and entity_id in (${sql.join(list)}))`] : [];
      const about = [
        sql<boolean>`candidate_id = ${candidate.id}`,
        sql<boolean>`(entity = 'candidate' and entity_id = ${candidate.id})`,
        ...ids("application", applicationIds),
        ...ids("interview", interviewIds),
        ...ids("follow_up", followUpIds),
        ...needles.map((n) => sql<boolean>`lower(detail) like ${containing(n)} escape '\\'`),
      ];
      const redacted =
        await sql`update audit_log set detail = ${JSON.stringify({ redacted: true })}, candidate_id = null
        where organization_id = ${org} and (${sql.join(about, sql` or `)})`.execute(trx);
      const outboxMails = await eraseFromOutbox(trx, org, {
        followUpIds,
        needles,
        positionIds: applications.map((a) => a.position_id),
      });

      if (interviewIds.length)
        await trx
          .deleteFrom("form_submissions")
          .where("organization_id", "=", org)
          .where((eb) =>
            eb.or([
              eb.and([eb("entity", "=", "interview"), eb("entity_id", "in", interviewIds)]),
              ...(followUpIds.length
                ? [eb.and([eb("entity", "=", "follow_up"), eb("entity_id", "in", followUpIds)])]
                : []),
            ]),
          )
          .execute();
      // Other candidates' follow-ups that nearly copy theirs point at them; the rescore below finds
      // their near-copies afresh.
      if (followUpIds.length)
        await trx
          .updateTable("follow_ups")
          .set({ near_duplicate_of: null })
          .where("near_duplicate_of", "in", followUpIds)
          .execute();
      if (interviewIds.length) {
        await trx.deleteFrom("follow_ups").where("interview_id", "in", interviewIds).execute();
        await trx.deleteFrom("interviews").where("id", "in", interviewIds).execute();
      }
      await trx.deleteFrom("applications").where("candidate_id", "=", candidate.id).execute();
      await trx.deleteFrom("candidate_search_terms").where("candidate_id", "=", candidate.id).execute();
      await trx.deleteFrom("candidates").where("id", "=", candidate.id).execute();
      const positionIds = [...new Set(applications.map((a) => a.position_id))];
      await scorePositions(trx, org, positionIds);

      const result: Erased = {
        candidateId: candidate.id,
        applications: applicationIds.length,
        interviews: interviewIds.length,
        followUps: followUpIds.length,
        inboundMessages: Number(inbound.numDeletedRows),
        auditEntriesRedacted: Number(redacted.numAffectedRows ?? 0),
        outboxMails,
        needles,
      };
      if (audit)
        await recordAudit(trx, {
          organizationId: org,
          userId: viewer.id,
          action: "delete",
          entity: "candidate",
          entityId: candidate.id,
          candidateId: null,
          detail: {
            erased: true,
            applications: result.applications,
            interviews: result.interviews,
            followUps: result.followUps,
            inboundMessages: result.inboundMessages,
            auditEntriesRedacted: result.auditEntriesRedacted,
            outboxMails: result.outboxMails,
          },
        });
      return result;
    } finally {
      if (!pg) await sql`pragma secure_delete = off`.execute(trx);
    }
  });
  if (erased && checkpoint && !db.isTransaction) await checkpointLog(db);
  return erased;
}

const REDACTED = "[erased]";
/** As the mail templates escape HTML (core/mail-templates.ts), so that a name in an HTML body is found. */
const HTML_ESCAPES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};
const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/**
 * The outgoing mail about a candidate being erased (migration 0026 keeps every message, sent or not):
 * - the notes about their follow-ups (one per follow-up and recipient, found by dedupe key) are deleted,
 *   queued or sent: the whole message is about them;
 * - any other message naming them in its subject, text or HTML (a digest lists several candidates) is
 *   kept with their name and email replaced by "[erased]", so that one still to go goes without them;
 * - a client report mail to a contact of a client they applied at loses its stored PDF (printed from
 *   the report, which listed them; a PDF's text is compressed, so no search would find them in it);
 *   the mail's share link shows the report as it is now, without them. Attachments that name them
 *   in plain bytes (a CSV) are dropped wherever they are.
 * Returns how many rows were deleted or changed.
 */
export async function eraseFromOutbox(
  db: Db,
  organizationId: number,
  { followUpIds, needles, positionIds }: { followUpIds: number[]; needles: string[]; positionIds: number[] },
): Promise<number> {
  let changed = 0;
  if (followUpIds.length) {
    const notes = await db
      .deleteFrom("outbox")
      .where("organization_id", "=", organizationId)
      .where("kind", "=", "follow_up")
      .where((eb) =>
        eb.or(
          followUpIds.map((id) =>
            eb(
              "dedupe_key",
              "like",
              sql<string>`${containing(followUpNoteKeyPrefix(id)).slice(1)} escape '\\'`,
            ),
          ),
        ),
      )
      .executeTakeFirst();
    changed += Number(notes.numDeletedRows);
  }
  const contacts = positionIds.length
    ? db
        .selectFrom("client_contacts as cc")
        .innerJoin("positions as p", "p.client_id", "cc.client_id")
        .select("cc.email")
        .where("p.id", "in", positionIds)
    : null;
  const rows = await db
    .selectFrom("outbox")
    .select(["id", "subject", "text_body", "html_body", "attachments", "kind", "to_address"])
    .where("organization_id", "=", organizationId)
    .where((eb) =>
      eb.or([
        ...needles.flatMap((n) =>
          ["subject", "text_body", "html_body"].map((column) =>
            eb(sql`lower(${sql.ref(column)})`, "like", sql<string>`${containing(n)} escape '\\'`),
          ),
        ),
        eb("attachments", "is not", null),
      ]),
    )
    .execute();
  const pattern = needles.length
    ? new RegExp(
        [...new Set(needles.flatMap((n) => [n, n.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]!)]))]
          .sort((a, b) => b.length - a.length)
          .map(escapeRegExp)
          .join("|"),
        "gi",
      )
    : null;
  const names = (text: string | null) =>
    Boolean(text && pattern && ((pattern.lastIndex = 0), pattern.test(text)));
  const reportTo = contacts
    ? new Set((await contacts.execute()).map((c) => c.email.trim().toLowerCase()))
    : new Set<string>();
  for (const row of rows) {
    const redact = (text: string | null) => (text && pattern ? text.replace(pattern, REDACTED) : text);
    const all = row.attachments
      ? (JSON.parse(row.attachments) as { contentType: string; base64: string }[])
      : [];
    const report = row.kind === "client_report" && reportTo.has(row.to_address.trim().toLowerCase());
    const kept = all.filter(
      (a) =>
        !(report && a.contentType === "application/pdf") &&
        !names(Buffer.from(a.base64, "base64").toString("latin1")),
    );
    const keptAttachments =
      kept.length === all.length ? row.attachments : kept.length ? JSON.stringify(kept) : null;
    const next = {
      subject: redact(row.subject) ?? row.subject,
      text_body: redact(row.text_body) ?? row.text_body,
      html_body: redact(row.html_body),
      attachments: keptAttachments,
    };
    if (
      next.subject === row.subject &&
      next.text_body === row.text_body &&
      next.html_body === row.html_body &&
      next.attachments === row.attachments
    )
      continue;
    await db.updateTable("outbox").set(next).where("id", "=", row.id).execute();
    changed++;
  }
  return changed;
}

/**
 * Moves the write-ahead log into the database file and empties it (SQLite; nothing on PostgreSQL):
 * until then the log still holds the pages as they were before an erasure. Answers whether the
 * whole log was checkpointed (false when a reader held an older snapshot).
 */
export async function checkpointLog(db: Db): Promise<boolean> {
  if (isPostgres(db)) return true;
  const result = await sql<{
    busy: number;
    log: number;
    checkpointed: number;
  }>`pragma wal_checkpoint(TRUNCATE)`.execute(db);
  const row = result.rows[0];
  return !row || row.busy === 0;
}

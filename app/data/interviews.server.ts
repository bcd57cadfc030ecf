import crypto from "node:crypto";
import type { Db, Interview } from "../../db/schema";
import { isUniqueViolation } from "../../db/errors.server";
import { isAutoReply } from "../core/auto-reply";
import { closesAt, validateReceivedAt } from "../core/latency";
import { inTransaction } from "./transaction.server";
import type { LogFollowUpInput, LogInterviewInput } from "../core/schemas";
import { dateRangeProblem, resolveWallClock, type Fold } from "../core/time";
import type { Stage } from "../core/stages";
import { moveStage } from "./applications.server";
import { recordAudit } from "./audit.server";
import { bodyHash } from "./body-hash.server";
import { getOrganizationSettings } from "./organizations.server";
import { recomputeInterview, scorePositions } from "./scoring.server";
import { visiblePositionIds, type Viewer } from "./scope.server";
import { queueFollowUpsReceived } from "./webhooks.server";

export type WriteResult = { ok: true; id: number } | { ok: false; field: string; message: string };

/** Thrown inside logInterview's transaction to roll the interview back when its stage move is refused. */
class StageMoveRefused extends Error {
  constructor(readonly result: WriteResult & { ok: false }) {
    super(result.message);
  }
}

/**
 * Logs an interview on an application the viewer may see; its follow-up fields are computed in the
 * same transaction. With `moveToStage`, the application moves to that stage in that transaction too,
 * through the same function (and audit entry) as a move on the application's page.
 */
export async function logInterview(
  db: Db,
  viewer: Viewer,
  input: LogInterviewInput,
  { moveToStage = null }: { moveToStage?: Stage | null } = {},
): Promise<WriteResult> {
  const application = await db
    .selectFrom("applications")
    .select(["id", "candidate_id", "stage"])
    .where("id", "=", input.applicationId)
    .where("organization_id", "=", viewer.organization_id)
    .where("position_id", "in", visiblePositionIds(db, viewer))
    .executeTakeFirst();
  if (!application)
    return {
      ok: false,
      field: "applicationId",
      message: "That application does not exist or is not yours to edit.",
    };
  // The form's schema checked these; a caller that skipped it must not store a date out of range.
  for (const [field, label] of [
    ["startsAt", "The interview start"],
    ["endsAt", "The interview end"],
  ] as const) {
    const problem = dateRangeProblem(label, input[field], "interview");
    if (problem) return { ok: false, field, message: problem };
  }
  const settings = await getOrganizationSettings(db, viewer.organization_id);

  const id = await inTransaction(db, async (trx) => {
    const row = await trx
      .insertInto("interviews")
      .values({
        organization_id: viewer.organization_id,
        application_id: application.id,
        interviewer_name: input.interviewerName,
        interviewer_email: input.interviewerEmail,
        starts_at: input.startsAt,
        ends_at: input.endsAt,
        time_zone: input.timeZone,
        format: input.format,
        round: input.round,
        notes: input.notes,
        logged_by: viewer.id,
        created_at: new Date().toISOString(),
        mail_token: crypto.randomBytes(9).toString("base64url"),
        closes_at: closesAt(input.endsAt, settings.windows),
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await recomputeInterview(trx, row.id);
    await recordAudit(trx, {
      organizationId: viewer.organization_id,
      userId: viewer.id,
      action: "create",
      entity: "interview",
      entityId: row.id,
      candidateId: application.candidate_id,
    });
    if (moveToStage && moveToStage !== application.stage) {
      const moved = await moveStage(trx, viewer, application.id, moveToStage);
      if (!moved.ok) throw new StageMoveRefused({ ok: false, field: "moveToStage", message: moved.message });
    }
    return row.id;
  }).catch((error: unknown) => {
    if (error instanceof StageMoveRefused) return error.result;
    throw error;
  });
  return typeof id === "number" ? { ok: true, id } : id;
}

export type FollowUpWrite = Omit<LogFollowUpInput, "receivedAtFold"> & {
  receivedAtFold?: Fold | null;
  /**
   * The instant a message's own Date gives (an .eml file, a message in the Inbox): taken instead of
   * the wall-clock `receivedAt`, which cannot tell the two 01:30s of the night the clocks go back apart.
   */
  sentAt?: string | null;
  headers?: Record<string, string>;
};

/** The interview if the viewer may see it (its position is theirs), with its application's candidate and position. */
export async function findInterview(db: Db, viewer: Viewer, interviewId: number) {
  return db
    .selectFrom("interviews as i")
    .innerJoin("applications as a", "a.id", "i.application_id")
    .innerJoin("candidates as c", "c.id", "a.candidate_id")
    .innerJoin("positions as p", "p.id", "a.position_id")
    .selectAll("i")
    .select(["a.candidate_id", "a.position_id", "c.name as candidate_name", "p.title as position_title"])
    .where("i.id", "=", interviewId)
    .where("i.organization_id", "=", viewer.organization_id)
    .where("a.position_id", "in", visiblePositionIds(db, viewer))
    .executeTakeFirst();
}

const NO_SUCH_INTERVIEW = "That interview does not exist or is not yours to edit.";
const NO_SUCH_FOLLOW_UP = "That follow-up does not exist or is not yours to edit.";
const ALREADY_LOGGED =
  "This message is already logged for this interview at that time; edit the one stored instead.";

/** A follow-up's received instant, or why it cannot be taken: the same checks whether logged or edited. */
function receivedInstant(
  interview: Pick<Interview, "ends_at" | "time_zone">,
  input: FollowUpWrite,
  now: number,
): { ok: true; iso: string } | { ok: false; field: string; message: string } {
  // The zone the time was typed in (the form's reader's), and the one its messages name.
  const zone = input.timeZone || interview.time_zone;
  let receivedAt: string;
  if (input.sentAt) {
    const sent = Date.parse(input.sentAt);
    if (!Number.isFinite(sent))
      return { ok: false, field: "receivedAt", message: "The message's date is not a valid date and time." };
    // To the minute, as a time typed by hand is.
    receivedAt = new Date(Math.floor(sent / 60_000) * 60_000).toISOString();
  } else {
    const resolved = resolveWallClock(input.receivedAt, zone, input.receivedAtFold);
    if (!resolved.ok) {
      return {
        ok: false,
        field: "receivedAt",
        message:
          resolved.reason === "invalid"
            ? "That date does not exist; check the day and month."
            : resolved.message,
      };
    }
    receivedAt = resolved.iso;
  }
  const outOfRange = dateRangeProblem(
    input.sentAt ? "The message's date" : "The received time",
    receivedAt,
    "received",
    now,
    zone,
  );
  if (outOfRange) return { ok: false, field: "receivedAt", message: outOfRange };
  const tooEarly = validateReceivedAt(interview.ends_at, receivedAt, zone);
  if (tooEarly) return { ok: false, field: "receivedAt", message: tooEarly };
  if (isAutoReply({ subject: input.subject ?? "", body: input.body, headers: input.headers })) {
    return {
      ok: false,
      field: "body",
      message:
        "This is an automatic reply (out of office or similar), so it is not a follow-up and was not logged.",
    };
  }
  return { ok: true, iso: receivedAt };
}

/** Another follow-up of the interview with this time and text, other than `exceptId`. */
async function sameMessage(db: Db, interviewId: number, receivedAt: string, hash: string, exceptId?: number) {
  let query = db
    .selectFrom("follow_ups")
    .select("id")
    .where("interview_id", "=", interviewId)
    .where("received_at", "=", receivedAt)
    .where("body_hash", "=", hash);
  if (exceptId !== undefined) query = query.where("id", "!=", exceptId);
  return query.executeTakeFirst();
}

/**
 * Runs a write that inserts or updates a follow-up, turning the unique index's refusal (the same
 * message, stored at the same moment by another request) into the field error a person can act on.
 */
async function refusingCopies(write: () => Promise<number>): Promise<WriteResult> {
  try {
    return { ok: true, id: await write() };
  } catch (error) {
    if (isUniqueViolation(error)) return { ok: false, field: "body", message: ALREADY_LOGGED };
    throw error;
  }
}

/**
 * Logs a follow-up for an interview the viewer may see. Refuses times that do not exist in the
 * interview's zone or happen twice there unless `receivedAtFold` says which, dates outside the range
 * the app accepts (app/core/time.ts), messages dated before the interview ended, automatic replies
 * and a message already stored for the interview at that time; scores it and updates the interview
 * and application in one transaction.
 */
export async function logFollowUp(
  db: Db,
  viewer: Viewer,
  input: FollowUpWrite,
  now = Date.now(),
): Promise<WriteResult> {
  const interview = await findInterview(db, viewer, input.interviewId);
  if (!interview) return { ok: false, field: "interviewId", message: NO_SUCH_INTERVIEW };
  const received = receivedInstant(interview, input, now);
  if (!received.ok) return received;
  const hash = bodyHash(input.body);
  if (await sameMessage(db, interview.id, received.iso, hash))
    return { ok: false, field: "body", message: ALREADY_LOGGED };

  return refusingCopies(() =>
    inTransaction(db, async (trx) => {
      const row = await trx
        .insertInto("follow_ups")
        .values({
          organization_id: viewer.organization_id,
          interview_id: interview.id,
          received_at: received.iso,
          channel: input.channel,
          subject: input.subject,
          body: input.body,
          body_hash: hash,
          sender: input.sender,
          logged_by: viewer.id,
          created_at: new Date().toISOString(),
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      await queueFollowUpsReceived(trx, viewer.organization_id, [row.id]);
      await recomputeInterview(trx, interview.id);
      await recordAudit(trx, {
        organizationId: viewer.organization_id,
        userId: viewer.id,
        action: "create",
        entity: "follow_up",
        entityId: row.id,
        candidateId: interview.candidate_id,
        detail: { interviewId: interview.id },
      });
      return row.id;
    }),
  );
}

/** Each changed field's old and new value; long texts only say that they changed. */
function changes<T extends Record<string, unknown>>(
  before: T,
  after: Partial<T>,
  textOnly: readonly (keyof T)[] = [],
): Record<string, { from: unknown; to: unknown } | "changed"> {
  const out: Record<string, { from: unknown; to: unknown } | "changed"> = {};
  for (const key of Object.keys(after) as (keyof T & string)[]) {
    if ((before[key] ?? null) === (after[key] ?? null)) continue;
    out[key] = textOnly.includes(key) ? "changed" : { from: before[key] ?? null, to: after[key] ?? null };
  }
  return out;
}

/**
 * Corrects an interview the viewer may see, with the same checks as logging one (the form's schema
 * gives the instants), and refuses an end after a follow-up it received: a follow-up sent before
 * the interview ended is not one. Its first follow-up, latency, window, its follow-ups' scores,
 * near-copies in the position and the application's summary are recomputed in the same transaction,
 * and the change is audited field by field. The application it belongs to does not change.
 */
export async function updateInterview(
  db: Db,
  viewer: Viewer,
  interviewId: number,
  input: Omit<LogInterviewInput, "applicationId">,
): Promise<WriteResult> {
  const before = await findInterview(db, viewer, interviewId);
  if (!before) return { ok: false, field: "interviewId", message: NO_SUCH_INTERVIEW };
  for (const [field, label] of [
    ["startsAt", "The interview start"],
    ["endsAt", "The interview end"],
  ] as const) {
    const problem = dateRangeProblem(label, input[field], "interview");
    if (problem) return { ok: false, field, message: problem };
  }
  const earliest = await db
    .selectFrom("follow_ups")
    .select("received_at")
    .where("interview_id", "=", interviewId)
    .orderBy("received_at")
    .limit(1)
    .executeTakeFirst();
  if (earliest && earliest.received_at < input.endsAt)
    return {
      ok: false,
      field: "endsAt",
      message:
        "A follow-up to this interview was received before that end time. Correct or delete that follow-up first, or check the end time.",
    };
  const settings = await getOrganizationSettings(db, viewer.organization_id);
  const after = {
    interviewer_name: input.interviewerName,
    interviewer_email: input.interviewerEmail,
    starts_at: input.startsAt,
    ends_at: input.endsAt,
    time_zone: input.timeZone,
    format: input.format,
    round: input.round,
    notes: input.notes,
  };
  const changed = changes(before, after, ["notes"]);
  if (Object.keys(changed).length === 0) return { ok: true, id: interviewId };
  await inTransaction(db, async (trx) => {
    await trx
      .updateTable("interviews")
      .set({ ...after, closes_at: closesAt(input.endsAt, settings.windows) })
      .where("id", "=", interviewId)
      .execute();
    await recomputeInterview(trx, interviewId);
    await recordAudit(trx, {
      organizationId: viewer.organization_id,
      userId: viewer.id,
      action: "update",
      entity: "interview",
      entityId: interviewId,
      candidateId: before.candidate_id,
      detail: { changed },
    });
  });
  return { ok: true, id: interviewId };
}

/** What deleting an interview removes, for its confirmation page. */
export async function interviewDeletionImpact(db: Db, interviewId: number) {
  const row = await db
    .selectFrom("follow_ups")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("interview_id", "=", interviewId)
    .executeTakeFirstOrThrow();
  return { followUps: Number(row.n) };
}

/**
 * Deletes an interview the viewer may see, with its follow-ups, and recomputes its position (the
 * application's summary, and near-copies other candidates' follow-ups no longer have) in the same
 * transaction; audited with what it was.
 */
export async function deleteInterview(db: Db, viewer: Viewer, interviewId: number): Promise<WriteResult> {
  return inTransaction(db, async (trx) => {
    const interview = await findInterview(trx, viewer, interviewId);
    if (!interview) return { ok: false, field: "confirm", message: NO_SUCH_INTERVIEW } as const;
    const { followUps } = await interviewDeletionImpact(trx, interviewId);
    await trx.deleteFrom("follow_ups").where("interview_id", "=", interviewId).execute();
    await trx.deleteFrom("interviews").where("id", "=", interviewId).execute();
    await scorePositions(trx, viewer.organization_id, [interview.position_id]);
    await recordAudit(trx, {
      organizationId: viewer.organization_id,
      userId: viewer.id,
      action: "delete",
      entity: "interview",
      entityId: interviewId,
      candidateId: interview.candidate_id,
      detail: {
        applicationId: interview.application_id,
        round: interview.round,
        format: interview.format,
        interviewer: interview.interviewer_name,
        startsAt: interview.starts_at,
        timeZone: interview.time_zone,
        followUps,
      },
    });
    return { ok: true, id: interviewId } as const;
  });
}

/** A follow-up the viewer may see, with its interview's times and candidate. */
export async function findFollowUp(db: Db, viewer: Viewer, followUpId: number) {
  return db
    .selectFrom("follow_ups as f")
    .innerJoin("interviews as i", "i.id", "f.interview_id")
    .innerJoin("applications as a", "a.id", "i.application_id")
    .innerJoin("candidates as c", "c.id", "a.candidate_id")
    .innerJoin("positions as p", "p.id", "a.position_id")
    .selectAll("f")
    .select([
      "c.name as candidate_name",
      "p.title as position_title",
      "i.interviewer_name",
      "i.ends_at",
      "i.time_zone",
      "i.round",
      "i.application_id",
      "a.candidate_id",
      "a.position_id",
    ])
    .where("f.id", "=", followUpId)
    .where("f.organization_id", "=", viewer.organization_id)
    .where("a.position_id", "in", visiblePositionIds(db, viewer))
    .executeTakeFirst();
}

/**
 * Corrects a follow-up the viewer may see (received time, channel, sender, subject, body) with the
 * checks of logging one; rescored with its interview, application and near-copies in the position in
 * the same transaction, and audited field by field (the texts only as changed).
 */
export async function updateFollowUp(
  db: Db,
  viewer: Viewer,
  followUpId: number,
  input: Omit<FollowUpWrite, "interviewId">,
  now = Date.now(),
): Promise<WriteResult> {
  const before = await findFollowUp(db, viewer, followUpId);
  if (!before) return { ok: false, field: "followUpId", message: NO_SUCH_FOLLOW_UP };
  const received = receivedInstant(before, { ...input, interviewId: before.interview_id }, now);
  if (!received.ok) return received;
  const hash = bodyHash(input.body);
  if (await sameMessage(db, before.interview_id, received.iso, hash, followUpId))
    return { ok: false, field: "body", message: ALREADY_LOGGED };
  const after = {
    received_at: received.iso,
    channel: input.channel,
    sender: input.sender,
    subject: input.subject,
    body: input.body,
  };
  const changed = changes(before, after, ["subject", "body", "sender"]);
  if (Object.keys(changed).length === 0) return { ok: true, id: followUpId };
  return refusingCopies(() =>
    inTransaction(db, async (trx) => {
      await trx
        .updateTable("follow_ups")
        .set({ ...after, body_hash: hash })
        .where("id", "=", followUpId)
        .execute();
      await recomputeInterview(trx, before.interview_id);
      await recordAudit(trx, {
        organizationId: viewer.organization_id,
        userId: viewer.id,
        action: "update",
        entity: "follow_up",
        entityId: followUpId,
        candidateId: before.candidate_id,
        detail: { interviewId: before.interview_id, changed },
      });
      return followUpId;
    }),
  );
}

/**
 * Deletes a follow-up the viewer may see; the interview's next follow-up (if any) becomes its first,
 * and latency, window, scores, near-copies and the application's summary are recomputed in the same
 * transaction. Audited with when it was received and how.
 */
export async function deleteFollowUp(db: Db, viewer: Viewer, followUpId: number): Promise<WriteResult> {
  return inTransaction(db, async (trx) => {
    const followUp = await findFollowUp(trx, viewer, followUpId);
    if (!followUp) return { ok: false, field: "confirm", message: NO_SUCH_FOLLOW_UP } as const;
    await trx.deleteFrom("follow_ups").where("id", "=", followUpId).execute();
    await recomputeInterview(trx, followUp.interview_id);
    await recordAudit(trx, {
      organizationId: viewer.organization_id,
      userId: viewer.id,
      action: "delete",
      entity: "follow_up",
      entityId: followUpId,
      candidateId: followUp.candidate_id,
      detail: {
        interviewId: followUp.interview_id,
        applicationId: followUp.application_id,
        receivedAt: followUp.received_at,
        channel: followUp.channel,
        score: followUp.score,
      },
    });
    return { ok: true, id: followUpId } as const;
  });
}

/** How many other follow-ups the interview has: what deleting this one leaves. */
export async function otherFollowUps(db: Db, interviewId: number, followUpId: number): Promise<number> {
  const row = await db
    .selectFrom("follow_ups")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("interview_id", "=", interviewId)
    .where("id", "!=", followUpId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/**
 * Marks an interview's latency "not applicable" with a reason (an accommodation), or clears the mark
 * (reason null). Its latency, window, follow-up scores (the timing part) and the application's summary
 * are recomputed in the same transaction, so every figure that reads the stored columns leaves the
 * interview's timing out; audited (without the reason).
 */
export async function setLatencyExemption(
  db: Db,
  viewer: Viewer,
  interviewId: number,
  reason: string | null,
): Promise<WriteResult> {
  return inTransaction(db, async (trx) => {
    const interview = await findInterview(trx, viewer, interviewId);
    if (!interview) return { ok: false, field: "reason", message: NO_SUCH_INTERVIEW } as const;
    if ((interview.latency_exempt_reason ?? null) === reason) return { ok: true, id: interviewId } as const;
    await trx
      .updateTable("interviews")
      .set({ latency_exempt_reason: reason })
      .where("id", "=", interviewId)
      .execute();
    await recomputeInterview(trx, interviewId);
    await recordAudit(trx, {
      organizationId: viewer.organization_id,
      userId: viewer.id,
      action: "update",
      entity: "interview",
      entityId: interviewId,
      candidateId: interview.candidate_id,
      // The reason stays on the interview: it may say something about the candidate's health.
      detail: { change: "latency_exempt", exempt: reason !== null },
    });
    return { ok: true, id: interviewId } as const;
  });
}

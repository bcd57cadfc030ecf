import crypto from "node:crypto";
import type { Db } from "../../db/schema";
import { isAutoReply } from "../core/auto-reply";
import { closesAt, validateReceivedAt } from "../core/latency";
import { inTransaction } from "./transaction.server";
import type { LogFollowUpInput, LogInterviewInput } from "../core/schemas";
import { dateRangeProblem, resolveWallClock, type Fold } from "../core/time";
import { recordAudit } from "./audit.server";
import { getOrganizationSettings } from "./organizations.server";
import { recomputeInterview } from "./scoring.server";
import { visiblePositionIds, type Viewer } from "./scope.server";

export type WriteResult = { ok: true; id: number } | { ok: false; field: string; message: string };

/** Logs an interview on an application the viewer may see; its follow-up fields are computed in the same transaction. */
export async function logInterview(db: Db, viewer: Viewer, input: LogInterviewInput): Promise<WriteResult> {
  const application = await db
    .selectFrom("applications")
    .select(["id"])
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
    });
    return row.id;
  });
  return { ok: true, id };
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

/**
 * Logs a follow-up for an interview the viewer may see. Refuses times that do not exist in the
 * interview's zone or happen twice there unless `receivedAtFold` says which, dates outside the range
 * the app accepts (app/core/time.ts), messages dated before the interview ended and automatic
 * replies; scores it and updates the interview and application in one transaction.
 */
export async function logFollowUp(
  db: Db,
  viewer: Viewer,
  input: FollowUpWrite,
  now = Date.now(),
): Promise<WriteResult> {
  const interview = await db
    .selectFrom("interviews")
    .innerJoin("applications", "applications.id", "interviews.application_id")
    .select(["interviews.id", "interviews.ends_at", "interviews.time_zone"])
    .where("interviews.id", "=", input.interviewId)
    .where("interviews.organization_id", "=", viewer.organization_id)
    .where("applications.position_id", "in", visiblePositionIds(db, viewer))
    .executeTakeFirst();
  if (!interview)
    return {
      ok: false,
      field: "interviewId",
      message: "That interview does not exist or is not yours to edit.",
    };

  let receivedAt: string;
  if (input.sentAt) {
    const sent = Date.parse(input.sentAt);
    if (!Number.isFinite(sent))
      return { ok: false, field: "receivedAt", message: "The message's date is not a valid date and time." };
    // To the minute, as a time typed by hand is.
    receivedAt = new Date(Math.floor(sent / 60_000) * 60_000).toISOString();
  } else {
    const resolved = resolveWallClock(input.receivedAt, interview.time_zone, input.receivedAtFold);
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
  );
  if (outOfRange) return { ok: false, field: "receivedAt", message: outOfRange };
  const tooEarly = validateReceivedAt(interview.ends_at, receivedAt);
  if (tooEarly) return { ok: false, field: "receivedAt", message: tooEarly };
  if (isAutoReply({ subject: input.subject ?? "", body: input.body, headers: input.headers })) {
    return {
      ok: false,
      field: "body",
      message:
        "This is an automatic reply (out of office or similar), so it is not a follow-up and was not logged.",
    };
  }

  const id = await inTransaction(db, async (trx) => {
    const row = await trx
      .insertInto("follow_ups")
      .values({
        organization_id: viewer.organization_id,
        interview_id: interview.id,
        received_at: receivedAt,
        channel: input.channel,
        subject: input.subject,
        body: input.body,
        sender: input.sender,
        logged_by: viewer.id,
        created_at: new Date().toISOString(),
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await recomputeInterview(trx, interview.id);
    await recordAudit(trx, {
      organizationId: viewer.organization_id,
      userId: viewer.id,
      action: "create",
      entity: "follow_up",
      entityId: row.id,
    });
    return row.id;
  });
  return { ok: true, id };
}

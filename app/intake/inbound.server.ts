// Messages that arrive as .eml uploads or at an interview's mail-in address. Every message is kept
// raw in inbound_messages first; then it is matched to an interview and logged as that interview's
// follow-up through the same checks as a follow-up typed by hand (received after the interview ended,
// not an automatic reply), or left "unmatched" with the reason, for a person to assign or discard.
import { sql } from "kysely";
import type { Db } from "../../db/schema";
import { autoReplyReason } from "../core/auto-reply";
import { MAX_FOLLOW_UP_BODY_CHARS } from "../core/schemas";
import { validateReceivedAt } from "../core/latency";
import { dateRangeProblem } from "../core/time";
import { recordAudit } from "../data/audit.server";
import { getOrganizationTimeZone } from "../data/organizations.server";
import { bodyHash } from "../data/body-hash.server";
import { logFollowUp } from "../data/interviews.server";
import { recomputeInterview } from "../data/scoring.server";
import { visiblePositionIds, type Viewer } from "../data/scope.server";
import { inTransaction } from "../data/transaction.server";
import { EmlError, parseEml, type ParsedEmail } from "./eml.server";
import { queueFollowUpsReceived } from "../data/webhooks.server";

/** Raw bytes are kept as Latin-1 text, which maps every byte to one character and back. */
export const rawToText = (raw: Uint8Array) => Buffer.from(raw).toString("latin1");
export const textToRaw = (text: string) => Buffer.from(text, "latin1");

/** The candidate's own message: a forwarded original's sender, date and text when the message forwards one. */
export interface MessageFacts {
  sender: string | null;
  senderName: string | null;
  sentAt: string | null;
  subject: string;
  body: string;
  headers: Record<string, string>;
  forwarded: boolean;
}

// "---------- Forwarded message ---------" (Gmail), "Begin forwarded message:" (Apple Mail),
// "-----Original Message-----" (Outlook), followed by From:/Date:/Sent:/Subject: lines.
const FORWARD_MARKER =
  /^[ \t>]*(?:-{2,}\s*Forwarded message\s*-{2,}|Begin forwarded message:|-{2,}\s*Original Message\s*-{2,})[ \t]*$/im;

function forwardedPart(
  text: string,
  subject: string,
): { from: string | null; date: string | null; subject: string | null; body: string } | null {
  const marker = FORWARD_MARKER.exec(text);
  if (!marker) return null;
  // Outlook's "Original Message" also heads quoted replies: only a forward's subject makes it one.
  if (/original message/i.test(marker[0]) && !/^\s*(fwd?|fw):/i.test(subject)) return null;
  const rest = text.slice(marker.index + marker[0].length).replace(/^\s*\n/, "");
  const lines = rest.split("\n");
  const fields: Record<string, string> = {};
  let i = 0;
  for (; i < lines.length; i++) {
    const line = lines[i].replace(/^[ \t>]*/, "").replace(/\*/g, "");
    const m = /^(From|Date|Sent|Subject|To|Cc):\s*(.*)$/i.exec(line);
    if (m) fields[m[1].toLowerCase()] = m[2].trim();
    else if (line.trim() === "" && Object.keys(fields).length > 0) {
      i++;
      break;
    } else if (Object.keys(fields).length > 0) break;
  }
  const fromText = fields.from ?? null;
  const address = fromText
    ? (/<([^>]+@[^>]+)>/.exec(fromText)?.[1] ?? /[^\s<>"]+@[^\s<>"]+/.exec(fromText)?.[0] ?? null)
    : null;
  const dateText = fields.date ?? fields.sent ?? null;
  const date = dateText ? parseLooseDate(dateText) : null;
  const body = lines
    .slice(i)
    .map((l) => l.replace(/^> ?/, ""))
    .join("\n")
    .trim();
  return { from: address?.toLowerCase() ?? null, date, subject: fields.subject ?? null, body };
}

/** "Tue, 24 Nov 2026 at 17:05", "Tuesday, November 24, 2026 5:05 PM", RFC 2822 dates. */
function parseLooseDate(text: string): string | null {
  const cleaned = text
    .replace(/\bat\b/i, " ")
    .replace(/\s+/g, " ")
    .trim();
  const ms = Date.parse(cleaned);
  if (Number.isNaN(ms)) return null;
  const date = new Date(ms);
  // Date.parse reads a written year 0001 as 2001 (and 0050 as 1950): a year written with four digits
  // is that year, so that the date rule refuses it as it is instead of taking it as a real date.
  const written = /(?:[A-Za-z]{3,}\.?|\b\d{1,2}),? (0\d{3})\b/.exec(cleaned)?.[1];
  if (written !== undefined && date.getUTCFullYear() !== Number(written))
    date.setUTCFullYear(Number(written));
  return date.toISOString();
}

/** What a received message says, looking through a forward to the candidate's original when there is one. */
export async function readMessage(
  raw: Uint8Array | string,
): Promise<{ parsed: ParsedEmail; facts: MessageFacts }> {
  const parsed = await parseEml(raw);
  const base: MessageFacts = {
    sender: parsed.from.address,
    senderName: parsed.from.name,
    sentAt: parsed.date,
    subject: parsed.subject,
    body: parsed.text,
    headers: parsed.headers,
    forwarded: false,
  };
  // The body is stored whole and the scorer reads its own words (app/core/own-words.ts), which sets a
  // forwarded message aside: a forward's original is therefore taken out here, before that can happen.
  const full = await fullText(raw, parsed.text);
  const forwarded = forwardedPart(full, parsed.subject);
  if (forwarded?.from && forwarded.body) {
    return {
      parsed,
      facts: {
        sender: forwarded.from,
        senderName: null,
        sentAt: forwarded.date ?? parsed.date,
        subject: forwarded.subject ?? parsed.subject.replace(/^(fwd?|fw):\s*/i, ""),
        body: forwarded.body,
        // The forwarder's headers say nothing about whether the original was automatic.
        headers: {},
        forwarded: true,
      },
    };
  }
  // The original's sender could not be read, so the message stays the forwarder's; its words are still
  // the original's, which would otherwise be set aside as a forwarded message and never scored.
  if (forwarded?.body) return { parsed, facts: { ...base, body: forwarded.body } };
  return { parsed, facts: base };
}

async function fullText(raw: Uint8Array | string, text: string): Promise<string> {
  const PostalMime = (await import("postal-mime")).default;
  const email = await PostalMime.parse(raw);
  // An attached message/rfc822 (forward as attachment) is itself the original.
  const attached = email.attachments.find((a) => a.mimeType === "message/rfc822");
  if (attached) {
    const inner = await PostalMime.parse(attached.content as ArrayBuffer);
    const from = inner.from?.address;
    return `---------- Forwarded message ---------\nFrom: <${from ?? ""}>\nDate: ${inner.date ?? ""}\nSubject: ${inner.subject ?? ""}\n\n${inner.text ?? ""}`;
  }
  // The body as parseEml read it: charset decoded (or detected), flowed text unfolded by quote depth.
  return text;
}

export type ReceiveOutcome =
  | { status: "matched"; messageId: number; followUpId: number; interviewId: number }
  | { status: "unmatched"; messageId: number; reason: string };

/** Where a received message came from: a mailbox's messages carry their key, which keeps each one once. */
export interface MailOrigin {
  source: "upload" | "smtp" | "imap";
  mailboxId?: number;
  messageKey?: string;
}

/** Keeps the message; null when one with the same key is kept already (a message synced twice). */
async function storeMessage(
  db: Db,
  organizationId: number,
  origin: MailOrigin["source"] | MailOrigin,
  raw: Uint8Array,
  facts: Partial<MessageFacts>,
  interviewId: number | null,
  reason: string,
): Promise<number | null> {
  const { source, mailboxId, messageKey } = typeof origin === "string" ? { source: origin } : origin;
  const row = await db
    .insertInto("inbound_messages")
    .values({
      organization_id: organizationId,
      received_at: new Date().toISOString(),
      source,
      sender: facts.sender ?? null,
      subject: facts.subject?.slice(0, 300) ?? null,
      sent_at: facts.sentAt ?? null,
      raw: rawToText(raw),
      status: "unmatched",
      reason,
      interview_id: interviewId,
      follow_up_id: null,
      handled_by: null,
      mailbox_id: mailboxId ?? null,
      message_key: messageKey ?? null,
    })
    .onConflict((oc) => oc.columns(["organization_id", "message_key"]).doNothing())
    .returning("id")
    .executeTakeFirst();
  if (row) return row.id;
  if (messageKey) return null;
  throw new Error("the message could not be stored");
}

/** The candidate's latest interview that started before the message was sent, by the sender's address. */
export async function interviewForSender(db: Db, organizationId: number, sender: string, sentAt: string) {
  return db
    .selectFrom("interviews as i")
    .innerJoin("applications as a", "a.id", "i.application_id")
    .innerJoin("candidates as c", "c.id", "a.candidate_id")
    .select(["i.id", "i.ends_at", "i.time_zone"])
    .where("i.organization_id", "=", organizationId)
    .where(sql<boolean>`lower(c.email) = ${sender.toLowerCase()}`)
    .where("i.starts_at", "<", sentAt)
    .orderBy("i.starts_at", "desc")
    .orderBy("i.id", "desc")
    .executeTakeFirst();
}

/**
 * An uploaded .eml: kept, matched to the sender's latest interview before its Date, and logged as a
 * follow-up by the uploader through logFollowUp. Unreadable files are refused (nothing to keep).
 */
export async function receiveUpload(db: Db, viewer: Viewer, raw: Uint8Array): Promise<ReceiveOutcome> {
  const { facts } = await readMessage(raw);
  let reason: string | null = null;
  let interview: Awaited<ReturnType<typeof interviewForSender>> | undefined;
  // Kept with the message and read later by anyone in the organization: its default zone names times.
  const zone = await getOrganizationTimeZone(db, viewer.organization_id);
  const outOfRange = facts.sentAt
    ? dateRangeProblem("The message's Date", facts.sentAt, "received", Date.now(), zone)
    : null;
  if (!facts.sender) reason = "The message has no sender address.";
  else if (!facts.sentAt) reason = "The message has no Date, so it cannot be placed after an interview.";
  else if (outOfRange)
    reason = `${outOfRange} Log it by hand on the candidate's page with the time it was sent, or discard it.`;
  else {
    interview = await interviewForSender(db, viewer.organization_id, facts.sender, facts.sentAt);
    if (!interview)
      reason = `No interview of a candidate with the address ${facts.sender} before ${facts.sentAt.slice(0, 10)}.`;
  }
  // A Date out of range is not kept as the message's date (the raw message and the reason keep it).
  const messageId = (await storeMessage(
    db,
    viewer.organization_id,
    "upload",
    raw,
    outOfRange ? { ...facts, sentAt: null } : facts,
    interview?.id ?? null,
    reason ?? "",
  ))!;
  if (reason || !interview) return { status: "unmatched", messageId, reason: reason ?? "" };
  return matchTo(db, viewer, messageId, interview.id, facts);
}

/** What every refusal of an interview id says, whether it does not exist or belongs to someone else: the answer must not tell which. */
const NO_SUCH_INTERVIEW = "That interview does not exist or is not yours to edit.";

/** Logs a stored message as the interview's follow-up (same checks as by hand); the reason stays on it if refused. */
async function matchTo(
  db: Db,
  viewer: Viewer,
  messageId: number,
  interviewId: number,
  facts: MessageFacts,
): Promise<ReceiveOutcome> {
  // Only an interview the viewer may log follow-ups to, found the way logFollowUp finds it.
  const interview = await db
    .selectFrom("interviews")
    .innerJoin("applications", "applications.id", "interviews.application_id")
    .select("interviews.id")
    .where("interviews.id", "=", interviewId)
    .where("interviews.organization_id", "=", viewer.organization_id)
    .where("applications.position_id", "in", visiblePositionIds(db, viewer))
    .executeTakeFirst();
  if (!interview || !facts.sentAt) {
    const reason = !interview ? NO_SUCH_INTERVIEW : "The message has no Date.";
    // An id that is not the viewer's is never stored.
    await db
      .updateTable("inbound_messages")
      .set({ reason, interview_id: null })
      .where("id", "=", messageId)
      .execute();
    return { status: "unmatched", messageId, reason };
  }
  const result = await logFollowUp(db, viewer, {
    interviewId,
    // The message's own Date, exactly: a wall-clock time could not tell the two 01:30s of the night the clocks go back apart.
    receivedAt: "",
    sentAt: facts.sentAt,
    channel: "email",
    sender: facts.sender,
    subject: facts.subject || null,
    body: facts.body || "(empty message)",
    headers: facts.headers,
  });
  if (!result.ok) {
    const reason = result.field === "interviewId" ? NO_SUCH_INTERVIEW : result.message;
    await db
      .updateTable("inbound_messages")
      .set({ reason, interview_id: result.field === "interviewId" ? null : interviewId })
      .where("id", "=", messageId)
      .execute();
    return { status: "unmatched", messageId, reason };
  }
  await db
    .updateTable("inbound_messages")
    .set({
      status: "matched",
      reason: null,
      interview_id: interviewId,
      follow_up_id: result.id,
      handled_by: viewer.id,
    })
    .where("id", "=", messageId)
    .execute();
  return { status: "matched", messageId, followUpId: result.id, interviewId };
}

/** A person assigns an unmatched message to an interview. */
export async function assignMessage(
  db: Db,
  viewer: Viewer,
  messageId: number,
  interviewId: number,
): Promise<ReceiveOutcome | { status: "missing" }> {
  const message = await db
    .selectFrom("inbound_messages")
    .select(["id", "raw"])
    .where("id", "=", messageId)
    .where("organization_id", "=", viewer.organization_id)
    .where("status", "=", "unmatched")
    .executeTakeFirst();
  if (!message) return { status: "missing" };
  try {
    const { facts } = await readMessage(textToRaw(message.raw));
    return await matchTo(db, viewer, messageId, interviewId, facts);
  } catch (error) {
    if (error instanceof EmlError) return { status: "unmatched", messageId, reason: error.message };
    throw error;
  }
}

export async function discardMessage(db: Db, viewer: Viewer, messageId: number): Promise<boolean> {
  const result = await db
    .updateTable("inbound_messages")
    .set({ status: "discarded", handled_by: viewer.id })
    .where("id", "=", messageId)
    .where("organization_id", "=", viewer.organization_id)
    .where("status", "=", "unmatched")
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) === 0) return false;
  await recordAudit(db, {
    organizationId: viewer.organization_id,
    userId: viewer.id,
    action: "delete",
    entity: "inbound_message",
    entityId: messageId,
    detail: { discarded: true },
  });
  return true;
}

/** Unmatched messages, newest first, for the Inbox. */
export async function listUnmatched(db: Db, viewer: Viewer) {
  return db
    .selectFrom("inbound_messages")
    .select(["id", "received_at", "source", "sender", "subject", "sent_at", "reason", "interview_id"])
    .where("organization_id", "=", viewer.organization_id)
    .where("status", "=", "unmatched")
    .orderBy("received_at", "desc")
    .orderBy("id", "desc")
    .limit(200)
    .execute();
}

/** Recent interviews to assign a message to: candidate, position and day. */
export async function listAssignableInterviews(db: Db, viewer: Viewer) {
  return db
    .selectFrom("interviews as i")
    .innerJoin("applications as a", "a.id", "i.application_id")
    .innerJoin("candidates as c", "c.id", "a.candidate_id")
    .innerJoin("positions as p", "p.id", "a.position_id")
    .select(["i.id", "i.starts_at", "i.time_zone", "c.name as candidate", "c.email", "p.title as position"])
    .where("i.organization_id", "=", viewer.organization_id)
    .orderBy("i.starts_at", "desc")
    .limit(300)
    .execute();
}

// ---------------------------------------------------------------------------------------------------
// The mail-in address: followup+<token>@domain names one interview; no signed-in person is involved,
// so the follow-up is logged with no user (logged_by null) after the same checks.

export const MAIL_TOKEN = /^followup\+([A-Za-z0-9_-]{6,64})@/i;

export async function interviewForToken(db: Db, token: string) {
  return db
    .selectFrom("interviews")
    .select(["id", "organization_id", "ends_at", "time_zone"])
    .where("mail_token", "=", token)
    .executeTakeFirst();
}

export async function receiveMail(
  db: Db,
  token: string,
  raw: Uint8Array,
): Promise<ReceiveOutcome | { status: "unknown-recipient" }> {
  const interview = await interviewForToken(db, token);
  if (!interview) return { status: "unknown-recipient" };
  let facts: MessageFacts;
  try {
    facts = (await readMessage(raw)).facts;
  } catch (error) {
    const reason = error instanceof EmlError ? error.message : "The message could not be read.";
    const messageId = (await storeMessage(
      db,
      interview.organization_id,
      "smtp",
      raw,
      {},
      interview.id,
      reason,
    ))!;
    return { status: "unmatched", messageId, reason };
  }
  const outcome = await receiveFollowUp(db, interview, raw, facts, { source: "smtp" });
  if (outcome.status === "duplicate")
    throw new Error("a mail-in message has no key, so is never a duplicate");
  return outcome;
}

export interface ReceiveFollowUpOptions extends MailOrigin {
  /** The message's time when it has no Date (a mailbox's arrival time); now when not given. */
  fallbackSentAt?: string;
  /** Kept for a person to decide, with this reason, whatever the checks say (e.g. two interviews it may follow). */
  holdReason?: string;
}

/**
 * A read message, known to be about this interview (by its mail-in address, or by its sender in a
 * watched mailbox), logged as its follow-up under the mail-in rules: sent after the interview ended,
 * not an automatic reply, dated in range; else kept in the Inbox with the reason. "duplicate": a
 * message with the same key is kept already.
 */
export async function receiveFollowUp(
  db: Db,
  interview: { id: number; organization_id: number; ends_at: string },
  raw: Uint8Array,
  facts: MessageFacts,
  options: ReceiveFollowUpOptions,
): Promise<ReceiveOutcome | { status: "duplicate" }> {
  let reason: string | null = null;
  const sentAt = facts.sentAt ?? options.fallbackSentAt ?? new Date().toISOString();
  // A Date far from now (31 Dec 9999, 1 Jan 0001) is not taken, and not replaced by the time it
  // arrived either: a forward or BCC can reach us hours or days after the candidate wrote, so the
  // arrival time would be a wrong latency logged as a right one. It waits in the Inbox with the
  // reason, where a person can log it by hand with the real time or discard it.
  // Kept with the message and read later by anyone in the organization: its default zone names times.
  const zone = await getOrganizationTimeZone(db, interview.organization_id);
  const outOfRange = dateRangeProblem("The message's Date", sentAt, "received", Date.now(), zone);
  if (outOfRange)
    reason = `${outOfRange} Log it by hand on the candidate's page with the time it was sent, or discard it.`;
  else reason = validateReceivedAt(interview.ends_at, sentAt, zone);
  const auto = autoReplyReason({ subject: facts.subject, body: facts.body, headers: facts.headers });
  if (!reason && auto) reason = `This is an automatic reply (${auto}), so it is not a follow-up.`;
  if (!reason && options.holdReason) reason = options.holdReason;
  const messageId = await storeMessage(
    db,
    interview.organization_id,
    options,
    raw,
    { ...facts, sentAt: outOfRange ? null : sentAt },
    options.holdReason ? null : interview.id,
    reason ?? "",
  );
  if (messageId === null) return { status: "duplicate" };
  if (reason) return { status: "unmatched", messageId, reason };

  const body = (facts.body || "(empty message)").slice(0, MAX_FOLLOW_UP_BODY_CHARS);
  const followUpId = await inTransaction(db, async (trx) => {
    // The same message delivered twice (a retried delivery, a second forward) is the one follow-up.
    const same = await trx
      .selectFrom("follow_ups")
      .select("id")
      .where("interview_id", "=", interview.id)
      .where("received_at", "=", sentAt)
      .where("body_hash", "=", bodyHash(body))
      .executeTakeFirst();
    if (same) {
      await trx
        .updateTable("inbound_messages")
        .set({ status: "matched", reason: null, follow_up_id: same.id })
        .where("id", "=", messageId)
        .execute();
      return same.id;
    }
    const row = await trx
      .insertInto("follow_ups")
      .values({
        organization_id: interview.organization_id,
        interview_id: interview.id,
        received_at: sentAt,
        channel: "email",
        subject: facts.subject.slice(0, 300) || null,
        body,
        body_hash: bodyHash(body),
        sender: facts.sender,
        logged_by: null,
        created_at: new Date().toISOString(),
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await queueFollowUpsReceived(trx, interview.organization_id, [row.id]);
    await recomputeInterview(trx, interview.id);
    await trx
      .updateTable("inbound_messages")
      .set({ status: "matched", reason: null, follow_up_id: row.id })
      .where("id", "=", messageId)
      .execute();
    await recordAudit(trx, {
      organizationId: interview.organization_id,
      userId: null,
      action: "create",
      entity: "follow_up",
      entityId: row.id,
      detail: { via: options.source === "imap" ? "mailbox" : "mail-in" },
    });
    return row.id;
  });
  return { status: "matched", messageId, followUpId, interviewId: interview.id };
}

// Outgoing mail. Every message is first a row of `outbox` (migration 0026), written in the same
// transaction as whatever caused it; a sender loop in the background work then claims due rows and
// hands them to the SMTP server named by SMTP_URL (nodemailer).
//
// Once, with several servers and across restarts (the claim code is app/data/claims.server.ts, shared
// with the webhooks' deliveries): a row is claimed by one UPDATE … WHERE status =
// 'queued' (the loser of two servers updates nothing), sent, then marked sent by its claimer. A server
// that stops mid-send leaves its row "sending"; after SENDING_LEASE_MS any sender puts it back in the
// queue. Only that case, a crash between the SMTP server's "250 OK" and our update, can send a message
// twice; every message carries a Message-ID of its own, so a receiver sees the second copy as the same.
// Without SMTP_URL nothing is sent: rows wait, and the outbox page says why.
import crypto from "node:crypto";
import nodemailer, { type Transporter } from "nodemailer";
import type { Db, OutboxTable } from "../../db/schema";
import {
  afterFailure,
  isPermanentSmtpFailure,
  MAX_SEND_ATTEMPTS,
  SENDING_LEASE_MS,
} from "../core/mail-schedule";
import { claimDueRows, countByStatus, releaseAbandonedRows } from "./claims.server";
import { SERVER_ID } from "./jobs.server";

export type MailKind = OutboxTable["kind"];

export type MailAttachment = { filename: string; contentType: string; base64: string; cid?: string };

export type NewMail = {
  organizationId: number | null;
  kind: MailKind;
  to: string;
  subject: string;
  text: string;
  html?: string | null;
  headers?: Record<string, string>;
  /** `cid`: an inline part (a logo) the HTML shows with src="cid:…", rather than a file to open. */
  attachments?: MailAttachment[];
  /** When set, a second message with the same key is not queued. */
  dedupeKey?: string | null;
  /** Not sent before this moment (default: at once). */
  notBefore?: Date;
};

/** SMTP_URL (smtp://user:pass@host:587, smtps://… for TLS from the start), or null: mail is not configured. */
export function smtpUrl(): string | null {
  return process.env.SMTP_URL?.trim() || null;
}

/** The From of every message: MAIL_FROM, else a no-reply address at APP_URL's host. */
export function mailFrom(): string {
  const given = process.env.MAIL_FROM?.trim();
  if (given) return given;
  let host = "localhost";
  try {
    host = new URL(appUrl()).hostname;
  } catch {
    // APP_URL malformed: the default host.
  }
  // localhost or an IP address is no mail domain.
  const domain = /^[\d.]+$|:|^localhost$/.test(host) || !host.includes(".") ? "followthrough.invalid" : host;
  return `Followthrough <no-reply@${domain}>`;
}

/** Where links in mail point: APP_URL, else this server's own address. */
export function appUrl(): string {
  const given = process.env.APP_URL?.trim();
  if (given) return given.replace(/\/+$/, "");
  return `http://${process.env.HOST ?? "localhost"}:${process.env.PORT ?? 3000}`;
}

/**
 * The start of links in mail written during a request: APP_URL when set, else the request's own origin.
 * Set APP_URL in production: a request's Host header is the client's to choose, and a reset link must
 * never point elsewhere.
 */
export function mailLinkBase(requestUrl: string): string {
  return process.env.APP_URL?.trim() ? appUrl() : new URL(requestUrl).origin;
}

/** The dedupe key of the note about follow-up `followUpId` to user `userId` (one each). */
export const followUpNoteKey = (followUpId: number, userId: number) => `follow-up:${followUpId}:${userId}`;
/** What every note about follow-up `followUpId` has its dedupe key start with. */
export const followUpNoteKeyPrefix = (followUpId: number) => `follow-up:${followUpId}:`;

/**
 * Queues one message; returns its id, or null when its dedupe key was queued before. Pass a
 * transaction to queue it with the write that caused it.
 */
export async function queueMail(db: Db, mail: NewMail, now = new Date()): Promise<number | null> {
  const row = await db
    .insertInto("outbox")
    .values({
      organization_id: mail.organizationId,
      kind: mail.kind,
      to_address: mail.to,
      subject: mail.subject,
      text_body: mail.text,
      html_body: mail.html ?? null,
      headers: mail.headers ? JSON.stringify(mail.headers) : null,
      attachments: mail.attachments?.length ? JSON.stringify(mail.attachments) : null,
      dedupe_key: mail.dedupeKey ?? null,
      status: "queued",
      next_attempt_at: (mail.notBefore ?? now).toISOString(),
      created_at: now.toISOString(),
    })
    .onConflict((oc) => oc.column("dedupe_key").doNothing())
    .returning("id")
    .executeTakeFirst();
  return row?.id ?? null;
}

/** Rows left "sending" by a sender that stopped are queued again (their attempt counted). */
export function releaseAbandoned(db: Db, now = new Date()): Promise<number> {
  return releaseAbandonedRows(db, "outbox", SENDING_LEASE_MS, now);
}

/** Claims up to `limit` due messages for `owner` (app/data/claims.server.ts); returns the claimed rows. */
export async function claimDue(db: Db, owner: string, now = new Date(), limit = 20) {
  const claim = await claimDueRows(db, "outbox", owner, now, limit);
  return db
    .selectFrom("outbox")
    .selectAll()
    .where("claimed_by", "=", claim)
    .where("status", "=", "sending")
    .orderBy("id")
    .execute();
}

export type SendResult = { sent: number; retried: number; failed: number };

/** What sends one message: nodemailer's transport in the app, anything with sendMail in a test. */
export type MailTransport = Pick<Transporter, "sendMail">;

let sharedTransport: { url: string; transport: Transporter } | null = null;
/** One pooled transport per SMTP_URL. */
export function transportFor(url: string): Transporter {
  if (sharedTransport?.url !== url) {
    sharedTransport?.transport.close();
    sharedTransport = { url, transport: nodemailer.createTransport(url) };
  }
  return sharedTransport.transport;
}

function messageIdFor(id: number): string {
  let host = "followthrough.invalid";
  const from = mailFrom().match(/@([^>\s]+)/);
  if (from) host = from[1]!;
  return `<outbox-${id}-${crypto.randomBytes(6).toString("hex")}@${host}>`;
}

/**
 * One pass of the sender: queue again what stopped senders left, claim what is due, send it, and
 * record each outcome on the row (only while this sender still holds it).
 */
export async function sendDueMail(
  db: Db,
  transport: MailTransport,
  { owner = SERVER_ID, now = new Date(), limit = 20 }: { owner?: string; now?: Date; limit?: number } = {},
): Promise<SendResult> {
  await releaseAbandoned(db, now);
  const rows = await claimDue(db, owner, now, limit);
  const result: SendResult = { sent: 0, retried: 0, failed: 0 };
  for (const row of rows) {
    const messageId = row.message_id ?? messageIdFor(row.id);
    // Kept before sending: a message sent twice after a crash carries the same Message-ID.
    await db.updateTable("outbox").set({ message_id: messageId }).where("id", "=", row.id).execute();
    try {
      const attachments = row.attachments
        ? (JSON.parse(row.attachments) as MailAttachment[]).map((a) => ({
            filename: a.filename,
            contentType: a.contentType,
            content: Buffer.from(a.base64, "base64"),
            ...(a.cid ? { cid: a.cid, contentDisposition: "inline" as const } : {}),
          }))
        : undefined;
      await transport.sendMail({
        from: mailFrom(),
        to: row.to_address,
        subject: row.subject,
        text: row.text_body,
        html: row.html_body ?? undefined,
        headers: row.headers ? (JSON.parse(row.headers) as Record<string, string>) : undefined,
        attachments,
        messageId,
      });
      await db
        .updateTable("outbox")
        .set({ status: "sent", sent_at: new Date().toISOString(), last_error: null })
        .where("id", "=", row.id)
        .where("claimed_by", "=", row.claimed_by)
        .execute();
      result.sent++;
      console.log(`mail ${row.id} (${row.kind}) sent`);
    } catch (error) {
      const code = (error as { responseCode?: number }).responseCode;
      const message = (error instanceof Error ? error.message : String(error)).split("\n")[0]!.slice(0, 500);
      const next = afterFailure(row.attempts, isPermanentSmtpFailure(code), now);
      await db
        .updateTable("outbox")
        .set(
          next.status === "queued"
            ? { status: "queued", next_attempt_at: next.nextAttemptAt, claimed_by: null, last_error: message }
            : { status: "failed", claimed_by: null, last_error: message },
        )
        .where("id", "=", row.id)
        .where("claimed_by", "=", row.claimed_by)
        .execute();
      if (next.status === "queued") result.retried++;
      else result.failed++;
      console.error(`mail ${row.id} (${row.kind}) attempt ${row.attempts} failed: ${message}`);
    }
  }
  return result;
}

/** The organization's outbox, newest first, for the admin page. */
export async function listOutbox(db: Db, organizationId: number, status: OutboxTable["status"] | null) {
  let query = db
    .selectFrom("outbox")
    .select([
      "id",
      "kind",
      "to_address",
      "subject",
      "status",
      "attempts",
      "next_attempt_at",
      "last_error",
      "sent_at",
      "created_at",
    ])
    .where("organization_id", "=", organizationId);
  if (status) query = query.where("status", "=", status);
  return query.orderBy("id", "desc").limit(200).execute();
}

/** How many of the organization's messages are in each status. */
export function countOutbox(db: Db, organizationId: number) {
  return countByStatus(db, "outbox", organizationId);
}

/** A failed message queued again with fresh attempts; false when it is not the organization's or not failed. */
export async function retryMail(
  db: Db,
  organizationId: number,
  id: number,
  now = new Date(),
): Promise<boolean> {
  const result = await db
    .updateTable("outbox")
    .set({ status: "queued", attempts: 0, next_attempt_at: now.toISOString(), claimed_by: null })
    .where("id", "=", id)
    .where("organization_id", "=", organizationId)
    .where("status", "=", "failed")
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export { MAX_SEND_ATTEMPTS };

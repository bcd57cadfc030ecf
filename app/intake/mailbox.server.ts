// A watched mailbox's messages, one at a time: a message from a candidate's address after one of their
// interviews becomes that interview's follow-up under the mail-in rules (receiveFollowUp: sent after
// the interview ended, not an automatic reply; else the Inbox, with the reason). A message that could
// follow interviews of two applications goes to the Inbox for a person to choose. Messages from anyone
// else are read no further than their envelope, and nothing of them is kept.
//
// Also the connection test the settings page and the command line run before saving a mailbox.
import crypto from "node:crypto";
import { sql } from "kysely";
import { ImapFlow, type ImapFlowOptions } from "imapflow";
import type { Db } from "../../db/schema";
import { bodyHash } from "../data/body-hash.server";
import type { MailboxSettings } from "../data/mailboxes.server";
import { getOrganizationSettings } from "../data/organizations.server";
import { EmlError } from "./eml.server";
import {
  interviewForSender,
  readMessage,
  receiveFollowUp,
  type MessageFacts,
  type ReceiveOutcome,
} from "./inbound.server";

/** How a mailbox is reached: TLS from the start, or plain (upgraded with STARTTLS when offered). */
export function imapOptions(
  settings: MailboxSettings,
  extra: Partial<ImapFlowOptions> = {},
): ImapFlowOptions {
  return {
    host: settings.host,
    port: settings.port,
    secure: settings.tls,
    auth:
      settings.auth === "xoauth2"
        ? { user: settings.username, accessToken: settings.secret }
        : { user: settings.username, pass: settings.secret },
    logger: false,
    clientInfo: { name: "Followthrough" },
    ...extra,
  };
}

export type ConnectionField = "host" | "port" | "tls" | "username" | "secret";

/** What went wrong reaching a mailbox, said for a person, and the field it is about. */
export function connectionProblem(
  error: unknown,
  settings: Pick<MailboxSettings, "host" | "port" | "tls" | "auth">,
): { field: ConnectionField; message: string } {
  const e = (error ?? {}) as {
    code?: string;
    message?: string;
    authenticationFailed?: boolean;
    serverResponseCode?: string;
    responseText?: string;
  };
  const where = `${settings.host} port ${settings.port}`;
  if (e.authenticationFailed || e.serverResponseCode === "AUTHENTICATIONFAILED") {
    return {
      field: "secret",
      message:
        settings.auth === "xoauth2"
          ? `The server refused this user and access token${e.responseText ? ` (${e.responseText})` : ""}. Tokens expire after about an hour: get a new one.`
          : `The server refused this user and password${e.responseText ? ` (${e.responseText})` : ""}. Gmail and Microsoft 365 need an app password (or an OAuth2 token), not the account's password.`,
    };
  }
  switch (e.code) {
    case "ENOTFOUND":
    case "EAI_AGAIN":
      return { field: "host", message: `No server called ${settings.host} was found.` };
    case "ECONNREFUSED":
      return {
        field: "port",
        message: `Nothing answers on ${where}: check the port (993 with TLS, 143 without).`,
      };
    case "ETIMEDOUT":
    case "CONNECT_TIMEOUT":
    case "GREETING_TIMEOUT":
    case "ETIMEOUT":
      return {
        field: settings.tls ? "port" : "tls",
        message: `${where} did not answer in time${settings.tls ? "" : ": if the port expects TLS (993), turn TLS on"}.`,
      };
    case "ClosedAfterConnectText":
    case "ClosedAfterConnectTLS":
    case "ECONNRESET":
    case "EPROTO":
      return {
        field: "tls",
        message: `${where} closed the connection at once: ${settings.tls ? "it may not speak TLS on this port (try TLS off, port 143)" : "it may expect TLS on this port (try TLS on, port 993)"}.`,
      };
  }
  const message = e.message ?? String(error);
  if (/ssl|tls|certificate|wrong version/i.test(message))
    return { field: "tls", message: `The TLS connection to ${where} failed: ${message}` };
  return { field: "host", message: `Could not reach the mailbox at ${where}: ${message}` };
}

/** Signs in and opens INBOX, then signs out: what a mailbox must allow before it is saved. */
export async function testMailboxConnection(
  settings: MailboxSettings,
  timeoutMs = 15_000,
): Promise<{ ok: true } | { ok: false; field: ConnectionField; message: string }> {
  const client = new ImapFlow(
    imapOptions(settings, {
      connectionTimeout: timeoutMs,
      greetingTimeout: timeoutMs,
      socketTimeout: timeoutMs * 2,
      disableAutoIdle: true,
    }),
  );
  // A failed connection also emits "error": answered by the rejected promise below.
  client.on("error", () => undefined);
  try {
    await client.connect();
    await client.mailboxOpen("INBOX", { readOnly: true });
    await client.logout();
    return { ok: true };
  } catch (error) {
    client.close();
    return { ok: false, ...connectionProblem(error, settings) };
  }
}

/** What keeps a message once: its Message-ID, else a hash of who sent it, when, and what it says. */
export function messageKey(
  messageId: string | null | undefined,
  facts: Pick<MessageFacts, "sender" | "sentAt" | "body">,
) {
  const id = messageId?.trim().replace(/^<|>$/g, "").toLowerCase();
  if (id) return `id:${id.slice(0, 300)}`;
  return `hash:${crypto
    .createHash("sha256")
    .update(`${facts.sender ?? ""}\n${facts.sentAt ?? ""}\n${bodyHash(facts.body)}`)
    .digest("hex")}`;
}

/**
 * The positions of this address's applications whose follow-up window was open when the message was
 * sent (an interview of theirs had ended, within the organization's last window): with two or more,
 * which one it follows is a person's call.
 */
async function openApplications(db: Db, organizationId: number, sender: string, sentAt: string) {
  const settings = await getOrganizationSettings(db, organizationId);
  const lastWindowMinutes = Math.max(...Object.values(settings.windows));
  const since = new Date(Date.parse(sentAt) - lastWindowMinutes * 60_000).toISOString();
  return db
    .selectFrom("interviews as i")
    .innerJoin("applications as a", "a.id", "i.application_id")
    .innerJoin("candidates as c", "c.id", "a.candidate_id")
    .innerJoin("positions as p", "p.id", "a.position_id")
    .select(["a.id", "p.title"])
    .where("i.organization_id", "=", organizationId)
    .where("c.organization_id", "=", organizationId)
    .where(sql<boolean>`lower(c.email) = ${sender.toLowerCase()}`)
    .where("i.ends_at", "<=", sentAt)
    .where("i.ends_at", ">=", since)
    .groupBy(["a.id", "p.title"])
    .execute();
}

export type MailboxOutcome =
  | ReceiveOutcome
  | { status: "duplicate" }
  /** Not a candidate's message after an interview (or unreadable): nothing of it is kept. */
  | { status: "skipped"; reason: string };

/** One message of a watched mailbox, given whole; `arrivedAt` (the server's INTERNALDATE) dates it when it has no Date. */
export async function receiveMailboxMessage(
  db: Db,
  mailbox: { id: number; organization_id: number },
  raw: Uint8Array,
  arrivedAt: string,
): Promise<MailboxOutcome> {
  let read: Awaited<ReturnType<typeof readMessage>>;
  try {
    read = await readMessage(raw);
  } catch (error) {
    if (error instanceof EmlError) return { status: "skipped", reason: error.message };
    throw error;
  }
  const { facts, parsed } = read;
  if (!facts.sender) return { status: "skipped", reason: "no sender address" };
  const sentAt = facts.sentAt ?? arrivedAt;
  const interview = await interviewForSender(db, mailbox.organization_id, facts.sender, sentAt);
  if (!interview) return { status: "skipped", reason: "not from a candidate after one of their interviews" };
  const open = await openApplications(db, mailbox.organization_id, facts.sender, sentAt);
  const holdReason =
    open.length > 1
      ? `Sent while the follow-up windows of ${open.length} applications were open (${open
          .map((a) => a.title)
          .join(", ")}): assign it to the interview it follows.`
      : undefined;
  return receiveFollowUp(
    db,
    { id: interview.id, organization_id: mailbox.organization_id, ends_at: interview.ends_at },
    raw,
    facts,
    {
      source: "imap",
      mailboxId: mailbox.id,
      messageKey: messageKey(parsed.headers["message-id"], { ...facts, sentAt }),
      fallbackSentAt: arrivedAt,
      holdReason,
    },
  );
}

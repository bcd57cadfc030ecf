// Mailboxes watched over IMAP (migration 0027): connecting and disconnecting one, its status, and the
// lease by which one server at a time watches it. The watcher itself is app/intake/mailbox-watcher.server.ts.
import { sql, type Kysely } from "kysely";
import type { Database, Db, Mailbox } from "../../db/schema";
import { recordAudit } from "./audit.server";
import { openSecret, sealSecret } from "./secret-box.server";

/** The purpose a mailbox secret is sealed for (bound into its encryption). */
const SECRET_PURPOSE = "followthrough mailbox secret";

export function sealMailboxSecret(secret: string): string {
  return sealSecret(secret, SECRET_PURPOSE);
}

export type MailboxAuth = Mailbox["auth"];

/** What connecting a mailbox needs; the secret is plain here and sealed before it is stored. */
export interface MailboxSettings {
  host: string;
  port: number;
  tls: boolean;
  username: string;
  auth: MailboxAuth;
  secret: string;
}

/** A mailbox as the watcher reaches it: with its secret opened. */
export type WatchedMailbox = Omit<Mailbox, "secret" | "last_uid"> & { last_uid: number; secret: string };

export async function connectMailbox(
  db: Db,
  organizationId: number,
  userId: number | null,
  settings: MailboxSettings,
): Promise<Mailbox> {
  const row = await db
    .insertInto("mailboxes")
    .values({
      organization_id: organizationId,
      created_by: userId,
      host: settings.host,
      port: settings.port,
      tls: settings.tls ? 1 : 0,
      username: settings.username,
      auth: settings.auth,
      secret: sealMailboxSecret(settings.secret),
      created_at: new Date().toISOString(),
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  await recordAudit(db, {
    organizationId,
    userId,
    action: "create",
    entity: "mailbox",
    entityId: row.id,
    detail: { mailbox: `${settings.username} on ${settings.host}` },
  });
  return row;
}

/** Removes the mailbox (its watcher lets go at its next beat); false when it is not the organization's. */
export async function disconnectMailbox(
  db: Db,
  organizationId: number | null,
  mailboxId: number,
  userId: number | null,
): Promise<boolean> {
  const row = await db
    .selectFrom("mailboxes")
    .select(["id", "organization_id", "username", "host"])
    .where("id", "=", mailboxId)
    .$if(organizationId !== null, (q) => q.where("organization_id", "=", organizationId!))
    .executeTakeFirst();
  if (!row) return false;
  await db.deleteFrom("mailboxes").where("id", "=", row.id).execute();
  await recordAudit(db, {
    organizationId: row.organization_id,
    userId,
    action: "delete",
    entity: "mailbox",
    entityId: row.id,
    detail: { mailbox: `${row.username} on ${row.host}` },
  });
  return true;
}

/** The lease: a watcher that has not beaten for this long has stopped, and another server may take over. */
export const MAILBOX_LEASE_MS = 60_000;

export interface MailboxStatus {
  id: number;
  organizationId: number;
  host: string;
  port: number;
  tls: boolean;
  username: string;
  auth: MailboxAuth;
  createdAt: string;
  /** A server watches it and is connected now. */
  connected: boolean;
  connectedAt: string | null;
  lastMessageAt: string | null;
  lastSyncAt: string | null;
  lastError: string | null;
  lastErrorAt: string | null;
  /** Messages from it logged as follow-ups, and kept in the Inbox for a person to decide. */
  followUps: number;
  inInbox: number;
}

function statusOf(
  row: Omit<Mailbox, "secret" | "owner" | "uid_validity" | "last_uid">,
  counts: Map<number, { followUps: number; inInbox: number }>,
  now: Date,
  leaseMs: number,
): MailboxStatus {
  const alive = row.heartbeat_at !== null && Date.parse(row.heartbeat_at) > now.getTime() - leaseMs;
  return {
    id: row.id,
    organizationId: row.organization_id,
    host: row.host,
    port: row.port,
    tls: row.tls === 1,
    username: row.username,
    auth: row.auth,
    createdAt: row.created_at,
    connected: alive && row.connected_at !== null,
    connectedAt: alive ? row.connected_at : null,
    lastMessageAt: row.last_message_at,
    lastSyncAt: row.last_sync_at,
    lastError: row.last_error,
    lastErrorAt: row.last_error_at,
    followUps: counts.get(row.id)?.followUps ?? 0,
    inInbox: counts.get(row.id)?.inInbox ?? 0,
  };
}

/** Every mailbox of the organization (or of all, for the command line), with its status; never its secret. */
export async function listMailboxes(
  db: Db,
  organizationId: number | null,
  now = new Date(),
  leaseMs = MAILBOX_LEASE_MS,
): Promise<MailboxStatus[]> {
  const rows = await db
    .selectFrom("mailboxes")
    .select([
      "id",
      "organization_id",
      "created_by",
      "host",
      "port",
      "tls",
      "username",
      "auth",
      "created_at",
      "last_message_at",
      "last_sync_at",
      "connected_at",
      "last_error",
      "last_error_at",
      "heartbeat_at",
    ])
    .$if(organizationId !== null, (q) => q.where("organization_id", "=", organizationId!))
    .orderBy("id")
    .execute();
  const counts = new Map<number, { followUps: number; inInbox: number }>();
  if (rows.length) {
    const tallies = await db
      .selectFrom("inbound_messages")
      .select(["mailbox_id", "status", (eb) => eb.fn.countAll<number | string>().as("n")])
      .where(
        "mailbox_id",
        "in",
        rows.map((r) => r.id),
      )
      .where("status", "in", ["matched", "unmatched"])
      .groupBy(["mailbox_id", "status"])
      .execute();
    for (const t of tallies) {
      const entry = counts.get(t.mailbox_id!) ?? { followUps: 0, inInbox: 0 };
      if (t.status === "matched") entry.followUps = Number(t.n);
      else entry.inInbox = Number(t.n);
      counts.set(t.mailbox_id!, entry);
    }
  }
  return rows.map((row) => statusOf(row, counts, now, leaseMs));
}

/** The mailbox with its secret opened, for the watcher; null when it was disconnected. */
export async function mailboxForWatcher(db: Db, mailboxId: number): Promise<WatchedMailbox | null> {
  const row = await db.selectFrom("mailboxes").selectAll().where("id", "=", mailboxId).executeTakeFirst();
  if (!row) return null;
  return { ...row, last_uid: Number(row.last_uid), secret: openSecret(row.secret, SECRET_PURPOSE) };
}

/**
 * Claims the mailboxes no live server watches (none ever did, its lease ran out, or `owner` held it
 * before a restart) for `owner`, one compare-and-set each: of two servers looking at once, one wins.
 * Returns the ids claimed now.
 */
export async function claimMailboxes(
  db: Kysely<Database>,
  owner: string,
  now = new Date(),
  leaseMs = MAILBOX_LEASE_MS,
): Promise<number[]> {
  const dead = new Date(now.getTime() - leaseMs).toISOString();
  const free = await db
    .selectFrom("mailboxes")
    .select(["id", "owner", "heartbeat_at"])
    .where((eb) =>
      eb.or([eb("owner", "is", null), eb("heartbeat_at", "is", null), eb("heartbeat_at", "<=", dead)]),
    )
    .execute();
  const claimed: number[] = [];
  for (const row of free) {
    const result = await db
      .updateTable("mailboxes")
      .set({ owner, heartbeat_at: now.toISOString(), connected_at: null })
      .where("id", "=", row.id)
      .where((eb) => (row.owner === null ? eb("owner", "is", null) : eb("owner", "=", row.owner)))
      .where((eb) =>
        row.heartbeat_at === null
          ? eb("heartbeat_at", "is", null)
          : eb("heartbeat_at", "=", row.heartbeat_at),
      )
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) === 1) claimed.push(row.id);
  }
  return claimed;
}

/** Moves the lease on; false when the mailbox is gone or another server holds it now. */
export async function beatMailbox(
  db: Db,
  mailboxId: number,
  owner: string,
  now = new Date(),
): Promise<boolean> {
  const result = await db
    .updateTable("mailboxes")
    .set({ heartbeat_at: now.toISOString() })
    .where("id", "=", mailboxId)
    .where("owner", "=", owner)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Lets the mailbox go (a stopping server), so that another may take it at once. */
export async function releaseMailbox(db: Db, mailboxId: number, owner: string): Promise<void> {
  await db
    .updateTable("mailboxes")
    .set({ owner: null, heartbeat_at: null, connected_at: null })
    .where("id", "=", mailboxId)
    .where("owner", "=", owner)
    .execute();
}

/** Where the sync stands, written only while `owner` holds the mailbox; false when it no longer does. */
export async function saveMailboxProgress(
  db: Db,
  mailboxId: number,
  owner: string,
  progress: { uidValidity: string; lastUid: number; lastMessageAt?: string | null },
  now = new Date(),
): Promise<boolean> {
  const result = await db
    .updateTable("mailboxes")
    .set({
      uid_validity: progress.uidValidity,
      last_uid: progress.lastUid,
      ...(progress.lastMessageAt ? { last_message_at: progress.lastMessageAt } : {}),
      last_sync_at: now.toISOString(),
      heartbeat_at: now.toISOString(),
    })
    .where("id", "=", mailboxId)
    .where("owner", "=", owner)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Connected (since now), disconnected, or an error, as the settings page shows it. */
export async function recordMailboxState(
  db: Db,
  mailboxId: number,
  owner: string,
  state: { connected: true } | { connected: false; error?: string },
  now = new Date(),
): Promise<void> {
  await db
    .updateTable("mailboxes")
    .set(
      state.connected
        ? // The last error stays, with its time, beside "connected since": a connection that keeps dropping shows.
          { connected_at: now.toISOString() }
        : {
            connected_at: null,
            ...(state.error
              ? { last_error: state.error.slice(0, 500), last_error_at: now.toISOString() }
              : {}),
          },
    )
    .where("id", "=", mailboxId)
    .where("owner", "=", owner)
    .execute();
}

/**
 * Of these senders (lower-cased), those who are a candidate of the organization with an interview that
 * started before `before`: only their messages are read further, and nothing is kept of the others.
 */
export async function sendersWithInterviews(
  db: Db,
  organizationId: number,
  senders: string[],
): Promise<Map<string, string>> {
  const found = new Map<string, string>();
  if (senders.length === 0) return found;
  const rows = await db
    .selectFrom("interviews as i")
    .innerJoin("applications as a", "a.id", "i.application_id")
    .innerJoin("candidates as c", "c.id", "a.candidate_id")
    .select([sql<string>`lower(c.email)`.as("email"), (eb) => eb.fn.min("i.starts_at").as("first")])
    .where("i.organization_id", "=", organizationId)
    .where("c.organization_id", "=", organizationId)
    .where(sql<string>`lower(c.email)`, "in", senders)
    .groupBy(sql`lower(c.email)`)
    .execute();
  for (const row of rows) found.set(row.email, row.first as string);
  return found;
}

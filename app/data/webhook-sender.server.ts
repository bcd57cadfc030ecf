// Sending outgoing webhooks (issue 22, item 4): the deliveries queued by webhooks.server.ts, POSTed.
//
// The sender claims due rows with the mail outbox's claim code (claims.server.ts), so several servers
// and restarts send each row once; only a server stopping between the receiver's answer and our update
// sends one twice (after WEBHOOK_LEASE_MS), with the same event id, by which receivers deduplicate.
// Each POST is signed Stripe-style: `Followthrough-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of
// "t.body">` (a second v1 during a day after the secret was rotated). A 2xx answer within 10 s is
// delivered; anything else is tried again with backoff (app/core/webhooks.ts WEBHOOK_RETRIES).
// Deliveries of a disabled endpoint wait, unclaimed, until it is enabled again.
//
// Server-side request forgery: a delivery is refused (failed at once, saying why) when its host is,
// or resolves to, a loopback, private or link-local address, checked on the addresses the socket
// connects to (so a name that resolves differently later gains nothing), unless
// WEBHOOKS_ALLOW_PRIVATE=1. Redirects are not followed.
import crypto from "node:crypto";
import dns from "node:dns";
import http from "node:http";
import https from "node:https";
import type { LookupFunction } from "node:net";
import { sql, type Kysely } from "kysely";
import type { Database, Db } from "../../db/schema";
import { afterFailure } from "../core/mail-schedule";
import {
  isIpLiteral,
  isPrivateAddress,
  responseExcerpt,
  WEBHOOK_KEEP_DAYS,
  WEBHOOK_LEASE_MS,
  WEBHOOK_RETRIES,
  WEBHOOK_TIMEOUT_MS,
} from "../core/webhooks";
import { claimDueRows, releaseAbandonedRows } from "./claims.server";
import { SERVER_ID } from "./jobs.server";
import { allowPrivateDestinations, openWebhookSecret } from "./webhooks.server";

/** `t=<unix seconds>,v1=<hex>` with one v1 per secret: HMAC-SHA256 of `${t}.${body}`. */
export function signatureHeader(body: string, secrets: readonly string[], at: Date): string {
  const t = Math.floor(at.getTime() / 1000);
  const signatures = secrets.map(
    (secret) => `v1=${crypto.createHmac("sha256", secret).update(`${t}.${body}`).digest("hex")}`,
  );
  return [`t=${t}`, ...signatures].join(",");
}

/** A destination refused as private: failing again would give the same answer. */
class RefusedDestination extends Error {}

/** dns.lookup, refusing private addresses: the check is on the addresses the socket connects to. */
function guardedLookup(allowPrivate: boolean): LookupFunction {
  return (hostname, options, callback) => {
    dns.lookup(hostname, { ...options, all: true }, (error, addresses) => {
      if (error) return callback(error, "", 0);
      const list = addresses as unknown as dns.LookupAddress[];
      const refused = allowPrivate ? undefined : list.find((a) => isPrivateAddress(a.address));
      if (refused)
        return callback(
          new RefusedDestination(
            `${hostname} resolves to a private address (${refused.address}); refused (WEBHOOKS_ALLOW_PRIVATE=1 allows it)`,
          ),
          "",
          0,
        );
      if (list.length === 0) return callback(new Error(`${hostname} has no address`), "", 0);
      if (options.all) return (callback as unknown as (e: null, a: dns.LookupAddress[]) => void)(null, list);
      callback(null, list[0]!.address, list[0]!.family);
    });
  };
}

export type PostResult = { status: number; excerpt: string | null };

/** What POSTs one delivery: http(s) in the app; anything of this shape in a test. */
export type PostWebhook = (url: string, headers: Record<string, string>, body: string) => Promise<PostResult>;

/** POSTs a body with a 10 s deadline for the whole exchange; reads at most 4 KB of the answer. */
export const postWebhook: PostWebhook = (target, headers, body) => {
  const allowPrivate = allowPrivateDestinations();
  const url = new URL(target);
  const host = url.hostname.replace(/^\[|\]$/g, "");
  if (!allowPrivate && isIpLiteral(host) && isPrivateAddress(host))
    return Promise.reject(
      new RefusedDestination(`${host} is a private address; refused (WEBHOOKS_ALLOW_PRIVATE=1 allows it)`),
    );
  return new Promise((resolve, reject) => {
    const request = (url.protocol === "https:" ? https : http).request(url, {
      method: "POST",
      headers: { ...headers, "Content-Length": String(Buffer.byteLength(body)) },
      lookup: guardedLookup(allowPrivate),
      agent: false,
    });
    const deadline = setTimeout(
      () => request.destroy(new Error(`no answer within ${WEBHOOK_TIMEOUT_MS / 1000} s`)),
      WEBHOOK_TIMEOUT_MS,
    );
    request.on("error", (error) => {
      clearTimeout(deadline);
      reject(error);
    });
    request.on("response", (response) => {
      const chunks: Buffer[] = [];
      let size = 0;
      const done = () => {
        clearTimeout(deadline);
        resolve({
          status: response.statusCode ?? 0,
          excerpt: responseExcerpt(Buffer.concat(chunks).toString("utf8")),
        });
      };
      response.on("data", (chunk: Buffer) => {
        if (size >= 4096) return;
        chunks.push(chunk);
        size += chunk.length;
        if (size >= 4096) {
          response.destroy();
          done();
        }
      });
      response.on("end", done);
      response.on("error", (error) => {
        clearTimeout(deadline);
        reject(error);
      });
    });
    request.end(body);
  });
};

export type WebhookSendResult = { sent: number; retried: number; failed: number };

/** The endpoint's secrets that sign now: its own, and the previous one during its grace period. */
function signingSecrets(
  row: { secret: string; previous_secret: string | null; previous_secret_expires_at: string | null },
  now: Date,
): string[] {
  const secrets = [openWebhookSecret(row.secret)];
  if (
    row.previous_secret &&
    row.previous_secret_expires_at &&
    row.previous_secret_expires_at > now.toISOString()
  )
    secrets.push(openWebhookSecret(row.previous_secret));
  return secrets;
}

/**
 * One pass of the sender: queue again what stopped senders left, claim due deliveries of enabled
 * endpoints, POST them side by side, and record each answer on its row (only while this sender still
 * holds it).
 */
export async function sendDueWebhooks(
  db: Db,
  {
    owner = SERVER_ID,
    now = new Date(),
    limit = 20,
    post = postWebhook,
  }: { owner?: string; now?: Date; limit?: number; post?: PostWebhook } = {},
): Promise<WebhookSendResult> {
  await releaseAbandonedRows(db, "webhook_deliveries", WEBHOOK_LEASE_MS, now);
  const claim = await claimDueRows(
    db,
    "webhook_deliveries",
    owner,
    now,
    limit,
    sql<boolean>`endpoint_id in (select id from webhook_endpoints where enabled = 1)`,
  );
  const rows = await db
    .selectFrom("webhook_deliveries as d")
    .innerJoin("webhook_endpoints as e", "e.id", "d.endpoint_id")
    .select([
      "d.id",
      "d.event_id",
      "d.event_type",
      "d.body",
      "d.attempts",
      "d.claimed_by",
      "e.url",
      "e.secret",
      "e.previous_secret",
      "e.previous_secret_expires_at",
    ])
    .where("d.claimed_by", "=", claim)
    .where("d.status", "=", "sending")
    .orderBy("d.id")
    .execute();
  const result: WebhookSendResult = { sent: 0, retried: 0, failed: 0 };
  await Promise.all(
    rows.map(async (row) => {
      const mine = db
        .updateTable("webhook_deliveries")
        .where("id", "=", row.id)
        .where("claimed_by", "=", row.claimed_by);
      let answer: PostResult | null = null;
      let error: string | null = null;
      let permanent = false;
      try {
        answer = await post(
          row.url,
          {
            "Content-Type": "application/json",
            "User-Agent": "Followthrough-Webhooks/1",
            "Followthrough-Event-Id": row.event_id,
            "Followthrough-Event-Type": row.event_type,
            "Followthrough-Signature": signatureHeader(row.body, signingSecrets(row, now), now),
          },
          row.body,
        );
        if (answer.status < 200 || answer.status > 299) error = `answered ${answer.status}`;
      } catch (e) {
        error = (e instanceof Error ? e.message : String(e)).split("\n")[0]!.slice(0, 300);
        permanent = e instanceof RefusedDestination;
      }
      const response = { response_status: answer?.status ?? null, response_excerpt: answer?.excerpt ?? null };
      if (error === null) {
        await mine
          .set({ status: "sent", sent_at: new Date().toISOString(), last_error: null, ...response })
          .execute();
        result.sent++;
        return;
      }
      const next = afterFailure(row.attempts, permanent, now, WEBHOOK_RETRIES);
      await mine
        .set(
          next.status === "queued"
            ? {
                status: "queued",
                next_attempt_at: next.nextAttemptAt,
                claimed_by: null,
                last_error: error,
                ...response,
              }
            : { status: "failed", claimed_by: null, last_error: error, ...response },
        )
        .execute();
      if (next.status === "queued") result.retried++;
      else result.failed++;
      console.error(`webhook ${row.id} (${row.event_type}) attempt ${row.attempts} failed: ${error}`);
    }),
  );
  return result;
}

/**
 * Deletes the sent and failed deliveries queued more than WEBHOOK_KEEP_DAYS ago (queued ones stay until
 * they are sent or given up), so that the table holds a month of history, not every event ever.
 * Returns how many went.
 */
export async function pruneWebhookDeliveries(db: Db, now = new Date()): Promise<number> {
  const before = new Date(now.getTime() - WEBHOOK_KEEP_DAYS * 86_400_000).toISOString();
  const deleted = await db
    .deleteFrom("webhook_deliveries")
    .where("status", "in", ["sent", "failed"])
    .where("created_at", "<", before)
    .executeTakeFirst();
  return Number(deleted.numDeletedRows);
}

const SEND_EVERY_MS = 5_000;
const PRUNE_EVERY_MS = 3_600_000;

/**
 * Sends due deliveries now and every few seconds, and deletes old ones hourly, in the one process that
 * runs the background work.
 */
export function startWebhookWork(db: Kysely<Database>): () => void {
  let sending = false;
  const send = () => {
    if (sending) return;
    sending = true;
    sendDueWebhooks(db)
      .catch((error: unknown) => console.error("Could not send webhooks:", error))
      .finally(() => (sending = false));
  };
  const prune = () =>
    void pruneWebhookDeliveries(db).catch((error: unknown) =>
      console.error("Could not delete old webhook deliveries:", error),
    );
  send();
  prune();
  const timers = [setInterval(send, SEND_EVERY_MS), setInterval(prune, PRUNE_EVERY_MS)];
  for (const timer of timers) timer.unref();
  return () => timers.forEach(clearInterval);
}

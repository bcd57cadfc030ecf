// Outgoing webhooks (issue 22, item 4): the endpoints an admin registers, the events queued for them,
// and the deliveries as the settings page lists them.
//
// An event is one row of `webhook_deliveries` per subscribed endpoint (migration 0034), inserted in the
// transaction of the change that causes it: a follow-up logged (logFollowUp, receiveFollowUp, an
// import), scored or rescored (bulk-update.server.ts writeResults, which every scoring path writes
// through), an interview's last window closing (window-sweep.server.ts), an application's outcome
// changed (applications.server.ts). A change rolled back sends nothing; a change committed is sent.
//
// The sender is webhook-sender.server.ts.
import crypto from "node:crypto";
import type { Db, WebhookDeliveryTable } from "../../db/schema";
import type { Outcome } from "../core/outcomes";
import { decodeScoreParts } from "../core/rubric/stored-score";
import type { WebhookEventType } from "../core/webhook-events";
import {
  MAX_ENDPOINTS,
  parseEventList,
  PREVIOUS_SECRET_MS,
  webhookUrlProblem,
  type WebhookData,
  type WebhookEndpointInput,
} from "../core/webhooks";
import { recordAudit } from "./audit.server";
import { countByStatus } from "./claims.server";
import type { Viewer } from "./scope.server";
import { openSecret, sealSecret } from "./secret-box.server";
import { inTransaction } from "./transaction.server";

/** The purpose a signing secret is sealed for (bound into its encryption). */
const SECRET_PURPOSE = "followthrough webhook secret";
/** Rows per INSERT of deliveries. */
const ROWS_PER_INSERT = 500;
/** Ids per IN list. */
const IDS_PER_QUERY = 500;

/** WEBHOOKS_ALLOW_PRIVATE=1 lets webhooks reach loopback and private addresses (tests; a private network). */
export function allowPrivateDestinations(): boolean {
  return process.env.WEBHOOKS_ALLOW_PRIVATE === "1";
}

/** A new signing secret: "whsec_" and 32 random bytes. */
export function newWebhookSecret(): string {
  return `whsec_${crypto.randomBytes(32).toString("base64url")}`;
}

export function sealWebhookSecret(secret: string): string {
  return sealSecret(secret, SECRET_PURPOSE);
}

export function openWebhookSecret(sealed: string): string {
  return openSecret(sealed, SECRET_PURPOSE);
}

// ---- Endpoints -------------------------------------------------------------------------------------

export type WriteResult<T> = ({ ok: true } & T) | { ok: false; field: string; message: string };

/** The organization's endpoints, oldest first, with their events read and their deliveries counted. */
export async function listWebhookEndpoints(db: Db, organizationId: number) {
  const rows = await db
    .selectFrom("webhook_endpoints")
    .select(["id", "url", "events", "enabled", "created_at", "updated_at", "previous_secret_expires_at"])
    .where("organization_id", "=", organizationId)
    .orderBy("id")
    .execute();
  return rows.map((r) => ({ ...r, events: parseEventList(r.events), enabled: r.enabled === 1 }));
}

/** Registers an endpoint; returns its id and its secret, which is never shown again. */
export async function createWebhookEndpoint(
  db: Db,
  viewer: Viewer,
  input: WebhookEndpointInput,
  now = new Date(),
): Promise<WriteResult<{ id: number; secret: string }>> {
  const problem = webhookUrlProblem(input.url, allowPrivateDestinations());
  if (problem) return { ok: false, field: "url", message: problem };
  const secret = newWebhookSecret();
  return inTransaction(db, async (trx) => {
    const count = await trx
      .selectFrom("webhook_endpoints")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("organization_id", "=", viewer.organization_id)
      .executeTakeFirstOrThrow();
    if (Number(count.n) >= MAX_ENDPOINTS)
      return {
        ok: false,
        field: "url",
        message: `An organization has at most ${MAX_ENDPOINTS} endpoints: delete one first.`,
      } as const;
    const row = await trx
      .insertInto("webhook_endpoints")
      .values({
        organization_id: viewer.organization_id,
        url: input.url,
        events: JSON.stringify(input.events),
        enabled: input.enabled ? 1 : 0,
        secret: sealWebhookSecret(secret),
        created_by: viewer.id,
        created_at: now.toISOString(),
        updated_at: now.toISOString(),
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await recordAudit(trx, {
      organizationId: viewer.organization_id,
      userId: viewer.id,
      action: "create",
      entity: "webhook_endpoint",
      entityId: row.id,
      detail: { url: input.url, events: input.events },
    });
    return { ok: true, id: row.id, secret } as const;
  });
}

/** Changes an endpoint's events and whether it is enabled; false when it is not the organization's. */
export async function updateWebhookEndpoint(
  db: Db,
  viewer: Viewer,
  id: number,
  change: { events: WebhookEventType[]; enabled: boolean },
  now = new Date(),
): Promise<boolean> {
  return inTransaction(db, async (trx) => {
    const result = await trx
      .updateTable("webhook_endpoints")
      .set({
        events: JSON.stringify(change.events),
        enabled: change.enabled ? 1 : 0,
        updated_at: now.toISOString(),
      })
      .where("id", "=", id)
      .where("organization_id", "=", viewer.organization_id)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) !== 1) return false;
    await recordAudit(trx, {
      organizationId: viewer.organization_id,
      userId: viewer.id,
      action: "update",
      entity: "webhook_endpoint",
      entityId: id,
      detail: change,
    });
    return true;
  });
}

/** Deletes an endpoint and its deliveries (by cascade); false when it is not the organization's. */
export async function deleteWebhookEndpoint(db: Db, viewer: Viewer, id: number): Promise<boolean> {
  return inTransaction(db, async (trx) => {
    const row = await trx
      .deleteFrom("webhook_endpoints")
      .where("id", "=", id)
      .where("organization_id", "=", viewer.organization_id)
      .returning("url")
      .executeTakeFirst();
    if (!row) return false;
    await recordAudit(trx, {
      organizationId: viewer.organization_id,
      userId: viewer.id,
      action: "delete",
      entity: "webhook_endpoint",
      entityId: id,
      detail: { url: row.url },
    });
    return true;
  });
}

/**
 * Gives an endpoint a new secret, returned this once. The previous one signs too (a second v1) for
 * PREVIOUS_SECRET_MS, so that a receiver can switch to the new one without refusing deliveries.
 */
export async function rotateWebhookSecret(
  db: Db,
  viewer: Viewer,
  id: number,
  now = new Date(),
): Promise<string | null> {
  const secret = newWebhookSecret();
  return inTransaction(db, async (trx) => {
    const result = await trx
      .updateTable("webhook_endpoints")
      .set((eb) => ({
        previous_secret: eb.ref("secret"),
        previous_secret_expires_at: new Date(now.getTime() + PREVIOUS_SECRET_MS).toISOString(),
        secret: sealWebhookSecret(secret),
        updated_at: now.toISOString(),
      }))
      .where("id", "=", id)
      .where("organization_id", "=", viewer.organization_id)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) !== 1) return null;
    await recordAudit(trx, {
      organizationId: viewer.organization_id,
      userId: viewer.id,
      action: "update",
      entity: "webhook_endpoint",
      entityId: id,
      detail: { rotated: true },
    });
    return secret;
  });
}

// ---- Events ----------------------------------------------------------------------------------------

/** The organization's enabled endpoints that want `type`. */
async function subscribers(db: Db, organizationId: number, type: WebhookEventType): Promise<number[]> {
  const rows = await db
    .selectFrom("webhook_endpoints")
    .select(["id", "events"])
    .where("organization_id", "=", organizationId)
    .where("enabled", "=", 1)
    .execute();
  return rows.filter((r) => parseEventList(r.events).includes(type)).map((r) => r.id);
}

/** A new event id: "evt_" and 24 hexadecimal characters. */
const eventId = () => `evt_${crypto.randomBytes(12).toString("hex")}`;

/**
 * Queues events of one type for every enabled endpoint of the organization that wants it, inside the
 * caller's transaction; `data` is called only when there is one. Returns the deliveries queued.
 */
export async function queueWebhookEvents<T extends WebhookEventType>(
  db: Db,
  organizationId: number,
  type: T,
  data: () => Promise<WebhookData<T>[]>,
  now = new Date(),
): Promise<number> {
  const endpoints = await subscribers(db, organizationId, type);
  if (endpoints.length === 0) return 0;
  const events = await data();
  const createdAt = now.toISOString();
  const rows = events.flatMap((d) => {
    const id = eventId();
    const body = JSON.stringify({ id, type, created_at: createdAt, data: d });
    return endpoints.map((endpointId) => ({
      organization_id: organizationId,
      endpoint_id: endpointId,
      event_id: id,
      event_type: type,
      body,
      status: "queued" as const,
      next_attempt_at: createdAt,
      created_at: createdAt,
    }));
  });
  for (let i = 0; i < rows.length; i += ROWS_PER_INSERT)
    await db
      .insertInto("webhook_deliveries")
      .values(rows.slice(i, i + ROWS_PER_INSERT))
      .execute();
  return rows.length;
}

function chunked<T>(items: readonly T[], size = IDS_PER_QUERY): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** The follow-ups' rows with their interview's application, candidate and position. */
async function followUpsWithContext(db: Db, organizationId: number, followUpIds: readonly number[]) {
  const out = [];
  for (const ids of chunked(followUpIds)) {
    const rows = await db
      .selectFrom("follow_ups as f")
      .innerJoin("interviews as i", "i.id", "f.interview_id")
      .innerJoin("applications as a", "a.id", "i.application_id")
      .select([
        "f.id",
        "f.interview_id",
        "f.received_at",
        "f.channel",
        "f.window",
        "f.latency_minutes",
        "f.business_latency_minutes",
        "f.score",
        "f.score_parts",
        "f.scorer_version",
        "a.id as application_id",
        "a.candidate_id",
        "a.position_id",
      ])
      .where("f.id", "in", ids)
      .where("f.organization_id", "=", organizationId)
      .orderBy("f.id")
      .execute();
    out.push(
      ...rows.map((r) => ({
        row: r,
        context: {
          followUpId: r.id,
          interviewId: r.interview_id,
          applicationId: r.application_id,
          candidateId: r.candidate_id,
          positionId: r.position_id,
          receivedAt: r.received_at,
        },
      })),
    );
  }
  return out;
}

/** follow_up.received for these new follow-ups, inside the transaction that stored them. */
export async function queueFollowUpsReceived(
  db: Db,
  organizationId: number,
  followUpIds: readonly number[],
  now = new Date(),
): Promise<number> {
  if (followUpIds.length === 0) return 0;
  return queueWebhookEvents(
    db,
    organizationId,
    "follow_up.received",
    async () =>
      (await followUpsWithContext(db, organizationId, followUpIds)).map(({ row, context }) => ({
        ...context,
        channel: row.channel,
      })),
    now,
  );
}

/** follow_up.scored for these follow-ups, with their scores as they now stand in the transaction. */
export async function queueFollowUpsScored(
  db: Db,
  organizationId: number,
  followUpIds: readonly number[],
  now = new Date(),
): Promise<number> {
  if (followUpIds.length === 0) return 0;
  return queueWebhookEvents(
    db,
    organizationId,
    "follow_up.scored",
    async () =>
      (await followUpsWithContext(db, organizationId, followUpIds)).map(({ row, context }) => ({
        ...context,
        window: row.window,
        latencyMinutes: row.latency_minutes,
        businessLatencyMinutes: row.business_latency_minutes,
        score: row.score,
        scorerVersion: row.scorer_version,
        parts: (row.score_parts ? (decodeScoreParts(row.score_parts) ?? []) : []).map((p) => ({
          part: p.key,
          points: p.points,
          max: p.max,
        })),
      })),
    now,
  );
}

/** interview.window_closed for the interviews whose last window closed in (since, until] with no follow-up. */
export async function queueWindowClosedEvents(
  db: Db,
  organizationId: number,
  since: string,
  until: string,
  now = new Date(),
): Promise<number> {
  return queueWebhookEvents(
    db,
    organizationId,
    "interview.window_closed",
    async () =>
      (
        await db
          .selectFrom("interviews as i")
          .innerJoin("applications as a", "a.id", "i.application_id")
          .select([
            "i.id",
            "i.ends_at",
            "i.closes_at",
            "a.id as application_id",
            "a.candidate_id",
            "a.position_id",
          ])
          .where("i.organization_id", "=", organizationId)
          .where("i.first_follow_up_at", "is", null)
          .where("i.closes_at", ">", since)
          .where("i.closes_at", "<=", until)
          .orderBy("i.closes_at")
          .orderBy("i.id")
          .execute()
      ).map((r) => ({
        interviewId: r.id,
        applicationId: r.application_id,
        candidateId: r.candidate_id,
        positionId: r.position_id,
        endsAt: r.ends_at,
        closesAt: r.closes_at,
      })),
    now,
  );
}

/**
 * application.outcome_changed for these applications, as they now stand in the transaction: each with
 * the outcome it had before (a new application's is "pending", as on its page).
 */
export async function queueOutcomesChanged(
  db: Db,
  organizationId: number,
  changes: readonly { applicationId: number; previousOutcome: Outcome }[],
  now = new Date(),
): Promise<number> {
  if (changes.length === 0) return 0;
  const previous = new Map(changes.map((c) => [c.applicationId, c.previousOutcome]));
  return queueWebhookEvents(
    db,
    organizationId,
    "application.outcome_changed",
    async () => {
      const out = [];
      for (const ids of chunked([...previous.keys()])) {
        const rows = await db
          .selectFrom("applications")
          .select(["id", "candidate_id", "position_id", "outcome", "outcome_on"])
          .where("id", "in", ids)
          .orderBy("id")
          .execute();
        for (const a of rows)
          out.push({
            applicationId: a.id,
            candidateId: a.candidate_id,
            positionId: a.position_id,
            outcome: a.outcome,
            outcomeOn: a.outcome_on,
            previousOutcome: previous.get(a.id)!,
          });
      }
      return out;
    },
    now,
  );
}

// ---- The page --------------------------------------------------------------------------------------

export type DeliveryStatus = WebhookDeliveryTable["status"];

/** The organization's deliveries, newest first, for the admin page. */
export async function listWebhookDeliveries(db: Db, organizationId: number, status: DeliveryStatus | null) {
  let query = db
    .selectFrom("webhook_deliveries as d")
    .innerJoin("webhook_endpoints as e", "e.id", "d.endpoint_id")
    .select([
      "d.id",
      "d.event_id",
      "d.event_type",
      "d.status",
      "d.attempts",
      "d.next_attempt_at",
      "d.last_error",
      "d.response_status",
      "d.response_excerpt",
      "d.sent_at",
      "d.created_at",
      "e.url",
    ])
    .where("d.organization_id", "=", organizationId);
  if (status) query = query.where("d.status", "=", status);
  return query.orderBy("d.id", "desc").limit(100).execute();
}

/** How many of the organization's deliveries are in each status. */
export function countWebhookDeliveries(db: Db, organizationId: number) {
  return countByStatus(db, "webhook_deliveries", organizationId);
}

/**
 * A failed delivery queued again with fresh attempts, or a waiting one brought forward to now; false
 * when it is neither, or not the organization's.
 */
export async function retryWebhookDelivery(
  db: Db,
  organizationId: number,
  id: number,
  now = new Date(),
): Promise<boolean> {
  const at = now.toISOString();
  const failed = await db
    .updateTable("webhook_deliveries")
    .set({ status: "queued", attempts: 0, next_attempt_at: at, claimed_by: null })
    .where("id", "=", id)
    .where("organization_id", "=", organizationId)
    .where("status", "=", "failed")
    .executeTakeFirst();
  if (Number(failed.numUpdatedRows) === 1) return true;
  const waiting = await db
    .updateTable("webhook_deliveries")
    .set({ next_attempt_at: at })
    .where("id", "=", id)
    .where("organization_id", "=", organizationId)
    .where("status", "=", "queued")
    .executeTakeFirst();
  return Number(waiting.numUpdatedRows) === 1;
}

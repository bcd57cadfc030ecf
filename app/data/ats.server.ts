// The receiver of events from an applicant tracking system (issue 22, item 5): an organization's
// Greenhouse web hook. Each event is checked in this order: the URL's key names a receiver; the
// receiver's minute has room (429 past it, counted in the database so every app server shares it);
// it is on; the Signature header is the HMAC-SHA256 of the raw body with the receiver's secret
// (compared in constant time); the body is JSON of a shape app/core/ats-events.ts reads. Then the
// candidate, position, application and interview it names are created or updated in one transaction,
// through the data functions the pages use (so each write is checked and audited as a person's would
// be, under the admin who turned the receiver on), with the ATS's ids remembered so that the same event
// again updates instead of adding. Every event is listed with what became of it.
import crypto from "node:crypto";
import type { Db } from "../../db/schema";
import { isUniqueViolation } from "../../db/errors.server";
import {
  DEFAULT_ATS_RATE_LIMIT,
  MAX_ATS_EVENT_BYTES,
  readGreenhouseEvent,
  type AtsApplication,
  type AtsCandidate,
  type AtsInterview,
  type AtsIssue,
  type AtsJob,
  type AtsSource,
} from "../core/ats-events";
import { withValueMapping, type ValueMap, type ValueField } from "../core/import/ats-words";
import { CandidateSchema, LogInterviewSchema, OutcomeSchema, PositionSchema } from "../core/schemas";
import { OUTCOME_LABELS } from "../core/outcomes";
import { STAGE_LABELS } from "../core/stages";
import { wallClockOf } from "../core/time";
import { moveStage, recordOutcome, addApplication } from "./applications.server";
import { recordAudit } from "./audit.server";
import { createCandidate, updateCandidate } from "./candidate-writes.server";
import { logInterview, updateInterview, type WriteResult } from "./interviews.server";
import { getOrganizationTimeZone } from "./organizations.server";
import { createPosition } from "./positions.server";
import { problem } from "./api-http.server";
import type { Viewer } from "./scope.server";
import { openSecret, sealSecret } from "./secret-box.server";
import { inTransaction } from "./transaction.server";

const SOURCE: AtsSource = "greenhouse";
const SECRET_PURPOSE = "ats-receiver-secret";
const WINDOW_MS = 60_000;
/** Events older than this are dropped from the list when a new one arrives. */
const EVENT_KEEP_DAYS = 90;

export function atsRateLimit(): number {
  const given = Number(process.env.ATS_RATE_LIMIT);
  return Number.isInteger(given) && given > 0 ? given : DEFAULT_ATS_RATE_LIMIT;
}

export const sealAtsSecret = (secret: string) => sealSecret(secret, SECRET_PURPOSE);
export const newAtsSecret = () => crypto.randomBytes(24).toString("hex");
const newUrlKey = () => crypto.randomBytes(18).toString("base64url");

/** The Signature header Greenhouse sends for `body`: "sha256 " and the hex HMAC-SHA256 with the secret. */
export function greenhouseSignature(secret: string, body: string): string {
  return `sha256 ${crypto.createHmac("sha256", secret).update(body, "utf8").digest("hex")}`;
}

/** Whether a Signature header signs `body` with `secret`, compared in constant time. */
export function signatureMatches(header: string | null, secret: string, body: string): boolean {
  const match = /^sha256\s+([0-9a-f]{64})\s*$/i.exec(header ?? "");
  if (!match) return false;
  const expected = crypto.createHmac("sha256", secret).update(body, "utf8").digest();
  return crypto.timingSafeEqual(Buffer.from(match[1], "hex"), expected);
}

// ---- The settings page ----

export async function getAtsReceiver(db: Db, organizationId: number) {
  const row = await db
    .selectFrom("ats_receivers as r")
    .leftJoin("users as u", "u.id", "r.acting_user_id")
    .select([
      "r.id",
      "r.url_key",
      "r.enabled",
      "r.client_id",
      "r.value_map",
      "r.created_at",
      "r.secret_rotated_at",
      "u.name as acting_user_name",
    ])
    .where("r.organization_id", "=", organizationId)
    .where("r.source", "=", SOURCE)
    .executeTakeFirst();
  return row ? { ...row, valueMap: JSON.parse(row.value_map) as ValueMap } : null;
}

async function audit(db: Db, viewer: Viewer, action: "create" | "update", detail: Record<string, unknown>) {
  await recordAudit(db, {
    organizationId: viewer.organization_id,
    userId: viewer.id,
    action,
    entity: "ats_receiver",
    detail: { source: SOURCE, ...detail },
  });
}

/**
 * Turns the receiver on for the organization (making it, with a new secret, if there is none), with
 * the client new positions open for; its writes go under this admin's name from now on. Returns the
 * secret when a new one was made: it is shown once.
 */
export async function enableAtsReceiver(
  db: Db,
  viewer: Viewer,
  clientId: number,
): Promise<{ secret: string | null }> {
  return inTransaction(db, async (trx) => {
    const existing = await getAtsReceiver(trx, viewer.organization_id);
    if (existing) {
      await trx
        .updateTable("ats_receivers")
        .set({ enabled: 1, client_id: clientId, acting_user_id: viewer.id })
        .where("id", "=", existing.id)
        .execute();
      await audit(trx, viewer, "update", { enabled: true, clientId });
      return { secret: null };
    }
    const secret = newAtsSecret();
    const at = new Date().toISOString();
    await trx
      .insertInto("ats_receivers")
      .values({
        organization_id: viewer.organization_id,
        source: SOURCE,
        url_key: newUrlKey(),
        secret_sealed: sealAtsSecret(secret),
        enabled: 1,
        acting_user_id: viewer.id,
        client_id: clientId,
        created_at: at,
        secret_rotated_at: at,
      })
      .execute();
    await audit(trx, viewer, "create", { enabled: true, clientId });
    return { secret };
  });
}

export async function disableAtsReceiver(db: Db, viewer: Viewer): Promise<void> {
  await inTransaction(db, async (trx) => {
    await trx
      .updateTable("ats_receivers")
      .set({ enabled: 0 })
      .where("organization_id", "=", viewer.organization_id)
      .where("source", "=", SOURCE)
      .execute();
    await audit(trx, viewer, "update", { enabled: false });
  });
}

/** A new secret, replacing the old at once (events signed with the old one are refused from now on). */
export async function rotateAtsSecret(db: Db, viewer: Viewer): Promise<string> {
  const secret = newAtsSecret();
  await inTransaction(db, async (trx) => {
    await trx
      .updateTable("ats_receivers")
      .set({ secret_sealed: sealAtsSecret(secret), secret_rotated_at: new Date().toISOString() })
      .where("organization_id", "=", viewer.organization_id)
      .where("source", "=", SOURCE)
      .execute();
    await audit(trx, viewer, "update", { secretRotated: true });
  });
  return secret;
}

/** Maps one of the ATS's words (`ours` "" leaves the field alone for it), or removes the mapping (null). */
export async function mapAtsWord(
  db: Db,
  viewer: Viewer,
  field: Extract<ValueField, "stage" | "outcome">,
  word: string,
  ours: string | null,
): Promise<void> {
  await inTransaction(db, async (trx) => {
    const receiver = await getAtsReceiver(trx, viewer.organization_id);
    if (!receiver) return;
    let map = receiver.valueMap;
    if (ours === null) {
      const { [field]: words = {}, ...rest } = map;
      const kept = Object.fromEntries(Object.entries(words).filter(([w]) => w !== word));
      map = { ...rest, [field]: kept };
    } else map = withValueMapping(map, field, word, ours);
    await trx
      .updateTable("ats_receivers")
      .set({ value_map: JSON.stringify(map) })
      .where("id", "=", receiver.id)
      .execute();
    await audit(trx, viewer, "update", { map: { field, word, ours } });
  });
}

export async function listAtsEvents(db: Db, organizationId: number, limit = 50) {
  return db
    .selectFrom("ats_events as e")
    .leftJoin("candidates as c", "c.id", "e.candidate_id")
    .select([
      "e.id",
      "e.event_id",
      "e.action",
      "e.outcome",
      "e.detail",
      "e.unknown_stage",
      "e.received_at",
      "e.candidate_id",
      "c.name as candidate_name",
    ])
    .where("e.organization_id", "=", organizationId)
    .where("e.source", "=", SOURCE)
    .orderBy("e.id", "desc")
    .limit(limit)
    .execute();
}

// ---- Receiving ----

export type AtsDelivery = {
  urlKey: string;
  signature: string | null;
  eventId: string | null;
  body: string;
  now?: Date;
};

type Receiver = {
  id: number;
  organization_id: number;
  secret_sealed: string;
  enabled: number;
  acting_user_id: number | null;
  client_id: number | null;
  value_map: string;
};

const json = (data: unknown) =>
  new Response(JSON.stringify(data), {
    status: 200,
    headers: { "Content-Type": "application/json", "Cache-Control": "no-store" },
  });

/** Counts the request in the receiver's minute; the seconds to wait when it is over the limit. */
async function overLimit(db: Db, receiver: { id: number }, now: Date): Promise<number | null> {
  const at = now.toISOString();
  const row = await db
    .selectFrom("ats_receivers")
    .select("window_started_at")
    .where("id", "=", receiver.id)
    .executeTakeFirstOrThrow();
  const started = row.window_started_at ? Date.parse(row.window_started_at) : Number.NaN;
  const current = Number.isFinite(started) && now.getTime() - started < WINDOW_MS;
  const counted = await db
    .updateTable("ats_receivers")
    .set((eb) => ({
      window_started_at: current ? row.window_started_at : at,
      window_count: current ? eb("window_count", "+", 1) : 1,
    }))
    .where("id", "=", receiver.id)
    .returning(["window_count", "window_started_at"])
    .executeTakeFirstOrThrow();
  if (counted.window_count <= atsRateLimit()) return null;
  const ends = Date.parse(counted.window_started_at ?? at) + WINDOW_MS;
  return Math.max(1, Math.ceil((ends - now.getTime()) / 1000));
}

type Recorded = {
  action: string;
  outcome: "applied" | "ignored" | "refused";
  detail: string;
  candidateId?: number | null;
  unknownStage?: string | null;
};

async function recordEvent(db: Db, receiver: Receiver, delivery: AtsDelivery, now: Date, event: Recorded) {
  const cutoff = new Date(now.getTime() - EVENT_KEEP_DAYS * 86_400_000).toISOString();
  await db
    .deleteFrom("ats_events")
    .where("organization_id", "=", receiver.organization_id)
    .where("received_at", "<", cutoff)
    .execute();
  await db
    .insertInto("ats_events")
    .values({
      organization_id: receiver.organization_id,
      source: SOURCE,
      event_id: delivery.eventId?.slice(0, 200) ?? null,
      action: event.action.slice(0, 100),
      outcome: event.outcome,
      detail: event.detail.slice(0, 2000),
      unknown_stage: event.unknownStage?.slice(0, 200) ?? null,
      candidate_id: event.candidateId ?? null,
      received_at: now.toISOString(),
    })
    .execute();
}

/** Thrown inside an event's transaction: a data function refused a write, so nothing of it is kept. */
class Refused extends Error {
  constructor(readonly issue: AtsIssue) {
    super(issue.detail);
  }
}

const refuseUnless = (result: WriteResult, field: string) => {
  if (!result.ok) throw new Refused({ field: `${field}.${result.field}`, detail: result.message });
  return result.id;
};

/** Handles one delivery to /ats/greenhouse/{key}: the response to give, every outcome listed. */
export async function receiveAtsEvent(db: Db, delivery: AtsDelivery): Promise<Response> {
  const now = delivery.now ?? new Date();
  const receiver = await db
    .selectFrom("ats_receivers")
    .select(["id", "organization_id", "secret_sealed", "enabled", "acting_user_id", "client_id", "value_map"])
    .where("url_key", "=", delivery.urlKey)
    .where("source", "=", SOURCE)
    .executeTakeFirst();
  if (!receiver) return problem(404, "not-found", "Not found", "No receiver has this URL.");
  const wait = await overLimit(db, receiver, now);
  if (wait !== null)
    return problem(
      429,
      "rate-limited",
      "Too many requests",
      "Too many events this minute; send again later.",
      {
        headers: { "Retry-After": String(wait) },
      },
    );
  if (!receiver.enabled)
    return problem(
      403,
      "receiver-off",
      "Receiver off",
      "An admin turned this receiver off in Followthrough.",
    );
  const refuse = async (status: number, kind: string, title: string, detail: string, issues?: AtsIssue[]) => {
    await recordEvent(db, receiver, delivery, now, {
      action: actionOf(delivery.body),
      outcome: "refused",
      detail,
    });
    return problem(status, kind, title, detail, {
      errors: issues?.map((i) => ({ ...i, pointer: `#/${i.field.replace(/\./g, "/")}` })),
    });
  };
  if (Buffer.byteLength(delivery.body, "utf8") > MAX_ATS_EVENT_BYTES)
    return refuse(
      413,
      "too-large",
      "Event too large",
      `An event may be at most ${MAX_ATS_EVENT_BYTES / 1024} KB.`,
    );
  if (
    !signatureMatches(delivery.signature, openSecret(receiver.secret_sealed, SECRET_PURPOSE), delivery.body)
  )
    return refuse(
      401,
      "bad-signature",
      "Signature does not match",
      "The Signature header is not “sha256 <HMAC-SHA256 of the body with this receiver's secret>”: check the secret.",
    );
  let body: unknown;
  try {
    body = JSON.parse(delivery.body);
  } catch {
    return refuse(400, "malformed-json", "Malformed JSON", "The body is not valid JSON.");
  }
  if (delivery.eventId) {
    const seen = await db
      .selectFrom("ats_events")
      .select("id")
      .where("organization_id", "=", receiver.organization_id)
      .where("source", "=", SOURCE)
      .where("event_id", "=", delivery.eventId)
      .where("outcome", "=", "applied")
      .executeTakeFirst();
    if (seen) {
      const detail = `Event ${delivery.eventId} was applied already; nothing changed.`;
      await recordEvent(db, receiver, delivery, now, { action: actionOf(body), outcome: "ignored", detail });
      return json({ status: "ignored", detail });
    }
  }
  const reading = readGreenhouseEvent(body, JSON.parse(receiver.value_map) as ValueMap, now.toISOString());
  if (reading.kind === "invalid")
    return refuse(
      422,
      "invalid-field",
      "Invalid event",
      reading.issues.map((i) => `${i.field}: ${i.detail}`).join(" "),
      reading.issues,
    );
  if (reading.kind === "ignored") {
    await recordEvent(db, receiver, delivery, now, {
      action: reading.action,
      outcome: "ignored",
      detail: reading.why,
    });
    return json({ status: "ignored", detail: reading.why });
  }
  const viewer: Viewer = {
    id: receiver.acting_user_id ?? 0,
    organization_id: receiver.organization_id,
    role: "admin",
    client_id: null,
  };
  // Two deliveries about the same new candidate at once: the second's remembered id collides and it
  // rolls back; run once more, when the first's rows are there to update.
  for (let attempt = 0; ; attempt++) {
    try {
      const result = await inTransaction(db, async (trx) => {
        const applied = await applyEvent(trx, viewer, receiver, reading.application, reading.interview);
        if (applied.outcome === "applied")
          await recordAudit(trx, {
            organizationId: receiver.organization_id,
            userId: receiver.acting_user_id,
            action: "import",
            entity: "ats_event",
            candidateId: applied.candidateId,
            detail: { source: SOURCE, action: reading.action, eventId: delivery.eventId },
          });
        await recordEvent(trx, receiver, delivery, now, { action: reading.action, ...applied });
        return applied;
      });
      return json({ status: result.outcome, detail: result.detail, candidateId: result.candidateId });
    } catch (error) {
      if (error instanceof Refused)
        return refuse(422, "invalid-field", "Refused", `${error.issue.field}: ${error.issue.detail}`, [
          error.issue,
        ]);
      if (attempt === 0 && isUniqueViolation(error)) continue;
      throw error;
    }
  }
}

/** The event's action, for the list, from a body that may not be valid. */
function actionOf(body: unknown): string {
  let value = body;
  if (typeof body === "string") {
    try {
      value = JSON.parse(body);
    } catch {
      return "unknown";
    }
  }
  const action = (value as { action?: unknown } | null)?.action;
  return typeof action === "string" && action ? action.slice(0, 100) : "unknown";
}

// ---- Applying an event ----

type Applied = Omit<Recorded, "action">;

async function localId(
  db: Db,
  receiver: Receiver,
  kind: "candidate" | "job" | "application" | "interview",
  externalId: string,
) {
  const row = await db
    .selectFrom("ats_external_ids")
    .select(["id", "local_id"])
    .where("organization_id", "=", receiver.organization_id)
    .where("source", "=", SOURCE)
    .where("kind", "=", kind)
    .where("external_id", "=", externalId)
    .executeTakeFirst();
  if (!row) return null;
  const table = (
    {
      candidate: "candidates",
      job: "positions",
      application: "applications",
      interview: "interviews",
    } as const
  )[kind];
  const exists = await db.selectFrom(table).select("id").where("id", "=", row.local_id).executeTakeFirst();
  if (exists) return row.local_id;
  // Deleted here since: forget it, and make it again.
  await db.deleteFrom("ats_external_ids").where("id", "=", row.id).execute();
  return null;
}

async function remember(
  db: Db,
  receiver: Receiver,
  kind: "candidate" | "job" | "application" | "interview",
  externalId: string,
  local: number,
) {
  await db
    .insertInto("ats_external_ids")
    .values({
      organization_id: receiver.organization_id,
      source: SOURCE,
      kind,
      external_id: externalId,
      local_id: local,
      created_at: new Date().toISOString(),
    })
    .execute();
}

async function positionFor(db: Db, viewer: Viewer, receiver: Receiver, job: AtsJob): Promise<number> {
  const known = await localId(db, receiver, "job", job.externalId);
  if (known) return known;
  if (receiver.client_id === null)
    throw new Refused({
      field: "payload.application.jobs",
      detail: "Choose the client new positions open for on the ATS settings page.",
    });
  // A position opened here by hand before the receiver was on: the same title, for that client.
  const same = await db
    .selectFrom("positions")
    .select("id")
    .where("organization_id", "=", receiver.organization_id)
    .where("client_id", "=", receiver.client_id)
    .where("title", "=", job.title)
    .orderBy("id")
    .executeTakeFirst();
  let id = same?.id;
  if (!id) {
    const input = PositionSchema.safeParse({
      title: job.title,
      clientId: String(receiver.client_id),
      hiringManagerId: "",
      status: "open",
      openedOn: job.openedOn,
      closedOn: "",
    });
    if (!input.success)
      throw new Refused({ field: "payload.application.jobs.0", detail: input.error.issues[0].message });
    id = refuseUnless(await createPosition(db, viewer, input.data), "position");
  }
  await remember(db, receiver, "job", job.externalId, id);
  return id;
}

async function candidateFor(db: Db, viewer: Viewer, receiver: Receiver, candidate: AtsCandidate) {
  const input = CandidateSchema.safeParse(candidate.fields);
  if (!input.success) {
    const issue = input.error.issues[0];
    throw new Refused({
      field: `payload.application.candidate.${String(issue.path[0])}`,
      detail: issue.message,
    });
  }
  const fields = input.data;
  let id = await localId(db, receiver, "candidate", candidate.externalId);
  if (id) {
    const current = await db
      .selectFrom("candidates")
      .select(["name", "email", "phone", "source"])
      .where("id", "=", id)
      .executeTakeFirstOrThrow();
    const changed = { ...fields, source: current.source };
    if (current.name !== changed.name || current.email !== changed.email || current.phone !== changed.phone)
      refuseUnless(await updateCandidate(db, viewer, id, changed), "candidate");
    return id;
  }
  // Someone added by hand (or by an import) before: the same email.
  if (fields.email)
    id =
      (
        await db
          .selectFrom("candidates")
          .select("id")
          .where("organization_id", "=", receiver.organization_id)
          .where("email", "=", fields.email)
          .executeTakeFirst()
      )?.id ?? null;
  id ??= refuseUnless(await createCandidate(db, viewer, { ...fields, positionId: null }), "candidate");
  await remember(db, receiver, "candidate", candidate.externalId, id);
  return id;
}

async function applicationFor(db: Db, viewer: Viewer, receiver: Receiver, plan: AtsApplication) {
  const candidateId = await candidateFor(db, viewer, receiver, plan.candidate);
  let id = await localId(db, receiver, "application", plan.externalId);
  const changes: string[] = [];
  if (!id) {
    const positionId = await positionFor(db, viewer, receiver, plan.job);
    id =
      (
        await db
          .selectFrom("applications")
          .select("id")
          .where("candidate_id", "=", candidateId)
          .where("position_id", "=", positionId)
          .executeTakeFirst()
      )?.id ?? null;
    if (!id) {
      id = refuseUnless(
        await addApplication(db, viewer, positionId, {
          candidateId,
          recruiterId: null,
          stage: plan.stage ?? "applied",
        }),
        "application",
      );
      changes.push(`added to ${plan.job.title} at ${STAGE_LABELS[plan.stage ?? "applied"]}`);
    }
    await remember(db, receiver, "application", plan.externalId, id);
  }
  const current = await db
    .selectFrom("applications")
    .select(["stage", "outcome", "outcome_on", "outcome_reason"])
    .where("id", "=", id)
    .executeTakeFirstOrThrow();
  if (plan.stage && plan.stage !== current.stage) {
    refuseUnless(await moveStage(db, viewer, id, plan.stage), "application");
    changes.push(`moved to ${STAGE_LABELS[plan.stage]}`);
  }
  if (plan.outcome) {
    const outcome = OutcomeSchema.safeParse(plan.outcome);
    if (!outcome.success)
      throw new Refused({ field: "payload.application", detail: outcome.error.issues[0].message });
    const o = outcome.data;
    if (
      o.outcome !== current.outcome ||
      o.outcomeOn !== current.outcome_on ||
      o.reason !== current.outcome_reason
    ) {
      refuseUnless(await recordOutcome(db, viewer, id, o), "application");
      changes.push(`outcome ${OUTCOME_LABELS[o.outcome]}`);
    }
  }
  return { id, candidateId, changes };
}

async function interviewFor(
  db: Db,
  viewer: Viewer,
  receiver: Receiver,
  applicationId: number,
  plan: AtsInterview,
): Promise<string | null> {
  const zone = await getOrganizationTimeZone(db, receiver.organization_id);
  const known = await localId(db, receiver, "interview", plan.externalId);
  const current = known
    ? await db
        .selectFrom("interviews")
        .select([
          "round",
          "notes",
          "time_zone",
          "starts_at",
          "ends_at",
          "interviewer_name",
          "interviewer_email",
          "format",
        ])
        .where("id", "=", known)
        .executeTakeFirstOrThrow()
    : null;
  if (
    current &&
    current.starts_at === plan.startsAt &&
    current.ends_at === plan.endsAt &&
    current.interviewer_name === plan.interviewerName &&
    (current.interviewer_email ?? "") === plan.interviewerEmail.toLowerCase() &&
    current.format === plan.format
  )
    return null;
  const timeZone = current?.time_zone ?? zone;
  const starts = wallClockOf(plan.startsAt, timeZone);
  const ends = wallClockOf(plan.endsAt, timeZone);
  const rounds = await db
    .selectFrom("interviews")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("application_id", "=", applicationId)
    .executeTakeFirstOrThrow();
  // The interview form's schema, on the wall clock of the interview's zone, as a person would type it.
  const input = LogInterviewSchema.safeParse({
    applicationId: String(applicationId),
    interviewerName: plan.interviewerName,
    interviewerEmail: plan.interviewerEmail,
    startsAt: starts.local,
    startsAtFold: starts.fold,
    endsAt: ends.local,
    endsAtFold: ends.fold,
    timeZone,
    format: plan.format,
    round: String(current?.round ?? Math.min(20, Number(rounds.n) + 1)),
    notes: current?.notes ?? "",
  });
  if (!input.success) {
    const issue = input.error.issues[0];
    throw new Refused({
      field: `payload.scheduled_interview.${String(issue.path[0])}`,
      detail: issue.message,
    });
  }
  if (known) {
    refuseUnless(await updateInterview(db, viewer, known, input.data), "interview");
    return `interview times corrected`;
  }
  const id = refuseUnless(await logInterview(db, viewer, input.data), "interview");
  await remember(db, receiver, "interview", plan.externalId, id);
  return `interview with ${plan.interviewerName} logged`;
}

async function applyEvent(
  db: Db,
  viewer: Viewer,
  receiver: Receiver,
  application: AtsApplication | null,
  interview: AtsInterview | null,
): Promise<Applied> {
  let applicationId: number | null = null;
  let candidateId: number | null = null;
  const changes: string[] = [];
  if (application) {
    const done = await applicationFor(db, viewer, receiver, application);
    applicationId = done.id;
    candidateId = done.candidateId;
    changes.push(...done.changes);
  }
  if (interview) {
    applicationId ??= await localId(db, receiver, "application", interview.applicationExternalId);
    if (applicationId === null)
      return {
        outcome: "ignored",
        detail: `Application ${interview.applicationExternalId} is not known here yet: send its stage change first, or the interview with its application.`,
      };
    candidateId ??=
      (
        await db
          .selectFrom("applications")
          .select("candidate_id")
          .where("id", "=", applicationId)
          .executeTakeFirst()
      )?.candidate_id ?? null;
    const logged = await interviewFor(db, viewer, receiver, applicationId, interview);
    if (logged) changes.push(logged);
  }
  const unknownStage = application?.unknownStage ?? null;
  const notes = unknownStage
    ? [`stage “${unknownStage}” is not mapped, so the stage was left as it was: map it on this page`]
    : [];
  // An event that changes nothing (a repeat, or one already true here) is listed, not audited.
  return {
    outcome: changes.length ? "applied" : "ignored",
    detail:
      [changes.length ? changes.join("; ") : "Already up to date: nothing changed", ...notes].join("; ") +
      ".",
    candidateId,
    unknownStage,
  };
}

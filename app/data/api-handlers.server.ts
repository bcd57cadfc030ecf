// One function per API operation (app/core/api.ts lists them); each route under app/routes/api.v1.*
// calls one or two of these. Writes go through the data functions the pages use, with the forms'
// schemas, so a write through the API is checked, stored, scored and audited exactly as one made in
// the browser.

import { getOrganizationSettings } from "./organizations.server";
import { ApplicationChangeSchema, NewApplicationSchema, NewInterviewSchema } from "../core/api";
import { parseDashboardParams } from "../core/analytics";
import {
  CandidateSchema,
  LogFollowUpSchema,
  LogInterviewSchema,
  NewCandidateSchema,
  OutcomeSchema,
  PositionSchema,
} from "../core/schemas";
import { loadDashboard } from "./analytics.server";
import { addApplication, moveStage, recordOutcome } from "./applications.server";
import { createCandidate, updateCandidate } from "./candidate-writes.server";
import {
  findFollowUp,
  findInterview,
  logFollowUp,
  logInterview,
  updateFollowUp,
  updateInterview,
  type WriteResult,
} from "./interviews.server";
import { createPosition, updatePosition } from "./positions.server";
import { isTimeZone, wallClockOf } from "../core/time";
import {
  getApiApplication,
  getApiCandidate,
  getApiFollowUp,
  getApiInterview,
  getApiPosition,
  listApiApplications,
  listApiCandidates,
  listApiFollowUps,
  listApiInterviews,
  listApiPositions,
} from "./api-resources.server";
import {
  apiRoute,
  fieldProblem,
  idempotent,
  json,
  methodNotAllowed,
  notFound,
  pageOf,
  pageParams,
  pathId,
  queryId,
  readJsonBody,
  validationProblem,
} from "./api-http.server";
import { inTransaction } from "./transaction.server";

type Args = { request: Request; params: Record<string, string | undefined> };

/** A data function's refusal as a 422 naming its field; else the stored row, read back as the API shows it. */
async function written<T>(result: WriteResult, read: (id: number) => Promise<T | null>, status = 201) {
  if (!result.ok) return fieldProblem(result.field, result.message);
  return json(await read(result.id), status);
}

/** Thrown inside a write's transaction to roll it back and answer the problem. */
class Refusal extends Error {
  constructor(readonly response: Response) {
    super("refused");
  }
}

// ---- Candidates ----

export const listCandidates = ({ request }: Args) =>
  apiRoute(request, { permission: "candidates:read" }, async ({ caller, db, url }) => {
    const page = pageParams(url);
    return json(pageOf(await listApiCandidates(db, caller.viewer, page), page.limit));
  });

export const getCandidate = ({ request, params }: Args) =>
  apiRoute(request, { permission: "candidates:read" }, async ({ caller, db }) => {
    const row = await getApiCandidate(db, caller.viewer, pathId(params.id, "candidate"));
    return row ? json(row) : notFound("candidate");
  });

export const createCandidateOp = ({ request }: Args) =>
  apiRoute(request, { permission: "candidates:write", write: true }, async (ctx) => {
    const body = await readJsonBody(request);
    const parsed = NewCandidateSchema.safeParse(body);
    if (!parsed.success) return validationProblem(parsed.error);
    return idempotent(ctx, body, async (db) =>
      written(await createCandidate(db, ctx.caller.viewer, parsed.data), (id) =>
        getApiCandidate(db, ctx.caller.viewer, id),
      ),
    );
  });

export const updateCandidateOp = ({ request, params }: Args) =>
  apiRoute(request, { permission: "candidates:write", write: true }, async ({ caller, db }) => {
    const id = pathId(params.id, "candidate");
    if (!(await getApiCandidate(db, caller.viewer, id))) return notFound("candidate");
    const parsed = CandidateSchema.safeParse(await readJsonBody(request));
    if (!parsed.success) return validationProblem(parsed.error);
    return written(
      await updateCandidate(db, caller.viewer, id, parsed.data),
      (id) => getApiCandidate(db, caller.viewer, id),
      200,
    );
  });

// ---- Positions ----

export const listPositions = ({ request }: Args) =>
  apiRoute(request, { permission: "positions:read" }, async ({ caller, db, url }) => {
    const page = pageParams(url);
    const rows = await listApiPositions(db, caller.viewer, page, queryId(url, "client_id"));
    return json(pageOf(rows, page.limit));
  });

export const getPosition = ({ request, params }: Args) =>
  apiRoute(request, { permission: "positions:read" }, async ({ caller, db }) => {
    const row = await getApiPosition(db, caller.viewer, pathId(params.id, "position"));
    return row ? json(row) : notFound("position");
  });

export const createPositionOp = ({ request }: Args) =>
  apiRoute(request, { permission: "positions:write", write: true }, async (ctx) => {
    const body = await readJsonBody(request);
    const parsed = PositionSchema.safeParse(body);
    if (!parsed.success) return validationProblem(parsed.error);
    return idempotent(ctx, body, async (db) =>
      written(await createPosition(db, ctx.caller.viewer, parsed.data), (id) =>
        getApiPosition(db, ctx.caller.viewer, id),
      ),
    );
  });

export const updatePositionOp = ({ request, params }: Args) =>
  apiRoute(request, { permission: "positions:write", write: true }, async ({ caller, db }) => {
    const id = pathId(params.id, "position");
    const current = await getApiPosition(db, caller.viewer, id);
    if (!current) return notFound("position");
    const body = await patchBody(request);
    // The edit form's fields as it would show them, with the body's on top: then the form's schema.
    const stored = {
      title: current.title,
      clientId: String(current.clientId),
      hiringManagerId: current.hiringManagerId ? String(current.hiringManagerId) : "",
      status: current.status,
      openedOn: current.openedOn,
      closedOn: current.closedOn ?? "",
    };
    const parsed = PositionSchema.safeParse({ ...stored, ...body });
    if (!parsed.success) return validationProblem(parsed.error);
    return written(
      await updatePosition(db, caller.viewer, id, parsed.data),
      (id) => getApiPosition(db, caller.viewer, id),
      200,
    );
  });

// ---- Applications ----

export const listApplications = ({ request }: Args) =>
  apiRoute(request, { permission: "candidates:read" }, async ({ caller, db, url }) => {
    const page = pageParams(url);
    const rows = await listApiApplications(db, caller.viewer, page, {
      positionId: queryId(url, "position_id"),
      candidateId: queryId(url, "candidate_id"),
    });
    return json(pageOf(rows, page.limit));
  });

export const getApplication = ({ request, params }: Args) =>
  apiRoute(request, { permission: "candidates:read" }, async ({ caller, db }) => {
    const row = await getApiApplication(db, caller.viewer, pathId(params.id, "application"));
    return row ? json(row) : notFound("application");
  });

export const createApplicationOp = ({ request }: Args) =>
  apiRoute(request, { permission: "applications:write", write: true }, async (ctx) => {
    const body = await readJsonBody(request);
    const parsed = NewApplicationSchema.safeParse(body);
    if (!parsed.success) return validationProblem(parsed.error);
    const { positionId, ...input } = parsed.data;
    return idempotent(ctx, body, async (db) =>
      written(await addApplication(db, ctx.caller.viewer, positionId, input), (id) =>
        getApiApplication(db, ctx.caller.viewer, id),
      ),
    );
  });

export const updateApplicationOp = ({ request, params }: Args) =>
  apiRoute(request, { permission: "applications:write", write: true }, async ({ caller, db }) => {
    const id = pathId(params.id, "application");
    if (!(await getApiApplication(db, caller.viewer, id))) return notFound("application");
    const body = await readJsonBody(request);
    const change = ApplicationChangeSchema.safeParse(body);
    if (!change.success) return validationProblem(change.error);
    const outcome = change.data.outcome !== undefined ? OutcomeSchema.safeParse(body) : null;
    if (outcome && !outcome.success) return validationProblem(outcome.error);
    if (!change.data.stage && !outcome) return fieldProblem("stage", "Send a stage, an outcome, or both.");
    // Both changes, or neither: the stage move and the outcome commit together.
    try {
      await inTransaction(db, async (trx) => {
        const results: WriteResult[] = [];
        if (change.data.stage) results.push(await moveStage(trx, caller.viewer, id, change.data.stage));
        if (outcome?.success) results.push(await recordOutcome(trx, caller.viewer, id, outcome.data));
        const refused = results.find((r) => !r.ok);
        if (refused && !refused.ok) throw new Refusal(fieldProblem(refused.field, refused.message));
      });
    } catch (error) {
      if (error instanceof Refusal) return error.response;
      throw error;
    }
    return json(await getApiApplication(db, caller.viewer, id));
  });

// ---- Interviews ----

export const listInterviews = ({ request }: Args) =>
  apiRoute(request, { permission: "candidates:read" }, async ({ caller, db, url }) => {
    const page = pageParams(url);
    const rows = await listApiInterviews(db, caller.viewer, page, queryId(url, "application_id"));
    return json(pageOf(rows, page.limit));
  });

export const getInterview = ({ request, params }: Args) =>
  apiRoute(request, { permission: "candidates:read" }, async ({ caller, db }) => {
    const row = await getApiInterview(db, caller.viewer, pathId(params.id, "interview"));
    return row ? json(row) : notFound("interview");
  });

export const logInterviewOp = ({ request }: Args) =>
  apiRoute(request, { permission: "interviews:write", write: true }, async (ctx) => {
    const body = await readJsonBody(request);
    const parsed = NewInterviewSchema.safeParse(body);
    if (!parsed.success) return validationProblem(parsed.error);
    const { moveToStage, ...input } = parsed.data;
    return idempotent(ctx, body, async (db) =>
      written(await logInterview(db, ctx.caller.viewer, input, { moveToStage }), (id) =>
        getApiInterview(db, ctx.caller.viewer, id),
      ),
    );
  });

/** A PATCH's fields: at least one, else a 422 (an empty patch is a client's mistake, not a no-op to audit). */
async function patchBody(request: Request): Promise<Record<string, string>> {
  const body = await readJsonBody(request);
  if (Object.keys(body).length === 0) throw fieldProblem("body", "Send at least one field to change.");
  return body;
}

/**
 * A stored instant as the edit form shows it, in `zone`, unless the body sends that time itself (then
 * its fold is the body's too, never the stored one).
 */
function storedTime(body: Record<string, string>, field: string, iso: string, zone: string) {
  if (body[field] !== undefined) return {};
  const { local, fold } = wallClockOf(iso, zone);
  return { [field]: local, [`${field}Fold`]: fold };
}

export const updateInterviewOp = ({ request, params }: Args) =>
  apiRoute(request, { permission: "interviews:write", write: true }, async ({ caller, db }) => {
    const id = pathId(params.id, "interview");
    const current = await findInterview(db, caller.viewer, id);
    if (!current) return notFound("interview");
    const body = await patchBody(request);
    // Stored times are shown in the zone sent (a wrong one is refused by the schema, by name).
    const zone = body.timeZone && isTimeZone(body.timeZone) ? body.timeZone : current.time_zone;
    const stored = {
      interviewerName: current.interviewer_name,
      interviewerEmail: current.interviewer_email ?? "",
      timeZone: current.time_zone,
      format: current.format,
      round: String(current.round),
      notes: current.notes,
      ...storedTime(body, "startsAt", current.starts_at, zone),
      ...storedTime(body, "endsAt", current.ends_at, zone),
    };
    // It stays in its application, as on the edit form.
    const parsed = LogInterviewSchema.safeParse({
      ...stored,
      ...body,
      applicationId: String(current.application_id),
    });
    if (!parsed.success) return validationProblem(parsed.error);
    return written(
      await updateInterview(db, caller.viewer, id, parsed.data),
      (id) => getApiInterview(db, caller.viewer, id),
      200,
    );
  });

// ---- Follow-ups ----

export const listFollowUps = ({ request }: Args) =>
  apiRoute(request, { permission: "candidates:read" }, async ({ caller, db, url }) => {
    const page = pageParams(url);
    const rows = await listApiFollowUps(db, caller.viewer, page, queryId(url, "interview_id"));
    return json(pageOf(rows, page.limit));
  });

export const getFollowUp = ({ request, params }: Args) =>
  apiRoute(request, { permission: "candidates:read" }, async ({ caller, db }) => {
    const row = await getApiFollowUp(db, caller.viewer, pathId(params.id, "follow-up"));
    return row ? json(row) : notFound("follow-up");
  });

export const logFollowUpOp = ({ request }: Args) =>
  apiRoute(request, { permission: "follow-ups:write", write: true }, async (ctx) => {
    const body = await readJsonBody(request);
    const parsed = LogFollowUpSchema.safeParse(body);
    if (!parsed.success) return validationProblem(parsed.error);
    return idempotent(ctx, body, async (db) =>
      written(await logFollowUp(db, ctx.caller.viewer, parsed.data), (id) =>
        getApiFollowUp(db, ctx.caller.viewer, id),
      ),
    );
  });

export const updateFollowUpOp = ({ request, params }: Args) =>
  apiRoute(request, { permission: "follow-ups:write", write: true }, async ({ caller, db }) => {
    const id = pathId(params.id, "follow-up");
    const current = await findFollowUp(db, caller.viewer, id);
    if (!current) return notFound("follow-up");
    const body = await patchBody(request);
    // Stored times are shown in the zone sent (a wrong one is refused by the schema, by name).
    const zone = body.timeZone && isTimeZone(body.timeZone) ? body.timeZone : current.time_zone;
    const stored = {
      timeZone: zone,
      channel: current.channel,
      sender: current.sender ?? "",
      subject: current.subject ?? "",
      body: current.body,
      ...storedTime(body, "receivedAt", current.received_at, zone),
    };
    // It stays with its interview, as on the edit form.
    const parsed = LogFollowUpSchema.safeParse({
      ...stored,
      ...body,
      interviewId: String(current.interview_id),
    });
    if (!parsed.success) return validationProblem(parsed.error);
    return written(
      await updateFollowUp(db, caller.viewer, id, parsed.data),
      (id) => getApiFollowUp(db, caller.viewer, id),
      200,
    );
  });

// ---- Dashboard ----

export const getDashboard = ({ request }: Args) =>
  apiRoute(request, { permission: "analytics:read" }, async ({ caller, db, url }) => {
    const params = parseDashboardParams(url.searchParams);
    const settings = await getOrganizationSettings(db, caller.viewer.organization_id);
    const { options: _options, ...figures } = await loadDashboard(db, caller.viewer, params, {
      windows: settings.windows,
      weights: settings.weights,
    });
    return json(figures);
  });

/** An action for a route that takes only `allowed` (by method), else 405. */
export function byMethod(allowed: Record<string, (args: Args) => Promise<Response>>) {
  return (args: Args) => {
    const handle = allowed[args.request.method.toUpperCase()];
    return handle ? handle(args) : Promise.resolve(methodNotAllowed(["GET", ...Object.keys(allowed)]));
  };
}

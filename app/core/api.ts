// The REST API's contract (issue 22): what each operation takes and answers, as zod schemas, and the
// OpenAPI 3.1 document built from them (z.toJSONSchema). Request bodies are the forms' own schemas
// (./schemas.ts), read in their input shape; responses are described here and the data layer's
// results are typed by them (app/data/api-resources.server.ts), so the document cannot promise a field
// the API does not send. test/integration/api-openapi.test.ts holds the operations and the route files
// to each other.
import { z } from "zod";
import { BREAKDOWN_DIMENSIONS, BREAKDOWN_SORT_KEYS, FILTER_KEYS } from "./analytics";
import { BEHAVIOURS } from "./behaviours";
import { CHANNELS } from "./channels";
import { INTERVIEW_FORMATS } from "./interview-formats";
import { OUTCOMES } from "./outcomes";
import { RUBRIC_PARTS } from "./rubric-parts";
import {
  AddApplicationSchema,
  CandidateSchema,
  LogFollowUpSchema,
  LogInterviewSchema,
  MoveToStageSchema,
  NewCandidateSchema,
  PositionSchema,
} from "./schemas";
import { STAGES } from "./stages";
import { webhooksDocument } from "./webhooks";
import { WINDOWS } from "./windows";

/** The named response schemas: components of the document, referred to by $ref. */
export const API_SCHEMAS = z.registry<{ id: string; description?: string }>();

const id = z.number().int().positive();
const timestamp = z.string().describe("An instant, ISO 8601 in UTC, like 2026-11-26T09:30:00.000Z.");
const date = z.string().describe("A calendar date, like 2026-11-26.");
const nullable = <T extends z.ZodType>(schema: T) => schema.nullable();
const changed = {
  createdAt: timestamp,
  updatedAt: timestamp.describe("When a person last changed it; its creation time until then."),
};

export const ApiCandidate = z
  .object({
    id,
    name: z.string(),
    email: nullable(z.string()),
    phone: nullable(z.string()),
    source: nullable(z.string()),
    ...changed,
  })
  .register(API_SCHEMAS, { id: "Candidate" });

export const ApiPosition = z
  .object({
    id,
    title: z.string(),
    clientId: id,
    clientName: z.string(),
    hiringManagerId: nullable(id),
    status: z.enum(["open", "closed"]),
    openedOn: date,
    closedOn: nullable(date),
    ...changed,
  })
  .register(API_SCHEMAS, { id: "Position" });

export const ApiApplication = z
  .object({
    id,
    candidateId: id,
    positionId: id,
    stage: z.enum(STAGES),
    outcome: z.enum(OUTCOMES),
    outcomeOn: nullable(date),
    outcomeReason: nullable(z.string()),
    recruiterId: nullable(id),
    interviewCount: z.number().int(),
    decidedInterviewCount: z.number().int(),
    followedUpCount: z.number().int(),
    behaviour: nullable(z.enum(BEHAVIOURS)),
    medianLatencyMinutes: nullable(z.number()),
    bestScore: nullable(z.number()),
    meanScore: nullable(z.number()),
    ...changed,
  })
  .register(API_SCHEMAS, { id: "Application" });

export const ApiInterview = z
  .object({
    id,
    applicationId: id,
    interviewerName: z.string(),
    interviewerEmail: nullable(z.string()),
    startsAt: timestamp,
    endsAt: timestamp,
    timeZone: z.string().describe("The IANA zone the interview was held in."),
    format: z.enum(INTERVIEW_FORMATS),
    round: z.number().int(),
    title: nullable(z.string()),
    notes: nullable(z.string()).describe("The team's notes; null for roles that may not read them."),
    closesAt: timestamp.describe("When the last follow-up window closes."),
    firstFollowUpId: nullable(id),
    firstFollowUpAt: nullable(timestamp),
    latencyMinutes: nullable(z.number()),
    businessLatencyMinutes: nullable(z.number()),
    window: nullable(z.enum(WINDOWS)),
    ...changed,
  })
  .register(API_SCHEMAS, { id: "Interview" });

export const ApiFollowUp = z
  .object({
    id,
    interviewId: id,
    receivedAt: timestamp,
    channel: z.enum(CHANNELS),
    sender: nullable(z.string()),
    subject: nullable(z.string()),
    body: z.string(),
    latencyMinutes: nullable(z.number()),
    businessLatencyMinutes: nullable(z.number()),
    window: nullable(z.enum(WINDOWS)),
    score: nullable(z.number()),
    scorerVersion: nullable(z.string()),
    ...changed,
  })
  .register(API_SCHEMAS, { id: "FollowUp" });

export const ApiScorePart = z
  .object({
    part: z.enum(RUBRIC_PARTS),
    label: z.string(),
    points: z.number(),
    max: z.number(),
    evidence: z.array(
      z.object({
        text: z.string(),
        effect: z.enum(["earned", "cost"]),
        start: z.number().int().optional(),
        end: z.number().int().optional(),
      }),
    ),
  })
  .register(API_SCHEMAS, { id: "ScorePart" });

export const ApiFollowUpDetail = ApiFollowUp.extend({
  scoreParts: nullable(z.array(ApiScorePart)).describe("Each part's points and the evidence for them."),
}).register(API_SCHEMAS, { id: "FollowUpDetail" });

export const ApiDashboard = z
  .looseObject({
    headline: z.record(z.string(), z.unknown()),
    behaviour: z.unknown(),
    byWindow: z.unknown(),
    byBand: z.unknown(),
    windows: z.array(z.record(z.string(), z.unknown())),
    curve: z.unknown(),
    distribution: z.unknown(),
    parts: z.array(z.record(z.string(), z.unknown())),
    trend: z.record(z.string(), z.unknown()),
    breakdown: z.object({ rows: z.array(z.record(z.string(), z.unknown())), total: z.number().int() }),
  })
  .register(API_SCHEMAS, {
    id: "Dashboard",
    description: "The dashboard's figures, as the dashboard page computes them.",
  });

export const ApiProblem = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    errors: z
      .array(z.object({ field: z.string(), detail: z.string(), pointer: z.string() }))
      .optional()
      .describe("The fields at fault, with the messages the forms show beside them."),
  })
  .register(API_SCHEMAS, {
    id: "Problem",
    description: "RFC 9457 problem details (application/problem+json).",
  });

/** An application's changes: a stage, an outcome, or both (the application page's two forms). */
export const ApplicationChangeSchema = z.object({
  stage: MoveToStageSchema.shape.moveToStage,
  outcome: z.enum(OUTCOMES).optional(),
  outcomeOn: z.string().optional(),
  reason: z.string().optional(),
});

/** A new application: a position and the add-candidate form's fields. */
export const NewApplicationSchema = AddApplicationSchema.extend({
  positionId: z.coerce.number({ message: "Choose a position." }).int().positive("Choose a position."),
});

export const NewInterviewSchema = z.intersection(LogInterviewSchema, MoveToStageSchema);

// A PATCH takes any of the edit form's fields; those left out keep their stored values, and the whole
// is then checked by the edit form's own schema (app/data/api-handlers.server.ts). These describe the
// body in the document; what an edit form cannot change (the interview a follow-up answers, the
// application an interview belongs to) is not among them.
export const PositionPatchSchema = z.object(PositionSchema.shape).partial();
export const InterviewPatchSchema = z
  .object(LogInterviewSchema.in.shape)
  .omit({ applicationId: true })
  .partial();
export const FollowUpPatchSchema = z.object(LogFollowUpSchema.shape).omit({ interviewId: true }).partial();

const listOf = <T extends z.ZodType>(item: T, name: string) =>
  z
    .object({
      data: z.array(item),
      next_cursor: z.string().nullable().describe("Pass as `cursor` for the next page; null on the last."),
    })
    .register(API_SCHEMAS, { id: name });

// ---- Operations ----

export type ApiParameter = { name: string; description: string; schema: Record<string, unknown> };

export type ApiOperation = {
  method: "get" | "post" | "patch";
  /** OpenAPI path below /api/v1, with {id} for the row. */
  path: string;
  operationId: string;
  summary: string;
  tag: string;
  /** The app permission it needs (app/auth/permissions.server.ts); a write also needs a write token. */
  permission: string;
  write: boolean;
  query?: ApiParameter[];
  body?: z.ZodType;
  bodyDescription?: string;
  status: 200 | 201;
  response: z.ZodType;
};

const integer = { type: "integer", minimum: 1 };
const PAGE: ApiParameter[] = [
  {
    name: "limit",
    description: "Rows per page, 1 to 200 (default 50).",
    schema: { type: "integer", minimum: 1, maximum: 200 },
  },
  { name: "cursor", description: "The `next_cursor` of the previous page.", schema: { type: "string" } },
  {
    name: "updated_since",
    description: "Only rows created or changed by a person at or after this instant (ISO 8601 with offset).",
    schema: { type: "string", format: "date-time" },
  },
];
const filter = (name: string, what: string): ApiParameter => ({
  name,
  description: `Only rows of this ${what}.`,
  schema: integer,
});

export const API_OPERATIONS: ApiOperation[] = [
  {
    method: "get",
    path: "/candidates",
    operationId: "listCandidates",
    summary: "List the candidates the token may see",
    tag: "Candidates",
    permission: "candidates:read",
    write: false,
    query: PAGE,
    status: 200,
    response: listOf(ApiCandidate, "CandidateList"),
  },
  {
    method: "post",
    path: "/candidates",
    operationId: "createCandidate",
    summary: "Add a candidate, optionally into a position's pipeline",
    tag: "Candidates",
    permission: "candidates:write",
    write: true,
    body: NewCandidateSchema,
    status: 201,
    response: ApiCandidate,
  },
  {
    method: "get",
    path: "/candidates/{id}",
    operationId: "getCandidate",
    summary: "One candidate",
    tag: "Candidates",
    permission: "candidates:read",
    write: false,
    status: 200,
    response: ApiCandidate,
  },
  {
    method: "patch",
    path: "/candidates/{id}",
    operationId: "updateCandidate",
    summary: "Change a candidate's name, email, phone or source (all four, as the edit form sends them)",
    tag: "Candidates",
    permission: "candidates:write",
    write: true,
    body: CandidateSchema,
    status: 200,
    response: ApiCandidate,
  },
  {
    method: "get",
    path: "/positions",
    operationId: "listPositions",
    summary: "List the positions the token may see",
    tag: "Positions",
    permission: "positions:read",
    write: false,
    query: [...PAGE, filter("client_id", "client")],
    status: 200,
    response: listOf(ApiPosition, "PositionList"),
  },
  {
    method: "post",
    path: "/positions",
    operationId: "createPosition",
    summary: "Open a position",
    tag: "Positions",
    permission: "positions:write",
    write: true,
    body: PositionSchema,
    status: 201,
    response: ApiPosition,
  },
  {
    method: "get",
    path: "/positions/{id}",
    operationId: "getPosition",
    summary: "One position",
    tag: "Positions",
    permission: "positions:read",
    write: false,
    status: 200,
    response: ApiPosition,
  },
  {
    method: "patch",
    path: "/positions/{id}",
    operationId: "updatePosition",
    summary: "Change a position: any of the edit form's fields",
    tag: "Positions",
    permission: "positions:write",
    write: true,
    body: PositionPatchSchema,
    bodyDescription:
      "Any of the edit form's fields; those left out keep their values, and the result is checked as the form checks it (a closed position needs `closedOn`).",
    status: 200,
    response: ApiPosition,
  },
  {
    method: "get",
    path: "/applications",
    operationId: "listApplications",
    summary: "List applications (a position's pipeline with position_id)",
    tag: "Applications",
    permission: "candidates:read",
    write: false,
    query: [...PAGE, filter("position_id", "position"), filter("candidate_id", "candidate")],
    status: 200,
    response: listOf(ApiApplication, "ApplicationList"),
  },
  {
    method: "post",
    path: "/applications",
    operationId: "createApplication",
    summary: "Put a candidate into a position's pipeline",
    tag: "Applications",
    permission: "applications:write",
    write: true,
    body: NewApplicationSchema,
    status: 201,
    response: ApiApplication,
  },
  {
    method: "get",
    path: "/applications/{id}",
    operationId: "getApplication",
    summary: "One application",
    tag: "Applications",
    permission: "candidates:read",
    write: false,
    status: 200,
    response: ApiApplication,
  },
  {
    method: "patch",
    path: "/applications/{id}",
    operationId: "updateApplication",
    summary: "Move an application to a stage, record its outcome, or both",
    tag: "Applications",
    permission: "applications:write",
    write: true,
    body: ApplicationChangeSchema,
    bodyDescription:
      "`stage` moves it (as the stage menu does); `outcome` with `outcomeOn` and `reason` records the outcome (as the outcome form does, with the same checks).",
    status: 200,
    response: ApiApplication,
  },
  {
    method: "get",
    path: "/interviews",
    operationId: "listInterviews",
    summary: "List interviews",
    tag: "Interviews",
    permission: "candidates:read",
    write: false,
    query: [...PAGE, filter("application_id", "application")],
    status: 200,
    response: listOf(ApiInterview, "InterviewList"),
  },
  {
    method: "post",
    path: "/interviews",
    operationId: "logInterview",
    summary: "Log an interview (times on the wall clock of `timeZone`, as the form takes them)",
    tag: "Interviews",
    permission: "interviews:write",
    write: true,
    body: NewInterviewSchema,
    status: 201,
    response: ApiInterview,
  },
  {
    method: "get",
    path: "/interviews/{id}",
    operationId: "getInterview",
    summary: "One interview",
    tag: "Interviews",
    permission: "candidates:read",
    write: false,
    status: 200,
    response: ApiInterview,
  },
  {
    method: "patch",
    path: "/interviews/{id}",
    operationId: "updateInterview",
    summary: "Correct an interview: its latency, window and scores are recomputed, as the edit form does",
    tag: "Interviews",
    permission: "interviews:write",
    write: true,
    body: InterviewPatchSchema,
    bodyDescription:
      "Any of the edit form's fields; those left out keep their values. Times are on the wall clock of `timeZone` (the interview's unless sent); times left out keep their instant.",
    status: 200,
    response: ApiInterview,
  },
  {
    method: "get",
    path: "/follow-ups",
    operationId: "listFollowUps",
    summary: "List follow-ups with their scores",
    tag: "Follow-ups",
    permission: "candidates:read",
    write: false,
    query: [...PAGE, filter("interview_id", "interview")],
    status: 200,
    response: listOf(ApiFollowUp, "FollowUpList"),
  },
  {
    method: "post",
    path: "/follow-ups",
    operationId: "logFollowUp",
    summary: "Log a follow-up: it is checked, scored and counted exactly as the form does",
    tag: "Follow-ups",
    permission: "follow-ups:write",
    write: true,
    body: LogFollowUpSchema,
    bodyDescription:
      "`receivedAt` is on the wall clock of `timeZone` (default: the interview's zone), like 2026-11-26 14:00.",
    status: 201,
    response: ApiFollowUpDetail,
  },
  {
    method: "get",
    path: "/follow-ups/{id}",
    operationId: "getFollowUp",
    summary: "One follow-up with its score's parts and evidence",
    tag: "Follow-ups",
    permission: "candidates:read",
    write: false,
    status: 200,
    response: ApiFollowUpDetail,
  },
  {
    method: "patch",
    path: "/follow-ups/{id}",
    operationId: "updateFollowUp",
    summary: "Correct a follow-up: it is rescored, as the edit form does",
    tag: "Follow-ups",
    permission: "follow-ups:write",
    write: true,
    body: FollowUpPatchSchema,
    bodyDescription:
      "Any of the edit form's fields; those left out keep their values. `receivedAt` is on the wall clock of `timeZone` (default: the interview's zone).",
    status: 200,
    response: ApiFollowUpDetail,
  },
  {
    method: "get",
    path: "/dashboard",
    operationId: "getDashboard",
    summary: "The dashboard's figures, with the dashboard's filters",
    tag: "Dashboard",
    permission: "analytics:read",
    write: false,
    query: [
      ...FILTER_KEYS.map((name) => ({
        name,
        description:
          name === "from" || name === "to"
            ? `Interviews ${name === "from" ? "on or after" : "on or before"} this date (YYYY-MM-DD).`
            : `Only this ${name} (as the dashboard's filter takes it).`,
        schema: { type: "string" },
      })),
      {
        name: "by",
        description: "The breakdown's dimension.",
        schema: { type: "string", enum: [...BREAKDOWN_DIMENSIONS] },
      },
      {
        name: "sort",
        description: "The breakdown's sort key.",
        schema: { type: "string", enum: [...BREAKDOWN_SORT_KEYS] },
      },
      {
        name: "dir",
        description: "The breakdown's sort direction.",
        schema: { type: "string", enum: ["asc", "desc"] },
      },
      {
        name: "page",
        description: "The breakdown's page (25 rows each).",
        schema: { type: "integer", minimum: 1 },
      },
    ],
    status: 200,
    response: ApiDashboard,
  },
];

// ---- The OpenAPI 3.1 document ----

type Json = Record<string, unknown>;

const ref = (schema: z.ZodType): Json => {
  const meta = API_SCHEMAS.get(schema);
  if (!meta) throw new Error("A response schema must be registered in API_SCHEMAS.");
  return { $ref: `#/components/schemas/${meta.id}` };
};

/** A request body as JSON Schema 2020-12 (OpenAPI 3.1's dialect), in the shape the schema takes in. */
function inputSchema(schema: z.ZodType): Json {
  const out = z.toJSONSchema(schema, {
    io: "input",
    target: "draft-2020-12",
    unrepresentable: "any",
  }) as Json;
  delete out.$schema;
  return out;
}

/** Every registered response schema, with references between them. */
function componentSchemas(): Json {
  const out = z.toJSONSchema(API_SCHEMAS, {
    io: "output",
    target: "draft-2020-12",
    unrepresentable: "any",
    uri: (name) => `#/components/schemas/${name}`,
  }) as { schemas: Record<string, Json> };
  for (const schema of Object.values(out.schemas)) {
    delete schema.$schema;
    delete schema.id;
    delete schema.$id;
  }
  return out.schemas;
}

const problemResponse = (description: string) => ({
  description,
  content: { "application/problem+json": { schema: { $ref: "#/components/schemas/Problem" } } },
});

/** The OpenAPI 3.1 document of API_OPERATIONS. */
export function openApiDocument(): Json {
  const paths: Record<string, Record<string, Json>> = {};
  for (const op of API_OPERATIONS) {
    const parameters: Json[] = [];
    if (op.path.includes("{id}"))
      parameters.push({
        name: "id",
        in: "path",
        required: true,
        schema: integer,
        description: "The row's id.",
      });
    for (const q of op.query ?? [])
      parameters.push({
        name: q.name,
        in: "query",
        required: false,
        description: q.description,
        schema: q.schema,
      });
    const responses: Json = {
      [op.status]: {
        description: op.status === 201 ? "Created" : "OK",
        content: { "application/json": { schema: ref(op.response) } },
      },
      "400": problemResponse("A malformed request or query parameter."),
      "401": problemResponse("No token, or one unknown, revoked or expired."),
      "403": problemResponse("The token's role or scope may not do this."),
      "429": {
        ...problemResponse("Too many requests from this token this minute; see Retry-After."),
        headers: { "Retry-After": { schema: { type: "integer" }, description: "Seconds to wait." } },
      },
    };
    if (op.path.includes("{id}")) responses["404"] = problemResponse("No such row that this token may see.");
    if (op.body) responses["422"] = problemResponse("A field is invalid; `errors` names each one.");
    if (op.method === "post")
      parameters.push({
        name: "Idempotency-Key",
        in: "header",
        required: false,
        description: "Retrying with the same key returns the first answer and stores nothing twice.",
        schema: { type: "string", maxLength: 200 },
      });
    const operation: Json = {
      operationId: op.operationId,
      summary: op.summary,
      tags: [op.tag],
      description: `Needs the \`${op.permission}\` permission${op.write ? " and a write token" : ""}.`,
      parameters,
      responses,
    };
    if (op.body)
      operation.requestBody = {
        required: true,
        description:
          op.bodyDescription ?? "The fields the matching form takes; ids may be numbers or strings.",
        content: { "application/json": { schema: inputSchema(op.body) } },
      };
    (paths[op.path] ??= {})[op.method] = operation;
  }
  return {
    openapi: "3.1.0",
    info: {
      title: "Followthrough API",
      version: "1.0.0",
      description:
        "Read and write candidates, positions, applications, interviews and follow-ups, and read the dashboard's figures, with the permissions the app gives the token's user.",
    },
    servers: [{ url: "/api/v1" }],
    security: [{ bearer: [] }],
    tags: [...new Set(API_OPERATIONS.map((o) => o.tag))].map((name) => ({ name })),
    paths,
    webhooks: webhooksDocument(),
    components: {
      schemas: componentSchemas(),
      securitySchemes: { bearer: { type: "http", scheme: "bearer", description: "An API token (ftk_…)." } },
    },
  };
}

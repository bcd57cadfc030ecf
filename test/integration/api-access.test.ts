// Every API route × every role × token scope (issue 22): the status each answers, and that no row of
// another client or organization reaches the body. The route list is read from app/routes, so a new
// api.v1.* route without an entry here fails the test. Tokens act with their user's role and scope
// exactly as the pages do (a client viewer's token sees one client; a hiring manager's their positions);
// an organization token acts as an admin.
import fs from "node:fs";
import path from "node:path";
import type { Kysely } from "kysely";
import { beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../db/schema";
import type { Role } from "../../app/core/roles";
import {
  createApiToken,
  createApplication,
  createClient,
  createFollowUp,
  createInterview,
  createOrganization,
  createPosition,
  createUser,
} from "../factories";
import { freshDatabase, routeArgs } from "../helpers";

let db: Kysely<Database>;

const CALLERS = ["admin", "recruiter", "hiring_manager", "client_viewer", "organization"] as const;
type Caller = (typeof CALLERS)[number];
const SCOPES = ["read", "write"] as const;

const A1 = { client: "Acme Anvils", position: "Anvil Seller", candidate: "Alice Anvilsworth" };
const A2 = { client: "Bramble Bakery", position: "Bread Closer", candidate: "Bob Bramblewood" };
const B = { client: "Zephyr Zinc", position: "Zinc Hunter", candidate: "Zed Zephyrine" };
const NOTE = "Internal note 7731";
const FORBIDDEN: Record<Caller, string[]> = {
  admin: Object.values(B),
  recruiter: Object.values(B),
  organization: Object.values(B),
  hiring_manager: [...Object.values(B), ...Object.values(A2)],
  client_viewer: [...Object.values(B), ...Object.values(A2), NOTE],
};

async function seedClient(organizationId: number, names: typeof A1, managerId: number | null) {
  const client = await createClient(db, { organization_id: organizationId, name: names.client });
  const position = await createPosition(db, {
    client_id: client.id,
    title: names.position,
    hiring_manager_id: managerId,
  });
  const application = await createApplication(db, {
    position_id: position.id,
    candidate: { name: names.candidate, email: null, source: null },
  });
  const interview = await createInterview(db, {
    application_id: application.id,
    notes: `${NOTE} about ${names.client}`,
  });
  const followUp = await createFollowUp(db, {
    interview_id: interview.id,
    body: `Thank you for the talk about ${names.position}.`,
  });
  return {
    clientId: client.id,
    positionId: position.id,
    candidateId: application.candidate_id,
    applicationId: application.id,
    interviewId: interview.id,
    followUpId: followUp.id,
  };
}

async function seed() {
  const orgA = await createOrganization(db);
  const orgB = await createOrganization(db);
  const users = {} as Record<Role, { id: number }>;
  users.admin = await createUser(db, { organization_id: orgA.id, role: "admin" });
  users.recruiter = await createUser(db, { organization_id: orgA.id, role: "recruiter" });
  users.hiring_manager = await createUser(db, { organization_id: orgA.id, role: "hiring_manager" });
  const a1 = await seedClient(orgA.id, A1, users.hiring_manager.id);
  const a2 = await seedClient(orgA.id, A2, null);
  users.client_viewer = await createUser(db, {
    organization_id: orgA.id,
    role: "client_viewer",
    client_id: a1.clientId,
  });
  const b = await seedClient(orgB.id, B, null);
  const tokens = {} as Record<`${Caller}:${(typeof SCOPES)[number]}`, string>;
  for (const scope of SCOPES) {
    for (const role of ["admin", "recruiter", "hiring_manager", "client_viewer"] as const)
      tokens[`${role}:${scope}`] = (await createApiToken(db, { user_id: users[role].id, scope })).token;
    tokens[`organization:${scope}`] = (
      await createApiToken(db, { organization_id: orgA.id, user_id: null, created_by: users.admin.id, scope })
    ).token;
  }
  return { a1, a2, b, tokens };
}

type Seed = Awaited<ReturnType<typeof seed>>;
let s: Seed;

/** Statuses by caller, in the order of CALLERS. */
type Statuses = [number, number, number, number, number];
type Case = {
  url: (s: Seed) => string;
  params?: (s: Seed) => Record<string, string>;
  get?: Statuses;
  /** The write method and its statuses with a read token and with a write token (an empty body: 422 when allowed). */
  write?: { method: "POST" | "PATCH"; read: Statuses; write: Statuses };
};

const ALL_200: Statuses = [200, 200, 200, 200, 200];
const READ_ONLY: Statuses = [403, 403, 403, 403, 403];
const WRITERS: Statuses = [422, 422, 422, 403, 422];
const AGENCY: Statuses = [422, 422, 403, 403, 422];

const ROUTES: Record<string, Case> = {
  "api.v1.candidates": {
    url: () => "/api/v1/candidates",
    get: ALL_200,
    write: { method: "POST", read: READ_ONLY, write: WRITERS },
  },
  "api.v1.candidates.$id": {
    url: (s) => `/api/v1/candidates/${s.a1.candidateId}`,
    params: (s) => ({ id: String(s.a1.candidateId) }),
    get: ALL_200,
    write: { method: "PATCH", read: READ_ONLY, write: WRITERS },
  },
  "api.v1.positions": {
    url: () => "/api/v1/positions",
    get: ALL_200,
    write: { method: "POST", read: READ_ONLY, write: AGENCY },
  },
  "api.v1.positions.$id": {
    url: (s) => `/api/v1/positions/${s.a1.positionId}`,
    params: (s) => ({ id: String(s.a1.positionId) }),
    get: ALL_200,
    write: { method: "PATCH", read: READ_ONLY, write: AGENCY },
  },
  "api.v1.applications": {
    url: () => "/api/v1/applications",
    get: ALL_200,
    write: { method: "POST", read: READ_ONLY, write: WRITERS },
  },
  "api.v1.applications.$id": {
    url: (s) => `/api/v1/applications/${s.a1.applicationId}`,
    params: (s) => ({ id: String(s.a1.applicationId) }),
    get: ALL_200,
    write: { method: "PATCH", read: READ_ONLY, write: WRITERS },
  },
  "api.v1.interviews": {
    url: () => "/api/v1/interviews",
    get: ALL_200,
    write: { method: "POST", read: READ_ONLY, write: WRITERS },
  },
  "api.v1.interviews.$id": {
    url: (s) => `/api/v1/interviews/${s.a1.interviewId}`,
    params: (s) => ({ id: String(s.a1.interviewId) }),
    get: ALL_200,
    write: { method: "PATCH", read: READ_ONLY, write: WRITERS },
  },
  "api.v1.follow-ups": {
    url: () => "/api/v1/follow-ups",
    get: ALL_200,
    write: { method: "POST", read: READ_ONLY, write: WRITERS },
  },
  "api.v1.follow-ups.$id": {
    url: (s) => `/api/v1/follow-ups/${s.a1.followUpId}`,
    params: (s) => ({ id: String(s.a1.followUpId) }),
    get: ALL_200,
    write: { method: "PATCH", read: READ_ONLY, write: WRITERS },
  },
  "api.v1.dashboard": { url: () => "/api/v1/dashboard", get: ALL_200 },
  // Public: the document and its reference page hold no organization's data.
  "api.v1.openapi[.json]": { url: () => "/api/v1/openapi.json", get: ALL_200 },
  "api.v1.docs": { url: () => "/api/v1/docs", get: ALL_200 },
};

type Handler = (args: ReturnType<typeof routeArgs>) => unknown;
type Module = { loader?: Handler; action?: Handler };

async function call(fn: Handler, args: ReturnType<typeof routeArgs>) {
  const result = await fn(args);
  if (result instanceof Response) return { status: result.status, text: await result.text() };
  return { status: 200, text: JSON.stringify(result) };
}

function request(
  url: string,
  params: Record<string, string>,
  token: string | null,
  method = "GET",
  body?: string,
) {
  const headers: Record<string, string> = {};
  if (token) headers.Authorization = `Bearer ${token}`;
  if (body !== undefined) headers["Content-Type"] = "application/json";
  return routeArgs(url, null, params, { method, headers, body });
}

function expectNoLeak(caller: Caller, label: string, text: string) {
  for (const name of FORBIDDEN[caller])
    expect(text.includes(name), `${label} as ${caller} names “${name}”`).toBe(false);
}

beforeAll(async () => {
  db = await freshDatabase();
  process.env.API_RATE_LIMIT = "100000";
  s = await seed();
});

describe("API access: every route × role × token scope", () => {
  const files = fs
    .readdirSync(path.resolve("app/routes"))
    .filter((f) => f.startsWith("api.v1.") && !/\.test\.tsx?$/.test(f))
    .map((f) => f.replace(/\.tsx?$/, ""))
    .sort();

  it("lists every api.v1 route", () => {
    expect(files).toEqual(Object.keys(ROUTES).sort());
  });

  for (const file of files) {
    it(file, async () => {
      const spec = ROUTES[file];
      const mod = (await import(`../../app/routes/${file}`)) as Module;
      const params = spec.params?.(s) ?? {};
      const url = spec.url(s);
      const actual: Record<string, number[]> = {};
      const want: Record<string, number[]> = {};
      if (spec.get) {
        want.get = spec.get;
        actual.get = [];
        for (const caller of CALLERS) {
          const { status, text } = await call(mod.loader!, request(url, params, s.tokens[`${caller}:read`]));
          actual.get.push(status);
          expectNoLeak(caller, `GET ${file}`, text);
        }
        if (!["api.v1.openapi[.json]", "api.v1.docs"].includes(file)) {
          // No token, a malformed one and an unknown one: 401, naming nothing.
          for (const token of [null, "nonsense", `ftk_${"A".repeat(43)}`]) {
            const { status, text } = await call(mod.loader!, request(url, params, token));
            expect(status, `${file} with token ${token}`).toBe(401);
            expect(text).not.toContain(A1.candidate);
          }
        }
      }
      if (spec.write) {
        expect(mod.action, `${file} takes ${spec.write.method}`).toBeDefined();
        for (const scope of SCOPES) {
          actual[`${spec.write.method} ${scope}`] = [];
          want[`${spec.write.method} ${scope}`] = spec.write[scope];
          for (const caller of CALLERS) {
            const { status, text } = await call(
              mod.action!,
              request(url, params, s.tokens[`${caller}:${scope}`], spec.write.method, "{}"),
            );
            actual[`${spec.write.method} ${scope}`].push(status);
            expectNoLeak(caller, `${spec.write.method} ${file}`, text);
          }
        }
      } else if (mod.action) {
        const { status } = await call(
          mod.action,
          request(url, params, s.tokens["admin:write"], "POST", "{}"),
        );
        expect(status).toBe(405);
      }
      expect(actual, `${file} [${CALLERS.join(", ")}]`).toEqual(want);
    });
  }

  it("another client's or organization's row answers 404", async () => {
    const cases: [string, keyof Seed["a1"]][] = [
      ["api.v1.candidates.$id", "candidateId"],
      ["api.v1.positions.$id", "positionId"],
      ["api.v1.applications.$id", "applicationId"],
      ["api.v1.interviews.$id", "interviewId"],
      ["api.v1.follow-ups.$id", "followUpId"],
    ];
    for (const [file, key] of cases) {
      const mod = (await import(`../../app/routes/${file}`)) as Module;
      const rows: [Caller, number][] = [
        ["admin", s.b[key]],
        ["organization", s.b[key]],
        ["recruiter", s.b[key]],
        ["hiring_manager", s.a2[key]],
        ["client_viewer", s.a2[key]],
        ["client_viewer", s.b[key]],
      ];
      for (const [caller, id] of rows) {
        const { status, text } = await call(
          mod.loader!,
          request(`/api/v1/x/${id}`, { id: String(id) }, s.tokens[`${caller}:read`]),
        );
        expect(status, `${file} #${id} as ${caller}`).toBe(404);
        expectNoLeak(caller, file, text);
      }
    }
  });

  it("a PATCH of another client's or organization's row answers 404 and changes nothing", async () => {
    const cases: [string, keyof Seed["a1"], Record<string, string>][] = [
      ["api.v1.candidates.$id", "candidateId", { name: "Mallory", email: "" }],
      ["api.v1.positions.$id", "positionId", { title: "Mallory" }],
      ["api.v1.applications.$id", "applicationId", { stage: "offer" }],
      ["api.v1.interviews.$id", "interviewId", { interviewerName: "Mallory" }],
      ["api.v1.follow-ups.$id", "followUpId", { subject: "Mallory" }],
    ];
    for (const [file, key, body] of cases) {
      const mod = (await import(`../../app/routes/${file}`)) as Module;
      const rows: [Caller, number][] = [
        ["admin", s.b[key]],
        ["organization", s.b[key]],
        ["recruiter", s.b[key]],
        // Positions are not a hiring manager's to change at all (403, as in the matrix above).
        ...(key === "positionId" ? [] : [["hiring_manager", s.a2[key]] as [Caller, number]]),
      ];
      for (const [caller, id] of rows) {
        const { status, text } = await call(
          mod.action!,
          request(
            `/api/v1/x/${id}`,
            { id: String(id) },
            s.tokens[`${caller}:write`],
            "PATCH",
            JSON.stringify(body),
          ),
        );
        expect(status, `PATCH ${file} #${id} as ${caller}`).toBe(404);
        expectNoLeak(caller, file, text);
      }
    }
    const names = await Promise.all([
      db.selectFrom("candidates").select("id").where("name", "=", "Mallory").execute(),
      db.selectFrom("positions").select("id").where("title", "=", "Mallory").execute(),
      db.selectFrom("interviews").select("id").where("interviewer_name", "=", "Mallory").execute(),
      db.selectFrom("follow_ups").select("id").where("subject", "=", "Mallory").execute(),
      db.selectFrom("applications").select("id").where("stage", "=", "offer").execute(),
    ]);
    expect(names.flat()).toEqual([]);
  });

  it("lists show each caller only their own rows", async () => {
    for (const file of [
      "api.v1.candidates",
      "api.v1.positions",
      "api.v1.applications",
      "api.v1.interviews",
      "api.v1.follow-ups",
    ]) {
      const mod = (await import(`../../app/routes/${file}`)) as Module;
      for (const caller of CALLERS) {
        const { status, text } = await call(
          mod.loader!,
          request(`/api/v1/x`, {}, s.tokens[`${caller}:read`]),
        );
        expect(status).toBe(200);
        expectNoLeak(caller, file, text);
      }
    }
    // A client viewer's interview notes are withheld, as on the pages; staff read them.
    const interviews = (await import("../../app/routes/api.v1.interviews")) as Module;
    const staff = await call(
      interviews.loader!,
      request("/api/v1/interviews", {}, s.tokens["recruiter:read"]),
    );
    expect(staff.text).toContain(NOTE);
  });
});

// Every route module × every kind of visitor: the status each loader and action answers, and that no
// row of another client or organization reaches the response (JSON or text, errors included).
// The route list is read from app/routes, so a new route without an entry here fails the test.
import fs from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import type { Kysely } from "kysely";
import type { Role } from "../../app/core/roles";
import type { Database } from "../../db/schema";
import {
  createApplication,
  createAuditEntry,
  createClient,
  createFollowUp,
  createInterview,
  createOrganization,
  createPosition,
  createUser,
} from "../factories";
import { freshDatabase, routeArgs, sessionCookie } from "../helpers";
import { makePng } from "../images";

/** An expiry share links accept (a year at most). */
const IN_A_MONTH = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);

let db: Kysely<Database>;

const VISITORS = ["admin", "recruiter", "hiring_manager", "client_viewer", "anonymous", "share"] as const;
type Visitor = (typeof VISITORS)[number];
/** Expected statuses, in the order of VISITORS. */
type Statuses = [number, number, number, number, number, number];

// Distinctive names: each must appear only to those who may see it.
const A1 = {
  client: "Acme Anvils",
  position: "Anvil Seller",
  candidate: "Alice Anvilsworth",
  interviewer: "Ivan Acmeson",
};
const A2 = {
  client: "Bramble Bakery",
  position: "Bread Closer",
  candidate: "Bob Bramblewood",
  interviewer: "Ingrid Bramblefield",
};
/** A recruiter who works only on the other client: staff of the organization, so hiring managers may
 * see the name (to assign applications); client viewers, outside the organization, may not. */
const REX = "Rex Bramblerecruiter";
const B = {
  org: "Zephyr Zinc Agency",
  client: "Zephyr Zinc",
  position: "Zinc Hunter",
  candidate: "Zed Zephyrine",
  interviewer: "Zora Zincfield",
};
const OTHER_ORG = Object.values(B);
/** Written into every interview's notes: the team's working notes, which client viewers never see. */
const NOTE = "Internal note 7731";
const OTHER_CLIENT = Object.values(A2);
/** What each visitor must never see. */
const FORBIDDEN: Record<Visitor, string[]> = {
  admin: OTHER_ORG,
  recruiter: OTHER_ORG,
  hiring_manager: [...OTHER_ORG, ...OTHER_CLIENT],
  client_viewer: [...OTHER_ORG, ...OTHER_CLIENT, REX, NOTE],
  anonymous: [...OTHER_ORG, ...OTHER_CLIENT, A1.client, A1.candidate, NOTE],
  share: [...OTHER_ORG, ...OTHER_CLIENT, REX, NOTE],
};

type Seed = Awaited<ReturnType<typeof seed>>;
let s: Seed;
const cookies = new Map<Visitor, string | null>();

async function seedClient(
  organizationId: number,
  names: { client: string; position: string; candidate: string; interviewer: string },
  managerId: number | null,
  recruiterId: number | null,
) {
  const client = await createClient(db, { organization_id: organizationId, name: names.client });
  const position = await createPosition(db, {
    client_id: client.id,
    title: names.position,
    hiring_manager_id: managerId,
    opened_on: "2026-09-01",
  });
  const application = await createApplication(db, {
    position_id: position.id,
    candidate: {
      name: names.candidate,
      email: `${names.candidate.split(" ")[0].toLowerCase()}@example.test`,
      source: null,
    },
    outcome: "offer",
    outcome_on: "2026-10-20",
    recruiter_id: recruiterId,
    behaviour: "always",
    interview_count: 1,
    decided_interview_count: 1,
    followed_up_count: 1,
    best_score: 80,
    mean_score: 80,
    median_latency_minutes: 120,
    last_interview_end: "2026-10-01T15:00:00.000Z",
  });
  const interview = await createInterview(db, {
    application_id: application.id,
    interviewer_name: names.interviewer,
    ends_at: "2026-10-01T15:00:00.000Z",
    notes: `${NOTE}: talked with ${names.interviewer} about ${names.client}.`,
  });
  const followUp = await createFollowUp(db, {
    interview_id: interview.id,
    received_at: "2026-10-01T17:00:00.000Z",
    subject: `Thank you, ${names.interviewer}`,
    body: `Thank you for the conversation about ${names.position} at ${names.client}.`,
    latency_minutes: 120,
    business_latency_minutes: 120,
    window: "best",
    score: 80,
  });
  await db
    .updateTable("interviews")
    .set({
      first_follow_up_id: followUp.id,
      first_follow_up_at: "2026-10-01T17:00:00.000Z",
      latency_minutes: 120,
      business_latency_minutes: 120,
      window: "best",
    })
    .where("id", "=", interview.id)
    .execute();
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
  const orgA = await createOrganization(db, { name: "Alpha Agency" });
  const orgB = await createOrganization(db, { name: B.org });
  const users = {} as Record<Role, { id: number }>;
  users.admin = await createUser(db, { organization_id: orgA.id, role: "admin" });
  users.recruiter = await createUser(db, { organization_id: orgA.id, role: "recruiter" });
  users.hiring_manager = await createUser(db, { organization_id: orgA.id, role: "hiring_manager" });
  const rex = await createUser(db, { organization_id: orgA.id, role: "recruiter", name: REX });
  const a1 = await seedClient(orgA.id, A1, users.hiring_manager.id, users.recruiter.id);
  const a2 = await seedClient(orgA.id, A2, null, rex.id);
  users.client_viewer = await createUser(db, {
    organization_id: orgA.id,
    role: "client_viewer",
    client_id: a1.clientId,
  });
  const bAdmin = await createUser(db, { organization_id: orgB.id, role: "admin" });
  const b = await seedClient(orgB.id, B, null, bAdmin.id);
  const { inviteUser } = await import("../../app/data/users.server");
  const admin = { id: users.admin.id, organization_id: orgA.id, role: "admin" as const, client_id: null };
  const invited = await inviteUser(db, admin, {
    name: "Ina Invitee",
    email: "ina@example.test",
    role: "recruiter",
    clientId: null,
  });
  if (!invited.ok || !invited.token) throw new Error("invite failed");
  // The other organization's audit log names its own client: it must not reach this one's viewer.
  await createAuditEntry(db, {
    organization_id: orgB.id,
    user_id: bAdmin.id,
    action: "update",
    entity: "client",
    entity_id: b.clientId,
    detail: JSON.stringify({ name: B.client }),
  });
  const { saveBranding } = await import("../../app/data/branding.server");
  const branded = await saveBranding(db, admin, { name: null, color: null, logo: makePng(8, 8, [0, 0, 0]) });
  if (!branded.ok) throw new Error("branding failed");
  const { createShareLink } = await import("../../app/data/share-links.server");
  const shared = await createShareLink(db, admin, {
    clientId: a1.clientId,
    from: null,
    to: null,
    expiresOn: IN_A_MONTH,
    label: null,
  });
  if (!shared.ok) throw new Error("share link failed");
  return {
    orgA: orgA.id,
    orgB: orgB.id,
    users,
    a1,
    a2,
    b,
    inviteToken: invited.token,
    shareToken: shared.token,
    admin,
  };
}

type Ctx = { s: Seed; visitor: Visitor };
type Case = {
  /** The URL, built from the seed. */
  url: (s: Seed) => string;
  params?: (s: Seed) => Record<string, string>;
  loader?: Statuses;
  action?: Statuses;
  /** A share token in the URL opens the report to whoever holds it: judged as the share visitor. */
  token?: true;
  /** A form body for the action (default: empty, which every action refuses as invalid or ignores). */
  body?: (c: Ctx) => Record<string, string>;
};

// [admin, recruiter, hiring_manager, client_viewer, anonymous, share]
const SIGNED_IN_ALL: Statuses = [200, 200, 200, 200, 302, 302];
const WRITERS_400: Statuses = [400, 400, 400, 403, 302, 302];
const AGENCY_200: Statuses = [200, 200, 403, 403, 302, 302];
const AGENCY_400: Statuses = [400, 400, 403, 403, 302, 302];
const ADMIN_200: Statuses = [200, 403, 403, 403, 302, 302];
const ADMIN_400: Statuses = [400, 403, 403, 403, 302, 302];

const API_401: Statuses = [401, 401, 401, 401, 401, 401];
const API_405: Statuses = [405, 405, 405, 405, 405, 405];
/** The REST API takes a bearer token, never the session cookie (test/integration/api-access.test.ts covers tokens). */
const api = (route: string, action?: Statuses): Case => ({
  url: () => `/api/v1/${route}`,
  params: () => ({ id: "1" }),
  loader: API_401,
  ...(action ? { action } : {}),
});

const ROUTES: Record<string, Case> = {
  "_app.settings_.tokens": { url: () => "/settings/tokens", loader: ADMIN_200, action: ADMIN_400 },
  "_app.settings_.ats": { url: () => "/settings/ats", loader: ADMIN_200, action: ADMIN_400 },
  // Greenhouse's web hooks: no session, a URL key and a signature (test/integration/ats-receiver.test.ts).
  "ats.greenhouse.$key": {
    url: () => "/ats/greenhouse/no-such-key",
    params: () => ({ key: "no-such-key" }),
    loader: API_405,
    action: [404, 404, 404, 404, 404, 404],
  },
  "_app.account_.tokens": {
    url: () => "/account/tokens",
    loader: SIGNED_IN_ALL,
    action: [400, 400, 400, 400, 302, 302],
  },
  "api.v1.candidates": api("candidates", API_401),
  "api.v1.candidates.$id": api("candidates/1", API_405),
  "api.v1.positions": api("positions", API_401),
  "api.v1.positions.$id": api("positions/1", API_405),
  "api.v1.applications": api("applications", API_401),
  "api.v1.applications.$id": api("applications/1", API_405),
  "api.v1.interviews": api("interviews", API_401),
  "api.v1.interviews.$id": api("interviews/1", API_405),
  "api.v1.follow-ups": api("follow-ups", API_401),
  "api.v1.follow-ups.$id": api("follow-ups/1", API_405),
  "api.v1.dashboard": api("dashboard"),
  "api.v1.openapi[.json]": {
    url: () => "/api/v1/openapi.json",
    loader: SIGNED_IN_ALL.map(() => 200) as Statuses,
  },
  "api.v1.docs": { url: () => "/api/v1/docs", loader: SIGNED_IN_ALL.map(() => 200) as Statuses },
  // Today; a client viewer is sent on to their report.
  "_app._index": { url: () => "/", loader: [200, 200, 200, 302, 302, 302] },
  "_app.applications.$applicationId._index": {
    url: (s) => `/applications/${s.a1.applicationId}`,
    params: (s) => ({ applicationId: String(s.a1.applicationId) }),
    loader: SIGNED_IN_ALL,
    action: WRITERS_400,
  },
  "_app.applications.$applicationId.delete": {
    url: (s) => `/applications/${s.a1.applicationId}/delete`,
    params: (s) => ({ applicationId: String(s.a1.applicationId) }),
    loader: [200, 200, 200, 403, 302, 302],
    action: WRITERS_400,
  },
  "_app.awaiting": { url: () => "/awaiting", loader: SIGNED_IN_ALL },
  "_app.follow-ups.$followUpId.delete": {
    url: (s) => `/follow-ups/${s.a1.followUpId}/delete`,
    params: (s) => ({ followUpId: String(s.a1.followUpId) }),
    loader: [200, 200, 200, 403, 302, 302],
    // Refused without the confirmation.
    action: WRITERS_400,
  },
  "_app.follow-ups.$followUpId.edit": {
    url: (s) => `/follow-ups/${s.a1.followUpId}/edit`,
    params: (s) => ({ followUpId: String(s.a1.followUpId) }),
    loader: [200, 200, 200, 403, 302, 302],
    action: WRITERS_400,
  },
  // Issue 21: reviewing a score; everything held about a candidate; the notice and retention settings.
  "_app.follow-ups.$followUpId.review": {
    url: (s) => `/follow-ups/${s.a1.followUpId}/review`,
    params: (s) => ({ followUpId: String(s.a1.followUpId) }),
    loader: [200, 200, 200, 403, 302, 302],
    // An empty post has no verdict.
    action: WRITERS_400,
  },
  "_app.candidates.$candidateId_.data": {
    url: (s) => `/candidates/${s.a1.candidateId}/data`,
    params: (s) => ({ candidateId: String(s.a1.candidateId) }),
    loader: AGENCY_200,
  },
  "candidates.$candidateId.data[.json]": {
    url: (s) => `/candidates/${s.a1.candidateId}/data.json`,
    params: (s) => ({ candidateId: String(s.a1.candidateId) }),
    loader: AGENCY_200,
  },
  // An empty post clears the notice, or the rule: saved, then back to the page.
  "_app.settings_.notice": {
    url: () => "/settings/notice",
    loader: ADMIN_200,
    action: [302, 403, 403, 403, 302, 302],
  },
  "_app.settings_.retention": {
    url: () => "/settings/retention",
    loader: ADMIN_200,
    action: [302, 403, 403, 403, 302, 302],
  },
  "_app.candidates.$candidateId": {
    url: (s) => `/candidates/${s.a1.candidateId}`,
    params: (s) => ({ candidateId: String(s.a1.candidateId) }),
    loader: SIGNED_IN_ALL,
    action: WRITERS_400,
  },
  "_app.candidates.$candidateId_.delete": {
    url: (s) => `/candidates/${s.a1.candidateId}/delete`,
    params: (s) => ({ candidateId: String(s.a1.candidateId) }),
    loader: AGENCY_200,
    action: AGENCY_400,
  },
  "_app.candidates.$candidateId_.edit": {
    url: (s) => `/candidates/${s.a1.candidateId}/edit`,
    params: (s) => ({ candidateId: String(s.a1.candidateId) }),
    loader: [200, 200, 200, 403, 302, 302],
    action: WRITERS_400,
  },
  "_app.candidates._index": { url: () => "/candidates", loader: SIGNED_IN_ALL },
  "_app.candidates.new": {
    url: () => "/candidates/new",
    loader: [200, 200, 200, 403, 302, 302],
    action: WRITERS_400,
  },
  "_app.clients.$clientId.delete": {
    url: (s) => `/clients/${s.a1.clientId}/delete`,
    params: (s) => ({ clientId: String(s.a1.clientId) }),
    loader: AGENCY_200,
    // Refused while the client still has positions.
    action: AGENCY_400,
  },
  "_app.clients.$clientId.edit": {
    url: (s) => `/clients/${s.a1.clientId}/edit`,
    params: (s) => ({ clientId: String(s.a1.clientId) }),
    loader: AGENCY_200,
    action: AGENCY_400,
  },
  "_app.clients._index": { url: () => "/clients", loader: SIGNED_IN_ALL },
  "_app.clients.$clientId.mail": {
    url: (s) => `/clients/${s.a1.clientId}/mail`,
    params: (s) => ({ clientId: String(s.a1.clientId) }),
    loader: AGENCY_200,
    action: AGENCY_400,
  },
  "_app.clients.new": { url: () => "/clients/new", loader: AGENCY_200, action: AGENCY_400 },
  "_app.dashboard": { url: () => "/dashboard", loader: SIGNED_IN_ALL },
  "_app.positions.$positionId._index": {
    url: (s) => `/positions/${s.a1.positionId}`,
    params: (s) => ({ positionId: String(s.a1.positionId) }),
    loader: SIGNED_IN_ALL,
    // Saving a view is open to every reader of the pipeline (views are their own); an empty post is refused.
    action: [400, 400, 400, 400, 302, 302],
  },
  // The confirmation of a bulk change: with nothing chosen it says so; an empty post is refused.
  "_app.positions.$positionId.bulk": {
    url: (s) => `/positions/${s.a1.positionId}/bulk`,
    params: (s) => ({ positionId: String(s.a1.positionId) }),
    loader: [200, 200, 200, 403, 302, 302],
    action: WRITERS_400,
  },
  "_app.positions.$positionId.add": {
    url: (s) => `/positions/${s.a1.positionId}/add`,
    params: (s) => ({ positionId: String(s.a1.positionId) }),
    loader: [200, 200, 200, 403, 302, 302],
    action: WRITERS_400,
  },
  "_app.positions.$positionId.delete": {
    url: (s) => `/positions/${s.a1.positionId}/delete`,
    params: (s) => ({ positionId: String(s.a1.positionId) }),
    loader: AGENCY_200,
    action: AGENCY_400,
  },
  "_app.positions.$positionId.edit": {
    url: (s) => `/positions/${s.a1.positionId}/edit`,
    params: (s) => ({ positionId: String(s.a1.positionId) }),
    loader: AGENCY_200,
    action: AGENCY_400,
  },
  "_app.interviews.$interviewId.delete": {
    url: (s) => `/interviews/${s.a1.interviewId}/delete`,
    params: (s) => ({ interviewId: String(s.a1.interviewId) }),
    loader: [200, 200, 200, 403, 302, 302],
    action: WRITERS_400,
  },
  "_app.interviews.$interviewId.edit": {
    url: (s) => `/interviews/${s.a1.interviewId}/edit`,
    params: (s) => ({ interviewId: String(s.a1.interviewId) }),
    loader: [200, 200, 200, 403, 302, 302],
    action: WRITERS_400,
  },
  "_app.positions._index": { url: () => "/positions", loader: SIGNED_IN_ALL },
  "_app.positions.new": { url: () => "/positions/new", loader: AGENCY_200, action: AGENCY_400 },
  // The other organization's candidate's name: found nowhere else.
  "_app.search": { url: () => "/search?q=zed", loader: SIGNED_IN_ALL },
  "_app.settings": { url: () => "/settings", loader: ADMIN_200, action: ADMIN_400 },
  "_app.settings_.branding": { url: () => "/settings/branding", loader: ADMIN_200, action: ADMIN_400 },
  // The organization's logo, to those who read its reports (the seed uploads one).
  "branding.logo": { url: () => "/branding/logo", loader: [200, 200, 403, 200, 302, 302] },
  "_app.settings_.outbox": { url: () => "/settings/outbox", loader: ADMIN_200, action: ADMIN_400 },
  "_app.settings_.webhooks": { url: () => "/settings/webhooks", loader: ADMIN_200, action: ADMIN_400 },
  "_app.settings_.mailboxes": { url: () => "/settings/mailboxes", loader: AGENCY_200, action: AGENCY_400 },
  "_app.import": { url: () => "/import", loader: AGENCY_200 },
  "_app.import._index": { url: () => "/import", loader: AGENCY_200, action: AGENCY_400 },
  "_app.import.csv": { url: () => "/import/csv", loader: AGENCY_200, action: AGENCY_400 },
  // No upload has this token: the page says it has expired, and a step posted to it is refused.
  "_app.import.csv_.$token": {
    url: () => "/import/csv/0123456789abcdef01234567",
    params: () => ({ token: "0123456789abcdef01234567" }),
    loader: AGENCY_200,
    action: AGENCY_400,
  },
  "_app.import.email": { url: () => "/import/email", loader: AGENCY_200, action: AGENCY_400 },
  "_app.import.calendar": { url: () => "/import/calendar", loader: AGENCY_200, action: AGENCY_400 },
  "_app.import.calendar_.$token": {
    url: () => "/import/calendar/0123456789abcdef01234567",
    params: () => ({ token: "0123456789abcdef01234567" }),
    loader: AGENCY_200,
    action: AGENCY_400,
  },
  "_app.import.inbox": { url: () => "/import/inbox", loader: AGENCY_200, action: AGENCY_400 },
  // No import runs for this token, so the answer is null: what matters is who may ask.
  "import.progress": { url: () => "/import/progress?file=0123456789abcdef01234567", loader: AGENCY_200 },
  "positions.$positionId.export[.csv]": {
    url: (s) => `/positions/${s.a1.positionId}/export.csv`,
    params: (s) => ({ positionId: String(s.a1.positionId) }),
    loader: SIGNED_IN_ALL,
  },
  "candidates.$candidateId.export[.csv]": {
    url: (s) => `/candidates/${s.a1.candidateId}/export.csv`,
    params: (s) => ({ candidateId: String(s.a1.candidateId) }),
    loader: SIGNED_IN_ALL,
  },
  "dashboard.export[.csv]": { url: () => "/dashboard/export.csv?by=client", loader: SIGNED_IN_ALL },
  // The analytics filters' matches: every position, interviewer and recruiter this visitor may see.
  "filter-options": { url: () => "/filter-options?list=positions&q=", loader: SIGNED_IN_ALL },
  "organization.export[.json]": { url: () => "/organization/export.json", loader: ADMIN_200 },
  "_app.reports._index": {
    url: () => "/reports",
    loader: [200, 200, 403, 302, 302, 302],
    action: AGENCY_400,
  },
  "_app.reports.$clientId": {
    url: (s) => `/reports/${s.a1.clientId}`,
    params: (s) => ({ clientId: String(s.a1.clientId) }),
    loader: [200, 200, 403, 200, 302, 302],
  },
  "reports.$clientId.export[.csv]": {
    url: (s) => `/reports/${s.a1.clientId}/export.csv`,
    params: (s) => ({ clientId: String(s.a1.clientId) }),
    loader: [200, 200, 403, 200, 302, 302],
  },
  // Public: the token opens one client's report to anyone who has it, signed in or not.
  "share.$token": {
    url: (s) => `/share/${s.shareToken}`,
    params: (s) => ({ token: s.shareToken }),
    token: true,
    loader: [200, 200, 200, 200, 200, 200],
  },
  "share.$token.export[.csv]": {
    url: (s) => `/share/${s.shareToken}/export.csv`,
    params: (s) => ({ token: s.shareToken }),
    token: true,
    loader: [200, 200, 200, 200, 200, 200],
  },
  "share.$token.logo": {
    url: (s) => `/share/${s.shareToken}/logo`,
    params: (s) => ({ token: s.shareToken }),
    token: true,
    loader: [200, 200, 200, 200, 200, 200],
  },
  "_app.audit": { url: () => "/audit", loader: ADMIN_200 },
  // Self-identification and the adverse-impact report (issue 21): the compliance permission, admins only.
  "_app.candidates.$candidateId_.self-identification": {
    url: (s) => `/candidates/${s.a1.candidateId}/self-identification`,
    params: (s) => ({ candidateId: String(s.a1.candidateId) }),
    loader: ADMIN_200,
    action: ADMIN_400,
    // An answer that is not a choice: refused, so that nothing is stored.
    body: () => ({ sex: "Not a choice" }),
  },
  "_app.compliance": { url: () => "/compliance", loader: ADMIN_200 },
  "compliance.export[.csv]": { url: () => "/compliance/export.csv", loader: ADMIN_200 },
  "_app.settings_.self-identification": {
    url: () => "/settings/self-identification",
    loader: ADMIN_200,
    action: ADMIN_400,
  },
  "_app.users": { url: () => "/users", loader: ADMIN_200, action: ADMIN_400 },
  "_app.account": { url: () => "/account", loader: SIGNED_IN_ALL, action: [400, 400, 400, 400, 302, 302] },
  // Public: the token is the access. An empty form is refused without spending the link.
  "invite.$token": {
    url: (s) => `/invite/${s.inviteToken}`,
    params: (s) => ({ token: s.inviteToken }),
    loader: [200, 200, 200, 200, 200, 200],
    action: [400, 400, 400, 400, 400, 400],
  },
  _app: { url: () => "/dashboard", loader: SIGNED_IN_ALL },
  // An organization exists, so first-run sends everyone to sign in.
  "first-run": {
    url: () => "/first-run",
    loader: [302, 302, 302, 302, 302, 302],
    action: [400, 400, 400, 400, 400, 400],
  },
  healthz: { url: () => "/healthz", loader: [200, 200, 200, 200, 200, 200] },
  // Public: an email form that answers the same for every address; an empty form is refused.
  "forgot-password": { url: () => "/forgot-password", action: [400, 400, 400, 400, 400, 400] },
  // Public: the mailed token is the access; no reset has this one.
  "reset-password.$token": {
    url: () => `/reset-password/${"x".repeat(43)}`,
    params: () => ({ token: "x".repeat(43) }),
    loader: [410, 410, 410, 410, 410, 410],
    action: [410, 410, 410, 410, 410, 410],
  },
  // Public: a signed link; an unsigned one opens nothing.
  "unsubscribe.$token": {
    url: () => "/unsubscribe/Zm9sbG93X3VwczoxMjM.forged",
    params: () => ({ token: "Zm9sbG93X3VwczoxMjM.forged" }),
    loader: [404, 404, 404, 404, 404, 404],
    action: [404, 404, 404, 404, 404, 404],
  },
  "sign-in": {
    url: () => "/sign-in",
    loader: [302, 302, 302, 302, 200, 200],
    action: [400, 400, 400, 400, 400, 400],
  },
  "sign-out": {
    url: () => "/sign-out",
    loader: [302, 302, 302, 302, 302, 302],
    action: [302, 302, 302, 302, 302, 302],
  },
};

/**
 * The same routes asked about rows the visitor may not see: another client's (for hiring managers
 * and client viewers) and another organization's (for everyone). Each must answer 404, never 403
 * (which would confirm that the row exists) and never 200.
 */
const FOREIGN: {
  route: string;
  url: (id: number) => string;
  param: string;
  ids: (s: Seed) => { a2: number; b: number };
}[] = [
  {
    route: "_app.candidates.$candidateId",
    url: (id) => `/candidates/${id}`,
    param: "candidateId",
    ids: (s) => ({ a2: s.a2.candidateId, b: s.b.candidateId }),
  },
  {
    route: "_app.positions.$positionId._index",
    url: (id) => `/positions/${id}`,
    param: "positionId",
    ids: (s) => ({ a2: s.a2.positionId, b: s.b.positionId }),
  },
  {
    route: "positions.$positionId.export[.csv]",
    url: (id) => `/positions/${id}/export.csv`,
    param: "positionId",
    ids: (s) => ({ a2: s.a2.positionId, b: s.b.positionId }),
  },
  {
    route: "candidates.$candidateId.export[.csv]",
    url: (id) => `/candidates/${id}/export.csv`,
    param: "candidateId",
    ids: (s) => ({ a2: s.a2.candidateId, b: s.b.candidateId }),
  },
  {
    route: "_app.applications.$applicationId._index",
    url: (id) => `/applications/${id}`,
    param: "applicationId",
    ids: (s) => ({ a2: s.a2.applicationId, b: s.b.applicationId }),
  },
];

const routeFiles = fs
  .readdirSync(path.resolve("app/routes"))
  .filter((f) => /\.(tsx?|jsx?)$/.test(f) && !f.includes(".test."))
  .map((f) => f.replace(/\.(tsx?|jsx?)$/, ""))
  .sort();

type Module = {
  loader?: (args: ReturnType<typeof routeArgs>) => unknown;
  action?: (args: ReturnType<typeof routeArgs>) => unknown;
};

/** Runs a loader or action; answers its status and everything it would send, as text. */
async function run(fn: () => unknown): Promise<{ status: number; text: string }> {
  const describeValue = async (value: unknown, fallback: number) => {
    if (value instanceof Response)
      return { status: value.status, text: `${value.headers.get("Location") ?? ""} ${await value.text()}` };
    // data(..., { status }) from @remix-run/node
    if (
      value &&
      typeof value === "object" &&
      "type" in value &&
      (value as { type: unknown }).type === "DataWithResponseInit"
    ) {
      const d = value as unknown as { data: unknown; init?: { status?: number } };
      return { status: d.init?.status ?? 200, text: JSON.stringify(d.data) };
    }
    return { status: fallback, text: JSON.stringify(value) ?? "" };
  };
  try {
    return await describeValue(await fn(), 200);
  } catch (thrown) {
    if (thrown instanceof Response) return describeValue(thrown, thrown.status);
    if (thrown && typeof thrown === "object" && "type" in thrown) return describeValue(thrown, 500);
    throw thrown;
  }
}

function argsFor(
  c: Ctx,
  url: string,
  params: Record<string, string>,
  method: "GET" | "POST",
  body?: Record<string, string>,
) {
  const cookie = cookies.get(c.visitor) ?? null;
  const init: RequestInit =
    method === "POST"
      ? {
          method,
          body: new URLSearchParams(body ?? {}),
          headers: { "Content-Type": "application/x-www-form-urlencoded" },
        }
      : {};
  return routeArgs(url, cookie, params, init);
}

function expectNoLeak(visitor: Visitor, label: string, text: string) {
  for (const name of FORBIDDEN[visitor]) {
    expect(text.includes(name), `${label} as ${visitor} mentions “${name}”`).toBe(false);
  }
}

/** A new session for every visitor who signs in (sign-out's action ends the one it is sent with). */
async function signInVisitors() {
  for (const v of VISITORS) {
    if (v === "anonymous" || v === "share") cookies.set(v, null);
    else cookies.set(v, await sessionCookie(s.users[v].id));
  }
}

beforeAll(async () => {
  db = await freshDatabase();
  s = await seed();
  await signInVisitors();
});

describe("route × role access", () => {
  it("has an entry for every route module", () => {
    expect(routeFiles.filter((f) => !(f in ROUTES))).toEqual([]);
    expect(Object.keys(ROUTES).filter((k) => !routeFiles.includes(k))).toEqual([]);
  });

  for (const file of routeFiles) {
    it(`${file}: statuses and no foreign rows`, async () => {
      const spec = ROUTES[file];
      expect(spec, `no entry for ${file}`).toBeDefined();
      const mod = (await import(`../../app/routes/${file}`)) as Module;
      expect(Boolean(mod.loader), `${file}: a loader is exported, or not, as the table says`).toBe(
        Boolean(spec.loader),
      );
      expect(Boolean(mod.action), `${file}: an action is exported, or not, as the table says`).toBe(
        Boolean(spec.action),
      );
      const actual: Record<string, number[]> = {};
      for (const kind of ["loader", "action"] as const) {
        const fn = mod[kind];
        const expected = spec[kind];
        if (!fn || !expected) continue;
        actual[kind] = [];
        for (const visitor of VISITORS) {
          const c = { s, visitor };
          const url = spec.url(s);
          const args = argsFor(
            c,
            url,
            spec.params?.(s) ?? {},
            kind === "loader" ? "GET" : "POST",
            spec.body?.(c),
          );
          const { status, text } = await run(() => fn(args));
          actual[kind].push(status);
          expectNoLeak(spec.token ? "share" : visitor, `${kind} of ${file}`, text);
        }
      }
      if (file === "sign-out") await signInVisitors();
      const want: Record<string, number[]> = {};
      if (spec.loader && mod.loader) want.loader = spec.loader;
      if (spec.action && mod.action) want.action = spec.action;
      expect(actual, `${file} [${VISITORS.join(", ")}]`).toEqual(want);
    });
  }

  for (const f of FOREIGN) {
    it(`${f.route}: another client's or organization's row answers 404`, async () => {
      const mod = (await import(`../../app/routes/${f.route}`)) as Module;
      const ids = f.ids(s);
      const cases: [Visitor, number][] = [
        ["admin", ids.b],
        ["recruiter", ids.b],
        ["hiring_manager", ids.a2],
        ["hiring_manager", ids.b],
        ["client_viewer", ids.a2],
        ["client_viewer", ids.b],
      ];
      for (const [visitor, id] of cases) {
        const { status, text } = await run(() =>
          mod.loader!(argsFor({ s, visitor }, f.url(id), { [f.param]: String(id) }, "GET")),
        );
        expect(status, `${f.route} #${id} as ${visitor}`).toBe(404);
        expectNoLeak(visitor, f.route, text);
      }
    });
  }

  it("self-identification: another organization's candidate answers 404 (others may not ask at all)", async () => {
    const mod =
      (await import("../../app/routes/_app.candidates.$candidateId_.self-identification")) as Module;
    const id = s.b.candidateId;
    for (const kind of ["loader", "action"] as const) {
      const args = argsFor(
        { s, visitor: "admin" },
        `/candidates/${id}/self-identification`,
        { candidateId: String(id) },
        kind === "loader" ? "GET" : "POST",
        { sex: "" },
      );
      const { status, text } = await run(() => mod[kind]!(args));
      expect(status, kind).toBe(404);
      expectNoLeak("admin", "self-identification", text);
    }
  });

  it("reports: another client's or organization's report answers 404 (page and CSV)", async () => {
    const page = (await import("../../app/routes/_app.reports.$clientId")) as Module;
    const csv = (await import("../../app/routes/reports.$clientId.export[.csv]")) as Module;
    const cases: [Visitor, number][] = [
      ["admin", s.b.clientId],
      ["recruiter", s.b.clientId],
      ["client_viewer", s.a2.clientId],
      ["client_viewer", s.b.clientId],
    ];
    for (const mod of [page, csv]) {
      for (const [visitor, id] of cases) {
        const { status, text } = await run(() =>
          mod.loader!(argsFor({ s, visitor }, `/reports/${id}`, { clientId: String(id) }, "GET")),
        );
        expect(status, `report #${id} as ${visitor}`).toBe(404);
        expectNoLeak(visitor, "report", text);
      }
    }
    // The report itself names its client and its candidates, and only them.
    const own = await run(() =>
      page.loader!(
        argsFor(
          { s, visitor: "client_viewer" },
          `/reports/${s.a1.clientId}`,
          { clientId: String(s.a1.clientId) },
          "GET",
        ),
      ),
    );
    expect(own.text).toContain(A1.client);
    expect(own.text).toContain(A1.candidate);
    const alias = await run(() =>
      page.loader!(
        argsFor(
          { s, visitor: "client_viewer" },
          `/reports/${s.a1.clientId}?format=csv&from=2026-01-01`,
          { clientId: String(s.a1.clientId) },
          "GET",
        ),
      ),
    );
    expect(alias.status).toBe(302);
    expect(alias.text).toContain(`/reports/${s.a1.clientId}/export.csv?from=2026-01-01`);
    const file = await run(() =>
      csv.loader!(
        argsFor(
          { s, visitor: "recruiter" },
          `/reports/${s.a1.clientId}/export.csv`,
          { clientId: String(s.a1.clientId) },
          "GET",
        ),
      ),
    );
    expect(file.text).toContain(A1.candidate);
    expectNoLeak("client_viewer", "csv", file.text);
  });

  it("share links: revoked and expired answer 410, unknown 404, and none names the client", async () => {
    const { createShareLink, revokeShareLink } = await import("../../app/data/share-links.server");
    const page = (await import("../../app/routes/share.$token")) as Module;
    const csv = (await import("../../app/routes/share.$token.export[.csv]")) as Module;
    const revoked = await createShareLink(db, s.admin, {
      clientId: s.a1.clientId,
      from: null,
      to: null,
      expiresOn: IN_A_MONTH,
      label: null,
    });
    const expired = await createShareLink(
      db,
      s.admin,
      { clientId: s.a1.clientId, from: null, to: null, expiresOn: "2020-01-02", label: null },
      new Date("2020-01-01T00:00:00Z"),
    );
    if (!revoked.ok || !expired.ok) throw new Error("share link failed");
    expect(await revokeShareLink(db, s.admin, revoked.id)).toBe(true);
    const stored = await db.selectFrom("share_links").select("token_hash").execute();
    expect(stored.some((r) => r.token_hash.includes(revoked.token))).toBe(false);
    for (const [token, want] of [
      [revoked.token, 410],
      [expired.token, 410],
      ["B".repeat(43), 404],
      ["short", 404],
    ] as const) {
      for (const mod of [page, csv]) {
        const { status, text } = await run(() =>
          mod.loader!(argsFor({ s, visitor: "share" }, `/share/${token}`, { token }, "GET")),
        );
        expect(status).toBe(want);
        expect(text).not.toContain(A1.client);
        expect(text).not.toContain(A1.candidate);
      }
    }
    // Revoking another organization's link does nothing.
    const theirs = { id: s.users.admin.id, organization_id: s.orgB, role: "admin" as const, client_id: null };
    const valid = await createShareLink(db, s.admin, {
      clientId: s.a1.clientId,
      from: null,
      to: null,
      expiresOn: IN_A_MONTH,
      label: null,
    });
    if (!valid.ok) throw new Error("share link failed");
    expect(await revokeShareLink(db, theirs, valid.id)).toBe(false);
    expect(
      (
        await run(() =>
          page.loader!(
            argsFor({ s, visitor: "share" }, `/share/${valid.token}`, { token: valid.token }, "GET"),
          ),
        )
      ).status,
    ).toBe(200);
  });

  it("filters on another client's id show nothing of it to a client viewer", async () => {
    const dashboard = (await import("../../app/routes/_app.dashboard")) as Module;
    const positions = (await import("../../app/routes/_app.positions._index")) as Module;
    for (const [mod, url] of [
      [dashboard, `/dashboard?client=${s.a2.clientId}&by=client`],
      [dashboard, `/dashboard?by=interviewer`],
      [dashboard, `/dashboard?by=recruiter`],
      [positions, `/positions?client=${s.a2.clientId}&status=all`],
    ] as const) {
      const { status, text } = await run(() =>
        mod.loader!(argsFor({ s, visitor: "client_viewer" }, url, {}, "GET")),
      );
      expect(status).toBe(200);
      expectNoLeak("client_viewer", url, text);
    }
  });
});

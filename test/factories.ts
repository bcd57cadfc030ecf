// One factory per table: `create<Row>(db, overrides)` inserts a valid row with sensible defaults and
// returns it as stored (the tables whose rows hold a token's hash also return the token). A row that
// needs a parent gets one made when the overrides do not name it, in the parent's organization when
// the parent is given. Integration tests (test/, app/, db/) and the e2e fixtures (e2e/utils.ts) share
// them, so a test says only what matters to it.
import crypto from "node:crypto";
import type { Insertable, Selectable, Transaction } from "kysely";
import type {
  AtsEventTable,
  AtsExternalIdTable,
  AtsReceiverTable,
  ScoreReviewTable,
  ApiIdempotencyKeyTable,
  ApiTokenTable,
  ApplicationTable,
  AuditLogTable,
  CandidateDemographicsTable,
  CandidateSearchTermTable,
  CandidateTable,
  DashboardApplicationCellTable,
  DashboardApplicationInterviewerTable,
  DashboardApplicationRoundTable,
  DashboardSliceCellTable,
  DashboardApplicationSuffixTable,
  DashboardSuffixCellTable,
  SummariesDeferredTable,
  DashboardInterviewCellTable,
  DashboardInterviewTable,
  DashboardApplicationTable,
  DashboardInterviewerTable,
  ClientTable,
  Database,
  Db,
  FollowUpTable,
  InboundMessageTable,
  InterviewTable,
  JobTable,
  MailboxTable,
  OrganizationTable,
  PositionTable,
  SessionTable,
  ShareLinkTable,
  FormSubmissionTable,
  OrganizationBrandingTable,
  SavedViewTable,
  SignInAttemptTable,
  UserInviteTable,
  UserTable,
  OutboxTable,
  MailRunTable,
  PasswordResetTable,
  ReportScheduleTable,
  ClientContactTable,
  WebhookDeliveryTable,
  WebhookEndpointTable,
} from "../db/schema";
import type { Role } from "../app/core/roles";
import { WEBHOOK_EVENTS } from "../app/core/webhook-events";
import { newToken } from "../app/auth/tokens.server";
import { indexCandidates } from "../app/data/search.server";
import { bodyHash } from "../app/data/body-hash.server";
import { sealMailboxSecret } from "../app/data/mailboxes.server";
import { hashApiToken } from "../app/data/api-tokens.server";
import { sealAtsSecret } from "../app/data/ats.server";
import { sealWebhookSecret } from "../app/data/webhooks.server";
import { withSummariesOff } from "../app/data/summaries.server";

type Overrides<Table> = Partial<Insertable<Table>>;

const HOUR = 3_600_000;
const now = () => new Date().toISOString();
const later = (ms: number) => new Date(Date.now() + ms).toISOString();

// Unique across the processes that share a database (the e2e server's is written by every worker).
const run = crypto.randomBytes(3).toString("hex");
let counter = 0;
function unique(): string {
  counter += 1;
  return `${counter}-${run}`;
}

/** The overrides without the keys set to undefined, which would otherwise replace a default. */
function defined<T extends object>(overrides: T): T {
  return Object.fromEntries(Object.entries(overrides).filter(([, value]) => value !== undefined)) as T;
}

/** The organization of a parent row, for a child created without one. */
async function organizationOf(
  db: Db,
  table: "users" | "clients" | "positions" | "candidates" | "applications" | "interviews",
  id: number,
): Promise<number> {
  const row = await db
    .selectFrom(table as "users")
    .select("organization_id")
    .where("id", "=", id)
    .executeTakeFirstOrThrow();
  return row.organization_id;
}

/** The given organization, or a new one. */
async function organizationFor(db: Db, organizationId: number | undefined): Promise<number> {
  return organizationId ?? (await createOrganization(db)).id;
}

export async function createOrganization(
  db: Db,
  overrides: Overrides<OrganizationTable> = {},
): Promise<Selectable<OrganizationTable>> {
  return db
    .insertInto("organizations")
    .values({ name: `Org ${unique()}`, created_at: now(), ...defined(overrides) })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** A user without a password (recruiter unless told); a client viewer gets a client when not given one. */
export async function createUser(
  db: Db,
  overrides: Overrides<UserTable> = {},
): Promise<Selectable<UserTable>> {
  const organizationId =
    overrides.organization_id ??
    (overrides.client_id == null
      ? (await createOrganization(db)).id
      : await organizationOf(db, "clients", overrides.client_id));
  const role: Role = overrides.role ?? "recruiter";
  const clientId =
    overrides.client_id !== undefined
      ? overrides.client_id
      : role === "client_viewer"
        ? (await createClient(db, { organization_id: organizationId })).id
        : null;
  const n = unique();
  return db
    .insertInto("users")
    .values({
      email: `user-${n}@example.test`,
      name: `User ${n}`,
      password_hash: null,
      created_at: now(),
      ...defined(overrides),
      organization_id: organizationId,
      role,
      client_id: clientId,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function createClient(
  db: Db,
  overrides: Overrides<ClientTable> = {},
): Promise<Selectable<ClientTable>> {
  const organizationId = await organizationFor(db, overrides.organization_id);
  return db
    .insertInto("clients")
    .values({
      name: `Client ${unique()}`,
      created_at: now(),
      ...defined(overrides),
      organization_id: organizationId,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** An open position with no hiring manager, of a new client when not given one. */
export async function createPosition(
  db: Db,
  overrides: Overrides<PositionTable> = {},
): Promise<Selectable<PositionTable>> {
  const organizationId =
    overrides.organization_id ??
    (overrides.client_id === undefined
      ? (await createOrganization(db)).id
      : await organizationOf(db, "clients", overrides.client_id));
  const clientId = overrides.client_id ?? (await createClient(db, { organization_id: organizationId })).id;
  return db
    .insertInto("positions")
    .values({
      title: `Account Executive ${unique()}`,
      hiring_manager_id: null,
      status: "open",
      opened_on: "2026-10-01",
      created_at: now(),
      ...defined(overrides),
      organization_id: organizationId,
      client_id: clientId,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

const searchTermsExist = new WeakSet<Db>();
async function hasSearchTerms(db: Db): Promise<boolean> {
  if (searchTermsExist.has(db)) return true;
  const tables = await db.introspection.getTables();
  if (!tables.some((t) => t.name === "candidate_search_terms")) return false;
  searchTermsExist.add(db);
  return true;
}

export async function createCandidate(
  db: Db,
  overrides: Overrides<CandidateTable> = {},
): Promise<Selectable<CandidateTable>> {
  const organizationId = await organizationFor(db, overrides.organization_id);
  const candidate = await db
    .insertInto("candidates")
    .values({
      name: "Dana Example",
      email: `candidate-${unique()}@example.test`,
      phone: null,
      source: "referral",
      created_at: now(),
      ...defined(overrides),
      organization_id: organizationId,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  // As the app's writes do, so that the header search finds it (on a database migrated that far:
  // migration tests make rows before 0021, which then backfills them).
  if (await hasSearchTerms(db)) await indexCandidates(db, [candidate]);
  return candidate;
}

/**
 * One extra search term of a candidate (made when not given); `id` is the candidate's, the table
 * having no id of its own. A candidate's usual terms come with createCandidate.
 */
export async function createCandidateSearchTerm(
  db: Db,
  overrides: Partial<Insertable<CandidateSearchTermTable>> = {},
): Promise<Selectable<CandidateSearchTermTable> & { id: number }> {
  const candidate =
    overrides.candidate_id === undefined
      ? await createCandidate(db, { organization_id: overrides.organization_id })
      : await db
          .selectFrom("candidates")
          .selectAll()
          .where("id", "=", overrides.candidate_id)
          .executeTakeFirstOrThrow();
  const row = {
    organization_id: candidate.organization_id,
    candidate_id: candidate.id,
    term: overrides.term ?? `term-${unique()}`,
  };
  await db.insertInto("candidate_search_terms").values(row).execute();
  return { ...row, id: candidate.id };
}

/**
 * A pending application at the interview stage, with none of the computed summary columns unless
 * given. Without a candidate_id a candidate is made (with `candidate`'s fields); without a
 * position_id, a position.
 */
export async function createApplication(
  db: Db,
  { candidate, ...overrides }: Overrides<ApplicationTable> & { candidate?: Overrides<CandidateTable> } = {},
): Promise<Selectable<ApplicationTable>> {
  const organizationId =
    overrides.organization_id ??
    (overrides.position_id !== undefined
      ? await organizationOf(db, "positions", overrides.position_id)
      : overrides.candidate_id !== undefined
        ? await organizationOf(db, "candidates", overrides.candidate_id)
        : (await createOrganization(db)).id);
  const positionId =
    overrides.position_id ?? (await createPosition(db, { organization_id: organizationId })).id;
  const candidateId =
    overrides.candidate_id ??
    (await createCandidate(db, { ...defined(candidate ?? {}), organization_id: organizationId })).id;
  return db
    .insertInto("applications")
    .values({
      stage: "interview",
      outcome: "pending",
      outcome_on: null,
      outcome_reason: null,
      recruiter_id: null,
      created_at: now(),
      ...defined(overrides),
      organization_id: organizationId,
      candidate_id: candidateId,
      position_id: positionId,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/**
 * A round-1 video interview, an hour long, ending at `ends_at` (2026-11-24 16:00 UTC unless told),
 * its last window closing 72 h after the end, with a mail-in token and none of the computed columns
 * (no follow-up yet) unless given.
 */
export async function createInterview(
  db: Db,
  overrides: Overrides<InterviewTable> = {},
): Promise<Selectable<InterviewTable>> {
  const organizationId =
    overrides.organization_id ??
    (overrides.application_id === undefined
      ? (await createOrganization(db)).id
      : await organizationOf(db, "applications", overrides.application_id));
  const applicationId =
    overrides.application_id ?? (await createApplication(db, { organization_id: organizationId })).id;
  const endsAt = overrides.ends_at ?? "2026-11-24T16:00:00.000Z";
  const end = Date.parse(endsAt);
  return db
    .insertInto("interviews")
    .values({
      interviewer_name: "Priya Shah",
      interviewer_email: null,
      starts_at: new Date(end - HOUR).toISOString(),
      time_zone: "America/New_York",
      format: "video",
      round: 1,
      notes: "",
      logged_by: null,
      created_at: endsAt,
      mail_token: crypto.randomBytes(9).toString("base64url"),
      closes_at: new Date(end + 72 * HOUR).toISOString(),
      ...defined(overrides),
      ends_at: endsAt,
      organization_id: organizationId,
      application_id: applicationId,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/**
 * An email follow-up received 2026-11-24 18:00 UTC unless told, without computed columns unless
 * given (a stored score, for instance), to a new interview when not given one.
 */
export async function createFollowUp(
  db: Db,
  overrides: Overrides<FollowUpTable> = {},
): Promise<Selectable<FollowUpTable>> {
  const organizationId =
    overrides.organization_id ??
    (overrides.interview_id === undefined
      ? (await createOrganization(db)).id
      : await organizationOf(db, "interviews", overrides.interview_id));
  const interviewId =
    overrides.interview_id ?? (await createInterview(db, { organization_id: organizationId })).id;
  const body = overrides.body ?? "Thank you for the conversation today.";
  return db
    .insertInto("follow_ups")
    .values({
      received_at: "2026-11-24T18:00:00.000Z",
      channel: "email",
      subject: "Thank you",
      sender: null,
      logged_by: null,
      created_at: now(),
      ...defined(overrides),
      body,
      body_hash: overrides.body_hash ?? bodyHash(body),
      organization_id: organizationId,
      interview_id: interviewId,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function createAuditEntry(
  db: Db,
  overrides: Overrides<AuditLogTable> = {},
): Promise<Selectable<AuditLogTable>> {
  const organizationId =
    overrides.organization_id ??
    (overrides.user_id == null
      ? (await createOrganization(db)).id
      : await organizationOf(db, "users", overrides.user_id));
  return db
    .insertInto("audit_log")
    .values({
      user_id: null,
      action: "update",
      entity: "settings",
      entity_id: null,
      detail: null,
      created_at: now(),
      ...defined(overrides),
      organization_id: organizationId,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function createSignInAttempt(
  db: Db,
  overrides: Overrides<SignInAttemptTable> = {},
): Promise<Selectable<SignInAttemptTable>> {
  return db
    .insertInto("sign_in_attempts")
    .values({
      email: `user-${unique()}@example.test`,
      address: "127.0.0.1",
      attempted_at: now(),
      ...defined(overrides),
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/**
 * A live session, of a new recruiter when no user is given, ending 14 days on. Returns the row and
 * its token, the value the session cookie carries (the row keeps only its sha256).
 */
export async function createSession(
  db: Db,
  overrides: Overrides<SessionTable> = {},
): Promise<Selectable<SessionTable> & { token: string }> {
  const user =
    overrides.user_id === undefined
      ? await createUser(
          db,
          overrides.organization_id === undefined ? {} : { organization_id: overrides.organization_id },
        )
      : { id: overrides.user_id, organization_id: await organizationOf(db, "users", overrides.user_id) };
  const { token, hash } = newToken();
  const at = now();
  const row = await db
    .insertInto("sessions")
    .values({
      token_hash: hash,
      created_at: at,
      last_seen_at: at,
      expires_at: later(14 * 24 * HOUR),
      revoked_at: null,
      user_agent: null,
      ...defined(overrides),
      user_id: user.id,
      organization_id: overrides.organization_id ?? user.organization_id,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return { ...row, token };
}

/** A finished rescore job unless told otherwise (a running one has no finished_at). */
export async function createJob(db: Db, overrides: Overrides<JobTable> = {}): Promise<Selectable<JobTable>> {
  const organizationId = await organizationFor(db, overrides.organization_id);
  const status = overrides.status ?? "done";
  const at = now();
  return db
    .insertInto("jobs")
    .values({
      kind: "rescore",
      started_by: null,
      started_at: at,
      finished_at: status === "running" ? null : at,
      error: null,
      owner: null,
      heartbeat_at: null,
      resume_after: null,
      basis: null,
      resumed_at: null,
      ...defined(overrides),
      status,
      organization_id: organizationId,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** An uploaded message, unmatched, whose raw text is a minimal plain-text email. */
export async function createInboundMessage(
  db: Db,
  overrides: Overrides<InboundMessageTable> = {},
): Promise<Selectable<InboundMessageTable>> {
  const organizationId = await organizationFor(db, overrides.organization_id);
  const sender = overrides.sender === undefined ? "candidate@example.test" : overrides.sender;
  const subject = overrides.subject === undefined ? "Thank you" : overrides.subject;
  return db
    .insertInto("inbound_messages")
    .values({
      received_at: now(),
      source: "upload",
      sent_at: null,
      raw: `From: ${sender ?? ""}\r\nSubject: ${subject ?? ""}\r\n\r\nThank you for the conversation today.\r\n`,
      status: "unmatched",
      reason: null,
      interview_id: null,
      follow_up_id: null,
      handled_by: null,
      ...defined(overrides),
      sender,
      subject,
      organization_id: organizationId,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/**
 * A mailbox connected over IMAP, never synced, watched by no server; `secret` is given in plain text
 * and stored sealed, as the settings page stores it.
 */
export async function createMailbox(
  db: Db,
  overrides: Omit<Overrides<MailboxTable>, "secret"> & { secret?: string } = {},
): Promise<Selectable<MailboxTable>> {
  const organizationId = await organizationFor(db, overrides.organization_id);
  const { secret = "imap-test-secret", ...rest } = overrides;
  return db
    .insertInto("mailboxes")
    .values({
      created_by: null,
      host: "127.0.0.1",
      port: 143,
      tls: 0,
      username: `mailbox-${unique()}`,
      auth: "password",
      created_at: now(),
      uid_validity: null,
      last_message_at: null,
      last_sync_at: null,
      connected_at: null,
      last_error: null,
      last_error_at: null,
      owner: null,
      heartbeat_at: null,
      ...defined(rest),
      secret: sealMailboxSecret(secret),
      organization_id: organizationId,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** An unused invitation for a user (a new one when not given), expiring in 7 days; returns its token too. */
export async function createUserInvite(
  db: Db,
  overrides: Overrides<UserInviteTable> = {},
): Promise<Selectable<UserInviteTable> & { token: string }> {
  const user =
    overrides.user_id === undefined
      ? await createUser(
          db,
          overrides.organization_id === undefined ? {} : { organization_id: overrides.organization_id },
        )
      : { id: overrides.user_id, organization_id: await organizationOf(db, "users", overrides.user_id) };
  const { token, hash } = newToken();
  const row = await db
    .insertInto("user_invites")
    .values({
      token_hash: hash,
      expires_at: later(7 * 24 * HOUR),
      used_at: null,
      created_by: null,
      created_at: now(),
      ...defined(overrides),
      user_id: user.id,
      organization_id: overrides.organization_id ?? user.organization_id,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return { ...row, token };
}

/** A live share link to a client's whole report (a new client when not given), for 30 days; returns its token too. */
export async function createShareLink(
  db: Db,
  overrides: Overrides<ShareLinkTable> = {},
): Promise<Selectable<ShareLinkTable> & { token: string }> {
  const client =
    overrides.client_id === undefined
      ? await createClient(
          db,
          overrides.organization_id === undefined ? {} : { organization_id: overrides.organization_id },
        )
      : {
          id: overrides.client_id,
          organization_id: await organizationOf(db, "clients", overrides.client_id),
        };
  const { token, hash } = newToken();
  const row = await db
    .insertInto("share_links")
    .values({
      token_hash: hash,
      label: null,
      from_date: null,
      to_date: null,
      expires_at: later(30 * 24 * HOUR),
      revoked_at: null,
      created_by: null,
      created_at: now(),
      last_opened_at: null,
      ...defined(overrides),
      client_id: client.id,
      organization_id: overrides.organization_id ?? client.organization_id,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return { ...row, token };
}

/** A form's used idempotency key (a new organization when not given), for no row unless told. */
export async function createFormSubmission(
  db: Db,
  overrides: Overrides<FormSubmissionTable> = {},
): Promise<Selectable<FormSubmissionTable>> {
  const organizationId = overrides.organization_id ?? (await createOrganization(db)).id;
  return db
    .insertInto("form_submissions")
    .values({
      key: `key-${unique()}`,
      user_id: null,
      entity: "follow_up",
      entity_id: null,
      created_at: now(),
      ...defined(overrides),
      organization_id: organizationId,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** A user's saved pipeline view (a new user, in a new organization, when not given). */
export async function createSavedView(
  db: Db,
  overrides: Overrides<SavedViewTable> = {},
): Promise<Selectable<SavedViewTable>> {
  const userId =
    overrides.user_id ??
    (await createUser(db, overrides.organization_id ? { organization_id: overrides.organization_id } : {}))
      .id;
  const organizationId = overrides.organization_id ?? (await organizationOf(db, "users", userId));
  return db
    .insertInto("saved_views")
    .values({
      name: `View ${unique()}`,
      search: "?status=awaiting",
      created_at: now(),
      updated_at: now(),
      ...defined(overrides),
      organization_id: organizationId,
      user_id: userId,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** The interview `interview_id` names, or a new one (the summary tables' factories start from it). */
async function givenInterview(db: Db, overrides: { interview_id?: number }) {
  return overrides.interview_id === undefined
    ? createInterview(db)
    : db
        .selectFrom("interviews")
        .selectAll()
        .where("id", "=", overrides.interview_id)
        .executeTakeFirstOrThrow();
}

/**
 * A row of the dashboard's interviewer and round options, made the only way rows get there: by an
 * interview (made when no interview_id is given), which the triggers count. `id` is the interview's.
 */
export async function createDashboardInterviewer(
  db: Db,
  overrides: { interview_id?: number } = {},
): Promise<Selectable<DashboardInterviewerTable> & { id: number }> {
  const interview = await givenInterview(db, overrides);
  const row = await db
    .selectFrom("dashboard_interviewers")
    .selectAll()
    .where("organization_id", "=", interview.organization_id)
    .where("interviewer_name", "=", interview.interviewer_name)
    .where("round", "=", interview.round)
    .executeTakeFirstOrThrow();
  return { ...row, id: interview.id };
}

/** A queued message (to a new organization's address unless told), due now. */
export async function createOutboxMessage(
  db: Db,
  overrides: Overrides<OutboxTable> = {},
): Promise<Selectable<OutboxTable>> {
  const organizationId = overrides.organization_id ?? (await createOrganization(db)).id;
  return db
    .insertInto("outbox")
    .values({
      kind: "test",
      to_address: `someone-${unique()}@example.test`,
      subject: `Message ${unique()}`,
      text_body: "Hello.",
      status: "queued",
      next_attempt_at: now(),
      created_at: now(),
      ...defined(overrides),
      organization_id: organizationId,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** A claimed batch of scheduled mail (a made-up key unless told). */
export async function createMailRun(
  db: Db,
  overrides: Overrides<MailRunTable> = {},
): Promise<Selectable<MailRunTable>> {
  return db
    .insertInto("mail_runs")
    .values({ key: `run:${unique()}`, organization_id: null, created_at: now(), ...defined(overrides) })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** A live password reset of a user (a new one when not given), for an hour; returns its token too. */
export async function createPasswordReset(
  db: Db,
  overrides: Overrides<PasswordResetTable> = {},
): Promise<Selectable<PasswordResetTable> & { token: string }> {
  const user =
    overrides.user_id === undefined || overrides.user_id === null
      ? await createUser(db)
      : await db
          .selectFrom("users")
          .selectAll()
          .where("id", "=", overrides.user_id)
          .executeTakeFirstOrThrow();
  const { token, hash } = newToken();
  const row = await db
    .insertInto("password_resets")
    .values({
      email: user.email,
      address: "127.0.0.1",
      token_hash: hash,
      expires_at: later(HOUR),
      used_at: null,
      requested_at: now(),
      ...defined(overrides),
      user_id: user.id,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return { ...row, token };
}

/** A weekly report schedule for a client (a new one when not given). */
export async function createReportSchedule(
  db: Db,
  overrides: Overrides<ReportScheduleTable> = {},
): Promise<Selectable<ReportScheduleTable>> {
  const client =
    overrides.client_id === undefined
      ? await createClient(
          db,
          overrides.organization_id === undefined ? {} : { organization_id: overrides.organization_id },
        )
      : {
          id: overrides.client_id,
          organization_id: await organizationOf(db, "clients", overrides.client_id),
        };
  return db
    .insertInto("report_schedules")
    .values({
      frequency: "weekly",
      created_by: null,
      updated_at: now(),
      ...defined(overrides),
      client_id: client.id,
      organization_id: client.organization_id,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** A contact of a client (a new one when not given) who receives its scheduled report. */
export async function createClientContact(
  db: Db,
  overrides: Overrides<ClientContactTable> = {},
): Promise<Selectable<ClientContactTable>> {
  const client =
    overrides.client_id === undefined
      ? await createClient(
          db,
          overrides.organization_id === undefined ? {} : { organization_id: overrides.organization_id },
        )
      : {
          id: overrides.client_id,
          organization_id: await organizationOf(db, "clients", overrides.client_id),
        };
  return db
    .insertInto("client_contacts")
    .values({
      name: `Contact ${unique()}`,
      email: `contact-${unique()}@client.example`,
      unsubscribed_at: null,
      created_at: now(),
      ...defined(overrides),
      client_id: client.id,
      organization_id: client.organization_id,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/**
 * An API token (a personal one of a new user unless told; `user_id: null` with an organization makes
 * the organization's), returned with the token itself.
 */
export async function createApiToken(
  db: Db,
  overrides: Overrides<ApiTokenTable> = {},
): Promise<Selectable<ApiTokenTable> & { token: string }> {
  const user =
    overrides.user_id === null
      ? null
      : overrides.user_id === undefined
        ? await createUser(
            db,
            overrides.organization_id === undefined ? {} : { organization_id: overrides.organization_id },
          )
        : { id: overrides.user_id, organization_id: await organizationOf(db, "users", overrides.user_id) };
  const organizationId =
    overrides.organization_id ?? user?.organization_id ?? (await createOrganization(db)).id;
  const token = `ftk_${crypto.randomBytes(32).toString("base64url")}`;
  const row = await db
    .insertInto("api_tokens")
    .values({
      name: `Token ${unique()}`,
      scope: "write",
      created_by: user?.id ?? null,
      created_at: now(),
      expires_at: null,
      revoked_at: null,
      last_used_at: null,
      ...defined(overrides),
      token_hash: hashApiToken(token),
      prefix: token.slice(0, 10),
      user_id: user?.id ?? null,
      organization_id: organizationId,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return { ...row, token };
}

/** A POST's stored idempotency key and response (a new token when not given). */
export async function createApiIdempotencyKey(
  db: Db,
  overrides: Overrides<ApiIdempotencyKeyTable> = {},
): Promise<Selectable<ApiIdempotencyKeyTable>> {
  const tokenId = overrides.token_id ?? (await createApiToken(db)).id;
  return db
    .insertInto("api_idempotency_keys")
    .values({
      key: `key-${unique()}`,
      request_hash: "0".repeat(64),
      status: 201,
      body: "{}",
      created_at: now(),
      ...defined(overrides),
      token_id: tokenId,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/**
 * A row of the dashboard's per-application figures, made the only way rows get there: by an interview
 * (made when no interview_id is given), whose triggers recount its application. `id` is the application's.
 */
export async function createDashboardApplication(
  db: Db,
  overrides: { interview_id?: number } = {},
): Promise<Selectable<DashboardApplicationTable> & { id: number }> {
  const interview = await givenInterview(db, overrides);
  const row = await db
    .selectFrom("dashboard_applications")
    .selectAll()
    .where("application_id", "=", interview.application_id)
    .executeTakeFirstOrThrow();
  return { ...row, id: interview.application_id };
}

/**
 * The position-level cell an application counts in, made the only way cells get there: by an interview.
 * `id` is the position's.
 */
export async function createDashboardApplicationCell(
  db: Db,
  overrides: { interview_id?: number } = {},
): Promise<Selectable<DashboardApplicationCellTable> & { id: number }> {
  const row = await createDashboardApplication(db, overrides);
  const cell = await db
    .selectFrom("dashboard_application_cells")
    .selectAll()
    .where("organization_id", "=", row.organization_id)
    .where("level", "=", "position")
    .where("level_key", "=", String(row.position_id))
    .executeTakeFirstOrThrow();
  return { ...cell, id: row.position_id };
}

/** An application's row for one round (migration 0037), made by an interview. `id` is the application's. */
export async function createDashboardApplicationRound(
  db: Db,
  overrides: { interview_id?: number } = {},
): Promise<Selectable<DashboardApplicationRoundTable> & { id: number }> {
  const interview = await givenInterview(db, overrides);
  const row = await db
    .selectFrom("dashboard_application_rounds")
    .selectAll()
    .where("application_id", "=", interview.application_id)
    .where("round", "=", interview.round)
    .executeTakeFirstOrThrow();
  return { ...row, id: interview.application_id };
}

/** An application's row for one interviewer (migration 0037), made by an interview. `id` is the application's. */
export async function createDashboardApplicationInterviewer(
  db: Db,
  overrides: { interview_id?: number } = {},
): Promise<Selectable<DashboardApplicationInterviewerTable> & { id: number }> {
  const interview = await givenInterview(db, overrides);
  const row = await db
    .selectFrom("dashboard_application_interviewers")
    .selectAll()
    .where("application_id", "=", interview.application_id)
    .where("interviewer_name", "=", interview.interviewer_name)
    .executeTakeFirstOrThrow();
  return { ...row, id: interview.application_id };
}

/** The round-level cell an application counts in (migration 0037), made by an interview. `id` is the application's. */
export async function createDashboardSliceCell(
  db: Db,
  overrides: { interview_id?: number } = {},
): Promise<Selectable<DashboardSliceCellTable> & { id: number }> {
  const row = await createDashboardApplicationRound(db, overrides);
  const cell = await db
    .selectFrom("dashboard_slice_cells")
    .selectAll()
    .where("organization_id", "=", row.organization_id)
    .where("level", "=", "round")
    .where("level_key", "=", String(row.round))
    .executeTakeFirstOrThrow();
  return { ...cell, id: row.id };
}

/** An application's suffix row from an interview's day (migration 0041), made by the interview. `id` is the application's. */
export async function createDashboardApplicationSuffix(
  db: Db,
  overrides: { interview_id?: number } = {},
): Promise<Selectable<DashboardApplicationSuffixTable> & { id: number }> {
  const interview = await givenInterview(db, overrides);
  const row = await db
    .selectFrom("dashboard_application_suffixes")
    .selectAll()
    .where("application_id", "=", interview.application_id)
    .where("from_day", "=", interview.ends_at.slice(0, 10))
    .executeTakeFirstOrThrow();
  return { ...row, id: interview.application_id };
}

/** The client-level suffix cell an application's suffix row adds itself to (migration 0041). `id` is the application's. */
export async function createDashboardSuffixCell(
  db: Db,
  overrides: { interview_id?: number } = {},
): Promise<Selectable<DashboardSuffixCellTable> & { id: number }> {
  const row = await createDashboardApplicationSuffix(db, overrides);
  const cell = await db
    .selectFrom("dashboard_suffix_cells")
    .selectAll()
    .where("organization_id", "=", row.organization_id)
    .where("level", "=", "client")
    .where("level_key", "=", String(row.client_id))
    .where("day", "=", row.from_day)
    .executeTakeFirstOrThrow();
  return { ...cell, id: row.id };
}

/** A row of the dashboard's per-interview figures, made the only way rows get there: by an interview. */
export async function createDashboardInterview(
  db: Db,
  overrides: { interview_id?: number } = {},
): Promise<Selectable<DashboardInterviewTable> & { id: number }> {
  const id = overrides.interview_id ?? (await createInterview(db)).id;
  const row = await db
    .selectFrom("dashboard_interviews")
    .selectAll()
    .where("interview_id", "=", id)
    .executeTakeFirstOrThrow();
  return { ...row, id };
}

/** The organization-level interview cell an interview counts in, made by an interview. `id` is the interview's. */
export async function createDashboardInterviewCell(
  db: Db,
  overrides: { interview_id?: number } = {},
): Promise<Selectable<DashboardInterviewCellTable> & { id: number }> {
  const row = await createDashboardInterview(db, overrides);
  const cell = await db
    .selectFrom("dashboard_interview_cells")
    .selectAll()
    .where("organization_id", "=", row.organization_id)
    .where("level", "=", "org")
    .where("day", "=", row.day)
    .where("win", "=", row.win)
    .where("hour", "=", row.hour)
    .executeTakeFirstOrThrow();
  return { ...cell, id: row.id };
}

/**
 * A candidate's self-identified answers (a new candidate when not given): a woman who gave her race
 * and declined her age band, unless told. `id` is the candidate's, the table having no id of its own.
 */
export async function createCandidateDemographics(
  db: Db,
  overrides: Overrides<CandidateDemographicsTable> = {},
): Promise<Selectable<CandidateDemographicsTable> & { id: number }> {
  const candidateId =
    overrides.candidate_id ?? (await createCandidate(db, { organization_id: overrides.organization_id })).id;
  const row = await db
    .insertInto("candidate_demographics")
    .values({
      sex: "Female",
      race_ethnicity: "Asian",
      age_band: "declined",
      source: "form",
      updated_by: null,
      updated_at: now(),
      ...defined(overrides),
      candidate_id: candidateId,
      organization_id: await organizationOf(db, "candidates", candidateId),
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return { ...row, id: row.candidate_id };
}

/** An organization's report branding (a new organization when not given): a name and a colour, no logo. */
export async function createOrganizationBranding(
  db: Db,
  overrides: Overrides<OrganizationBrandingTable> = {},
): Promise<Selectable<OrganizationBrandingTable>> {
  const organizationId = overrides.organization_id ?? (await createOrganization(db)).id;
  return db
    .insertInto("organization_branding")
    .values({
      display_name: `Agency ${unique()}`,
      color: "#0f766e",
      updated_at: now(),
      ...defined(overrides),
      organization_id: organizationId,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/**
 * The usual starting point of a test: an organization with a client, an open position of that client,
 * and one user of the given role (a client viewer of that client).
 */
export async function createWorkspace(db: Db, { role = "recruiter" }: { role?: Role } = {}) {
  const organization = await createOrganization(db);
  const client = await createClient(db, { organization_id: organization.id });
  const user = await createUser(db, {
    organization_id: organization.id,
    role,
    client_id: role === "client_viewer" ? client.id : null,
  });
  const position = await createPosition(db, { organization_id: organization.id, client_id: client.id });
  return { organizationId: organization.id, clientId: client.id, positionId: position.id, user };
}

export type Workspace = Awaited<ReturnType<typeof createWorkspace>>;

/** A review of a follow-up's score ("agree" unless told), of a new follow-up when not given one. */
export async function createScoreReview(
  db: Db,
  overrides: Overrides<ScoreReviewTable> = {},
): Promise<Selectable<ScoreReviewTable>> {
  const followUpId = overrides.follow_up_id ?? (await createFollowUp(db, { score: 70 })).id;
  const followUp = await db
    .selectFrom("follow_ups")
    .select(["organization_id", "score"])
    .where("id", "=", followUpId)
    .executeTakeFirstOrThrow();
  return db
    .insertInto("score_reviews")
    .values({
      reviewer_id: null,
      verdict: "agree",
      band: null,
      reason: null,
      score: followUp.score,
      created_at: now(),
      ...defined(overrides),
      organization_id: followUp.organization_id,
      follow_up_id: followUpId,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** An enabled endpoint for every event (at a made-up URL unless told); its plain secret too. */
export async function createWebhookEndpoint(
  db: Db,
  overrides: Omit<Overrides<WebhookEndpointTable>, "secret"> & { secret?: string } = {},
): Promise<Selectable<WebhookEndpointTable> & { plainSecret: string }> {
  const organizationId = await organizationFor(db, overrides.organization_id);
  const { secret = `whsec_test_${unique()}`, ...rest } = overrides;
  const row = await db
    .insertInto("webhook_endpoints")
    .values({
      url: `https://hooks-${unique()}.example.test/in`,
      events: JSON.stringify(WEBHOOK_EVENTS),
      enabled: 1,
      created_by: null,
      created_at: now(),
      updated_at: now(),
      ...defined(rest),
      secret: sealWebhookSecret(secret),
      organization_id: organizationId,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return { ...row, plainSecret: secret };
}

/** A queued delivery of a made-up follow_up.received event to an endpoint (a new one unless told), due now. */
export async function createWebhookDelivery(
  db: Db,
  overrides: Overrides<WebhookDeliveryTable> = {},
): Promise<Selectable<WebhookDeliveryTable>> {
  const endpoint =
    overrides.endpoint_id !== undefined
      ? await db
          .selectFrom("webhook_endpoints")
          .select(["id", "organization_id"])
          .where("id", "=", overrides.endpoint_id)
          .executeTakeFirstOrThrow()
      : await createWebhookEndpoint(db, { organization_id: overrides.organization_id });
  const eventId = `evt_${unique()}`;
  return db
    .insertInto("webhook_deliveries")
    .values({
      event_id: eventId,
      event_type: "follow_up.received",
      body: JSON.stringify({ id: eventId, type: "follow_up.received", created_at: now(), data: {} }),
      status: "queued",
      next_attempt_at: now(),
      created_at: now(),
      ...defined(overrides),
      endpoint_id: endpoint.id,
      organization_id: endpoint.organization_id,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/**
 * An organization's ATS receiver (a new organization when not given), on, with the plain `secret`
 * (default "ats-test-secret") sealed as the app seals it; returned with the secret too.
 */
export async function createAtsReceiver(
  db: Db,
  overrides: Omit<Overrides<AtsReceiverTable>, "secret_sealed"> & { secret?: string } = {},
): Promise<Selectable<AtsReceiverTable> & { secret: string }> {
  const organizationId = await organizationFor(db, overrides.organization_id);
  const { secret = "ats-test-secret", ...rest } = overrides;
  const row = await db
    .insertInto("ats_receivers")
    .values({
      source: "greenhouse",
      url_key: `key-${unique()}`,
      enabled: 1,
      acting_user_id: null,
      client_id: null,
      created_at: now(),
      secret_rotated_at: now(),
      ...defined(rest),
      secret_sealed: sealAtsSecret(secret),
      organization_id: organizationId,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return { ...row, secret };
}

/** A remembered ATS id (of a new candidate when not given). */
export async function createAtsExternalId(
  db: Db,
  overrides: Overrides<AtsExternalIdTable> = {},
): Promise<Selectable<AtsExternalIdTable>> {
  const organizationId = await organizationFor(db, overrides.organization_id);
  const localId = overrides.local_id ?? (await createCandidate(db, { organization_id: organizationId })).id;
  return db
    .insertInto("ats_external_ids")
    .values({
      source: "greenhouse",
      kind: "candidate",
      external_id: `ext-${unique()}`,
      created_at: now(),
      ...defined(overrides),
      local_id: localId,
      organization_id: organizationId,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** A received ATS event, ignored unless told. */
export async function createAtsEvent(
  db: Db,
  overrides: Overrides<AtsEventTable> = {},
): Promise<Selectable<AtsEventTable>> {
  const organizationId = await organizationFor(db, overrides.organization_id);
  return db
    .insertInto("ats_events")
    .values({
      source: "greenhouse",
      event_id: null,
      action: "ping",
      outcome: "ignored",
      detail: "Greenhouse's test ping.",
      unknown_stage: null,
      candidate_id: null,
      received_at: now(),
      ...defined(overrides),
      organization_id: organizationId,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/**
 * The row a bulk write holds in summaries_deferred while it writes (migration 0038), as it sees it:
 * never committed (it would switch the summary triggers off for everyone), so made and taken back
 * inside a transaction, as withSummariesOff does. `id` is the organization's.
 */
export async function createSummariesDeferred(
  db: Db,
  overrides: { organization_id?: number } = {},
): Promise<Selectable<SummariesDeferredTable> & { id: number }> {
  const organizationId = await organizationFor(db, overrides.organization_id);
  const write = (trx: Transaction<Database>) =>
    withSummariesOff(trx, organizationId, () =>
      trx.selectFrom("summaries_deferred").selectAll().executeTakeFirstOrThrow(),
    );
  const row = db.isTransaction
    ? await write(db as Transaction<Database>)
    : await db.transaction().execute(write);
  return { ...row, id: row.organization_id };
}

/** Every table's factory, by table: this fails to compile when a table is added without one. */
export const FACTORIES = {
  organizations: createOrganization,
  users: createUser,
  clients: createClient,
  positions: createPosition,
  candidates: createCandidate,
  candidate_search_terms: createCandidateSearchTerm,
  applications: createApplication,
  interviews: createInterview,
  follow_ups: createFollowUp,
  audit_log: createAuditEntry,
  sign_in_attempts: createSignInAttempt,
  sessions: createSession,
  jobs: createJob,
  inbound_messages: createInboundMessage,
  user_invites: createUserInvite,
  share_links: createShareLink,
  form_submissions: createFormSubmission,
  saved_views: createSavedView,
  dashboard_interviewers: createDashboardInterviewer,
  organization_branding: createOrganizationBranding,
  dashboard_applications: createDashboardApplication,
  dashboard_application_cells: createDashboardApplicationCell,
  dashboard_interviews: createDashboardInterview,
  dashboard_interview_cells: createDashboardInterviewCell,
  dashboard_application_rounds: createDashboardApplicationRound,
  dashboard_application_interviewers: createDashboardApplicationInterviewer,
  dashboard_slice_cells: createDashboardSliceCell,
  dashboard_application_suffixes: createDashboardApplicationSuffix,
  dashboard_suffix_cells: createDashboardSuffixCell,
  summaries_deferred: createSummariesDeferred,
  outbox: createOutboxMessage,
  mail_runs: createMailRun,
  password_resets: createPasswordReset,
  report_schedules: createReportSchedule,
  client_contacts: createClientContact,
  candidate_demographics: createCandidateDemographics,
  mailboxes: createMailbox,
  api_tokens: createApiToken,
  api_idempotency_keys: createApiIdempotencyKey,
  score_reviews: createScoreReview,
  webhook_endpoints: createWebhookEndpoint,
  webhook_deliveries: createWebhookDelivery,
  ats_receivers: createAtsReceiver,
  ats_external_ids: createAtsExternalId,
  ats_events: createAtsEvent,
} satisfies Record<keyof Database, (db: Db) => Promise<unknown>>;

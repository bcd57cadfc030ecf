// The typed shape of every table, as kysely sees it. Migrations in db/migrations are the
// source of truth for the database; this file must follow them.
import type { ColumnType, Generated, Insertable, Kysely, Selectable, Transaction, Updateable } from "kysely";
// The domain's word lists live in app/core, one module each. These modules import nothing, so this file
// (the one file of db/ allowed to import from app/) still depends on nothing but kysely.
import type { Behaviour } from "../app/core/behaviours";
import type { Channel } from "../app/core/channels";
import type { InterviewFormat } from "../app/core/interview-formats";
import type { Outcome } from "../app/core/outcomes";
import type { Role } from "../app/core/roles";
import type { PartColumn } from "../app/core/rubric-parts";
import type { Stage } from "../app/core/stages";
import type { WebhookEventType } from "../app/core/webhook-events";
import type { FollowUpWindow } from "../app/core/windows";

// For db/ modules (the seed), which may not import app/ themselves. Code in app/ imports from app/core.
export type { Behaviour, Channel, FollowUpWindow, InterviewFormat, Outcome, Role, Stage };

/** ISO-8601 UTC timestamp text, e.g. 2026-11-26T09:30:00.000Z */
export type Timestamp = string;
/** Calendar date text, e.g. 2026-11-26 */
export type DateText = string;

export interface OrganizationTable {
  id: Generated<number>;
  name: string;
  /** JSON text of the organization's settings (working hours, windows, weights); "{}" means defaults. */
  settings: ColumnType<string, string | undefined, string>;
  is_demo: ColumnType<number, number | undefined, number>;
  created_at: Timestamp;
  /**
   * The moment up to which applications' stored summaries count the windows that have closed
   * (app/data/window-sweep.server.ts); null before the first rescore.
   */
  windows_swept_until: ColumnType<string | null, string | null | undefined, string | null>;
  /** The IANA zone times are shown in for users who chose none, and on shared reports (migration 0022). */
  time_zone: ColumnType<string, string | undefined, string>;
  /** JSON text of the self-identification answer choices; null: the defaults (migration 0029). */
  demographic_categories: ColumnType<string | null, string | null | undefined, string | null>;
  /** The notice to candidates shown on share pages and exports (migration 0030); null: none. */
  candidate_notice: ColumnType<string | null, string | null | undefined, string | null>;
  /** Candidates with no activity for this many months are erased daily (migration 0030); null: never. */
  retention_months: ColumnType<number | null, number | null | undefined, number | null>;
  /** The UTC day the retention run last claimed for this organization. */
  retention_ran_on: ColumnType<string | null, string | null | undefined, string | null>;
  /** How many candidates it has, kept by triggers (migration 0040): the candidates list's total. */
  candidate_count: ColumnType<number, number | undefined, number>;
}

export interface UserTable {
  id: Generated<number>;
  organization_id: number;
  email: string;
  name: string;
  password_hash: string | null;
  role: Role;
  /** Set for client viewers only: the one client they may see. */
  client_id: number | null;
  active: ColumnType<number, number | undefined, number>;
  created_at: Timestamp;
  last_sign_in_at: Timestamp | null;
  /** The user's last view of Today (migration 0020). */
  today_seen_at: ColumnType<string | null, string | null | undefined, string | null>;
  /** Where the current visit's list of new follow-ups starts (app/core/today.ts). */
  today_since: ColumnType<string | null, string | null | undefined, string | null>;
  /** The IANA zone this user reads times in; null: the organization's (migration 0022). */
  time_zone: ColumnType<string | null, string | null | undefined, string | null>;
  /** Mail me when a follow-up arrives for a position I manage or recruit for (migration 0026). */
  notify_follow_ups: ColumnType<number, number | undefined, number>;
  /** Mail me a daily digest of the follow-up windows closing (migration 0026). */
  notify_digest: ColumnType<number, number | undefined, number>;
}

export interface ClientTable {
  id: Generated<number>;
  organization_id: number;
  name: string;
  created_at: Timestamp;
}

export interface PositionTable {
  id: Generated<number>;
  organization_id: number;
  client_id: number;
  title: string;
  hiring_manager_id: number | null;
  status: "open" | "closed";
  opened_on: DateText;
  closed_on: DateText | null;
  created_at: Timestamp;
  /** When a person last changed the row (migration 0031's triggers); null: never since it was made. */
  updated_at: ColumnType<string | null, never, never>;
}

export interface CandidateTable {
  id: Generated<number>;
  organization_id: number;
  name: string;
  email: string | null;
  phone: string | null;
  source: string | null;
  created_at: Timestamp;
  // A summary of the candidate's applications for the candidates list, kept by triggers on applications
  // (migration 0024): never written by the app. Null when the candidate has no application.
  summary_applications: ColumnType<number | null, never, never>;
  summary_last_interview: ColumnType<Timestamp | null, never, never>;
  summary_best_score: ColumnType<number | null, never, never>;
  /** Followed-up over decided interviews, over all applications; null when none is decided. */
  summary_follow_up_rate: ColumnType<number | null, never, never>;
  /** When a person last changed the row (migration 0031's triggers); null: never since it was made. */
  updated_at: ColumnType<string | null, never, never>;
}

/**
 * The words a candidate is found by in the header search (app/core/search.ts), one row each, kept
 * current by every write of a candidate's name, email or phone (migration 0021).
 */
export interface CandidateSearchTermTable {
  organization_id: number;
  candidate_id: number;
  term: string;
}

export interface ApplicationTable {
  id: Generated<number>;
  organization_id: number;
  candidate_id: number;
  position_id: number;
  stage: Stage;
  outcome: Outcome;
  outcome_on: DateText | null;
  outcome_reason: string | null;
  recruiter_id: number | null;
  created_at: Timestamp;
  // Computed on write from the application's interviews and follow-ups (see app/core).
  interview_count: ColumnType<number, number | undefined, number>;
  /** Interviews whose window has closed or that received a follow-up: the denominator of behaviour. */
  decided_interview_count: ColumnType<number, number | undefined, number>;
  followed_up_count: ColumnType<number, number | undefined, number>;
  behaviour: Behaviour | null;
  median_latency_minutes: number | null;
  best_score: number | null;
  mean_score: number | null;
  last_interview_end: Timestamp | null;
  /** When a person last changed the row (migration 0031's triggers); null: never since it was made. */
  updated_at: ColumnType<string | null, never, never>;
}

export interface InterviewTable {
  id: Generated<number>;
  organization_id: number;
  application_id: number;
  interviewer_name: string;
  interviewer_email: string | null;
  starts_at: Timestamp;
  ends_at: Timestamp;
  /** The IANA zone the interview was held in: business latency counts working hours there. */
  time_zone: string;
  format: InterviewFormat;
  round: number;
  /** The round's name as an import gave it ("Phone Screen"), or null (migration 0018). */
  title: string | null;
  notes: string;
  logged_by: number | null;
  created_at: Timestamp;
  /** Unique token for the interview's mail-in address. */
  mail_token: string | null;
  // Computed on write (see app/core/latency.ts).
  first_follow_up_id: number | null;
  first_follow_up_at: Timestamp | null;
  latency_minutes: number | null;
  business_latency_minutes: number | null;
  window: FollowUpWindow | null;
  /** When the last window (late) closes: after it, no follow-up means "none". */
  closes_at: Timestamp;
  /** When a person last changed the row (migration 0031's triggers); null: never since it was made. */
  updated_at: ColumnType<string | null, never, never>;
  /**
   * Why this interview's latency is "not applicable" (an accommodation), or null (migration 0030):
   * when set, no latency or window is stored for it or its follow-ups, and no figure counts its timing.
   */
  latency_exempt_reason: ColumnType<string | null, string | null | undefined, string | null>;
}

/** Each rubric part's points, copied from score_parts so that SQL can average them (migration 0003). */
type PartPointColumns = {
  [C in PartColumn]: ColumnType<number | null, number | null | undefined, number | null>;
};

export interface FollowUpTable extends PartPointColumns {
  id: Generated<number>;
  organization_id: number;
  interview_id: number;
  received_at: Timestamp;
  channel: Channel;
  subject: string | null;
  body: string;
  sender: string | null;
  logged_by: number | null;
  created_at: Timestamp;
  // Computed on write (see app/core).
  latency_minutes: number | null;
  business_latency_minutes: number | null;
  window: FollowUpWindow | null;
  score: number | null;
  /** JSON text: the score's parts with points, maximum and evidence (app/core/rubric/stored-score.ts). */
  score_parts: string | null;
  scorer_version: string | null;
  /** The other candidate's follow-up, for the same position, that this one nearly copies (migration 0014). */
  near_duplicate_of: ColumnType<number | null, number | null | undefined, number | null>;
  /**
   * sha256 (hex) of the body, required on every insert and edit (migration 0019): the unique index on
   * (interview_id, received_at, body_hash) refuses the same message stored twice.
   */
  body_hash: ColumnType<string, string, string>;
  /** When a person last changed the row (migration 0031's triggers); null: never since it was made. */
  updated_at: ColumnType<string | null, never, never>;
}

/** A person's review of one follow-up's score (migration 0030): agree, or override with a band and a reason. */
export interface ScoreReviewTable {
  id: Generated<number>;
  organization_id: number;
  follow_up_id: number;
  reviewer_id: number | null;
  verdict: "agree" | "override";
  /** The reviewer's band (app/core/pipeline.ts SCORE_BANDS), for an override. */
  band: "high" | "mid" | "low" | null;
  reason: string | null;
  /** The score as it stood when reviewed. */
  score: number | null;
  created_at: Timestamp;
}

export interface AuditLogTable {
  id: Generated<number>;
  organization_id: number;
  user_id: number | null;
  action: string;
  entity: string;
  entity_id: number | null;
  detail: string | null;
  created_at: Timestamp;
  /** The candidate the entry is about, when it is about one (migration 0019): their timeline reads it. */
  candidate_id: ColumnType<number | null, number | null | undefined, number | null>;
}

/**
 * A rendered form that stored something (migration 0019): its idempotency key, unique per
 * organization, and the row it made, so that posting the same form again stores nothing new.
 */
export interface FormSubmissionTable {
  id: Generated<number>;
  organization_id: number;
  key: string;
  user_id: number | null;
  entity: "interview" | "follow_up";
  entity_id: number | null;
  created_at: Timestamp;
}

/**
 * One sign-in attempt that has not succeeded (migration 0016): counted per email and per client
 * address over the throttling window (app/auth/sign-in.server.ts), deleted when the email signs in.
 */
export interface SignInAttemptTable {
  id: Generated<number>;
  /** Lower-cased email the attempt named, whether or not an account has it. */
  email: string;
  /** The client's address (the socket's, or X-Forwarded-For's behind TRUST_PROXY=1). */
  address: string;
  attempted_at: Timestamp;
}

/** A signed-in browser (migration 0015). The cookie holds the token; only its sha256 is kept here. */
export interface SessionTable {
  id: Generated<number>;
  token_hash: string;
  user_id: number;
  organization_id: number;
  created_at: Timestamp;
  /** Moved on at most once a minute; the session ends after SESSION_IDLE_MS without a request. */
  last_seen_at: Timestamp;
  /** The absolute end, however active the session is. */
  expires_at: Timestamp;
  revoked_at: Timestamp | null;
  user_agent: string | null;
}

export interface JobTable {
  id: Generated<number>;
  organization_id: number;
  kind: "rescore";
  status: "running" | "done" | "failed";
  done: ColumnType<number, number | undefined, number>;
  total: ColumnType<number, number | undefined, number>;
  started_by: number | null;
  started_at: Timestamp;
  finished_at: Timestamp | null;
  error: string | null;
  /** The server process running it, "host:pid:nonce" (migration 0017). */
  owner: string | null;
  /** Moved on while the job runs; a running job whose heartbeat is over a minute old is dead. */
  heartbeat_at: Timestamp | null;
  /** The last position whose scores the job committed, in the same transaction as them. */
  resume_after: number | null;
  /** The scorer version and settings the committed scores were computed with (a hash). */
  basis: string | null;
  /** Times the job was taken over after its server stopped, and the last time. */
  resumed: ColumnType<number, number | undefined, number>;
  resumed_at: Timestamp | null;
}

/** A message received by upload or by the mail-in address, kept raw until matched or discarded (migration 0008). */
export interface InboundMessageTable {
  id: Generated<number>;
  organization_id: number;
  received_at: Timestamp;
  source: "upload" | "smtp" | "imap";
  sender: string | null;
  subject: string | null;
  /** The message's own Date (or the forwarded original's), when it has one. */
  sent_at: Timestamp | null;
  raw: string;
  status: "unmatched" | "matched" | "discarded";
  /** Why it is still unmatched (no such candidate, an auto-reply, dated before the interview ended…). */
  reason: string | null;
  /** The interview its address named (mail-in) or that it was matched to. */
  interview_id: number | null;
  follow_up_id: number | null;
  handled_by: number | null;
  /** The watched mailbox it came from (migration 0027). */
  mailbox_id: ColumnType<number | null, number | null | undefined, number | null>;
  /** Its Message-ID, or a hash of sender, date and body: unique per organization, so a message is kept once. */
  message_key: ColumnType<string | null, string | null | undefined, string | null>;
}

/** A mailbox watched over IMAP (migration 0027): how to reach it, where its sync stands, who watches it. */
export interface MailboxTable {
  id: Generated<number>;
  organization_id: number;
  created_by: number | null;
  host: string;
  port: number;
  /** 1: TLS from the start (port 993); 0: plain, upgraded with STARTTLS when the server offers it. */
  tls: number;
  username: string;
  /** "password" (also an app password) or "xoauth2" (an OAuth2 access token). */
  auth: "password" | "xoauth2";
  /** The password or token, AES-256-GCM encrypted (app/data/secret-box.server.ts). Never shown again. */
  secret: string;
  created_at: Timestamp;
  /** INBOX's UIDVALIDITY when last_uid was read: another value means every UID changed. */
  uid_validity: string | null;
  /** The last UID looked at (bigint: PostgreSQL returns it as text). */
  last_uid: ColumnType<number | string, number | undefined, number>;
  /** The Date of the last message looked at. */
  last_message_at: Timestamp | null;
  last_sync_at: Timestamp | null;
  /** Since when a server is connected to it; null when none is. */
  connected_at: Timestamp | null;
  last_error: string | null;
  last_error_at: Timestamp | null;
  /** The server watching it ("host:pid:nonce") and its last beat: a lease, like a running job's. */
  owner: string | null;
  heartbeat_at: Timestamp | null;
}

/** A one-time link that sets a user's first password (migration 0007). Only the token's sha256 is kept. */
export interface UserInviteTable {
  id: Generated<number>;
  organization_id: number;
  user_id: number;
  token_hash: string;
  expires_at: Timestamp;
  used_at: Timestamp | null;
  created_by: number | null;
  created_at: Timestamp;
}

/** A read-only, expiring link to one client's report (migration 0007). Only the token's sha256 is kept. */
export interface ShareLinkTable {
  id: Generated<number>;
  organization_id: number;
  client_id: number;
  token_hash: string;
  label: string | null;
  from_date: DateText | null;
  to_date: DateText | null;
  expires_at: Timestamp;
  revoked_at: Timestamp | null;
  created_by: number | null;
  created_at: Timestamp;
  last_opened_at: Timestamp | null;
}

/**
 * A user's saved view of a pipeline (migration 0023): a name and the page's query string (filters,
 * sort, columns; never the page number), canonical as app/core/pipeline.ts's viewSearch writes it.
 */
export interface SavedViewTable {
  id: Generated<number>;
  organization_id: number;
  user_id: number;
  name: string;
  search: string;
  created_at: Timestamp;
  updated_at: Timestamp;
}

/**
 * An agency's branding on its client reports (migration 0028): at most one row per organization. The
 * colour is "#rrggbb", contrast-checked against white text; the logo is PNG or JPEG bytes, checked by
 * app/core/branding.ts before they are stored, with its type, size and a hash naming its version.
 */
export interface OrganizationBrandingTable {
  id: Generated<number>;
  organization_id: number;
  /** The name reports are signed with; null: the organization's name. */
  display_name: string | null;
  color: string | null;
  logo: Buffer | null;
  logo_type: string | null;
  logo_width: number | null;
  logo_height: number | null;
  logo_hash: string | null;
  updated_at: Timestamp;
}

/**
 * How many interviews each (organization, interviewer, round) has: the dashboard's interviewer and round
 * filter options. Kept by triggers on interviews (migration 0024); never written by the app.
 */
export interface DashboardInterviewerTable {
  organization_id: number;
  interviewer_name: string;
  round: number;
  interviews: number;
}

/**
 * A token for the REST API (migration 0031): personal (user_id set: acts as that user) or the
 * organization's (user_id null: acts with the admin role). Only the token's sha256 is kept.
 */
export interface ApiTokenTable {
  id: Generated<number>;
  organization_id: number;
  user_id: number | null;
  created_by: number | null;
  name: string;
  scope: "read" | "write";
  token_hash: string;
  /** The token's first characters, shown in lists so that a person can tell tokens apart. */
  prefix: string;
  created_at: Timestamp;
  expires_at: Timestamp | null;
  revoked_at: Timestamp | null;
  last_used_at: Timestamp | null;
  use_count: ColumnType<number, number | undefined, number>;
  /** The start of the current rate-limit minute and the requests counted in it. */
  window_started_at: Timestamp | null;
  window_count: ColumnType<number, number | undefined, number>;
}

/** A POST's Idempotency-Key and the response it got (migration 0031); status null while it runs. */
export interface ApiIdempotencyKeyTable {
  id: Generated<number>;
  token_id: number;
  key: string;
  request_hash: string;
  status: number | null;
  body: string | null;
  created_at: Timestamp;
}

/**
 * An organization's receiver of events from an applicant tracking system (migration 0035): the key in
 * its URL, its signing secret (sealed: app/data/secret-box.server.ts), whose name its writes go under,
 * the client new positions open for, and the hand-made word map (JSON of the CSV import's ValueMap).
 */
export interface AtsReceiverTable {
  id: Generated<number>;
  organization_id: number;
  source: "greenhouse";
  url_key: string;
  secret_sealed: string;
  enabled: ColumnType<number, number | undefined, number>;
  acting_user_id: number | null;
  client_id: number | null;
  value_map: ColumnType<string, string | undefined, string>;
  created_at: Timestamp;
  secret_rotated_at: Timestamp;
  window_started_at: Timestamp | null;
  window_count: ColumnType<number, number | undefined, number>;
}

/** An ATS's id of a candidate, job, application or interview, and the row it became here. */
export interface AtsExternalIdTable {
  id: Generated<number>;
  organization_id: number;
  source: "greenhouse";
  kind: "candidate" | "job" | "application" | "interview";
  external_id: string;
  local_id: number;
  created_at: Timestamp;
}

/** One event an ATS sent, and what became of it. */
export interface AtsEventTable {
  id: Generated<number>;
  organization_id: number;
  source: "greenhouse";
  event_id: string | null;
  action: string;
  outcome: "applied" | "ignored" | "refused";
  detail: string;
  /** A stage word neither the organization's map nor the import's tables read. */
  unknown_stage: string | null;
  candidate_id: number | null;
  received_at: Timestamp;
}

/**
 * What the dashboard's application figures need of each application that has interviews, over all its
 * interviews, as of the organization's sweep mark (windows_swept_until). Kept by triggers (migration
 * 0025); never written by the app. Rebuilt and checked by app/data/summaries.server.ts.
 */
export type DashboardApplicationTable = {
  organization_id: number;
  application_id: number;
  position_id: number;
  client_id: number;
  recruiter_id: number | null;
  result: "pending" | "offer" | "no_offer";
  behaviour: Behaviour | null;
  /** The fastest window reached: 1 best … 4 late, 5 none (decided without a timed follow-up). */
  best: number | null;
  /** The mean first-follow-up score's decile, as shown (rounded): 0 … 9. */
  decile: number | null;
  n: number;
  d: number;
  fu: number;
  lat_n: number;
  lat_sum: number | null;
  score_sum: number | null;
  score_n: number;
  parts_n: number;
  first_day: string | null;
  last_day: string | null;
} & { [C in PartColumn]: number | null };

/**
 * The dashboard's applications added up by level (org, client, position, recruiter, client_recruiter
 * with key "client:recruiter") and by what the figures group them by. No behaviour is '', no window 0,
 * no decile -1. Kept by triggers on dashboard_applications (migration 0025); never written by the app.
 */
export type DashboardApplicationCellTable = {
  organization_id: number;
  level: "org" | "client" | "position" | "recruiter" | "client_recruiter";
  level_key: string;
  result: "pending" | "offer" | "no_offer";
  behaviour: Behaviour | "";
  best: number;
  decile: number;
  apps: number;
  n: number;
  d: number;
  fu: number;
  lat_n: number;
  lat_sum: number;
  score_sum: number;
  score_n: number;
  parts_n: number;
} & { [C in PartColumn]: number };

/**
 * One row per application and round it has interviews in: dashboard_applications' columns counted over
 * that round's interviews only (migration 0037, the dashboard's round filter). Kept by triggers.
 */
export type DashboardApplicationRoundTable = DashboardApplicationTable & { round: number };

/** The same per application and interviewer (migration 0037, the breakdown by interviewer). */
export type DashboardApplicationInterviewerTable = DashboardApplicationTable & { interviewer_name: string };

/**
 * The slices' rows added up by level: round (key "R", with fastest window and decile), round_client
 * ("R:client") and interviewer (the name), these two by behaviour ×
 * result only (best 0, decile -1). Kept by triggers on the slices' tables (migration 0037).
 */
export type DashboardSliceCellTable = Omit<DashboardApplicationCellTable, "level"> & {
  level: "round" | "round_client" | "interviewer";
};

/**
 * One row per application and day it has interviews on: dashboard_applications' columns counted over its
 * interviews from that day on, with the day before it that had interviews (migration 0041, the
 * dashboard's date range). Kept by triggers; never written by the app.
 */
export type DashboardApplicationSuffixTable = DashboardApplicationTable & {
  from_day: string;
  prev_day: string | null;
};

/**
 * The suffix rows added up by level (org, client, recruiter) and day: each row adds itself on its
 * from_day and subtracts itself on its prev_day, so the cells from a day on sum to what the applications
 * count over their interviews from that day (migration 0041). `entries` counts the rows in a cell;
 * `apps` and the sums are signed. Kept by triggers on dashboard_application_suffixes.
 */
export type DashboardSuffixCellTable = Omit<DashboardApplicationCellTable, "level"> & {
  level: "org" | "client" | "recruiter";
  day: string;
  entries: number;
};

/**
 * One row per interview: what the dashboard's interview figures need, with the keys it is counted under,
 * as if its last window had closed (every interview is decided in the end). Kept by triggers (migration
 * 0025); never written by the app.
 */
export type DashboardInterviewTable = {
  interview_id: number;
  organization_id: number;
  client_id: number;
  recruiter_id: number | null;
  /** The UTC day of ends_at, "yyyy-MM-dd". */
  day: string;
  /** The timed window of the first follow-up, else "none". */
  win: string;
  /** ceil(latency_minutes / 60), or -1 without a follow-up. */
  hour: number;
  latency: number | null;
  /** The interview's round and interviewer (migration 0037). */
  round: number;
  interviewer_name: string;
};

/**
 * The dashboard's interviews added up by level (org, client, recruiter; since 0037 round with key "R",
 * round_client "R:client") × day × window × hour (0025); and by
 * interviewer (key the name) × hour, with day and window '' (0037).
 */
export type DashboardInterviewCellTable = {
  organization_id: number;
  level: "org" | "client" | "recruiter" | "round" | "round_client" | "interviewer";
  level_key: string;
  day: string;
  win: string;
  hour: number;
  n: number;
  lat_sum: number;
};

/**
 * One outgoing message (migration 0026): queued until an SMTP server takes it, claimed by one sender
 * at a time, retried with backoff (app/core/mail-schedule.ts), failed after the last attempt.
 */
export interface OutboxTable {
  id: Generated<number>;
  /** Null for mail about no organization in particular. */
  organization_id: number | null;
  kind: "invite" | "password_reset" | "follow_up" | "digest" | "client_report" | "test";
  to_address: string;
  subject: string;
  text_body: string;
  html_body: string | null;
  /** JSON object of extra headers (List-Unsubscribe…). */
  headers: string | null;
  /** JSON array of { filename, contentType, base64 }. */
  attachments: string | null;
  /** Unique when set: the same message is never queued twice. */
  dedupe_key: string | null;
  status: "queued" | "sending" | "sent" | "failed";
  attempts: ColumnType<number, number | undefined, number>;
  next_attempt_at: Timestamp;
  /** The sender ("host:pid:nonce") holding the row while it sends, and since when. */
  claimed_by: string | null;
  claimed_at: Timestamp | null;
  last_error: string | null;
  message_id: string | null;
  sent_at: Timestamp | null;
  created_at: Timestamp;
}

/** A batch of mail claimed once for good (migration 0026): "report:<client>:<period>", "digest:<user>:<day>". */
export interface MailRunTable {
  id: Generated<number>;
  key: string;
  organization_id: number | null;
  created_at: Timestamp;
}

/** A password reset request (migration 0026); token_hash only when the email had an account. */
export interface PasswordResetTable {
  id: Generated<number>;
  email: string;
  address: string;
  user_id: number | null;
  token_hash: string | null;
  expires_at: Timestamp;
  used_at: Timestamp | null;
  requested_at: Timestamp;
}

/** A client whose report is mailed to its contacts every week or month (migration 0026). */
export interface ReportScheduleTable {
  id: Generated<number>;
  organization_id: number;
  client_id: number;
  frequency: "weekly" | "monthly";
  created_by: number | null;
  updated_at: Timestamp;
}

/** A person at a client who receives its scheduled report (migration 0026). */
export interface ClientContactTable {
  id: Generated<number>;
  organization_id: number;
  client_id: number;
  name: string;
  email: string;
  unsubscribed_at: Timestamp | null;
  created_at: Timestamp;
}

/** A URL an admin registered for outgoing webhooks (migration 0034). */
export interface WebhookEndpointTable {
  id: Generated<number>;
  organization_id: number;
  url: string;
  /** JSON array of event types (app/core/webhooks.ts WEBHOOK_EVENTS). */
  events: string;
  enabled: ColumnType<number, number | undefined, number>;
  /** The signing secret, sealed (app/data/secret-box.server.ts). */
  secret: string;
  /** The secret before the last rotation, sealed: it signs too until previous_secret_expires_at. */
  previous_secret: string | null;
  previous_secret_expires_at: Timestamp | null;
  created_by: number | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

/** One event for one endpoint, to be POSTed (migration 0034): the webhooks' outbox. */
export interface WebhookDeliveryTable {
  id: Generated<number>;
  organization_id: number;
  endpoint_id: number;
  /** The event's id, the same for every endpoint it goes to: "evt_…". */
  event_id: string;
  event_type: WebhookEventType;
  /** The exact JSON body sent: { id, type, created_at, data }. */
  body: string;
  status: "queued" | "sending" | "sent" | "failed";
  attempts: ColumnType<number, number | undefined, number>;
  next_attempt_at: Timestamp;
  claimed_by: string | null;
  claimed_at: Timestamp | null;
  last_error: string | null;
  /** The HTTP status of the last answer, null when there was none (refused, timed out). */
  response_status: number | null;
  /** The start of the last answer's body. */
  response_excerpt: string | null;
  sent_at: Timestamp | null;
  created_at: Timestamp;
}

/**
 * A candidate's self-identified demographics (migration 0029), apart from the candidate row and read
 * only for the compliance permission. Each answer is a choice's label, "declined", or null (not answered).
 */
export interface CandidateDemographicsTable {
  candidate_id: number;
  organization_id: number;
  sex: string | null;
  race_ethnicity: string | null;
  age_band: string | null;
  source: "form" | "import";
  updated_by: number | null;
  updated_at: Timestamp;
}

/**
 * A row while a bulk write has put off the summaries' triggers (migration 0038): written and deleted
 * inside that write's transaction, so never seen by another connection (summaries.server.ts).
 */
export interface SummariesDeferredTable {
  organization_id: number;
}

export interface Database {
  organizations: OrganizationTable;
  users: UserTable;
  clients: ClientTable;
  positions: PositionTable;
  candidates: CandidateTable;
  candidate_search_terms: CandidateSearchTermTable;
  applications: ApplicationTable;
  interviews: InterviewTable;
  follow_ups: FollowUpTable;
  audit_log: AuditLogTable;
  sign_in_attempts: SignInAttemptTable;
  sessions: SessionTable;
  jobs: JobTable;
  inbound_messages: InboundMessageTable;
  user_invites: UserInviteTable;
  share_links: ShareLinkTable;
  form_submissions: FormSubmissionTable;
  saved_views: SavedViewTable;
  dashboard_interviewers: DashboardInterviewerTable;
  dashboard_applications: DashboardApplicationTable;
  dashboard_application_cells: DashboardApplicationCellTable;
  dashboard_interviews: DashboardInterviewTable;
  dashboard_interview_cells: DashboardInterviewCellTable;
  dashboard_application_rounds: DashboardApplicationRoundTable;
  dashboard_application_interviewers: DashboardApplicationInterviewerTable;
  dashboard_slice_cells: DashboardSliceCellTable;
  dashboard_application_suffixes: DashboardApplicationSuffixTable;
  dashboard_suffix_cells: DashboardSuffixCellTable;
  summaries_deferred: SummariesDeferredTable;
  outbox: OutboxTable;
  mail_runs: MailRunTable;
  password_resets: PasswordResetTable;
  report_schedules: ReportScheduleTable;
  client_contacts: ClientContactTable;
  mailboxes: MailboxTable;
  api_tokens: ApiTokenTable;
  api_idempotency_keys: ApiIdempotencyKeyTable;
  candidate_demographics: CandidateDemographicsTable;
  organization_branding: OrganizationBrandingTable;
  score_reviews: ScoreReviewTable;
  ats_receivers: AtsReceiverTable;
  ats_external_ids: AtsExternalIdTable;
  ats_events: AtsEventTable;
  webhook_endpoints: WebhookEndpointTable;
  webhook_deliveries: WebhookDeliveryTable;
}

/** What every data function takes first: the connection, or a transaction it is part of. */
export type Db = Kysely<Database> | Transaction<Database>;

export type Organization = Selectable<OrganizationTable>;
export type User = Selectable<UserTable>;
export type NewUser = Insertable<UserTable>;
export type Client = Selectable<ClientTable>;
export type Position = Selectable<PositionTable>;
export type Candidate = Selectable<CandidateTable>;
export type NewCandidate = Insertable<CandidateTable>;
export type Application = Selectable<ApplicationTable>;
export type Interview = Selectable<InterviewTable>;
export type NewInterview = Insertable<InterviewTable>;
export type InterviewUpdate = Updateable<InterviewTable>;
export type FollowUp = Selectable<FollowUpTable>;
export type NewFollowUp = Insertable<FollowUpTable>;
export type InboundMessage = Selectable<InboundMessageTable>;
export type OutboxMessage = Selectable<OutboxTable>;
export type Mailbox = Selectable<MailboxTable>;

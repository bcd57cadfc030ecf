// Integration tests run the real loaders and actions against a real, freshly migrated database: a new
// SQLite file, or, when TEST_DATABASE_URL names a PostgreSQL server (scripts/test-postgres.ts sets it),
// a new database created on that server for each test file.
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Migrator, type Kysely } from "kysely";
import type { Role } from "../app/core/roles";
import type { Database } from "../db/schema";

/** True when this run is against PostgreSQL (TEST_DATABASE_URL set): SQLite-only tests skip. */
export const onPostgres = Boolean(process.env.TEST_DATABASE_URL);

/** Prefix of the databases freshDatabase creates on TEST_DATABASE_URL's server (dropped after the run). */
export const TEST_DATABASE_PREFIX = "followthrough_test_";

/** Creates a new, empty database on TEST_DATABASE_URL's server and returns its URL. */
async function createPostgresDatabase(serverUrl: string): Promise<string> {
  const { default: pg } = await import("pg");
  const run = (process.env.FOLLOWTHROUGH_TEST_RUN ?? "").replace(/[^a-z0-9]/g, "");
  const name = `${TEST_DATABASE_PREFIX}${run ? `${run}_` : ""}${process.pid}_${crypto.randomBytes(4).toString("hex")}`;
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(`create database ${name}`);
  } finally {
    await client.end();
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

/**
 * Points the app's shared connection at a new database (a SQLite file, or a new PostgreSQL database
 * when TEST_DATABASE_URL is set) and migrates it. Call before importing any module that reads
 * DATABASE_URL (use dynamic imports after it).
 */
export async function freshDatabase(): Promise<Kysely<Database>> {
  if (process.env.TEST_DATABASE_URL) {
    process.env.DATABASE_URL = await createPostgresDatabase(process.env.TEST_DATABASE_URL);
  } else {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "followthrough-test-"));
    process.env.DATABASE_URL = path.join(dir, "test.db");
  }
  process.env.SESSION_SECRET ??= "test-session-secret";
  const { getDb } = await import("../db/connection.server");
  const { migrateToLatest } = await import("../db/migrate.server");
  const db = getDb();
  await migrateToLatest(db);
  return db;
}

let counter = 0;
const now = () => new Date().toISOString();

/** An organization with a client, an open position and one user of the given role. */
export async function makeOrganization(db: Kysely<Database>, role: Role = "recruiter") {
  counter += 1;
  const org = await db
    .insertInto("organizations")
    .values({ name: `Org ${counter}`, created_at: now() })
    .returning("id")
    .executeTakeFirstOrThrow();
  const client = await db
    .insertInto("clients")
    .values({ organization_id: org.id, name: `Client ${counter}`, created_at: now() })
    .returning("id")
    .executeTakeFirstOrThrow();
  const user = await makeUser(db, org.id, role, role === "client_viewer" ? client.id : null);
  const position = await db
    .insertInto("positions")
    .values({
      organization_id: org.id,
      client_id: client.id,
      title: `Account Executive ${counter}`,
      hiring_manager_id: null,
      status: "open",
      opened_on: "2026-10-01",
      created_at: now(),
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return { organizationId: org.id, clientId: client.id, positionId: position.id, user };
}

export async function makeUser(
  db: Kysely<Database>,
  organizationId: number,
  role: Role,
  clientId: number | null = null,
) {
  counter += 1;
  return db
    .insertInto("users")
    .values({
      organization_id: organizationId,
      email: `user${counter}@example.test`,
      name: `User ${counter}`,
      password_hash: null,
      role,
      client_id: clientId,
      created_at: now(),
    })
    .returning(["id", "organization_id", "email", "name", "role", "client_id"])
    .executeTakeFirstOrThrow();
}

export async function makeCandidate(
  db: Kysely<Database>,
  organizationId: number,
  positionId: number,
  name = "Dana Example",
) {
  counter += 1;
  const candidate = await db
    .insertInto("candidates")
    .values({
      organization_id: organizationId,
      name,
      email: `cand${counter}@example.test`,
      phone: null,
      source: "referral",
      created_at: now(),
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  const application = await db
    .insertInto("applications")
    .values({
      organization_id: organizationId,
      candidate_id: candidate.id,
      position_id: positionId,
      stage: "interview",
      outcome: "pending",
      outcome_on: null,
      outcome_reason: null,
      recruiter_id: null,
      created_at: now(),
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return { candidateId: candidate.id, applicationId: application.id };
}

/**
 * An hour-long interview of the application, ending at `endsAt`, without computed columns (no follow-up
 * yet; its last window closing 72 h after the end unless `closesAt` says otherwise).
 */
export async function makeInterview(
  db: Kysely<Database>,
  organizationId: number,
  applicationId: number,
  {
    endsAt,
    closesAt,
    notes = "",
    interviewerName = "Priya Shah",
  }: { endsAt: string; closesAt?: string; notes?: string; interviewerName?: string },
) {
  const end = Date.parse(endsAt);
  return db
    .insertInto("interviews")
    .values({
      organization_id: organizationId,
      application_id: applicationId,
      interviewer_name: interviewerName,
      interviewer_email: null,
      starts_at: new Date(end - 3_600_000).toISOString(),
      ends_at: endsAt,
      time_zone: "America/New_York",
      format: "video",
      round: 1,
      notes,
      logged_by: null,
      created_at: endsAt,
      mail_token: crypto.randomBytes(9).toString("base64url"),
      closes_at: closesAt ?? new Date(end + 72 * 3_600_000).toISOString(),
    })
    .returning("id")
    .executeTakeFirstOrThrow();
}

/** A Cookie header for a session of this user, made by the app's own session code. */
export async function sessionCookie(userId: number): Promise<string> {
  const { startSession } = await import("../app/auth/session.server");
  const response = await startSession(userId, "/");
  return (response.headers.get("Set-Cookie") ?? "").split(";")[0];
}

export function routeArgs(
  url: string,
  cookie: string | null,
  params: Record<string, string> = {},
  init: RequestInit = {},
) {
  const headers = new Headers(init.headers);
  if (cookie) headers.set("Cookie", cookie);
  return { request: new Request(`http://localhost${url}`, { ...init, headers }), params, context: {} };
}

/** Runs a loader or action and returns the thrown or returned Response's status, or 200 for plain data. */
export async function statusOf(run: () => Promise<unknown>): Promise<number> {
  try {
    const result = await run();
    return result instanceof Response ? result.status : 200;
  } catch (thrown) {
    if (thrown instanceof Response) return thrown.status;
    throw thrown;
  }
}

/**
 * A new SQLite database migrated up to, not including, `migration` (a name such as "0014"), holding one
 * interview, for a migration's test: `followUp` makes a follow-up row for it with the given score_parts,
 * and `migrateRest` runs the remaining migrations.
 */
export async function databaseBefore(migration: string) {
  const { openDatabase } = await import("../db/connection.server");
  const { migrations } = await import("../db/migrations");
  const db = openDatabase(path.join(fs.mkdtempSync(path.join(os.tmpdir(), `ft-${migration}-`)), "m.db"));
  const upTo = (names: (name: string) => boolean) =>
    new Migrator({
      db,
      provider: {
        getMigrations: async () =>
          Object.fromEntries(Object.entries(migrations).filter(([name]) => names(name))),
      },
    }).migrateToLatest();
  const before = await upTo((name) => name < migration);
  if (before.error) throw before.error;
  const now = "2026-01-01T00:00:00.000Z";
  const org = await db
    .insertInto("organizations")
    .values({ name: "O", created_at: now })
    .returning("id")
    .executeTakeFirstOrThrow();
  const client = await db
    .insertInto("clients")
    .values({ organization_id: org.id, name: "C", created_at: now })
    .returning("id")
    .executeTakeFirstOrThrow();
  const position = await db
    .insertInto("positions")
    .values({
      organization_id: org.id,
      client_id: client.id,
      title: "P",
      hiring_manager_id: null,
      status: "open",
      opened_on: "2026-01-01",
      created_at: now,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  const { applicationId } = await makeCandidate(db, org.id, position.id);
  const interview = await makeInterview(db, org.id, applicationId, { endsAt: now });
  const followUp = (scoreParts: string | null) => ({
    organization_id: org.id,
    interview_id: interview.id,
    received_at: now,
    channel: "email" as const,
    subject: null,
    body: "Thanks",
    sender: null,
    logged_by: null,
    created_at: now,
    score_parts: scoreParts,
  });
  return { db, followUp, migrateRest: () => upTo(() => true) };
}

/**
 * The job once it is no longer running. It polls for as long as a busy machine may need (two minutes):
 * tests check what a job did, never how fast.
 */
export async function finishedJob(db: Kysely<Database>, jobId: number, limitMs = 120_000) {
  const deadline = Date.now() + limitMs;
  for (;;) {
    const job = await db.selectFrom("jobs").selectAll().where("id", "=", jobId).executeTakeFirstOrThrow();
    if (job.status !== "running") return job;
    if (Date.now() > deadline) throw new Error(`job ${jobId} still running after ${limitMs / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** A follow-up to an interview, without computed columns unless given (a stored score, for instance). */
export async function makeFollowUp(
  db: Kysely<Database>,
  organizationId: number,
  interviewId: number,
  {
    body,
    receivedAt = "2026-11-24T18:00:00.000Z",
    subject = "Thank you",
    sender = null,
    score,
    scorerVersion,
  }: {
    body: string;
    receivedAt?: string;
    subject?: string;
    sender?: string | null;
    score?: number;
    scorerVersion?: string;
  },
) {
  return db
    .insertInto("follow_ups")
    .values({
      organization_id: organizationId,
      interview_id: interviewId,
      received_at: receivedAt,
      channel: "email",
      subject,
      body,
      sender,
      logged_by: null,
      created_at: new Date().toISOString(),
      ...(score === undefined ? {} : { score }),
      ...(scorerVersion === undefined ? {} : { scorer_version: scorerVersion }),
    })
    .returning("id")
    .executeTakeFirstOrThrow();
}

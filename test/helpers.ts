// Integration tests run the real loaders and actions against a real, freshly migrated database: a new
// SQLite file, or, when TEST_DATABASE_URL names a PostgreSQL server (scripts/test-postgres.ts sets it),
// a new database created on that server for each test file.
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Migrator, type Kysely } from "kysely";
import type { Database } from "../db/schema";
import { createInterview } from "./factories";

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
  await pointDatabaseAt(
    process.env.TEST_DATABASE_URL
      ? await createPostgresDatabase(process.env.TEST_DATABASE_URL)
      : path.join(fs.mkdtempSync(path.join(os.tmpdir(), "followthrough-test-")), "test.db"),
  );
  const { getDb } = await import("../db/connection.server");
  const { migrateToLatest } = await import("../db/migrate.server");
  const db = getDb();
  await migrateToLatest(db);
  return db;
}

/**
 * Points the app's shared connection (getDb) at this database, closing the one a previous test file
 * opened: the integration tests share one process (vitest's isolate is off, see vitest.config.ts).
 */
export async function pointDatabaseAt(url: string): Promise<void> {
  const previous = globalThis.__followthroughDb;
  globalThis.__followthroughDb = undefined;
  await previous?.destroy();
  process.env.DATABASE_URL = url;
  process.env.SESSION_SECRET ??= "test-session-secret";
}

/** A Cookie header for a session of this user, made by the app's own session code. */
export async function sessionCookie(userId: number): Promise<string> {
  const { startSession } = await import("../app/auth/session.server");
  const response = await startSession(userId, "/");
  return (response.headers.get("Set-Cookie") ?? "").split(";")[0];
}

/** The session cookie's name, as app/auth/session.server.ts sets it. */
export const SESSION_COOKIE = "__followthrough";

/**
 * The session cookie's value for a session token (the `token` of a createSession factory row), signed
 * with `secret` the way the app signs it: e2e tests sign in with it without going through the form.
 */
export async function sessionCookieValue(token: string, secret: string): Promise<string> {
  const { createCookie } = await import("@remix-run/node");
  const header = await createCookie(SESSION_COOKIE, { secrets: [secret] }).serialize(token);
  return header.slice(SESSION_COOKIE.length + 1, header.indexOf(";"));
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
 * interview, for a migration's test: `followUp` stores a follow-up of it with the given score_parts,
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
  const interview = await createInterview(db, { ends_at: now, created_at: now, mail_token: null });
  // Inserted as the schema stood then (the factory fills today's columns), each with its own text so
  // that no later migration takes two for copies of one message.
  let n = 0;
  const followUp = (scoreParts: string | null, body = `Thanks ${++n}`): Promise<{ id: number }> =>
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the schema as it stood, not today's
    (db as unknown as Kysely<any>)
      .insertInto("follow_ups")
      .values({
        organization_id: interview.organization_id,
        interview_id: interview.id,
        received_at: now,
        channel: "email",
        subject: null,
        body,
        sender: null,
        logged_by: null,
        created_at: now,
        score_parts: scoreParts,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
  return { db, interview, followUp, migrateRest: () => upTo(() => true) };
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

// Integration tests run the real loaders and actions against a real, freshly migrated SQLite file.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Kysely } from "kysely";
import type { Database, Role } from "../db/schema";

/**
 * Points the app's shared connection at a new database file and migrates it. Call before importing
 * any module that reads DATABASE_URL (use dynamic imports after it).
 */
export async function freshDatabase(): Promise<Kysely<Database>> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "followthrough-test-"));
  process.env.DATABASE_URL = path.join(dir, "test.db");
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
  const org = await db.insertInto("organizations").values({ name: `Org ${counter}`, created_at: now() }).returning("id").executeTakeFirstOrThrow();
  const client = await db
    .insertInto("clients")
    .values({ organization_id: org.id, name: `Client ${counter}`, created_at: now() })
    .returning("id")
    .executeTakeFirstOrThrow();
  const user = await makeUser(db, org.id, role, role === "client_viewer" ? client.id : null);
  const position = await db
    .insertInto("positions")
    .values({ organization_id: org.id, client_id: client.id, title: `Account Executive ${counter}`, hiring_manager_id: null, status: "open", opened_on: "2026-10-01", created_at: now() })
    .returning("id")
    .executeTakeFirstOrThrow();
  return { organizationId: org.id, clientId: client.id, positionId: position.id, user };
}

export async function makeUser(db: Kysely<Database>, organizationId: number, role: Role, clientId: number | null = null) {
  counter += 1;
  return db
    .insertInto("users")
    .values({ organization_id: organizationId, email: `user${counter}@example.test`, name: `User ${counter}`, password_hash: null, role, client_id: clientId, created_at: now() })
    .returning(["id", "organization_id", "email", "name", "role", "client_id"])
    .executeTakeFirstOrThrow();
}

export async function makeCandidate(db: Kysely<Database>, organizationId: number, positionId: number, name = "Dana Example") {
  counter += 1;
  const candidate = await db
    .insertInto("candidates")
    .values({ organization_id: organizationId, name, email: `cand${counter}@example.test`, phone: null, source: "referral", created_at: now() })
    .returning("id")
    .executeTakeFirstOrThrow();
  const application = await db
    .insertInto("applications")
    .values({ organization_id: organizationId, candidate_id: candidate.id, position_id: positionId, stage: "interview", outcome: "pending", outcome_on: null, outcome_reason: null, recruiter_id: null, created_at: now() })
    .returning("id")
    .executeTakeFirstOrThrow();
  return { candidateId: candidate.id, applicationId: application.id };
}

/** A Cookie header for a session of this user, made by the app's own session code. */
export async function sessionCookie(userId: number): Promise<string> {
  const { startSession } = await import("../app/auth/session.server");
  const response = await startSession(userId, "/");
  return (response.headers.get("Set-Cookie") ?? "").split(";")[0];
}

export function routeArgs(url: string, cookie: string | null, params: Record<string, string> = {}, init: RequestInit = {}) {
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

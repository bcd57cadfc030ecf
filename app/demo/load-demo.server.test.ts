import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { verify } from "@node-rs/argon2";
import type { Kysely } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase } from "../../db/connection.server";
import { migrateToLatest } from "../../db/migrate.server";
import type { Database } from "../../db/schema";
import { DEMO_ACCOUNTS } from "./accounts";
import { DEMO_ORGANIZATION_NAME, loadDemoWorkspace } from "./load-demo.server";

const NOW = new Date("2026-11-26T15:30:00.000Z");
const HOUR = 3_600_000;
/** Generous: the machine may be busy, and the demo hashes five passwords with argon2. */
const SLOW = 60_000;
let dir: string;
const open: Kysely<Database>[] = [];

async function freshDb(name: string): Promise<Kysely<Database>> {
  const db = openDatabase(path.join(dir, name));
  open.push(db);
  await migrateToLatest(db);
  return db;
}

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "followthrough-demo-"));
});

afterAll(async () => {
  for (const db of open) await db.destroy();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe("loadDemoWorkspace", () => {
  let db: Kysely<Database>;

  beforeAll(async () => {
    db = await freshDb("demo.db");
    await loadDemoWorkspace(db, { now: NOW });
  }, SLOW);

  it("creates the demo organization with about 300 candidates", async () => {
    const org = await db
      .selectFrom("organizations")
      .selectAll()
      .where("is_demo", "=", 1)
      .executeTakeFirstOrThrow();
    expect(org.name).toBe(DEMO_ORGANIZATION_NAME);
    const { n } = await db
      .selectFrom("candidates")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("organization_id", "=", org.id)
      .executeTakeFirstOrThrow();
    expect(Number(n)).toBe(300);
    const clients = await db
      .selectFrom("clients")
      .select("id")
      .where("organization_id", "=", org.id)
      .execute();
    expect(clients.length).toBeGreaterThanOrEqual(3);
    expect(clients.length).toBeLessThanOrEqual(4);
  });

  it(
    "has the demo accounts with verifiable argon2 hashes",
    async () => {
      const users = await db.selectFrom("users").selectAll().execute();
      for (const account of DEMO_ACCOUNTS) {
        const user = users.find((u) => u.email === account.email);
        expect(user, account.email).toBeDefined();
        expect(user!.role).toBe(account.role);
        expect(user!.password_hash).toMatch(/^\$argon2id\$/);
        expect(await verify(user!.password_hash!, account.password)).toBe(true);
        expect(await verify(user!.password_hash!, "wrong password")).toBe(false);
      }
      const roles = DEMO_ACCOUNTS.map((a) => a.role);
      expect(roles.filter((r) => r === "hiring_manager")).toHaveLength(2);
      expect(roles).toEqual(expect.arrayContaining(["admin", "recruiter", "client_viewer"]));
    },
    SLOW,
  );

  it("ties the client viewer to a client and gives the first manager several positions", async () => {
    const viewer = await db
      .selectFrom("users")
      .selectAll()
      .where("email", "=", "client@demo.followthrough.test")
      .executeTakeFirstOrThrow();
    expect(viewer.client_id).not.toBeNull();
    const manager = await db
      .selectFrom("users")
      .select("id")
      .where("email", "=", "manager@demo.followthrough.test")
      .executeTakeFirstOrThrow();
    const positions = await db
      .selectFrom("positions")
      .select(["client_id"])
      .where("hiring_manager_id", "=", manager.id)
      .execute();
    expect(positions.length).toBeGreaterThanOrEqual(3);
    expect(positions.every((p) => p.client_id === viewer.client_id)).toBe(true);
  });

  it("has interviews awaiting a follow-up: some from the last hours, some from the last 3 days", async () => {
    const since = new Date(NOW.getTime() - 72 * HOUR).toISOString();
    const rows = await db
      .selectFrom("interviews")
      .leftJoin("follow_ups", "follow_ups.interview_id", "interviews.id")
      .where("interviews.ends_at", ">", since)
      .where("follow_ups.id", "is", null)
      .select("interviews.ends_at")
      .execute();
    const ages = rows.map((r) => (NOW.getTime() - Date.parse(r.ends_at)) / HOUR);
    expect(ages.filter((h) => h <= 12).length).toBeGreaterThanOrEqual(2);
    expect(ages.filter((h) => h > 12).length).toBeGreaterThanOrEqual(2);
  });

  it(
    "replaces the demo organization when loaded again, with the same data",
    async () => {
      const before = await db.selectFrom("candidates").select(["name", "email"]).orderBy("id").execute();
      await loadDemoWorkspace(db, { now: NOW });
      const orgs = await db.selectFrom("organizations").select("id").where("is_demo", "=", 1).execute();
      expect(orgs).toHaveLength(1);
      const after = await db.selectFrom("candidates").select(["name", "email"]).orderBy("id").execute();
      expect(after).toEqual(before);
      const accounts = await db
        .selectFrom("users")
        .select("email")
        .where("email", "=", "admin@demo.followthrough.test")
        .execute();
      expect(accounts).toHaveLength(1);
    },
    SLOW,
  );
});

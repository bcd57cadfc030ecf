import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Kysely } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase } from "../../db/connection.server";
import { migrateToLatest } from "../../db/migrate.server";
import type { Database } from "../../db/schema";
import { generateWorkspace } from "./generate-workspace.server";

const NOW = new Date("2026-11-26T15:30:00.000Z");
const HOUR = 3_600_000;
/** Generous: the machine may be busy. */
const SLOW = 60_000;
const TABLES = [
  "organizations",
  "clients",
  "users",
  "positions",
  "candidates",
  "applications",
  "interviews",
  "follow_ups",
] as const;

let dir: string;
const open: Kysely<Database>[] = [];

async function freshDb(name: string): Promise<Kysely<Database>> {
  const db = openDatabase(path.join(dir, name));
  open.push(db);
  await migrateToLatest(db);
  return db;
}

async function dump(db: Kysely<Database>) {
  const out: Record<string, unknown[]> = {};
  // updated_at is when the database wrote the row (its clock, for the API's updated_since), not
  // something the seed decides, so it is left out.
  for (const table of TABLES) {
    const rows = await db.selectFrom(table).selectAll().orderBy("id").execute();
    out[table] = rows.map((row) => {
      const { updated_at: _written, ...rest } = row as Record<string, unknown>;
      return rest;
    });
  }
  return out;
}

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "followthrough-seed-"));
});

afterAll(async () => {
  for (const db of open) await db.destroy();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe("generateWorkspace", () => {
  let db: Kysely<Database>;
  let organizationId: number;

  beforeAll(async () => {
    db = await freshDb("a.db");
    const summary = await generateWorkspace(db, { candidates: 200, seed: 42, now: NOW });
    organizationId = summary.organizationId;
    expect(summary.candidates).toBe(200);
  }, SLOW);

  it(
    "writes the same rows for the same seed",
    async () => {
      const other = await freshDb("b.db");
      await generateWorkspace(other, { candidates: 200, seed: 42, now: NOW });
      const [a, b] = [await dump(db), await dump(other)];
      expect(a.candidates.length).toBe(200);
      expect(a.follow_ups.length).toBeGreaterThan(50);
      expect(b).toEqual(a);
    },
    SLOW,
  );

  it(
    "writes different rows for another seed",
    async () => {
      const other = await freshDb("c.db");
      await generateWorkspace(other, { candidates: 200, seed: 43, now: NOW });
      const [a, c] = [await dump(db), await dump(other)];
      expect(c.candidates.map((x) => (x as { email: string }).email)).not.toEqual(
        a.candidates.map((x) => (x as { email: string }).email),
      );
    },
    SLOW,
  );

  it(
    "keeps names, e-mails, notes and follow-up texts when only `now` moves",
    async () => {
      const other = await freshDb("later.db");
      await generateWorkspace(other, {
        candidates: 200,
        seed: 42,
        now: new Date(NOW.getTime() + 3 * 24 * HOUR + 5 * HOUR + 17 * 60_000),
      });
      const people = (d: Kysely<Database>) =>
        d.selectFrom("candidates").select(["name", "email", "phone", "source"]).orderBy("id").execute();
      expect(await people(other)).toEqual(await people(db));
      const notes = new Set(
        (await db.selectFrom("interviews").select("notes").execute()).map((r) => r.notes),
      );
      const laterNotes = (await other.selectFrom("interviews").select("notes").execute()).map((r) => r.notes);
      expect(laterNotes.filter((n) => notes.has(n)).length).toBeGreaterThan(laterNotes.length * 0.95);
      const bodies = new Set((await db.selectFrom("follow_ups").select("body").execute()).map((r) => r.body));
      const laterBodies = (await other.selectFrom("follow_ups").select("body").execute()).map((r) => r.body);
      expect(laterBodies.filter((b) => bodies.has(b)).length).toBeGreaterThan(laterBodies.length * 0.9);
    },
    SLOW,
  );

  it("has about 60% of candidates following up", async () => {
    const followers = await db
      .selectFrom("follow_ups")
      .innerJoin("interviews", "interviews.id", "follow_ups.interview_id")
      .innerJoin("applications", "applications.id", "interviews.application_id")
      .where("follow_ups.organization_id", "=", organizationId)
      .select("applications.candidate_id")
      .distinct()
      .execute();
    const share = followers.length / 200;
    expect(share).toBeGreaterThanOrEqual(0.45);
    expect(share).toBeLessThanOrEqual(0.75);
  });

  it("receives every follow-up after its interview ended and not after now", async () => {
    const rows = await db
      .selectFrom("follow_ups")
      .innerJoin("interviews", "interviews.id", "follow_ups.interview_id")
      .select([
        "follow_ups.received_at",
        "interviews.ends_at",
        "interviews.starts_at",
        "interviews.closes_at",
      ])
      .execute();
    let late = 0;
    for (const r of rows) {
      const received = Date.parse(r.received_at);
      const ends = Date.parse(r.ends_at);
      expect(received).toBeGreaterThan(ends);
      expect(received).toBeLessThanOrEqual(NOW.getTime());
      expect(Date.parse(r.closes_at)).toBe(ends + 72 * HOUR);
      if (received > ends + 72 * HOUR) late++;
    }
    // Some arrive after the 72 h window on purpose, but not most.
    expect(late).toBeLessThan(rows.length / 4);
  });

  it("keeps interviews 30–60 minutes long, in the past, in the allowed time zones", async () => {
    const rows = await db
      .selectFrom("interviews")
      .select(["starts_at", "ends_at", "time_zone", "notes", "round"])
      .execute();
    expect(rows.length).toBeGreaterThanOrEqual(200);
    for (const r of rows) {
      const minutes = (Date.parse(r.ends_at) - Date.parse(r.starts_at)) / 60_000;
      expect(minutes).toBeGreaterThanOrEqual(30);
      expect(minutes).toBeLessThanOrEqual(60);
      expect(Date.parse(r.ends_at)).toBeLessThanOrEqual(NOW.getTime());
      expect([
        "America/New_York",
        "America/Chicago",
        "America/Los_Angeles",
        "Europe/London",
        "Europe/Berlin",
      ]).toContain(r.time_zone);
      expect(r.notes.length).toBeGreaterThan(40);
      expect(r.round).toBeGreaterThanOrEqual(1);
    }
  });

  it("gives candidates e-mails unique within the organization", async () => {
    const rows = await db
      .selectFrom("candidates")
      .select("email")
      .where("organization_id", "=", organizationId)
      .execute();
    const emails = rows.map((r) => r.email);
    expect(emails.every((e) => typeof e === "string" && e.includes("@"))).toBe(true);
    expect(new Set(emails).size).toBe(emails.length);
  });

  it("decides outcomes with dates, and leaves recent ones pending", async () => {
    const rows = await db.selectFrom("applications").select(["outcome", "outcome_on"]).execute();
    for (const r of rows) {
      if (r.outcome === "pending") expect(r.outcome_on).toBeNull();
      else expect(r.outcome_on).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    }
    expect(new Set(rows.map((r) => r.outcome)).size).toBeGreaterThanOrEqual(4);
  });

  it(
    "settles offers from the generated follow-ups when scoring is skipped",
    async () => {
      const other = await freshDb("unscored.db");
      await generateWorkspace(other, { candidates: 200, seed: 42, now: NOW, score: false });
      const outcomes = (await other.selectFrom("applications").select("outcome").execute()).map(
        (r) => r.outcome,
      );
      expect(outcomes.filter((o) => o === "offer" || o === "hired").length).toBeGreaterThan(0);
      expect(outcomes.filter((o) => o === "rejected").length).toBeGreaterThan(0);
    },
    SLOW,
  );

  it("mixes follow-up styles: specific, stock phrases and long letters", async () => {
    const bodies = (await db.selectFrom("follow_ups").select("body").execute()).map((r) => r.body);
    const words = (s: string) => s.split(/\s+/).filter(Boolean).length;
    expect(bodies.some((b) => b.includes("I hope this email finds you well"))).toBe(true);
    expect(bodies.some((b) => words(b) >= 300 && b.includes("Furthermore"))).toBe(true);
    expect(bodies.some((b) => /interested in this role/.test(b) && words(b) < 130)).toBe(true);
  });
});

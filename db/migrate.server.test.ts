import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import { openDatabase } from "./connection.server";
import { migrateToLatest } from "./migrate.server";
import { migrations } from "./migrations/index";

describe("migrateToLatest", () => {
  it("creates every table once, and a second run changes nothing", async () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "ft-migrate-")), "m.db");
    const db = openDatabase(file);
    expect(await migrateToLatest(db)).toEqual(Object.keys(migrations));
    const schema = async () =>
      (
        await sql<{ sql: string }>`select sql from sqlite_master where sql is not null order by name`.execute(
          db,
        )
      ).rows.map((r) => r.sql);
    const before = await schema();
    expect(before.length).toBeGreaterThan(10);
    expect(await migrateToLatest(db)).toEqual([]);
    expect(await schema()).toEqual(before);
    await db.destroy();
  });

  it("turns on foreign keys and WAL for SQLite", async () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "ft-pragma-")), "p.db");
    const db = openDatabase(file);
    const fk = await sql<{ foreign_keys: number }>`pragma foreign_keys`.execute(db);
    const wal = await sql<{ journal_mode: string }>`pragma journal_mode`.execute(db);
    expect(fk.rows[0].foreign_keys).toBe(1);
    expect(wal.rows[0].journal_mode).toBe("wal");
    await db.destroy();
  });
});

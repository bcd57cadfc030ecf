// npm run backup / restore: an online backup taken while another connection keeps writing is a
// consistent snapshot; a restore checks the file, refuses a database in use, and replaces the target.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import SQLite from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Kysely } from "kysely";
import type { Database } from "../../db/schema";
import { createApplication, createWorkspace, type Workspace } from "../factories";
import { freshDatabase, onPostgres } from "../helpers";

let db: Kysely<Database>;
let backup: typeof import("../../db/backup.server");
let dir: string;
let org: Workspace;

beforeAll(async () => {
  db = await freshDatabase();
  backup = await import("../../db/backup.server");
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "followthrough-backup-"));
  org = await createWorkspace(db);
  for (let i = 0; i < 200; i++)
    await createApplication(db, {
      position_id: org.positionId,
      candidate: { name: `Backup Candidate ${i}` },
    });
});

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const source = () => process.env.DATABASE_URL as string;

function candidateNames(file: string): string[] {
  const copy = new SQLite(file, { readonly: true });
  try {
    return (copy.prepare("select name from candidates order by id").all() as { name: string }[]).map(
      (r) => r.name,
    );
  } finally {
    copy.close();
  }
}

// SQLite only: npm run backup / restore copy a SQLite file through its backup API (PostgreSQL has pg_dump).
describe.skipIf(onPostgres)("backup and restore", () => {
  it("backs up while another connection writes, and the copy is a consistent snapshot", async () => {
    // A second connection, as the server would be, writing in its own transactions throughout.
    const writer = new SQLite(source());
    writer.pragma("busy_timeout = 5000");
    const insert = writer.prepare(
      "insert into candidates (organization_id, name, email, phone, source, created_at) values (?, ?, ?, null, 'referral', ?)",
    );
    let written = 0;
    let writing = true;
    const writes = (async () => {
      while (writing) {
        writer.transaction(() => {
          for (let k = 0; k < 5; k++)
            insert.run(
              org.organizationId,
              `Live Write ${written + k}`,
              `live${written + k}@example.test`,
              new Date().toISOString(),
            );
        })();
        written += 5;
        await new Promise((resolve) => setImmediate(resolve));
      }
    })();
    // Let the writer get going (a few of its transactions), however fast the machine is.
    while (written < 20) await new Promise((resolve) => setImmediate(resolve));
    const file = path.join(dir, "snapshot.db");
    const result = await backup.backupDatabase(source(), file);
    writing = false;
    await writes;
    writer.close();

    expect(result.file).toBe(file);
    expect(written).toBeGreaterThan(0);
    expect(backup.checkDatabaseFile(file)).toEqual([]);
    const names = candidateNames(file);
    // Every seeded candidate, and the live writes as whole transactions of 5: never half of one.
    expect(names.filter((n) => n.startsWith("Backup Candidate"))).toHaveLength(200);
    expect(names.filter((n) => n.startsWith("Live Write")).length % 5).toBe(0);
    expect(fs.readdirSync(dir).filter((f) => f.includes(".partial-"))).toEqual([]);
  });

  it("restores into a new path, keeps the replaced database, and the rows are there", async () => {
    const file = path.join(dir, "snapshot.db");
    const expected = candidateNames(file);
    const target = path.join(dir, "restored", "app.db");
    fs.mkdirSync(path.dirname(target), { recursive: true });
    // An older database with a stale -wal beside it: the restore must not let SQLite replay it.
    const old = new SQLite(target);
    old.exec("create table old_data (x)");
    old.close();
    fs.writeFileSync(`${target}-wal`, "stale");

    const result = backup.restoreDatabase(file, target);
    expect(result.previous).toBe(`${target}.pre-restore`);
    expect(fs.existsSync(`${target}-wal`)).toBe(false);
    expect(backup.checkDatabaseFile(target)).toEqual([]);
    expect(candidateNames(target)).toEqual(expected);
  });

  it("refuses to restore over a database that is open elsewhere", async () => {
    const file = path.join(dir, "snapshot.db");
    // The app's own shared connection has the test database open, as a running server would.
    await db.selectFrom("candidates").select("id").limit(1).execute();
    expect(backup.databaseInUse(source())).toBe(true);
    expect(() => backup.restoreDatabase(file, source())).toThrow(/open in another process/);
    expect(backup.databaseInUse(path.join(dir, "restored", "app.db"))).toBe(false);
  });

  it("refuses a file that is not a Followthrough database", () => {
    const bogus = path.join(dir, "bogus.db");
    fs.writeFileSync(bogus, "not a database at all, just text ".repeat(200));
    expect(() => backup.restoreDatabase(bogus, path.join(dir, "x.db"))).toThrow(/not a usable backup/);
    const empty = path.join(dir, "empty.db");
    new SQLite(empty).close();
    expect(backup.checkDatabaseFile(empty)[0]).toMatch(/missing tables/);
  });
});

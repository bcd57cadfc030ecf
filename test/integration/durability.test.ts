// A crash in the middle of an import leaves the database intact and the import all-or-nothing:
// `npm run import`'s script runs as a child process on its own database with a generated CSV, is
// killed with SIGKILL once it is writing (its -wal file has grown), and the database is then opened
// afresh (as after a restart): integrity_check is ok and it holds either none or all of the rows.
// The same import then runs to the end on the recovered database.
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import SQLite from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createClient, createOrganization, createUser } from "../factories";
import { onPostgres } from "../helpers";

const ROWS = 20_000;
let dir: string;
let dbPath: string;
let csvPath: string;
let organizationId: number;
let clientId: number;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "followthrough-durability-"));
  dbPath = path.join(dir, "crash.db");
  csvPath = path.join(dir, "import.csv");
  const { openDatabase } = await import("../../db/connection.server");
  const { migrateToLatest } = await import("../../db/migrate.server");
  const db = openDatabase(dbPath);
  await migrateToLatest(db);
  organizationId = (await createOrganization(db, { name: "Crash Test" })).id;
  clientId = (await createClient(db, { organization_id: organizationId, name: "Crash Client" })).id;
  await createUser(db, { organization_id: organizationId, email: "importer@crash.test", name: "Importer" });
  await db.destroy();

  // One candidate per row, half of them with a follow-up, across 40 positions.
  const lines = [
    "name,email,position,interview_start,interview_end,interviewer,notes,follow_up_at,follow_up_body",
  ];
  for (let i = 0; i < ROWS; i++) {
    const day = String(1 + (i % 27)).padStart(2, "0");
    const followUp =
      i % 2 === 0
        ? `2026-10-${day} 18:30,"Thank you for the conversation about the territory plan and the Q3 pipeline, candidate ${i}."`
        : ",";
    lines.push(
      `Candidate ${i},candidate${i}@crash.test,Account Executive ${i % 40},2026-10-${day} 14:00,2026-10-${day} 15:00,Iris Interviewer,"Discussed the territory plan and the Q3 pipeline.",${followUp}`,
    );
  }
  fs.writeFileSync(csvPath, lines.join("\n") + "\n");
});

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function runImport() {
  return spawn(
    process.execPath,
    [
      "--import",
      "tsx",
      "scripts/import.ts",
      csvPath,
      "--organization",
      String(organizationId),
      "--client",
      String(clientId),
    ],
    {
      env: { ...process.env, DATABASE_URL: dbPath },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
}

/** Integrity and the imported candidates, through a new connection (as a restarted server would open it). */
function inspect() {
  const db = new SQLite(dbPath);
  try {
    const integrity = (db.pragma("integrity_check") as { integrity_check: string }[]).map(
      (r) => r.integrity_check,
    );
    const foreignKeys = db.pragma("foreign_key_check") as unknown[];
    const count = (table: string) =>
      (
        db.prepare(`select count(*) as n from ${table} where organization_id = ?`).get(organizationId) as {
          n: number;
        }
      ).n;
    return {
      integrity,
      foreignKeys,
      candidates: count("candidates"),
      applications: count("applications"),
      interviews: count("interviews"),
      followUps: count("follow_ups"),
    };
  } finally {
    db.close();
  }
}

// A 20,000-row import in a child process: seconds on an idle machine, much longer on a busy one. The
// tests check what the database holds, never how long it took.
const IMPORT_TIMEOUT_MS = 300_000;

// SQLite only: SIGKILLs an import while it writes SQLite's -wal file and checks the file afterwards.
describe.skipIf(onPostgres)("a crash during an import", () => {
  it(
    "leaves the database intact and the import absent or whole",
    async () => {
      const child = runImport();
      let output = "";
      child.stdout.on("data", (chunk) => (output += chunk));
      child.stderr.on("data", (chunk) => (output += chunk));
      const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
        child.on("exit", (code, signal) => resolve({ code, signal })),
      );

      // Kill it once its transaction has spilled pages into the WAL: it is writing.
      let running = true;
      void exited.then(() => (running = false));
      const wal = `${dbPath}-wal`;
      while (running) {
        if (fs.existsSync(wal) && fs.statSync(wal).size > 2 * 1024 * 1024) {
          child.kill("SIGKILL");
          break;
        }
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
      const result = await exited;
      expect(result.signal, `the import ended before it was killed:\n${output}`).toBe("SIGKILL");

      const after = inspect();
      expect(after.integrity).toEqual(["ok"]);
      expect(after.foreignKeys).toEqual([]);
      // One transaction: nothing of it, or all of it, never part.
      expect([0, ROWS]).toContain(after.candidates);
      expect(after.applications).toBe(after.candidates);
      expect(after.interviews).toBe(after.candidates);
      expect([0, ROWS / 2]).toContain(after.followUps);
    },
    IMPORT_TIMEOUT_MS,
  );

  it(
    "imports everything on the recovered database",
    async () => {
      const child = runImport();
      let output = "";
      child.stdout.on("data", (chunk) => (output += chunk));
      child.stderr.on("data", (chunk) => (output += chunk));
      const code = await new Promise<number | null>((resolve) => child.on("exit", (c) => resolve(c)));
      expect(code, output).toBe(0);
      const after = inspect();
      expect(after.integrity).toEqual(["ok"]);
      expect(after.candidates).toBe(ROWS);
      expect(after.interviews).toBe(ROWS);
      expect(after.followUps).toBe(ROWS / 2);
    },
    IMPORT_TIMEOUT_MS,
  );
});

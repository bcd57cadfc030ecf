// Online backup and offline restore of the SQLite database (`npm run backup` / `npm run restore`).
//
// Backup uses SQLite's online backup API (better-sqlite3's db.backup): it copies a consistent snapshot
// while the server keeps the file open and keeps writing (WAL mode). The copy is written to a temporary
// file beside the target and renamed into place, so a half-written backup never carries the final name.
//
// Restore replaces the configured database and must not run under a live server. A running server is
// detected by an exclusive-lock attempt: every open WAL connection holds a shared lock on the database,
// so `locking_mode = EXCLUSIVE` + `BEGIN EXCLUSIVE` with no busy timeout fails while any other process
// (the server, a rescore, an import) has the file open. There is no HTTP probe: it would find a server
// on PORT that may be serving another database, and miss one on another port.
import fs from "node:fs";
import path from "node:path";
import SQLite from "better-sqlite3";
import { migrations } from "./migrations/index";

/** Tables a Followthrough database must have for a restore to be accepted. */
export const REQUIRED_TABLES = [
  "kysely_migration",
  "organizations",
  "users",
  "clients",
  "positions",
  "candidates",
  "applications",
  "interviews",
  "follow_ups",
];

export interface BackupResult {
  file: string;
  bytes: number;
  pages: number;
}

/** Copies the live database at `source` to `target` (overwritten) as one consistent snapshot. */
export async function backupDatabase(source: string, target: string): Promise<BackupResult> {
  if (!fs.existsSync(source)) throw new Error(`No database at ${source}`);
  const resolved = path.resolve(target);
  if (resolved === path.resolve(source)) throw new Error("The backup file must not be the database itself");
  fs.mkdirSync(path.dirname(resolved), { recursive: true });
  const temporary = `${resolved}.partial-${process.pid}`;
  const db = new SQLite(source, { fileMustExist: true });
  try {
    db.pragma("busy_timeout = 5000");
    // All remaining pages in one step: each step reads one snapshot, and a write by another process
    // between steps restarts the copy, so small steps under a busy server might never finish.
    const progress = await db.backup(temporary, { progress: () => 0x7fffffff });
    selfContained(temporary);
    const problems = checkDatabaseFile(temporary);
    if (problems.length) throw new Error(`The copy failed its checks: ${problems.join("; ")}`);
    fs.renameSync(temporary, resolved);
    return { file: resolved, bytes: fs.statSync(resolved).size, pages: progress.totalPages };
  } finally {
    db.close();
    for (const suffix of ["", "-wal", "-shm", "-journal"]) fs.rmSync(temporary + suffix, { force: true });
  }
}

/**
 * What is wrong with a database file as a Followthrough backup: an empty list means it passed
 * `pragma integrity_check`, has the migrations table and every required table, and no migration
 * this version of the app does not know (a backup from a newer version).
 */
export function checkDatabaseFile(file: string): string[] {
  if (!fs.existsSync(file)) return [`${file} does not exist`];
  let db: SQLite.Database;
  try {
    db = new SQLite(file, { readonly: true, fileMustExist: true });
  } catch (error) {
    return [`not an SQLite database (${(error as Error).message})`];
  }
  try {
    const integrity = db.pragma("integrity_check") as { integrity_check: string }[];
    if (integrity.length !== 1 || integrity[0].integrity_check !== "ok") {
      return [
        `integrity_check: ${integrity
          .slice(0, 5)
          .map((r) => r.integrity_check)
          .join(", ")}`,
      ];
    }
    const tables = new Set(
      (db.prepare("select name from sqlite_master where type = 'table'").all() as { name: string }[]).map(
        (r) => r.name,
      ),
    );
    const missing = REQUIRED_TABLES.filter((t) => !tables.has(t));
    if (missing.length) return [`missing tables: ${missing.join(", ")}`];
    const applied = (db.prepare("select name from kysely_migration").all() as { name: string }[]).map(
      (r) => r.name,
    );
    const unknown = applied.filter((name) => !(name in migrations));
    if (unknown.length)
      return [`made by a newer version of the app (unknown migrations: ${unknown.join(", ")})`];
    return [];
  } catch (error) {
    return [(error as Error).message];
  } finally {
    db.close();
  }
}

/** True when another connection (any process) has the database open. */
export function databaseInUse(file: string): boolean {
  if (!fs.existsSync(file)) return false;
  const db = new SQLite(file, { fileMustExist: true });
  try {
    db.pragma("busy_timeout = 0");
    db.pragma("locking_mode = EXCLUSIVE");
    db.exec("BEGIN EXCLUSIVE");
    db.exec("COMMIT");
    return false;
  } catch (error) {
    if (
      (error as { code?: string }).code?.startsWith("SQLITE_BUSY") ||
      (error as { code?: string }).code?.startsWith("SQLITE_LOCKED")
    )
      return true;
    throw error;
  } finally {
    // Closing the last connection checkpoints the WAL into the file and removes -wal.
    db.close();
  }
}

export interface RestoreResult {
  target: string;
  /** The database that was replaced, kept beside it (null when there was none). */
  previous: string | null;
}

/**
 * Puts the backup `file` in place of the database at `target`. Refuses a file that fails
 * checkDatabaseFile and a target some process has open. The backup is copied to a temporary file beside
 * the target, checked again there, and renamed over the target (atomic); the replaced database is kept as
 * `<target>.pre-restore`, and its stale -wal/-shm files are removed so SQLite cannot replay them.
 */
export function restoreDatabase(file: string, target: string): RestoreResult {
  const source = path.resolve(file);
  const resolved = path.resolve(target);
  if (source === resolved) throw new Error("The backup file is the database itself");
  if (!fs.existsSync(source)) throw new Error(`${file} does not exist`);
  fs.mkdirSync(path.dirname(resolved), { recursive: true });
  const temporary = `${resolved}.restore-${process.pid}`;
  try {
    // Checked as copied, so what is checked is what is put in place.
    fs.copyFileSync(source, temporary);
    let problems: string[];
    try {
      selfContained(temporary);
      problems = checkDatabaseFile(temporary);
    } catch (error) {
      problems = [(error as Error).message];
    }
    if (problems.length) throw new Error(`${file} is not a usable backup: ${problems.join("; ")}`);
    if (databaseInUse(resolved)) {
      throw new Error(
        `${target} is open in another process (the server?). Stop the server, then restore again.`,
      );
    }
    fsyncFile(temporary);
    let previous: string | null = null;
    if (fs.existsSync(resolved)) {
      previous = `${resolved}.pre-restore`;
      fs.rmSync(previous, { force: true });
      fs.linkSync(resolved, previous);
    }
    for (const suffix of ["-wal", "-shm", "-journal"]) fs.rmSync(resolved + suffix, { force: true });
    fs.renameSync(temporary, resolved);
    fsyncFile(path.dirname(resolved));
    return { target: resolved, previous };
  } finally {
    for (const suffix of ["", "-wal", "-shm", "-journal"]) fs.rmSync(temporary + suffix, { force: true });
  }
}

/** Rollback-journal mode, so the file is complete on its own (no -wal beside it to carry along). */
function selfContained(file: string) {
  const db = new SQLite(file, { fileMustExist: true });
  try {
    db.pragma("journal_mode = DELETE");
  } finally {
    db.close();
  }
}

function fsyncFile(p: string) {
  const fd = fs.openSync(p, "r");
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

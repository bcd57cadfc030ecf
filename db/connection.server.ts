// One database connection per process. DATABASE_URL chooses the database: a postgres:// URL for
// PostgreSQL, anything else is a SQLite file path (default data/followthrough.db).
import fs from "node:fs";
import path from "node:path";
import SQLite from "better-sqlite3";
import pg from "pg";
import { Kysely, PostgresDialect, SqliteDialect } from "kysely";
import type { Database } from "./schema";

export const DEFAULT_SQLITE_PATH = "data/followthrough.db";

export function isPostgresUrl(url: string): boolean {
  return /^postgres(ql)?:\/\//.test(url);
}

export function openDatabase(url = process.env.DATABASE_URL ?? DEFAULT_SQLITE_PATH): Kysely<Database> {
  if (isPostgresUrl(url)) {
    return new Kysely<Database>({ dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: url, max: 10 }) }) });
  }
  if (url !== ":memory:") fs.mkdirSync(path.dirname(path.resolve(url)), { recursive: true });
  const sqlite = new SQLite(url);
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("synchronous = NORMAL");
  sqlite.pragma("foreign_keys = ON");
  sqlite.pragma("busy_timeout = 5000");
  return new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
}

declare global {
  // Survives module reloads in development so that each reload does not open another connection.
  var __followthroughDb: Kysely<Database> | undefined;
}

/** The process's shared connection, opened on first use. */
export function getDb(): Kysely<Database> {
  globalThis.__followthroughDb ??= openDatabase();
  return globalThis.__followthroughDb;
}

// One database connection per process. DATABASE_URL chooses the database: a postgres:// URL for
// PostgreSQL, anything else is a SQLite file path (default data/followthrough.db).
import fs from "node:fs";
import path from "node:path";
import SQLite from "better-sqlite3";
import pg from "pg";
import { Kysely, PostgresDialect, SqliteDialect, type SqliteDatabase } from "kysely";
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
  // 128 MiB of page cache (the default is 2 MiB): a large import or rescore rewrites index pages
  // many times within one transaction, and each spill of the cache writes them to the WAL again.
  sqlite.pragma("cache_size = -131072");
  return new Kysely<Database>({ dialect: new SqliteDialect({ database: withStatementCache(sqlite) }) });
}

/** Prepared statements kept per connection, least recently used dropped first. */
const STATEMENT_CACHE_SIZE = 200;

/**
 * The connection as kysely sees it, keeping prepared statements by their SQL text: kysely prepares
 * every query afresh, and parsing a many-row INSERT or UPDATE costs more than running it. A statement
 * still being iterated (a streamed query) is busy and is not handed out again.
 */
function withStatementCache(sqlite: SQLite.Database): SqliteDatabase {
  const statements = new Map<string, SQLite.Statement>();
  return {
    close: () => sqlite.close(),
    prepare(text) {
      let statement = statements.get(text);
      if (statement?.busy) return sqlite.prepare(text);
      if (statement) statements.delete(text);
      else {
        statement = sqlite.prepare(text);
        if (statements.size >= STATEMENT_CACHE_SIZE) statements.delete(statements.keys().next().value!);
      }
      statements.set(text, statement);
      return statement;
    },
  };
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

// The database of this process. DATABASE_URL chooses it: a postgres:// URL for PostgreSQL (a pool of
// connections), anything else a SQLite file path (default data/followthrough.db: a writer and a reader).
import fs from "node:fs";
import path from "node:path";
import SQLite from "better-sqlite3";
import pg from "pg";
import { Kysely, PostgresAdapter, PostgresDialect } from "kysely";
import type { Database } from "./schema";
import { ReadWriteSqliteDialect } from "./sqlite-dialect.server";

export const DEFAULT_SQLITE_PATH = "data/followthrough.db";

export function isPostgresUrl(url: string): boolean {
  return /^postgres(ql)?:\/\//.test(url);
}

/** Whether `db` (or a transaction of it) talks to PostgreSQL, for the few statements written per dialect. */
export function isPostgres(db: Kysely<Database>): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}

export function openDatabase(url = process.env.DATABASE_URL ?? DEFAULT_SQLITE_PATH): Kysely<Database> {
  if (isPostgresUrl(url)) {
    return new Kysely<Database>({
      dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: url, max: 10 }) }),
    });
  }
  if (url !== ":memory:") fs.mkdirSync(path.dirname(path.resolve(url)), { recursive: true });
  const writer = new SQLite(url);
  // 8 KiB pages for a new database (an existing one keeps its size): a follow-up with its score's
  // evidence is one to two KB (docs/architecture.md), which a 4 KiB page held only one or two of. The
  // 100,000-row import's database was 20% smaller and its commit 0.3 s shorter.
  writer.pragma("page_size = 8192");
  writer.pragma("journal_mode = WAL");
  writer.pragma("synchronous = NORMAL");
  writer.pragma("foreign_keys = ON");
  configure(writer);
  // An in-memory database is private to its connection, so it has no second one to read from.
  const reader = url === ":memory:" ? null : new SQLite(url);
  if (reader) {
    configure(reader);
    reader.pragma("query_only = ON");
    // The reader keeps SQLite's default 2 MiB: what pages read is in the operating system's file cache
    // (shared by every process), and a 128 MiB cache of copies made each server process about 280 MB
    // larger for no measurable speed (docs/performance.md, "Memory").
    reader.pragma("cache_size = -2048");
  }
  return new Kysely<Database>({ dialect: new ReadWriteSqliteDialect(writer, reader) });
}

function configure(connection: SQLite.Database): void {
  // The reader waits up to 5 s in the rare moments WAL mode makes a reader wait (a WAL reset after a
  // checkpoint); the writer waits for other processes without blocking (sqlite-dialect.server.ts).
  connection.pragma("busy_timeout = 5000");
  // 128 MiB of page cache (the default is 2 MiB) for the writer: a large import or rescore rewrites
  // index pages many times within one transaction, and each spill of the cache writes them to the WAL
  // again. It fills only as that much is written; the reader's is set back to 2 MiB below.
  connection.pragma("cache_size = -131072");
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

// kysely's SQLite dialect with two connections to the same file: one writer, and one reader for the
// statements that only read (SQLite tells) and run outside a transaction. kysely's own driver has a single connection behind a mutex,
// so while an import or a rescore batch holds a transaction every other query of the process waits,
// even a page's reads. In WAL mode a second connection reads the last committed state without waiting
// for the writer; writes and transactions still take turns on the writer.
//
// When another process (an `npm run import`, a second server) holds the write lock, the writer waits
// without blocking: better-sqlite3's busy_timeout would sleep on the event loop and stop every other
// request of the server, so the writer has none, and a write that finds the lock taken is retried
// after a pause, for up to WRITE_WAIT_MS. A process leaves a short gap after each commit before its
// next transaction, so that one running transactions back to back cannot starve the others.
import { AsyncLocalStorage } from "node:async_hooks";
import SQLite from "better-sqlite3";
import { CompiledQuery, SqliteDialect, type DatabaseConnection, type Driver, type QueryResult } from "kysely";
import { DiskFullError } from "./errors.server";

/** How long a write waits for another process's write lock before it fails. */
export const WRITE_WAIT_MS = 60_000;

/**
 * The same for background work, which nobody waits on (a rescore job, the senders, the sweep): an
 * import holds the lock for its whole length, over a minute for a large file on a busy machine, and
 * the work should wait for it rather than fail.
 */
export const BACKGROUND_WRITE_WAIT_MS = 10 * 60_000;

const writeWait = new AsyncLocalStorage<number>();

/** Runs `work`, and whatever it starts (timers included), with writes that wait up to BACKGROUND_WRITE_WAIT_MS. */
export function inBackground<T>(work: () => T, waitMs = BACKGROUND_WRITE_WAIT_MS): T {
  return writeWait.run(waitMs, work);
}

/** The longest pause between two tries of a write waiting for another process's lock. */
const RETRY_MAX_MS = 10;

/**
 * SQLite does not queue processes for the write lock: a loop of transactions (a rescore's batches)
 * takes the lock again the moment it frees it, and another process's write, which tries every
 * RETRY_MAX_MS, can find it taken every time until it fails after WRITE_WAIT_MS. So a process whose
 * transactions have followed each other for LONGEST_RUN_MS (each beginning within GAP_MS of the last
 * commit) waits until GAP_MS after its last commit before the next: twice the retry pause, enough for
 * a waiting write to get in, and at most one such pause per run, so short bursts are not slowed.
 */
const GAP_MS = 2 * RETRY_MAX_MS;
const LONGEST_RUN_MS = 500;

/** Prepared statements kept per connection, least recently used dropped first. */
const STATEMENT_CACHE_SIZE = 200;

/**
 * Prepares statements once per SQL text: kysely prepares every query afresh, and parsing a many-row
 * INSERT or UPDATE costs more than running it. A statement still being iterated (a streamed query) is
 * busy and is not handed out again.
 */
class StatementCache {
  private readonly statements = new Map<string, SQLite.Statement>();

  constructor(readonly db: SQLite.Database) {}

  prepare(text: string): SQLite.Statement {
    let statement = this.statements.get(text);
    if (statement?.busy) return this.db.prepare(text);
    if (statement) this.statements.delete(text);
    else {
      statement = this.db.prepare(text);
      if (this.statements.size >= STATEMENT_CACHE_SIZE)
        this.statements.delete(this.statements.keys().next().value!);
    }
    this.statements.set(text, statement);
    return statement;
  }
}

function run(cache: StatementCache, { sql, parameters }: CompiledQuery): QueryResult<unknown> {
  return runStatement(cache.prepare(sql), parameters);
}

function runStatement(statement: SQLite.Statement, parameters: readonly unknown[]): QueryResult<unknown> {
  try {
    if (statement.reader) return { rows: statement.all(parameters) };
    const { changes, lastInsertRowid } = statement.run(parameters);
    return { numAffectedRows: BigInt(changes), insertId: BigInt(lastInsertRowid), rows: [] };
  } catch (error) {
    // SQLite's own words, "database or disk is full", say it less plainly than the error the app shows.
    if (error instanceof SQLite.SqliteError && error.code === "SQLITE_FULL") throw new DiskFullError(error);
    throw error;
  }
}

/**
 * The statement prepared on the reader, or null when the reader cannot prepare it: its copy of the
 * schema may lag the writer's within a migration (a CREATE INDEX of a name the writer just dropped
 * fails to prepare there with "already exists"), so such statements go to the writer.
 */
function prepareOrNull(cache: StatementCache | null, text: string): SQLite.Statement | null {
  if (!cache) return null;
  try {
    return cache.prepare(text);
  } catch {
    return null;
  }
}

function isBusy(error: unknown): boolean {
  return error instanceof SQLite.SqliteError && error.code.startsWith("SQLITE_BUSY");
}

/**
 * Runs a statement on the writer, retrying while another process holds the write lock. Only
 * statements that change nothing when refused are retried: the start of a transaction, its commit,
 * and single writes outside one.
 */
async function runWhenFree(cache: StatementCache, query: CompiledQuery): Promise<QueryResult<unknown>> {
  const deadline = Date.now() + (writeWait.getStore() ?? WRITE_WAIT_MS);
  for (let pause = 2; ; pause = Math.min(pause * 2, RETRY_MAX_MS)) {
    try {
      return run(cache, query);
    } catch (error) {
      if (!isBusy(error) || Date.now() + pause > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, pause));
    }
  }
}

/** Turns for the writer: one transaction (or single write) at a time. */
class Mutex {
  private tail: Promise<void> = Promise.resolve();

  async lock(): Promise<() => void> {
    let release!: () => void;
    const previous = this.tail;
    this.tail = new Promise((resolve) => (release = resolve));
    await previous;
    return release;
  }
}

class Connection implements DatabaseConnection {
  /** Set while this connection holds the writer for a transaction. */
  release: (() => void) | null = null;

  constructor(private readonly driver: ReadWriteDriver) {}

  async executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    const { writer, reader, mutex } = this.driver;
    if (this.release) return run(writer, query) as QueryResult<R>;
    // SQLite itself says whether a statement only reads (a builder's SELECT or raw SQL alike).
    const onReader = prepareOrNull(reader, query.sql);
    if (onReader?.readonly) return runStatement(onReader, query.parameters) as QueryResult<R>;
    const release = await mutex.lock();
    try {
      return (await runWhenFree(writer, query)) as QueryResult<R>;
    } finally {
      release();
    }
  }

  async *streamQuery<R>(query: CompiledQuery): AsyncIterableIterator<QueryResult<R>> {
    const cache = this.release || !this.driver.reader ? this.driver.writer : this.driver.reader;
    const statement = cache.prepare(query.sql);
    if (!statement.readonly) throw new Error("Only queries that read can be streamed on SQLite");
    for (const row of statement.iterate(query.parameters)) yield { rows: [row as R] };
  }
}

class ReadWriteDriver implements Driver {
  readonly writer: StatementCache;
  readonly reader: StatementCache | null;
  readonly mutex = new Mutex();
  /** When this process last committed, and when its current run of back-to-back transactions began (Date.now()). */
  private lastCommit = 0;
  private runStart = 0;

  constructor(writer: SQLite.Database, reader: SQLite.Database | null) {
    writer.pragma("busy_timeout = 0");
    this.writer = new StatementCache(writer);
    this.reader = reader && new StatementCache(reader);
  }

  async init(): Promise<void> {}

  async acquireConnection(): Promise<DatabaseConnection> {
    return new Connection(this);
  }

  async beginTransaction(connection: Connection): Promise<void> {
    connection.release = await this.mutex.lock();
    try {
      const sinceCommit = Date.now() - this.lastCommit;
      if (sinceCommit >= GAP_MS) this.runStart = Date.now();
      else if (Date.now() - this.runStart >= LONGEST_RUN_MS) {
        await new Promise((resolve) => setTimeout(resolve, GAP_MS - sinceCommit));
        this.runStart = Date.now();
      }
      // IMMEDIATE takes the write lock now (waiting for another process's transaction to end), rather
      // than at the first write, where SQLite could only fail if another process wrote meanwhile.
      await runWhenFree(this.writer, CompiledQuery.raw("begin immediate"));
    } catch (error) {
      this.finish(connection);
      throw error;
    }
  }

  async commitTransaction(connection: Connection): Promise<void> {
    try {
      await runWhenFree(this.writer, CompiledQuery.raw("commit"));
      this.lastCommit = Date.now();
    } finally {
      this.finish(connection);
    }
  }

  async rollbackTransaction(connection: Connection): Promise<void> {
    try {
      // SQLite may have rolled the transaction back itself (a full disk does, SQLITE_FULL): a second
      // rollback would fail with "no transaction is active" and hide the error that caused it.
      if (this.writer.db.inTransaction) run(this.writer, CompiledQuery.raw("rollback"));
    } finally {
      this.finish(connection);
    }
  }

  private finish(connection: Connection): void {
    connection.release?.();
    connection.release = null;
  }

  async releaseConnection(): Promise<void> {}

  async destroy(): Promise<void> {
    this.reader?.db.close();
    this.writer.db.close();
  }
}

/**
 * The dialect over `writer`, with `reader` (a second connection to the same file, or null for an
 * in-memory database) answering the SELECTs made outside transactions.
 */
export class ReadWriteSqliteDialect extends SqliteDialect {
  constructor(
    private readonly writer: SQLite.Database,
    private readonly reader: SQLite.Database | null,
  ) {
    super({ database: writer });
  }

  override createDriver(): Driver {
    return new ReadWriteDriver(this.writer, this.reader);
  }
}

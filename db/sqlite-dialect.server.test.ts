// The SQLite dialect's two connections, on a real file: reads outside a transaction go on while
// another transaction holds the writer, and see only what was committed; writes wait their turn, also
// for another process's lock, without blocking the event loop.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { sql, type Kysely } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase } from "./connection.server";
import { migrateToLatest } from "./migrate.server";
import { inBackground } from "./sqlite-dialect.server";
import type { Database } from "./schema";

let dir: string;
let db: Kysely<Database>;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "followthrough-dialect-"));
  db = openDatabase(path.join(dir, "test.db"));
  await migrateToLatest(db);
});

afterAll(async () => {
  await db.destroy();
  fs.rmSync(dir, { recursive: true, force: true });
});

const names = async () =>
  (await db.selectFrom("organizations").select("name").orderBy("id").execute()).map((r) => r.name);

/**
 * Holds `other`'s write lock in a transaction that has written a row named `name`, until `finish` is
 * called; `transaction` ends when it commits.
 */
async function holdWriteLock(other: Kysely<Database>, name: string) {
  let finish!: () => void;
  const held = new Promise<void>((resolve) => (finish = resolve));
  let locked!: () => void;
  const lockTaken = new Promise<void>((resolve) => (locked = resolve));
  const transaction = other.transaction().execute(async (trx) => {
    await trx.insertInto("organizations").values({ name, created_at: "2026-11-01T00:00:00.000Z" }).execute();
    locked();
    await held;
  });
  await lockTaken;
  return { finish, transaction };
}

describe("ReadWriteSqliteDialect", () => {
  it("answers reads during another transaction with the committed rows, and queues writes behind it", async () => {
    await db
      .insertInto("organizations")
      .values({ name: "Before", created_at: "2026-11-01T00:00:00.000Z" })
      .execute();
    let finish!: () => void;
    const held = new Promise<void>((resolve) => (finish = resolve));
    let inserted!: () => void;
    const insertedInside = new Promise<void>((resolve) => (inserted = resolve));
    const transaction = db.transaction().execute(async (trx) => {
      await trx
        .insertInto("organizations")
        .values({ name: "Inside", created_at: "2026-11-01T00:00:00.000Z" })
        .execute();
      expect(
        (await trx.selectFrom("organizations").select("name").orderBy("id").execute()).map((r) => r.name),
      ).toEqual(["Before", "Inside"]);
      inserted();
      await held;
    });
    await insertedInside;

    // The transaction still holds the writer: a read answers now, without its uncommitted row.
    expect(await names()).toEqual(["Before"]);
    // A write has to wait for the transaction.
    let written = false;
    const write = db
      .insertInto("organizations")
      .values({ name: "After", created_at: "2026-11-01T00:00:00.000Z" })
      .execute()
      .then(() => (written = true));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(written).toBe(false);

    finish();
    await transaction;
    await write;
    expect(await names()).toEqual(["Before", "Inside", "After"]);
  });

  it("waits for another process's write lock without blocking the event loop", async () => {
    // A second handle on the file stands for another process: SQLite's locks are per connection.
    const other = openDatabase(path.join(dir, "test.db"));
    try {
      const { finish, transaction } = await holdWriteLock(other, "Other process");
      let settled = false;
      const write = db
        .insertInto("organizations")
        .values({ name: "Waited", created_at: "2026-11-01T00:00:00.000Z" })
        .execute()
        .finally(() => (settled = true));
      // Timers still fire while the write waits: the event loop is free. (A write that slept in
      // SQLite's busy timeout would have settled, failed, before any of them ran.)
      await new Promise<void>((resolve) => {
        let ticks = 0;
        const timer = setInterval(() => {
          if (++ticks < 5) return;
          clearInterval(timer);
          resolve();
        }, 1);
      });
      expect(settled).toBe(false);
      finish();
      await transaction;
      await write;
      expect(await names()).toEqual(expect.arrayContaining(["Other process", "Waited"]));
    } finally {
      await other.destroy();
    }
  });

  it("lets another process's waiting write in between its back-to-back transactions", async () => {
    // `other` runs transactions one after another, as a rescore does, until the write here is in.
    // Without the dialect's pause after a long run it never gets in, and gives up after a minute.
    const other = openDatabase(path.join(dir, "test.db"));
    try {
      let written = false;
      let committed = 0;
      let started!: () => void;
      const firstHeld = new Promise<void>((resolve) => (started = resolve));
      const loop = (async () => {
        while (!written) {
          await other.transaction().execute(async (trx) => {
            await trx
              .insertInto("organizations")
              .values({ name: `Batch ${committed}`, created_at: "2026-11-01T00:00:00.000Z" })
              .execute();
            started();
            // Held over a turn of the event loop, in which the waiting write tries again.
            await new Promise((resolve) => setImmediate(resolve));
          });
          committed++;
        }
      })();
      await firstHeld;
      await db
        .insertInto("organizations")
        .values({ name: "Between", created_at: "2026-11-01T00:00:00.000Z" })
        .execute();
      written = true;
      await loop;
      expect(committed).toBeGreaterThan(1);
    } finally {
      await other.destroy();
    }
  });

  it("gives up on another process's lock after the wait its context allows (background work waits longer)", async () => {
    const other = openDatabase(path.join(dir, "test.db"));
    const third = openDatabase(path.join(dir, "test.db"));
    try {
      const { finish, transaction } = await holdWriteLock(other, "Importing");
      const write = (into: Kysely<Database>, name: string) =>
        into.insertInto("organizations").values({ name, created_at: "2026-11-01T00:00:00.000Z" }).execute();
      // A write allowed a minute starts waiting; meanwhile one allowed 50 ms (on a third connection:
      // this one's writes take turns) gives up while the lock is still held; then the holder ends.
      const waited = inBackground(() => write(db, "Waited"), 60_000);
      await expect(inBackground(() => write(third, "Gave up"), 50)).rejects.toThrow(/locked|busy/i);
      finish();
      await transaction;
      await waited;
      expect(await names()).toEqual(expect.arrayContaining(["Importing", "Waited"]));
      expect(await names()).not.toContain("Gave up");
    } finally {
      await other.destroy();
      await third.destroy();
    }
  });

  it("rolls back a failed transaction and frees the writer", async () => {
    await expect(
      db.transaction().execute(async (trx) => {
        await trx
          .insertInto("organizations")
          .values({ name: "Rolled back", created_at: "2026-11-01T00:00:00.000Z" })
          .execute();
        throw new Error("stop");
      }),
    ).rejects.toThrow("stop");
    expect(await names()).not.toContain("Rolled back");
    await db
      .insertInto("organizations")
      .values({ name: "Later", created_at: "2026-11-01T00:00:00.000Z" })
      .execute();
    expect(await names()).toContain("Later");
  });

  it("sends statements that only read, made outside a transaction, to the query-only reading connection", async () => {
    const onReader = sql<boolean>`(select query_only from pragma_query_only) = 1`;
    expect(await db.selectFrom("organizations").select("id").where(onReader).execute()).not.toHaveLength(0);
    // Raw SQL too, when SQLite says the statement only reads.
    expect(
      (await sql<{ on: number }>`select query_only as "on" from pragma_query_only`.execute(db)).rows,
    ).toEqual([{ on: 1 }]);
    // Inside a transaction reads go to the writer, which sees the transaction's own writes.
    await db.transaction().execute(async (trx) => {
      expect(await trx.selectFrom("organizations").select("id").where(onReader).execute()).toHaveLength(0);
    });
  });
});

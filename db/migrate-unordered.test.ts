// A migration that lands after a higher-numbered one has already run (0008 after 0009) still runs.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Migrator } from "kysely";
import { expect, it } from "vitest";
import { openDatabase } from "./connection.server";
import { migrateToLatest } from "./migrate.server";
import { migrations } from "./migrations/index";

it("runs a lower-numbered migration that arrives late", async () => {
  const db = openDatabase(path.join(fs.mkdtempSync(path.join(os.tmpdir(), "migrate-")), "test.db"));
  try {
    const without = Object.fromEntries(Object.entries(migrations).filter(([name]) => name !== "0008_intake"));
    const first = await new Migrator({
      db,
      provider: { getMigrations: async () => without },
    }).migrateToLatest();
    expect(first.error).toBeUndefined();
    expect(await migrateToLatest(db)).toEqual(["0008_intake"]);
    expect(await migrateToLatest(db)).toEqual([]);
  } finally {
    await db.destroy();
  }
});

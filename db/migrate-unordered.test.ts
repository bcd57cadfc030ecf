// A migration that lands after higher-numbered ones have already run (branches merged out of order, 0023
// after 0024 and later) still runs. 0023 is chosen because no later migration depends on its table.
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
    const without = Object.fromEntries(
      Object.entries(migrations).filter(([name]) => name !== "0023_saved_views"),
    );
    const first = await new Migrator({
      db,
      provider: { getMigrations: async () => without },
    }).migrateToLatest();
    expect(first.error).toBeUndefined();
    expect(await migrateToLatest(db)).toEqual(["0023_saved_views"]);
    expect(await migrateToLatest(db)).toEqual([]);
  } finally {
    await db.destroy();
  }
});

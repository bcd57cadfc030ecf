import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { openDatabase } from "../../db/connection.server";
import { migrateToLatest } from "../../db/migrate.server";
import { prepareWorkspace } from "./prepare.server";

async function counts(db: ReturnType<typeof openDatabase>) {
  const count = async (table: "organizations" | "candidates" | "follow_ups") =>
    Number(
      (
        await db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as("n"))
          .executeTakeFirstOrThrow()
      ).n,
    );
  return {
    organizations: await count("organizations"),
    candidates: await count("candidates"),
    followUps: await count("follow_ups"),
  };
}

describe("prepareWorkspace (what npm start does to the database)", () => {
  it("loads the demo into an empty database once; starting again keeps every row and loads nothing", async () => {
    const db = openDatabase(path.join(fs.mkdtempSync(path.join(os.tmpdir(), "ft-prepare-")), "p.db"));
    await migrateToLatest(db);
    expect(await prepareWorkspace(db, { demo: true })).toMatch(/demo workspace/);
    const first = await counts(db);
    expect(first.organizations).toBe(1);
    expect(first.candidates).toBe(300);

    await migrateToLatest(db);
    expect(await prepareWorkspace(db, { demo: true })).toBeNull();
    expect(await counts(db)).toEqual(first);
    await db.destroy();
  });

  it("with DEMO=0 leaves an empty database empty, for the first-run page", async () => {
    const db = openDatabase(path.join(fs.mkdtempSync(path.join(os.tmpdir(), "ft-prepare-")), "p.db"));
    await migrateToLatest(db);
    expect(await prepareWorkspace(db, { demo: false })).toBeNull();
    expect((await counts(db)).organizations).toBe(0);
    await db.destroy();
  });
});

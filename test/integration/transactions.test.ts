// Data functions take the db or a transaction first. Given the caller's transaction, a function that
// writes in a transaction of its own joins it instead: its rows and audit entry commit or roll back
// with the caller's other writes.
import type { Kysely } from "kysely";
import { beforeAll, expect, it } from "vitest";
import type { Database } from "../../db/schema";
import { createWorkspace } from "../factories";
import { freshDatabase } from "../helpers";

let db: Kysely<Database>;
beforeAll(async () => {
  db = await freshDatabase();
});

it("writes inside the caller's transaction, and rolls back with it", async () => {
  const { createClient } = await import("../../app/data/clients.server");
  const org = await createWorkspace(db, { role: "admin" });
  const named = (name: string) =>
    db
      .selectFrom("clients")
      .select("id")
      .where("organization_id", "=", org.organizationId)
      .where("name", "=", name);

  await expect(
    db.transaction().execute(async (trx) => {
      const result = await createClient(trx, org.user, { name: "Rolled back" });
      expect(result.ok).toBe(true);
      throw new Error("the caller's next write failed");
    }),
  ).rejects.toThrow("the caller's next write failed");
  expect(await named("Rolled back").executeTakeFirst()).toBeUndefined();
  const audited = await db
    .selectFrom("audit_log")
    .select("id")
    .where("organization_id", "=", org.organizationId)
    .where("entity", "=", "client")
    .execute();
  expect(audited).toEqual([]);

  await db.transaction().execute((trx) => createClient(trx, org.user, { name: "Kept" }));
  expect(await named("Kept").executeTakeFirst()).toBeDefined();
});

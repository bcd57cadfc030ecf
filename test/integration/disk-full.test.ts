// A full disk during a write (SQLite's SQLITE_FULL, made here with max_page_count on the writer
// connection) is reported as a full disk, and the transaction leaves nothing behind. It was reported
// as "cannot rollback - no transaction is active": SQLite had already rolled back, and the second
// rollback's error hid the first.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { sql, type Kysely } from "kysely";
import { beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../db/schema";
import { createWorkspace, createCandidate } from "../factories";
import { freshDatabase, onPostgres } from "../helpers";

let db: Kysely<Database>;
beforeAll(async () => {
  db = await freshDatabase();
});

/** Lets the database file grow by `pages` more pages at most (a per-connection limit, on the writer). */
async function limitGrowth(pages: number | null) {
  // Free pages inside the file (left by an earlier rollback) would be used first: none left.
  if (pages !== null) await sql`vacuum`.execute(db);
  await db.transaction().execute(async (trx) => {
    const { rows } = await sql<{ page_count: number }>`pragma page_count`.execute(trx);
    await sql
      .raw(`pragma max_page_count = ${pages === null ? 4294967294 : rows[0].page_count + pages}`)
      .execute(trx);
  });
}

describe.skipIf(onPostgres)("a full disk", () => {
  it("fails a transaction with 'the disk is full', leaving nothing of it", async () => {
    const org = await createWorkspace(db, { role: "recruiter" });
    await limitGrowth(2);
    const error = await db
      .transaction()
      .execute(async (trx) => {
        for (let i = 0; i < 200; i++) {
          await createCandidate(trx, {
            organization_id: org.organizationId,
            name: `Filler ${i} ${"x".repeat(20_000)}`,
            email: null,
          });
        }
      })
      .catch((e: unknown) => e);
    await limitGrowth(null);
    expect(String(error)).toMatch(/The disk is full/);
    expect(String(error)).not.toMatch(/no transaction is active/);
    const { isDiskFull } = await import("../../db/errors.server");
    expect(isDiskFull(error)).toBe(true);
    const left = await db
      .selectFrom("candidates")
      .select("id")
      .where("organization_id", "=", org.organizationId)
      .execute();
    expect(left).toEqual([]);
    // The database works on once there is room again.
    await createCandidate(db, { organization_id: org.organizationId, name: "After", email: null });
  });

  it("fails a CSV import the same way, importing nothing", async () => {
    const org = await createWorkspace(db, { role: "recruiter" });
    const csv = await import("../../app/intake/csv.server");
    // 300 candidates, each with an interview and a follow-up: more than the file's free space holds.
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "disk-full-")), "many.csv");
    const header =
      "name,email,client,position,stage,interview_start,interview_end,time_zone,interviewer,format,round,notes,follow_up_at,follow_up_channel,follow_up_body";
    const rows = Array.from({ length: 300 }, (_, i) =>
      [
        `Person ${i}`,
        `person${i}@example.test`,
        "",
        "Account Executive",
        "interview",
        "2026-11-02 10:00",
        "2026-11-02 11:00",
        "America/New_York",
        "Priya Shah",
        "video",
        "1",
        `"Discussed the pipeline ${i} ${"and quota ".repeat(40)}"`,
        "2026-11-02 14:30",
        "email",
        `"Thank you for the pipeline talk ${i}. ${"I am very interested. ".repeat(30)}"`,
      ].join(","),
    );
    fs.writeFileSync(file, [header, ...rows].join("\n"));
    const source = { path: file };
    const { suggested } = await csv.previewCsv(source);
    await limitGrowth(0);
    const error = await csv
      .importCsv(db, org.user, source, suggested, {
        timeZone: "America/New_York",
        dateOrder: "mdy",
        defaultDurationMinutes: 60,
        clientId: org.clientId,
      })
      .catch((e: unknown) => e);
    await limitGrowth(null);
    expect(String(error)).toMatch(/The disk is full/);
    expect(
      await db
        .selectFrom("candidates")
        .select("id")
        .where("organization_id", "=", org.organizationId)
        .execute(),
    ).toEqual([]);
  });
});

// Ids taken before rows are inserted (app/data/ids.server.ts), on a real migrated database: they are
// consecutive, above every id the table holds or ever held (a deleted row's id is not handed out again:
// AUTOINCREMENT on SQLite, the sequence on PostgreSQL), and two takes in one transaction do not overlap.
import { beforeAll, describe, expect, it } from "vitest";
import type { Kysely } from "kysely";
import type { Database, Db } from "../../db/schema";
import { createApplication, createFollowUp, createInterview, createWorkspace } from "../factories";
import { freshDatabase } from "../helpers";

let db: Kysely<Database>;
let ids: typeof import("../../app/data/ids.server");
beforeAll(async () => {
  db = await freshDatabase();
  ids = await import("../../app/data/ids.server");
});

/** Inserts an interview of the application with the given id, as an import does. */
function insertInterview(trx: Db, applicationId: number, id?: number) {
  return createInterview(trx, { id, application_id: applicationId, ends_at: "2026-11-02T16:00:00.000Z" });
}

async function maxInterviewId() {
  const row = await db
    .selectFrom("interviews")
    .select((eb) => eb.fn.max("id").as("id"))
    .executeTakeFirstOrThrow();
  return Number(row.id ?? 0);
}

const consecutive = (list: number[]) => list.every((id, i) => id === list[0] + i);

describe("IdAllocator", () => {
  it("hands out consecutive ids above every existing one, disjoint within a transaction, never reusing a deleted row's", async () => {
    const org = await createWorkspace(db, { role: "recruiter" });
    const { id: applicationId } = await createApplication(db, { position_id: org.positionId });
    // Rows the table already holds, inserted the ordinary way.
    await createInterview(db, { application_id: applicationId, ends_at: "2026-11-01T16:00:00.000Z" });
    await createInterview(db, { application_id: applicationId, ends_at: "2026-11-01T18:00:00.000Z" });
    const before = await maxInterviewId();
    expect(before).toBeGreaterThan(0);

    const first = await db.transaction().execute(async (trx) => {
      const allocator = new ids.IdAllocator(trx);
      const taken = await allocator.take("interviews", 3);
      for (const id of taken) expect((await insertInterview(trx, applicationId, id)).id).toBe(id);
      return taken;
    });
    expect(first).toHaveLength(3);
    expect(consecutive(first)).toBe(true);
    expect(first[0]).toBeGreaterThan(before);
    expect(await maxInterviewId()).toBe(first[2]);

    // Two takes before any insert: the second range starts after the first; both are inserted.
    const [a, b] = await db.transaction().execute(async (trx) => {
      const allocator = new ids.IdAllocator(trx);
      const x = await allocator.take("interviews", 2);
      const y = await allocator.take("interviews", 3);
      for (const id of [...x, ...y]) await insertInterview(trx, applicationId, id);
      return [x, y];
    });
    expect(consecutive(a)).toBe(true);
    expect(consecutive(b)).toBe(true);
    expect(a.filter((id) => b.includes(id))).toEqual([]);
    expect(a[0]).toBeGreaterThan(first[2]);
    expect(b[0]).toBeGreaterThan(a[1]);
    // Nothing taken asks for nothing.
    expect(await db.transaction().execute((trx) => new ids.IdAllocator(trx).take("interviews", 0))).toEqual(
      [],
    );

    // The highest row deleted: its id is not handed out again.
    const highest = await maxInterviewId();
    expect(highest).toBe(b[2]);
    await db.deleteFrom("interviews").where("id", "=", highest).execute();
    expect(await maxInterviewId()).toBeLessThan(highest);
    const afterDelete = await db.transaction().execute(async (trx) => {
      const taken = await new ids.IdAllocator(trx).take("interviews", 2);
      for (const id of taken) await insertInterview(trx, applicationId, id);
      return taken;
    });
    expect(consecutive(afterDelete)).toBe(true);
    expect(afterDelete[0]).toBeGreaterThan(highest);

    // A row inserted afterwards without an id gets one above all of them.
    const plain = await insertInterview(db, applicationId);
    expect(plain.id).toBeGreaterThan(afterDelete[1]);
  });

  it("keeps each table's ids apart", async () => {
    const org = await createWorkspace(db, { role: "recruiter" });
    const { id: applicationId } = await createApplication(db, { position_id: org.positionId });
    const interview = await createInterview(db, {
      application_id: applicationId,
      ends_at: "2026-11-03T16:00:00.000Z",
    });
    const [followUps, interviews] = await db.transaction().execute(async (trx) => {
      const allocator = new ids.IdAllocator(trx);
      const f = await allocator.take("follow_ups", 2);
      const i = await allocator.take("interviews", 1);
      for (const id of f) {
        await createFollowUp(trx, {
          id,
          interview_id: interview.id,
          received_at: "2026-11-03T18:00:00.000Z",
          subject: null,
          // Two texts: the same one twice at the same time would be one message stored twice.
          body: `Thanks ${id}`,
          created_at: "2026-11-03T18:00:00.000Z",
        });
      }
      await insertInterview(trx, applicationId, i[0]);
      return [f, i];
    });
    expect(consecutive(followUps)).toBe(true);
    // The interviews' counter did not move for the follow-ups taken first.
    expect(interviews[0]).toBe(interview.id + 1);
  });
});

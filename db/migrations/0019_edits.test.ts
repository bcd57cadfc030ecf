import crypto from "node:crypto";
import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import { databaseBefore } from "../../test/helpers";

describe("0019_edits", () => {
  it("hashes every body, keeps one of each stored copy, marks its scores outdated and refuses copies after", async () => {
    const { db, interview, followUp, migrateRest } = await databaseBefore("0019");
    const parts = JSON.stringify({ total: 40, version: "2026.11-1", parts: [] });
    const kept = await followUp(parts, "Thank you for today.");
    const copy = await followUp(parts, "Thank you for today.");
    const other = await followUp(parts, "Thank you for today!");
    await db
      .updateTable("follow_ups")
      .set({ scorer_version: "2026.11-1" } as never)
      .execute();
    await db
      .insertInto("audit_log")
      .values({
        organization_id: interview.organization_id,
        user_id: null,
        action: "create",
        entity: "follow_up",
        entity_id: kept.id,
        detail: null,
        created_at: "2026-01-01T00:00:00.000Z",
      } as never)
      .execute();

    expect((await migrateRest()).error).toBeUndefined();
    const rows = await db
      .selectFrom("follow_ups")
      .select(["id", "body_hash", "scorer_version"])
      .orderBy("id")
      .execute();
    const hash = (text: string) => crypto.createHash("sha256").update(text).digest("hex");
    // The copy is gone; the organization's scores are outdated, so start-up rescores what counted it.
    expect(rows).toEqual([
      { id: kept.id, body_hash: hash("Thank you for today."), scorer_version: "before-0019" },
      { id: other.id, body_hash: hash("Thank you for today!"), scorer_version: "before-0019" },
    ]);
    expect(copy.id).not.toBe(kept.id);
    const application = await db
      .selectFrom("applications")
      .select("candidate_id")
      .where("id", "=", interview.application_id)
      .executeTakeFirstOrThrow();
    expect(await db.selectFrom("audit_log").select("candidate_id").execute()).toEqual([
      { candidate_id: application.candidate_id },
    ]);
    await expect(
      sql`insert into follow_ups (organization_id, interview_id, received_at, channel, body, body_hash, created_at)
          values (${interview.organization_id}, ${interview.id}, '2026-01-01T00:00:00.000Z', 'email', 'Thank you for today.', ${hash("Thank you for today.")}, '2026-01-01T00:00:00.000Z')`.execute(
        db,
      ),
    ).rejects.toThrow(/UNIQUE/i);
    await db.destroy();
  });
});

import { describe, expect, it } from "vitest";
import { databaseBefore } from "../../test/helpers";

describe("0014_near_duplicate_column", () => {
  it("fills near_duplicate_of from the evidence of follow-ups scored before it", async () => {
    const { db, followUp, migrateRest } = await databaseBefore("0014");
    const tone = (evidence: object[]) =>
      JSON.stringify({
        total: 50,
        version: "2026.11-1",
        parts: [{ key: "personalTone", label: "Personal tone", points: -5, max: 10, evidence }],
      });
    const plain = await followUp(tone([{ text: "No stock phrases", effect: "earned" }]));
    const copy = await followUp(
      tone([{ text: `Nearly identical to follow-up #${plain.id}`, effect: "cost", followUpId: plain.id }]),
    );
    const unscored = await followUp(null);

    expect((await migrateRest()).error).toBeUndefined();
    const rows = await db
      .selectFrom("follow_ups")
      .select(["id", "near_duplicate_of"])
      .orderBy("id")
      .execute();
    expect(rows).toEqual([
      { id: plain.id, near_duplicate_of: null },
      { id: copy.id, near_duplicate_of: plain.id },
      { id: unscored.id, near_duplicate_of: null },
    ]);
    await db.destroy();
  });
});

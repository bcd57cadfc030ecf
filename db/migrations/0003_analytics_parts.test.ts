import { describe, expect, it } from "vitest";
import { databaseBefore } from "../../test/helpers";

describe("0003_analytics_parts", () => {
  it("copies each part's points out of score_parts for follow-ups scored before it", async () => {
    const { db, followUp, migrateRest } = await databaseBefore("0003");
    const parts = {
      parts: [
        { key: "timing", label: "Timing", points: 15, max: 15, evidence: [] },
        { key: "nextStep", label: "Next step", points: 7, max: 15, evidence: [] },
      ],
    };
    const scored = await followUp(JSON.stringify(parts));
    const broken = await followUp("{not json");

    expect((await migrateRest()).error).toBeUndefined();
    const rows = await db
      .selectFrom("follow_ups")
      .select(["id", "pts_timing", "pts_next_step", "pts_specificity"])
      .orderBy("id")
      .execute();
    expect(rows).toEqual([
      { id: scored.id, pts_timing: 15, pts_next_step: 7, pts_specificity: null },
      { id: broken.id, pts_timing: null, pts_next_step: null, pts_specificity: null },
    ]);
    await db.destroy();
  });
});

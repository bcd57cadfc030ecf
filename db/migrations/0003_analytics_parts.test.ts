import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Migrator, type Migration } from "kysely";
import { describe, expect, it } from "vitest";
import { openDatabase } from "../connection.server";
import { migrations } from "./index";

describe("0003_analytics_parts", () => {
  it("copies each part's points out of score_parts for follow-ups scored before it", async () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "ft-0003-")), "m.db");
    const db = openDatabase(file);
    const before = Object.fromEntries(Object.entries(migrations).filter(([name]) => name < "0003"));
    const upTo = (set: Record<string, Migration>) => new Migrator({ db, provider: { getMigrations: async () => set } }).migrateToLatest();
    expect((await upTo(before)).error).toBeUndefined();

    const now = "2026-01-01T00:00:00.000Z";
    const org = await db.insertInto("organizations").values({ name: "O", created_at: now }).returning("id").executeTakeFirstOrThrow();
    const client = await db.insertInto("clients").values({ organization_id: org.id, name: "C", created_at: now }).returning("id").executeTakeFirstOrThrow();
    const position = await db
      .insertInto("positions")
      .values({ organization_id: org.id, client_id: client.id, title: "P", hiring_manager_id: null, status: "open", opened_on: "2026-01-01", created_at: now })
      .returning("id")
      .executeTakeFirstOrThrow();
    const candidate = await db.insertInto("candidates").values({ organization_id: org.id, name: "N", email: null, phone: null, source: null, created_at: now }).returning("id").executeTakeFirstOrThrow();
    const application = await db
      .insertInto("applications")
      .values({ organization_id: org.id, candidate_id: candidate.id, position_id: position.id, stage: "interview", outcome: "pending", outcome_on: null, outcome_reason: null, recruiter_id: null, created_at: now })
      .returning("id")
      .executeTakeFirstOrThrow();
    const interview = await db
      .insertInto("interviews")
      .values({
        organization_id: org.id,
        application_id: application.id,
        interviewer_name: "I",
        interviewer_email: null,
        starts_at: now,
        ends_at: now,
        time_zone: "UTC",
        format: "video",
        round: 1,
        notes: "",
        logged_by: null,
        created_at: now,
        mail_token: null,
        closes_at: now,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    const parts = { parts: [{ key: "timing", label: "Timing", points: 15, max: 15, evidence: [] }, { key: "nextStep", label: "Next step", points: 7, max: 15, evidence: [] }] };
    const followUp = (scoreParts: string | null) => ({
      organization_id: org.id,
      interview_id: interview.id,
      received_at: now,
      channel: "email" as const,
      subject: null,
      body: "Thanks",
      sender: null,
      logged_by: null,
      created_at: now,
      score_parts: scoreParts,
    });
    const scored = await db.insertInto("follow_ups").values(followUp(JSON.stringify(parts))).returning("id").executeTakeFirstOrThrow();
    const broken = await db.insertInto("follow_ups").values(followUp("{not json")).returning("id").executeTakeFirstOrThrow();

    expect((await upTo(migrations)).error).toBeUndefined();
    const rows = await db.selectFrom("follow_ups").select(["id", "pts_timing", "pts_next_step", "pts_specificity"]).orderBy("id").execute();
    expect(rows).toEqual([
      { id: scored.id, pts_timing: 15, pts_next_step: 7, pts_specificity: null },
      { id: broken.id, pts_timing: null, pts_next_step: null, pts_specificity: null },
    ]);
    await db.destroy();
  });
});

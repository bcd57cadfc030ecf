import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Migrator, type Migration } from "kysely";
import { describe, expect, it } from "vitest";
import { openDatabase } from "../connection.server";
import { migrations } from "./index";

describe("0014_near_duplicate_column", () => {
  it("fills near_duplicate_of from the evidence of follow-ups scored before it", async () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "ft-0014-")), "m.db");
    const db = openDatabase(file);
    const before = Object.fromEntries(Object.entries(migrations).filter(([name]) => name < "0014"));
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
    const tone = (evidence: object[]) => JSON.stringify({ total: 50, version: "2026.11-1", parts: [{ key: "personalTone", label: "Personal tone", points: -5, max: 10, evidence }] });
    const plain = await db.insertInto("follow_ups").values(followUp(tone([{ text: "No stock phrases", effect: "earned" }]))).returning("id").executeTakeFirstOrThrow();
    const copy = await db
      .insertInto("follow_ups")
      .values(followUp(tone([{ text: `Nearly identical to follow-up #${plain.id}`, effect: "cost", followUpId: plain.id }])))
      .returning("id")
      .executeTakeFirstOrThrow();
    const unscored = await db.insertInto("follow_ups").values(followUp(null)).returning("id").executeTakeFirstOrThrow();

    expect((await upTo(migrations)).error).toBeUndefined();
    const rows = await db.selectFrom("follow_ups").select(["id", "near_duplicate_of"]).orderBy("id").execute();
    expect(rows).toEqual([
      { id: plain.id, near_duplicate_of: null },
      { id: copy.id, near_duplicate_of: plain.id },
      { id: unscored.id, near_duplicate_of: null },
    ]);
    await db.destroy();
  });
});

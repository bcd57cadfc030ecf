// Frozen in time: this migration is typed against Kysely<any> and imports no app code.
//
// 1. Each rubric part's points in a column of its own, so that the dashboard can average them in
//    portable SQL (score_parts is JSON text, and JSON functions differ between SQLite and PostgreSQL).
//    The scorer fills them with score_parts; rows scored before this migration are filled here.
// 2. Indexes for the dashboard's filters.
import type { Kysely } from "kysely";

/** score_parts key → column. */
const PART_COLUMNS: Record<string, string> = {
  timing: "pts_timing",
  specificity: "pts_specificity",
  ownExperience: "pts_own_experience",
  interest: "pts_interest",
  nextStep: "pts_next_step",
  length: "pts_length",
  personalTone: "pts_personal_tone",
};

export async function up(db: Kysely<any>): Promise<void> {
  for (const column of Object.values(PART_COLUMNS)) {
    await db.schema.alterTable("follow_ups").addColumn(column, "double precision").execute();
  }

  // Backfill, in batches by id so that a large table never sits in memory at once.
  let after = 0;
  for (;;) {
    const rows: { id: number; score_parts: string }[] = await db
      .selectFrom("follow_ups")
      .select(["id", "score_parts"])
      .where("score_parts", "is not", null)
      .where("id", ">", after)
      .orderBy("id")
      .limit(1000)
      .execute();
    if (!rows.length) break;
    for (const row of rows) {
      const values: Record<string, number> = {};
      try {
        const parsed = JSON.parse(row.score_parts) as { parts?: { key?: unknown; points?: unknown }[] };
        for (const part of parsed.parts ?? []) {
          const column = typeof part.key === "string" ? PART_COLUMNS[part.key] : undefined;
          if (column && typeof part.points === "number" && Number.isFinite(part.points))
            values[column] = part.points;
        }
      } catch {
        // Unreadable JSON: leave the columns empty; the next rescore fills them.
      }
      if (Object.keys(values).length)
        await db.updateTable("follow_ups").set(values).where("id", "=", row.id).execute();
    }
    after = rows[rows.length - 1].id;
  }

  // The dashboard's filters: interviewer and round narrow interviews within an organization.
  await db.schema
    .createIndex("interviews_org_interviewer")
    .on("interviews")
    .columns(["organization_id", "interviewer_name"])
    .execute();
  await db.schema
    .createIndex("interviews_org_round")
    .on("interviews")
    .columns(["organization_id", "round"])
    .execute();
  // Recruiter within a position (the recruiter filter, and its options for a hiring manager).
  await db.schema
    .createIndex("applications_position_recruiter")
    .on("applications")
    .columns(["position_id", "recruiter_id"])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex("applications_position_recruiter").execute();
  await db.schema.dropIndex("interviews_org_round").execute();
  await db.schema.dropIndex("interviews_org_interviewer").execute();
  for (const column of Object.values(PART_COLUMNS)) {
    await db.schema.alterTable("follow_ups").dropColumn(column).execute();
  }
}

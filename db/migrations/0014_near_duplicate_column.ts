// Frozen in time: this migration is typed against Kysely<any> and imports no app code.
//
// The follow-up that a follow-up nearly copies, in a column of its own: scoring now stores a score's
// parts as compact arrays (app/core/rubric/stored-score.ts), which a LIKE on the JSON cannot search,
// and a recompute asks which follow-ups of a position are flagged. Rows scored before are filled
// from their score's evidence, which named the other follow-up as followUpId.
import type { Kysely } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("follow_ups").addColumn("near_duplicate_of", "integer").execute();
  const flagged: { id: number; score_parts: string }[] = await db
    .selectFrom("follow_ups")
    .select(["id", "score_parts"])
    .where("score_parts", "like", '%"followUpId":%')
    .execute();
  for (const row of flagged) {
    const other = /"followUpId":(\d+)/.exec(row.score_parts)?.[1];
    if (other)
      await db
        .updateTable("follow_ups")
        .set({ near_duplicate_of: Number(other) })
        .where("id", "=", row.id)
        .execute();
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("follow_ups").dropColumn("near_duplicate_of").execute();
}

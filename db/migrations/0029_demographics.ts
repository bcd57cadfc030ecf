// Frozen in time: this migration is typed against Kysely<any> and imports no app code.
//
// Self-identified demographics (issue 21): a candidate's answers to sex, race/ethnicity and age band,
// kept apart from the candidate row so that no query of candidates, pipelines or exports can carry them
// by accident, and read only for the compliance permission. One row per candidate; a null answer is
// "not answered", the text "declined" a refusal to say. Deleting the candidate deletes the row (the
// erasure of issue 21 relies on it). The organization's answer choices are JSON text on the
// organization; null means the defaults (app/core/demographics.ts).
import type { Kysely } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("candidate_demographics")
    .addColumn("candidate_id", "integer", (c) =>
      c.primaryKey().references("candidates.id").onDelete("cascade"),
    )
    .addColumn("organization_id", "integer", (c) =>
      c.notNull().references("organizations.id").onDelete("cascade"),
    )
    .addColumn("sex", "text")
    .addColumn("race_ethnicity", "text")
    .addColumn("age_band", "text")
    .addColumn("source", "text", (c) => c.notNull())
    .addColumn("updated_by", "integer", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("candidate_demographics_org")
    .on("candidate_demographics")
    .column("organization_id")
    .execute();
  await db.schema.alterTable("organizations").addColumn("demographic_categories", "text").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("organizations").dropColumn("demographic_categories").execute();
  await db.schema.dropTable("candidate_demographics").execute();
}

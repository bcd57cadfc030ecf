// Settles which decided applications of a generated workspace ended in an offer, once their
// follow-ups are scored: the chance (offerChance) reads the behaviour and the score the scorer
// actually gave, as the dashboard bands them, not a guess from the generator's style, which a copy or
// a late note would make disagree. Applications are written as not offered; offers are updated here.
import type { Db } from "../../db/schema";
import type { Behaviour } from "../core/behaviours";
import { offerChance, settleOutcome, type GenApplication } from "./applications";

/** What settling needs of a decided application, kept from generation by its id. */
export type Undecided = Pick<GenApplication, "decision" | "strength" | "followedUp">;

/** Ids per update statement: well under SQLite's and PostgreSQL's bound-parameter limits. */
const IDS_PER_UPDATE = 1_000;

/**
 * Turns the applications whose draw falls under their offer chance into offers (or hires). With
 * `scored` false (scoring skipped) the generated behaviour stands in and no score is read.
 */
export async function settleOutcomes(
  db: Db,
  organizationId: number,
  undecided: ReadonlyMap<number, Undecided>,
  scored: boolean,
): Promise<number> {
  const figures = new Map<number, { behaviour: Behaviour | null; score: number | null }>();
  if (scored) {
    // The mean of the first follow-ups' scores per application: what the dashboard's bands read.
    const scores = await db
      .selectFrom("interviews as i")
      .leftJoin("follow_ups as f", "f.id", "i.first_follow_up_id")
      .select(["i.application_id", (eb) => eb.fn.avg<number | string | null>("f.score").as("score")])
      .where("i.organization_id", "=", organizationId)
      .groupBy("i.application_id")
      .execute();
    const behaviours = await db
      .selectFrom("applications")
      .select(["id", "behaviour"])
      .where("organization_id", "=", organizationId)
      .execute();
    const behaviourOf = new Map(behaviours.map((b) => [b.id, b.behaviour]));
    for (const s of scores) {
      figures.set(s.application_id, {
        behaviour: behaviourOf.get(s.application_id) ?? null,
        score: s.score === null ? null : Number(s.score),
      });
    }
  }
  // Offers grouped by what they write, so that a few statements update them all.
  const updates = new Map<string, { row: ReturnType<typeof settleOutcome>; ids: number[] }>();
  for (const [id, a] of undecided) {
    if (a.decision.pending) continue;
    const f = scored
      ? (figures.get(id) ?? { behaviour: null, score: null })
      : { behaviour: a.followedUp, score: null };
    if (a.decision.offerDraw >= offerChance({ ...f, strength: a.strength })) continue;
    const row = settleOutcome(a.decision, true);
    const key = `${row.outcome}|${row.outcomeOn}|${row.reason}`;
    const entry = updates.get(key) ?? { row, ids: [] };
    entry.ids.push(id);
    updates.set(key, entry);
  }
  let offers = 0;
  for (const { row, ids } of updates.values()) {
    for (let i = 0; i < ids.length; i += IDS_PER_UPDATE) {
      await db
        .updateTable("applications")
        .set({
          outcome: row.outcome,
          outcome_on: row.outcomeOn,
          outcome_reason: row.reason,
          stage: row.outcome === "offer" ? "offer" : "closed",
        })
        .where("id", "in", ids.slice(i, i + IDS_PER_UPDATE))
        .execute();
    }
    offers += ids.length;
  }
  return offers;
}

// Computes and stores latency, window and score for interviews and follow-ups.
// STUB: filled in by the scoring work (issue 3). Signatures are fixed; other code calls these.
import type { Kysely, Transaction } from "kysely";
import type { Database } from "../../db/schema";

export type Db = Kysely<Database> | Transaction<Database>;

/** Recomputes one interview's follow-up fields, its follow-ups' scores and its application's summary. */
export async function recomputeInterview(_db: Db, _interviewId: number): Promise<void> {}

/** Rescores every interview and follow-up of an organization, in batches. */
export async function rescoreOrganization(
  _db: Kysely<Database>,
  _organizationId: number,
  _onProgress?: (done: number, total: number) => void,
): Promise<{ interviews: number; followUps: number }> {
  return { interviews: 0, followUps: 0 };
}

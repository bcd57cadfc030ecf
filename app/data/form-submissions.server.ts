// A double submit never stores twice: each rendered form carries a random key (app/core/form-key.ts),
// and the first post that stores something records the key with the row it made, in the same
// transaction. A second post of the same key stores nothing and gets that row back. A refused post
// (a field error) records nothing, so the person can correct the form and send it again.
import type { Db, FormSubmissionTable } from "../../db/schema";
import type { Viewer } from "./scope.server";
import { inTransaction } from "./transaction.server";
import type { WriteResult } from "./interviews.server";

/** Thrown inside the transaction to roll the key's claim back with a refused write, then returned. */
class Refused extends Error {
  constructor(readonly result: WriteResult & { ok: false }) {
    super(result.message);
  }
}

export type OnceResult = WriteResult & { repeated?: boolean };

/**
 * Runs `write` once per organization and key. The key is claimed first (an insert that does nothing
 * when it exists: a concurrent post of the same key waits for the first to commit, then sees it), so
 * two posts cannot both store; a second post returns the first one's row with `repeated`.
 */
export async function oncePerKey(
  db: Db,
  viewer: Viewer,
  key: string,
  entity: FormSubmissionTable["entity"],
  write: (db: Db) => Promise<WriteResult>,
): Promise<OnceResult> {
  try {
    return await inTransaction(db, async (trx) => {
      const claimed = await trx
        .insertInto("form_submissions")
        .values({
          organization_id: viewer.organization_id,
          key,
          user_id: viewer.id,
          entity,
          entity_id: null,
          created_at: new Date().toISOString(),
        })
        .onConflict((oc) => oc.columns(["organization_id", "key"]).doNothing())
        .returning("id")
        .executeTakeFirst();
      if (!claimed) {
        const first = await trx
          .selectFrom("form_submissions")
          .select(["entity", "entity_id"])
          .where("organization_id", "=", viewer.organization_id)
          .where("key", "=", key)
          .executeTakeFirstOrThrow();
        if (first.entity !== entity || first.entity_id == null)
          throw new Refused({
            ok: false,
            field: "form",
            message: "This form was already sent; reload the page.",
          });
        return { ok: true, id: first.entity_id, repeated: true } as const;
      }
      const result = await write(trx);
      if (!result.ok) throw new Refused(result);
      await trx
        .updateTable("form_submissions")
        .set({ entity_id: result.id })
        .where("id", "=", claimed.id)
        .execute();
      return result;
    });
  } catch (error) {
    if (error instanceof Refused) return error.result;
    throw error;
  }
}

import type { Transaction } from "kysely";
import type { Database, Db } from "../../db/schema";

/**
 * Runs `work` in a transaction: the caller's, when `db` already is one (so that its writes and these
 * commit or roll back together), else a new one. Kysely cannot open a transaction inside another, so
 * every data function that needs one goes through here and can still take either.
 */
export function inTransaction<T>(db: Db, work: (trx: Transaction<Database>) => Promise<T>): Promise<T> {
  return db.isTransaction ? work(db as Transaction<Database>) : db.transaction().execute(work);
}

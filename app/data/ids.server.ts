// Ids taken before rows are inserted, so that rows can point at each other (an interview at its first
// follow-up) and be scored before any is written: an import inserts each row once, complete.
import { sql, type Transaction } from "kysely";
import { isPostgres } from "../../db/connection.server";
import type { Database } from "../../db/schema";

type Table = "applications" | "interviews" | "follow_ups";

/**
 * Hands out ids for one transaction. On SQLite the transaction holds the only write lock, so ids
 * follow the table's AUTOINCREMENT counter, kept here until the rows are inserted (SQLite then moves
 * the counter past them). On PostgreSQL they come from the table's sequence, which other sessions
 * share safely. Every row given an id must be inserted with it in the same transaction, before any
 * row of that table is inserted without one.
 */
export class IdAllocator {
  private readonly next = new Map<Table, number>();

  constructor(private readonly trx: Transaction<Database>) {}

  async take(table: Table, count: number): Promise<number[]> {
    if (count === 0) return [];
    if (isPostgres(this.trx)) {
      const { rows } = await sql<{
        id: number;
      }>`select nextval(pg_get_serial_sequence(${table}, 'id'))::int as id from generate_series(1, ${count})`.execute(
        this.trx,
      );
      return rows.map((r) => r.id);
    }
    let first = this.next.get(table);
    if (first === undefined) {
      // The counter is the largest id the table ever had; above the largest it has now, when rows were deleted.
      const { rows } = await sql<{
        seq: number | null;
      }>`select max(seq) as seq from sqlite_sequence where name = ${table}`.execute(this.trx);
      first = Number(rows[0]?.seq ?? 0) + 1;
    }
    this.next.set(table, first + count);
    return Array.from({ length: count }, (_, i) => first + i);
  }
}

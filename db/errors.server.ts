// Database errors worth telling apart from the rest, on SQLite and PostgreSQL alike.

/** Thrown instead of SQLite's "database or disk is full" (SQLITE_FULL): nothing of the change was saved. */
export class DiskFullError extends Error {
  readonly code = "SQLITE_FULL";

  constructor(cause: unknown) {
    super(
      "The disk is full: the database could not save this change, and nothing of it was saved. Free some disk space and try again.",
      { cause },
    );
    this.name = "DiskFullError";
  }
}

/** True for a full disk: SQLITE_FULL, or PostgreSQL's disk_full (53100). */
export function isDiskFull(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === "SQLITE_FULL" || code === "53100";
}

/** True when a unique index refused the row: SQLite's SQLITE_CONSTRAINT_UNIQUE, PostgreSQL's 23505. */
export function isUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === "SQLITE_CONSTRAINT_UNIQUE" || code === "SQLITE_CONSTRAINT_PRIMARYKEY" || code === "23505";
}

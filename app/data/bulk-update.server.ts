// Writes scoring's results back: the computed columns of follow-ups, interviews and applications, and
// an import's new rows with theirs, many rows per statement. Only rows whose computed values changed are
// updated, so a rescore with nothing new writes nothing; the webhook events of those writes are queued
// with them. Used by scoring.server.ts, which decides what
// to score; nothing here knows how a score is computed.
import { CompiledQuery, type Insertable } from "kysely";
import { isPostgres } from "../../db/connection.server";
import type { ApplicationTable, Db, FollowUpTable, InterviewTable } from "../../db/schema";
import type {
  ApplicationResult,
  BatchResult,
  FollowUpResult,
  InterviewResult,
} from "../core/score-applications";
import { PART_COLUMNS, type RubricPart } from "../core/rubric-parts";
import { queueFollowUpsReceived, queueFollowUpsScored, queueOutcomesChanged } from "./webhooks.server";

/** Rows per INSERT or UPDATE statement. */
const ROWS_PER_STATEMENT = 200;
/** Bound parameters per statement: under SQLite's 32,766 and PostgreSQL's 65,535. */
const MAX_PARAMETERS = 30_000;

type SqlType = "integer" | "double precision" | "text";
export interface Column<T> {
  name: string;
  type: SqlType;
  value: (row: T) => unknown;
}

export const FOLLOW_UP_COLUMNS: Column<FollowUpResult>[] = [
  { name: "latency_minutes", type: "double precision", value: (r) => r.latency_minutes },
  { name: "business_latency_minutes", type: "double precision", value: (r) => r.business_latency_minutes },
  { name: "window", type: "text", value: (r) => r.window },
  { name: "score", type: "double precision", value: (r) => r.score },
  { name: "score_parts", type: "text", value: (r) => r.score_parts },
  { name: "scorer_version", type: "text", value: (r) => r.scorer_version },
  { name: "near_duplicate_of", type: "integer", value: (r) => r.near_duplicate_of },
  ...(Object.entries(PART_COLUMNS) as [RubricPart, string][]).map(([part, name]): Column<FollowUpResult> => ({
    name,
    type: "double precision",
    value: (r) => r.points[part] ?? null,
  })),
];

export const INTERVIEW_COLUMNS: Column<InterviewResult>[] = [
  { name: "first_follow_up_id", type: "integer", value: (r) => r.first_follow_up_id },
  { name: "first_follow_up_at", type: "text", value: (r) => r.first_follow_up_at },
  { name: "latency_minutes", type: "double precision", value: (r) => r.latency_minutes },
  { name: "business_latency_minutes", type: "double precision", value: (r) => r.business_latency_minutes },
  { name: "window", type: "text", value: (r) => r.window },
  { name: "closes_at", type: "text", value: (r) => r.closes_at },
];

export const APPLICATION_COLUMNS: Column<ApplicationResult>[] = [
  { name: "interview_count", type: "integer", value: (r) => r.interview_count },
  { name: "decided_interview_count", type: "integer", value: (r) => r.decided_interview_count },
  { name: "followed_up_count", type: "integer", value: (r) => r.followed_up_count },
  { name: "behaviour", type: "text", value: (r) => r.behaviour },
  { name: "median_latency_minutes", type: "double precision", value: (r) => r.median_latency_minutes },
  { name: "best_score", type: "double precision", value: (r) => r.best_score },
  { name: "mean_score", type: "double precision", value: (r) => r.mean_score },
  { name: "last_interview_end", type: "text", value: (r) => r.last_interview_end },
];

const statementCache = new Map<string, string>();

/** The statement text for `key`, built once: it depends only on the table, its columns and the row count. */
function cachedStatement(key: string, build: () => string): string {
  let text = statementCache.get(key);
  if (text === undefined) statementCache.set(key, (text = build()));
  return text;
}

/**
 * One UPDATE for many rows, in SQL that SQLite and PostgreSQL both run: the new values as a VALUES
 * list named by a CTE, joined to the table by id (each row found by its primary key).
 */
function updateStatement(table: string, columns: Column<unknown>[], rows: number, postgres: boolean): string {
  return cachedStatement(`update|${table}|${rows}|${postgres}`, () => {
    let n = 0;
    const param = () => (postgres ? `$${++n}` : "?");
    // PostgreSQL types a VALUES list from its parameters, so each is cast; SQLite needs no casts (the
    // target columns' affinity applies), and leaving them out halves the statement it has to parse.
    const value = (type: SqlType) => (postgres ? `cast(${param()} as ${type})` : param());
    const tuple = () => `(${value("integer")}, ${columns.map((c) => value(c.type)).join(", ")})`;
    const names = columns.map((c) => `"${c.name}"`).join(", ");
    return (
      `with v (id, ${names}) as (values ${Array.from({ length: rows }, tuple).join(", ")}) ` +
      `update ${table} set ${columns.map((c) => `"${c.name}" = v."${c.name}"`).join(", ")} from v where ${table}.id = v.id`
    );
  });
}

/** Rows per statement for `columns` values each, within the parameter limits. */
const rowsPerStatement = (columns: number) =>
  Math.min(ROWS_PER_STATEMENT, Math.floor(MAX_PARAMETERS / columns));

async function updateRows<T extends { id: number }>(
  db: Db,
  table: string,
  columns: Column<T>[],
  rows: readonly T[],
): Promise<void> {
  const postgres = isPostgres(db);
  const chunk = rowsPerStatement(columns.length + 1);
  for (let i = 0; i < rows.length; i += chunk) {
    const slice = rows.slice(i, i + chunk);
    const parameters: unknown[] = [];
    for (const row of slice) {
      parameters.push(row.id);
      for (const c of columns) parameters.push(c.value(row) ?? null);
    }
    await db.executeQuery(
      CompiledQuery.raw(
        updateStatement(table, columns as Column<unknown>[], slice.length, postgres),
        parameters,
      ),
    );
  }
}

/** Inserts `count` rows of values for `names`, many per statement; `values` appends row `i`'s to `out`. */
async function insertRows(
  db: Db,
  table: string,
  names: readonly string[],
  count: number,
  values: (i: number, out: unknown[]) => void,
): Promise<void> {
  const postgres = isPostgres(db);
  const chunk = rowsPerStatement(names.length);
  for (let first = 0; first < count; first += chunk) {
    const rows = Math.min(chunk, count - first);
    const text = cachedStatement(`insert|${table}|${names.join(",")}|${rows}|${postgres}`, () => {
      let n = 0;
      const tuple = () => `(${names.map(() => (postgres ? `$${++n}` : "?")).join(", ")})`;
      return `insert into ${table} (${names.map((c) => `"${c}"`).join(", ")}) values ${Array.from({ length: rows }, tuple).join(", ")}`;
    });
    const parameters: unknown[] = [];
    for (let i = first; i < first + rows; i++) values(i, parameters);
    await db.executeQuery(CompiledQuery.raw(text, parameters));
  }
}

/** The stored computed columns of each row, by id, to leave unchanged rows unwritten. */
export interface Stored {
  applications: Map<number, Record<string, unknown>>;
  interviews: Map<number, Record<string, unknown>>;
  followUps: Map<number, Record<string, unknown>>;
}

/** Whether a stored row's computed values differ from the new ones (a row not stored yet is inserted instead). */
function changed<T extends { id: number }>(
  columns: Column<T>[],
  stored: Map<number, Record<string, unknown>>,
) {
  return (row: T): boolean => {
    const before = stored.get(row.id);
    return before !== undefined && columns.some((c) => (c.value(row) ?? null) !== (before[c.name] ?? null));
  };
}

/**
 * Rows not in the database yet, with their ids already taken (app/data/ids.server.ts): they are scored
 * with the stored rows of their positions and then inserted once, with their computed columns.
 */
export interface NewRows {
  applications: (Insertable<ApplicationTable> & { id: number })[];
  interviews: (Insertable<InterviewTable> & { id: number })[];
  followUps: (Insertable<FollowUpTable> & { id: number })[];
  /** The names of the new applications' candidates, by candidate id (the rubric looks for them). */
  candidateNames: Map<number, string>;
}

/** Inserts new rows (all with the same columns) with their computed columns. */
async function insertScored<R extends { id: number }, T extends { id: number }>(
  db: Db,
  table: string,
  rows: readonly R[],
  results: readonly T[],
  columns: Column<T>[],
) {
  if (rows.length === 0) return;
  const names = Object.keys(rows[0]) as (keyof R & string)[];
  const computed = columns.filter((c) => !names.includes(c.name as keyof R & string));
  const byId = new Map(results.map((r) => [r.id, r]));
  await insertRows(db, table, [...names, ...computed.map((c) => c.name)], rows.length, (i, out) => {
    const row = rows[i];
    for (const name of names) out.push(row[name] ?? null);
    const result = byId.get(row.id);
    for (const c of computed) out.push(result ? (c.value(result) ?? null) : null);
  });
}

/** The follow-up columns whose change is a new score: announced as follow_up.scored. */
const SCORE_COLUMNS = ["score", "score_parts", "scorer_version"] as const;

/**
 * Inserts the new rows with their computed columns, and writes the stored rows whose computed values
 * differ: a rescore after a change of weights rewrites scores but not latencies, and one with nothing
 * changed writes nothing. Every scoring path writes through here, so here its webhook events are
 * queued, in the same transaction: follow_up.received for the follow-ups inserted (an import's),
 * follow_up.scored for those inserted and those whose score changed, and application.outcome_changed for
 * the applications inserted with an outcome.
 */
export async function writeResults(
  db: Db,
  organizationId: number,
  result: BatchResult,
  stored: Stored,
  added?: NewRows,
): Promise<number> {
  if (added) {
    await insertScored(db, "applications", added.applications, result.applications, APPLICATION_COLUMNS);
    await insertScored(db, "interviews", added.interviews, result.interviews, INTERVIEW_COLUMNS);
    await insertScored(db, "follow_ups", added.followUps, result.followUps, FOLLOW_UP_COLUMNS);
  }
  const followUps = result.followUps.filter(changed(FOLLOW_UP_COLUMNS, stored.followUps));
  const interviews = result.interviews.filter(changed(INTERVIEW_COLUMNS, stored.interviews));
  const applications = result.applications.filter(changed(APPLICATION_COLUMNS, stored.applications));
  await updateRows(db, "follow_ups", FOLLOW_UP_COLUMNS, followUps);
  await updateRows(db, "interviews", INTERVIEW_COLUMNS, interviews);
  await updateRows(db, "applications", APPLICATION_COLUMNS, applications);
  const addedIds = added?.followUps.map((f) => f.id) ?? [];
  const rescored = followUps
    .filter((f) => {
      const before = stored.followUps.get(f.id)!;
      return SCORE_COLUMNS.some((c) => (f[c] ?? null) !== (before[c] ?? null));
    })
    .map((f) => f.id);
  await queueFollowUpsReceived(db, organizationId, addedIds);
  await queueFollowUpsScored(db, organizationId, [...addedIds, ...rescored]);
  // An imported application that arrives with an outcome: as if added, then given it on its page.
  await queueOutcomesChanged(
    db,
    organizationId,
    (added?.applications ?? [])
      .filter((a) => a.outcome !== "pending")
      .map((a) => ({ applicationId: a.id, previousOutcome: "pending" })),
  );
  const inserted = added ? added.applications.length + added.interviews.length + added.followUps.length : 0;
  return inserted + followUps.length + interviews.length + applications.length;
}

/** The computed columns of stored rows, by id, as writeResults compares them. */
export function storedColumns<T>(
  rows: readonly Record<string, unknown>[],
  columns: Column<T>[],
): Map<number, Record<string, unknown>> {
  return new Map(
    rows.map((r) => [r.id as number, Object.fromEntries(columns.map((c) => [c.name, r[c.name]]))]),
  );
}

// Summaries kept on write so that the lists answer from an index at 200,000 candidates.
//
// The dashboard's interviewer and round filter options are counted in dashboard_interviewers by
// triggers on interviews (migration 0024) the same way: rebuilt and checked here too.
//
// Each candidate carries a summary of their applications (migration 0024): how many, the last
// interview, the best score and the follow-up rate, read by the candidates list of admins and
// recruiters. Triggers on applications recount a candidate whenever one of their applications is
// inserted, deleted, or has one of the summarized columns changed, in the same statement, so every
// write path (a logged interview, a rescore, the window sweep, an import, a delete) keeps them current
// without calling anything. This module rebuilds them from scratch (`npm run summaries -- rebuild`)
// and compares them with a recount from the raw rows (`npm run summaries -- check`, and the tests).
import { sql, type RawBuilder, type Transaction } from "kysely";
import type { Database, Db } from "../../db/schema";
import { PART_COLUMNS } from "../core/rubric-parts";
import { inTransaction } from "./transaction.server";
// The recount SQL lives once, with the triggers that run it: the app imports it from the migration
// that last defined them (a later migration changing them is imported instead). 0037's recount without
// a slice is 0033's, which the triggers of dashboard_applications run (summaries.test.ts compares them).
import { APPLICATION_ROW } from "../../db/migrations/0033_exempt_summaries";
import {
  INTERVIEW_ROW,
  interviewRows,
  interviewSliceLevels,
  recount as dashboardRows,
  SLICES,
  sliceLevels,
  sliceRow,
  type Slice,
} from "../../db/migrations/0037_dashboard_slices";
import {
  SUFFIX_CELL_KEY,
  SUFFIX_CELL_SUMS,
  SUFFIX_ROW,
  suffixLevels,
  suffixRows,
} from "../../db/migrations/0041_dashboard_suffixes";

/** The recount of a candidate `c`'s summary from their applications, as the triggers compute it. */
const RECOUNT = {
  applications: sql`nullif(count(*), 0)`,
  last_interview: sql`max(a.last_interview_end)`,
  best_score: sql`max(a.best_score)`,
  follow_up_rate: sql`cast(sum(a.followed_up_count) as double precision) / nullif(sum(a.decided_interview_count), 0)`,
};
const recount = sql.join(
  Object.entries(RECOUNT).map(
    ([name, value]) =>
      sql`(select ${value} from applications a where a.candidate_id = c.id) as ${sql.ref(name)}`,
  ),
);

/** Recounts the summaries of the candidates `where` selects (over candidates); returns how many. */
async function recountCandidates(db: Db, where: RawBuilder<unknown>): Promise<number> {
  const result = await sql`update candidates set
      (summary_applications, summary_last_interview, summary_best_score, summary_follow_up_rate) = (
        select nullif(count(*), 0), max(a.last_interview_end), max(a.best_score),
          cast(sum(a.followed_up_count) as double precision) / nullif(sum(a.decided_interview_count), 0)
        from applications a where a.candidate_id = candidates.id)
    where ${where}`.execute(db);
  return Number(result.numAffectedRows ?? 0);
}

/**
 * Recounts every candidate's summary and the organization's candidate count (of one organization, or
 * all); returns the candidates updated.
 */
export async function rebuildCandidateSummaries(db: Db, organizationId?: number): Promise<number> {
  await recountCandidateCount(db, organizationId);
  return recountCandidates(
    db,
    organizationId === undefined ? sql`true` : sql`organization_id = ${organizationId}`,
  );
}

/** Recounts organizations.candidate_count (migration 0040): of one organization, or all. */
async function recountCandidateCount(db: Db, organizationId?: number) {
  await sql`update organizations set candidate_count =
      (select count(*) from candidates c where c.organization_id = organizations.id)
    where ${organizationId === undefined ? sql`true` : sql`id = ${organizationId}`}`.execute(db);
}

/** The organizations whose stored candidate count differs from a count of their candidates. */
export async function candidateCountDifferences(db: Db, organizationId?: number) {
  const rows = (
    await sql<{ id: unknown; stored: unknown; counted: unknown }>`select o.id, o.candidate_count as stored,
        (select count(*) from candidates c where c.organization_id = o.id) as counted
      from organizations o
      where ${organizationId === undefined ? sql`true` : sql`o.id = ${organizationId}`}`.execute(db)
  ).rows;
  return rows
    .map((r) => ({ organizationId: Number(r.id), stored: Number(r.stored), counted: Number(r.counted) }))
    .filter((r) => r.stored !== r.counted);
}

export type SummaryDifference = {
  candidateId: number;
  stored: Record<string, unknown>;
  recounted: Record<string, unknown>;
};

const same = (a: unknown, b: unknown) =>
  a === null || b === null || a === undefined || b === undefined
    ? (a ?? null) === (b ?? null)
    : typeof a === "number" || typeof b === "number"
      ? Math.abs(Number(a) - Number(b)) <= 1e-9 * Math.max(1, Math.abs(Number(b)))
      : String(a) === String(b);

/**
 * The candidates whose stored summary differs from a recount of their applications (none when the
 * triggers did their work). Rates compare to 1e-9 relative: the same division, read back as a double.
 */
export async function candidateSummaryDifferences(db: Db, organizationId?: number) {
  const rows = (
    await sql<Record<string, unknown>>`select c.id, c.summary_applications, c.summary_last_interview,
        c.summary_best_score, c.summary_follow_up_rate, ${recount}
      from candidates c
      where ${organizationId === undefined ? sql`true` : sql`c.organization_id = ${organizationId}`}
      order by c.id`.execute(db)
  ).rows;
  const differences: SummaryDifference[] = [];
  for (const row of rows) {
    const stored = {
      applications: row.summary_applications,
      last_interview: row.summary_last_interview,
      best_score: row.summary_best_score,
      follow_up_rate: row.summary_follow_up_rate,
    };
    const recounted = {
      applications: row.applications,
      last_interview: row.last_interview,
      best_score: row.best_score,
      follow_up_rate: row.follow_up_rate,
    };
    const keys = Object.keys(stored) as (keyof typeof stored)[];
    if (keys.some((k) => !same(stored[k], recounted[k])))
      differences.push({ candidateId: Number(row.id), stored, recounted });
  }
  return differences;
}

/** Recounts the dashboard's interviewer and round options (of one organization, or all). */
export async function rebuildDashboardInterviewers(db: Db, organizationId?: number): Promise<number> {
  return inTransaction(db, async (trx) => {
    let clear = trx.deleteFrom("dashboard_interviewers");
    if (organizationId !== undefined) clear = clear.where("organization_id", "=", organizationId);
    await clear.execute();
    const result =
      await sql`insert into dashboard_interviewers (organization_id, interviewer_name, round, interviews)
      select organization_id, interviewer_name, round, count(*) from interviews
      where ${organizationId === undefined ? sql`true` : sql`organization_id = ${organizationId}`}
      group by organization_id, interviewer_name, round`.execute(trx);
    return Number(result.numAffectedRows ?? 0);
  });
}

/** The (organization, interviewer, round) counts that differ from a recount of the interviews. */
export async function dashboardInterviewerDifferences(db: Db, organizationId?: number) {
  const where = (alias: string) =>
    organizationId === undefined
      ? sql`true`
      : sql`${sql.ref(`${alias}.organization_id`)} = ${organizationId}`;
  const stored = await sql<{
    organization_id: number;
    interviewer_name: string;
    round: number;
    interviews: number;
  }>`select organization_id, interviewer_name, round, interviews from dashboard_interviewers o where ${where("o")}`.execute(
    db,
  );
  const recounted = await sql<{
    organization_id: number;
    interviewer_name: string;
    round: number;
    interviews: number;
  }>`select organization_id, interviewer_name, round, count(*) as interviews from interviews i where ${where("i")}
    group by organization_id, interviewer_name, round`.execute(db);
  const key = (r: { organization_id: number; interviewer_name: string; round: number }) =>
    JSON.stringify([Number(r.organization_id), r.interviewer_name, Number(r.round)]);
  const counts = new Map<string, { stored: number; recounted: number }>();
  for (const r of stored.rows) counts.set(key(r), { stored: Number(r.interviews), recounted: 0 });
  for (const r of recounted.rows) {
    const entry = counts.get(key(r)) ?? { stored: 0, recounted: 0 };
    entry.recounted = Number(r.interviews);
    counts.set(key(r), entry);
  }
  return [...counts.entries()]
    .filter(([, c]) => c.stored !== c.recounted)
    .map(([k, c]) => ({ key: JSON.parse(k) as [number, string, number], ...c }));
}

// ---------------------------------------------------------------------------------------------------
// The dashboard's per-application rows (migration 0025): what each application with interviews adds
// to the dashboard's application figures, as of its organization's sweep mark.

const PART_SUMS = Object.values(PART_COLUMNS);
const DASHBOARD_COLUMNS = APPLICATION_ROW;

/**
 * The applications' rows recounted from the raw rows by the SQL the triggers run (migration 0033), as
 * of the sweep mark; or as of another moment, for some applications (the dashboard's live correction
 * of the interviews closed since the mark).
 */
export function dashboardRecount(
  organizationId?: number,
  live?: { asOf: string; applicationIds: number[] },
  slice?: Slice,
) {
  return dashboardRows(
    sql`${organizationId === undefined ? sql`true` : sql`a.organization_id = ${organizationId}`}
      ${live ? sql`and a.id in (${sql.join(live.applicationIds)})` : sql``}`,
    live ? sql`${live.asOf}` : undefined,
    slice,
  );
}

/**
 * The rows of the applications `applications` selects (a condition over alias a, within the
 * organization) recounted as of `asOf` over their interviews ending in [from, before) only: what the
 * raw path counts for an application when the dashboard's date range holds only some of its interviews.
 * An application with no interview in the range has no row.
 */
export function dashboardRecountInRange(
  organizationId: number,
  asOf: string,
  applications: RawBuilder<unknown>,
  range: { from?: string; before?: string },
) {
  const ends = [
    ...(range.from === undefined ? [] : [sql`i.ends_at >= ${range.from}`]),
    ...(range.before === undefined ? [] : [sql`i.ends_at < ${range.before}`]),
  ];
  return dashboardRows(
    // The organization on the interviews, not the applications: SQLite then starts from the
    // applications `applications` lists and reads their interviews from a covering index (0032),
    // rather than walking every application of the organization.
    sql`i.organization_id = ${organizationId} and ${applications}${sql.join(
      ends.map((e) => sql` and ${e}`),
      sql``,
    )}`,
    sql`${asOf}`,
  );
}

/** A summary table's rows recounted (`recount`, selecting `columns`), and the table of their cells. */
type SummaryTable = { table: string; columns: readonly string[]; recount: RawBuilder<unknown>; cells: Cells };

/**
 * Clears the tables of `parts` and their cells (of one organization, or all) and writes each again from
 * its recount, in one transaction with the summary triggers off (migration 0038): the cells are summed
 * from the new rows in a statement each, rather than a trigger adding each row to its cells one by one
 * (in PostgreSQL, a cell updated again and again in one transaction keeps every old version of its row
 * until the commit). Returns the rows written.
 */
async function rebuildWithCells(db: Db, organizationId: number | undefined, parts: SummaryTable[]) {
  return inTransaction(db, (trx) =>
    withSummariesOff(trx, organizationId ?? 0, async () => {
      for (const table of new Set(parts.flatMap((p) => [p.table, p.cells.table]))) {
        let clear = trx.deleteFrom(table as "dashboard_applications");
        if (organizationId !== undefined) clear = clear.where("organization_id", "=", organizationId);
        await clear.execute();
      }
      let written = 0;
      for (const { table, columns, recount, cells } of parts) {
        written += await insertRows(trx, table, columns, recount);
        await addToCells(trx, cells, rowsOf(organizationId));
      }
      return written;
    }),
  );
}

/** Recounts the dashboard's per-application rows (of one organization, or all); returns the rows written. */
export async function rebuildDashboardApplications(db: Db, organizationId?: number): Promise<number> {
  return rebuildWithCells(db, organizationId, [
    {
      table: "dashboard_applications",
      columns: DASHBOARD_COLUMNS,
      recount: dashboardRecount(organizationId),
      cells: APPLICATION_CELLS,
    },
  ]);
}

export type DashboardApplicationDifference = {
  applicationId: number;
  stored: Record<string, unknown> | null;
  recounted: Record<string, unknown> | null;
};

/** The per-application rows that differ from a recount (none when the triggers did their work). */
export async function dashboardApplicationDifferences(
  db: Db,
  organizationId?: number,
): Promise<DashboardApplicationDifference[]> {
  const stored = await sql<Record<string, unknown>>`select * from dashboard_applications
    where ${organizationId === undefined ? sql`true` : sql`organization_id = ${organizationId}`}`.execute(db);
  const recounted = await sql<Record<string, unknown>>`${dashboardRecount(organizationId)}`.execute(db);
  const rows = new Map<
    number,
    { stored: Record<string, unknown> | null; recounted: Record<string, unknown> | null }
  >();
  for (const r of stored.rows) rows.set(Number(r.application_id), { stored: r, recounted: null });
  for (const r of recounted.rows) {
    const entry = rows.get(Number(r.application_id)) ?? { stored: null, recounted: null };
    entry.recounted = r;
    rows.set(Number(r.application_id), entry);
  }
  const differences: DashboardApplicationDifference[] = [];
  for (const [applicationId, { stored: s, recounted: r }] of rows) {
    if (s && r && DASHBOARD_COLUMNS.every((c) => same(s[c], r[c]))) continue;
    differences.push({ applicationId, stored: s, recounted: r });
  }
  return differences;
}

const CELL_SUMS = ["n", "d", "fu", "lat_n", "lat_sum", "score_sum", "score_n", "parts_n", ...PART_SUMS];
/** The summary rows (alias r) of one organization, or of all. */
const rowsOf = (organizationId?: number) =>
  organizationId === undefined ? sql`true` : sql`r.organization_id = ${organizationId}`;

/** The dashboard's application cells recounted from the per-application rows, level by level. */
function cellRecount(rows: RawBuilder<unknown>) {
  const client = sql`cast(r.client_id as text)`;
  const recruiter = sql`coalesce(cast(r.recruiter_id as text), '')`;
  const levels: [string, RawBuilder<unknown>][] = [
    ["org", sql`''`],
    ["client", client],
    ["position", sql`cast(r.position_id as text)`],
    ["recruiter", recruiter],
    ["client_recruiter", sql`${client} || ':' || ${recruiter}`],
  ];
  // Position cells keep only behaviour × result (migration 0025).
  const best = (level: string) => (level === "position" ? sql`0` : sql`coalesce(r.best, 0)`);
  const decile = (level: string) => (level === "position" ? sql`-1` : sql`coalesce(r.decile, -1)`);
  return sql.join(
    levels.map(
      ([level, key]) => sql`select r.organization_id, ${level} as level, ${key} as level_key, r.result,
        coalesce(r.behaviour, '') as behaviour, ${best(level)} as best, ${decile(level)} as decile,
        count(*) as apps, ${sql.join(CELL_SUMS.map((c) => sql`coalesce(sum(${sql.ref(`r.${c}`)}), 0) as ${sql.ref(c)}`))}
      from dashboard_applications r
      where ${rows}
      group by r.organization_id, ${level === "org" ? sql`` : sql`${key}, `}r.result, coalesce(r.behaviour, '')${level === "position" ? sql`` : sql`, coalesce(r.best, 0), coalesce(r.decile, -1)`}`,
    ),
    sql` union all `,
  );
}

/** An application cell's key (dashboard_application_cells and dashboard_slice_cells alike). */
const applicationCellKey = (r: Record<string, unknown>) =>
  JSON.stringify([
    Number(r.organization_id),
    r.level,
    String(r.level_key),
    r.result,
    r.behaviour,
    Number(r.best),
    Number(r.decile),
  ]);

/**
 * The dashboard's application cells that differ from a recount of the per-application rows. Sums of
 * latencies and scores compare to 1e-9 relative: the cells add and subtract them one row at a time.
 */
export async function dashboardCellDifferences(db: Db, organizationId?: number) {
  const stored = await sql<Record<string, unknown>>`select * from dashboard_application_cells
    where ${organizationId === undefined ? sql`true` : sql`organization_id = ${organizationId}`}`.execute(db);
  const recounted = await sql<Record<string, unknown>>`${cellRecount(rowsOf(organizationId))}`.execute(db);
  const key = applicationCellKey;
  const cells = new Map<
    string,
    { stored: Record<string, unknown> | null; recounted: Record<string, unknown> | null }
  >();
  for (const r of stored.rows) cells.set(key(r), { stored: r, recounted: null });
  for (const r of recounted.rows) {
    const entry = cells.get(key(r)) ?? { stored: null, recounted: null };
    entry.recounted = r;
    cells.set(key(r), entry);
  }
  return [...cells.entries()]
    .filter(
      ([, { stored: s, recounted: r }]) => !s || !r || !["apps", ...CELL_SUMS].every((c) => same(s[c], r[c])),
    )
    .map(([k, c]) => ({ key: k, ...c }));
}

// ---------------------------------------------------------------------------------------------------
// The slices (migration 0037): one row per application and round, and per application and interviewer,
// over those interviews only; their cells by round, round × client, round × recruiter and interviewer.

/** A slice's cells recounted from its rows (all but the round level: behaviour × result). */
function sliceCellRecount(slice: Slice, rows: RawBuilder<unknown>) {
  return sql.join(
    sliceLevels(slice, "r").map(([level, key]) => {
      const coarse = level !== "round";
      return sql`select r.organization_id, ${level} as level, ${sql.raw(key)} as level_key, r.result,
        coalesce(r.behaviour, '') as behaviour, ${coarse ? sql`0` : sql`coalesce(r.best, 0)`} as best,
        ${coarse ? sql`-1` : sql`coalesce(r.decile, -1)`} as decile,
        count(*) as apps, ${sql.join(CELL_SUMS.map((c) => sql`coalesce(sum(${sql.ref(`r.${c}`)}), 0) as ${sql.ref(c)}`))}
      from ${sql.table(SLICES[slice].table)} r
      where ${rows}
      group by r.organization_id, ${sql.raw(key)}, r.result, coalesce(r.behaviour, '')${coarse ? sql`` : sql`, coalesce(r.best, 0), coalesce(r.decile, -1)`}`;
    }),
    sql` union all `,
  );
}

const SLICE_NAMES = Object.keys(SLICES) as Slice[];
export { SLICES, type Slice };

/** Recounts the slices' rows (of one organization, or all) and so their cells; returns the rows written. */
export async function rebuildDashboardSlices(db: Db, organizationId?: number): Promise<number> {
  return rebuildWithCells(
    db,
    organizationId,
    SLICE_NAMES.map((slice) => ({
      table: SLICES[slice].table,
      columns: sliceRow(slice),
      recount: dashboardRecount(organizationId, undefined, slice),
      cells: sliceCells(slice),
    })),
  );
}

/** The slices' rows and cells that differ from a recount (none when the triggers did their work). */
export async function dashboardSliceDifferences(db: Db, organizationId?: number) {
  const where = organizationId === undefined ? sql`true` : sql`organization_id = ${organizationId}`;
  const found: ReturnType<typeof differences> = [];
  for (const slice of SLICE_NAMES) {
    const { table, column } = SLICES[slice];
    found.push(
      ...differences(
        (await sql<Record<string, unknown>>`select * from ${sql.table(table)} where ${where}`.execute(db))
          .rows,
        (
          await sql<Record<string, unknown>>`${dashboardRecount(organizationId, undefined, slice)}`.execute(
            db,
          )
        ).rows,
        (r) => `${slice}:${Number(r.application_id)}:${String(r[column])}`,
        sliceRow(slice),
      ),
    );
  }
  const recounted = sql.join(
    SLICE_NAMES.map((slice) => sliceCellRecount(slice, rowsOf(organizationId))),
    sql` union all `,
  );
  found.push(
    ...differences(
      (await sql<Record<string, unknown>>`select * from dashboard_slice_cells where ${where}`.execute(db))
        .rows,
      (await sql<Record<string, unknown>>`${recounted}`.execute(db)).rows,
      applicationCellKey,
      ["apps", ...CELL_SUMS],
    ),
  );
  return found;
}

// ---------------------------------------------------------------------------------------------------
// The suffixes (migration 0041): per application and day it has interviews on, the application over its
// interviews from that day on; their cells by level and day, each row added on its from_day and
// subtracted on its prev_day.

/** The suffix rows of the applications `where` selects (over alias a alone), recounted as the triggers do. */
function suffixRecount(organizationId?: number) {
  return suffixRows(organizationId === undefined ? sql`true` : sql`a.organization_id = ${organizationId}`);
}

/** The suffix cells recounted from the suffix rows `rows` selects (over alias r). */
function suffixCellRecount(rows: RawBuilder<unknown>) {
  const keys = refs(SUFFIX_CELL_KEY);
  const sums = sql.join(SUFFIX_CELL_SUMS.map((c) => sql`sum(${sql.ref(c)}) as ${sql.ref(c)}`));
  const halves = suffixLevels("r").flatMap(([level, key]) =>
    (["from_day", "prev_day"] as const).map((day) => {
      const sign = day === "from_day" ? 1 : -1;
      return sql`select r.organization_id, ${level} as level, ${sql.raw(key)} as level_key, ${sql.ref(`r.${day}`)} as day,
          r.result, coalesce(r.behaviour, '') as behaviour, coalesce(r.best, 0) as best, coalesce(r.decile, -1) as decile,
          1 as entries, ${sql.raw(String(sign))} as apps,
          ${sql.join(CELL_SUMS.map((c) => sql`${sql.raw(String(sign))} * coalesce(${sql.ref(`r.${c}`)}, 0) as ${sql.ref(c)}`))}
        from dashboard_application_suffixes r where ${rows} and ${sql.ref(`r.${day}`)} is not null`;
    }),
  );
  // A row's two halves fall in different cells, but two rows' may share one: one row per cell.
  return sql`select ${keys}, ${sums} from (${sql.join(halves, sql` union all `)}) x group by ${keys}`;
}

/** Recounts the suffix rows (of one organization, or all) and so their cells; returns the rows written. */
export async function rebuildDashboardSuffixes(db: Db, organizationId?: number): Promise<number> {
  return rebuildWithCells(db, organizationId, [
    {
      table: "dashboard_application_suffixes",
      columns: SUFFIX_ROW,
      recount: suffixRecount(organizationId),
      cells: SUFFIX_CELLS,
    },
  ]);
}

/** The suffix rows and cells that differ from a recount (none when the triggers did their work). */
export async function dashboardSuffixDifferences(db: Db, organizationId?: number) {
  const where = organizationId === undefined ? sql`true` : sql`organization_id = ${organizationId}`;
  const rows = differences(
    (
      await sql<Record<string, unknown>>`select * from dashboard_application_suffixes where ${where}`.execute(
        db,
      )
    ).rows,
    (await sql<Record<string, unknown>>`${suffixRecount(organizationId)}`.execute(db)).rows,
    (r) => `${Number(r.application_id)}:${String(r.from_day)}`,
    SUFFIX_ROW,
  );
  const cells = differences(
    (await sql<Record<string, unknown>>`select * from dashboard_suffix_cells where ${where}`.execute(db))
      .rows,
    (await sql<Record<string, unknown>>`${suffixCellRecount(rowsOf(organizationId))}`.execute(db)).rows,
    (r) => JSON.stringify([applicationCellKey(r), r.day]),
    SUFFIX_CELL_SUMS,
  );
  return [...rows, ...cells];
}

// ---------------------------------------------------------------------------------------------------
// The interview half (migration 0025): one row per interview and additive cells by level × day ×
// window × hour, counted as if every window had closed.

/** The interviews' rows recounted from the raw rows, by the SQL the triggers run (migration 0033). */
function interviewRecount(organizationId?: number) {
  return interviewRows(organizationId === undefined ? sql`true` : sql`i.organization_id = ${organizationId}`);
}

/** The interview cells recounted from the interviews' rows, level by level. */
function interviewCellRecount(rows: RawBuilder<unknown>) {
  const levels: [string, RawBuilder<unknown>][] = [
    ["org", sql`''`],
    ["client", sql`cast(r.client_id as text)`],
    ["recruiter", sql`coalesce(cast(r.recruiter_id as text), '')`],
  ];
  // The slice levels (0037): round ones by day × window × hour, the interviewer's by hour alone.
  const slices = interviewSliceLevels("r").map(
    ([level, key, day, win]) => sql`select r.organization_id, ${level} as level, ${sql.raw(key)} as level_key,
        ${sql.raw(day)} as day, ${sql.raw(win)} as win, r.hour, count(*) as n, coalesce(sum(r.latency), 0) as lat_sum
      from dashboard_interviews r
      where ${rows}
      group by ${sql.raw(["r.organization_id", key, day, win, "r.hour"].filter((c) => c !== "''").join(", "))}`,
  );
  return sql.join(
    levels
      .map(
        ([
          level,
          key,
        ]) => sql`select r.organization_id, ${level} as level, ${key} as level_key, r.day, r.win, r.hour,
        count(*) as n, coalesce(sum(r.latency), 0) as lat_sum
      from dashboard_interviews r
      where ${rows}
      group by r.organization_id, ${level === "org" ? sql`` : sql`${key}, `}r.day, r.win, r.hour`,
      )
      .concat(slices),
    sql` union all `,
  );
}

/** Recounts the dashboard's per-interview rows (of one organization, or all); returns the rows written. */
export async function rebuildDashboardInterviews(db: Db, organizationId?: number): Promise<number> {
  return rebuildWithCells(db, organizationId, [
    {
      table: "dashboard_interviews",
      columns: INTERVIEW_ROW,
      recount: interviewRecount(organizationId),
      cells: INTERVIEW_CELLS,
    },
  ]);
}

function differences(
  stored: Record<string, unknown>[],
  recounted: Record<string, unknown>[],
  key: (r: Record<string, unknown>) => string,
  columns: readonly string[],
) {
  const rows = new Map<
    string,
    { stored: Record<string, unknown> | null; recounted: Record<string, unknown> | null }
  >();
  for (const r of stored) rows.set(key(r), { stored: r, recounted: null });
  for (const r of recounted) {
    const entry = rows.get(key(r)) ?? { stored: null, recounted: null };
    entry.recounted = r;
    rows.set(key(r), entry);
  }
  return [...rows.entries()]
    .filter(([, { stored: s, recounted: r }]) => !s || !r || !columns.every((c) => same(s[c], r[c])))
    .map(([k, c]) => ({ key: k, ...c }));
}

/** The dashboard's per-interview rows and interview cells that differ from a recount (none when right). */
export async function dashboardInterviewDifferences(db: Db, organizationId?: number) {
  const where = organizationId === undefined ? sql`true` : sql`organization_id = ${organizationId}`;
  const rows = differences(
    (await sql<Record<string, unknown>>`select * from dashboard_interviews where ${where}`.execute(db)).rows,
    (await sql<Record<string, unknown>>`${interviewRecount(organizationId)}`.execute(db)).rows,
    (r) => String(r.interview_id),
    INTERVIEW_ROW,
  );
  const cells = differences(
    (await sql<Record<string, unknown>>`select * from dashboard_interview_cells where ${where}`.execute(db))
      .rows,
    (await sql<Record<string, unknown>>`${interviewCellRecount(rowsOf(organizationId))}`.execute(db)).rows,
    (r) =>
      JSON.stringify([Number(r.organization_id), r.level, String(r.level_key), r.day, r.win, Number(r.hour)]),
    ["n", "lat_sum"],
  );
  return [...rows, ...cells];
}

/** What rebuildSummaries wrote, by summary. */
export interface Rebuilt {
  candidates: number;
  options: number;
  applications: number;
  interviews: number;
  slices: number;
  suffixes: number;
}

/** Rebuilds every summary (of one organization, or all) from the raw rows. */
export async function rebuildSummaries(db: Db, organizationId?: number): Promise<Rebuilt> {
  return {
    candidates: await rebuildCandidateSummaries(db, organizationId),
    options: await rebuildDashboardInterviewers(db, organizationId),
    applications: await rebuildDashboardApplications(db, organizationId),
    interviews: await rebuildDashboardInterviews(db, organizationId),
    slices: await rebuildDashboardSlices(db, organizationId),
    suffixes: await rebuildDashboardSuffixes(db, organizationId),
  };
}

// ---------------------------------------------------------------------------------------------------
// Bulk writes (migration 0038): the summary triggers of applications, interviews and follow-ups do
// nothing while summaries_deferred holds a row, and the writer recounts what it wrote once, set-based.

/** Position ids per recount statement: well under both databases' bound-parameter limits. */
const POSITIONS_PER_RECOUNT = 500;

/**
 * Runs `write` inside `trx` with the summary triggers put off, then recounts the summaries of every
 * application of the positions `written` names once it has run (their rows, cells, candidates and
 * interviewer options) and the organization's candidate count, as the triggers would have left them.
 * For writes that add and rescore rows of those positions (an import): a write that deletes rows,
 * moves an application to another position, changes a position's client or moves the sweep mark must
 * not use it (every summary trigger is off meanwhile, and the recount reaches only the positions
 * written). When `write` throws, the caller's transaction must roll back, as it would anyway.
 */
export async function deferringSummaries<T>(
  trx: Transaction<Database>,
  organizationId: number,
  write: () => Promise<T>,
  written: () => Iterable<number>,
): Promise<T> {
  return withSummariesOff(trx, organizationId, async () => {
    const result = await write();
    await recountPositions(trx, organizationId, [...new Set(written())]);
    await recountCandidateCount(trx, organizationId);
    return result;
  });
}

/**
 * Runs `write` inside `trx` with every summary trigger off (migration 0038), and recounts nothing: for
 * a caller that rebuilds the summaries itself afterwards (rebuildSummaries), or writes no row they
 * summarize.
 */
export async function withSummariesOff<T>(
  trx: Transaction<Database>,
  organizationId: number,
  write: () => Promise<T>,
): Promise<T> {
  await trx.insertInto("summaries_deferred").values({ organization_id: organizationId }).execute();
  try {
    return await write();
  } finally {
    await trx.deleteFrom("summaries_deferred").where("organization_id", "=", organizationId).execute();
  }
}

/**
 * Recounts the summaries of every application of these positions, and what depends on them, with the
 * summary triggers off (deferringSummaries): the rows are replaced and their cells moved in a few
 * statements per table rather than a row at a time.
 */
export async function recountPositions(db: Db, organizationId: number, positionIds: readonly number[]) {
  for (let i = 0; i < positionIds.length; i += POSITIONS_PER_RECOUNT) {
    const ids = sql.join(positionIds.slice(i, i + POSITIONS_PER_RECOUNT));
    const ofPositions = sql`a.organization_id = ${organizationId} and a.position_id in (${ids})`;
    const applications = sql`select a.id from applications a where ${ofPositions}`;
    await recountCandidates(db, sql`id in (select a.candidate_id from applications a where ${ofPositions})`);
    // The interviewer and round options their interviews count in, over the whole organization.
    const options = sql`(interviewer_name, round) in (
      select distinct i.interviewer_name, i.round from interviews i where i.application_id in (${applications}))`;
    await sql`delete from dashboard_interviewers where organization_id = ${organizationId} and ${options}`.execute(
      db,
    );
    await sql`insert into dashboard_interviewers (organization_id, interviewer_name, round, interviews)
      select organization_id, interviewer_name, round, count(*) from interviews
      where organization_id = ${organizationId} and ${options}
      group by organization_id, interviewer_name, round`.execute(db);
    // Their rows, each table's cells moved by the sums of its old rows out and its new rows in.
    const ofApplications = sql`r.application_id in (${applications})`;
    await replaceRows(db, organizationId, APPLICATION_CELLS, ofApplications, async () => {
      await sql`delete from dashboard_applications where application_id in (${applications})`.execute(db);
      await insertRows(db, "dashboard_applications", DASHBOARD_COLUMNS, dashboardRows(ofPositions));
    });
    for (const slice of SLICE_NAMES) {
      const { table } = SLICES[slice];
      await replaceRows(db, organizationId, sliceCells(slice), ofApplications, async () => {
        await sql`delete from ${sql.table(table)} where application_id in (${applications})`.execute(db);
        await insertRows(db, table, sliceRow(slice), dashboardRows(ofPositions, undefined, slice));
      });
    }
    await replaceRows(db, organizationId, SUFFIX_CELLS, ofApplications, async () => {
      await sql`delete from dashboard_application_suffixes where application_id in (${applications})`.execute(
        db,
      );
      await insertRows(db, "dashboard_application_suffixes", SUFFIX_ROW, suffixRows(ofPositions));
    });
    const interviews = sql`select i.id from interviews i where i.application_id in (${applications})`;
    await replaceRows(
      db,
      organizationId,
      INTERVIEW_CELLS,
      sql`r.interview_id in (${interviews})`,
      async () => {
        await sql`delete from dashboard_interviews where interview_id in (${interviews})`.execute(db);
        const recount = interviewRows(sql`i.organization_id = ${organizationId} and ${ofPositions}`);
        await insertRows(db, "dashboard_interviews", INTERVIEW_ROW, recount);
      },
    );
  }
}

const refs = (columns: readonly string[]) => sql.join(columns.map((c) => sql.ref(c)));

/** Inserts the rows a recount selects into a summary table, by column name; returns how many. */
async function insertRows(db: Db, table: string, columns: readonly string[], recount: RawBuilder<unknown>) {
  const result = await sql`insert into ${sql.table(table)} (${refs(columns)})
    select ${refs(columns)} from (${recount}) r`.execute(db);
  return Number(result.numAffectedRows ?? 0);
}

/** A table of cells: its key, its sums (the first counts its rows), and its recount from rows `rows` selects. */
interface Cells {
  table: string;
  key: readonly string[];
  sums: readonly string[];
  recount: (rows: RawBuilder<unknown>) => RawBuilder<unknown>;
}
const APPLICATION_KEY = ["organization_id", "level", "level_key", "result", "behaviour", "best", "decile"];
const APPLICATION_CELLS: Cells = {
  table: "dashboard_application_cells",
  key: APPLICATION_KEY,
  sums: ["apps", ...CELL_SUMS],
  recount: (rows) => cellRecount(rows),
};
const sliceCells = (slice: Slice): Cells => ({
  table: "dashboard_slice_cells",
  key: APPLICATION_KEY,
  sums: ["apps", ...CELL_SUMS],
  recount: (rows) => sliceCellRecount(slice, rows),
});
const SUFFIX_CELLS: Cells = {
  table: "dashboard_suffix_cells",
  key: SUFFIX_CELL_KEY,
  sums: SUFFIX_CELL_SUMS,
  recount: (rows) => suffixCellRecount(rows),
};
const INTERVIEW_CELLS: Cells = {
  table: "dashboard_interview_cells",
  key: ["organization_id", "level", "level_key", "day", "win", "hour"],
  sums: ["n", "lat_sum"],
  recount: (rows) => interviewCellRecount(rows),
};

/**
 * Replaces summary rows (those `rows` selects, over alias r) by what `replace` writes, with the triggers
 * off: the old rows' sums come out of their cells in one statement, the new rows' go in in another,
 * and the cells left empty are deleted.
 */
async function replaceRows(
  db: Db,
  organizationId: number,
  cells: Cells,
  rows: RawBuilder<unknown>,
  replace: () => Promise<void>,
) {
  const table = sql.table(cells.table);
  const [count] = cells.sums;
  const matches = sql.join(
    cells.key.map((k) => sql`c.${sql.ref(k)} = x.${sql.ref(k)}`),
    sql` and `,
  );
  await sql`update ${table} as c
    set ${sql.join(cells.sums.map((k) => sql`${sql.ref(k)} = c.${sql.ref(k)} - x.${sql.ref(k)}`))}
    from (${cells.recount(rows)}) as x where ${matches}`.execute(db);
  await replace();
  await addToCells(db, cells, rows);
  await sql`delete from ${table} where organization_id = ${organizationId} and ${sql.ref(count)} <= 0`.execute(
    db,
  );
}

/** Adds the sums of the summary rows `rows` selects (over alias r) into their cells, one statement. */
async function addToCells(db: Db, cells: Cells, rows: RawBuilder<unknown>) {
  const table = sql.table(cells.table);
  await sql`insert into ${table} (${refs([...cells.key, ...cells.sums])})
    select * from (${cells.recount(rows)}) as x where true
    on conflict (${refs(cells.key)}) do update
    set ${sql.join(cells.sums.map((k) => sql`${sql.ref(k)} = ${table}.${sql.ref(k)} + excluded.${sql.ref(k)}`))}`.execute(
    db,
  );
}

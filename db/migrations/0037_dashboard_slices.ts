// Frozen in time: this migration is typed against Kysely<any> and imports no app code (only the
// frozen migrations 0025 and 0033 it extends: their column lists and recount SQL).
//
// The dashboard's round and interviewer slices (issue 19; docs/wip-dashboard-summaries.md, section 5
// item 1): the round filter and the breakdown by interviewer on the summary path. An application's
// behaviour, fastest window and decile depend on its interviews in scope ("round 2 alone makes
// 'sometimes' into 'never'"), so they are not additive over rounds or interviewers: each application
// gets one row per round (and per interviewer) it has interviews of, recounted from the raw rows over
// those interviews by 0033's recount SQL grouped by one more key (`recount` below with a slice; without
// one, the SQL of 0033 to the character: test/integration/summaries.test.ts checks).
// - dashboard_application_rounds, dashboard_application_interviewers: those rows (the
//   dashboard_applications columns and the round or interviewer_name), deleted and recounted by
//   triggers on the same writes as dashboard_applications (0033), plus a change of the interview's
//   round or interviewer.
// - dashboard_slice_cells: added up by level round (key "R"), round_client ("R:client") and
//   interviewer (the name), by triggers on the two tables (no round × recruiter level: each level costs
//   every write, and a round by recruiter is not a page people open first; it stays raw). The
//   round level keeps the fastest window and decile (a headline); the others behaviour × result only
//   (a breakdown).
// - dashboard_interviews learns the interview's round and interviewer (its triggers are recreated with
//   the new row SQL and watch both), and dashboard_interview_cells gets the levels round, round_client
//   (by day × window × hour) and interviewer (by hour only: day '' and window '', the
//   per-interviewer percentiles' histogram) from two more triggers on dashboard_interviews; the indexes
//   dashboard_interviews_round and _interviewer serve the exact percentiles' offset reads.
import { PostgresAdapter, sql, type Kysely, type RawBuilder } from "kysely";
import { PARTS } from "./0025_dashboard_summaries";
import { APPLICATION_ROW, INTERVIEW_ROW as INTERVIEW_ROW_0033 } from "./0033_exempt_summaries";

/** A slice: the interviews' column it is keyed by, and the table of its per-application rows. */
export const SLICES = {
  round: { column: "round", table: "dashboard_application_rounds" },
  interviewer: { column: "interviewer_name", table: "dashboard_application_interviewers" },
} as const;
export type Slice = keyof typeof SLICES;
/** The columns of a slice's table, in the order recount(…, slice) selects them. */
export const sliceRow = (slice: Slice) => [...APPLICATION_ROW, SLICES[slice].column];
/** The columns of dashboard_interviews, in the order interviewRows selects them. */
export const INTERVIEW_ROW = [...INTERVIEW_ROW_0033, "round", "interviewer_name"];

const TIMED = sql.raw("('best', 'ideal', 'acceptable', 'late')");
const WIN = sql.ref("i.window"); // "window" is a reserved word in PostgreSQL.

/**
 * The dashboard_applications rows of the applications `where` selects (over alias a), recounted from
 * the raw rows as of `until` (the organization's sweep mark unless given): an interview is decided
 * once answered or its last window closed by then, unless its latency is exempt. With a slice, one row
 * per application and round (or interviewer), over those interviews only.
 */
export function recount(
  where: RawBuilder<unknown>,
  until: RawBuilder<unknown> = sql.raw("o.windows_swept_until"),
  slice?: Slice,
): RawBuilder<unknown> {
  const key = slice ? sql`, ${sql.ref(`i.${SLICES[slice].column}`)}` : sql``;
  const decided = sql`(i.latency_exempt_reason is null and (i.first_follow_up_at is not null or i.closes_at <= ${until}))`;
  const d = sql`sum(case when ${decided} then 1 else 0 end)`;
  const fu = sql`sum(case when ${WIN} in ${TIMED} then 1 else 0 end)`;
  const mean = sql`avg(f.score)`;
  return sql`select a.organization_id, a.id as application_id, a.position_id, p.client_id, a.recruiter_id,
      case when a.outcome = 'pending' then 'pending' when a.outcome in ('offer', 'hired') then 'offer' else 'no_offer' end as result,
      case when ${d} = 0 then null when ${fu} = ${d} then 'always' when ${fu} = 0 then 'never' else 'sometimes' end as behaviour,
      min(case ${WIN} when 'best' then 1 when 'ideal' then 2 when 'acceptable' then 3 when 'late' then 4
        else case when ${decided} then 5 end end) as best,
      case when ${mean} is null then null when ${mean} >= 89.5 then 9 else floor((${mean} + 0.5) / 10) end as decile,
      count(*) as n, ${d} as d, ${fu} as fu, count(i.latency_minutes) as lat_n, sum(i.latency_minutes) as lat_sum,
      sum(f.score) as score_sum, count(f.score) as score_n, count(f.pts_timing) as parts_n,
      ${sql.join(PARTS.map((c) => sql`sum(${sql.ref(`f.${c}`)}) as ${sql.ref(c)}`))},
      min(substr(i.ends_at, 1, 10)) as first_day, max(substr(i.ends_at, 1, 10)) as last_day${key}
    from applications a
    inner join positions p on p.id = a.position_id
    inner join organizations o on o.id = a.organization_id
    inner join interviews i on i.application_id = a.id
    left join follow_ups f on f.id = i.first_follow_up_id
    where ${where}
    group by a.organization_id, a.id, a.position_id, p.client_id, a.recruiter_id, a.outcome${key}`;
}

/** The dashboard_interviews rows of the interviews `where` selects (over alias i), from the raw rows. */
export function interviewRows(where: RawBuilder<unknown>): RawBuilder<unknown> {
  return sql`select i.id as interview_id, i.organization_id, p.client_id, a.recruiter_id, substr(i.ends_at, 1, 10) as day,
      case when i.latency_exempt_reason is not null then 'exempt' when ${WIN} in ${TIMED} then ${WIN} else 'none' end as win,
      coalesce(ceil(i.latency_minutes / 60.0), -1) as hour, i.latency_minutes as latency, i.round, i.interviewer_name
    from interviews i
    inner join applications a on a.id = i.application_id
    inner join positions p on p.id = a.position_id
    where ${where}`;
}

/** A slice's levels of the cells, each with its key over a row (alias or new/old) of the slice. */
export function sliceLevels(slice: Slice, row: string): [level: string, key: string][] {
  if (slice === "interviewer") return [["interviewer", `${row}.interviewer_name`]];
  const round = `cast(${row}.round as text)`;
  return [
    ["round", round],
    ["round_client", `${round} || ':' || cast(${row}.client_id as text)`],
  ];
}
/**
 * The interview cells' slice levels over a dashboard_interviews row: level, key, day and window. The
 * interviewer level keeps the hour only (day and window ''): it gives the per-interviewer percentiles.
 */
export function interviewSliceLevels(row: string): [level: string, key: string, day: string, win: string][] {
  return [
    ...sliceLevels("round", row).map(([level, key]): [string, string, string, string] => [
      level,
      key,
      `${row}.day`,
      `${row}.win`,
    ]),
    ["interviewer", `${row}.interviewer_name`, "''", "''"],
  ];
}

const SUMS = ["n", "d", "fu", "lat_n", "lat_sum", "score_sum", "score_n", "parts_n", ...PARTS];
const CELL_KEY = ["organization_id", "level", "level_key", "result", "behaviour", "best", "decile"];
/** The round level keeps the fastest window and the decile; round_client and interviewer do not. */
function cellKey(row: string, level: string, key: string): string[] {
  const coarse = level !== "round";
  return [
    `${row}.organization_id`,
    `'${level}'`,
    key,
    `${row}.result`,
    `coalesce(${row}.behaviour, '')`,
    coarse ? "0" : `coalesce(${row}.best, 0)`,
    coarse ? "-1" : `coalesce(${row}.decile, -1)`,
  ];
}
function cellIn(slice: Slice, row: string): string[] {
  return sliceLevels(slice, row).map(
    ([level, key]) => `insert into dashboard_slice_cells (${CELL_KEY.join(", ")}, apps, ${SUMS.join(", ")})
      values (${cellKey(row, level, key).join(", ")}, 1, ${SUMS.map((c) => `coalesce(${row}.${c}, 0)`).join(", ")})
      on conflict (${CELL_KEY.join(", ")}) do update set apps = dashboard_slice_cells.apps + 1,
        ${SUMS.map((c) => `${c} = dashboard_slice_cells.${c} + excluded.${c}`).join(", ")}`,
  );
}
function cellOut(slice: Slice, row: string): string[] {
  return sliceLevels(slice, row).flatMap(([level, key]) => {
    const values = cellKey(row, level, key);
    const match = CELL_KEY.map((c, i) => `${c} = ${values[i]}`).join(" and ");
    return [
      `update dashboard_slice_cells set apps = apps - 1,
        ${SUMS.map((c) => `${c} = ${c} - coalesce(${row}.${c}, 0)`).join(", ")} where ${match}`,
      `delete from dashboard_slice_cells where ${match} and apps <= 0`,
    ];
  });
}

const INTERVIEW_CELL_KEY = ["organization_id", "level", "level_key", "day", "win", "hour"];
function interviewCellIn(row: string): string[] {
  return interviewSliceLevels(row).map(
    ([
      level,
      key,
      day,
      win,
    ]) => `insert into dashboard_interview_cells (${INTERVIEW_CELL_KEY.join(", ")}, n, lat_sum)
      values (${row}.organization_id, '${level}', ${key}, ${day}, ${win}, ${row}.hour, 1, coalesce(${row}.latency, 0))
      on conflict (${INTERVIEW_CELL_KEY.join(", ")}) do update set n = dashboard_interview_cells.n + 1,
        lat_sum = dashboard_interview_cells.lat_sum + excluded.lat_sum`,
  );
}
function interviewCellOut(row: string): string[] {
  return interviewSliceLevels(row).flatMap(([level, key, day, win]) => {
    const match = `organization_id = ${row}.organization_id and level = '${level}' and level_key = ${key}
      and day = ${day} and win = ${win} and hour = ${row}.hour`;
    return [
      `update dashboard_interview_cells set n = n - 1, lat_sum = lat_sum - coalesce(${row}.latency, 0) where ${match}`,
      `delete from dashboard_interview_cells where ${match} and n <= 0`,
    ];
  });
}

type Sql = (where: string) => string;
type Trigger = [
  name: string,
  table: string,
  event: "insert" | "delete" | "update",
  watched: string[],
  body: string[],
];

/** "window" is a reserved word in PostgreSQL. */
const q = (c: string) => (c === "window" ? `"window"` : c);
const tuple = (row: string, columns: string[]) => `(${columns.map((c) => `${row}.${q(c)}`).join(", ")})`;

/** The interview columns 0033's recount triggers watch. */
const RECOUNTED = [
  "application_id",
  "organization_id",
  "ends_at",
  "first_follow_up_id",
  "first_follow_up_at",
  "latency_minutes",
  "window",
  "closes_at",
  "latency_exempt_reason",
];

/**
 * The triggers that keep a slice's table: those of dashboard_applications (0033), and a change of the
 * interview's round or interviewer. A write to one interview (or its first follow-up) recounts the one
 * slice it is in (and the one it left); a write to an application, its position or the sweep mark, all
 * of the application's. Named after the table: interviews_dashboard_rounds_insert, ….
 */
function sliceTriggers(slice: Slice, rows: Sql): Trigger[] {
  const { table, column } = SLICES[slice];
  const plural = `${slice}s`;
  const refresh = (ids: string, one: boolean, guard = "true") => {
    const match = one ? `= ${ids}` : `in (${ids})`;
    return [
      `delete from ${table} where application_id ${match} and ${guard}`,
      `insert into ${table} (${sliceRow(slice).join(", ")}) ${rows(`a.id ${match} and ${guard}`)}`,
    ];
  };
  /** The slice of interview `row` (new or old). */
  const refreshSlice = (row: string, guard = "true") => [
    `delete from ${table} where application_id = ${row}.application_id and ${column} = ${row}.${column} and ${guard}`,
    `insert into ${table} (${sliceRow(slice).join(", ")}) ${rows(`a.id = ${row}.application_id and i.${column} = ${row}.${column} and ${guard}`)}`,
  ];
  /** The slice of the interview whose first follow-up is `row` (new or old): by index, as 0033 finds it. */
  const ofFollowUp = (row: string) => {
    const of = (c: string) =>
      `(select fi.${c} from interviews fi where fi.id = ${row}.interview_id and fi.first_follow_up_id = ${row}.id)`;
    return [
      `delete from ${table} where application_id in ${of("application_id")} and ${column} in ${of(column)}`,
      `insert into ${table} (${sliceRow(slice).join(", ")}) ${rows(`a.id in ${of("application_id")} and i.${column} in ${of(column)}`)}`,
    ];
  };
  return [
    [`interviews_dashboard_${plural}_insert`, "interviews", "insert", [], refreshSlice("new")],
    [`interviews_dashboard_${plural}_delete`, "interviews", "delete", [], refreshSlice("old")],
    [
      `interviews_dashboard_${plural}_update`,
      "interviews",
      "update",
      [...RECOUNTED, column],
      [
        ...refreshSlice("new"),
        ...refreshSlice(
          "old",
          `(old.application_id <> new.application_id or old.${column} <> new.${column})`,
        ),
      ],
    ],
    [`follow_ups_dashboard_${plural}_insert`, "follow_ups", "insert", [], ofFollowUp("new")],
    [`follow_ups_dashboard_${plural}_delete`, "follow_ups", "delete", [], ofFollowUp("old")],
    [`follow_ups_dashboard_${plural}_update`, "follow_ups", "update", ["score", ...PARTS], ofFollowUp("new")],
    [
      `applications_dashboard_${plural}_update`,
      "applications",
      "update",
      ["outcome", "position_id", "recruiter_id", "organization_id"],
      refresh("new.id", true),
    ],
    [
      `applications_dashboard_${plural}_delete`,
      "applications",
      "delete",
      [],
      [`delete from ${table} where application_id = old.id`],
    ],
    [
      `positions_dashboard_${plural}_update`,
      "positions",
      "update",
      ["client_id"],
      refresh("select pa.id from applications pa where pa.position_id = new.id", false),
    ],
    [
      `organizations_dashboard_${plural}_update`,
      "organizations",
      "update",
      ["windows_swept_until"],
      refresh(
        `select si.application_id from interviews si where si.organization_id = new.id
      and si.closes_at > coalesce(old.windows_swept_until, '') and si.closes_at <= new.windows_swept_until`,
        false,
      ),
    ],
    [`${table}_insert`, table, "insert", [], cellIn(slice, "new")],
    [`${table}_delete`, table, "delete", [], cellOut(slice, "old")],
  ];
}

/** The slice levels of the interview cells, kept by two triggers on dashboard_interviews. */
const INTERVIEW_CELL_TRIGGERS: Trigger[] = [
  ["dashboard_interviews_slices_insert", "dashboard_interviews", "insert", [], interviewCellIn("new")],
  ["dashboard_interviews_slices_delete", "dashboard_interviews", "delete", [], interviewCellOut("old")],
];

/** 0033's triggers that write dashboard_interviews rows, with a given row SQL and columns (and watching the slices'). */
function interviewRowTriggers(interviews: Sql, columns: string[], watchSlices: boolean): Trigger[] {
  const rewrite = `insert into dashboard_interviews (${columns.join(", ")}) ${interviews("i.id = new.id")}`;
  const refreshInterviews = (ids: string) => [
    `delete from dashboard_interviews where interview_id in (${ids})`,
    `insert into dashboard_interviews (${columns.join(", ")}) ${interviews(`i.id in (${ids})`)}`,
  ];
  return [
    ["interviews_dashboard_rows_insert", "interviews", "insert", [], [rewrite]],
    [
      "interviews_dashboard_rows_update",
      "interviews",
      "update",
      [
        "application_id",
        "organization_id",
        "ends_at",
        "latency_minutes",
        "window",
        "latency_exempt_reason",
        ...(watchSlices ? ["round", "interviewer_name"] : []),
      ],
      ["delete from dashboard_interviews where interview_id = old.id", rewrite],
    ],
    [
      "applications_dashboard_rows_update",
      "applications",
      "update",
      ["position_id", "recruiter_id"],
      refreshInterviews("select ai.id from interviews ai where ai.application_id = new.id"),
    ],
    [
      "positions_dashboard_rows_update",
      "positions",
      "update",
      ["client_id"],
      refreshInterviews(
        "select pi.id from interviews pi inner join applications pa on pa.id = pi.application_id where pa.position_id = new.id",
      ),
    ],
  ];
}

async function dropTrigger(db: Kysely<any>, pg: boolean, name: string, on: string) {
  if (pg) {
    await sql.raw(`drop trigger ${name} on ${on}`).execute(db);
    await sql.raw(`drop function ${name}()`).execute(db);
  } else {
    await sql.raw(`drop trigger ${name}`).execute(db);
  }
}

async function createTriggers(db: Kysely<any>, pg: boolean, triggers: Trigger[]) {
  for (const [name, on, event, watched, statements] of triggers) {
    const when = watched.length
      ? pg
        ? `when (${tuple("old", watched)} is distinct from ${tuple("new", watched)})`
        : `when ${tuple("old", watched)} is not ${tuple("new", watched)}`
      : "";
    const of = watched.length ? ` of ${watched.map(q).join(", ")}` : "";
    const body = statements.map((s) => `${s};`).join("\n");
    if (pg) {
      await sql
        .raw(
          `create function ${name}() returns trigger language plpgsql as $$ begin ${body} return null; end $$`,
        )
        .execute(db);
      await sql
        .raw(
          `create trigger ${name} after ${event}${of} on ${on} for each row ${when} execute function ${name}()`,
        )
        .execute(db);
    } else {
      await sql
        .raw(`create trigger ${name} after ${event}${of} on ${on} ${when} begin ${body} end`)
        .execute(db);
    }
  }
}

/**
 * Runs `body` atomically: PostgreSQL's migrator already holds a transaction; SQLite's does not, and
 * there the app's dialect would prepare a statement on its reader connection, whose schema still
 * holds a trigger dropped a statement before (as in 0033).
 */
async function atomically(db: Kysely<any>, body: (db: Kysely<any>, pg: boolean) => Promise<void>) {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  if (pg) await body(db, pg);
  else await db.transaction().execute((trx) => body(trx, pg));
}

const constant = (v: string) => v.startsWith("'") || /^-?\d+$/.test(v);

export async function up(db: Kysely<any>): Promise<void> {
  await atomically(db, async (trx, pg) => {
    const real = pg ? "double precision" : "real";
    const interviews: Sql = (where) => interviewRows(sql.raw(where)).compile(trx).sql;

    let cells = trx.schema
      .createTable("dashboard_slice_cells")
      .addColumn("organization_id", "integer", (c) => c.notNull())
      .addColumn("level", "text", (c) => c.notNull())
      .addColumn("level_key", "text", (c) => c.notNull())
      .addColumn("result", "text", (c) => c.notNull())
      .addColumn("behaviour", "text", (c) => c.notNull())
      .addColumn("best", "integer", (c) => c.notNull())
      .addColumn("decile", "integer", (c) => c.notNull())
      .addColumn("apps", "integer", (c) => c.notNull());
    for (const sum of SUMS) {
      const integral = !sum.endsWith("_sum") && !sum.startsWith("pts_");
      cells = cells.addColumn(sum, integral ? "integer" : real, (c) => c.notNull());
    }
    cells = cells.addPrimaryKeyConstraint("dashboard_slice_cells_pk", CELL_KEY as any);
    await (pg ? cells : cells.modifyEnd(sql`without rowid`)).execute();

    // Per application and round, per application and interviewer.
    for (const slice of Object.keys(SLICES) as Slice[]) {
      const { table: name, column } = SLICES[slice];
      let table = trx.schema
        .createTable(name)
        .addColumn("organization_id", "integer", (c) => c.notNull())
        .addColumn("application_id", "integer", (c) => c.notNull())
        .addColumn("position_id", "integer", (c) => c.notNull())
        .addColumn("client_id", "integer", (c) => c.notNull())
        .addColumn("recruiter_id", "integer")
        .addColumn("result", "text", (c) => c.notNull())
        .addColumn("behaviour", "text")
        .addColumn("best", "integer")
        .addColumn("decile", "integer")
        .addColumn("n", "integer", (c) => c.notNull())
        .addColumn("d", "integer", (c) => c.notNull())
        .addColumn("fu", "integer", (c) => c.notNull())
        .addColumn("lat_n", "integer", (c) => c.notNull())
        .addColumn("lat_sum", real)
        .addColumn("score_sum", real)
        .addColumn("score_n", "integer", (c) => c.notNull())
        .addColumn("parts_n", "integer", (c) => c.notNull());
      for (const part of PARTS) table = table.addColumn(part, real);
      await table
        .addColumn("first_day", "text")
        .addColumn("last_day", "text")
        .addColumn(column, slice === "round" ? "integer" : "text", (c) => c.notNull())
        .addPrimaryKeyConstraint(`${name}_pk`, ["application_id", column])
        .execute();
      const rows: Sql = (where) => recount(sql.raw(where), undefined, slice).compile(trx).sql;
      await sql.raw(`insert into ${name} (${sliceRow(slice).join(", ")}) ${rows("true")}`).execute(trx);
      for (const [level, key] of sliceLevels(slice, "r")) {
        const values = cellKey("r", level, key);
        await sql
          .raw(
            `insert into dashboard_slice_cells (${CELL_KEY.join(", ")}, apps, ${SUMS.join(", ")})
            select ${values.join(", ")}, count(*), ${SUMS.map((c) => `coalesce(sum(r.${c}), 0)`).join(", ")}
            from ${name} r group by ${values.filter((v) => !constant(v)).join(", ")}`,
          )
          .execute(trx);
      }
      await createTriggers(trx, pg, sliceTriggers(slice, rows));
    }

    // The interviews' rows learn their round and interviewer (no trigger fires on an update of
    // dashboard_interviews), then their slice-level cells.
    await sql
      .raw(`alter table dashboard_interviews add column round integer not null default 0`)
      .execute(trx);
    await sql
      .raw(`alter table dashboard_interviews add column interviewer_name text not null default ''`)
      .execute(trx);
    await sql
      .raw(
        `update dashboard_interviews set round = (select i.round from interviews i where i.id = dashboard_interviews.interview_id),
          interviewer_name = (select i.interviewer_name from interviews i where i.id = dashboard_interviews.interview_id)`,
      )
      .execute(trx);
    for (const [level, key, day, win] of interviewSliceLevels("r")) {
      await sql
        .raw(
          `insert into dashboard_interview_cells (${INTERVIEW_CELL_KEY.join(", ")}, n, lat_sum)
          select r.organization_id, '${level}', ${key}, ${day}, ${win}, r.hour, count(*), coalesce(sum(r.latency), 0)
          from dashboard_interviews r group by ${["r.organization_id", key, day, win, "r.hour"].filter((v) => !constant(v)).join(", ")}`,
        )
        .execute(trx);
    }
    await trx.schema
      .createIndex("dashboard_interviews_round")
      .on("dashboard_interviews")
      .columns(["organization_id", "round", "hour", "latency", "day", "client_id", "recruiter_id"])
      .execute();
    await trx.schema
      .createIndex("dashboard_interviews_interviewer")
      .on("dashboard_interviews")
      .columns(["organization_id", "interviewer_name", "hour", "latency"])
      .execute();

    for (const [name, on] of interviewRowTriggers(interviews, INTERVIEW_ROW, true))
      await dropTrigger(trx, pg, name, on);
    await createTriggers(trx, pg, interviewRowTriggers(interviews, INTERVIEW_ROW, true));
    await createTriggers(trx, pg, INTERVIEW_CELL_TRIGGERS);
  });
}

export async function down(db: Kysely<any>): Promise<void> {
  await atomically(db, async (trx, pg) => {
    for (const [name, on] of INTERVIEW_CELL_TRIGGERS) await dropTrigger(trx, pg, name, on);
    for (const slice of Object.keys(SLICES) as Slice[]) {
      const rows: Sql = (where) => recount(sql.raw(where), undefined, slice).compile(trx).sql;
      for (const [name, on] of sliceTriggers(slice, rows)) await dropTrigger(trx, pg, name, on);
      await trx.schema.dropTable(SLICES[slice].table).execute();
    }
    // 0033's row SQL is this one without the round and interviewer.
    const old: Sql = (where) =>
      sql`select r.interview_id, r.organization_id, r.client_id, r.recruiter_id, r.day, r.win, r.hour, r.latency
        from (${interviewRows(sql.raw(where))}) r`.compile(trx).sql;
    for (const [name, on] of interviewRowTriggers(old, INTERVIEW_ROW_0033, false))
      await dropTrigger(trx, pg, name, on);
    await createTriggers(trx, pg, interviewRowTriggers(old, INTERVIEW_ROW_0033, false));
    await trx.schema.dropIndex("dashboard_interviews_interviewer").execute();
    await trx.schema.dropIndex("dashboard_interviews_round").execute();
    await sql
      .raw(`delete from dashboard_interview_cells where level in ('round', 'round_client', 'interviewer')`)
      .execute(trx);
    await sql.raw(`alter table dashboard_interviews drop column interviewer_name`).execute(trx);
    await sql.raw(`alter table dashboard_interviews drop column round`).execute(trx);
    await trx.schema.dropTable("dashboard_slice_cells").execute();
  });
}

// Frozen in time: this migration is typed against Kysely<any> and imports no app code.
//
// Step 1 of the dashboard's summaries kept on write (issue 19; design in docs/wip-dashboard-summaries.md).
// dashboard_applications holds, for each application that has interviews, what the dashboard's
// application figures need over all its interviews: counts and sums (interviews, decided, followed up,
// latency, first follow-up scores and rubric parts), the fastest window it reached, its score decile
// and behaviour, its result, and the keys it is counted under (position, client, recruiter), as of the
// organization's sweep mark (windows_swept_until): an interview without a follow-up is decided once its
// last window closed by the mark. The dashboard corrects the interviews closed since the mark live.
//
// Kept by triggers, in the writing statement's transaction, whatever wrote it (a logged interview, a
// rescore, the sweep advancing the mark, an import, a delete, a test writing rows): each firing deletes
// the application's row and recounts it from the raw rows, so nothing can drift. The additive cells
// summed by the dashboard will be kept by triggers on this table (step 2).
import { PostgresAdapter, sql, type Kysely } from "kysely";

export const PARTS = [
  "pts_timing",
  "pts_specificity",
  "pts_own_experience",
  "pts_interest",
  "pts_next_step",
  "pts_length",
  "pts_personal_tone",
];

export const COLUMNS = [
  "organization_id",
  "application_id",
  "position_id",
  "client_id",
  "recruiter_id",
  "result",
  "behaviour",
  "best",
  "decile",
  "n",
  "d",
  "fu",
  "lat_n",
  "lat_sum",
  "score_sum",
  "score_n",
  "parts_n",
  ...PARTS,
  "first_day",
  "last_day",
];

/** The rows of the applications `where` selects (over alias a), recounted from the raw rows. */
export function recount(where: string): string {
  const decided = "(i.first_follow_up_at is not null or i.closes_at <= o.windows_swept_until)";
  const timed = "i.window in ('best', 'ideal', 'acceptable', 'late')";
  const d = `sum(case when ${decided} then 1 else 0 end)`;
  const fu = `sum(case when ${timed} then 1 else 0 end)`;
  const mean = "avg(f.score)";
  return `select a.organization_id, a.id, a.position_id, p.client_id, a.recruiter_id,
      case when a.outcome = 'pending' then 'pending' when a.outcome in ('offer', 'hired') then 'offer' else 'no_offer' end,
      case when ${d} = 0 then null when ${fu} = ${d} then 'always' when ${fu} = 0 then 'never' else 'sometimes' end,
      min(case i.window when 'best' then 1 when 'ideal' then 2 when 'acceptable' then 3 when 'late' then 4
        else case when ${decided} then 5 end end),
      case when ${mean} is null then null when ${mean} >= 89.5 then 9 else floor((${mean} + 0.5) / 10) end,
      count(*), ${d}, ${fu}, count(i.latency_minutes), sum(i.latency_minutes),
      sum(f.score), count(f.score), count(f.pts_timing), ${PARTS.map((c) => `sum(f.${c})`).join(", ")},
      min(substr(i.ends_at, 1, 10)), max(substr(i.ends_at, 1, 10))
    from applications a
    inner join positions p on p.id = a.position_id
    inner join organizations o on o.id = a.organization_id
    inner join interviews i on i.application_id = a.id
    left join follow_ups f on f.id = i.first_follow_up_id
    where ${where}
    group by a.organization_id, a.id, a.position_id, p.client_id, a.recruiter_id, a.outcome`;
}

/**
 * Deletes the rows `ids` names (SQL for one id, or a subquery of ids) and recounts those applications:
 * deleted by id rather than through applications, whose row may be gone already (a cascade).
 */
function refresh(ids: string, one: boolean, guard = "true"): string[] {
  const match = one ? `= ${ids}` : `in (${ids})`;
  return [
    `delete from dashboard_applications where application_id ${match} and ${guard}`,
    `insert into dashboard_applications (${COLUMNS.join(", ")}) ${recount(`a.id ${match} and ${guard}`)}`,
  ];
}

const INTERVIEW_COLUMNS = [
  "application_id",
  "organization_id",
  "ends_at",
  "first_follow_up_id",
  "first_follow_up_at",
  "latency_minutes",
  "window",
  "closes_at",
];
const FOLLOW_UP_COLUMNS = ["score", ...PARTS];
const APPLICATION_COLUMNS = ["outcome", "position_id", "recruiter_id", "organization_id"];

// The additive cells: applications counted once per level, keyed by what the figures group them by.
// Key columns are never null (a unique key would not match nulls): no behaviour is '', no window 0, no
// decile -1. Each row of dashboard_applications adds itself to one cell per level.
const SUMS = ["n", "d", "fu", "lat_n", "lat_sum", "score_sum", "score_n", "parts_n", ...PARTS];
const CELL_KEY = ["organization_id", "level", "level_key", "result", "behaviour", "best", "decile"];
/** Each level and its key, over a row of dashboard_applications (alias or new/old). */
function levels(row: string): [level: string, key: string][] {
  const recruiter = `coalesce(cast(${row}.recruiter_id as text), '')`;
  const client = `cast(${row}.client_id as text)`;
  return [
    ["org", "''"],
    ["client", client],
    ["position", `cast(${row}.position_id as text)`],
    ["recruiter", recruiter],
    ["client_recruiter", `${client} || ':' || ${recruiter}`],
  ];
}
/** Positions are many (3,333 at 200k): their cells keep only behaviour × result, all a breakdown reads. */
function cellKey(row: string, level: string, key: string): string[] {
  const coarse = level === "position";
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
const constant = (v: string) => v.startsWith("'") || /^-?\d+$/.test(v);
function cellIn(row: string): string[] {
  return levels(row).map(
    ([
      level,
      key,
    ]) => `insert into dashboard_application_cells (${CELL_KEY.join(", ")}, apps, ${SUMS.join(", ")})
      values (${cellKey(row, level, key).join(", ")}, 1, ${SUMS.map((c) => `coalesce(${row}.${c}, 0)`).join(", ")})
      on conflict (${CELL_KEY.join(", ")}) do update set apps = dashboard_application_cells.apps + 1,
        ${SUMS.map((c) => `${c} = dashboard_application_cells.${c} + excluded.${c}`).join(", ")}`,
  );
}
function cellOut(row: string): string[] {
  return levels(row).flatMap(([level, key]) => {
    const values = cellKey(row, level, key);
    const match = CELL_KEY.map((c, i) => `${c} = ${values[i]}`).join(" and ");
    return [
      `update dashboard_application_cells set apps = apps - 1,
        ${SUMS.map((c) => `${c} = ${c} - coalesce(${row}.${c}, 0)`).join(", ")} where ${match}`,
      `delete from dashboard_application_cells where ${match} and apps <= 0`,
    ];
  });
}

/** "window" is a reserved word in PostgreSQL. */
const q = (c: string) => (c === "window" ? `"window"` : c);
const tuple = (row: string, columns: string[]) => `(${columns.map((c) => `${row}.${q(c)}`).join(", ")})`;

// The interview half: one row per interview with what the interview figures need and the keys it is
// counted under (client, recruiter), and additive cells of them by level × day × window × hour. Counted
// as if every window had closed (closes_at is never null: every interview is decided in the end); the
// dashboard subtracts the interviews still open at its `now` live (index interviews_org_closes). So
// neither the sweep nor the clock changes them: only writes to the rows they summarize.
export const INTERVIEW_ROW = [
  "interview_id",
  "organization_id",
  "client_id",
  "recruiter_id",
  "day",
  "win",
  "hour",
  "latency",
];
/** The rows of the interviews `where` selects (over alias i), from the raw rows. */
export function interviewRows(where: string): string {
  return `select i.id, i.organization_id, p.client_id, a.recruiter_id, substr(i.ends_at, 1, 10),
      case when i.${q("window")} in ('best', 'ideal', 'acceptable', 'late') then i.${q("window")} else 'none' end,
      coalesce(ceil(i.latency_minutes / 60.0), -1), i.latency_minutes
    from interviews i
    inner join applications a on a.id = i.application_id
    inner join positions p on p.id = a.position_id
    where ${where}`;
}
const INTERVIEW_CELL_KEY = ["organization_id", "level", "level_key", "day", "win", "hour"];
function interviewLevels(row: string): [level: string, key: string][] {
  return [
    ["org", "''"],
    ["client", `cast(${row}.client_id as text)`],
    ["recruiter", `coalesce(cast(${row}.recruiter_id as text), '')`],
  ];
}
const interviewCellKey = (row: string, level: string, key: string) => [
  `${row}.organization_id`,
  `'${level}'`,
  key,
  `${row}.day`,
  `${row}.win`,
  `${row}.hour`,
];
function interviewCellIn(row: string): string[] {
  return interviewLevels(row).map(
    ([level, key]) => `insert into dashboard_interview_cells (${INTERVIEW_CELL_KEY.join(", ")}, n, lat_sum)
      values (${interviewCellKey(row, level, key).join(", ")}, 1, coalesce(${row}.latency, 0))
      on conflict (${INTERVIEW_CELL_KEY.join(", ")}) do update set n = dashboard_interview_cells.n + 1,
        lat_sum = dashboard_interview_cells.lat_sum + excluded.lat_sum`,
  );
}
function interviewCellOut(row: string): string[] {
  return interviewLevels(row).flatMap(([level, key]) => {
    const values = interviewCellKey(row, level, key);
    const match = INTERVIEW_CELL_KEY.map((c, i) => `${c} = ${values[i]}`).join(" and ");
    return [
      `update dashboard_interview_cells set n = n - 1, lat_sum = lat_sum - coalesce(${row}.latency, 0) where ${match}`,
      `delete from dashboard_interview_cells where ${match} and n <= 0`,
    ];
  });
}
/** Deletes and rewrites the rows of the interviews `ids` selects (a subquery of interview ids). */
function refreshInterviews(ids: string): string[] {
  return [
    `delete from dashboard_interviews where interview_id in (${ids})`,
    `insert into dashboard_interviews (${INTERVIEW_ROW.join(", ")}) ${interviewRows(`i.id in (${ids})`)}`,
  ];
}
const WATCHED_INTERVIEW_COLUMNS = [
  "application_id",
  "organization_id",
  "ends_at",
  "latency_minutes",
  "window",
];

export async function up(db: Kysely<any>): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  const real = pg ? "double precision" : "real";
  let table = db.schema
    .createTable("dashboard_applications")
    .addColumn("organization_id", "integer", (c) => c.notNull())
    .addColumn("application_id", "integer", (c) => c.primaryKey())
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
  await table.addColumn("first_day", "text").addColumn("last_day", "text").execute();
  await db.schema
    .createIndex("dashboard_applications_org")
    .on("dashboard_applications")
    .columns(["organization_id", "last_day"])
    .execute();
  // Interviews by the moment their last window closes: the sweep mark's advance, and the dashboard's
  // live correction of the interviews still open at its now: covering what that correction reads.
  await db.schema
    .createIndex("interviews_org_closes")
    .on("interviews")
    .columns(["organization_id", "closes_at", "first_follow_up_at", "ends_at", "window", "latency_minutes"])
    .execute();

  await sql.raw(`insert into dashboard_applications (${COLUMNS.join(", ")}) ${recount("true")}`).execute(db);

  let cells = db.schema
    .createTable("dashboard_application_cells")
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
  // SQLite: the rows stored in key order (a level's cells are read together), as PostgreSQL cannot.
  cells = cells.addPrimaryKeyConstraint("dashboard_application_cells_pk", CELL_KEY as any);
  await (pg ? cells : cells.modifyEnd(sql`without rowid`)).execute();
  for (const [level, key] of levels("r")) {
    const values = cellKey("r", level, key);
    await sql
      .raw(
        `insert into dashboard_application_cells (${CELL_KEY.join(", ")}, apps, ${SUMS.join(", ")})
        select ${values.join(", ")}, count(*), ${SUMS.map((c) => `coalesce(sum(r.${c}), 0)`).join(", ")}
        from dashboard_applications r group by ${values.filter((v) => !constant(v)).join(", ")}`,
      )
      .execute(db);
  }

  const interviewTable = db.schema
    .createTable("dashboard_interviews")
    .addColumn("interview_id", "integer", (c) => c.primaryKey())
    .addColumn("organization_id", "integer", (c) => c.notNull())
    .addColumn("client_id", "integer", (c) => c.notNull())
    .addColumn("recruiter_id", "integer")
    .addColumn("day", "text", (c) => c.notNull())
    .addColumn("win", "text", (c) => c.notNull())
    .addColumn("hour", "integer", (c) => c.notNull())
    .addColumn("latency", real);
  await interviewTable.execute();
  // The exact percentiles: the cells find the hour holding a rank; this reads that hour's latencies.
  await db.schema
    .createIndex("dashboard_interviews_latency")
    .on("dashboard_interviews")
    .columns(["organization_id", "hour", "client_id", "recruiter_id", "day", "latency"])
    .execute();
  await sql
    .raw(`insert into dashboard_interviews (${INTERVIEW_ROW.join(", ")}) ${interviewRows("true")}`)
    .execute(db);
  const interviewCells = db.schema
    .createTable("dashboard_interview_cells")
    .addColumn("organization_id", "integer", (c) => c.notNull())
    .addColumn("level", "text", (c) => c.notNull())
    .addColumn("level_key", "text", (c) => c.notNull())
    .addColumn("day", "text", (c) => c.notNull())
    .addColumn("win", "text", (c) => c.notNull())
    .addColumn("hour", "integer", (c) => c.notNull())
    .addColumn("n", "integer", (c) => c.notNull())
    .addColumn("lat_sum", real, (c) => c.notNull())
    .addPrimaryKeyConstraint("dashboard_interview_cells_pk", INTERVIEW_CELL_KEY as any);
  await (pg ? interviewCells : interviewCells.modifyEnd(sql`without rowid`)).execute();
  for (const [level, key] of interviewLevels("r")) {
    const values = interviewCellKey("r", level, key);
    await sql
      .raw(
        `insert into dashboard_interview_cells (${INTERVIEW_CELL_KEY.join(", ")}, n, lat_sum)
        select ${values.join(", ")}, count(*), coalesce(sum(r.latency), 0)
        from dashboard_interviews r group by ${values.filter((v) => !constant(v)).join(", ")}`,
      )
      .execute(db);
  }

  const ofApplication = (row: string) => refresh(`${row}.application_id`, true);
  const ofFollowUp = (row: string) =>
    refresh(
      `select fi.application_id from interviews fi where fi.id = ${row}.interview_id and fi.first_follow_up_id = ${row}.id`,
      false,
    );
  const ofSelf = (row: string) => refresh(`${row}.id`, true);
  const ofPosition = (row: string) =>
    refresh(`select pa.id from applications pa where pa.position_id = ${row}.id`, false);
  const ofSweep = refresh(
    `select si.application_id from interviews si where si.organization_id = new.id
      and si.closes_at > coalesce(old.windows_swept_until, '') and si.closes_at <= new.windows_swept_until`,
    false,
  );
  const removeSelf = `delete from dashboard_applications where application_id = old.id`;

  // [name, table, event, columns watched on update, statements]
  const triggers: [string, string, "insert" | "delete" | "update", string[], string[]][] = [
    ["interviews_dashboard_insert", "interviews", "insert", [], ofApplication("new")],
    ["interviews_dashboard_delete", "interviews", "delete", [], ofApplication("old")],
    [
      "interviews_dashboard_update",
      "interviews",
      "update",
      INTERVIEW_COLUMNS,
      [
        ...ofApplication("new"),
        ...refresh("old.application_id", true, "old.application_id <> new.application_id"),
      ],
    ],
    // A follow-up written after its interview already names it first (an import writes them so).
    ["follow_ups_dashboard_insert", "follow_ups", "insert", [], ofFollowUp("new")],
    ["follow_ups_dashboard_delete", "follow_ups", "delete", [], ofFollowUp("old")],
    ["follow_ups_dashboard_update", "follow_ups", "update", FOLLOW_UP_COLUMNS, ofFollowUp("new")],
    ["applications_dashboard_update", "applications", "update", APPLICATION_COLUMNS, ofSelf("new")],
    ["applications_dashboard_delete", "applications", "delete", [], [removeSelf]],
    ["positions_dashboard_update", "positions", "update", ["client_id"], ofPosition("new")],
    ["organizations_dashboard_update", "organizations", "update", ["windows_swept_until"], ofSweep],
    ["dashboard_applications_insert", "dashboard_applications", "insert", [], cellIn("new")],
    ["dashboard_applications_delete", "dashboard_applications", "delete", [], cellOut("old")],
    [
      "interviews_dashboard_rows_insert",
      "interviews",
      "insert",
      [],
      [`insert into dashboard_interviews (${INTERVIEW_ROW.join(", ")}) ${interviewRows("i.id = new.id")}`],
    ],
    [
      "interviews_dashboard_rows_delete",
      "interviews",
      "delete",
      [],
      ["delete from dashboard_interviews where interview_id = old.id"],
    ],
    [
      "interviews_dashboard_rows_update",
      "interviews",
      "update",
      WATCHED_INTERVIEW_COLUMNS,
      [
        "delete from dashboard_interviews where interview_id = old.id",
        `insert into dashboard_interviews (${INTERVIEW_ROW.join(", ")}) ${interviewRows("i.id = new.id")}`,
      ],
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
    ["dashboard_interviews_insert", "dashboard_interviews", "insert", [], interviewCellIn("new")],
    ["dashboard_interviews_delete", "dashboard_interviews", "delete", [], interviewCellOut("old")],
  ];
  for (const [name, on, event, watched, statements] of triggers) {
    const when = watched.length
      ? pg
        ? `when (${tuple("old", watched)} is distinct from ${tuple("new", watched)})`
        : `when ${tuple("old", watched)} is not ${tuple("new", watched)}`
      : "";
    const of = watched.length ? ` of ${watched.map(q).join(", ")}` : "";
    if (pg) {
      await sql
        .raw(
          `create function ${name}() returns trigger language plpgsql as $$
          begin ${statements.map((s) => `${s};`).join("\n")} return null; end $$`,
        )
        .execute(db);
      await sql
        .raw(
          `create trigger ${name} after ${event}${of} on ${on} for each row ${when} execute function ${name}()`,
        )
        .execute(db);
    } else {
      await sql
        .raw(
          `create trigger ${name} after ${event}${of} on ${on} ${when}
          begin ${statements.map((s) => `${s};`).join("\n")} end`,
        )
        .execute(db);
    }
  }
}

const TRIGGERS = [
  ["interviews_dashboard_insert", "interviews"],
  ["interviews_dashboard_delete", "interviews"],
  ["interviews_dashboard_update", "interviews"],
  ["follow_ups_dashboard_insert", "follow_ups"],
  ["follow_ups_dashboard_delete", "follow_ups"],
  ["follow_ups_dashboard_update", "follow_ups"],
  ["applications_dashboard_update", "applications"],
  ["applications_dashboard_delete", "applications"],
  ["positions_dashboard_update", "positions"],
  ["organizations_dashboard_update", "organizations"],
  ["dashboard_applications_insert", "dashboard_applications"],
  ["dashboard_applications_delete", "dashboard_applications"],
  ["interviews_dashboard_rows_insert", "interviews"],
  ["interviews_dashboard_rows_delete", "interviews"],
  ["interviews_dashboard_rows_update", "interviews"],
  ["applications_dashboard_rows_update", "applications"],
  ["positions_dashboard_rows_update", "positions"],
  ["dashboard_interviews_insert", "dashboard_interviews"],
  ["dashboard_interviews_delete", "dashboard_interviews"],
];

export async function down(db: Kysely<any>): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  for (const [name, on] of TRIGGERS) {
    if (pg) {
      await sql.raw(`drop trigger ${name} on ${on}`).execute(db);
      await sql.raw(`drop function ${name}()`).execute(db);
    } else {
      await sql.raw(`drop trigger ${name}`).execute(db);
    }
  }
  await db.schema.dropIndex("interviews_org_closes").execute();
  await db.schema.dropTable("dashboard_interview_cells").execute();
  await db.schema.dropTable("dashboard_interviews").execute();
  await db.schema.dropTable("dashboard_application_cells").execute();
  await db.schema.dropTable("dashboard_applications").execute();
}

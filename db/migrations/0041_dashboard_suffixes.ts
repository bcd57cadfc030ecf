// Frozen in time: this migration is typed against Kysely<any> and imports no app code (only the
// frozen migrations it extends: 0025's parts, 0033's row columns, 0038's guard).
//
// The dashboard's date range from cells (issue 19: "last 30 days" took 390–590 ms at 200,000
// candidates). An application counts in a range over its interviews in it, so its behaviour, fastest
// window and decile are not additive over days: 0036 summed the rows of the applications whose
// interviews all lie in the range (59,584 rows) and recounted those crossing its edges from the raw
// rows (11,182 applications), 430 of the 480 ms.
//
// A range that runs to today (no interview after its end, or few) cuts applications only at its
// start. So each application gets one row per day it has interviews on, counted over its interviews
// from that day on (a "suffix"), with the day before it that had interviews (prev_day). For a range
// starting on `from`, an application counts as its suffix from its first interview day on or after
// `from`: the row with prev_day < from <= from_day. Those rows, summed, are the rows with
// from_day >= from less the rows with prev_day >= from; so each row adds itself into a cell keyed by
// its from_day and subtracts itself from a cell keyed by its prev_day, and a range is the sum of the
// cells from `from` on: a few thousand cells, whatever the data.
// - dashboard_application_suffixes: the rows, deleted and recounted by triggers on the writes that
//   recount dashboard_applications (0033: interviews, follow-ups, applications, positions, the sweep
//   mark), an application's rows all at once.
// - dashboard_suffix_cells: keyed by level (org, client, recruiter), day and what the figures group by;
//   `entries` counts the rows in a cell (added and subtracted alike), so that an empty cell is deleted,
//   while `apps` and the sums are signed.
// Every trigger carries 0038's guard; bulk writers recount these as the other summaries
// (app/data/summaries.server.ts).
import { PostgresAdapter, sql, type Kysely, type RawBuilder } from "kysely";
import { PARTS } from "./0025_dashboard_summaries";
import { APPLICATION_ROW } from "./0033_exempt_summaries";
import { GUARD } from "./0038_deferred_summaries";

/** The columns of dashboard_application_suffixes, in the order suffixRows selects them. */
export const SUFFIX_ROW = [...APPLICATION_ROW, "from_day", "prev_day"];
/** The levels of the suffix cells, each with its key over a row (alias or new/old). */
export const suffixLevels = (row: string): [level: string, key: string][] => [
  ["org", "''"],
  ["client", `cast(${row}.client_id as text)`],
  ["recruiter", `coalesce(cast(${row}.recruiter_id as text), '')`],
];
// The day before the level's key: a breakdown reads every key of a level from a day on.
export const SUFFIX_CELL_KEY = [
  "organization_id",
  "level",
  "day",
  "level_key",
  "result",
  "behaviour",
  "best",
  "decile",
];
const SUMS = ["n", "d", "fu", "lat_n", "lat_sum", "score_sum", "score_n", "parts_n", ...PARTS];
/** The cells' counts and sums: `entries` first (never negative: an empty cell is deleted). */
export const SUFFIX_CELL_SUMS = ["entries", "apps", ...SUMS];

const TIMED = sql.raw("('best', 'ideal', 'acceptable', 'late')");
const WIN = sql.ref("i.window"); // "window" is a reserved word in PostgreSQL.

/**
 * The suffix rows of the applications `where` selects (a condition over alias a alone), recounted from
 * the raw rows as of `until` (the sweep mark unless given): per application and day it has interviews
 * on (up to `upTo`, a day, when given), 0033's recount over its interviews ending on that day or later.
 */
export function suffixRows(
  where: RawBuilder<unknown>,
  until: RawBuilder<unknown> = sql.raw("o.windows_swept_until"),
  upTo?: RawBuilder<unknown>,
): RawBuilder<unknown> {
  const decided = sql`(i.latency_exempt_reason is null and (i.first_follow_up_at is not null or i.closes_at <= ${until}))`;
  const d = sql`sum(case when ${decided} then 1 else 0 end)`;
  const fu = sql`sum(case when ${WIN} in ${TIMED} then 1 else 0 end)`;
  const mean = sql`avg(f.score)`;
  // ends_at is ISO text: ends_at >= 'YYYY-MM-DD' holds from that day on, < before it.
  return sql`select a.organization_id, a.id as application_id, a.position_id, p.client_id, a.recruiter_id,
      case when a.outcome = 'pending' then 'pending' when a.outcome in ('offer', 'hired') then 'offer' else 'no_offer' end as result,
      case when ${d} = 0 then null when ${fu} = ${d} then 'always' when ${fu} = 0 then 'never' else 'sometimes' end as behaviour,
      min(case ${WIN} when 'best' then 1 when 'ideal' then 2 when 'acceptable' then 3 when 'late' then 4
        else case when ${decided} then 5 end end) as best,
      case when ${mean} is null then null when ${mean} >= 89.5 then 9 else floor((${mean} + 0.5) / 10) end as decile,
      count(*) as n, ${d} as d, ${fu} as fu, count(i.latency_minutes) as lat_n, sum(i.latency_minutes) as lat_sum,
      sum(f.score) as score_sum, count(f.score) as score_n, count(f.pts_timing) as parts_n,
      ${sql.join(PARTS.map((c) => sql`sum(${sql.ref(`f.${c}`)}) as ${sql.ref(c)}`))},
      min(substr(i.ends_at, 1, 10)) as first_day, max(substr(i.ends_at, 1, 10)) as last_day, s.from_day, s.prev_day
    from (select x.application_id, x.from_day,
        (select max(substr(pi.ends_at, 1, 10)) from interviews pi
          where pi.application_id = x.application_id and pi.ends_at < x.from_day) as prev_day
      from (select distinct a.id as application_id, substr(di.ends_at, 1, 10) as from_day
        from applications a inner join interviews di on di.application_id = a.id where ${where}) x
      ${upTo ? sql`where x.from_day <= ${upTo}` : sql``}) s
    inner join applications a on a.id = s.application_id
    inner join positions p on p.id = a.position_id
    inner join organizations o on o.id = a.organization_id
    inner join interviews i on i.application_id = a.id and i.ends_at >= s.from_day
    left join follow_ups f on f.id = i.first_follow_up_id
    group by a.organization_id, a.id, a.position_id, p.client_id, a.recruiter_id, a.outcome, s.from_day, s.prev_day`;
}

/** A suffix row's cell key at a level, on its from_day or its prev_day. */
function cellKey(row: string, level: string, key: string, day: "from_day" | "prev_day"): string[] {
  return [
    `${row}.organization_id`,
    `'${level}'`,
    `${row}.${day}`,
    key,
    `${row}.result`,
    `coalesce(${row}.behaviour, '')`,
    `coalesce(${row}.best, 0)`,
    `coalesce(${row}.decile, -1)`,
  ];
}

/** Row `row` (new) into its cells: itself on its from_day, its negative on its prev_day. */
function cellIn(row: string): string[] {
  return suffixLevels(row).flatMap(([level, key]) =>
    (["from_day", "prev_day"] as const).map((day) => {
      const sign = day === "from_day" ? "" : "-";
      return `insert into dashboard_suffix_cells (${SUFFIX_CELL_KEY.join(", ")}, ${SUFFIX_CELL_SUMS.join(", ")})
        select ${cellKey(row, level, key, day).join(", ")}, 1, ${sign}1,
          ${SUMS.map((c) => `${sign}coalesce(${row}.${c}, 0)`).join(", ")}
        where ${row}.${day} is not null
        on conflict (${SUFFIX_CELL_KEY.join(", ")}) do update set entries = dashboard_suffix_cells.entries + 1,
          ${["apps", ...SUMS].map((c) => `${c} = dashboard_suffix_cells.${c} + excluded.${c}`).join(", ")}`;
    }),
  );
}

/** Row `row` (old) out of its cells, and the cells left empty deleted. */
function cellOut(row: string): string[] {
  return suffixLevels(row).flatMap(([level, key]) =>
    (["from_day", "prev_day"] as const).flatMap((day) => {
      const minus = day === "from_day" ? "-" : "+";
      const values = cellKey(row, level, key, day);
      const match = SUFFIX_CELL_KEY.map((c, i) => `${c} = ${values[i]}`).join(" and ");
      return [
        `update dashboard_suffix_cells set entries = entries - 1, apps = apps ${minus} 1,
          ${SUMS.map((c) => `${c} = ${c} ${minus} coalesce(${row}.${c}, 0)`).join(", ")} where ${match}`,
        `delete from dashboard_suffix_cells where ${match} and entries <= 0`,
      ];
    }),
  );
}

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
 * The triggers that keep the suffix rows: on the writes that recount dashboard_applications (0033),
 * each recounting every suffix row of the applications it touches; and the cells' two.
 */
function triggers(rows: (where: string, upTo?: string) => string): Trigger[] {
  const refresh = (ids: string) => [
    `delete from dashboard_application_suffixes where application_id in (${ids})`,
    `insert into dashboard_application_suffixes (${SUFFIX_ROW.join(", ")}) ${rows(`a.id in (${ids})`)}`,
  ];
  // A follow-up's score counts in the suffixes from its interview's day back: only those change (a
  // rescore rewrites every score).
  const ofFollowUp = (row: string) => {
    const of = (c: string) =>
      `(select ${c} from interviews fi where fi.id = ${row}.interview_id and fi.first_follow_up_id = ${row}.id)`;
    const day = of("substr(fi.ends_at, 1, 10)");
    return [
      `delete from dashboard_application_suffixes where application_id = ${of("fi.application_id")} and from_day <= ${day}`,
      `insert into dashboard_application_suffixes (${SUFFIX_ROW.join(", ")}) ${rows(`a.id = ${of("fi.application_id")}`, day)}`,
    ];
  };
  return [
    ["interviews_dashboard_suffixes_insert", "interviews", "insert", [], refresh("new.application_id")],
    ["interviews_dashboard_suffixes_delete", "interviews", "delete", [], refresh("old.application_id")],
    [
      "interviews_dashboard_suffixes_update",
      "interviews",
      "update",
      RECOUNTED,
      // The application it left too (refreshing one twice is harmless).
      refresh("new.application_id, old.application_id"),
    ],
    ["follow_ups_dashboard_suffixes_insert", "follow_ups", "insert", [], ofFollowUp("new")],
    ["follow_ups_dashboard_suffixes_delete", "follow_ups", "delete", [], ofFollowUp("old")],
    ["follow_ups_dashboard_suffixes_update", "follow_ups", "update", ["score", ...PARTS], ofFollowUp("new")],
    [
      "applications_dashboard_suffixes_update",
      "applications",
      "update",
      ["outcome", "position_id", "recruiter_id", "organization_id"],
      refresh("new.id"),
    ],
    [
      "applications_dashboard_suffixes_delete",
      "applications",
      "delete",
      [],
      ["delete from dashboard_application_suffixes where application_id = old.id"],
    ],
    [
      "positions_dashboard_suffixes_update",
      "positions",
      "update",
      ["client_id"],
      refresh("select pa.id from applications pa where pa.position_id = new.id"),
    ],
    [
      "organizations_dashboard_suffixes_update",
      "organizations",
      "update",
      ["windows_swept_until"],
      refresh(`select si.application_id from interviews si where si.organization_id = new.id
        and si.closes_at > coalesce(old.windows_swept_until, '') and si.closes_at <= new.windows_swept_until`),
    ],
    ["dashboard_application_suffixes_insert", "dashboard_application_suffixes", "insert", [], cellIn("new")],
    ["dashboard_application_suffixes_delete", "dashboard_application_suffixes", "delete", [], cellOut("old")],
  ];
}

async function createTriggers(db: Kysely<any>, pg: boolean, list: Trigger[]) {
  for (const [name, on, event, watched, statements] of list) {
    const changed = watched.length
      ? pg
        ? `${tuple("old", watched)} is distinct from ${tuple("new", watched)}`
        : `${tuple("old", watched)} is not ${tuple("new", watched)}`
      : "";
    const guard = pg ? GUARD.postgres : GUARD.sqlite;
    const when = changed ? `${guard} and (${changed})` : guard;
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
          `create trigger ${name} after ${event}${of} on ${on} for each row when (${when}) execute function ${name}()`,
        )
        .execute(db);
    } else {
      await sql
        .raw(`create trigger ${name} after ${event}${of} on ${on} when ${when} begin ${body} end`)
        .execute(db);
    }
  }
}

/** PostgreSQL's migrator already holds a transaction; SQLite's does not (as in 0037). */
async function atomically(db: Kysely<any>, body: (db: Kysely<any>, pg: boolean) => Promise<void>) {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  if (pg) await body(db, pg);
  else await db.transaction().execute((trx) => body(trx, pg));
}

export async function up(db: Kysely<any>): Promise<void> {
  await atomically(db, async (trx, pg) => {
    const real = pg ? "double precision" : "real";
    const integral = (c: string) => !c.endsWith("_sum") && !c.startsWith("pts_");

    let table = trx.schema
      .createTable("dashboard_application_suffixes")
      .addColumn("organization_id", "integer", (c) => c.notNull())
      .addColumn("application_id", "integer", (c) => c.notNull())
      .addColumn("position_id", "integer", (c) => c.notNull())
      .addColumn("client_id", "integer", (c) => c.notNull())
      .addColumn("recruiter_id", "integer")
      .addColumn("result", "text", (c) => c.notNull())
      .addColumn("behaviour", "text")
      .addColumn("best", "integer")
      .addColumn("decile", "integer");
    for (const sum of SUMS)
      table = table.addColumn(sum, integral(sum) ? "integer" : real, (c) =>
        ["lat_sum", "score_sum", ...PARTS].includes(sum) ? c : c.notNull(),
      );
    await table
      .addColumn("first_day", "text")
      .addColumn("last_day", "text")
      .addColumn("from_day", "text", (c) => c.notNull())
      .addColumn("prev_day", "text")
      .addPrimaryKeyConstraint("dashboard_application_suffixes_pk", ["application_id", "from_day"])
      .execute();

    let cells = trx.schema.createTable("dashboard_suffix_cells");
    for (const column of SUFFIX_CELL_KEY)
      cells = cells.addColumn(
        column,
        ["organization_id", "best", "decile"].includes(column) ? "integer" : "text",
        (c) => c.notNull(),
      );
    for (const sum of SUFFIX_CELL_SUMS)
      cells = cells.addColumn(sum, integral(sum) ? "integer" : real, (c) => c.notNull());
    cells = cells.addPrimaryKeyConstraint("dashboard_suffix_cells_pk", SUFFIX_CELL_KEY as any);
    await (pg ? cells : cells.modifyEnd(sql`without rowid`)).execute();

    const rows = (where: string, upTo?: string) =>
      suffixRows(sql.raw(where), undefined, upTo === undefined ? undefined : sql.raw(upTo)).compile(trx).sql;
    await sql
      .raw(`insert into dashboard_application_suffixes (${SUFFIX_ROW.join(", ")}) ${rows("true")}`)
      .execute(trx);
    for (const [level, key] of suffixLevels("r")) {
      const halves = (["from_day", "prev_day"] as const).map((day) => {
        const sign = day === "from_day" ? "" : "-";
        const values = cellKey("r", level, key, day);
        return `select ${values.map((v, i) => `${v} as ${SUFFIX_CELL_KEY[i]}`).join(", ")}, 1 as entries, ${sign}1 as apps,
            ${SUMS.map((c) => `${sign}coalesce(r.${c}, 0) as ${c}`).join(", ")}
          from dashboard_application_suffixes r where r.${day} is not null`;
      });
      await sql
        .raw(
          `insert into dashboard_suffix_cells (${SUFFIX_CELL_KEY.join(", ")}, ${SUFFIX_CELL_SUMS.join(", ")})
          select ${SUFFIX_CELL_KEY.join(", ")}, ${SUFFIX_CELL_SUMS.map((c) => `sum(${c})`).join(", ")}
          from (${halves.join(" union all ")}) x group by ${SUFFIX_CELL_KEY.join(", ")}`,
        )
        .execute(trx);
    }
    await createTriggers(trx, pg, triggers(rows));
  });
}

export async function down(db: Kysely<any>): Promise<void> {
  await atomically(db, async (trx, pg) => {
    const rows = (where: string, upTo?: string) =>
      suffixRows(sql.raw(where), undefined, upTo === undefined ? undefined : sql.raw(upTo)).compile(trx).sql;
    for (const [name, on] of triggers(rows)) {
      if (pg) {
        await sql.raw(`drop trigger ${name} on ${on}`).execute(trx);
        await sql.raw(`drop function ${name}()`).execute(trx);
      } else {
        await sql.raw(`drop trigger ${name}`).execute(trx);
      }
    }
    await trx.schema.dropTable("dashboard_suffix_cells").execute();
    await trx.schema.dropTable("dashboard_application_suffixes").execute();
  });
}

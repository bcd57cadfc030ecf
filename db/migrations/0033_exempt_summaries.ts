// Frozen in time: this migration is typed against Kysely<any> and imports no app code (only the
// frozen migration 0025 it amends: its column lists, and its SQL for down()).
//
// The dashboard's summaries (0025) learn interviews.latency_exempt_reason (0030): an interview whose
// latency is marked "not applicable" counts as the raw path counts it (analytics.server.ts,
// matchingInterviews): an interview, its follow-up's score, but never decided, followed up or closed.
// - dashboard_applications: such an interview adds to n and to the scores, never to d (so neither to
//   behaviour nor to the fastest window).
// - dashboard_interviews: its row's win is 'exempt': the dashboard counts it as an interview only.
// The triggers that recount are recreated with the new SQL, the update triggers also watch
// latency_exempt_reason (marking an unanswered interview changes no other column), and the rows of
// the exempt interviews and their applications are recounted here (the cell triggers follow).
//
// The recount SQL is exported: app/data/summaries.server.ts runs the same builders for its rebuild,
// its check and the dashboard's live correction, so the triggers and the app cannot disagree.
//
// Also: the awaiting indexes carry latency_exempt_reason after first_follow_up_at, so that the lists
// counting windows down (/awaiting, Today, the digest, the positions' awaiting counts) leave exempt
// interviews out by a seek, and interviews_org_closes covers the dashboard's live correction of
// open interviews, which leaves them out too.
import { PostgresAdapter, sql, type Kysely, type RawBuilder } from "kysely";
import {
  COLUMNS,
  INTERVIEW_ROW,
  interviewRows as interviewRows0025,
  PARTS,
  recount as recount0025,
} from "./0025_dashboard_summaries";

/** The columns of dashboard_applications, in the order recount selects them. */
export const APPLICATION_ROW = COLUMNS;
/** The columns of dashboard_interviews, in the order interviewRows selects them. */
export { INTERVIEW_ROW };

const TIMED = sql.raw("('best', 'ideal', 'acceptable', 'late')");
const WIN = sql.ref("i.window"); // "window" is a reserved word in PostgreSQL.

/**
 * The dashboard_applications rows of the applications `where` selects (over alias a), recounted from
 * the raw rows as of `until` (the organization's sweep mark unless given): an interview is decided
 * once answered or its last window closed by then, unless its latency is exempt.
 */
export function recount(
  where: RawBuilder<unknown>,
  until: RawBuilder<unknown> = sql.raw("o.windows_swept_until"),
): RawBuilder<unknown> {
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
      min(substr(i.ends_at, 1, 10)) as first_day, max(substr(i.ends_at, 1, 10)) as last_day
    from applications a
    inner join positions p on p.id = a.position_id
    inner join organizations o on o.id = a.organization_id
    inner join interviews i on i.application_id = a.id
    left join follow_ups f on f.id = i.first_follow_up_id
    where ${where}
    group by a.organization_id, a.id, a.position_id, p.client_id, a.recruiter_id, a.outcome`;
}

/** The dashboard_interviews rows of the interviews `where` selects (over alias i), from the raw rows. */
export function interviewRows(where: RawBuilder<unknown>): RawBuilder<unknown> {
  return sql`select i.id as interview_id, i.organization_id, p.client_id, a.recruiter_id, substr(i.ends_at, 1, 10) as day,
      case when i.latency_exempt_reason is not null then 'exempt' when ${WIN} in ${TIMED} then ${WIN} else 'none' end as win,
      coalesce(ceil(i.latency_minutes / 60.0), -1) as hour, i.latency_minutes as latency
    from interviews i
    inner join applications a on a.id = i.application_id
    inner join positions p on p.id = a.position_id
    where ${where}`;
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

/** The 0025 triggers whose bodies hold the recount SQL, with that SQL and the columns they watch. */
function recountingTriggers(rows: Sql, interviews: Sql, exemptWatched: string[]): Trigger[] {
  const refresh = (ids: string, one: boolean, guard = "true") => {
    const match = one ? `= ${ids}` : `in (${ids})`;
    return [
      `delete from dashboard_applications where application_id ${match} and ${guard}`,
      `insert into dashboard_applications (${APPLICATION_ROW.join(", ")}) ${rows(`a.id ${match} and ${guard}`)}`,
    ];
  };
  const refreshInterviews = (ids: string) => [
    `delete from dashboard_interviews where interview_id in (${ids})`,
    `insert into dashboard_interviews (${INTERVIEW_ROW.join(", ")}) ${interviews(`i.id in (${ids})`)}`,
  ];
  const ofApplication = (row: string) => refresh(`${row}.application_id`, true);
  const ofFollowUp = (row: string) =>
    refresh(
      `select fi.application_id from interviews fi where fi.id = ${row}.interview_id and fi.first_follow_up_id = ${row}.id`,
      false,
    );
  const rewriteInterview = `insert into dashboard_interviews (${INTERVIEW_ROW.join(", ")}) ${interviews("i.id = new.id")}`;
  return [
    ["interviews_dashboard_insert", "interviews", "insert", [], ofApplication("new")],
    ["interviews_dashboard_delete", "interviews", "delete", [], ofApplication("old")],
    [
      "interviews_dashboard_update",
      "interviews",
      "update",
      [
        "application_id",
        "organization_id",
        "ends_at",
        "first_follow_up_id",
        "first_follow_up_at",
        "latency_minutes",
        "window",
        "closes_at",
        ...exemptWatched,
      ],
      [
        ...ofApplication("new"),
        ...refresh("old.application_id", true, "old.application_id <> new.application_id"),
      ],
    ],
    ["follow_ups_dashboard_insert", "follow_ups", "insert", [], ofFollowUp("new")],
    ["follow_ups_dashboard_delete", "follow_ups", "delete", [], ofFollowUp("old")],
    ["follow_ups_dashboard_update", "follow_ups", "update", ["score", ...PARTS], ofFollowUp("new")],
    [
      "applications_dashboard_update",
      "applications",
      "update",
      ["outcome", "position_id", "recruiter_id", "organization_id"],
      refresh("new.id", true),
    ],
    [
      "positions_dashboard_update",
      "positions",
      "update",
      ["client_id"],
      refresh("select pa.id from applications pa where pa.position_id = new.id", false),
    ],
    [
      "organizations_dashboard_update",
      "organizations",
      "update",
      ["windows_swept_until"],
      refresh(
        `select si.application_id from interviews si where si.organization_id = new.id
      and si.closes_at > coalesce(old.windows_swept_until, '') and si.closes_at <= new.windows_swept_until`,
        false,
      ),
    ],
    ["interviews_dashboard_rows_insert", "interviews", "insert", [], [rewriteInterview]],
    [
      "interviews_dashboard_rows_update",
      "interviews",
      "update",
      ["application_id", "organization_id", "ends_at", "latency_minutes", "window", ...exemptWatched],
      ["delete from dashboard_interviews where interview_id = old.id", rewriteInterview],
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

async function replaceTriggers(db: Kysely<any>, pg: boolean, triggers: Trigger[]) {
  for (const [name, on, event, watched, statements] of triggers) {
    if (pg) {
      await sql.raw(`drop trigger ${name} on ${on}`).execute(db);
      await sql.raw(`drop function ${name}()`).execute(db);
    } else {
      await sql.raw(`drop trigger ${name}`).execute(db);
    }
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

/** Recounts the rows of the exempt interviews and of their applications (the cell triggers follow). */
async function recountExempt(db: Kysely<any>, rows: Sql, interviews: Sql) {
  const applications = "select x.application_id from interviews x where x.latency_exempt_reason is not null";
  const exempt = "select x.id from interviews x where x.latency_exempt_reason is not null";
  await sql.raw(`delete from dashboard_applications where application_id in (${applications})`).execute(db);
  await sql
    .raw(
      `insert into dashboard_applications (${APPLICATION_ROW.join(", ")}) ${rows(`a.id in (${applications})`)}`,
    )
    .execute(db);
  await sql.raw(`delete from dashboard_interviews where interview_id in (${exempt})`).execute(db);
  await sql
    .raw(
      `insert into dashboard_interviews (${INTERVIEW_ROW.join(", ")}) ${interviews(`i.id in (${exempt})`)}`,
    )
    .execute(db);
}

const AWAITING_INDEXES: [name: string, first: string][] = [
  ["interviews_org_awaiting", "organization_id"],
  ["interviews_application_awaiting", "application_id"],
];
const CLOSES = ["organization_id", "closes_at", "first_follow_up_at", "ends_at", "window", "latency_minutes"];

async function replaceIndexes(db: Kysely<any>, exempt: boolean) {
  for (const [name, first] of AWAITING_INDEXES) {
    await db.schema.dropIndex(name).execute();
    await db.schema
      .createIndex(name)
      .on("interviews")
      .columns([first, "first_follow_up_at", ...(exempt ? ["latency_exempt_reason"] : []), "closes_at"])
      .execute();
  }
  await db.schema.dropIndex("interviews_org_closes").execute();
  await db.schema
    .createIndex("interviews_org_closes")
    .on("interviews")
    .columns([...CLOSES, ...(exempt ? ["latency_exempt_reason"] : [])])
    .execute();
}

/**
 * Runs `body` atomically: PostgreSQL's migrator already holds a transaction; SQLite's does not, and
 * there the app's dialect would prepare a statement on its reader connection, whose schema still
 * holds a trigger dropped a statement before.
 */
async function atomically(db: Kysely<any>, body: (db: Kysely<any>, pg: boolean) => Promise<void>) {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  if (pg) await body(db, pg);
  else await db.transaction().execute((trx) => body(trx, pg));
}

export async function up(db: Kysely<any>): Promise<void> {
  await atomically(db, async (trx, pg) => {
    const rows: Sql = (where) => recount(sql.raw(where)).compile(trx).sql;
    const interviews: Sql = (where) => interviewRows(sql.raw(where)).compile(trx).sql;
    await replaceTriggers(trx, pg, recountingTriggers(rows, interviews, ["latency_exempt_reason"]));
    await recountExempt(trx, rows, interviews);
    await replaceIndexes(trx, true);
  });
}

export async function down(db: Kysely<any>): Promise<void> {
  await atomically(db, async (trx, pg) => {
    await replaceTriggers(trx, pg, recountingTriggers(recount0025, interviewRows0025, []));
    await recountExempt(trx, recount0025, interviewRows0025);
    await replaceIndexes(trx, false);
  });
}

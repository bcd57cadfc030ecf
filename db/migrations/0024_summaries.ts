// Frozen in time: this migration is typed against Kysely<any> and imports no app code.
//
// The candidates list sorts 200,000 candidates by a summary of their applications (how many, the last
// interview, the best score, the follow-up rate). Grouping every application of the organization on
// each page took 0.5–1 s, so each candidate now carries that summary in four columns, with one index
// per sort and direction, and a page is the first rows of one index.
//
// The columns are kept by triggers on applications, in the statement (and so the transaction) that
// changes an application's summary columns, whatever wrote it: a logged interview, a rescore, the
// window sweep, an import, a delete, or a test writing rows directly. Each firing recounts its
// candidate from the applications' rows (a lookup by the (candidate_id, position_id) unique index):
// no arithmetic on the old value, so nothing can drift. app/data/summaries.server.ts rebuilds them
// from scratch with the same statement (`npm run summaries -- rebuild`).
//
// The dashboard's filters offer the organization's interviewers and rounds: reading them from the
// interviews walked 459,000 index entries twice on every dashboard. dashboard_interviewers holds how many
// interviews each (organization, interviewer, round) has, kept by triggers on interviews (+1 on
// insert, -1 on delete, both on a change; a row at 0 is removed), so the options are a few rows.
//
// Nulls sort last in both directions, as the list always showed them: each nullable column's index
// leads with (column is null), which SQLite and PostgreSQL both index as an expression.
import { PostgresAdapter, sql, type Kysely } from "kysely";

const COLUMNS = [
  ["summary_applications", "integer"],
  ["summary_last_interview", "text"],
  ["summary_best_score", "double precision"],
  ["summary_follow_up_rate", "double precision"],
] as const;

/** The summary of the candidates `where` selects, recounted from their applications. */
function refresh(where: string): string {
  return `update candidates set (${COLUMNS.map(([c]) => c).join(", ")}) = (
    select nullif(count(*), 0), max(a.last_interview_end), max(a.best_score),
      cast(sum(a.followed_up_count) as double precision) / nullif(sum(a.decided_interview_count), 0)
    from applications a where a.candidate_id = candidates.id)
  where ${where}`;
}

/** What the list sorts by, and whether it may be null. */
const SORTS: [name: string, column: string, nullable: boolean][] = [
  ["name", "name", false],
  ["email", "email", true],
  ["source", "source", true],
  ["applications", "summary_applications", true],
  ["last_interview", "summary_last_interview", true],
  ["follow_up_rate", "summary_follow_up_rate", true],
  ["best_score", "summary_best_score", true],
  ["created_at", "created_at", false],
];

const WATCHED = [
  "candidate_id",
  "last_interview_end",
  "best_score",
  "followed_up_count",
  "decided_interview_count",
];

export async function up(db: Kysely<any>): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  for (const [column, type] of COLUMNS)
    await db.schema.alterTable("candidates").addColumn(column, type).execute();
  await sql.raw(refresh("true")).execute(db);

  for (const [name, column, nullable] of SORTS) {
    for (const dir of ["asc", "desc"]) {
      const keys = nullable ? `(${column} is null), ${column} ${dir}` : `${column} ${dir}`;
      await sql
        .raw(`create index candidates_list_${name}_${dir} on candidates (organization_id, ${keys}, id)`)
        .execute(db);
    }
  }

  // The list's total counts the organization's candidates: the narrowest index to count them on.
  await db.schema.createIndex("candidates_org").on("candidates").column("organization_id").execute();

  const changed = WATCHED.map((c) => `old.${c}`).join(", ");
  const changedTo = WATCHED.map((c) => `new.${c}`).join(", ");
  if (pg) {
    await sql
      .raw(
        `create function candidate_summary_refresh(cid integer) returns void language sql as $$
          ${refresh("candidates.id = cid")}
        $$`,
      )
      .execute(db);
    await sql
      .raw(
        `create function applications_candidate_summary() returns trigger language plpgsql as $$
        begin
          if tg_op <> 'DELETE' then perform candidate_summary_refresh(new.candidate_id); end if;
          if tg_op = 'DELETE' or (tg_op = 'UPDATE' and old.candidate_id <> new.candidate_id) then
            perform candidate_summary_refresh(old.candidate_id);
          end if;
          return null;
        end $$`,
      )
      .execute(db);
    await sql
      .raw(
        `create trigger applications_candidate_summary_write after insert or delete on applications
        for each row execute function applications_candidate_summary()`,
      )
      .execute(db);
    await sql
      .raw(
        `create trigger applications_candidate_summary_update after update of ${WATCHED.join(", ")} on applications
        for each row when ((${changed}) is distinct from (${changedTo}))
        execute function applications_candidate_summary()`,
      )
      .execute(db);
  } else {
    await sql
      .raw(
        `create trigger applications_candidate_summary_insert after insert on applications
        begin ${refresh("candidates.id = new.candidate_id")}; end`,
      )
      .execute(db);
    await sql
      .raw(
        `create trigger applications_candidate_summary_delete after delete on applications
        begin ${refresh("candidates.id = old.candidate_id")}; end`,
      )
      .execute(db);
    await sql
      .raw(
        `create trigger applications_candidate_summary_update after update of ${WATCHED.join(", ")} on applications
        when (${changed}) is not (${changedTo})
        begin
          ${refresh("candidates.id = new.candidate_id")};
          ${refresh("candidates.id = old.candidate_id and old.candidate_id <> new.candidate_id")};
        end`,
      )
      .execute(db);
  }
  await filterOptions(db, pg);
}

const OPTION_KEY = "organization_id, interviewer_name, round";

/** The statements that count interview `row` (new or old) in or out of dashboard_interviewers. */
function countIn(row: "new" | "old") {
  return `insert into dashboard_interviewers (${OPTION_KEY}, interviews)
    values (${row}.organization_id, ${row}.interviewer_name, ${row}.round, 1)
    on conflict (${OPTION_KEY}) do update set interviews = dashboard_interviewers.interviews + 1`;
}
function countOut(row: "new" | "old") {
  const match = `organization_id = ${row}.organization_id and interviewer_name = ${row}.interviewer_name and round = ${row}.round`;
  return `update dashboard_interviewers set interviews = interviews - 1 where ${match};
    delete from dashboard_interviewers where ${match} and interviews <= 0`;
}

async function filterOptions(db: Kysely<any>, pg: boolean) {
  await db.schema
    .createTable("dashboard_interviewers")
    .addColumn("organization_id", "integer", (c) =>
      c.notNull().references("organizations.id").onDelete("cascade"),
    )
    .addColumn("interviewer_name", "text", (c) => c.notNull())
    .addColumn("round", "integer", (c) => c.notNull())
    .addColumn("interviews", "integer", (c) => c.notNull())
    .addPrimaryKeyConstraint("dashboard_interviewers_pk", ["organization_id", "interviewer_name", "round"])
    .execute();
  await sql
    .raw(
      `insert into dashboard_interviewers (${OPTION_KEY}, interviews)
      select ${OPTION_KEY}, count(*) from interviews group by ${OPTION_KEY}`,
    )
    .execute(db);
  const changed = "(old.organization_id, old.interviewer_name, old.round)";
  const changedTo = "(new.organization_id, new.interviewer_name, new.round)";
  if (pg) {
    await sql
      .raw(
        `create function interviews_filter_options() returns trigger language plpgsql as $$
        begin
          if tg_op <> 'INSERT' then ${countOut("old")}; end if;
          if tg_op <> 'DELETE' then ${countIn("new")}; end if;
          return null;
        end $$`,
      )
      .execute(db);
    await sql
      .raw(
        `create trigger interviews_filter_options_write after insert or delete on interviews
        for each row execute function interviews_filter_options()`,
      )
      .execute(db);
    await sql
      .raw(
        `create trigger interviews_filter_options_update after update of ${OPTION_KEY} on interviews
        for each row when (${changed} is distinct from ${changedTo})
        execute function interviews_filter_options()`,
      )
      .execute(db);
  } else {
    await sql
      .raw(
        `create trigger interviews_filter_options_insert after insert on interviews begin ${countIn("new")}; end`,
      )
      .execute(db);
    await sql
      .raw(
        `create trigger interviews_filter_options_delete after delete on interviews begin ${countOut("old")}; end`,
      )
      .execute(db);
    await sql
      .raw(
        `create trigger interviews_filter_options_update after update of ${OPTION_KEY} on interviews
        when ${changed} is not ${changedTo}
        begin ${countOut("old")}; ${countIn("new")}; end`,
      )
      .execute(db);
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  if (pg) {
    await sql.raw("drop trigger interviews_filter_options_write on interviews").execute(db);
    await sql.raw("drop trigger interviews_filter_options_update on interviews").execute(db);
    await sql.raw("drop function interviews_filter_options()").execute(db);
  } else {
    for (const t of ["insert", "delete", "update"])
      await sql.raw(`drop trigger interviews_filter_options_${t}`).execute(db);
  }
  await db.schema.dropTable("dashboard_interviewers").execute();
  if (pg) {
    await sql.raw("drop trigger applications_candidate_summary_write on applications").execute(db);
    await sql.raw("drop trigger applications_candidate_summary_update on applications").execute(db);
    await sql.raw("drop function applications_candidate_summary()").execute(db);
    await sql.raw("drop function candidate_summary_refresh(integer)").execute(db);
  } else {
    for (const t of ["insert", "delete", "update"])
      await sql.raw(`drop trigger applications_candidate_summary_${t}`).execute(db);
  }
  await db.schema.dropIndex("candidates_org").execute();
  for (const [name] of SORTS)
    for (const dir of ["asc", "desc"]) await db.schema.dropIndex(`candidates_list_${name}_${dir}`).execute();
  for (const [column] of COLUMNS) await db.schema.alterTable("candidates").dropColumn(column).execute();
}

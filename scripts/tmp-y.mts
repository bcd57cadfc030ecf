import SQLite from "better-sqlite3";
import { Kysely, SqliteDialect, sql } from "kysely";
import { dashboardRecountInRange } from "../app/data/summaries.server";
const c = new SQLite("data/bench-200000-1.db", { readonly: true });
const db = new Kysely<any>({ dialect: new SqliteDialect({ database: c }) });
const from = "2026-10-27", to = "2026-11-26";
const apps = sql`a.id in (select s.application_id from dashboard_applications s where s.organization_id = 1 and s.last_day >= ${from} and s.first_day <= ${to} and not (s.first_day >= ${from} and s.last_day <= ${to}))`;
const q = dashboardRecountInRange(1, "2026-11-26T12:00:00.000Z", apps, { from: `${from}T00:00:00.000Z`, before: "2026-11-27T00:00:00.000Z" }).compile(db);
const variants: Record<string, string> = {
  as_is: q.sql,
  gb_i_app: q.sql.replace(/group by a\.organization_id, a\.id,/, "group by i.application_id, a.organization_id, a.id,"),
  count_only: q.sql.replace(/^select [\s\S]*?\n    from applications a/, "select a.id, count(*) from applications a"),

  gb_a_id: q.sql.replace(/group by a\.organization_id, a\.id, a\.position_id, p\.client_id, a\.recruiter_id, a\.outcome/, "group by a.id"),
};
for (const [k, s] of Object.entries(variants)) console.log(k, c.prepare(`explain query plan ${s}`).all((k === 'count_only' ? q.parameters.slice(4) : q.parameters) as any[]).map((r: any) => r.detail).join(" | "));
for (let n = 0; n < 4; n++) for (const [k, s] of Object.entries(variants)) { const t = performance.now(); const r = c.prepare(s).all((k === 'count_only' ? q.parameters.slice(4) : q.parameters) as any[]); if (n) console.log(k, (performance.now() - t).toFixed(1), r.length); }

// Per-statement timing of computeFiguresFromSummaries on a bench dataset. Not committed.
import SQLite from "better-sqlite3";
import { Kysely, PostgresDialect } from "kysely";
import pg from "pg";
import { ReadWriteSqliteDialect } from "../db/sqlite-dialect.server";
import { computeFiguresFromSummaries } from "../app/data/analytics.server";
import { AnalyticsFiltersSchema } from "../app/core/analytics";

const [file = "data/bench-200000-1.db", query = "", by = "client", runsArg = "5"] = process.argv.slice(2);
const open = () => { const c = new SQLite(file); c.pragma("busy_timeout = 5000"); return c; };
const reader = file.startsWith("postgres") ? null : open();
reader?.pragma("query_only = ON"); reader?.pragma("cache_size = -2048");
let timings = new Map<string, { ms: number; n: number }>();
const onPg = file.startsWith("postgres");
const pool = onPg ? new pg.Pool({ connectionString: file, max: 10 }) : null;
const db = new Kysely<any>({
  dialect: onPg ? new PostgresDialect({ pool: pool! }) : new ReadWriteSqliteDialect(open(), reader),
  log(e) {
    if (e.level !== "query") return;
    const k = e.query.sql.replace(/\s+/g, " ").slice(0, 110);
    const t = timings.get(k) ?? { ms: 0, n: 0 };
    t.ms += e.queryDurationMillis; t.n++; timings.set(k, t);
  },
});
const user = reader ? reader.prepare("select id, organization_id, role, client_id from users where role in ('admin','recruiter') order by id limit 1").get() as any
  : (await pool!.query("select id, organization_id, role, client_id from users where role in ('admin','recruiter') order by id limit 1")).rows[0];
const filters = AnalyticsFiltersSchema.parse(Object.fromEntries(new URLSearchParams(query)));
const now = "2026-11-26T12:00:00.000Z";
const runs = Number(runsArg);
const totals: number[] = [];
for (let i = 0; i < runs; i++) {
  timings = new Map();
  const t0 = performance.now();
  const r = await computeFiguresFromSummaries(db as any, { viewer: user, filters, now }, by as any);
  totals.push(performance.now() - t0);
  if (r === null) { console.log("null (raw path)"); break; }
}
console.log("totals", totals.map((t) => t.toFixed(0)).join(" "));
for (const [k, t] of [...timings].sort((a, b) => b[1].ms - a[1].ms).slice(0, 12)) console.log(t.ms.toFixed(1).padStart(8), String(t.n).padStart(5), k);
process.exit(0);

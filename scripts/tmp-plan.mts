import SQLite from "better-sqlite3";
import { Kysely, sql } from "kysely";
import { ReadWriteSqliteDialect } from "../db/sqlite-dialect.server";
import { computeFiguresFromSummaries } from "../app/data/analytics.server";
import { AnalyticsFiltersSchema } from "../app/core/analytics";
const [file, query, by, match] = process.argv.slice(2);
const c = new SQLite(file);
const seen: { sql: string; params: readonly unknown[] }[] = [];
const db = new Kysely<any>({ dialect: new ReadWriteSqliteDialect(c, new SQLite(file)), log(e) { if (e.level === "query") seen.push({ sql: e.query.sql, params: e.query.parameters }); } });
const user = c.prepare("select id, organization_id, role, client_id from users where role in ('admin','recruiter') order by id limit 1").get() as any;
const filters = AnalyticsFiltersSchema.parse(Object.fromEntries(new URLSearchParams(query)));
await computeFiguresFromSummaries(db as any, { viewer: user, filters, now: "2026-11-26T12:00:00.000Z" }, by as any);
for (const q of seen.filter((q) => q.sql.includes(match))) {
  console.log(q.sql, JSON.stringify(q.params));
  for (const r of c.prepare(`explain query plan ${q.sql}`).all(...(q.params as any[]))) console.log((r as any).id, (r as any).parent, (r as any).detail);
  const t = performance.now(); c.prepare(q.sql).all(...(q.params as any[])); console.log("ms", performance.now() - t);
}
process.exit(0);

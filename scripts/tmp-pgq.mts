import pg from "pg";
import { Kysely, PostgresDialect } from "kysely";
import { listCandidates } from "../app/data/candidates.server";
const [url, q = "an"] = process.argv.slice(2);
const pool = new pg.Pool({ connectionString: url });
const seen: { sql: string; params: readonly unknown[] }[] = [];
const db = new Kysely<any>({ dialect: new PostgresDialect({ pool }), log(e) { if (e.level === "query") seen.push({ sql: e.query.sql, params: e.query.parameters }); } });
const user = (await pool.query("select id, organization_id, role, client_id from users where role in ('recruiter') order by id limit 1")).rows[0];
for (let i = 0; i < 3; i++) { const t = performance.now(); await listCandidates(db as any, user, { page: 1, pageSize: 50, sort: "name", dir: "asc", q } as any); console.log("ms", (performance.now() - t).toFixed(1)); }
for (const s of seen.slice(-2)) {
  console.log(s.sql, JSON.stringify(s.params));
  const r = await pool.query(`explain (analyze, buffers) ${s.sql}`, s.params as any[]);
  for (const row of r.rows) console.log(row["QUERY PLAN"]);
}
await pool.end();

// No hot query reads a whole large table. The real data functions run against a generated workspace
// on a connection that records every SQL statement; each is then run through EXPLAIN QUERY PLAN (with
// its parameters bound), and a plain `SCAN <table>` of candidates, applications, interviews or
// follow_ups fails the test. `SCAN x USING [COVERING] INDEX` (an index walk, e.g. in ORDER BY order
// under a LIMIT, or a covering index read) and SEARCH are accepted. No ANALYZE is run: production
// databases have no sqlite_stat1 either, so these are the plans they get.
import SQLite from "better-sqlite3";
import { Kysely, SqliteDialect, type CompiledQuery } from "kysely";
import { beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../db/schema";
import type { HotQuery } from "../../scripts/hot-queries";
import { freshDatabase, onPostgres } from "../helpers";

const LARGE_TABLES = new Set(["candidates", "applications", "interviews", "follow_ups"]);
const NOW = new Date("2026-11-26T12:00:00.000Z");

/**
 * Full scans accepted on purpose, by query name and table, each with its reason. Empty: none needed.
 */
const ALLOWED_SCANS: { query: RegExp; table: string; why: string }[] = [];

let sqlite: SQLite.Database;
let queries: HotQuery[];
const captured: CompiledQuery[] = [];

beforeAll(async () => {
  const db = await freshDatabase();
  const { generateWorkspace } = await import("../../app/demo/generate-workspace.server");
  const summary = await generateWorkspace(db, { candidates: 2500, seed: 8, now: NOW });
  // A connection on the same file that records every statement; the data functions are given it.
  sqlite = new SQLite(process.env.DATABASE_URL as string);
  const recording = new Kysely<Database>({
    dialect: new SqliteDialect({ database: sqlite }),
    log: (event) => {
      if (event.level === "query") captured.push(event.query);
    },
  });
  const { hotQueries } = await import("../../scripts/hot-queries");
  queries = await hotQueries(recording, summary.organizationId, NOW);
}, 120_000);

/** alias → table, from kysely's `"table" as "alias"`. */
function aliases(sqlText: string): Map<string, string> {
  const map = new Map<string, string>();
  for (const m of sqlText.matchAll(/"(\w+)" as "(\w+)"/g)) map.set(m[2], m[1]);
  return map;
}

function fullScans(query: CompiledQuery): { table: string; detail: string }[] {
  const plan = sqlite.prepare(`EXPLAIN QUERY PLAN ${query.sql}`).all(...(query.parameters as unknown[])) as {
    detail: string;
  }[];
  const names = aliases(query.sql);
  const scans: { table: string; detail: string }[] = [];
  for (const { detail } of plan) {
    const m = /^SCAN (\w+)(?: AS (\w+))?$/.exec(detail.trim());
    if (!m) continue;
    const table = names.get(m[1]) ?? m[1];
    if (LARGE_TABLES.has(table)) scans.push({ table, detail });
  }
  return scans;
}

/**
 * Runs each query, reads the plan of every statement it sent, and lists what `wrong` finds in a plan
 * (its lines' details), each with the query's name and the statement.
 */
async function planProblems(list: HotQuery[], wrong: (plan: string[]) => string[]): Promise<string[]> {
  const problems: string[] = [];
  for (const q of list) {
    captured.length = 0;
    await q.run();
    for (const compiled of captured) {
      const plan = sqlite
        .prepare(`EXPLAIN QUERY PLAN ${compiled.sql}`)
        .all(...(compiled.parameters as unknown[])) as { detail: string }[];
      for (const detail of wrong(plan.map((p) => p.detail)))
        problems.push(`${q.name}: ${detail}\n  ${compiled.sql.slice(0, 300)}`);
    }
  }
  return problems;
}

// SQLite only: reads SQLite's EXPLAIN QUERY PLAN on the test file (PostgreSQL's planner is another matter).
describe.skipIf(onPostgres)("query plans of the hot queries", () => {
  it("covers pipeline sorts and filters, awaiting, candidates, the dashboard and the API's lists", () => {
    expect(queries.filter((q) => q.group === "pipeline").length).toBeGreaterThanOrEqual(20);
    expect(new Set(queries.map((q) => q.group))).toEqual(
      new Set(["pipeline", "awaiting", "candidates", "dashboard", "api"]),
    );
  });

  it("tells a full scan of a large table (through its alias) from an index search", () => {
    const query = (text: string) => ({ sql: text, parameters: ["x"] }) as unknown as CompiledQuery;
    expect(fullScans(query(`select * from "candidates" as "c" where "c"."name" = ?`))).toEqual([
      { table: "candidates", detail: "SCAN c" },
    ]);
    expect(fullScans(query(`select * from "candidates" as "c" where "c"."id" = ?`))).toEqual([]);
  });

  it("never scans a large table without an index", async () => {
    const problems: string[] = [];
    for (const q of queries) {
      captured.length = 0;
      await q.run();
      expect(captured.length, q.name).toBeGreaterThan(0);
      for (const compiled of captured) {
        for (const scan of fullScans(compiled)) {
          if (ALLOWED_SCANS.some((a) => a.query.test(q.name) && a.table === scan.table)) continue;
          problems.push(`${q.name}: ${scan.detail} (${scan.table})\n  ${compiled.sql.slice(0, 300)}`);
        }
      }
    }
    expect(problems).toEqual([]);
  });

  it("reads each candidates-list sort in its index's order, sorting nothing (issue 19)", async () => {
    const sorts = queries.filter((q) => q.name.startsWith("candidates sort="));
    expect(sorts.length).toBe(16);
    const problems = await planProblems(sorts, (plan) => plan.filter((d) => /TEMP B-TREE/.test(d)));
    expect(problems).toEqual([]);
  });

  it("finds the API's changed rows by their ids, not by walking the organization (issue 22)", async () => {
    const lists = queries.filter((q) => q.group === "api" && q.name.endsWith("updated_since"));
    expect(lists.length).toBe(5);
    // The outer table (the first line) is read by rowid from the changed ids' list.
    const problems = await planProblems(lists, ([outer]) =>
      /^SEARCH \w+ USING INTEGER PRIMARY KEY \(rowid=\?\)$/.test(outer) ? [] : [outer],
    );
    expect(problems).toEqual([]);
  });

  it("finds a pipeline's applications by its position, not by the organization's index (issue 19)", async () => {
    const lists = queries.filter((q) => q.group === "pipeline");
    const problems = await planProblems(lists, (plan) =>
      plan.filter((d) => /^SEARCH a USING (COVERING )?INDEX \w+ \(organization_id=/.test(d)),
    );
    expect(problems).toEqual([]);
  });
});

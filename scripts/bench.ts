// `npm run bench [-- --candidates 200000] [--seed 1] [--db sqlite] [--runs 20] [--import-rows 100000]
//   [--skip-rescore] [--skip-import]`
// One table of the app's workloads against a generated workspace, each with its median and 90th
// percentile over repeated runs, the same SQL run directly through better-sqlite3 as the floor, the
// ratio, and the target from the issues. The dataset (data/bench-<N>-<seed>.db) is generated once, as of
// a fixed moment, with generateWorkspace (which scores it), and reused by later runs.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import SQLite from "better-sqlite3";
import { Kysely, SqliteDialect, type CompiledQuery } from "kysely";
import type { Database } from "../db/schema";

const USAGE = "usage: npm run bench -- [--candidates 200000] [--seed 1] [--db sqlite|postgres] [--runs 20] [--import-rows 100000] [--skip-rescore] [--skip-import]";

function fail(message: string): never {
  console.error(`bench: ${message}\n${USAGE}`);
  process.exit(2);
}

let args;
try {
  args = parseArgs({
    options: {
      candidates: { type: "string", default: "200000" },
      seed: { type: "string", default: "1" },
      db: { type: "string", default: "sqlite" },
      runs: { type: "string", default: "20" },
      "import-rows": { type: "string", default: "100000" },
      "skip-rescore": { type: "boolean", default: false },
      "skip-import": { type: "boolean", default: false },
      help: { type: "boolean", short: "h" },
    },
    strict: true,
  }).values;
} catch (error) {
  fail(error instanceof Error ? error.message : String(error));
}
if (args.help) {
  console.log(USAGE);
  process.exit(0);
}
if (args.db === "postgres" || args.db === "postgresql") {
  console.log("PostgreSQL: not supported yet");
  process.exit(1);
}
if (args.db !== "sqlite") fail(`--db must be sqlite or postgres, got "${args.db}"`);
const whole = (name: string, value: string) => {
  if (!/^[1-9]\d*$/.test(value)) fail(`--${name} must be a whole number from 1, got "${value}"`);
  return Number(value);
};
const candidates = whole("candidates", args.candidates!);
const seed = whole("seed", args.seed!);
const runs = whole("runs", args.runs!);
const importRows = whole("import-rows", args["import-rows"]!);

/** Every figure is "as of" this moment, so a reused dataset reads the same whichever day it runs. */
const NOW = new Date("2026-11-26T12:00:00.000Z");
/** A workload stops repeating after this long (with at least MIN_RUNS runs), so slow ones stay bounded. */
const BUDGET_MS = 10_000;
const MIN_RUNS = 3;

const dbPath = path.resolve(`data/bench-${candidates}-${seed}.db`);
process.env.DATABASE_URL = dbPath;
const loadStart = os.loadavg();
const started = performance.now();

// ---------------------------------------------------------------------------------------------------
// The dataset

const { openDatabase } = await import("../db/connection.server");
const { migrateToLatest } = await import("../db/migrate.server");
if (!fs.existsSync(dbPath)) {
  const partial = `${dbPath}.partial`;
  for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(partial + suffix, { force: true });
  const { generateWorkspace } = await import("../db/seed.server");
  console.log(`Generating ${candidates.toLocaleString("en")} candidates (seed ${seed}) into ${path.relative(process.cwd(), dbPath)}, once…`);
  const db = openDatabase(partial);
  await migrateToLatest(db);
  let last = 0;
  const t = performance.now();
  await generateWorkspace(db, {
    candidates,
    seed,
    now: NOW,
    onProgress: (done, total, phase) => {
      if (performance.now() - last > 10_000) {
        last = performance.now();
        console.log(`  ${phase} ${done.toLocaleString("en")}/${total.toLocaleString("en")}`);
      }
    },
  });
  await db.destroy();
  fs.renameSync(partial, dbPath);
  console.log(`  done in ${((performance.now() - t) / 1000).toFixed(0)} s`);
} else {
  const db = openDatabase(dbPath);
  await migrateToLatest(db);
  await db.destroy();
}

// The app's shared connection, replaced by one that can record the SQL each data function runs.
const sqlite = new SQLite(dbPath);
sqlite.pragma("journal_mode = WAL");
sqlite.pragma("synchronous = NORMAL");
sqlite.pragma("foreign_keys = ON");
sqlite.pragma("busy_timeout = 5000");
let recording: CompiledQuery[] | null = null;
const db = new Kysely<Database>({
  dialect: new SqliteDialect({ database: sqlite }),
  log: (event) => {
    if (event.level === "query" && recording) recording.push(event.query);
  },
});
globalThis.__followthroughDb = db;

const organization = await db.selectFrom("organizations").select("id").where("is_demo", "=", 0).orderBy("id").executeTakeFirstOrThrow();
const count = async (table: "candidates" | "applications" | "interviews" | "follow_ups") =>
  Number((await db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow()).n);
const sizes = { candidates: await count("candidates"), applications: await count("applications"), interviews: await count("interviews"), followUps: await count("follow_ups") };

// ---------------------------------------------------------------------------------------------------
// Measuring

type Row = { workload: string; runs: number; median: string; p90: string; floor: string; ratio: string; target: string; met: string };
const rows: Row[] = [];

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const rank = (p / 100) * (sorted.length - 1);
  const lo = Math.floor(rank);
  const hi = Math.ceil(rank);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (rank - lo);
}

async function repeat(run: () => unknown): Promise<number[]> {
  await run(); // warm-up: caches and the JIT
  const times: number[] = [];
  const begin = performance.now();
  while (times.length < runs && (times.length < MIN_RUNS || performance.now() - begin < BUDGET_MS)) {
    const t = performance.now();
    await run();
    times.push(performance.now() - t);
  }
  return times.sort((a, b) => a - b);
}

const ms = (x: number) => (x >= 100 ? `${x.toFixed(0)} ms` : `${x.toFixed(1)} ms`);

/** A query workload: the data function, and its recorded statements run directly as the floor. */
async function queryWorkload(name: string, run: () => Promise<unknown>, targetMs: number | null) {
  recording = [];
  await run();
  const statements = recording.map((q) => ({ statement: sqlite.prepare(q.sql), parameters: q.parameters as unknown[] }));
  recording = null;
  const app = await repeat(run);
  const floor = await repeat(() => {
    for (const s of statements) s.statement.all(...s.parameters);
  });
  const median = percentile(app, 50);
  const floorMedian = percentile(floor, 50);
  rows.push({
    workload: name,
    runs: app.length,
    median: ms(median),
    p90: ms(percentile(app, 90)),
    floor: ms(floorMedian),
    ratio: `${(median / floorMedian).toFixed(2)}×`,
    target: targetMs === null ? "none set" : `< ${targetMs} ms median`,
    met: targetMs === null ? "" : median < targetMs ? "yes" : "NO",
  });
  process.stdout.write(".");
}

// ---------------------------------------------------------------------------------------------------
// Scoring throughput: the scorer alone on the dataset's follow-ups, one core, notes tokenized once per
// interview as in a rescore (the logic of scripts/bench-score.ts), in batches of 1,000.

{
  const { scoreFollowUp } = await import("../app/core/rubric/score");
  const { analyzeText } = await import("../app/core/rubric/text");
  const { DEFAULT_SETTINGS } = await import("../app/core/settings");
  const cases = await db
    .selectFrom("follow_ups as f")
    .innerJoin("interviews as i", "i.id", "f.interview_id")
    .select(["f.subject", "f.body", "i.notes", "i.interviewer_name", "f.received_at", "i.ends_at"])
    .orderBy("f.id")
    .limit(20_000)
    .execute();
  const prepared = cases.map((c) => ({
    subject: c.subject,
    body: c.body,
    notes: c.notes,
    noteKeys: analyzeText(c.notes).keys,
    interviewerName: c.interviewer_name,
    latencyMinutes: (Date.parse(c.received_at) - Date.parse(c.ends_at)) / 60_000,
    window: null,
  }));
  const BATCH = 1_000;
  for (const c of prepared.slice(0, BATCH)) scoreFollowUp(c, DEFAULT_SETTINGS); // warm-up
  const rates: number[] = [];
  for (let b = 0; b + BATCH <= prepared.length; b += BATCH) {
    const cpu = process.cpuUsage();
    for (const c of prepared.slice(b, b + BATCH)) scoreFollowUp(c, DEFAULT_SETTINGS);
    const used = process.cpuUsage(cpu);
    rates.push(BATCH / ((used.user + used.system) / 1e6));
  }
  rates.sort((a, b) => a - b);
  const median = percentile(rates, 50);
  const fmt = (x: number) => `${Math.round(x).toLocaleString("en")}/s`;
  rows.push({
    workload: `scoring throughput (${prepared.length.toLocaleString("en")} follow-ups, per CPU second, one core)`,
    runs: rates.length,
    median: fmt(median),
    // The slower tail: 90% of batches scored at least this fast.
    p90: fmt(percentile(rates, 10)),
    floor: "—",
    ratio: "—",
    target: "≥ 10,000/s",
    met: median >= 10_000 ? "yes" : "NO",
  });
  process.stdout.write(".");
}

// ---------------------------------------------------------------------------------------------------
// The pages' queries (scripts/hot-queries.ts, the same list the query-plan test checks)

{
  const { hotQueries } = await import("./hot-queries");
  const queries = await hotQueries(db, organization.id, NOW);
  for (const q of queries) {
    const target = q.group === "pipeline" || q.group === "awaiting" ? 50 : null;
    await queryWorkload(q.name, q.run, target);
  }
}

// ---------------------------------------------------------------------------------------------------
// Rescore of the whole dataset (one run: it takes the write lock and rewrites what changed)

if (!args["skip-rescore"]) {
  const { rescoreAll } = await import("../app/data/scoring.server");
  const workers = os.availableParallelism();
  const t = performance.now();
  const result = await rescoreAll(db, undefined, { now: NOW, workers });
  const seconds = (performance.now() - t) / 1000;
  rows.push({
    workload: `rescore everything (${result.followUps.toLocaleString("en")} follow-ups, ${result.interviews.toLocaleString("en")} interviews, ${workers} workers)`,
    runs: 1,
    median: `${seconds.toFixed(1)} s`,
    p90: "—",
    floor: "—",
    ratio: "—",
    target: "< 60 s",
    met: seconds < 60 ? "yes" : "NO",
  });
  process.stdout.write(".");
}

// ---------------------------------------------------------------------------------------------------
// CSV import (the intake engineer's scripts/bench-import.ts, in its own process: a fresh database)

if (!args["skip-import"]) {
  const child = spawnSync(process.execPath, ["--import", "tsx", "scripts/bench-import.ts", "--rows", String(importRows)], { encoding: "utf8" });
  const line = child.stdout.split("\n").find((l) => l.startsWith("imported")) ?? "";
  const seconds = Number(/ in ([\d.]+) s /.exec(line)?.[1] ?? NaN);
  const peak = /peak memory (\d+) MB/.exec(line)?.[1];
  if (child.status !== 0 || Number.isNaN(seconds)) console.error(`\nbench-import failed:\n${child.stdout}\n${child.stderr}`);
  rows.push({
    workload: `CSV import of ${importRows.toLocaleString("en")} rows (scripts/bench-import.ts${peak ? `, peak ${peak} MB` : ""})`,
    runs: 1,
    median: `${seconds.toFixed(1)} s`,
    p90: "—",
    floor: "—",
    ratio: "—",
    target: importRows === 100_000 ? "< 10 s" : "< 10 s per 100,000",
    met: seconds < (10 * importRows) / 100_000 ? "yes" : "NO",
  });
  process.stdout.write(".");
}

// ---------------------------------------------------------------------------------------------------
// The table

const maxRssMb = process.resourceUsage().maxRSS / 1024;
rows.push({ workload: "peak memory of this process (maxRSS)", runs: 1, median: `${maxRssMb.toFixed(0)} MB`, p90: "—", floor: "—", ratio: "—", target: "none set", met: "" });
await db.destroy();

const cpus = os.cpus();
const loadEnd = os.loadavg();
const header = ["workload", "runs", "median", "p90", "floor (SQLite direct)", "ratio", "target", "met"];
const lines = [
  `| ${header.join(" | ")} |`,
  `|${header.map((h, i) => (i === 0 ? "---" : "---:")).join("|")}|`,
  ...rows.map((r) => `| ${[r.workload, r.runs, r.median, r.p90, r.floor, r.ratio, r.target, r.met].join(" | ")} |`),
];
console.log("\n");
console.log(
  `Dataset: ${path.relative(process.cwd(), dbPath)}: ${sizes.candidates.toLocaleString("en")} candidates, ${sizes.applications.toLocaleString("en")} applications, ` +
    `${sizes.interviews.toLocaleString("en")} interviews, ${sizes.followUps.toLocaleString("en")} follow-ups (${(fs.statSync(dbPath).size / 1e6).toFixed(0)} MB), as of ${NOW.toISOString()}`,
);
console.log(
  `Machine: ${cpus[0]?.model ?? "unknown CPU"}, ${os.availableParallelism()} cores, ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB memory, Node ${process.version}, ${os.platform()} ${os.release()}; ` +
    `load average ${loadStart.map((l) => l.toFixed(2)).join(", ")} at the start, ${loadEnd.map((l) => l.toFixed(2)).join(", ")} at the end; ${new Date().toISOString().slice(0, 10)}`,
);
console.log(`Runs: up to ${runs} per workload after one warm-up (at least ${MIN_RUNS}, then stopping after ${BUDGET_MS / 1000} s); took ${((performance.now() - started) / 1000).toFixed(0)} s in all\n`);
console.log(lines.join("\n"));

// CSV import throughput: generates a CSV of N rows (default 100,000: 50,000 candidates with two
// interviews each, 60% followed up) into the temp folder, imports it into a fresh SQLite database
// through the same code as `npm run import`, and prints the time, each phase's time, the peak memory and
// the highest memory in each fifth of the rows read and saved (level when memory stays flat).
//   MALLOC_ARENA_MAX=2 node --max-old-space-size=256 --import tsx scripts/bench-import.ts [--rows 100000] [--seed 1] [--keep]
// (the environment and flag `npm run import` runs with: docs/performance.md, "Import memory").
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { writeImportCsv } from "./bench-data";

const { values } = parseArgs({
  options: {
    rows: { type: "string", default: "100000" },
    seed: { type: "string", default: "1" },
    keep: { type: "boolean", default: false },
  },
});
const rows = Number(values.rows);
if (!Number.isInteger(rows) || rows <= 0) {
  console.error("--rows must be a positive whole number");
  process.exit(2);
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "followthrough-bench-import-"));
const file = path.join(dir, "import.csv");
const began = performance.now();
await writeImportCsv(file, rows, Number(values.seed));
const size = fs.statSync(file).size;
console.log(
  `generated ${rows.toLocaleString("en")} rows (${(size / 1024 / 1024).toFixed(1)} MB) in ${((performance.now() - began) / 1000).toFixed(1)} s: ${file}`,
);

process.env.DATABASE_URL = path.join(dir, "bench.db");
const { getDb } = await import("../db/connection.server");
const { migrateToLatest } = await import("../db/migrate.server");
const { importCsv, previewCsv } = await import("../app/intake/csv.server");
const db = getDb();
await migrateToLatest(db);
const now = new Date().toISOString();
const org = await db
  .insertInto("organizations")
  .values({ name: "Bench", created_at: now })
  .returning("id")
  .executeTakeFirstOrThrow();
const client = await db
  .insertInto("clients")
  .values({ organization_id: org.id, name: "Bench Client 0", created_at: now })
  .returning("id")
  .executeTakeFirstOrThrow();
const user = await db
  .insertInto("users")
  .values({
    organization_id: org.id,
    email: "bench@bench.test",
    name: "Bench",
    password_hash: null,
    role: "recruiter",
    client_id: null,
    created_at: now,
  })
  .returning(["id", "organization_id", "role", "client_id"])
  .executeTakeFirstOrThrow();

/** Seconds from `a` to `b` (milliseconds), one decimal. */
const s = (a: number, b: number) => `${((b - a) / 1000).toFixed(1)} s`;
let peakRss = 0;
// The main thread's share of memory when RSS peaked: what is left is SQLite's page caches (C memory
// outside V8), the worker threads' heaps and code, and the allocator's slack.
let atPeak = process.memoryUsage();
// The highest RSS since the last fifth of the rows went by, and those highs, per step: flat memory
// shows as a level run of figures rather than one that climbs with the rows.
let windowRss = 0;
const sampler = setInterval(() => {
  const usage = process.memoryUsage();
  const rss = usage.rss;
  if (rss > peakRss) atPeak = usage;
  peakRss = Math.max(peakRss, rss);
  windowRss = Math.max(windowRss, rss);
}, 100);
const fifths: Record<"writing" | "scoring", number[]> = { writing: [], scoring: [] };
const mb = (bytes: number) => Math.round(bytes / 1024 / 1024);
// When each phase was first reported, and when the last report came.
const phases: Record<string, number> = {};
let lastReport = 0;
const t0 = performance.now();
const cpu0 = process.cpuUsage();
const { summary } = await importCsv(db, user, { path: file }, (await previewCsv({ path: file })).suggested, {
  timeZone: "UTC",
  dateOrder: "mdy",
  defaultDurationMinutes: 60,
  clientId: client.id,
  onProgress: (p, done, total) => {
    lastReport = performance.now();
    phases[p] ??= lastReport;
    const steps = fifths[p];
    const of = total ?? rows;
    while (steps.length < 5 && done >= (of * (steps.length + 1)) / 5) {
      const usage = process.memoryUsage();
      const rss = usage.rss;
      if (rss > peakRss) atPeak = usage;
      peakRss = Math.max(peakRss, rss);
      steps.push(mb(Math.max(windowRss, rss)));
      windowRss = 0;
    }
  },
});
const end = performance.now();
const seconds = (end - t0) / 1000;
const cpu = process.cpuUsage(cpu0);
clearInterval(sampler);
peakRss = Math.max(peakRss, process.memoryUsage().rss);
const scored = await db
  .selectFrom("follow_ups")
  .select((eb) => eb.fn.countAll<number>().as("n"))
  .where("score", "is not", null)
  .executeTakeFirstOrThrow();
console.log(
  `imported ${summary.rows.toLocaleString("en")} rows (${summary.created.candidates.toLocaleString("en")} candidates, ${summary.created.interviews.toLocaleString("en")} interviews, ` +
    `${summary.created.followUps.toLocaleString("en")} follow-ups, ${Number(scored.n).toLocaleString("en")} scored) in ${seconds.toFixed(1)} s ` +
    `(${((cpu.user + cpu.system) / 1e6).toFixed(1)} s of CPU): first rows ${s(t0, phases.writing)}, reading and checking ${s(phases.writing, phases.scoring)}, ` +
    `scoring and writing ${s(phases.scoring, lastReport)}, commit ${s(lastReport, end)}; ` +
    `peak memory ${mb(peakRss)} MB (Node ${process.version}, ${os.availableParallelism()} cores, load ${os.loadavg()[0].toFixed(1)})`,
);
console.log(
  `at the peak (RSS ${mb(atPeak.rss)} MB), the main thread's heap: ${mb(atPeak.heapUsed)} MB used of ${mb(atPeak.heapTotal)} MB, ` +
    `${mb(atPeak.external)} MB external (${mb(atPeak.arrayBuffers)} MB array buffers); the rest is SQLite's caches, ` +
    `the worker threads and the allocator`,
);
console.log(
  `memory by fifths of the rows: read ${fifths.writing.join(", ")} MB; saved ${fifths.scoring.join(", ")} MB`,
);
await db.destroy();
if (!values.keep) fs.rmSync(dir, { recursive: true, force: true });

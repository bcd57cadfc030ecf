// `npm run load [-- --candidates 20000] [--seed 1] [--duration 20] [--connections 50] [--import-rows 20000]
//   [--keep] [--json]`
// A load test of the real server on SQLite, from a second process: 50 signed-in connections browse the
// pipeline, candidates, dashboard and awaiting pages for a bounded time (autocannon in
// scripts/load-client.ts, one instance per page kind with its share of the connections) while a CSV
// import (`npm run import`'s script, its own process, on the same database file) and a rescore (the
// settings page's action, as the organization's admin: the server's background job) run. Prints the
// requests, non-2xx answers, errors and timeouts and the p50/p95/p99 time per page kind, whether
// "database is locked" (SQLITE_BUSY) appeared anywhere (the server's and the import's output, the job's
// error), errors the server printed, and whether the import and the rescore finished. Exits 1 on any
// error, non-2xx answer, timeout, page kind left unanswered, server error, lock error, or a failed import
// or rescore. The server's output is kept in the temporary folder as server.log (with --keep).
//
// Everything happens in a temporary folder: the dataset (the seed code's workspace, the same one
// `npm run bench` uses, data/bench-<N>-<seed>.db, generated once when missing) is copied there with
// SQLite's backup API, an admin with a known password is added, and the server runs on it on a free
// loopback port the system chooses, with SMTP off, DEMO=0 and a fixed SESSION_SECRET.
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import SQLite from "better-sqlite3";
import { openDatabase } from "../db/connection.server";
import { migrateToLatest } from "../db/migrate.server";
import { copyDatasetWithAdmin } from "./bench-copy";
import { buildIfStale, signInCookie, startAppServer, type AppServer } from "./app-server";
import { commandLine, fail, whole } from "./cli";
import { writeImportCsv } from "./bench-data";
import { largestPosition } from "./hot-queries";
import type { KindResult, LoadClientConfig } from "./load-client";

const USAGE =
  "usage: npm run load -- [--candidates 20000] [--seed 1] [--duration 20] [--connections 50] [--import-rows 20000] [--keep] [--json]";
const LOCKED = /database is locked|SQLITE_BUSY/i;
/** The dataset is "as of" this moment, as in npm run bench, so the two share it. */
const NOW = new Date("2026-11-26T12:00:00.000Z");
const ADMIN = { email: "load-admin@load.test", password: "load-test-admin-pass" };
const SESSION_SECRET = "load-test-session-secret-not-for-production";
const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..");

const { values: args } = commandLine("load", USAGE, {
  candidates: { type: "string", default: "20000" },
  seed: { type: "string", default: "1" },
  duration: { type: "string", default: "20" },
  connections: { type: "string", default: "50" },
  "import-rows": { type: "string", default: "20000" },
  keep: { type: "boolean", default: false },
  json: { type: "boolean", default: false },
});
const candidates = whole("candidates", args.candidates);
const seed = whole("seed", args.seed);
const durationSeconds = whole("duration", args.duration);
const connections = whole("connections", args.connections);
const importRows = whole("import-rows", args["import-rows"]);
if (connections < 4) fail("--connections must be at least 4 (one per page kind)");

const say = (message: string) => {
  if (!args.json) console.log(message);
};
const began = performance.now();
const seconds = () => ((performance.now() - began) / 1000).toFixed(1);

// ---------------------------------------------------------------------------------------------------
// The dataset, copied into a temporary folder

const template = path.join(ROOT, `data/bench-${candidates}-${seed}.db`);
if (!fs.existsSync(template)) {
  const { generateWorkspace } = await import("../app/demo/generate-workspace.server");
  say(
    `Generating ${candidates.toLocaleString("en")} candidates (seed ${seed}) into ${path.relative(process.cwd(), template)}, once…`,
  );
  const partial = `${template}.partial`;
  for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(partial + suffix, { force: true });
  const db = openDatabase(partial);
  await migrateToLatest(db);
  await generateWorkspace(db, { candidates, seed, now: NOW });
  await db.destroy();
  fs.renameSync(partial, template);
}
const { dir, dbFile, db, organizationId } = await copyDatasetWithAdmin(template, "load", {
  ...ADMIN,
  name: "Load Test Admin",
});
const positionId = await largestPosition(db, organizationId);
const sample = await db
  .selectFrom("applications as a")
  .innerJoin("positions as p", "p.id", "a.position_id")
  .select(["p.client_id", "a.recruiter_id"])
  .where("a.organization_id", "=", organizationId)
  .where("a.recruiter_id", "is not", null)
  .limit(1)
  .executeTakeFirstOrThrow();
const client = await db
  .selectFrom("clients")
  .select("id")
  .where("organization_id", "=", organizationId)
  .orderBy("id")
  .executeTakeFirstOrThrow();
const sizes = Number(
  (
    await db
      .selectFrom("candidates")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirstOrThrow()
  ).n,
);
await db.destroy();
const csv = path.join(dir, "import.csv");
await writeImportCsv(csv, importRows, seed);
say(
  `Dataset: ${sizes.toLocaleString("en")} candidates copied into ${dbFile}; a ${importRows.toLocaleString("en")}-row CSV to import (${seconds()} s)`,
);

// ---------------------------------------------------------------------------------------------------
// The server, the load, the import and the rescore

let server: AppServer | null = null;
const children: ReturnType<typeof spawn>[] = [];
const cleanUp = async () => {
  for (const child of children)
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
  await server?.stop();
  if (!args.keep) fs.rmSync(dir, { recursive: true, force: true });
};

/** A process's peak resident memory so far (Linux: VmHWM in /proc), or null where that is not known. */
function peakMemoryMb(pid: number): number | null {
  try {
    const kb = /^VmHWM:\s+(\d+) kB/m.exec(fs.readFileSync(`/proc/${pid}/status`, "utf8"))?.[1];
    return kb ? Math.round(Number(kb) / 1024) : null;
  } catch {
    return null;
  }
}

/** The server's processes: the one started, and the web processes it forked (Linux /proc). */
function serverPids(pid: number): number[] {
  try {
    const children = fs.readFileSync(`/proc/${pid}/task/${pid}/children`, "utf8").trim();
    return [pid, ...children.split(/\s+/).filter(Boolean).map(Number)];
  } catch {
    return [pid];
  }
}

/** Runs a child process to its end, keeping its output. */
function run(command: string, argv: string[], env: NodeJS.ProcessEnv) {
  const child = spawn(command, argv, { cwd: ROOT, env, stdio: ["ignore", "pipe", "pipe"] });
  children.push(child);
  let stdout = "";
  let stderr = "";
  child.stdout!.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr!.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  const began = performance.now();
  return new Promise<{ code: number | null; stdout: string; stderr: string; seconds: number }>((resolve) =>
    child.on("exit", (code) =>
      resolve({ code, stdout, stderr, seconds: (performance.now() - began) / 1000 }),
    ),
  );
}

let exitCode = 0;
try {
  if (buildIfStale({ quiet: true })) say(`Built the app (${seconds()} s)`);
  // As many web processes as `npm start` runs (one per core), unless WEB_CONCURRENCY says otherwise.
  const processes = process.env.WEB_CONCURRENCY ?? String(os.availableParallelism());
  server = await startAppServer({
    env: { DATABASE_URL: dbFile, DEMO: "0", SESSION_SECRET, WEB_CONCURRENCY: processes },
    // At 200,000 candidates the first start migrates and sweeps the windows closed since the dataset's day.
    timeoutMs: 180_000,
  });
  const cookie = await signInCookie(server.url, ADMIN.email, ADMIN.password);
  say(`Server on ${server.url} (pid ${server.pid}), signed in as the organization's admin (${seconds()} s)`);

  const p = `/positions/${positionId}`;
  const paths: Record<string, string[]> = {
    pipeline: [
      `${p}`,
      `${p}?sort=score&dir=desc`,
      `${p}?sort=candidate`,
      `${p}?status=awaiting`,
      `${p}?band=high`,
      `${p}?sort=lastInterview&dir=desc`,
    ],
    candidates: [
      "/candidates",
      "/candidates?sort=applications&dir=desc",
      "/candidates?sort=bestScore&dir=desc",
      "/candidates?sort=lastInterview",
      "/candidates?q=an",
    ],
    dashboard: [
      "/dashboard",
      `/dashboard?client=${sample.client_id}`,
      `/dashboard?position=${positionId}`,
      "/dashboard?round=1",
      `/dashboard?recruiter=${sample.recruiter_id}`,
      "/dashboard?by=interviewer",
    ],
    awaiting: ["/awaiting", "/awaiting?page=2"],
  };
  // Shares of the connections: the pages people open most get the most.
  const shares: Record<string, number> = { pipeline: 0.3, candidates: 0.2, dashboard: 0.2, awaiting: 0.3 };
  const kinds = Object.keys(paths);
  const split = kinds.map((k) => Math.max(1, Math.floor(connections * shares[k])));
  split[0] += connections - split.reduce((a, b) => a + b, 0);
  const config: LoadClientConfig = {
    url: server.url,
    cookie,
    durationSeconds,
    timeoutSeconds: 30,
    groups: kinds.map((kind, i) => ({ kind, connections: split[i], paths: paths[kind] })),
  };
  say(
    `Load: ${connections} connections (${kinds.map((k, i) => `${k} ${split[i]}`).join(", ")}) for ${durationSeconds} s from a second process, with an import and a rescore…`,
  );
  const load = run(
    process.execPath,
    ["--import", "tsx", "scripts/load-client.ts", JSON.stringify(config)],
    process.env,
  );

  // The writes start once the load is running.
  await new Promise((resolve) => setTimeout(resolve, 2_000));
  const importRun = run(
    process.execPath,
    [
      "--import",
      "tsx",
      "scripts/import.ts",
      csv,
      "--organization",
      String(organizationId),
      "--client",
      String(client.id),
    ],
    { ...process.env, DATABASE_URL: dbFile },
  );
  const rescoreStarted = performance.now();
  const rescorePost = await fetch(`${server.url}/settings`, {
    method: "POST",
    headers: { Cookie: cookie },
    body: new URLSearchParams({ intent: "rescore" }),
    redirect: "manual",
  }).catch((error: unknown) => ({
    status: `no answer (${error instanceof Error ? String(error.cause ?? error.message) : String(error)})`,
  }));

  const loadDone = await load;
  const importDone = await importRun;
  // The rescore job runs in the server; its row says how it ended.
  const watcher = new SQLite(dbFile, { readonly: true });
  let job:
    { status: string; error: string | null; started_at: string; finished_at: string | null } | undefined;
  for (let i = 0; i < 600; i++) {
    job = watcher
      .prepare(
        "select status, error, started_at, finished_at from jobs where kind = 'rescore' order by id desc limit 1",
      )
      .get() as typeof job;
    if (job && job.status !== "running") break;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  watcher.close();
  const rescoreSeconds = job?.finished_at
    ? (Date.parse(job.finished_at) - Date.parse(job.started_at)) / 1000
    : NaN;

  if (loadDone.code !== 0) throw new Error(`the load client failed (${loadDone.code}):\n${loadDone.stderr}`);
  const results = JSON.parse(loadDone.stdout.trim().split("\n").at(-1)!) as KindResult[];
  const output = server.output();
  fs.writeFileSync(path.join(dir, "server.log"), output);
  // The largest peak of the server's processes (the primary and the web processes it forked).
  const serverPeakMb = serverPids(server.pid).reduce<number | null>((max, pid) => {
    const peak = peakMemoryMb(pid);
    return peak === null ? max : Math.max(max ?? 0, peak);
  }, null);
  const lockLines = [
    ...output.split("\n"),
    ...importDone.stdout.split("\n"),
    ...importDone.stderr.split("\n"),
    job?.error ?? "",
  ].filter((l) => LOCKED.test(l));
  // Errors the server printed (e.g. a render aborted after 5 s, a failed loader): one per "…Error:" line.
  const errorLines = output.split("\n").filter((l) => /^\S*Error\b/.test(l) && !LOCKED.test(l));
  const serverErrors = errorLines.length;
  const importOk = importDone.code === 0 && /^imported /m.test(importDone.stdout);
  const rescoreOk = rescorePost.status === 302 && job?.status === "done";
  const total = results.reduce(
    (t, r) => ({
      requests: t.requests + r.requests,
      non2xx: t.non2xx + r.non2xx,
      errors: t.errors + r.errors,
      timeouts: t.timeouts + r.timeouts,
    }),
    { requests: 0, non2xx: 0, errors: 0, timeouts: 0 },
  );
  const unanswered = results.filter((r) => r.requests === 0).map((r) => r.kind);
  const ok =
    total.non2xx === 0 &&
    total.errors === 0 &&
    total.timeouts === 0 &&
    unanswered.length === 0 &&
    serverErrors === 0 &&
    lockLines.length === 0 &&
    importOk &&
    rescoreOk;
  exitCode = ok ? 0 : 1;

  const summary = {
    candidates: sizes,
    connections,
    durationSeconds,
    ...total,
    kinds: results,
    databaseLocked: lockLines.length,
    serverErrors,
    serverPeakMb,
    unanswered,
    import: {
      ok: importOk,
      rows: importRows,
      seconds: importDone.seconds,
      line: (importDone.stdout.match(/^imported .*$/m) ?? [""])[0],
    },
    rescore: {
      ok: rescoreOk,
      status: job?.status ?? "missing",
      seconds: rescoreSeconds,
      startedAfter: (rescoreStarted - began) / 1000,
    },
    machine: `${os.cpus()[0]?.model ?? "unknown CPU"}, ${os.availableParallelism()} cores, Node ${process.version}, load average ${os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(", ")}`,
    tookSeconds: (performance.now() - began) / 1000,
  };
  if (args.json) {
    console.log(JSON.stringify(summary));
  } else {
    const ms = (x: number | null) => (x === null || Number.isNaN(x) ? "—" : `${Math.round(x)} ms`);
    console.log(
      `\n| page kind | connections | requests | non-2xx | errors | timeouts | p50 | p95 | p99 | max |`,
    );
    console.log(`|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|`);
    for (const r of results) {
      console.log(
        `| ${r.kind} | ${r.connections} | ${r.requests.toLocaleString("en")} | ${r.non2xx} | ${r.errors} | ${r.timeouts} | ${ms(r.p50)} | ${ms(r.p95)} | ${ms(r.p99)} | ${ms(r.max)} |`,
      );
    }
    console.log(
      `| all | ${connections} | ${total.requests.toLocaleString("en")} | ${total.non2xx} | ${total.errors} | ${total.timeouts} | | | | |`,
    );
    const nonOk = results.flatMap((r) =>
      Object.entries(r.statuses)
        .filter(([s]) => !s.startsWith("2"))
        .map(([s, n]) => `${r.kind} ${s}: ${n}`),
    );
    if (nonOk.length) console.log(`non-2xx answers: ${nonOk.join(", ")}`);
    console.log(
      `\n"database is locked" / SQLITE_BUSY: ${lockLines.length === 0 ? "none" : `${lockLines.length} line(s), e.g. ${lockLines[0].trim()}`}`,
    );
    console.log(
      `server errors: ${serverErrors === 0 ? "none" : `${serverErrors}, e.g. ${errorLines[0].trim()}`}`,
    );
    console.log(
      `the server's peak memory (its largest process): ${serverPeakMb === null ? "not known here" : `${serverPeakMb} MB`}`,
    );
    if (unanswered.length) console.log(`page kinds with no answer within the run: ${unanswered.join(", ")}`);
    console.log(
      `import of ${importRows.toLocaleString("en")} rows: ${importOk ? "finished" : `FAILED (exit ${importDone.code})`} in ${importDone.seconds.toFixed(1)} s${importOk ? `: ${summary.import.line}` : `\n${importDone.stderr.slice(-2000)}`}`,
    );
    console.log(
      `rescore (settings page, background job): ${rescoreOk ? "finished" : `FAILED (${rescorePost.status}, job ${job?.status ?? "missing"}${job?.error ? `: ${job.error}` : ""})`}${Number.isNaN(rescoreSeconds) ? "" : ` in ${rescoreSeconds.toFixed(1)} s`}`,
    );
    console.log(`${summary.machine}; took ${summary.tookSeconds.toFixed(0)} s in all`);
    console.log(ok ? "\nload test passed" : "\nload test FAILED");
  }
} catch (error) {
  const cause =
    error instanceof Error && error.cause
      ? ` (${error.cause instanceof Error ? error.cause.message : String(error.cause)})`
      : "";
  console.error(`load: ${error instanceof Error ? error.message : String(error)}${cause}`);
  if (server) console.error(server.output().slice(-3000));
  exitCode = 1;
} finally {
  await cleanUp();
}
process.exit(exitCode);

// `node --import tsx scripts/bench-pages.ts [--candidates 200000] [--seed 1] [--processes N]
//   [--connections 10] [--duration 10] [--requests 1000] [--only pipeline|dashboard|mixed] [--page PATH]...
//   [--dataset FILE] [--node-flag FLAG]... [--cpu-prof DIR] [--json]`
// Pages per second and memory of the real server (`npm start`'s server.ts, the built app) on a copy of
// the bench dataset (data/bench-<N>-<seed>.db, made by `npm run bench`), from this second process:
// 1. pages per second: autocannon with --connections connections for --duration seconds on the
//    pipeline page of the largest position (cycling through six sorts and filters), then on the
//    unfiltered dashboard; counted are the answers with status 200;
// 2. memory: --requests mixed requests (pipeline, awaiting, candidates list, dashboards, Today, the
//    position list, candidate pages and the header search, in turn) on --connections connections,
//    then the resident memory (RSS, and its peak) of each of the server's processes.
// --processes is the server's WEB_CONCURRENCY (one web process per core by default, as `npm start`).
// The runs start once the server's start-up work is done: the window sweep catches up with the
// windows that closed since the dataset's date (it rescores their positions), and its rescores end.
// --dataset FILE copies that database instead (e.g. one already swept, to start sooner).
// --only runs one of the three (e.g. to profile one page).
// --page PATH measures pages per second of that page alone, as the admin (repeat it for several, each
// measured on its own; no other run): e.g. --page /account, a page with little of its own, for what
// any page costs (docs/performance.md).
// --node-flag FLAG gives the server's node a flag (repeat it for several: --node-flag=--max-semi-space-size=64).
// --cpu-prof DIR runs the server under `node --cpu-prof` (every process writes a .cpuprofile into DIR
// when it stops): open one in Chrome's DevTools or read it with a script. `npm run bench` runs this with
// --json and prints its rows.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import autocannon from "autocannon";
import { copyDatasetWithAdmin } from "./bench-copy";
import { buildIfStale, signInCookie, startAppServer, type AppServer } from "./app-server";
import { commandLine, fail, whole } from "./cli";
import { largestPosition } from "./hot-queries";
import { sweepClosedWindows } from "../app/data/window-sweep.server";

const USAGE =
  "usage: node --import tsx scripts/bench-pages.ts [--candidates 200000] [--seed 1] [--processes N] [--connections 10] [--duration 10] [--requests 1000] [--only pipeline|dashboard|mixed] [--page PATH]... [--dataset FILE] [--node-flag FLAG]... [--cpu-prof DIR] [--json]";
const ADMIN = { email: "pages-admin@bench.test", password: "bench-pages-admin-pass" };
const SESSION_SECRET = "bench-pages-session-secret-not-for-production";
const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..");

const { values: args } = commandLine("bench-pages", USAGE, {
  candidates: { type: "string", default: "200000" },
  seed: { type: "string", default: "1" },
  processes: { type: "string" },
  connections: { type: "string", default: "10" },
  duration: { type: "string", default: "10" },
  requests: { type: "string", default: "1000" },
  only: { type: "string" },
  page: { type: "string", multiple: true },
  dataset: { type: "string" },
  "cpu-prof": { type: "string" },
  "node-flag": { type: "string", multiple: true },
  json: { type: "boolean", default: false },
});
const candidates = whole("candidates", args.candidates);
const seed = whole("seed", args.seed);
const processes = whole("processes", args.processes, { fallback: os.availableParallelism() });
const connections = whole("connections", args.connections);
const durationSeconds = whole("duration", args.duration);
const requests = whole("requests", args.requests);
const only = args.only;
if (only !== undefined && !["pipeline", "dashboard", "mixed"].includes(only))
  fail(`--only must be pipeline, dashboard or mixed, got "${only}"`);
const pages = args.page ?? [];
if (only !== undefined && pages.length > 0) fail("--only and --page do not go together");
const badPage = pages.find((p) => !p.startsWith("/"));
if (badPage !== undefined) fail(`--page takes a path starting with "/", got "${badPage}"`);
const runs = (kind: string) =>
  pages.length > 0 ? pages.includes(kind) : only === undefined || only === kind;
const say = (message: string) => {
  if (!args.json) console.log(message);
};

const template = args.dataset
  ? path.resolve(args.dataset)
  : path.join(ROOT, `data/bench-${candidates}-${seed}.db`);
if (!fs.existsSync(template))
  fail(
    `no dataset at ${path.relative(process.cwd(), template)}: npm run bench -- --candidates ${candidates} makes it`,
  );

// The dataset, copied (SQLite's backup API: consistent even while a bench run has it open).
const { dir, dbFile, db, organizationId } = await copyDatasetWithAdmin(template, "pages", {
  ...ADMIN,
  name: "Bench Pages Admin",
});
// The windows closed since the dataset's date are counted here, before the server starts, so that its
// own start-up sweep (and its rescores) has little left to do while pages are measured.
await sweepClosedWindows(db);
const positionId = await largestPosition(db, organizationId);
const sample = await db
  .selectFrom("applications as a")
  .select(["a.candidate_id", "a.recruiter_id"])
  .where("a.organization_id", "=", organizationId)
  .where("a.recruiter_id", "is not", null)
  .orderBy("a.id")
  .limit(5)
  .execute();
await db.destroy();

/** Resident memory now and at its peak (Linux /proc), in MB; null elsewhere. */
function memoryMb(pid: number): { rss: number; peak: number } | null {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
    const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, "m").exec(status)?.[1]);
    return { rss: Math.round(kb("VmRSS") / 1024), peak: Math.round(kb("VmHWM") / 1024) };
  } catch {
    return null;
  }
}

/** CPU time (user + system) a process has used so far, in ms (Linux /proc); 0 where that is not known. */
function cpuMs(pid: number): number {
  try {
    const fields = fs.readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ");
    // utime and stime are fields 14 and 15 of stat, in clock ticks (100 a second on Linux).
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
  } catch {
    return 0;
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

async function cannon(
  url: string,
  cookie: string,
  paths: string[],
  limit: { duration?: number; amount?: number },
) {
  const statuses: Record<string, number> = {};
  const times: number[] = [];
  const instance = autocannon({
    url,
    // autocannon refuses more connections than requests (the dashboard's warm-up is 2 per process).
    connections: Math.min(connections, limit.amount ?? connections),
    ...limit,
    timeout: 60,
    headers: { cookie },
    requests: paths.map((p) => ({ method: "GET", path: p })),
  });
  instance.on("response", (_client: unknown, status: number, _bytes: number, time: number) => {
    statuses[status] = (statuses[status] ?? 0) + 1;
    times.push(time);
  });
  const result = await instance;
  times.sort((a, b) => a - b);
  return {
    ok: statuses["200"] ?? 0,
    statuses,
    errors: result.errors + result.timeouts,
    p50: times[Math.floor(times.length / 2)] ?? null,
  };
}

let server: AppServer | null = null;
let exitCode = 0;
try {
  buildIfStale({ quiet: true });
  const nodeArgs = [
    ...(args["node-flag"] ?? []),
    ...(args["cpu-prof"] ? ["--cpu-prof", `--cpu-prof-dir=${path.resolve(args["cpu-prof"])}`] : []),
  ];
  server = await startAppServer({
    env: { DATABASE_URL: dbFile, DEMO: "0", SESSION_SECRET, WEB_CONCURRENCY: String(processes) },
    nodeArgs,
    timeoutMs: 120_000,
  });
  const cookie = await signInCookie(server.url, ADMIN.email, ADMIN.password);
  const p = `/positions/${positionId}`;
  const pipeline = [
    p,
    `${p}?sort=score&dir=desc`,
    `${p}?sort=candidate`,
    `${p}?status=awaiting`,
    `${p}?band=high`,
    `${p}?sort=lastInterview&dir=desc`,
  ];
  const dashboard = ["/dashboard"];
  const mixed = [
    ...pipeline.slice(0, 3),
    "/",
    "/awaiting",
    "/candidates",
    "/candidates?sort=lastInterview&dir=desc",
    `/dashboard?position=${positionId}`,
    `/dashboard?recruiter=${sample[0]?.recruiter_id ?? ""}`,
    "/dashboard",
    "/positions",
    ...sample.slice(0, 3).map((s) => `/candidates/${s.candidate_id}`),
    "/search?q=an",
    ...pipeline.slice(3),
  ];
  // The start-up sweep, and any rescore it started, end before anything is measured.
  say(`Server on ${server.url}: ${processes} web process(es); waiting for the start-up sweep…`);
  const settled = () => {
    const output = server!.output();
    const started = output.match(/job rescore \d+ /g)?.length ?? 0;
    const ended = output.match(/job rescore \d+ org \d+ (done|failed|stopped)/g)?.length ?? 0;
    return /job window-sweep (done|failed)/.test(output) && ended >= started;
  };
  while (!settled()) await new Promise((resolve) => setTimeout(resolve, 500));
  const rates = [];
  const kinds: [string, string[]][] = [
    ["pipeline", pipeline],
    ["dashboard", dashboard],
    ...pages.map((p): [string, string[]] => [p, [p]]),
  ];
  for (const [kind, paths] of kinds) {
    if (!runs(kind)) continue;
    // Warm-up: each of this run's paths twice in every web process (the primary hands connections in
    // turn), so that caches and the JIT are warm; only this kind's, so that no slow page of another
    // is still running when the measure starts.
    await cannon(server.url, cookie, paths, { amount: paths.length * processes * 2 });
    const load = os.loadavg()[0];
    const pids = serverPids(server.pid);
    const cpuBefore = pids.reduce((t, pid) => t + cpuMs(pid), 0);
    const result = await cannon(server.url, cookie, paths, { duration: durationSeconds });
    // The server's CPU time per page answered: what a page costs whatever else shares the cores.
    const cpuPerPage = (pids.reduce((t, pid) => t + cpuMs(pid), 0) - cpuBefore) / Math.max(1, result.ok);
    rates.push({ kind, pagesPerSecond: result.ok / durationSeconds, cpuPerPage, load, ...result });
    say(
      `${kind}: ${(result.ok / durationSeconds).toFixed(1)} pages/s, ${cpuPerPage.toFixed(1)} ms of server CPU a page (p50 ${result.p50 === undefined || result.p50 === null ? "—" : Math.round(result.p50)} ms; ${JSON.stringify(result.statuses)}, ${result.errors} errors; load average ${load.toFixed(2)})`,
    );
  }

  const mixedResult = runs("mixed")
    ? await cannon(server.url, cookie, mixed, { amount: requests })
    : { ok: 0, statuses: {}, errors: 0 };
  const memory = serverPids(server.pid).map((pid) => ({
    pid,
    role: pid === server!.pid ? (processes > 1 ? "primary" : "server") : "web",
    ...memoryMb(pid),
  }));
  say(
    (runs("mixed")
      ? `after ${requests} mixed requests (${JSON.stringify(mixedResult.statuses)}, ${mixedResult.errors} errors): `
      : `memory (no mixed requests with ${pages.length > 0 ? "--page" : `--only ${only}`}): `) +
      memory.map((m) => `${m.role} ${m.pid} ${m.rss ?? "?"} MB (peak ${m.peak ?? "?"} MB)`).join(", "),
  );
  const summary = {
    candidates,
    processes,
    connections,
    durationSeconds,
    requests,
    rates,
    mixed: { ok: mixedResult.ok, statuses: mixedResult.statuses, errors: mixedResult.errors },
    memory,
    load: os.loadavg(),
  };
  if (args.json) console.log(JSON.stringify(summary));
} catch (error) {
  console.error(`bench-pages: ${error instanceof Error ? error.message : String(error)}`);
  if (server) console.error(server.output().slice(-3000));
  exitCode = 1;
} finally {
  await server?.stop();
  fs.rmSync(dir, { recursive: true, force: true });
}
process.exit(exitCode);

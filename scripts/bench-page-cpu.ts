// Server CPU per pipeline page, in-process: Remix's request handler on one or more builds (no HTTP, no
// other process), the builds taken in turn in each round, `process.cpuUsage` around each request with
// its body read whole. CPU time, unlike pages per second, says something on a machine shared with
// other work; alternating builds in one process compares them under the same load.
//   node --import tsx scripts/bench-page-cpu.ts DATASET [--rounds 3] [--requests 30] [--profile FILE] BUILD_DIR...
// DATASET: a SQLite bench dataset (data/bench-20000-1.db), copied first and an admin added
// (scripts/bench-copy.ts); BUILD_DIR: a `remix build` output folder (copy build/ aside to keep an old
// one). The pages: the largest position's pipeline, sorted by score, and filtered to awaiting.
// --profile FILE writes a .cpuprofile of the measured requests only (Node's inspector), for DevTools.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Session } from "node:inspector/promises";
import { copyDatasetWithAdmin } from "./bench-copy";
import { commandLine, fail, whole } from "./cli";
import { largestPosition } from "./hot-queries";

const USAGE =
  "usage: node --import tsx scripts/bench-page-cpu.ts DATASET [--rounds 3] [--requests 30] [--profile FILE] BUILD_DIR...";
const { values: args, positionals } = commandLine(
  "bench-page-cpu",
  USAGE,
  {
    rounds: { type: "string", default: "3" },
    requests: { type: "string", default: "30" },
    profile: { type: "string" },
  },
  true,
);
const [template, ...builds] = positionals;
if (!template || builds.length === 0) fail("give a dataset and at least one build folder");
const rounds = whole("rounds", args.rounds);
const requests = whole("requests", args.requests);

process.env.NODE_ENV = "production";
process.env.SESSION_SECRET = "bench-page-cpu-session-secret-not-for-production";
const admin = { email: "page-cpu@bench.test", password: "bench-page-cpu-password", name: "Page CPU" };
const copy = await copyDatasetWithAdmin(template, "page-cpu", admin);
process.env.DATABASE_URL = copy.dbFile;
const positionId = await largestPosition(copy.db, copy.organizationId);
await copy.db.destroy();

const { createRequestHandler } = await import("@remix-run/node");
const handlers = await Promise.all(
  builds.map(async (dir) => ({
    dir,
    handle: createRequestHandler(await import(path.resolve(dir, "index.js")), "production"),
  })),
);
const base = "http://localhost";
const signIn = await handlers[0].handle(
  new Request(`${base}/sign-in`, {
    method: "POST",
    body: new URLSearchParams({ email: admin.email, password: admin.password, redirectTo: "/" }),
    headers: { "content-type": "application/x-www-form-urlencoded" },
  }),
);
const cookie = signIn.headers.get("set-cookie")?.split(";")[0];
if (!cookie) throw new Error(`signing in answered ${signIn.status}, without a session cookie`);
const urls = [
  `/positions/${positionId}`,
  `/positions/${positionId}?sort=score&dir=desc`,
  `/positions/${positionId}?status=awaiting`,
];

async function one(handle: (request: Request) => Promise<Response>, url: string) {
  const before = process.cpuUsage();
  const response = await handle(new Request(base + url, { headers: { cookie: cookie! } }));
  const body = await response.text();
  const cpu = process.cpuUsage(before);
  if (response.status !== 200) throw new Error(`${url} answered ${response.status}`);
  return { ms: (cpu.user + cpu.system) / 1000, bytes: Buffer.byteLength(body) };
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const load = () =>
  os
    .loadavg()
    .map((x) => x.toFixed(1))
    .join(", ");

const session = args.profile ? new Session() : null;
if (session) {
  session.connect();
  await session.post("Profiler.enable");
  await session.post("Profiler.start");
}
console.log(`position ${positionId}; load average ${load()}`);
for (let round = 1; round <= rounds; round++) {
  for (const { dir, handle } of handlers) {
    for (const url of urls) {
      for (let i = 0; i < 3; i++) await one(handle, url);
      const runs = [];
      for (let i = 0; i < requests; i++) runs.push(await one(handle, url));
      const ms = runs.map((r) => r.ms);
      console.log(
        `round ${round}  ${dir}  ${url}: CPU a page median ${median(ms).toFixed(1)} ms, min ${Math.min(...ms).toFixed(1)} ms; ${runs[0].bytes.toLocaleString("en")} bytes`,
      );
    }
  }
}
if (session) {
  const { profile } = await session.post("Profiler.stop");
  fs.writeFileSync(args.profile!, JSON.stringify(profile));
}
console.log(`load average ${load()}`);
process.exit(0);

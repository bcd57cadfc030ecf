// `npm start`: build when the sources are newer than the build, migrate the database, load the demo
// workspace into an empty one (unless DEMO=0), then serve the app on HOST:PORT from one process per
// core (WEB_CONCURRENCY to choose; docs/operations.md, "Several processes").
import fs from "node:fs";
import type { AddressInfo } from "node:net";
import cluster from "node:cluster";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import compression from "compression";
import express from "express";
import { broadcastDevReady, type ServerBuild } from "@remix-run/node";
import { getDb } from "./db/connection.server";
import { migrateToLatest } from "./db/migrate.server";
import { inBackground } from "./db/sqlite-dialect.server";
import { prepareWorkspace } from "./app/demo/prepare.server";
import { shareMailInReceiver, startSmtpReceiver } from "./app/intake/smtp.server";
import { startWindowSweep } from "./app/data/window-sweep.server";
import { rescoreOutdatedScores } from "./app/data/scorer-upgrade.server";
import { removeStaleUploads, scrubUploads } from "./app/intake/uploads.server";
import { startRetention } from "./app/data/retention.server";
import { buildIfStale, bundleWebProcess } from "./scripts/app-server";
import { limitRequestBodies } from "./http/body-limit";
import { remixHandler } from "./http/remix-handler";
import { routeBodyLimit } from "./http/route-limits";
import { securityHeaders } from "./http/security-headers";
import { refuseForeignWrites } from "./http/form-posts";
import { startJobRecovery } from "./app/data/jobs.server";
import { startMailWork } from "./app/data/scheduled-mail.server";
import { startMailboxWatching } from "./app/intake/mailbox-watcher.server";
import { startWebhookWork } from "./app/data/webhook-sender.server";

const BUILD_PATH = path.resolve("build/index.js");
const DEVELOPMENT = process.env.NODE_ENV === "development";

/** The server build, imported afresh (ESM caches by URL: the build's mtime makes each rebuild new). */
async function importBuild(): Promise<ServerBuild> {
  const stamp = fs.statSync(BUILD_PATH).mtimeMs;
  return (await import(`${pathToFileURL(BUILD_PATH).href}?t=${stamp}`)) as ServerBuild;
}

/**
 * `npm run dev`: `remix dev --manual` rebuilds on each change and writes build/version.txt last; the
 * server then serves the new build and tells the browser to reload (without this it kept the first).
 */
function followRebuilds(onBuild: (build: ServerBuild) => void) {
  fs.watch(path.dirname(BUILD_PATH), (_event, file) => {
    if (file !== "version.txt") return;
    importBuild()
      .then((build) => {
        onBuild(build);
        void broadcastDevReady(build);
      })
      .catch((error: unknown) => console.error("Could not load the new build:", error));
  });
}

/**
 * How many processes answer HTTP: WEB_CONCURRENCY, else one per core. 1 (and `npm run dev`, which
 * swaps builds in its one process) serves from this process alone, as before.
 */
function webProcesses(): number {
  if (DEVELOPMENT) return 1;
  const given = process.env.WEB_CONCURRENCY?.trim();
  if (!given) return os.availableParallelism();
  const count = Number(given);
  if (!Number.isInteger(count) || count < 1)
    throw new Error(`WEB_CONCURRENCY must be a whole number of processes (1 or more), got "${given}"`);
  return count;
}

/** The Express app on PORT and HOST, in this process (or this cluster worker); resolves once listening. */
async function serveHttp(): Promise<void> {
  let build = await importBuild();
  if (DEVELOPMENT) followRebuilds((next) => (build = next));
  const app = express();
  app.disable("x-powered-by");
  // Behind a reverse proxy (TRUST_PROXY=1), the client's address and protocol are the ones the proxy
  // saw (X-Forwarded-For's last hop, X-Forwarded-Proto); otherwise the socket's, whatever headers say.
  app.set("trust proxy", process.env.TRUST_PROXY === "1" ? 1 : false);
  app.use(securityHeaders);
  app.use(compression());
  app.use(requestLog);
  app.use("/build", express.static("public/build", { immutable: true, maxAge: "1y" }));
  app.use(express.static("public", { maxAge: "1h" }));
  // Browsers ask for /favicon.ico whatever the page links; answer with the SVG icon.
  app.get("/favicon.ico", (_req, res) => res.redirect(301, "/favicon.svg"));
  // Writes are forms from this site: others get 403/415 with a reason, not a 500 (http/form-posts.ts).
  app.use(refuseForeignWrites);
  // Bodies are limited per route while they stream in, before Remix reads them (http/body-limit.ts).
  app.use(limitRequestBodies(routeBodyLimit));
  app.all(
    "*",
    remixHandler(() => build, process.env.NODE_ENV ?? "production"),
  );

  const port = Number(process.env.PORT ?? 3000);
  const host = process.env.HOST ?? "localhost";
  await new Promise<void>((resolve, reject) => {
    const server = app.listen(port, host, () => {
      server.off("error", reject);
      const who = cluster.isWorker ? ` (process ${process.pid}, worker ${cluster.worker?.id})` : "";
      // The port bound, which PORT=0 leaves to the system (scripts/app-server.ts reads it here).
      const bound = (server.address() as AddressInfo).port;
      console.log(`Followthrough is ready on http://${host}:${bound}${who}`);
      if (DEVELOPMENT) void broadcastDevReady(build);
      resolve();
    });
    server.once("error", reject);
    // Stopped (SIGTERM, or Ctrl-C): no new connections; the requests under way are answered first, for
    // up to 5 s. Exiting normally also lets `node --cpu-prof` write its profile.
    const stop = () => {
      server.close(() => process.exit(0));
      server.closeIdleConnections();
      setTimeout(() => process.exit(0), 5_000).unref();
    };
    process.once("SIGTERM", stop);
    process.once("SIGINT", stop);
    // Keep idle connections open longer than clients and proxies do (Node closes them after 5 s): when
    // the server closes first, a request already on its way over that connection is lost as a reset.
    server.keepAliveTimeout = 65_000;
    server.headersTimeout = 66_000;
  });
}

/**
 * The background work of the whole server, run by exactly one process: with several web processes,
 * the primary, which answers no requests. (A rescore asked for from the settings page runs in the web
 * process that took the request: the jobs table lets one run per organization, whoever starts it.)
 */
async function startBackgroundWork(db: ReturnType<typeof getDb>): Promise<void> {
  // Rescores left running by a server that stopped are resumed where they stopped, now and whenever
  // a server's heartbeat goes quiet (app/data/jobs.server.ts); before anything starts new ones.
  await startJobRecovery(db);

  // Applications' stored summaries count each follow-up window as it closes.
  startWindowSweep(db);

  // Connected mailboxes are watched over IMAP, each by one server (app/intake/mailbox-watcher.server.ts).
  startMailboxWatching(db);

  // Scores made by an earlier scorer version are recomputed in the background.
  await rescoreOutdatedScores(db);

  // Outgoing mail: queue the notes, digests and client reports that are due, send the outbox.
  startMailWork(db);

  // Outgoing webhooks: POST the queued deliveries (app/data/webhook-sender.server.ts).
  startWebhookWork(db);

  // Uploads previewed and then left are deleted after a day.
  const sweepUploads = () =>
    void removeStaleUploads().catch((error: unknown) =>
      console.error("Could not delete old uploads:", error),
    );
  sweepUploads();
  setInterval(sweepUploads, 3_600_000).unref();

  // Each organization's retention rule erases inactive candidates once a day (claimed in the database).
  startRetention(db, scrubUploads);
}

/**
 * Several web processes (node:cluster): they share the listening socket (the primary hands each new
 * connection to the next worker) and the database; the primary serves nothing itself, restarts a
 * worker that dies, and runs the mail-in receiver and the background work, once for the server.
 */
async function runCluster(db: ReturnType<typeof getDb>, processes: number): Promise<void> {
  // The receiver first, so that the web processes know from the start whether it listens (the
  // settings page and the interviews offer its addresses only then: app/intake/smtp.server.ts).
  const receiver = await startSmtpReceiver(db);
  if (receiver) shareMailInReceiver();

  let stopping = false;
  let listened = false;
  const fork = () => cluster.fork();
  cluster.on("listening", () => (listened = true));
  cluster.on("exit", (worker, code, signal) => {
    if (stopping) {
      if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(0);
      return;
    }
    // Before any worker listened, a failing worker is a failing start (a port taken, a broken build):
    // stop, as a single process would, rather than forking it again and again.
    if (!listened) {
      console.error(`A web process stopped before it could serve (${signal ?? `exit code ${code}`}).`);
      process.exit(1);
    }
    console.error(
      `Web process ${worker.process.pid} stopped (${signal ?? `exit code ${code}`}); starting another.`,
    );
    setTimeout(fork, 1_000).unref();
  });
  const stop = () => {
    if (stopping) return;
    stopping = true;
    receiver?.close();
    const workers = Object.values(cluster.workers ?? {});
    if (workers.length === 0) process.exit(0);
    for (const worker of workers) worker?.process.kill("SIGTERM");
    setTimeout(() => {
      for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill("SIGKILL");
      process.exit(0);
    }, 5_000).unref();
  };
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);

  // The web processes run server.ts compiled to JavaScript, without tsx's hooks (about 100 MB less
  // each); Node's own flags (a profiler, a heap size) pass on.
  const compiled = await bundleWebProcess();
  const heap = webHeapFlags(process.execArgv);
  if (compiled)
    cluster.setupPrimary({ exec: compiled, execArgv: [...withoutTsx(process.execArgv), ...heap] });
  else cluster.setupPrimary({ execArgv: [...process.execArgv, ...heap] });
  console.log(
    `Starting ${processes} web processes (WEB_CONCURRENCY=${processes}; 1 serves from one process)`,
  );
  for (let i = 0; i < processes; i++) fork();
  await inBackground(() => startBackgroundWork(db));
}

/**
 * The web processes' old-generation cap (`WEB_HEAP_MB`, 192 MB unless Node was given its own): V8
 * otherwise lets garbage pile up while memory is plentiful, and a web process at 200,000 candidates
 * grew to 410–570 MB after 1,000 mixed requests (260–300 MB capped, for about 15% more CPU a page:
 * docs/performance.md, "Memory"). Its live heap is about 65 MB.
 */
function webHeapFlags(flags: string[]): string[] {
  if (flags.some((f) => f.startsWith("--max-old-space-size"))) return [];
  const mb = Number(process.env.WEB_HEAP_MB ?? 192);
  if (!Number.isInteger(mb) || mb < 64) {
    console.error(
      `WEB_HEAP_MB must be a whole number of MB, at least 64 (got "${process.env.WEB_HEAP_MB}").`,
    );
    process.exit(1);
  }
  return [`--max-old-space-size=${mb}`];
}

/** Node's flags without tsx's loader (`--import tsx`, `--import=tsx`, `--require tsx/cjs`…). */
function withoutTsx(flags: string[]): string[] {
  const kept: string[] = [];
  for (let i = 0; i < flags.length; i++) {
    if (/^--(import|require|loader)=tsx/.test(flags[i])) continue;
    if (/^(--import|--require|--loader|-r)$/.test(flags[i]) && flags[i + 1]?.startsWith("tsx")) {
      i++;
      continue;
    }
    kept.push(flags[i]);
  }
  return kept;
}

async function main() {
  // A cluster worker only serves: the primary built, migrated and prepared the database before forking.
  if (cluster.isWorker) return serveHttp();

  const processes = webProcesses();
  if (process.env.SKIP_BUILD !== "1") buildIfStale();
  const db = getDb();
  const applied = await migrateToLatest(db);
  if (applied.length) console.log(`Migrated the database: ${applied.join(", ")}`);
  const prepared = await prepareWorkspace(db, { demo: process.env.DEMO !== "0" });
  if (prepared) console.log(prepared);

  if (processes > 1) return runCluster(db, processes);
  await serveHttp();
  await inBackground(() => startBackgroundWork(db));
  // The mail-in address (SMTP on SMTP_PORT, default 2525; SMTP_PORT=0 turns it off).
  await startSmtpReceiver(db);
}

// One line per request: method, path (no query string: it may carry search terms), status, time.
function requestLog(req: express.Request, res: express.Response, next: express.NextFunction) {
  const started = process.hrtime.bigint();
  res.on("finish", () => {
    if (req.path.startsWith("/build/")) return;
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    console.log(`${req.method} ${req.path} ${res.statusCode} ${ms.toFixed(1)}ms`);
  });
  next();
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});

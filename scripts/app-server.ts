// Building and starting the real app server from scripts and tests: `npm start`'s build check, and a
// server process (node --import tsx server.ts) on a loopback port with its own environment, waited
// for on /healthz and stopped by its pid. Used by server.ts, the two-server test and the load test.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import { NODE_BUNDLE, newestMtime } from "../app/data/worker-entry.server";

const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..");
const BUILD_PATH = path.join(ROOT, "build/index.js");
const SOURCES = ["app", "db", "remix.config.js", "tailwind.config.ts", "package.json"];

const GO_DEADLOCK_DUMP = /fatal error: all goroutines are asleep - deadlock![\s\S]*$/;

/** Runs `remix build` when a source is newer than the build (or there is none); true when it built. */
export function buildIfStale(options: { quiet?: boolean } = {}): boolean {
  const built = fs.existsSync(BUILD_PATH) ? fs.statSync(BUILD_PATH).mtimeMs : 0;
  const sources = Math.max(
    ...SOURCES.map((s) => path.join(ROOT, s))
      .filter((s) => fs.existsSync(s))
      .map(newestMtime),
  );
  // `npm run dev` leaves a development build in the same place: never serve that.
  const development = built > 0 && /^var mode = "development"/m.test(fs.readFileSync(BUILD_PATH, "utf8"));
  if (built >= sources && !development) return false;
  if (!options.quiet)
    console.log(
      development
        ? "Building the app (the last build was npm run dev's)…"
        : "Building the app (sources changed since the last build)…",
    );
  // NODE_ENV=production whatever the caller's (vitest sets "test", which would make a development build).
  const result = spawnSync("npx", ["remix", "build"], {
    cwd: ROOT,
    env: { ...process.env, NODE_ENV: "production" },
    stdio: options.quiet ? "pipe" : ["inherit", "inherit", "pipe"],
    encoding: "utf8",
  });
  if (result.status !== 0)
    throw new Error(`remix build failed:\n${options.quiet ? result.stdout : ""}\n${result.stderr}`);
  // Now and then esbuild's service process, left behind when the build's process exits, prints a Go
  // "all goroutines are asleep - deadlock!" dump (evanw/esbuild#3287): noise after a build that
  // succeeded, and alarming on a first start. The rest of what the build said is shown.
  if (!options.quiet) process.stderr.write(result.stderr.replace(GO_DEADLOCK_DUMP, ""));
  return true;
}

const WEB_PROCESS_PATH = path.join(ROOT, "build/web-process.js");
const SERVER_SOURCES = ["server.ts", "http", "app", "db", "scripts/app-server.ts", "package.json"];

/**
 * server.ts compiled to plain JavaScript (build/web-process.js, esbuild, packages left to node_modules)
 * when a source is newer, for the web processes `npm start` forks: a process started with
 * `--import tsx` keeps tsx's module hooks (a thread of their own) and what they compiled, about 100 MB
 * more per process (docs/performance.md, "Memory"). Answers its path, or null when it could not be
 * made (the web processes then run server.ts with tsx, as the primary does).
 */
export async function bundleWebProcess(): Promise<string | null> {
  try {
    const built = fs.existsSync(WEB_PROCESS_PATH) ? fs.statSync(WEB_PROCESS_PATH).mtimeMs : 0;
    const sources = Math.max(
      ...SERVER_SOURCES.map((s) => path.join(ROOT, s))
        .filter((s) => fs.existsSync(s))
        .map(newestMtime),
    );
    if (built >= sources) return WEB_PROCESS_PATH;
    // @remix-run/dev's esbuild, which `remix build` uses too.
    const { build } = await import("esbuild");
    await build({ entryPoints: [path.join(ROOT, "server.ts")], outfile: WEB_PROCESS_PATH, ...NODE_BUNDLE });
    return WEB_PROCESS_PATH;
  } catch (error) {
    console.error(
      `Could not compile the web processes' server.ts (they run it with tsx): ${error instanceof Error ? error.message : String(error)}`,
    );
    return null;
  }
}

function portFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once("error", () => resolve(false));
    server.listen(port, "127.0.0.1", () => server.close(() => resolve(true)));
  });
}

/**
 * A loopback port in first..last (3300–3399 by default) free at the moment of asking, for a port a
 * test must name before its server starts (an SMTP_PORT). App servers take theirs from the system
 * instead (startAppServer): a port seen free here may be taken by another test before it is bound.
 */
export async function freePort(first = 3300, last = 3399): Promise<number> {
  // Start at a random place so that runs side by side rarely race for the same port.
  const span = last - first + 1;
  const offset = Math.floor(Math.random() * span);
  for (let i = 0; i < span; i++) {
    const port = first + ((offset + i) % span);
    if (await portFree(port)) return port;
  }
  throw new Error(`no free loopback port in ${first}..${last}`);
}

export interface AppServer {
  url: string;
  port: number;
  pid: number;
  /** Everything the server printed so far (stdout and stderr, interleaved as received). */
  output: () => string;
  /** SIGTERM to this server's pid (SIGKILL after 5 s); resolves when it has exited. */
  stop: () => Promise<void>;
}

/**
 * Starts `node --import tsx server.ts` on a loopback port the system chooses (PORT=0), with
 * SKIP_BUILD=1, SMTP_PORT=0, NODE_ENV=production and one web process (WEB_CONCURRENCY=1) unless
 * `env` says otherwise, and resolves once it has said which port it bound and /healthz answers 200
 * there. Build first (buildIfStale). Rejects with the server's output when it exits or is not up in
 * time. (A port chosen beforehand could be bound by another test's server first, whose /healthz would
 * then answer for this one.)
 */
export async function startAppServer(options: {
  env: Record<string, string>;
  timeoutMs?: number;
  /** Node's own flags before the script (e.g. --cpu-prof); web processes forked by the server inherit them. */
  nodeArgs?: string[];
}): Promise<AppServer> {
  const argv = [...(options.nodeArgs ?? []), "--import", "tsx", "server.ts"];
  const child: ChildProcess = spawn(process.execPath, argv, {
    cwd: ROOT,
    env: {
      ...process.env,
      NODE_ENV: "production",
      SKIP_BUILD: "1",
      SMTP_PORT: "0",
      HOST: "127.0.0.1",
      WEB_CONCURRENCY: "1",
      ...options.env,
      PORT: "0",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  let exited = false;
  const exit = new Promise<void>((resolve) =>
    child.on("exit", () => {
      exited = true;
      resolve();
    }),
  );
  const stop = async () => {
    if (exited) return;
    child.kill("SIGTERM");
    const timer = setTimeout(() => child.kill("SIGKILL"), 5_000);
    await exit;
    clearTimeout(timer);
  };
  const deadline = Date.now() + (options.timeoutMs ?? 60_000);
  while (!exited && Date.now() < deadline) {
    // Every web process prints the port it bound (server.ts); with several, they share one.
    const port = Number(/Followthrough is ready on http:\/\/127\.0\.0\.1:(\d+)/.exec(output)?.[1] ?? 0);
    if (port) {
      const url = `http://127.0.0.1:${port}`;
      try {
        const response = await fetch(`${url}/healthz`);
        if (response.status === 200) return { url, port, pid: child.pid!, output: () => output, stop };
      } catch {
        // not answering yet
      }
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  // Said before stopping it: once stopped, it has exited either way.
  const why = exited ? "exited" : `did not answer /healthz within ${(options.timeoutMs ?? 60_000) / 1000} s`;
  await stop();
  throw new Error(`the app server ${why}:\n${output}`);
}

/** Signs in through the sign-in form and returns the session's Cookie header value. */
export async function signInCookie(baseUrl: string, email: string, password: string): Promise<string> {
  const response = await fetch(`${baseUrl}/sign-in`, {
    method: "POST",
    body: new URLSearchParams({ email, password, redirectTo: "/" }),
    redirect: "manual",
  });
  const cookie = response.headers.get("set-cookie")?.split(";")[0];
  if (response.status !== 302 || !cookie)
    throw new Error(
      `signing in as ${email} on ${baseUrl} answered ${response.status}, without a session cookie`,
    );
  return cookie;
}

// The integration tests again, against PostgreSQL (npm test runs this after the SQLite vitest run).
//
// - TEST_DATABASE_URL set (a postgres:// URL of a server whose user may CREATE DATABASE): the tests
//   run against that server; each test file creates its own database there (test/helpers.ts), and
//   this run's databases are dropped afterwards.
// - Otherwise, when PostgreSQL's binaries are found (POSTGRES_BIN_DIR, else the newest
//   /usr/lib/postgresql/*/bin), a throwaway cluster is created in a temporary folder, started on a
//   loopback port (POSTGRES_TEST_PORT, default 54329, or the next free one), used, stopped and removed.
// - Otherwise the run is skipped with a message, and exits 0.
//
// Exits with vitest's status: a failing PostgreSQL run fails npm test.
//
// startPostgres() (the same server choice and throwaway cluster) is exported for `npm run bench --
// --db postgres`; importing this module runs nothing.
import { spawn, spawnSync } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";

const PREFIX = "followthrough_test_";
const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..");

function log(message: string) {
  console.log(`[test:postgres] ${message}`);
}

function findBinDir(): { dir: string | null; why: string } {
  const configured = process.env.POSTGRES_BIN_DIR;
  const usable = (dir: string) =>
    fs.existsSync(path.join(dir, "initdb")) && fs.existsSync(path.join(dir, "pg_ctl"));
  if (configured !== undefined) {
    return usable(configured)
      ? { dir: configured, why: "" }
      : { dir: null, why: `POSTGRES_BIN_DIR=${configured} holds no initdb and pg_ctl` };
  }
  const base = "/usr/lib/postgresql";
  const versions = fs.existsSync(base)
    ? fs
        .readdirSync(base)
        .filter((v) => usable(path.join(base, v, "bin")))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  if (versions.length === 0)
    return {
      dir: null,
      why: `no PostgreSQL binaries under ${base} (install Debian's postgresql, or set TEST_DATABASE_URL or POSTGRES_BIN_DIR)`,
    };
  return { dir: path.join(base, versions[0], "bin"), why: "" };
}

function portFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once("error", () => resolve(false));
    server.listen(port, "127.0.0.1", () => server.close(() => resolve(true)));
  });
}

async function choosePort(): Promise<number> {
  const first = Number(process.env.POSTGRES_TEST_PORT ?? 54329);
  for (let port = first; port < first + 50; port += 1) if (await portFree(port)) return port;
  throw new Error(`no free loopback port in ${first}..${first + 49}`);
}

/** A throwaway cluster: started here, stopped and removed by stop(). */
class Cluster {
  private readonly asRoot = process.getuid?.() === 0;
  private readonly dir = fs.mkdtempSync(path.join(os.tmpdir(), "followthrough-pg-"));
  private readonly data = path.join(this.dir, "data");
  private started = false;

  constructor(
    private readonly bin: string,
    readonly port: number,
  ) {}

  /** Runs a PostgreSQL binary, as the postgres user when we are root (initdb and postgres refuse root). */
  private run(tool: string, args: string[]) {
    const command = this.asRoot ? "runuser" : path.join(this.bin, tool);
    const fullArgs = this.asRoot ? ["-u", "postgres", "--", path.join(this.bin, tool), ...args] : args;
    const result = spawnSync(command, fullArgs, { encoding: "utf8", cwd: this.dir });
    if (result.status !== 0) {
      throw new Error(
        `${tool} failed (${result.status ?? result.signal}): ${result.error?.message ?? ""}\n${result.stdout}\n${result.stderr}`,
      );
    }
  }

  start() {
    if (this.asRoot) spawnSync("chown", ["postgres:postgres", this.dir]);
    this.run("initdb", [
      "-D",
      this.data,
      "-U",
      "postgres",
      "-A",
      "trust",
      "-E",
      "UTF8",
      "--no-locale",
      "--no-sync",
    ]);
    const options = [
      `-c listen_addresses=127.0.0.1 -p ${this.port} -k ${this.dir}`,
      "-c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200",
    ].join(" ");
    this.started = true;
    this.run("pg_ctl", [
      "-D",
      this.data,
      "-l",
      path.join(this.dir, "server.log"),
      "-o",
      options,
      "-w",
      "-t",
      "60",
      "start",
    ]);
  }

  get url() {
    return `postgres://postgres@127.0.0.1:${this.port}/postgres`;
  }

  stop() {
    if (this.started) {
      try {
        this.run("pg_ctl", ["-D", this.data, "-m", "immediate", "-w", "stop"]);
      } catch (error) {
        console.error(String(error));
      }
      this.started = false;
    }
    fs.rmSync(this.dir, { recursive: true, force: true });
  }

  log() {
    const file = path.join(this.dir, "server.log");
    return fs.existsSync(file) ? fs.readFileSync(file, "utf8") : "";
  }
}

export interface PostgresServer {
  /** postgres:// URL of the server's `postgres` database (a user that may create databases). */
  url: string;
  /** "TEST_DATABASE_URL's server", or "a throwaway cluster from DIR on 127.0.0.1:PORT" */
  description: string;
  /** Stops and removes a throwaway cluster; nothing for a given server. */
  stop: () => void;
}

/**
 * A PostgreSQL server to create databases on: `serverUrl` (e.g. TEST_DATABASE_URL) when given, else a
 * throwaway cluster in a temporary folder on a loopback port (stopped and removed by stop(), and at
 * exit), else null with the reason.
 */
export async function startPostgres(serverUrl = ""): Promise<PostgresServer | { skipped: string }> {
  if (serverUrl) return { url: serverUrl, description: "the given server", stop: () => undefined };
  const { dir, why } = findBinDir();
  if (!dir) return { skipped: why };
  const cluster = new Cluster(dir, await choosePort());
  process.on("exit", () => cluster.stop());
  try {
    cluster.start();
  } catch (error) {
    console.error(cluster.log());
    cluster.stop();
    throw error;
  }
  return {
    url: cluster.url,
    description: `a throwaway cluster from ${dir} on 127.0.0.1:${cluster.port}`,
    stop: () => cluster.stop(),
  };
}

function runVitest(env: NodeJS.ProcessEnv, extraArgs: string[]): Promise<number> {
  const vitest = path.join(root, "node_modules", "vitest", "vitest.mjs");
  const child = spawn(process.execPath, [vitest, "run", "test/integration", ...extraArgs], {
    cwd: root,
    env,
    stdio: "inherit",
  });
  const forward = (signal: NodeJS.Signals) => () => child.kill(signal);
  process.on("SIGINT", forward("SIGINT"));
  process.on("SIGTERM", forward("SIGTERM"));
  return new Promise((resolve) => child.on("exit", (code, signal) => resolve(code ?? (signal ? 1 : 0))));
}

/** Drops the databases this run created (on a server given by TEST_DATABASE_URL they would pile up). */
async function dropRunDatabases(serverUrl: string, run: string) {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ datname: string }>(
      "select datname from pg_database where datname like $1",
      [`${PREFIX}${run}\\_%`],
    );
    for (const { datname } of rows) await client.query(`drop database if exists "${datname}" with (force)`);
    log(`dropped ${rows.length} test database(s)`);
  } finally {
    await client.end();
  }
}

async function main(): Promise<number> {
  const started = Date.now();
  const run = crypto.randomBytes(3).toString("hex");
  const given = process.env.TEST_DATABASE_URL || "";
  if (given) log(`using TEST_DATABASE_URL's server`);
  else log("starting a throwaway PostgreSQL cluster");
  const server = await startPostgres(given);
  if ("skipped" in server) {
    log(`SKIPPED: the PostgreSQL run needs TEST_DATABASE_URL or PostgreSQL's binaries: ${server.skipped}.`);
    return 0;
  }
  if (!given) log(`started ${server.description}`);

  let status = 1;
  try {
    status = await runVitest(
      { ...process.env, TEST_DATABASE_URL: server.url, FOLLOWTHROUGH_TEST_RUN: run },
      process.argv.slice(2),
    );
    if (given) await dropRunDatabases(server.url, run);
  } finally {
    server.stop();
  }
  log(`${status === 0 ? "passed" : "FAILED"} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return status;
}

// Run as a script (tsx scripts/test-postgres.ts), not when imported.
if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().then(
    (status) => process.exit(status),
    (error: unknown) => {
      console.error("[test:postgres] FAILED:", error);
      process.exit(1);
    },
  );
}

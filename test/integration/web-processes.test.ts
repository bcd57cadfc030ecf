// `npm start` with several web processes (WEB_CONCURRENCY=2, server.ts): the real server on a fresh
// database. The primary migrates once before forking; each web process answers requests (/healthz
// names the process that answered); the background work (the window sweep, the mail-in receiver) runs
// once, in the primary, which serves no page; the web processes say the receiver listens; and a web
// process that dies is replaced.
import fs from "node:fs";
import http from "node:http";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { buildIfStale, freePort, startAppServer, type AppServer } from "../../scripts/app-server";
import { createWorkspace } from "../factories";
import { freshDatabase, onPostgres, sessionCookie, pointDatabaseAt } from "../helpers";

let server: AppServer;
let smtpPort = 0;
let databaseUrl = "";

/** A GET on a connection of its own (no keep-alive): the primary hands each connection to the next process. */
function get(url: string, headers: Record<string, string> = {}) {
  return new Promise<{ status: number; pid: string | null; body: string }>((resolve, reject) => {
    const request = http.get(url, { agent: false, headers }, (response) => {
      let body = "";
      response.setEncoding("utf8");
      response.on("data", (chunk: string) => (body += chunk));
      response.on("end", () =>
        resolve({
          status: response.statusCode ?? 0,
          pid: (response.headers["x-process-id"] as string | undefined) ?? null,
          body,
        }),
      );
    });
    request.on("error", reject);
  });
}

/** The pids of the processes that answered `count` health checks, each on a new connection. */
async function answeringPids(count: number): Promise<Set<string>> {
  const pids = new Set<string>();
  for (let i = 0; i < count; i++) {
    const { status, pid } = await get(`${server.url}/healthz`);
    expect(status).toBe(200);
    if (pid) pids.add(pid);
  }
  return pids;
}

/** Waits (as long as the test's own timeout allows) until the server's output says `pattern`. */
async function waitForOutput(pattern: RegExp): Promise<void> {
  await vi.waitFor(() => expect(server.output()).toMatch(pattern), { timeout: 120_000, interval: 100 });
}

const count = (pattern: RegExp) => server.output().match(new RegExp(pattern, "g"))?.length ?? 0;

function smtpBanner(port: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, "127.0.0.1");
    socket.once("data", (data) => {
      socket.end("QUIT\r\n");
      resolve(data.toString());
    });
    socket.once("error", reject);
  });
}

beforeAll(async () => {
  // A database no process has migrated yet: a new SQLite file (PostgreSQL: a new database, which
  // freshDatabase migrates).
  if (onPostgres) {
    await freshDatabase();
    databaseUrl = process.env.DATABASE_URL!;
  } else {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "followthrough-cluster-"));
    databaseUrl = path.join(dir, "cluster.db");
    // This test's own connection (for its rows and a session), opened once the server has migrated.
    await pointDatabaseAt(databaseUrl);
  }
  buildIfStale({ quiet: true });
  smtpPort = await freePort();
  server = await startAppServer({
    env: {
      DATABASE_URL: databaseUrl,
      // The secret this process signs the test's session cookie with (sessionCookie).
      SESSION_SECRET: process.env.SESSION_SECRET!,
      DEMO: "0",
      WEB_CONCURRENCY: "2",
      SMTP_PORT: String(smtpPort),
    },
  });
}, 90_000);

afterAll(async () => {
  await server?.stop();
});

describe("npm start with WEB_CONCURRENCY=2", () => {
  it("serves from two processes, with the migration, the sweep and the mail-in receiver run once", async () => {
    await waitForOutput(/job window-sweep done/);
    await waitForOutput(/(Followthrough is ready[^\n]*\n[^]*){2}/);

    // Two web processes answer, neither of them the primary.
    const pids = await answeringPids(20);
    expect([...pids].sort()).toHaveLength(2);
    expect(pids.has(String(server.pid))).toBe(false);

    // One process bound the SMTP port, and it answers; nobody found it taken.
    expect(await smtpBanner(smtpPort)).toMatch(/^220 .*Followthrough mail-in/);
    expect(count(/Mail-in \(SMTP\) is listening/)).toBe(1);
    expect(server.output()).not.toMatch(/EADDRINUSE|could not listen/);
    // Only the primary sweeps (once at start, then once a minute), and the database was migrated once.
    const sweepers = [...server.output().matchAll(/job window-sweep done .*\(process (\d+)\)/g)].map(
      (m) => m[1],
    );
    expect(sweepers.length).toBeGreaterThan(0);
    expect(new Set(sweepers)).toEqual(new Set([String(server.pid)]));
    expect(count(/Migrated the database/)).toBe(onPostgres ? 0 : 1);
    expect(count(/Followthrough is ready/)).toBe(2);
    expect(server.output()).not.toMatch(/database is locked|SQLITE_BUSY|Error:/);
  });

  it("tells every web process that the primary's receiver listens", async () => {
    const { getDb } = await import("../../db/connection.server");
    const { user } = await createWorkspace(getDb(), { role: "admin" });
    const cookie = await sessionCookie(user.id);
    // Each page on a connection of its own: the primary hands them to the two processes in turn.
    for (let i = 0; i < 6; i++) {
      const page = await get(`${server.url}/settings`, { Cookie: cookie });
      expect(page.status).toBe(200);
      expect(page.body).toContain(`Listening on port ${smtpPort} (127.0.0.1)`);
    }
  });

  it("replaces a web process that dies", async () => {
    const before = await answeringPids(10);
    const [victim] = [...before];
    process.kill(Number(victim), "SIGKILL");
    await waitForOutput(new RegExp(`Web process ${victim} stopped`));
    let now = new Set<string>();
    // Until the replacement listens, the survivor answers every connection.
    while (now.size < 2) now = await answeringPids(10);
    expect(now.has(victim)).toBe(false);
    expect(count(/Followthrough is ready/)).toBe(3);
  });
});

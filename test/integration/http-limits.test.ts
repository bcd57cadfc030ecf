// The HTTP edge of a real server process (node --import tsx server.ts, the built app): request body
// limits enforced while the body streams (http/body-limit.ts), security headers on every response
// (http/security-headers.ts), and what TRUST_PROXY=1 changes (the client's address and protocol).
// The server's memory is read from /proc/<pid>/status (Linux), sampled while a body is being sent.
import fs from "node:fs";
import http from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Kysely } from "kysely";
import type { Database } from "../../db/schema";
import { buildIfStale, startAppServer, type AppServer } from "../../scripts/app-server";
import { createWorkspace } from "../factories";
import { freshDatabase } from "../helpers";

let db: Kysely<Database>;
let direct: AppServer;
let proxied: AppServer;
const PASSWORD = "http-limits-pass-1";
let email = "";

beforeAll(async () => {
  db = await freshDatabase();
  const org = await createWorkspace(db, { role: "recruiter" });
  const { hashPassword } = await import("../../app/auth/password.server");
  await db
    .updateTable("users")
    .set({ password_hash: await hashPassword(PASSWORD) })
    .where("id", "=", org.user.id)
    .execute();
  email = org.user.email;
  buildIfStale({ quiet: true });
  const env = { DATABASE_URL: process.env.DATABASE_URL!, SESSION_SECRET: "http-limits-secret", DEMO: "0" };
  [direct, proxied] = await Promise.all([
    startAppServer({ env }),
    startAppServer({ env: { ...env, TRUST_PROXY: "1" } }),
  ]);
}, 90_000);

afterAll(async () => {
  await Promise.all([direct, proxied].filter(Boolean).map((s) => s.stop()));
});

function rssBytes(pid: number): number {
  const kb = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, "utf8"))?.[1];
  return Number(kb) * 1024;
}

/**
 * POSTs `total` bytes to the server in 1 MB chunks (chunked, or with the Content-Length declared),
 * sampling the server's RSS every 10 ms; stops sending when the answer arrives. Answers the status,
 * the body, how much was sent, and the highest RSS seen.
 */
function sendLargeBody(
  server: AppServer,
  path: string,
  total: number,
  declareLength: boolean,
  cookie?: string,
) {
  return new Promise<{ status: number; body: string; sent: number; peakRss: number }>((resolve, reject) => {
    let peakRss = rssBytes(server.pid);
    const sampler = setInterval(() => (peakRss = Math.max(peakRss, rssBytes(server.pid))), 10);
    const headers: Record<string, string> = { "Content-Type": "application/x-www-form-urlencoded" };
    if (declareLength) headers["Content-Length"] = String(total);
    if (cookie) headers.Cookie = cookie;
    const req = http.request(`${server.url}${path}`, { method: "POST", headers });
    const chunk = Buffer.alloc(1024 * 1024, "a");
    let sent = 0;
    let answered = false;
    const finish = (status: number, body: string) => {
      clearInterval(sampler);
      peakRss = Math.max(peakRss, rssBytes(server.pid));
      // Answered: stop sending (a refused body is never finished).
      req.destroy();
      resolve({ status, body, sent, peakRss });
    };
    req.on("response", (res) => {
      answered = true;
      let body = "";
      res.on("data", (c: Buffer) => (body += c.toString()));
      res.on("end", () => finish(res.statusCode ?? 0, body));
    });
    // The server closes the connection after refusing: writes after that fail, which is expected.
    req.on("error", (error) => (answered ? undefined : reject(error)));
    const write = () => {
      while (!answered && sent < total) {
        sent += chunk.length;
        if (!req.write(chunk)) return void req.once("drain", write);
      }
      if (!answered) req.end();
    };
    write();
  });
}

const MB = 1024 * 1024;

describe("request bodies", () => {
  it("refuses a 200 MB unauthenticated chunked body with 413 while it streams, without the server's memory growing 64 MB", async () => {
    await fetch(`${direct.url}/sign-in`);
    const before = rssBytes(direct.pid);
    const result = await sendLargeBody(direct, "/sign-in", 200 * MB, false);
    expect(result.status).toBe(413);
    expect(result.body).toBe("The request is larger than 1 MB, the limit for a form. Nothing was saved.");
    expect(result.sent).toBeLessThan(200 * MB);
    expect(result.peakRss - before, `RSS ${before} -> peak ${result.peakRss}`).toBeLessThan(64 * MB);
    console.log(
      `chunked 200 MB: refused after ${Math.round(result.sent / MB)} MB sent; server RSS ${Math.round(before / MB)} MB before, peak ${Math.round(result.peakRss / MB)} MB while sending (+${Math.round((result.peakRss - before) / MB)} MB)`,
    );
  });

  it("refuses a declared 200 MB body before reading it", async () => {
    const before = rssBytes(direct.pid);
    const result = await sendLargeBody(direct, "/sign-in", 200 * MB, true);
    expect(result.status).toBe(413);
    expect(result.peakRss - before).toBeLessThan(64 * MB);
    console.log(
      `declared 200 MB: server RSS ${Math.round(before / MB)} MB before, peak ${Math.round(result.peakRss / MB)} MB (+${Math.round((result.peakRss - before) / MB)} MB)`,
    );
  });

  it("answers a Remix form submission (.data) over the limit with an error its page shows", async () => {
    const response = await fetch(`${direct.url}/sign-in.data`, {
      method: "POST",
      body: new URLSearchParams({ email: "x".repeat(2 * MB), password: "x" }),
    });
    expect(response.status).toBe(413);
    expect(response.headers.get("X-Remix-Response")).toBe("yes");
    // The encoding Remix's client decodes into an error response (as Remix's own thrown responses are).
    expect(JSON.parse(await response.text())).toEqual([
      { _1: 2 },
      "error",
      ["ErrorResponse", 3, 4, 5],
      "The request is larger than 1 MB, the limit for a form. Nothing was saved.",
      413,
      "Payload Too Large",
    ]);
  });

  it("lets the Import page take uploads up to its own limit, and the sign-in form work as before", async () => {
    // 3 MB to /import/csv passes the limit and reaches the route, which sends a signed-out visitor to sign in.
    const upload = await fetch(`${direct.url}/import/csv`, {
      method: "POST",
      body: new URLSearchParams({ intent: "x", pad: "x".repeat(3 * MB) }),
      redirect: "manual",
    });
    expect(upload.status).toBe(302);
    expect(upload.headers.get("Location")).toMatch(/^\/sign-in/);
    const signIn = await fetch(`${direct.url}/sign-in`, {
      method: "POST",
      body: new URLSearchParams({ email, password: PASSWORD, redirectTo: "/" }),
      redirect: "manual",
    });
    expect(signIn.status).toBe(302);
    const cookie = signIn.headers.get("Set-Cookie")!.split(";")[0];
    // Signed in, the Import page reads a chunked 60 MB body until it passes 51 MB.
    const overImportLimit = await sendLargeBody(direct, "/import/csv", 60 * MB, false, cookie);
    expect(overImportLimit.status).toBe(413);
    expect(overImportLimit.body).toMatch(/larger than 51 MB, the limit for uploads on the Import page/);
    expect(overImportLimit.sent).toBeGreaterThan(51 * MB);
  });
});

describe("security headers and proxies", () => {
  it("puts CSP, frame and nosniff headers on pages, static files and errors", async () => {
    for (const path of ["/sign-in", "/favicon.svg", "/no-such-page"]) {
      const response = await fetch(`${direct.url}${path}`);
      const csp = response.headers.get("Content-Security-Policy") ?? "";
      expect(csp, path).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]{24}'/);
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).not.toContain("unsafe-eval");
      expect(response.headers.get("X-Frame-Options")).toBe("DENY");
      expect(response.headers.get("X-Content-Type-Options")).toBe("nosniff");
      expect(response.headers.get("Referrer-Policy")).toBe("same-origin");
    }
    // Every inline script of the page carries this response's nonce.
    const page = await fetch(`${direct.url}/sign-in`);
    const nonce = /'nonce-([^']+)'/.exec(page.headers.get("Content-Security-Policy")!)![1];
    const scripts = [...(await page.text()).matchAll(/<script([^>]*)>/g)].map((m) => m[1]);
    expect(scripts.length).toBeGreaterThan(0);
    for (const attributes of scripts) expect(attributes).toContain(`nonce="${nonce}"`);
  });

  it("marks the cookie Secure and reads the client's address from the proxy only with TRUST_PROXY=1", async () => {
    const signIn = (server: AppServer, headers: Record<string, string>) =>
      fetch(`${server.url}/sign-in`, {
        method: "POST",
        headers,
        body: new URLSearchParams({ email, password: PASSWORD, redirectTo: "/" }),
        redirect: "manual",
      });
    const https = { "X-Forwarded-Proto": "https" };
    expect((await signIn(proxied, https)).headers.get("Set-Cookie")).toMatch(/; Secure/);
    // Without TRUST_PROXY the header is anyone's to send: ignored.
    expect((await signIn(direct, https)).headers.get("Set-Cookie")).not.toMatch(/; Secure/);

    // 20 failures "from" 203.0.113.1 through the proxy lock that address, not the proxy's other clients.
    const fail = (server: AppServer, forwardedFor: string, i: number) =>
      fetch(`${server.url}/sign-in`, {
        method: "POST",
        headers: { "X-Forwarded-For": forwardedFor },
        body: new URLSearchParams({
          email: `nobody${i}@example.test`,
          password: "wrong password",
          redirectTo: "/",
        }),
      });
    for (let i = 0; i < 20; i++) expect((await fail(proxied, "203.0.113.1", i)).status).toBe(400);
    const locked = await fail(proxied, "203.0.113.1", 20);
    expect(locked.status).toBe(429);
    expect(Number(locked.headers.get("Retry-After"))).toBeGreaterThan(0);
    expect((await fail(proxied, "203.0.113.2", 21)).status).toBe(400);
    // A client cannot pick its own address by sending the header to a server without TRUST_PROXY.
    expect((await fail(direct, "203.0.113.1", 22)).status).toBe(400);
  });
});

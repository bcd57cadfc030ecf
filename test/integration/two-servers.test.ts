// Several app servers on one database: two real server processes (node --import tsx server.ts, the
// built app) share one database (one SQLite file, or one PostgreSQL database in the PostgreSQL run)
// and one SESSION_SECRET. A session cookie from signing in on one is accepted by the other, signing
// out on one ends it on the other, and what one writes the other reads.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Kysely } from "kysely";
import type { Database } from "../../db/schema";
import { buildIfStale, signInCookie, startAppServer, type AppServer } from "../../scripts/app-server";
import { createWorkspace } from "../factories";
import { freshDatabase } from "../helpers";

let db: Kysely<Database>;
const servers: AppServer[] = [];
const PASSWORD = "two-servers-pass-1";
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
  const env = {
    DATABASE_URL: process.env.DATABASE_URL!,
    SESSION_SECRET: "two-servers-shared-secret",
    DEMO: "0",
  };
  // Started side by side, as two servers of one deployment would be.
  servers.push(...(await Promise.all([startAppServer({ env }), startAppServer({ env })])));
}, 90_000);

afterAll(async () => {
  await Promise.all(servers.map((s) => s.stop()));
});

describe("two app servers on one database", () => {
  it("accepts on one server the session cookie signed in on the other, and reads there what the other wrote", async () => {
    const [a, b] = servers;
    const cookie = await signInCookie(a.url, email, PASSWORD);

    // Signed out, B sends the page to sign-in; with A's cookie it serves it.
    expect((await fetch(`${b.url}/candidates`, { redirect: "manual" })).status).toBe(302);
    const page = await fetch(`${b.url}/candidates`, { headers: { Cookie: cookie }, redirect: "manual" });
    expect(page.status, b.output()).toBe(200);

    const name = `Grace Twoservers ${Date.now()}`;
    const created = await fetch(`${a.url}/candidates/new`, {
      method: "POST",
      headers: { Cookie: cookie },
      body: new URLSearchParams({ name, email: "", phone: "", source: "", positionId: "" }),
      redirect: "manual",
    });
    expect(created.status).toBe(302);
    const candidatePath = created.headers.get("location")!.split("#")[0];
    expect(candidatePath).toMatch(/^\/candidates\/\d+$/);

    const read = await fetch(`${b.url}${candidatePath}`, { headers: { Cookie: cookie } });
    expect(read.status).toBe(200);
    expect(await read.text()).toContain(name);
    const listed = await fetch(`${b.url}/candidates?q=${encodeURIComponent("Twoservers")}`, {
      headers: { Cookie: cookie },
    });
    expect(await listed.text()).toContain(name);

    // The session lives in the shared database, not in either server's memory: A still takes it...
    expect(
      (await fetch(`${a.url}/candidates`, { headers: { Cookie: cookie }, redirect: "manual" })).status,
    ).toBe(200);
    // ...a cookie whose signature does not match the shared secret is refused...
    const forged = cookie.replace(/.$/, (c) => (c === "A" ? "B" : "A"));
    expect(
      (await fetch(`${b.url}/candidates`, { headers: { Cookie: forged }, redirect: "manual" })).status,
    ).toBe(302);
    // ...and signing out on B ends the session on A too.
    expect(
      (await fetch(`${b.url}/sign-out`, { method: "POST", headers: { Cookie: cookie }, redirect: "manual" }))
        .status,
    ).toBe(302);
    expect(
      (await fetch(`${a.url}/candidates`, { headers: { Cookie: cookie }, redirect: "manual" })).status,
    ).toBe(302);

    for (const s of servers) expect(s.output()).not.toMatch(/database is locked|SQLITE_BUSY|Error:/);
  });
});

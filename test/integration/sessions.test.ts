// Server-side sessions (app/data/sessions.server.ts, migration 0015): the cookie carries a random
// token and nothing else; the database decides whether it still opens anything.
import { beforeAll, describe, expect, it, vi } from "vitest";
import type { Kysely } from "kysely";
import type { Database } from "../../db/schema";
import { createUser, createWorkspace } from "../factories";
import { freshDatabase, routeArgs, sessionCookie } from "../helpers";

let db: Kysely<Database>;
beforeAll(async () => {
  db = await freshDatabase();
});

const post = (url: string, cookie: string | null, body: Record<string, string>) =>
  routeArgs(
    url,
    cookie,
    {},
    {
      method: "POST",
      body: new URLSearchParams(body),
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
    },
  );

async function signedIn(cookie: string): Promise<boolean> {
  const { getUser } = await import("../../app/auth/session.server");
  return (await getUser(new Request("http://localhost/", { headers: { Cookie: cookie } }))) !== null;
}

async function sessionOf(cookie: string) {
  const { getUser } = await import("../../app/auth/session.server");
  const user = await getUser(new Request("http://localhost/", { headers: { Cookie: cookie } }));
  return db.selectFrom("sessions").selectAll().where("id", "=", user!.sessionId).executeTakeFirstOrThrow();
}

describe("server-side sessions", () => {
  it("gives each sign-in its own random token, keeping only its sha256", async () => {
    const org = await createWorkspace(db, { role: "recruiter" });
    const first = await sessionCookie(org.user.id);
    const second = await sessionCookie(org.user.id);
    expect(first).not.toBe(second);
    const { createCookie } = await import("@remix-run/node");
    const sessionCookieToken = async (header: string): Promise<string> =>
      createCookie("__followthrough", { secrets: [process.env.SESSION_SECRET!] }).parse(header);
    for (const cookie of [first, second]) {
      const token = await sessionCookieToken(cookie);
      // 32 random bytes, nothing about the user in the cookie.
      expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(cookie).not.toContain(String(org.user.id) + "}");
      const rows = await db
        .selectFrom("sessions")
        .select(["token_hash", "user_id", "organization_id"])
        .where("user_id", "=", org.user.id)
        .execute();
      expect(rows.some((r) => r.token_hash.includes(token))).toBe(false);
      const { hashSessionToken } = await import("../../app/data/sessions.server");
      expect(rows.find((r) => r.token_hash === hashSessionToken(token))).toMatchObject({
        user_id: org.user.id,
        organization_id: org.organizationId,
      });
    }
  });

  it("opens nothing with a cookie after signing out", async () => {
    const org = await createWorkspace(db, { role: "recruiter" });
    const cookie = await sessionCookie(org.user.id);
    const other = await sessionCookie(org.user.id);
    const { action } = await import("../../app/routes/sign-out");
    const response = (await action(post("/sign-out", cookie, {}))) as Response;
    expect(response.status).toBe(302);
    expect(response.headers.get("Set-Cookie")).toMatch(/__followthrough=;.*Max-Age=0/);
    expect(await signedIn(cookie)).toBe(false);
    const page = await import("../../app/routes/_app.candidates._index");
    await expect(page.loader(routeArgs("/candidates", cookie))).rejects.toMatchObject({ status: 302 });
    // Another browser of the same person stays signed in.
    expect(await signedIn(other)).toBe(true);
  });

  it("refuses a cookie from before server-side sessions (a signed {userId})", async () => {
    const org = await createWorkspace(db, { role: "admin" });
    const { createCookieSessionStorage } = await import("@remix-run/node");
    const old = createCookieSessionStorage<{ userId: number }>({
      cookie: { name: "__followthrough", secrets: [process.env.SESSION_SECRET!] },
    });
    const session = await old.getSession();
    session.set("userId", org.user.id);
    const cookie = (await old.commitSession(session)).split(";")[0];
    expect(await signedIn(cookie)).toBe(false);
  });

  it("ends after the absolute expiry, and after the idle expiry", async () => {
    const org = await createWorkspace(db, { role: "recruiter" });
    const { SESSION_IDLE_MS } = await import("../../app/data/sessions.server");
    const expired = await sessionCookie(org.user.id);
    await db
      .updateTable("sessions")
      .set({ expires_at: new Date(Date.now() - 1000).toISOString() })
      .where("id", "=", (await sessionOf(expired)).id)
      .execute();
    expect(await signedIn(expired)).toBe(false);

    const idle = await sessionCookie(org.user.id);
    const row = await sessionOf(idle);
    await db
      .updateTable("sessions")
      .set({ last_seen_at: new Date(Date.now() - SESSION_IDLE_MS + 60_000).toISOString() })
      .where("id", "=", row.id)
      .execute();
    expect(await signedIn(idle)).toBe(true);
    await db
      .updateTable("sessions")
      .set({ last_seen_at: new Date(Date.now() - SESSION_IDLE_MS - 1000).toISOString() })
      .where("id", "=", row.id)
      .execute();
    expect(await signedIn(idle)).toBe(false);
  });

  it("notes the last use at most once a minute", async () => {
    const org = await createWorkspace(db, { role: "recruiter" });
    const cookie = await sessionCookie(org.user.id);
    const { id, last_seen_at: started } = await sessionOf(cookie);
    // The request does not wait for its note of the last use, but starts it before it answers: a
    // write it started would show here at once, without waiting a while for it.
    const updates = vi.spyOn(db, "updateTable");
    for (let i = 0; i < 5; i++) expect(await signedIn(cookie)).toBe(true);
    expect(updates).not.toHaveBeenCalled();
    expect(
      (await db.selectFrom("sessions").select("last_seen_at").where("id", "=", id).executeTakeFirstOrThrow())
        .last_seen_at,
    ).toBe(started);

    const twoMinutesAgo = new Date(Date.now() - 120_000).toISOString();
    await db.updateTable("sessions").set({ last_seen_at: twoMinutesAgo }).where("id", "=", id).execute();
    updates.mockClear();
    const asked = Date.now();
    expect(await signedIn(cookie)).toBe(true);
    // (The spy does see the note when there is one.)
    expect(updates).toHaveBeenCalledWith("sessions");
    updates.mockRestore();
    // The write is not awaited by the request: wait for it.
    let seen = twoMinutesAgo;
    while (seen === twoMinutesAgo) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      seen = (
        await db.selectFrom("sessions").select("last_seen_at").where("id", "=", id).executeTakeFirstOrThrow()
      ).last_seen_at;
    }
    expect(Date.parse(seen)).toBeGreaterThanOrEqual(asked);
  });

  it("signs out every other browser when the password changes, keeping the one that changed it", async () => {
    const org = await createWorkspace(db, { role: "hiring_manager" });
    const { hashPassword } = await import("../../app/auth/password.server");
    await db
      .updateTable("users")
      .set({ password_hash: await hashPassword("the old password") })
      .where("id", "=", org.user.id)
      .execute();
    const here = await sessionCookie(org.user.id);
    const laptop = await sessionCookie(org.user.id);
    const phone = await sessionCookie(org.user.id);
    const { action } = await import("../../app/routes/_app.account");
    await action(
      post("/account", here, {
        intent: "password",
        current: "the old password",
        password: "a brand new passphrase",
        confirm: "a brand new passphrase",
      }),
    );
    expect(await signedIn(here)).toBe(true);
    expect(await signedIn(laptop)).toBe(false);
    expect(await signedIn(phone)).toBe(false);
  });

  it("signs out every session of a deactivated user, and reactivation does not bring them back", async () => {
    const org = await createWorkspace(db, { role: "admin" });
    const recruiter = await createUser(db, { organization_id: org.organizationId, role: "recruiter" });
    const admin = await sessionCookie(org.user.id);
    const theirs = [await sessionCookie(recruiter.id), await sessionCookie(recruiter.id)];
    const { action } = await import("../../app/routes/_app.users");
    await action(post("/users", admin, { intent: "deactivate", userId: String(recruiter.id) }));
    const revoked = await db
      .selectFrom("sessions")
      .select("revoked_at")
      .where("user_id", "=", recruiter.id)
      .execute();
    expect(revoked.map((r) => r.revoked_at !== null)).toEqual([true, true]);
    await action(post("/users", admin, { intent: "reactivate", userId: String(recruiter.id) }));
    for (const cookie of theirs) expect(await signedIn(cookie)).toBe(false);
    expect(await signedIn(admin)).toBe(true);
  });

  it("signs out everywhere from the account page, this browser included", async () => {
    const org = await createWorkspace(db, { role: "client_viewer" });
    const here = await sessionCookie(org.user.id);
    const elsewhere = await sessionCookie(org.user.id);
    const { loader, action } = await import("../../app/routes/_app.account");
    const page = (await loader(routeArgs("/account", here))) as { sessions: { current: boolean }[] };
    expect(page.sessions.map((s) => s.current).sort()).toEqual([false, true]);
    const response = (await action(post("/account", here, { intent: "sign-out-everywhere" }))) as Response;
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe("/sign-in");
    expect(response.headers.get("Set-Cookie")).toMatch(/__followthrough=;/);
    expect(await signedIn(here)).toBe(false);
    expect(await signedIn(elsewhere)).toBe(false);
  });

  it("marks the cookie Secure for a request over https, or with COOKIE_SECURE=1", async () => {
    const org = await createWorkspace(db, { role: "recruiter" });
    const { startSession } = await import("../../app/auth/session.server");
    const overHttps = await startSession(
      org.user.id,
      "/",
      new Request("https://followthrough.example/sign-in", { method: "POST" }),
    );
    expect(overHttps.headers.get("Set-Cookie")).toMatch(/; Secure/);
    const overHttp = await startSession(
      org.user.id,
      "/",
      new Request("http://localhost/sign-in", { method: "POST" }),
    );
    expect(overHttp.headers.get("Set-Cookie")).not.toMatch(/; Secure/);
    process.env.COOKIE_SECURE = "1";
    try {
      const forced = await startSession(
        org.user.id,
        "/",
        new Request("http://localhost/sign-in", { method: "POST" }),
      );
      expect(forced.headers.get("Set-Cookie")).toMatch(/; Secure/);
    } finally {
      delete process.env.COOKIE_SECURE;
    }
  });
});

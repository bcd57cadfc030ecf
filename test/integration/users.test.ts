import { beforeAll, describe, expect, it } from "vitest";
import type { Kysely } from "kysely";
import type { Database } from "../../db/schema";
import { createUser, createWorkspace } from "../factories";
import { freshDatabase, routeArgs, sessionCookie, statusOf as responseStatus } from "../helpers";

/** Like statusOf, and also reads the status of data(…, { status }) results. */
async function statusOf(run: () => Promise<unknown>): Promise<number> {
  return responseStatus(async () => {
    const result = await run();
    const init =
      (result as { type?: string; init?: { status?: number } } | null)?.type === "DataWithResponseInit"
        ? (result as { init?: { status?: number } }).init
        : null;
    return init ? new Response(null, { status: init.status ?? 200 }) : result;
  });
}

let db: Kysely<Database>;
beforeAll(async () => {
  db = await freshDatabase();
});

const post = (
  url: string,
  cookie: string | null,
  body: Record<string, string>,
  params: Record<string, string> = {},
) =>
  routeArgs(url, cookie, params, {
    method: "POST",
    body: new URLSearchParams(body),
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
  });

async function invite(cookie: string, body: Record<string, string>) {
  const { action } = await import("../../app/routes/_app.users");
  const result = (await action(post("/users", cookie, { intent: "invite", ...body }))) as unknown as {
    data: { intent: string; link?: string; errors?: Record<string, string[]> };
    init?: { status?: number };
  };
  return { status: result.init?.status ?? 200, ...result.data };
}

describe("users and invitations", () => {
  it("invites with a one-time link that sets the password once, stored only as a hash", async () => {
    const org = await createWorkspace(db, { role: "admin" });
    const cookie = await sessionCookie(org.user.id);
    const result = await invite(cookie, {
      name: "Nora New",
      email: "Nora@Example.test",
      role: "client_viewer",
      clientId: String(org.clientId),
    });
    expect(result.status).toBe(200);
    const token = result.link!.split("/invite/")[1];
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const stored = await db.selectFrom("user_invites").select("token_hash").execute();
    expect(stored.some((r) => r.token_hash.includes(token))).toBe(false);
    const user = await db
      .selectFrom("users")
      .selectAll()
      .where("email", "=", "nora@example.test")
      .executeTakeFirstOrThrow();
    expect(user).toMatchObject({ role: "client_viewer", client_id: org.clientId, password_hash: null });

    const page = await import("../../app/routes/invite.$token");
    expect(await statusOf(() => page.loader(routeArgs(`/invite/${token}`, null, { token })))).toBe(200);
    // Too short, then mismatched: refused with the reason, and the link still works.
    expect(
      await statusOf(() =>
        page.action(post(`/invite/${token}`, null, { password: "short", confirm: "short" }, { token })),
      ),
    ).toBe(400);
    expect(
      await statusOf(() =>
        page.action(
          post(
            `/invite/${token}`,
            null,
            { password: "long enough pass", confirm: "different pass" },
            { token },
          ),
        ),
      ),
    ).toBe(400);
    const accepted = (await page.action(
      post(
        `/invite/${token}`,
        null,
        { password: "long enough pass", confirm: "long enough pass" },
        { token },
      ),
    )) as Response;
    expect(accepted.status).toBe(302);
    expect(accepted.headers.get("Set-Cookie")).toContain("__followthrough=");
    const { authenticate } = await import("../../app/auth/sign-in.server");
    expect(await authenticate("nora@example.test", "long enough pass")).toEqual({
      status: "ok",
      userId: user.id,
    });
    // Single use.
    expect(await statusOf(() => page.loader(routeArgs(`/invite/${token}`, null, { token })))).toBe(410);
    expect(
      await statusOf(() =>
        page.action(
          post(
            `/invite/${token}`,
            null,
            { password: "another long one", confirm: "another long one" },
            { token },
          ),
        ),
      ),
    ).toBe(410);
  });

  it("refuses expired and unknown links with the same 410", async () => {
    const org = await createWorkspace(db, { role: "admin" });
    const { inviteUser, findInvite } = await import("../../app/data/users.server");
    const old = await inviteUser(
      db,
      org.user,
      { name: "Old Link", email: "old@example.test", role: "recruiter", clientId: null },
      new Date("2020-01-01T00:00:00Z"),
    );
    expect(old.ok && (await findInvite(db, old.token!))).toBeNull();
    const page = await import("../../app/routes/invite.$token");
    const unknown = "A".repeat(43);
    expect(await statusOf(() => page.loader(routeArgs(`/invite/${unknown}`, null, { token: unknown })))).toBe(
      410,
    );
    expect(await statusOf(() => page.loader(routeArgs(`/invite/x`, null, { token: "x" })))).toBe(410);
  });

  it("validates invitations: email taken, client viewers need a client of this organization", async () => {
    const org = await createWorkspace(db, { role: "admin" });
    const other = await createWorkspace(db, { role: "admin" });
    const cookie = await sessionCookie(org.user.id);
    expect(
      (await invite(cookie, { name: "X", email: org.user.email, role: "recruiter" })).errors?.email,
    ).toBeTruthy();
    expect(
      (await invite(cookie, { name: "X", email: "cv@example.test", role: "client_viewer" })).errors?.clientId,
    ).toBeTruthy();
    expect(
      (
        await invite(cookie, {
          name: "X",
          email: "cv@example.test",
          role: "client_viewer",
          clientId: String(other.clientId),
        })
      ).errors?.clientId,
    ).toBeTruthy();
    expect((await invite(cookie, { name: "", email: "nope", role: "boss" })).status).toBe(400);
  });

  it("changes roles, keeps one active admin, and deactivation ends sessions at once", async () => {
    const org = await createWorkspace(db, { role: "admin" });
    const recruiter = await createUser(db, { organization_id: org.organizationId, role: "recruiter" });
    const adminCookie = await sessionCookie(org.user.id);
    const recruiterCookie = await sessionCookie(recruiter.id);
    const { action } = await import("../../app/routes/_app.users");
    const dashboard = await import("../../app/routes/_app.candidates._index");

    expect(
      await statusOf(() =>
        action(
          post("/users", adminCookie, { intent: "role", userId: String(org.user.id), role: "recruiter" }),
        ),
      ),
    ).toBe(400);
    expect(
      await statusOf(() =>
        action(post("/users", adminCookie, { intent: "deactivate", userId: String(org.user.id) })),
      ),
    ).toBe(400);
    expect(
      await statusOf(() =>
        action(
          post("/users", adminCookie, {
            intent: "role",
            userId: String(recruiter.id),
            role: "hiring_manager",
          }),
        ),
      ),
    ).toBe(200);
    expect(
      (await db.selectFrom("users").select("role").where("id", "=", recruiter.id).executeTakeFirstOrThrow())
        .role,
    ).toBe("hiring_manager");

    expect(await statusOf(() => dashboard.loader(routeArgs("/candidates", recruiterCookie)))).toBe(200);
    expect(
      await statusOf(() =>
        action(post("/users", adminCookie, { intent: "deactivate", userId: String(recruiter.id) })),
      ),
    ).toBe(200);
    expect(await statusOf(() => dashboard.loader(routeArgs("/candidates", recruiterCookie)))).toBe(302);
    expect(
      await statusOf(() =>
        action(post("/users", adminCookie, { intent: "reactivate", userId: String(recruiter.id) })),
      ),
    ).toBe(200);
    // Reactivating does not bring the old session back: the person signs in again.
    expect(await statusOf(() => dashboard.loader(routeArgs("/candidates", recruiterCookie)))).toBe(302);
    expect(
      await statusOf(async () =>
        dashboard.loader(routeArgs("/candidates", await sessionCookie(recruiter.id))),
      ),
    ).toBe(200);

    // Another organization's user cannot be touched.
    const stranger = await createWorkspace(db, { role: "recruiter" });
    expect(
      await statusOf(() =>
        action(post("/users", adminCookie, { intent: "deactivate", userId: String(stranger.user.id) })),
      ),
    ).toBe(400);
    expect(
      (
        await db
          .selectFrom("users")
          .select("active")
          .where("id", "=", stranger.user.id)
          .executeTakeFirstOrThrow()
      ).active,
    ).toBe(1);
    const audit = await db
      .selectFrom("audit_log")
      .select(["action", "entity"])
      .where("organization_id", "=", org.organizationId)
      .where("entity", "=", "user")
      .execute();
    expect(audit.length).toBeGreaterThanOrEqual(3);
  });

  it("changes one's own password only with the current one", async () => {
    const org = await createWorkspace(db, { role: "hiring_manager" });
    const { hashPassword } = await import("../../app/auth/password.server");
    await db
      .updateTable("users")
      .set({ password_hash: await hashPassword("the old password") })
      .where("id", "=", org.user.id)
      .execute();
    const cookie = await sessionCookie(org.user.id);
    const { action } = await import("../../app/routes/_app.account");
    expect(
      await statusOf(() =>
        action(
          post("/account", cookie, {
            current: "wrong password",
            password: "a brand new one",
            confirm: "a brand new one",
          }),
        ),
      ),
    ).toBe(400);
    expect(
      await statusOf(() =>
        action(
          post("/account", cookie, {
            current: "the old password",
            password: "a brand new one",
            confirm: "a brand new 1",
          }),
        ),
      ),
    ).toBe(400);
    expect(
      await statusOf(() =>
        action(
          post("/account", cookie, {
            current: "the old password",
            password: "a brand new one",
            confirm: "a brand new one",
          }),
        ),
      ),
    ).toBe(200);
    const { authenticate } = await import("../../app/auth/sign-in.server");
    expect(await authenticate(org.user.email, "a brand new one")).toEqual({
      status: "ok",
      userId: org.user.id,
    });
    expect(await authenticate(org.user.email, "the old password")).toEqual({ status: "mismatch" });
  });
});

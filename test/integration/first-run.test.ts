import { beforeAll, describe, expect, it } from "vitest";
import type { Kysely } from "kysely";
import type { Database } from "../../db/schema";
import { freshDatabase, routeArgs, statusOf } from "../helpers";

let db: Kysely<Database>;
beforeAll(async () => {
  db = await freshDatabase();
});

function post(fields: Record<string, string>) {
  return routeArgs("/first-run", null, {}, { method: "POST", body: new URLSearchParams(fields) });
}

describe("the first-run page of an empty database (DEMO=0)", () => {
  it("sends sign-in to first-run, explains bad input beside each field, then creates the organization and its admin once", async () => {
    const signIn = await import("../../app/routes/sign-in");
    const firstRun = await import("../../app/routes/first-run");

    const toFirstRun = (await signIn.loader(routeArgs("/sign-in", null))) as Response;
    expect(toFirstRun.headers.get("Location")).toBe("/first-run");

    const bad = (await firstRun.action(
      post({ organizationName: "A", name: "", email: "nope", password: "short", confirm: "other" }),
    )) as unknown as {
      data: { values: Record<string, string>; errors: Record<string, string[]> };
      init: { status: number };
    };
    expect(bad.init.status).toBe(400);
    expect(Object.keys(bad.data.errors).sort()).toEqual([
      "confirm",
      "email",
      "name",
      "organizationName",
      "password",
    ]);
    expect(bad.data.values.email).toBe("nope");
    expect(await db.selectFrom("organizations").selectAll().execute()).toEqual([]);

    const good = {
      organizationName: "Brightlane Talent",
      name: "Ada Admin",
      email: "Ada@Brightlane.io",
      password: "a-long-password",
      confirm: "a-long-password",
    };
    const created = (await firstRun.action(post(good))) as Response;
    expect(created.status).toBe(302);
    expect(created.headers.get("Set-Cookie")).toMatch(/__followthrough=.*HttpOnly.*SameSite=Lax/i);
    const admin = await db.selectFrom("users").selectAll().executeTakeFirstOrThrow();
    expect(admin).toMatchObject({ email: "ada@brightlane.io", role: "admin", active: 1 });
    expect(admin.password_hash).toMatch(/^\$argon2/);

    // The page exists only while the database is empty; a second submission creates nothing.
    expect(await statusOf(() => firstRun.loader())).toBe(302);
    await firstRun.action(post({ ...good, organizationName: "Second Org" }));
    expect((await db.selectFrom("organizations").select("name").execute()).map((o) => o.name)).toEqual([
      "Brightlane Talent",
    ]);
  });
});

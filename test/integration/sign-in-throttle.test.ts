// Sign-in throttling per account and per client address (app/auth/sign-in.server.ts, migration 0016).
// No timing assertions: what is checked is who gets 429, when it lifts, and that every path that
// answers "no match" has run one argon2 verification.
import { beforeAll, describe, expect, it, vi } from "vitest";
import type { Kysely } from "kysely";
import type { Database } from "../../db/schema";
import { createUser, createWorkspace } from "../factories";
import { freshDatabase, routeArgs } from "../helpers";

// Counts argon2 verifications while running the real one.
const verifications = vi.hoisted(() => ({ count: 0 }));
vi.mock("@node-rs/argon2", async (importOriginal) => {
  const actual = await importOriginal<typeof import("@node-rs/argon2")>();
  return {
    ...actual,
    verify: (...args: Parameters<typeof actual.verify>) => {
      verifications.count += 1;
      return actual.verify(...args);
    },
  };
});

let db: Kysely<Database>;
const PASSWORD = "correct horse battery";

beforeAll(async () => {
  // The test files share one process (vitest.config.ts): an earlier one may have loaded the sign-in
  // code with the real argon2; loaded afresh, it gets the counting one above.
  vi.resetModules();
  db = await freshDatabase();
});

async function userWithPassword(role: "recruiter" | "admin" = "recruiter") {
  const org = await createWorkspace(db, { role });
  const { hashPassword } = await import("../../app/auth/password.server");
  await db
    .updateTable("users")
    .set({ password_hash: await hashPassword(PASSWORD) })
    .where("id", "=", org.user.id)
    .execute();
  return org;
}

/** Posts the sign-in form from a client address; answers the status, Retry-After and the form's message. */
async function signIn(email: string, password: string, address: string) {
  const { action } = await import("../../app/routes/sign-in");
  const args = routeArgs(
    "/sign-in",
    null,
    {},
    { method: "POST", body: new URLSearchParams({ email, password, redirectTo: "/" }) },
  );
  const result = (await action({ ...args, context: { clientAddress: address } })) as unknown;
  if (result instanceof Response) return { status: result.status, retryAfter: null, message: null };
  const d = result as {
    data: { formError: string | null };
    init?: { status?: number; headers?: Record<string, string> };
  };
  return {
    status: d.init?.status ?? 200,
    retryAfter: d.init?.headers?.["Retry-After"] ?? null,
    message: d.data.formError,
  };
}

describe("sign-in throttling", () => {
  it("meets a burst of 30 wrong passwords, sent all at once, with at least 25 answers of 429", async () => {
    const org = await userWithPassword();
    const before = verifications.count;
    const answers = await Promise.all(
      Array.from({ length: 30 }, (_, i) => signIn(org.user.email, `wrong guess ${i}`, "198.51.100.7")),
    );
    const statuses = answers.map((a) => a.status);
    // Attempts still being checked count against the limit too, so of 30 at once at most 5 are answered
    // (none, when all 30 are written down before any is counted; one by one, exactly 5: below). Only
    // the answered ones cost a verification.
    const answered = statuses.filter((s) => s === 400).length;
    expect(statuses.filter((s) => s === 429).length).toBe(30 - answered);
    expect(answered).toBeLessThanOrEqual(5);
    expect(verifications.count - before).toBe(answered);
    const throttled = answers.find((a) => a.status === 429)!;
    expect(Number(throttled.retryAfter)).toBeGreaterThan(0);
    expect(Number(throttled.retryAfter)).toBeLessThanOrEqual(15 * 60);
    expect(throttled.message).toMatch(/^Too many sign-in attempts\. Wait \d+ minutes and try again\.$/);

    // Failures up to 5 in all are still answered; then the account is locked…
    for (let i = answered; i < 5; i++)
      expect((await signIn(org.user.email, `slow guess ${i}`, "198.51.100.7")).status).toBe(400);
    expect((await signIn(org.user.email, "one guess too many", "198.51.100.8")).status).toBe(429);
    // …and the right password is refused too while it is, from any address…
    expect((await signIn(org.user.email, PASSWORD, "203.0.113.50")).status).toBe(429);
    // …and accepted once the window has passed, at once: no delay carried over.
    const { authenticate } = await import("../../app/auth/sign-in.server");
    const later = new Date(Date.now() + 15 * 60_000 + 1000);
    expect(await authenticate(org.user.email, PASSWORD, "203.0.113.50", later)).toEqual({
      status: "ok",
      userId: org.user.id,
    });
  });

  it("limits one address to 20 failures across accounts, without touching other addresses", async () => {
    const org = await userWithPassword();
    const statuses: number[] = [];
    for (let i = 0; i < 22; i++)
      statuses.push((await signIn(`sprayed${i}@example.test`, "Summer2026!", "192.0.2.99")).status);
    expect(statuses.slice(0, 20).every((s) => s === 400)).toBe(true);
    expect(statuses.slice(20)).toEqual([429, 429]);
    // A real account from that address is refused; the same account from another address signs in.
    expect((await signIn(org.user.email, PASSWORD, "192.0.2.99")).status).toBe(429);
    expect((await signIn(org.user.email, PASSWORD, "192.0.2.100")).status).toBe(302);
  });

  it("forgets an account's failures when it signs in", async () => {
    const org = await userWithPassword();
    for (let i = 0; i < 4; i++)
      expect((await signIn(org.user.email, "nope nope nope", "198.51.100.20")).status).toBe(400);
    expect((await signIn(org.user.email, PASSWORD, "198.51.100.20")).status).toBe(302);
    for (let i = 0; i < 5; i++)
      expect((await signIn(org.user.email, "nope nope nope", "198.51.100.21")).status).toBe(400);
    expect((await signIn(org.user.email, "nope nope nope", "198.51.100.21")).status).toBe(429);
  });

  it("runs one argon2 verification for an unknown email, an invited user without a password, and a wrong password alike", async () => {
    const org = await userWithPassword();
    const invited = await createUser(db, { organization_id: org.organizationId, role: "recruiter" });
    const { authenticate } = await import("../../app/auth/sign-in.server");
    for (const email of ["nobody-here@example.test", invited.email, org.user.email]) {
      const before = verifications.count;
      expect(await authenticate(email, "a wrong password", `203.0.113.${email.length}`)).toEqual({
        status: "mismatch",
      });
      expect(verifications.count - before, email).toBe(1);
    }
    // Unknown emails are throttled like real ones: the lockout does not tell them apart.
    for (let i = 0; i < 5; i++) await authenticate("nobody-here@example.test", "x", "203.0.113.77");
    expect((await authenticate("nobody-here@example.test", "x", "203.0.113.78")).status).toBe("throttled");
  });
});

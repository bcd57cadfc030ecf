import { test as base, expect, type Locator, type Page } from "@playwright/test";
import AxeBuilder from "@axe-core/playwright";
import { openDatabase } from "../db/connection.server";
import { DEMO_ACCOUNTS } from "../app/demo/accounts";
import { ROLES, type Role } from "../app/core/roles";
import type { Client, Organization, User } from "../db/schema";
import {
  createApplication,
  createClient,
  createInterview,
  createOrganization,
  createSession,
  createUser,
} from "../test/factories";
import { SESSION_COOKIE, sessionCookieValue } from "../test/helpers";

// Set by playwright.config.ts, which also starts the server on it.
export const E2E_DATABASE = process.env.E2E_DATABASE ?? "e2e/.data/3107/e2e.db";

/** The e2e server's own database, for fixtures that insert the rows a test needs. */
export const db = openDatabase(E2E_DATABASE);

// Set by playwright.config.ts: the secret the server signs its session cookie with.
const SESSION_SECRET = process.env.E2E_SESSION_SECRET ?? "e2e-session-secret-not-for-production";

export function demoAccount(role: Role, index = 0) {
  const account = DEMO_ACCOUNTS.filter((a) => a.role === role)[index];
  if (!account) throw new Error(`no demo account with role ${role}`);
  return account;
}

/** The demo organization's user with this role, for tests that only read the demo data. */
export async function demoUser(role: Role, index = 0): Promise<User> {
  return db
    .selectFrom("users")
    .selectAll()
    .where("email", "=", demoAccount(role, index).email)
    .executeTakeFirstOrThrow();
}

/**
 * Signs in through the sign-in form. Only the tests of signing in use it: every other test signs in
 * with the `login` fixture.
 */
export async function signIn(page: Page, email: string, password: string) {
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  // Password hashing shares two cores with any rescore a previous test started: allow for a busy machine.
  await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible({ timeout: 20_000 });
}

/**
 * Saves a screenshot to e2e/screenshots/NAME.png for people to look at when E2E_SCREENSHOTS=1
 * (`npm run e2e:screenshots`): nothing compares them, so `npm test` leaves them out. A page is taken
 * whole unless fullPage is false; a locator is taken as it is.
 */
export async function screenshot(target: Page | Locator, name: string, { fullPage = true } = {}) {
  if (!process.env.E2E_SCREENSHOTS) return;
  const path = `e2e/screenshots/${name}.png`;
  await ("goto" in target ? target.screenshot({ path, fullPage }) : target.screenshot({ path }));
}

/** Fails on serious or critical accessibility violations, naming them. */
export async function expectAccessible(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(
    serious.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`),
  ).toEqual([]);
}

/**
 * An organization of the test's own, with a client and one user of each role (the client viewer sees
 * that client), all named uniquely: tests add the rest with the factories of test/factories.ts. No
 * test changes the demo organization.
 */
export type Workspace = {
  organization: Organization;
  client: Client;
  users: Record<Role, User>;
};

async function createE2eWorkspace(): Promise<Workspace> {
  // Marked as swept now: tests write stored scores and latencies directly, and the server's minute sweep
  // would otherwise start a first rescore that recomputes them from the bodies while the test runs.
  const organization = await createOrganization(db, { windows_swept_until: new Date().toISOString() });
  const client = await createClient(db, { organization_id: organization.id });
  const users = {} as Record<Role, User>;
  for (const role of ROLES) {
    users[role] = await createUser(db, {
      organization_id: organization.id,
      role,
      client_id: role === "client_viewer" ? client.id : null,
      email: `${role.replace("_", "-")}-${organization.id}@workspace.e2e.test`,
    });
  }
  return { organization, client, users };
}

type Fixtures = {
  consoleErrors: string[];
  /** Made on first use (by the test or by `login(role)`), once per test. */
  workspaceOnce: () => Promise<Workspace>;
  workspace: Workspace;
  /**
   * Signs the page's browser context in as the workspace's user of this role, or as the given user:
   * a session row in the e2e database and its cookie, as the sign-in form would make them.
   */
  login: (who: Role | Pick<User, "id">) => Promise<User>;
};

export const test = base.extend<Fixtures>({
  consoleErrors: [
    async ({ page }, use) => {
      const errors: string[] = [];
      page.on("console", (msg) => {
        // A 4xx answer to a form the test filled in badly on purpose is the expected reply, not an error.
        if (
          msg.type() === "error" &&
          !/Failed to load resource: the server responded with a status of 4\d\d/.test(msg.text())
        ) {
          errors.push(msg.text());
        }
      });
      page.on("pageerror", (error) => errors.push(error.message));
      await use(errors);
      expect(errors, "console errors in the page").toEqual([]);
    },
    { auto: true },
  ],
  // Playwright reads what a fixture needs from this pattern: this one needs nothing.
  // eslint-disable-next-line no-empty-pattern
  workspaceOnce: async ({}, provide) => {
    let made: Promise<Workspace> | undefined;
    await provide(() => (made ??= createE2eWorkspace()));
  },
  workspace: async ({ workspaceOnce }, provide) => {
    await provide(await workspaceOnce());
  },
  login: async ({ page, baseURL, workspaceOnce }, provide) => {
    await provide(async (who) => {
      const id = typeof who === "string" ? (await workspaceOnce()).users[who].id : who.id;
      const user = await db.selectFrom("users").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
      const session = await createSession(db, { user_id: user.id, user_agent: "Playwright login fixture" });
      await page.context().addCookies([
        {
          name: SESSION_COOKIE,
          value: await sessionCookieValue(session.token, SESSION_SECRET),
          url: baseURL!,
          httpOnly: true,
          sameSite: "Lax",
        },
      ]);
      return user;
    });
  },
});

export { expect };

/** Sets the workspace's default time zone (Settings): the zone its users read times and fill forms in. */
export async function setOrganizationZone(workspace: Workspace, timeZone: string): Promise<void> {
  await db
    .updateTable("organizations")
    .set({ time_zone: timeZone })
    .where("id", "=", workspace.organization.id)
    .execute();
}

/**
 * A candidate of the test's own in a position (of the test's workspace), with one round-1 video
 * interview; returns the candidate's id. Tests that need known answers use this, not the demo data.
 */
export async function insertInterviewedCandidate(
  positionId: number,
  input: {
    name: string;
    email: string;
    interview: {
      interviewerName: string;
      interviewerEmail?: string;
      startsAt: string;
      endsAt: string;
      timeZone: string;
      notes: string;
      closesAt: string;
    };
  },
): Promise<number> {
  const application = await createApplication(db, {
    position_id: positionId,
    candidate: { name: input.name, email: input.email },
  });
  const i = input.interview;
  await createInterview(db, {
    application_id: application.id,
    interviewer_name: i.interviewerName,
    interviewer_email: i.interviewerEmail ?? null,
    starts_at: i.startsAt,
    ends_at: i.endsAt,
    time_zone: i.timeZone,
    notes: i.notes,
    mail_token: null,
    closes_at: i.closesAt,
  });
  return application.candidate_id;
}

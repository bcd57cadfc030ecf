import { test as base, expect, type Page } from "@playwright/test";
import AxeBuilder from "@axe-core/playwright";
import { openDatabase } from "../db/connection.server";
import { DEMO_ACCOUNTS } from "../app/demo/accounts";
import type { Role } from "../app/core/roles";

// Set by playwright.config.ts, which also starts the server on it.
export const E2E_DATABASE = process.env.E2E_DATABASE ?? "e2e/.data/3107/e2e.db";

/** The e2e server's own database, for fixtures that insert the rows a test needs. */
export const db = openDatabase(E2E_DATABASE);

export function demoAccount(role: Role, index = 0) {
  const account = DEMO_ACCOUNTS.filter((a) => a.role === role)[index];
  if (!account) throw new Error(`no demo account with role ${role}`);
  return account;
}

export async function signIn(page: Page, email: string, password: string) {
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  // Password hashing shares two cores with any rescore a previous test started: allow for a busy machine.
  await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible({ timeout: 20_000 });
}

/** Fails on serious or critical accessibility violations, naming them. */
export async function expectAccessible(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(
    serious.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`),
  ).toEqual([]);
}

/** A console error in the page fails the test. */
export const test = base.extend<{ consoleErrors: string[] }>({
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
});

export { expect };

/**
 * A candidate of the test's own in the demo organization's first position, with one round-1 video
 * interview; returns the candidate's id. Tests that need known answers use this, not the demo data.
 */
export async function insertInterviewedCandidate(input: {
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
}): Promise<number> {
  const org = await db
    .selectFrom("organizations")
    .select("id")
    .where("is_demo", "=", 1)
    .executeTakeFirstOrThrow();
  const position = await db
    .selectFrom("positions")
    .select("id")
    .where("organization_id", "=", org.id)
    .orderBy("id")
    .executeTakeFirstOrThrow();
  const now = new Date().toISOString();
  const candidate = await db
    .insertInto("candidates")
    .values({
      organization_id: org.id,
      name: input.name,
      email: input.email,
      phone: null,
      source: "referral",
      created_at: now,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  const application = await db
    .insertInto("applications")
    .values({
      organization_id: org.id,
      candidate_id: candidate.id,
      position_id: position.id,
      stage: "interview",
      outcome: "pending",
      outcome_on: null,
      outcome_reason: null,
      recruiter_id: null,
      created_at: now,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  const i = input.interview;
  await db
    .insertInto("interviews")
    .values({
      organization_id: org.id,
      application_id: application.id,
      interviewer_name: i.interviewerName,
      interviewer_email: i.interviewerEmail ?? null,
      starts_at: i.startsAt,
      ends_at: i.endsAt,
      time_zone: i.timeZone,
      format: "video",
      round: 1,
      notes: i.notes,
      logged_by: null,
      created_at: now,
      mail_token: null,
      closes_at: i.closesAt,
    })
    .execute();
  return candidate.id;
}

import type { Browser } from "@playwright/test";
import { hashPassword } from "../app/auth/password.server";
import { createUser } from "../test/factories";
import { db, expect, screenshot, signIn, test, type Workspace } from "./utils";

/** A recruiter of the test's own workspace with a password, for the tests of signing in and of passwords. */
async function insertUser(workspace: Workspace, label: string, password: string) {
  return createUser(db, {
    organization_id: workspace.organization.id,
    name: `Sam ${label}`,
    password_hash: await hashPassword(password),
  });
}

async function secondBrowser(browser: Browser, email: string, password: string) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, email, password);
  return { context, page };
}

// Signs in through the real form, in two browsers: the other tests sign in with the login fixture.
test("signing out everywhere ends the sessions of every browser", async ({ page, browser, workspace }) => {
  const password = "Tulip Ledger 1987";
  const { email } = await insertUser(workspace, "everywhere", password);
  const other = await secondBrowser(browser, email, password);
  await signIn(page, email, password);

  await page.goto("/account");
  const sessions = page.getByRole("region", { name: "Where you are signed in" });
  await expect(sessions.getByText("In this browser and one other.")).toBeVisible();
  await expect(sessions.getByRole("row")).toHaveCount(3);
  await expect(sessions.getByText("this browser", { exact: true })).toBeVisible();
  await screenshot(page, "account-sessions");

  await sessions.getByRole("button", { name: "Sign out everywhere" }).click();
  await expect(page).toHaveURL(/\/sign-in$/);
  await expect(page.getByRole("button", { name: "Sign in" })).toBeVisible();

  // The other browser's next page asks it to sign in again.
  await other.page.goto("/candidates");
  await expect(other.page).toHaveURL(/\/sign-in\?redirectTo=%2Fcandidates/);
  await other.context.close();
});

test("a weak new password is refused with the reason beside the field", async ({
  page,
  workspace,
  login,
}) => {
  const password = "Tulip Ledger 1987";
  await login(await insertUser(workspace, "weak", password));
  await page.goto("/account");
  await page.getByLabel("Current password").fill(password);
  await page.getByLabel("New password", { exact: true }).fill("password1234");
  await page.getByLabel("Confirm new password").fill("password1234");
  await page.getByRole("button", { name: "Change password" }).click();
  const field = page.getByLabel("New password", { exact: true });
  await expect(field).toHaveAttribute("aria-invalid", "true");
  await expect(
    page.getByText(
      "This password is on a list of common passwords that attackers try first. Choose another.",
    ),
  ).toBeVisible();

  await page.getByLabel("Current password").fill(password);
  await field.fill("aaaaaaaaaaaa");
  await page.getByLabel("Confirm new password").fill("aaaaaaaaaaaa");
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(
    page.getByText("This password repeats the same few characters. Choose one that is harder to guess."),
  ).toBeVisible();
  await screenshot(page, "account-weak-password");
});

test("after five wrong passwords the sign-in form says to wait", async ({ page, workspace }) => {
  const { email } = await insertUser(workspace, "throttled", "Tulip Ledger 1987");
  await page.goto("/sign-in");
  for (let i = 0; i < 5; i++) {
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password").fill(`wrong guess ${i}`);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByRole("alert")).toHaveText(
      "That email and password do not match an active account.",
    );
  }
  // Even the right password waits now.
  await page.getByLabel("Password").fill("Tulip Ledger 1987");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("alert")).toHaveText(
    /^Too many sign-in attempts\. Wait 15 minutes and try again\.$/,
  );
  await expect(page.getByLabel("Email")).toHaveValue(email);
  await screenshot(page, "sign-in-throttled");
});

test("a form too large to accept is refused with a message, not a broken page", async ({ page }) => {
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill("someone@example.test");
  await page.getByLabel("Password").fill("x".repeat(1_100_000));
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { name: "That was too large to accept" })).toBeVisible();
  await expect(
    page.getByText("The request is larger than 1 MB, the limit for a form. Nothing was saved."),
  ).toBeVisible();
});

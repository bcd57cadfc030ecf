// Outgoing mail end to end: the server sends to a real SMTP sink this spec starts on the port
// playwright.config.ts gave the server as SMTP_URL; the spec reads the mail the user would get.
import { createOutboxMessage } from "../test/factories";
import { startMailSink, type MailSink } from "../test/mail-sink";
import { db, expect, expectAccessible, signIn, test } from "./utils";

let sink: MailSink;
test.beforeAll(async () => {
  sink = await startMailSink(Number(process.env.E2E_SMTP_PORT));
});
test.afterAll(async () => {
  await sink?.close();
});

test("a user who forgot their password resets it from a mailed link", async ({ page, workspace }) => {
  const user = workspace.users.recruiter;
  await page.goto("/sign-in");
  await page.getByRole("link", { name: "Forgot password?" }).click();
  await expect(page.getByRole("heading", { name: "Forgot your password?" })).toBeVisible();
  await expectAccessible(page);
  await page.getByLabel("Email").fill(user.email);
  await page.getByRole("button", { name: "Mail me a link" }).click();
  await expect(page.getByRole("status")).toContainText(`If ${user.email} belongs to an account`);

  // The mail arrives (the server's sender looks every few seconds).
  await expect
    .poll(() => sink.messages.filter((m) => m.to.includes(user.email)).length, { timeout: 60_000 })
    .toBe(1);
  const mail = sink.messages.find((m) => m.to.includes(user.email))!;
  expect(mail.subject).toBe("Reset your Followthrough password");
  const link = mail.text.match(/https?:\/\/\S+\/reset-password\/[A-Za-z0-9_-]{43}/)![0];

  await page.goto(link);
  await expect(page.getByRole("heading", { name: `Choose a new password, ${user.name}` })).toBeVisible();
  await expectAccessible(page);
  await page.screenshot({ path: "e2e/screenshots/mail-reset-password.png", fullPage: true });
  const password = "a-brand-new-harbour-lantern-42";
  await page.getByLabel("New password").fill(password);
  await page.getByLabel("Confirm password").fill(password);
  await page.getByRole("button", { name: "Save password and sign in" }).click();
  await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible({ timeout: 20_000 });

  // The link works once.
  await page.goto(link);
  await expect(page.getByText("This link has expired or has already been used.")).toBeVisible();

  // The new password signs in.
  await page.context().clearCookies();
  await signIn(page, user.email, password);
});

test("an admin sees the outbox and retries a failed message", async ({ page, workspace, login }) => {
  await createOutboxMessage(db, {
    organization_id: workspace.organization.id,
    subject: "Weekly report for Acme",
    to_address: "ceo@acme.example",
    status: "failed",
    attempts: 6,
    last_error: "Connection refused (the test's peer was down)",
    kind: "client_report",
  });
  await login("admin");
  await page.goto("/settings");
  await page.getByRole("link", { name: "Outbox" }).click();
  await expect(page.getByRole("heading", { name: "Outbox", level: 1 })).toBeVisible();
  const row = page.getByRole("row", { name: /Weekly report for Acme/ });
  await expect(row).toContainText("Failed");
  await expect(row).toContainText("Connection refused");
  await expectAccessible(page);
  await page.screenshot({ path: "e2e/screenshots/mail-outbox.png", fullPage: true });

  await row.getByRole("button", { name: /Retry/ }).click();
  await expect(page.getByRole("status").filter({ hasText: "Queued again" })).toBeVisible();
  await expect
    .poll(() => sink.messages.filter((m) => m.subject === "Weekly report for Acme").length, {
      timeout: 60_000,
    })
    .toBe(1);
  await page.reload();
  await expect(page.getByRole("row", { name: /Weekly report for Acme/ })).toContainText("Sent");
});

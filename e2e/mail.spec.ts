// Outgoing mail end to end: the server sends to a real SMTP sink this spec starts on the port
// playwright.config.ts gave the server as SMTP_URL; the spec reads the mail the user would get.
import {
  createApplication,
  createFollowUp,
  createInterview,
  createOrganizationBranding,
  createOutboxMessage,
  createPosition,
} from "../test/factories";
import { pngLogoColumns } from "../test/images";
import { startMailSink, type MailSink } from "../test/mail-sink";
import { db, expect, expectAccessible, screenshot, signIn, test } from "./utils";

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
  await screenshot(page, "mail-reset-password");
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
  await screenshot(page, "mail-outbox");

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

test("a client contact receives the scheduled report mail in the agency's colours", async ({
  page,
  workspace,
  login,
  baseURL,
}) => {
  const brand = pngLogoColumns(96, 32, [15, 94, 87]);
  await createOrganizationBranding(db, {
    organization_id: workspace.organization.id,
    display_name: "Harbour Lane Talent",
    color: "#0f5e57",
    ...brand,
  });
  // A zone where it is past 07:00 now, so that last week's report is due (it goes out from 07:00 local).
  const offset = 12 - new Date().getUTCHours();
  const zone = offset === 0 ? "UTC" : `Etc/GMT${offset > 0 ? "-" : "+"}${Math.abs(offset)}`;
  await db
    .updateTable("organizations")
    .set({ time_zone: zone })
    .where("id", "=", workspace.organization.id)
    .execute();

  await login("recruiter");
  await page.goto("/clients");
  await page.getByRole("link", { name: `Report by mail for ${workspace.client.name}` }).click();
  await page.getByLabel("Send the report").selectOption("weekly");
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Saved." })).toBeVisible();
  const contact = `ada.${workspace.organization.id}@client.e2e.test`;
  await page.getByLabel("Name").fill("Ada Client");
  await page.getByLabel("Email").fill(contact);
  await page.getByRole("button", { name: "Add contact" }).click();
  await expect(page.getByText(contact)).toBeVisible();
  await expectAccessible(page);

  // The server's scheduler looks every minute; run its pass now rather than wait (the mail still goes
  // through the server's outbox sender to the sink). Without the PDF: the integration test prints it.
  // Links as the server writes them: its address, and its secret for the signed unsubscribe link.
  process.env.APP_URL = baseURL;
  process.env.SESSION_SECRET = process.env.E2E_SESSION_SECRET;
  const { queueDueReports } = await import("../app/data/scheduled-mail.server");
  await queueDueReports(db, new Date(), { renderPdf: null });
  await expect
    .poll(() => sink.messages.filter((m) => m.to.includes(contact)).length, { timeout: 90_000 })
    .toBeGreaterThan(0);
  const mail = sink.messages.find((m) => m.to.includes(contact))!;
  expect(mail.subject).toMatch(new RegExp(`^${workspace.client.name}: follow-up report for the week of`));
  expect(mail.text).toMatch(/— Harbour Lane Talent, with Followthrough/);
  const cid = /src="cid:([^"]+)"/.exec(mail.html)![1]!;
  const inline = mail.attachments.find((a) => a.contentId === cid)!;
  expect(inline.content.equals(brand.logo)).toBe(true);

  // The HTML part as a mail client shows it: the inline logo in place of its cid.
  await page.setContent(
    mail.html.replace(`cid:${cid}`, `data:${inline.mimeType};base64,${inline.content.toString("base64")}`),
  );
  // The name in white on the band of the agency's colour.
  const name = page.getByText("Harbour Lane Talent", { exact: true });
  await expect(name).toBeVisible();
  const band = await name.evaluate((el) => {
    let at: Element | null = el;
    while (at && getComputedStyle(at).backgroundColor === "rgba(0, 0, 0, 0)") at = at.parentElement;
    return { background: at && getComputedStyle(at).backgroundColor, color: getComputedStyle(el).color };
  });
  expect(band).toEqual({ background: "rgb(15, 94, 87)", color: "rgb(255, 255, 255)" });
  await expect(page.getByRole("img", { name: "Harbour Lane Talent logo" })).toBeVisible();
  expect(
    await page
      .getByRole("img", { name: "Harbour Lane Talent logo" })
      .evaluate((img: HTMLImageElement) => img.naturalWidth),
  ).toBe(96);
  await expectAccessible(page);
  await screenshot(page, "mail-client-report");

  // Its button opens the period's report, branded, without an account.
  const href = await page.getByRole("link", { name: "Open the whole report" }).getAttribute("href");
  await page.context().clearCookies();
  await page.goto(href!);
  await expect(page.getByRole("heading", { name: workspace.client.name, level: 1 })).toBeVisible();
  await expect(page.locator(".brand-band")).toContainText("Harbour Lane Talent");
});

test("an invited colleague gets the link by mail, then a note when a candidate follows up", async ({
  page,
  browser,
  workspace,
  login,
  baseURL,
}) => {
  await login("admin");
  await page.goto("/users");
  const invite = page
    .locator("form")
    .filter({ has: page.getByRole("button", { name: "Create invitation link" }) });
  const email = `rosa.${workspace.organization.id}@mail.e2e.test`;
  await invite.getByLabel("Name").fill("Rosa Recruiter");
  await invite.getByLabel("Email").fill(email);
  await invite.getByLabel("Role").selectOption("recruiter");
  await invite.getByRole("button", { name: "Create invitation link" }).click();
  await expect(page.getByRole("row", { name: /Rosa Recruiter/ })).toContainText("Invited");

  // The invitation arrives; its link sets Rosa's password and signs her in.
  await expect
    .poll(() => sink.messages.filter((m) => m.to.includes(email)).length, { timeout: 60_000 })
    .toBe(1);
  const invitation = sink.messages.find((m) => m.to.includes(email))!;
  expect(invitation.subject).toMatch(/invited you to .* on Followthrough$/);
  const link = invitation.text.match(/https?:\/\/\S+\/invite\/[A-Za-z0-9_-]{43}/)![0];
  const rosaContext = await browser.newContext();
  const rosa = await rosaContext.newPage();
  await rosa.goto(link);
  await rosa.getByLabel("New password", { exact: true }).fill("rosa-harbour-lantern-7");
  await rosa.getByLabel("Confirm password").fill("rosa-harbour-lantern-7");
  await rosa.getByRole("button", { name: "Set password and sign in" }).click();
  await expect(rosa.getByRole("button", { name: "Sign out" })).toBeVisible({ timeout: 20_000 });

  // Rosa recruits for a candidate who writes after the interview: she is told, with the window and score.
  const rosaId = (
    await db.selectFrom("users").select("id").where("email", "=", email).executeTakeFirstOrThrow()
  ).id;
  const position = await createPosition(db, {
    organization_id: workspace.organization.id,
    client_id: workspace.client.id,
    title: "Field Sales Lead",
  });
  const application = await createApplication(db, {
    position_id: position.id,
    recruiter_id: rosaId,
    candidate: { name: "Mae Jemison" },
  });
  const ended = Date.now() - 5 * 3_600_000;
  const interview = await createInterview(db, {
    application_id: application.id,
    ends_at: new Date(ended).toISOString(),
    closes_at: new Date(ended + 72 * 3_600_000).toISOString(),
  });
  await createFollowUp(db, {
    interview_id: interview.id,
    received_at: new Date(ended + 3 * 3_600_000).toISOString(),
    window: "best",
    score: 77,
    latency_minutes: 180,
  });
  // The server's scheduler looks every minute; its pass, run now (the note is queued once either way).
  process.env.APP_URL = baseURL;
  process.env.SESSION_SECRET = process.env.E2E_SESSION_SECRET;
  const { queueFollowUpNotes } = await import("../app/data/scheduled-mail.server");
  await queueFollowUpNotes(db);
  await expect
    .poll(() => sink.messages.filter((m) => m.to.includes(email)).length, { timeout: 60_000 })
    .toBe(2);
  const note = sink.messages.filter((m) => m.to.includes(email))[1]!;
  expect(note.subject).toBe("Mae Jemison followed up (Field Sales Lead)");
  expect(note.text).toMatch(/best window/);
  expect(note.text).toMatch(/77\/100/);
  await rosa.goto(note.text.match(/https?:\/\/\S+\/applications\/\d+/)![0]);
  await expect(rosa.getByRole("heading", { name: /Mae Jemison/ }).first()).toBeVisible();
  await rosaContext.close();
});

import type { Page } from "@playwright/test";
import { createApplication, createFollowUp, createInterview, createPosition } from "../test/factories";
import { db, expect, expectAccessible, screenshot, test, type Workspace } from "./utils";

const HOUR = 3_600_000;
const ago = (hours: number) => new Date(Date.now() - hours * HOUR).toISOString();

/**
 * An awaiting interview (no follow-up) of a new candidate in `positionId` that ended `hoursAgo`, its
 * last window closing 72 h after the end.
 */
async function awaitingInterview(
  positionId: number,
  name: string,
  hoursAgo: number,
  loggedBy: number | null,
) {
  const application = await createApplication(db, { position_id: positionId, candidate: { name } });
  const endsAt = ago(hoursAgo);
  const interview = await createInterview(db, {
    application_id: application.id,
    ends_at: endsAt,
    time_zone: "America/Chicago",
    interviewer_name: "Sarah Chen",
    closes_at: new Date(Date.parse(endsAt) + 72 * HOUR).toISOString(),
    logged_by: loggedBy,
  });
  return { application, interview };
}

/**
 * The recruiter's day in the workspace: one window closing in 4 h (logged by the recruiter), one
 * follow-up received an hour ago with its score, and one application whose interview is decided but
 * whose outcome is still pending. The position is the workspace hiring manager's.
 */
async function recruitersDay(ws: Workspace) {
  const position = await createPosition(db, {
    client_id: ws.client.id,
    title: "Inside Sales Representative",
    hiring_manager_id: ws.users.hiring_manager.id,
  });
  const closing = await awaitingInterview(position.id, "Aisha Adams", 2, ws.users.recruiter.id);
  const answered = await awaitingInterview(position.id, "Bruno Costa", 3, ws.users.recruiter.id);
  const receivedAt = ago(1);
  const followUp = await createFollowUp(db, {
    interview_id: answered.interview.id,
    received_at: receivedAt,
    score: 82,
    window: "best",
    latency_minutes: 120,
  });
  await db
    .updateTable("interviews")
    .set({
      first_follow_up_id: followUp.id,
      first_follow_up_at: receivedAt,
      latency_minutes: 120,
      window: "best",
    })
    .where("id", "=", answered.interview.id)
    .execute();
  const decided = await createApplication(db, {
    position_id: position.id,
    candidate: { name: "Chen Wei" },
    interview_count: 1,
    decided_interview_count: 1,
    followed_up_count: 0,
    behaviour: "never",
    last_interview_end: ago(100),
  });
  await createInterview(db, {
    application_id: decided.id,
    ends_at: ago(100),
    closes_at: ago(28),
  });
  return { position, closing, decided };
}

async function expectNoHorizontalOverflow(page: Page) {
  const width = await page.evaluate(() => document.scrollingElement!.scrollWidth);
  expect(width).toBeLessThanOrEqual(390);
}

for (const device of [
  { name: "desktop", viewport: { width: 1280, height: 800 } },
  { name: "phone", viewport: { width: 390, height: 844 } },
]) {
  test.describe(`at ${device.name} size`, () => {
    test.use({ viewport: device.viewport });

    test("a recruiter lands on Today, logs a follow-up and sets an outcome in place, and opens the dashboard", async ({
      page,
      workspace,
      login,
    }) => {
      await recruitersDay(workspace);
      await login("recruiter");
      await page.goto("/");
      await expect(page).toHaveURL(/\/$/);
      await expect(page.getByRole("heading", { level: 1, name: "Today" })).toBeVisible();

      const closing = page.getByRole("region", { name: /Windows closing soon/ });
      const row = closing.getByRole("listitem").filter({ hasText: "Aisha Adams" });
      await expect(closing.getByRole("heading", { name: /Mine/ })).toBeVisible();
      await expect(row.getByText(/left to 6 h \(best\)/)).toBeVisible();

      const news = page.getByRole("region", { name: /Follow-ups since your last visit/ });
      const newRow = news.getByRole("listitem").filter({ hasText: "Bruno Costa" });
      await expect(newRow.getByText("Score")).toBeVisible();
      await expect(newRow.getByText("(band 70–100)")).toBeVisible();

      const outcomes = page.getByRole("region", { name: /Decided, no outcome yet/ });
      const outcomeRow = outcomes.getByRole("listitem").filter({ hasText: "Chen Wei" });
      await expect(outcomeRow).toBeVisible();

      await expectAccessible(page);
      if (device.name === "phone") await expectNoHorizontalOverflow(page);
      await screenshot(page, `today-${device.name}`);

      // Log the follow-up from Today: an empty message is refused beside the field, then it is logged.
      await row.getByRole("button", { name: "Log follow-up from Aisha Adams" }).click();
      if (device.name === "phone") await expectNoHorizontalOverflow(page);
      await row.getByRole("button", { name: "Log Aisha Adams's follow-up" }).click();
      await expect(row.getByText("Paste the message text.")).toBeVisible();
      await row
        .getByLabel("Message")
        .fill("Thank you for the conversation about the outbound targets. I'm very interested in the role.");
      await row.getByRole("button", { name: "Log Aisha Adams's follow-up" }).click();
      await expect(closing.getByText("Aisha Adams: Follow-up logged and scored.")).toBeVisible();
      await expect(closing.getByRole("listitem").filter({ hasText: "Aisha Adams" })).toHaveCount(0);
      // It arrived just now: it joins the follow-ups of this visit.
      await expect(news.getByRole("listitem").filter({ hasText: "Aisha Adams" })).toBeVisible();

      // Set the outcome in place: the row leaves the list.
      await outcomeRow.getByLabel("Outcome").selectOption("rejected");
      await outcomeRow.getByRole("button", { name: "Set outcome for Chen Wei" }).click();
      await expect(outcomes.getByText("Chen Wei: Outcome recorded: Rejected.")).toBeVisible();
      await expect(outcomes.getByRole("listitem").filter({ hasText: "Chen Wei" })).toHaveCount(0);
      // Aisha's only interview is decided now that her follow-up is in: her outcome is the next to set.
      await expect(outcomes.getByRole("listitem").filter({ hasText: "Aisha Adams" })).toBeVisible();

      await page.getByRole("link", { name: "Open the dashboard" }).click();
      await expect(page).toHaveURL(/\/dashboard$/);
      await expect(page.getByRole("heading", { level: 1, name: "Dashboard" })).toBeVisible();
    });
  });
}

test("a hiring manager sees only their positions on Today", async ({ page, workspace, login }) => {
  const theirs = await createPosition(db, {
    client_id: workspace.client.id,
    hiring_manager_id: workspace.users.hiring_manager.id,
  });
  const someoneElses = await createPosition(db, { client_id: workspace.client.id });
  await awaitingInterview(theirs.id, "Dora Mwangi", 2, workspace.users.recruiter.id);
  await awaitingInterview(someoneElses.id, "Emil Novak", 2, workspace.users.recruiter.id);

  await login("hiring_manager");
  await page.goto("/");
  const closing = page.getByRole("region", { name: /Windows closing soon/ });
  await expect(closing.getByRole("listitem").filter({ hasText: "Dora Mwangi" })).toBeVisible();
  await expect(page.getByText("Emil Novak")).toHaveCount(0);
  await expect(closing.getByRole("heading", { name: /My team/ })).toHaveCount(0);
  await expectAccessible(page);
});

test("a client viewer still lands on their report", async ({ page, workspace, login }) => {
  await createApplication(db, {
    position_id: (await createPosition(db, { client_id: workspace.client.id })).id,
  });
  await login("client_viewer");
  await page.goto("/");
  await expect(page).toHaveURL(new RegExp(`/reports/${workspace.client.id}$`));
  const nav = page.getByRole("navigation", { name: "Main" });
  await expect(nav.getByRole("link", { name: "Today" })).toHaveCount(0);
  await expectAccessible(page);
});

for (const device of [
  { name: "desktop", viewport: { width: 1280, height: 800 } },
  { name: "phone", viewport: { width: 390, height: 844 } },
]) {
  test.describe(`first run at ${device.name} size`, () => {
    test.use({ viewport: device.viewport });

    test("a new organization sees first steps on Today and on the dashboard", async ({ page, login }) => {
      await login("admin");
      await page.goto("/");
      const steps = page.getByRole("region", { name: "First steps" });
      await expect(steps.getByRole("link", { name: "Import a file" })).toHaveAttribute("href", "/import");
      await expect(steps.getByRole("link", { name: "Create a position" })).toHaveAttribute(
        "href",
        "/positions/new",
      );
      await expect(steps.getByRole("link", { name: "Set up the mail-in address" })).toHaveAttribute(
        "href",
        "/settings#mail-in",
      );
      await expectAccessible(page);
      if (device.name === "phone") await expectNoHorizontalOverflow(page);
      await screenshot(page, `today-first-run-${device.name}`);

      // On a phone the navigation is behind the menu button.
      const menu = page.getByRole("button", { name: "Menu" });
      if (await menu.isVisible()) await menu.click();
      await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Dashboard" }).click();
      await expect(page.getByRole("heading", { level: 1, name: "Dashboard" })).toBeVisible();
      await expect(page.getByRole("region", { name: "First steps" })).toBeVisible();
      await expect(page.getByRole("region", { name: "Headline figures" })).toHaveCount(0);
      await expectAccessible(page);
      if (device.name === "phone") await expectNoHorizontalOverflow(page);
    });
  });
}

test.describe("on a 390 px phone", () => {
  test.use({ viewport: { width: 390, height: 844 } });

  test("the navigation folds into one menu that opens and closes by keyboard", async ({
    page,
    workspace,
    login,
  }) => {
    await recruitersDay(workspace);
    await login("recruiter");
    await page.goto("/");
    const menu = page.getByRole("button", { name: "Menu" });
    const nav = page.getByRole("navigation", { name: "Main" });
    await expect(menu).toHaveAttribute("aria-expanded", "false");
    await expect(nav).toBeHidden();
    // The header is one row: the menu button sits beside the logo.
    const header = await page.locator("header").boundingBox();
    expect(header!.height).toBeLessThan(80);
    await expectNoHorizontalOverflow(page);

    await menu.focus();
    await page.keyboard.press("Enter");
    await expect(menu).toHaveAttribute("aria-expanded", "true");
    await expect(nav.getByRole("link", { name: "Today" })).toBeVisible();
    await expect(nav.getByRole("link", { name: "Today" })).toHaveAttribute("aria-current", "page");
    await expectNoHorizontalOverflow(page);
    await expectAccessible(page);
    await screenshot(page, "today-phone-menu", { fullPage: false });

    await page.keyboard.press("Tab");
    await expect(nav.getByRole("link", { name: "Today" })).toBeFocused();
    await page.keyboard.press("Escape");
    await expect(menu).toHaveAttribute("aria-expanded", "false");
    await expect(menu).toBeFocused();

    // Following a link closes the menu.
    await page.keyboard.press("Enter");
    await nav.getByRole("link", { name: "Awaiting follow-up" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Awaiting follow-up" })).toBeVisible();
    await expect(menu).toHaveAttribute("aria-expanded", "false");
  });
});

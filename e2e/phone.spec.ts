// The pages a recruiter and a hiring manager use every day, at a phone's width (390 × 844) and on a
// laptop (1280): the shell's navigation folds behind a menu on the phone (and opens from the keyboard)
// and fits one row on the laptop, and on the phone Today, the pipeline, Awaiting and the candidate
// page keep their key cells (the countdown, the status) on screen with no sideways scrolling.
import type { Locator, Page } from "@playwright/test";
import { createApplication, createFollowUp, createInterview, createPosition } from "../test/factories";
import { db, expect, expectAccessible, screenshot, test, type Workspace } from "./utils";

const HOUR = 3_600_000;
const PHONE = { width: 390, height: 844 };
const LAPTOP = { width: 1280, height: 800 };
const ago = (hours: number) => new Date(Date.now() - hours * HOUR).toISOString();

/**
 * A pipeline with one candidate awaiting a follow-up (interview ended 5 h ago), one whose follow-up
 * came in and scored, and one decided without a follow-up, all with long names and e-mails, as real
 * data has them.
 */
async function pipeline(ws: Workspace) {
  const position = await createPosition(db, {
    client_id: ws.client.id,
    title: "Senior Enterprise Account Executive, Northern Europe",
    hiring_manager_id: ws.users.hiring_manager.id,
  });
  const interview = async (name: string, hoursAgo: number, outcome: "pending" | "rejected" = "pending") => {
    const application = await createApplication(db, {
      position_id: position.id,
      recruiter_id: ws.users.recruiter.id,
      outcome,
      outcome_on: outcome === "pending" ? null : ago(1).slice(0, 10),
      candidate: { name, email: `${name.toLowerCase().replace(/\W+/g, ".")}@longmaildomain-example.com` },
    });
    const endsAt = ago(hoursAgo);
    const row = await createInterview(db, {
      application_id: application.id,
      ends_at: endsAt,
      time_zone: "America/Chicago",
      interviewer_name: "Sarah Chen-Lindqvist",
      notes: "Talked about the outbound targets and the CFO alignment challenge.",
      closes_at: new Date(Date.parse(endsAt) + 72 * HOUR).toISOString(),
      logged_by: ws.users.recruiter.id,
    });
    return { application, interview: row };
  };
  const awaiting = await interview("Aisha Adams-Okonkwo", 5);
  const answered = await interview("Bruno Costa Fernandes", 30);
  const receivedAt = ago(27);
  const followUp = await createFollowUp(db, {
    interview_id: answered.interview.id,
    received_at: receivedAt,
    score: 82,
    window: "ideal",
    latency_minutes: 180,
  });
  await db
    .updateTable("interviews")
    .set({
      first_follow_up_id: followUp.id,
      first_follow_up_at: receivedAt,
      latency_minutes: 180,
      window: "ideal",
    })
    .where("id", "=", answered.interview.id)
    .execute();
  await db
    .updateTable("applications")
    .set({
      best_score: 82,
      mean_score: 82,
      behaviour: "always",
      followed_up_count: 1,
      decided_interview_count: 1,
    })
    .where("id", "=", answered.application.id)
    .execute();
  await interview("Chen Wei", 100, "rejected");
  return { position, awaiting, answered };
}

async function expectNoHorizontalOverflow(page: Page) {
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(width, "the page scrolls sideways").toBeLessThanOrEqual(PHONE.width);
}

/**
 * The element is on screen horizontally: inside the viewport's 390 px, without scrolling sideways.
 * Polled: a live countdown may re-render between two looks.
 */
async function expectWithinPhoneWidth(locator: Locator) {
  await expect(locator).toBeVisible();
  const edges = async () => {
    const box = await locator.boundingBox();
    return box ? [Math.floor(box.x), Math.ceil(box.x + box.width)] : null;
  };
  await expect
    .poll(
      async () => {
        const e = await edges();
        return e !== null && e[0] >= 0 && e[1] <= PHONE.width;
      },
      {
        message: `${locator} is within the phone's width (left, right edges: ${JSON.stringify(await edges())})`,
      },
    )
    .toBe(true);
}

async function shoot(page: Page, name: string, size: "phone" | "desktop") {
  await screenshot(page, `phone-${name}-${size}`);
}

test.describe("at a phone's width", () => {
  test.use({ viewport: PHONE });

  test("the shell folds the navigation behind a menu that opens and closes from the keyboard", async ({
    page,
    login,
  }) => {
    await login("admin");
    await page.goto("/positions");
    const nav = page.getByRole("navigation", { name: "Main" });
    const menu = page.getByRole("button", { name: "Menu" });
    await expect(nav).toBeHidden();
    await expectWithinPhoneWidth(menu);
    // The header is one row: the menu button sits beside the wordmark.
    const header = await page.locator("header").boundingBox();
    expect(header!.height).toBeLessThan(80);
    await expectNoHorizontalOverflow(page);
    await shoot(page, "shell-closed", "phone");

    await menu.focus();
    await page.keyboard.press("Enter");
    await expect(menu).toHaveAttribute("aria-expanded", "true");
    await expect(nav).toBeVisible();
    for (const name of ["Today", "Awaiting follow-up", "Settings"])
      await expectWithinPhoneWidth(nav.getByRole("link", { name }));
    await expectNoHorizontalOverflow(page);
    await expectAccessible(page);
    await shoot(page, "shell-open", "phone");

    await page.keyboard.press("Tab");
    await expect(nav.getByRole("link", { name: "Today" })).toBeFocused();
    await page.keyboard.press("Escape");
    await expect(nav).toBeHidden();
    await expect(menu).toBeFocused();
    await page.keyboard.press("Space");
    await expect(nav).toBeVisible();
    await nav.getByRole("link", { name: "Awaiting follow-up" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Awaiting follow-up" })).toBeVisible();
    await expect(nav).toBeHidden();
  });

  test("Today, the pipeline, Awaiting and the candidate page keep their key cells on screen", async ({
    page,
    workspace,
    login,
  }) => {
    const { position, awaiting, answered } = await pipeline(workspace);
    await login("recruiter");

    await page.goto("/");
    await expect(page.getByRole("heading", { level: 1, name: "Today" })).toBeVisible();
    const closing = page.getByRole("region", { name: /Windows closing soon/ });
    const today = closing.getByRole("listitem").filter({ hasText: "Aisha Adams-Okonkwo" });
    await expectWithinPhoneWidth(today.getByText(/left to/).first());
    await expectNoHorizontalOverflow(page);
    await expectAccessible(page);
    await shoot(page, "today", "phone");

    await page.goto(`/positions/${position.id}`);
    const table = page.getByRole("table", { name: /Pipeline for/ });
    const awaitingRow = table.getByRole("row").filter({ hasText: "Aisha Adams-Okonkwo" });
    await expectWithinPhoneWidth(awaitingRow.getByRole("link", { name: "Aisha Adams-Okonkwo", exact: true }));
    await expectWithinPhoneWidth(awaitingRow.getByText(/left to/).first());
    const answeredRow = table.getByRole("row").filter({ hasText: "Bruno Costa Fernandes" });
    await expectWithinPhoneWidth(answeredRow.getByText(/Received/).first());
    await expectWithinPhoneWidth(answeredRow.getByText("Best score 82/100").first());
    const decidedRow = table.getByRole("row").filter({ hasText: "Chen Wei" });
    await expectWithinPhoneWidth(decidedRow.getByText("No follow-up").first());
    await expectNoHorizontalOverflow(page);
    await expectAccessible(page);
    await shoot(page, "pipeline", "phone");

    await page.goto("/awaiting");
    const awaitingTable = page.getByRole("table", { name: /awaiting a follow-up/ });
    const row = awaitingTable.getByRole("row").filter({ hasText: "Aisha Adams-Okonkwo" });
    await expectWithinPhoneWidth(row.getByRole("link", { name: "Aisha Adams-Okonkwo", exact: true }));
    await expectWithinPhoneWidth(row.getByText(/left to/).first());
    await expectNoHorizontalOverflow(page);
    await expectAccessible(page);
    await shoot(page, "awaiting", "phone");

    await page.goto(`/candidates/${awaiting.application.candidate_id}`);
    await expect(page.getByRole("heading", { level: 1, name: "Aisha Adams-Okonkwo" })).toBeVisible();
    await expectWithinPhoneWidth(
      page.getByTestId(`interview-status-${awaiting.interview.id}`).getByText(/left to/),
    );
    await expectNoHorizontalOverflow(page);
    await expectAccessible(page);
    await shoot(page, "candidate", "phone");

    await page.goto(`/candidates/${answered.application.candidate_id}`);
    await expectWithinPhoneWidth(
      page.getByTestId(`interview-status-${answered.interview.id}`).getByText(/Received/),
    );
    await expectNoHorizontalOverflow(page);
  });
});

test.describe("on a laptop", () => {
  test.use({ viewport: LAPTOP });

  test("an admin's eleven links fit one row, and the same pages read as before", async ({
    page,
    workspace,
    login,
  }) => {
    const { position, awaiting } = await pipeline(workspace);
    await login("admin");
    await page.goto("/");
    const links = page.getByRole("navigation", { name: "Main" }).getByRole("link");
    await expect(links).toHaveCount(11);
    const tops = new Set<number>();
    for (const link of await links.all()) tops.add(Math.round((await link.boundingBox())!.y));
    expect([...tops], "the navigation wraps").toHaveLength(1);
    await expect(page.getByRole("button", { name: "Menu" })).toBeHidden();
    await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();
    await shoot(page, "today", "desktop");

    await page.goto(`/positions/${position.id}`);
    const table = page.getByRole("table", { name: /Pipeline for/ });
    for (const header of ["Stage", "Last interview", "Recruiter"])
      await expect(table.getByRole("columnheader", { name: header })).toBeVisible();
    await shoot(page, "pipeline", "desktop");

    await page.goto("/awaiting");
    const awaitingTable = page.getByRole("table", { name: /awaiting a follow-up/ });
    for (const header of ["Client", "Interviewer", "Interview ended"])
      await expect(awaitingTable.getByRole("columnheader", { name: header })).toBeVisible();
    await shoot(page, "awaiting", "desktop");

    await page.goto(`/candidates/${awaiting.application.candidate_id}`);
    await expect(page.getByRole("heading", { level: 1, name: "Aisha Adams-Okonkwo" })).toBeVisible();
    await shoot(page, "candidate", "desktop");
  });
});

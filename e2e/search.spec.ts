import type { Page } from "@playwright/test";
import { createApplication, createPosition } from "../test/factories";
import { db, expect, expectAccessible, screenshot, test, type Workspace } from "./utils";

/** A candidate in a position's pipeline, and a second position that only its title can find. */
async function people(ws: Workspace) {
  const position = await createPosition(db, {
    client_id: ws.client.id,
    title: "Inside Sales Representative",
  });
  await createPosition(db, { client_id: ws.client.id, title: "Sales Engineer" });
  const application = await createApplication(db, {
    position_id: position.id,
    candidate: {
      name: "Aisha Adams",
      email: `aisha.adams-${ws.organization.id}@mail.example`,
      phone: "+1 (303) 555-0128",
    },
  });
  return { position, candidateId: application.candidate_id };
}

async function expectNoHorizontalOverflow(page: Page) {
  const width = await page.evaluate(() => document.scrollingElement!.scrollWidth);
  expect(width).toBeLessThanOrEqual(390);
}

test("a recruiter finds a candidate from the header box and opens them", async ({
  page,
  workspace,
  login,
}) => {
  const { candidateId } = await people(workspace);
  await login("recruiter");
  await page.goto("/positions");
  const box = page.getByRole("banner").getByRole("combobox", { name: "Search candidates and positions" });
  await box.fill("aisha ad");
  await box.press("Enter");
  await expect(page).toHaveURL(/\/search\?q=aisha\+ad$/);
  await expect(page.getByRole("heading", { level: 1, name: "Search" })).toBeVisible();

  const candidates = page.getByRole("region", { name: /Candidates/ });
  await expect(candidates.getByRole("link", { name: "Aisha Adams" })).toBeVisible();
  await expect(candidates.getByRole("link", { name: "Inside Sales Representative" })).toBeVisible();
  await expect(candidates.getByText("+1 (303) 555-0128")).toBeVisible();
  // The header box keeps the query.
  await expect(box).toHaveValue("aisha ad");
  await expectAccessible(page);

  // A position by a word of its title, and a query too short to search.
  await page.goto("/search?q=sales");
  const positions = page.getByRole("region", { name: /Positions/ });
  await expect(positions.getByRole("link", { name: "Inside Sales Representative" })).toBeVisible();
  await expect(positions.getByRole("link", { name: "Sales Engineer" })).toBeVisible();
  await page.goto("/search?q=a");
  await expect(page.getByText("Type at least 2 characters to search.")).toBeVisible();
  await page.goto("/search?q=zzzz");
  await expect(page.getByText(/Nothing matches “zzzz”/)).toBeVisible();

  await page.goto("/search?q=3035550128");
  await expect(page.getByRole("link", { name: "Aisha Adams" })).toBeVisible();
  await screenshot(page, "search-desktop");
  await page.getByRole("link", { name: "Aisha Adams" }).click();
  await expect(page).toHaveURL(new RegExp(`/candidates/${candidateId}$`));
  await expect(page.getByRole("heading", { level: 1, name: "Aisha Adams" })).toBeVisible();
  // As you type, the first results show below the box: arrows choose, Enter opens, Escape closes.
  await page.goto("/positions");
  await box.fill("Adams");
  const options = page.getByRole("listbox", { name: "First results" });
  await expect(options.getByRole("option", { name: /Aisha Adams/ })).toBeVisible();
  await box.press("Escape");
  await expect(options).toBeHidden();
  await box.press("ArrowDown");
  await expect(options.getByRole("option", { name: /Aisha Adams/ })).toHaveAttribute("aria-selected", "true");
  await expectAccessible(page);
  await screenshot(page, "search-typeahead", { fullPage: false });
  await box.press("Enter");
  await expect(page).toHaveURL(new RegExp(`/candidates/${candidateId}$`));
});

test.describe("on a phone", () => {
  test.use({ viewport: { width: 390, height: 844 } });

  test("the search box is in the menu and the results fit the screen", async ({ page, workspace, login }) => {
    await people(workspace);
    await login("recruiter");
    await page.goto("/positions");
    await expectNoHorizontalOverflow(page);
    await page.getByRole("button", { name: "Menu" }).click();
    const box = page.getByRole("banner").getByRole("combobox", { name: "Search candidates and positions" });
    await box.fill("Adams");
    await box.press("Enter");
    await expect(page).toHaveURL(/\/search\?q=Adams$/);
    await expect(page.getByRole("link", { name: "Aisha Adams" })).toBeVisible();
    await expectNoHorizontalOverflow(page);
    await expectAccessible(page);
    await page.goto("/search?q=aisha.adams");
    await expect(page.getByRole("link", { name: "Aisha Adams" })).toBeVisible();
    await expectNoHorizontalOverflow(page);
    await screenshot(page, "search-phone");
  });
});

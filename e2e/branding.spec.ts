// Issue 20: the agency's branding on its client reports, and the share page's copy button.
import fs from "node:fs";
import { makePng } from "../test/images";
import { expect, expectAccessible, screenshot, test } from "./utils";

test("an admin brands the reports; the report, its print and the share page show it", async ({
  page,
  browser,
  workspace,
  login,
}) => {
  await login("admin");
  await page.goto("/settings");
  await page.getByRole("link", { name: "Report branding" }).click();
  await expect(page.getByRole("heading", { name: "Report branding", level: 1 })).toBeVisible();

  // A colour too light for white text is refused beside its field; nothing is saved.
  await page.getByLabel("Name on reports").fill("Harbour Lane Talent");
  await page.getByLabel("Colour", { exact: true }).fill("#ffd54f");
  await page.getByRole("button", { name: "Save branding" }).click();
  await expect(page.getByText(/White text on #ffd54f has a contrast of 1\.\d:1/).last()).toBeVisible();
  await expect(page.getByLabel("Colour", { exact: true })).toHaveAttribute("aria-invalid", "true");

  // An SVG is refused too.
  fs.mkdirSync("test-results", { recursive: true });
  fs.writeFileSync("test-results/logo.svg", '<svg xmlns="http://www.w3.org/2000/svg"></svg>');
  await page.getByLabel("Colour", { exact: true }).fill("#0f5e57");
  await page.getByLabel("Logo").setInputFiles("test-results/logo.svg");
  await page.getByRole("button", { name: "Save branding" }).click();
  await expect(
    page.getByText("Upload a PNG or JPEG image (SVG and other formats are not accepted)."),
  ).toBeVisible();

  // A PNG logo and a dark colour are saved.
  fs.writeFileSync("test-results/logo.png", makePng(96, 32, [15, 94, 87]));
  await page.getByLabel("Name on reports").fill("Harbour Lane Talent");
  await page.getByLabel("Colour", { exact: true }).fill("#0F5E57");
  await page.getByLabel("Logo").setInputFiles("test-results/logo.png");
  await page.getByRole("button", { name: "Save branding" }).click();
  await expect(page.getByText("Branding saved.")).toBeVisible();
  await expect(page.getByLabel("Colour", { exact: true })).toHaveValue("#0f5e57");
  await expect(page.getByRole("img", { name: "Current logo" })).toBeVisible();
  await screenshot(page, "branding-settings");
  await expectAccessible(page);

  // The report: the band in the colour, with the logo and the name.
  await page.goto(`/reports/${workspace.client.id}`);
  const band = page.locator(".brand-band");
  await expect(band).toContainText("Harbour Lane Talent");
  await expect(band).toHaveCSS("background-color", "rgb(15, 94, 87)");
  const logo = band.getByRole("img", { name: "Harbour Lane Talent logo" });
  await expect(logo).toBeVisible();
  expect(await logo.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(96);
  await screenshot(page, "branding-report");

  // Printed: the band keeps its colour (backgrounds print) and the logo.
  await page.emulateMedia({ media: "print" });
  await expect(band).toHaveCSS("print-color-adjust", "exact");
  await expect(logo).toBeVisible();
  const pdf = await page.pdf({ format: "A4", printBackground: true });
  fs.writeFileSync("test-results/branding-report.pdf", pdf);
  await page.emulateMedia({ media: "screen" });

  // Shared: a fresh browser sees the same branding, and copies the link with the button.
  await page.goto(`/reports?client=${workspace.client.id}#share`);
  const form = page.locator("form").filter({ has: page.getByRole("button", { name: "Create share link" }) });
  await form.getByRole("button", { name: "Create share link" }).click();
  const link = await page.getByLabel("Share link", { exact: true }).inputValue();

  const visitor = await browser.newContext({ permissions: ["clipboard-read", "clipboard-write"] });
  const shared = await visitor.newPage();
  await shared.goto(link);
  const sharedBand = shared.locator(".brand-band");
  await expect(sharedBand).toContainText("Harbour Lane Talent");
  await expect(sharedBand).toHaveCSS("background-color", "rgb(15, 94, 87)");
  const sharedLogo = sharedBand.getByRole("img", { name: "Harbour Lane Talent logo" });
  await expect(sharedLogo).toBeVisible();
  expect(await sharedLogo.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(96);
  await expect(shared.getByText(/Prepared by Harbour Lane Talent/)).toBeVisible();

  // The copy button, by keyboard: focus it, press Enter, hear "Copied".
  const copy = shared.getByRole("button", { name: "Copy link" });
  await copy.focus();
  await shared.keyboard.press("Enter");
  await expect(shared.getByRole("status").filter({ hasText: "Copied" })).toHaveText("Copied");
  await expect(shared.getByRole("button", { name: "Copied" })).toBeFocused();
  expect(await shared.evaluate(() => navigator.clipboard.readText())).toBe(link);
  await screenshot(shared, "branding-share");
  await expectAccessible(shared);
  await visitor.close();
});

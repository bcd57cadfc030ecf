// Issue 17: a Greenhouse-style export imports through the Import page with the suggested mapping: the
// "Interview" column of round names is the interview's title, Status is the outcome, a stage word no
// table reads is listed once and read by hand, and a hired candidate shows as hired in the pipeline.
import fs from "node:fs";
import path from "node:path";
import { db, expect, expectAccessible, screenshot, test } from "./utils";

const FIXTURE = path.resolve("app/intake/fixtures/csv/greenhouse-export.csv");

test("a recruiter imports a Greenhouse-style export and maps its one unknown stage", async ({
  page,
  workspace,
  login,
}) => {
  const organizationId = workspace.organization.id;
  // One more candidate, at a stage this company named itself.
  const text =
    fs.readFileSync(FIXTURE, "utf8").trimEnd() +
    "\n48213980,Evelyn,Boyd,evelyn.boyd@example.com,,Solutions Engineer,Bar Raiser,Active,Referral,Jo Okafor,Bar Raiser,3/24/2026 10:00 AM,Omar Haddad,Calm under pressure.\n";
  await login("recruiter");
  await page.goto("/import/csv");
  await page
    .getByLabel("CSV file")
    .setInputFiles({ name: "greenhouse-export.csv", mimeType: "text/csv", buffer: Buffer.from(text) });
  await page.getByRole("button", { name: "Upload and preview" }).click();
  await expect(page.getByRole("heading", { name: /Which column is which/ })).toBeVisible();
  await expect(page.getByText("Read as UTF-8.")).toBeVisible();

  // Suggested from the headers and the values: columns 10 (Interview), 7 (Status), 11 (Interview Date).
  await expect(page.getByLabel("Interview title (round name)")).toHaveValue("10");
  await expect(page.getByLabel("Outcome", { exact: true })).toHaveValue("7");
  await expect(page.getByLabel("Stage", { exact: true })).toHaveValue("6");
  await expect(page.getByLabel("Interview start (date and time)")).toHaveValue("");
  await expect(page.getByLabel("Interview date", { exact: true })).toHaveValue("11");

  const values = page.getByRole("table", { name: "Values we could not read" });
  await expect(values.getByRole("row")).toHaveCount(2);
  await expect(values.getByRole("row").nth(1)).toContainText("“Bar Raiser”");
  await expect(values.getByRole("row").nth(1)).toContainText("1 row (first: row 16)");
  await page.getByLabel("Read “Bar Raiser” (stage) as").selectOption("final");
  await page.getByLabel("Time zone of the dates").selectOption("America/New_York");
  await expectAccessible(page);
  await screenshot(page, "import-ats-preview");

  await page.getByRole("button", { name: "Check rows" }).click();
  await expect(page.getByText("All 15 rows are ready to import.")).toBeVisible();
  // The choice travels with the form.
  await expect(page.getByLabel("Read “Bar Raiser” (stage) as")).toHaveValue("final");
  await page.getByRole("button", { name: "Import 15 rows" }).click();
  await expect(page.getByRole("heading", { name: "Imported" })).toBeVisible();
  await expect(page.getByRole("status")).toContainText("7 new candidates");
  await expect(page.getByRole("status")).toContainText("15 interviews");

  const evelyn = await db
    .selectFrom("applications as a")
    .innerJoin("candidates as c", "c.id", "a.candidate_id")
    .select(["a.stage", "a.outcome"])
    .where("a.organization_id", "=", organizationId)
    .where("c.email", "=", "evelyn.boyd@example.com")
    .executeTakeFirstOrThrow();
  expect(evelyn).toEqual({ stage: "final", outcome: "pending" });

  const position = await db
    .selectFrom("positions")
    .select("id")
    .where("organization_id", "=", organizationId)
    .where("title", "=", "Enterprise Account Executive")
    .executeTakeFirstOrThrow();
  await page.goto(`/positions/${position.id}`);
  const katherine = page.getByRole("row").filter({ hasText: "Katherine Johnson" });
  await expect(katherine).toContainText("Hired");
  await expect(page.getByRole("row").filter({ hasText: "Mary Jackson" })).toContainText("Rejected");

  await katherine.getByRole("link", { name: "Katherine Johnson", exact: true }).click();
  await expect(
    page.getByRole("heading", { name: "Round 1 (Phone Screen): phone interview with Sam Rivera" }),
  ).toBeVisible();
  await expect(page.getByRole("heading", { name: /Round 3 \(Onsite\): onsite interview/ })).toBeVisible();
  await screenshot(page, "import-ats-candidate");
});

test("the preview says which character set it read, and refuses a file it cannot read", async ({
  page,
  login,
}) => {
  await login("recruiter");
  await page.goto("/import/csv");
  await page
    .getByLabel("CSV file")
    .setInputFiles(path.resolve("app/intake/fixtures/csv/workable-windows-1252.csv"));
  await page.getByRole("button", { name: "Upload and preview" }).click();
  await expect(page.getByText("Read as Windows-1252.")).toBeVisible();
  await expect(page.getByRole("cell", { name: "José Muñoz" })).toBeVisible();

  await page.goto("/import/csv");
  const binary = Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919 + 13) % 256));
  await page
    .getByLabel("CSV file")
    .setInputFiles({ name: "export.csv", mimeType: "text/csv", buffer: binary });
  await page.getByRole("button", { name: "Upload and preview" }).click();
  await expect(page.getByRole("alert")).toContainText("This file could not be read as CSV");
  await expectAccessible(page);
  await screenshot(page, "import-ats-unreadable");
});

import { createApplication, createPosition } from "../test/factories";
import {
  db,
  demoAccount,
  expect,
  expectAccessible,
  insertInterviewedCandidate,
  screenshot,
  test,
} from "./utils";

test("the sign-in page lists the demo accounts and explains a bad sign-in beside the field", async ({
  page,
}) => {
  await page.goto("/sign-in");
  const recruiter = demoAccount("recruiter");
  const demo = page.getByRole("region", { name: "Demo workspace accounts" });
  await expect(demo.getByText(recruiter.email)).toBeVisible();
  await expect(demo.getByText(recruiter.password)).toBeVisible();
  await expectAccessible(page);

  // Nothing typed: each field says what it needs.
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByLabel("Email")).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByText("Enter your email address.")).toBeVisible();
  await expect(page.getByText("Enter your password.")).toBeVisible();

  // A wrong password: one generic message, and the email stays typed.
  await page.getByLabel("Email").fill(recruiter.email);
  await page.getByLabel("Password").fill("not-the-password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("alert")).toHaveText("That email and password do not match an active account.");
  await expect(page.getByLabel("Email")).toHaveValue(recruiter.email);
  await screenshot(page, "sign-in");
});

test("a recruiter searches and sorts the candidates list, then opens a candidate and sees their interviews", async ({
  page,
  workspace,
  login,
}) => {
  // Candidates of our own, so the sort and the search have known answers.
  const position = await createPosition(db, { client_id: workspace.client.id });
  for (const name of ["Aldo Brandt", "Mina Okafor", "Yusuf Lindqvist", "Beatrix Hale", "Otto Varga"]) {
    await createApplication(db, { position_id: position.id, candidate: { name } });
  }
  await insertInterviewedCandidate(position.id, {
    name: "Zebediah Quinnell",
    email: "zeb.quinnell@example.test",
    interview: {
      interviewerName: "Imogen Thrale",
      startsAt: "2026-10-05T14:00:00.000Z",
      endsAt: "2026-10-05T15:00:00.000Z",
      timeZone: "America/New_York",
      notes: "Discussed the Midwest territory.",
      closesAt: "2026-10-08T15:00:00.000Z",
    },
  });

  await login("recruiter");
  await page.goto("/candidates");
  await expect(page.getByRole("heading", { name: "Candidates" })).toBeVisible();
  await expectAccessible(page);

  // Sort by name, descending: the header says so and the first row is the last name alphabetically.
  await page.getByRole("link", { name: /^Name/ }).click();
  await expect(page).toHaveURL(/sort=name&dir=desc/);
  await expect(page.getByRole("columnheader", { name: /Name/ })).toHaveAttribute("aria-sort", "descending");
  const firstNames = await page.locator("tbody tr td:first-child").allTextContents();
  expect(firstNames).toEqual([...firstNames].sort().reverse());

  await page.getByLabel("Search by name, email or phone").fill("quinnell");
  await page.getByRole("button", { name: "Search" }).click();
  await expect(page).toHaveURL(/q=quinnell/);
  await expect(page.locator("tbody tr")).toHaveCount(1);
  await screenshot(page, "candidates-search");
  await page.getByRole("link", { name: "Zebediah Quinnell" }).click();

  await expect(page.getByRole("heading", { name: "Zebediah Quinnell" })).toBeVisible();
  await expect(
    page.getByRole("heading", { name: /Round 1: video interview with Imogen Thrale/ }),
  ).toBeVisible();
  await expect(page.getByText("Discussed the Midwest territory.")).toBeVisible();
  await expectAccessible(page);
  await screenshot(page, "candidate");
});

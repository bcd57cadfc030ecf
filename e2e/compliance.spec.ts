// Issue 21: self-identified demographics on a page of their own, and the adverse-impact report with its
// four-fifths flags, printable and downloadable as the Local Law 144 summary table.
import fs from "node:fs";
import {
  createApplication,
  createCandidateDemographics,
  createInterview,
  createPosition,
} from "../test/factories";
import { db, expect, expectAccessible, screenshot, test } from "./utils";

const stamp = () => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;

test("an admin records a candidate's answers, reads the flags and downloads the summary table", async ({
  page,
  workspace,
  login,
}) => {
  const run = stamp();
  const position = await createPosition(db, {
    client_id: workspace.client.id,
    title: `Compliance AE ${run}`,
  });
  // Six men, five of them strong (70+); six women, one strong: women's rate is a fifth of men's.
  const people = [
    ...[82, 78, 75, 74, 71, 45].map((score) => ({ sex: "Male", score })),
    ...[80, 60, 55, 50, 48, 40].map((score) => ({ sex: "Female", score })),
  ];
  for (const [i, p] of people.entries()) {
    const application = await createApplication(db, {
      position_id: position.id,
      candidate: { name: `Person ${i + 1} ${run}`, email: null },
      best_score: p.score,
      mean_score: p.score,
      behaviour: "always",
      interview_count: 1,
      decided_interview_count: 1,
      followed_up_count: 1,
      outcome: i % 2 ? "offer" : "rejected",
      outcome_on: "2026-11-20",
    });
    await createInterview(db, { application_id: application.id, ends_at: "2026-11-10T16:00:00.000Z" });
    await createCandidateDemographics(db, {
      candidate_id: application.candidate_id,
      sex: p.sex,
      race_ethnicity: i % 3 ? "White" : "Asian",
      age_band: "30–39",
    });
  }
  const newcomer = await createApplication(db, {
    position_id: position.id,
    candidate: { name: `Nadia Newcomer ${run}`, email: null },
    best_score: 66,
    behaviour: "always",
    interview_count: 1,
    decided_interview_count: 1,
    followed_up_count: 1,
  });
  await createInterview(db, { application_id: newcomer.id, ends_at: "2026-11-12T16:00:00.000Z" });

  await login("admin");
  // The answers are not on the candidate page: a link leads to their own page.
  await page.goto(`/candidates/${newcomer.candidate_id}`);
  await page.getByRole("link", { name: "Self-identification" }).click();
  await expect(
    page.getByRole("heading", { name: `Self-identification: Nadia Newcomer ${run}` }),
  ).toBeVisible();
  await page.getByLabel("Sex").selectOption("Female");
  await page.getByLabel("Race/Ethnicity").selectOption("Hispanic or Latino");
  await page.getByLabel("Age band").selectOption("declined");
  await page.getByRole("button", { name: "Save answers" }).click();
  await expect(page.getByRole("status")).toHaveText("Saved.");
  await expect(page.getByLabel("Sex")).toHaveValue("Female");
  await expectAccessible(page);
  await screenshot(page, "self-identification");

  // The report, narrowed to this position.
  await page.goto(`/compliance?position=${position.id}`);
  await expect(page.getByRole("heading", { name: "Adverse-impact audit" })).toBeVisible();
  await expect(
    page.getByText("13 applications with interviews from 10 Nov 2026 to 12 Nov 2026"),
  ).toBeVisible();
  const strong = page.getByRole("region", { name: "Strong score (70–100)" });
  const bySex = strong.getByRole("table", { name: "Sex", exact: true });
  // Men 5 of 6 strong (reference); women 1 of 7: 14.3% / 83.3% = 0.17, flagged, Fisher's p 0.029.
  await expect(bySex.getByRole("row", { name: /^Male/ })).toContainText("reference");
  const women = bySex.getByRole("row", { name: /^Female/ });
  await expect(women).toContainText("14.3%");
  await expect(women).toContainText("0.17");
  await expect(women).toContainText("Below 4/5");
  await expect(women).toContainText("0.029");
  await expect(strong.getByText("1 below four-fifths").first()).toBeVisible();
  await expectAccessible(page);
  await screenshot(page, "compliance");
  await page.emulateMedia({ media: "print" });
  await screenshot(page, "compliance-print");
  await page.emulateMedia({ media: "screen" });

  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: "Download summary table (CSV)" }).click();
  const file = await download;
  expect(file.suggestedFilename()).toBe("adverse-impact-2026-11-10-to-2026-11-12.csv");
  const text = await fs.promises.readFile((await file.path())!, "utf8");
  expect(text).toContain(
    "2026-11-10,2026-11-12,Strong score (70–100),best follow-up score of 70 or more,Sex,Female,7,1,0.1429,0.171,yes,",
  );

  // Nobody else may open it.
  await login("recruiter");
  expect((await page.request.get("/compliance")).status()).toBe(403);
});

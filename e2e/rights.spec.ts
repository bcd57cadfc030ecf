// Issue 21 in the browser: a manager reviews a score, an interview's latency is marked not applicable,
// an admin reads everything held about the candidate, then erases them.
import { createPosition } from "../test/factories";
import { db, expect, expectAccessible, insertInterviewedCandidate, screenshot, test } from "./utils";

test("review a score, mark latency not applicable, read the data held, erase the candidate", async ({
  page,
  workspace,
  login,
}) => {
  const manager = workspace.users.hiring_manager;
  const position = await createPosition(db, {
    client_id: workspace.client.id,
    title: "Account Executive",
    hiring_manager_id: manager.id,
  });
  const email = `rosa.${Date.now()}@example.test`;
  const candidateId = await insertInterviewedCandidate(position.id, {
    name: "Rosa Parkinson",
    email,
    interview: {
      interviewerName: "Sarah Chen",
      startsAt: "2026-11-20T15:00:00.000Z",
      endsAt: "2026-11-20T16:00:00.000Z",
      timeZone: "UTC",
      notes: "Discussed the Q3 pipeline review and the Salesforce migration.",
      closesAt: "2026-11-23T16:00:00.000Z",
    },
  });

  // The hiring manager logs the follow-up (five days late) and reviews its score.
  await login("hiring_manager");
  await page.goto(`/candidates/${candidateId}`);
  const interview = page.getByRole("listitem", { name: "Interview round 1 with Sarah Chen" });
  await interview.getByText("Log a follow-up").click();
  await interview.getByLabel(/^Received/).fill("2026-11-25T16:00");
  await interview
    .getByLabel("Message", { exact: true })
    .fill(
      "Hi Sarah, thank you for the Q3 pipeline review. At Northwind I led our Salesforce migration. " +
        "I'm very interested in this role. Could we talk on Thursday at 10?",
    );
  await interview.getByRole("button", { name: "Log follow-up" }).click();
  const followUp = interview.getByRole("article", { name: "Follow-up 1" });
  await expect(followUp.getByText("Not reviewed by a person yet.")).toBeVisible();
  await followUp.getByRole("link", { name: /^Review the score/ }).click();
  await expect(
    page.getByRole("heading", { name: "Review the score of Rosa Parkinson's follow-up" }),
  ).toBeVisible();
  await page.getByLabel(/^Override/).check();
  await page.getByLabel("Band (for an override)").selectOption("high");
  await page.getByRole("button", { name: "Save review" }).click();
  await expect(page.getByText("Say why you override the score.")).toBeVisible();
  await page
    .getByLabel("Reason (required for an override)")
    .fill("Specific about our migration; late for a reason");
  await expectAccessible(page);
  await screenshot(page, "rights-review");
  await page.getByRole("button", { name: "Save review" }).click();
  await expect(followUp.getByTestId(/^review-/)).toContainText("Reviewed · Overridden: 70–100");
  await expect(followUp.getByTestId(/^review-/)).toContainText("Specific about our migration");

  // The candidate was in hospital: latency is marked not applicable, and the badge says so.
  await expect(followUp.getByText(/received .* after the interview/)).toBeVisible();
  await interview.getByRole("link", { name: "Edit round 1 interview with Sarah Chen" }).click();
  await page.getByLabel("Latency not applicable for this interview").check();
  await page.getByRole("button", { name: "Save accommodation" }).click();
  await expect(page.getByText("Say why latency does not apply here.")).toBeVisible();
  await page.getByLabel("Reason").fill("In hospital that week, agreed with the recruiter");
  await expectAccessible(page);
  await screenshot(page, "rights-accommodation");
  await page.getByRole("button", { name: "Save accommodation" }).click();
  await expect(interview.getByText("Received · latency not applicable")).toBeVisible();
  await expect(interview.getByText(/In hospital that week/)).toBeVisible();
  await expect(followUp.getByText(/received .* after the interview/)).toHaveCount(0);
  await screenshot(page, "rights-candidate");
  // The position's pipeline shows the same mark for the candidate, without the reason.
  await page.goto(`/positions/${position.id}`);
  const row = page.getByRole("row", { name: /Rosa Parkinson/ });
  await expect(row).toContainText("Received · latency not applicable");
  await expect(row.getByText(/In hospital/)).toHaveCount(0);
  await screenshot(page, "rights-pipeline");

  // An admin reads everything held, then erases the candidate.
  await login("admin");
  await page.goto(`/candidates/${candidateId}`);
  await page.getByRole("link", { name: "All data held" }).click();
  await expect(page.getByRole("heading", { name: "Everything held about Rosa Parkinson" })).toBeVisible();
  await expect(page.getByText(email)).toBeVisible();
  await expectAccessible(page);
  await screenshot(page, "rights-data");
  await page.goto(`/candidates/${candidateId}/delete`);
  await page.getByRole("checkbox").check();
  await page.getByRole("button", { name: "Delete candidate" }).click();
  await expect(page).toHaveURL(/\/candidates$/);
  expect(await db.selectFrom("candidates").select("id").where("id", "=", candidateId).execute()).toHaveLength(
    0,
  );

  // The settings pages for the notice and the retention rule.
  await page.goto("/settings/retention");
  await page.getByLabel(/Erase candidates with no activity/).fill("18");
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByTestId("retention-preview")).toContainText("This preview changes nothing");
  await expectAccessible(page);
  await screenshot(page, "rights-retention");
  await page.goto("/settings/notice");
  await page
    .getByLabel("Notice")
    .fill("We score follow-ups; a person reviews them. Write to privacy@example.test.");
  await page.getByRole("button", { name: "Save notice" }).click();
  await expect(page.getByText("Saved.")).toBeVisible();
  await expectAccessible(page);
  await screenshot(page, "rights-notice");
  // The pipeline's CSV carries it, in a last column of the first row.
  const csv = await (await page.request.get(`/positions/${position.id}/export.csv`)).text();
  expect(csv.split("\r\n")[0]).toMatch(/,candidate_notice$/);
  expect(csv).toContain("We score follow-ups; a person reviews them. Write to privacy@example.test.");
});

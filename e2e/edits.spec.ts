import { createPosition } from "../test/factories";
import {
  db,
  expect,
  expectAccessible,
  insertInterviewedCandidate,
  screenshot,
  setOrganizationZone,
  test,
  type Workspace,
} from "./utils";

// An interview of our own: 13:00–14:00 in Chicago on 24 Nov 2026 (19:00–20:00 UTC), for a team that
// reads times in Chicago too.
async function interviewedCandidate(workspace: Workspace) {
  await setOrganizationZone(workspace, "America/Chicago");
  const position = await createPosition(db, { client_id: workspace.client.id, title: "Account Executive" });
  return insertInterviewedCandidate(position.id, {
    name: "Grace Hopper",
    email: `grace.${Date.now()}@example.test`,
    interview: {
      interviewerName: "Sarah Chen",
      startsAt: "2026-11-24T19:00:00.000Z",
      endsAt: "2026-11-24T20:00:00.000Z",
      timeZone: "America/Chicago",
      notes: "Discussed the Q3 pipeline review, the Salesforce migration and references.",
      closesAt: "2026-11-27T20:00:00.000Z",
    },
  });
}

const followUpsOf = (candidateId: number) =>
  db
    .selectFrom("follow_ups as f")
    .innerJoin("interviews as i", "i.id", "f.interview_id")
    .innerJoin("applications as a", "a.id", "i.application_id")
    .select(["f.id", "f.body"])
    .where("a.candidate_id", "=", candidateId)
    .execute();

test("a recruiter logs a follow-up once, corrects the interview and the follow-up, deletes it, and reads it all in the timeline", async ({
  page,
  workspace,
  login,
}) => {
  const candidateId = await interviewedCandidate(workspace);
  const recruiter = await login("recruiter");
  await page.goto(`/candidates/${candidateId}`);
  const interview = page.getByRole("listitem", { name: "Interview round 1 with Sarah Chen" });

  // Logged with a double click: stored once, and the form is empty afterwards.
  await interview.getByText("Log a follow-up").click();
  await interview.getByLabel("Received (America/Chicago)").fill("2026-11-24T16:00");
  await interview.getByLabel("Message", { exact: true }).fill("Thanks for today.");
  await interview.getByRole("button", { name: "Log follow-up" }).dblclick();
  await expect(interview.getByRole("status")).toContainText("Follow-up logged and scored");
  await expect(interview.getByLabel("Message", { exact: true })).toHaveValue("");
  await expect(interview.getByLabel("Received (America/Chicago)")).toHaveValue("");
  const followUp = interview.getByRole("article", { name: "Follow-up 1" });
  await expect(
    followUp.getByText(/received Tue 24 Nov 2026, 16:00 CST · 2 h 00 min after the interview/),
  ).toBeVisible();
  expect(await followUpsOf(candidateId)).toHaveLength(1);

  // The same form sent twice before the first answer comes back: still one follow-up.
  await interview.getByLabel("Received (America/Chicago)").fill("2026-11-24T17:00");
  await interview.getByLabel("Message", { exact: true }).fill("One more thing about the pipeline review.");
  await interview
    .locator("form")
    .filter({ has: page.getByRole("button", { name: "Log follow-up" }) })
    .evaluate((form: HTMLFormElement) => {
      form.requestSubmit();
      form.requestSubmit();
    });
  await expect(interview.getByRole("article", { name: "Follow-up 2" })).toBeVisible();
  await expect(interview.getByLabel("Message", { exact: true })).toHaveValue("");
  expect(await followUpsOf(candidateId)).toHaveLength(2);

  // The interview really ended at 13:30: the first follow-up came 2 h 30 min after it.
  await interview.getByRole("link", { name: "Edit round 1 interview with Sarah Chen" }).click();
  await expect(page.getByRole("heading", { name: "Correct round 1 with Grace Hopper" })).toBeVisible();
  await expect(page.getByLabel("Ended")).toHaveValue("2026-11-24T14:00");
  await page.getByLabel("Ended").fill("2026-11-24T13:30");
  await expectAccessible(page);
  await screenshot(page, "edits-interview-form");
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(followUp.getByText(/16:00 CST · 2 h 30 min after the interview/)).toBeVisible();

  // The first follow-up's text was pasted wrong: corrected, it is rescored.
  const scoreOf = async () =>
    Number(
      (await followUp.getByLabel(/Quality score \d+ out of 100/).getAttribute("aria-label"))?.match(
        /\d+/,
      )?.[0],
    );
  const before = await scoreOf();
  await followUp.getByRole("link", { name: /^Edit follow-up received/ }).click();
  await expect(page.getByRole("heading", { name: "Correct a follow-up from Grace Hopper" })).toBeVisible();
  await expect(page.getByLabel("Message", { exact: true })).toHaveValue("Thanks for today.");
  await page
    .getByLabel("Message", { exact: true })
    .fill(
      "Hi Sarah, thank you for walking me through the Q3 pipeline review. You mentioned the Salesforce migration: " +
        "at Northwind I led ours and cut duplicate records by half. I'm very interested in this role. Could we " +
        "schedule a call on Thursday about next steps? I can send references.",
    );
  await expectAccessible(page);
  await screenshot(page, "edits-follow-up-form");
  await page.getByRole("button", { name: "Save and rescore" }).click();
  await expect(followUp.getByText(/Salesforce migration/).first()).toBeVisible();
  const after = await scoreOf();
  expect(after).not.toBe(before);
  expect(after).toBeGreaterThan(before);

  // The second follow-up was logged by mistake: deleted after confirming.
  const second = interview.getByRole("article", { name: "Follow-up 2" });
  await second.getByRole("link", { name: /^Delete follow-up received/ }).click();
  await expect(page.getByRole("heading", { name: "Delete this follow-up from Grace Hopper?" })).toBeVisible();
  await expect(page.getByText(/Then recomputed: the interview's first follow-up/)).toBeVisible();
  await expectAccessible(page);
  await page.getByRole("button", { name: "Delete follow-up" }).click();
  await expect(interview.getByRole("article")).toHaveCount(1);
  expect(await followUpsOf(candidateId)).toHaveLength(1);

  // The timeline says who did what, in order, in words.
  const timeline = page.getByTestId("timeline");
  const lines = (await timeline.getByRole("listitem").allInnerTexts()).map((t) => t.replace(/\s+/g, " "));
  const byRecruiter = lines.filter((l) => l.includes(recruiter.name));
  expect(byRecruiter.map((l) => l.replace(/^.*? (CST|CDT) /, ""))).toEqual([
    `${recruiter.name} logged the follow-up received Tue 24 Nov 2026, 16:00 CST.`,
    `${recruiter.name} logged a follow-up, since deleted.`,
    `${recruiter.name} corrected the round 1 video interview with Sarah Chen: the end from Tue 24 Nov 2026, 14:00 CST to Tue 24 Nov 2026, 13:30 CST.`,
    `${recruiter.name} corrected the follow-up received Tue 24 Nov 2026, 16:00 CST: the message.`,
    `${recruiter.name} deleted the email follow-up received Tue 24 Nov 2026, 17:00 CST for Account Executive.`,
  ]);
  await expect(timeline).not.toContainText("{");
  await expectAccessible(page);
  await screenshot(page, "edits-candidate");
});

test("on a 390 px phone the candidate page's edit controls are reachable without sideways scrolling", async ({
  page,
  workspace,
  login,
}) => {
  await page.setViewportSize({ width: 390, height: 844 });
  const candidateId = await interviewedCandidate(workspace);
  await login("recruiter");
  await page.goto(`/candidates/${candidateId}`);
  const interview = page.getByRole("listitem", { name: "Interview round 1 with Sarah Chen" });
  await interview.getByText("Log a follow-up").click();
  await interview.getByLabel("Received (America/Chicago)").fill("2026-11-24T16:00");
  await interview
    .getByLabel("Message", { exact: true })
    .fill("Thank you, Sarah, for the talk about the pipeline review.");
  await interview.getByRole("button", { name: "Log follow-up" }).click();
  await expect(interview.getByRole("status")).toContainText("Follow-up logged and scored");

  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  expect(overflow).toBeLessThanOrEqual(0);
  for (const name of [
    /^Edit round 1 interview/,
    /^Delete round 1 interview/,
    /^Edit follow-up/,
    /^Delete follow-up/,
  ]) {
    const link = interview.getByRole("link", { name });
    await link.scrollIntoViewIfNeeded();
    await expect(link).toBeInViewport();
  }
  await expectAccessible(page);
  await screenshot(page, "edits-phone");
  await interview.getByRole("link", { name: /^Edit follow-up/ }).click();
  await expect(page.getByRole("heading", { name: "Correct a follow-up from Grace Hopper" })).toBeVisible();
  const formOverflow = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  expect(formOverflow).toBeLessThanOrEqual(0);
});

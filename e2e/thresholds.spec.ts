// Issue 16: every label that names a window threshold comes from the organization's settings. The test
// makes an organization of its own (the shared demo keeps its defaults), changes the windows through the
// Settings page, and reads each page that names a threshold.
import type { Locator, Page } from "@playwright/test";
import { createApplication, createFollowUp, createInterview, createPosition } from "../test/factories";
import { db, expect, screenshot, test, type Workspace } from "./utils";

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const iso = (ms: number) => new Date(ms).toISOString();

/** The thresholds the admin sets, in hours; the defaults are 6, 12, 24 and 72. */
const SET = { best: 2, ideal: 5, acceptable: 20, late: 48 };

/**
 * A default threshold, standing alone: "6 h" but not "46 h". The waits the test builds avoid every
 * latency and countdown that would print a lone 6 h or a 72 h.
 */
const DEFAULT_BEST = /\b6 h\b/;
const DEFAULT_LATE = /\b72 h\b/;

/** The workspace's client with one position, and candidates whose follow-ups span the windows. */
async function candidatesAcrossTheWindows(workspace: Workspace) {
  const id = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
  const now = Date.now();
  const position = await createPosition(db, {
    client_id: workspace.client.id,
    title: `Threshold Analyst ${id}`,
    opened_on: iso(now - 30 * DAY).slice(0, 10),
  });

  /** One candidate, one interview that ended `endedAgo` ago, and a follow-up `after` its end (or none). */
  const candidate = async (name: string, endedAgo: number, after: number | null) => {
    const ends = now - endedAgo;
    const application = await createApplication(db, {
      position_id: position.id,
      candidate: { name: `${name} ${id}`, email: null, source: null, created_at: iso(ends - DAY) },
      created_at: iso(ends - DAY),
    });
    // Latency, window and scores are left for the rescore that saving the settings starts.
    const interview = await createInterview(db, {
      application_id: application.id,
      interviewer_name: "Quinn Interviewer",
      ends_at: iso(ends),
      time_zone: "Europe/London",
      notes: "Discussed the quarterly forecasting model and the team's move to a new warehouse.",
      mail_token: null,
    });
    if (after !== null) {
      await createFollowUp(db, {
        interview_id: interview.id,
        received_at: iso(ends + after),
        body: "Thank you for walking me through the forecasting model; I would be glad to help with the warehouse move. Could we talk next week?",
        created_at: iso(ends + after),
      });
    }
    return { id: application.candidate_id, name: `${name} ${id}`, interviewId: interview.id };
  };

  return {
    clientId: workspace.client.id,
    positionId: position.id,
    // Best under both; best under the defaults but ideal under the new windows; late under both;
    // late under the defaults but after the last window under the new ones; never; still awaiting.
    best: await candidate("Ana Best", 5 * DAY, 1 * HOUR),
    ideal: await candidate("Ben Ideal", 5 * DAY, 3 * HOUR),
    late: await candidate("Cy Late", 5 * DAY, 22 * HOUR),
    tooLate: await candidate("Dee Toolate", 5 * DAY, 60 * HOUR),
    silent: await candidate("Eve Silent", 5 * DAY, null),
    awaiting: await candidate("Al Awaiting", 20 * MINUTE, null),
  };
}

async function expectNoDefaultThresholds(area: Locator) {
  const text = (await area.textContent()) ?? "";
  expect(text).not.toMatch(DEFAULT_BEST);
  expect(text).not.toMatch(DEFAULT_LATE);
}

/** The latency histogram's table alternative: each window's name and its range of hours. */
async function expectHistogramRanges(page: Page) {
  const histogram = page.getByRole("region", { name: "Latency: interviews by follow-up window" });
  await expect(histogram.locator('[data-chart="ready"] svg.recharts-surface')).toBeVisible();
  await histogram.getByText("Show the numbers as a table").click();
  const table = histogram.getByRole("table", { name: "Decided interviews by follow-up window" });
  for (const [name, range] of [
    ["Best", "≤ 2 h"],
    ["Ideal", "2 h–5 h"],
    ["Acceptable", "5 h–20 h"],
    ["Late", "20 h–48 h"],
    ["None", "> 48 h or never"],
  ]) {
    await expect(
      table
        .getByRole("row", { name: new RegExp(`^${name} `) })
        .getByRole("cell")
        .first(),
    ).toHaveText(range);
  }
  // The cumulative curve marks the same thresholds.
  await expect(
    page.getByRole("img", { name: /^Share of interviews followed up, by hours after the interview\./ }),
  ).toHaveAttribute("aria-label", /by 2 h: .*by 5 h: .*by 20 h: .*by 48 h: /);
}

test("after an admin changes the windows, every page names the new thresholds and none the defaults", async ({
  page,
  browser,
  workspace,
  login,
}) => {
  const org = await candidatesAcrossTheWindows(workspace);
  await login("admin");

  // Settings: four new thresholds, saved through the form; the save rescores the history.
  await page.goto("/dashboard");
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Settings" }).click();
  await page.getByLabel("Best: within (hours)").fill(String(SET.best));
  await page.getByLabel("Ideal: within (hours)").fill(String(SET.ideal));
  await page.getByLabel("Acceptable: within (hours)").fill(String(SET.acceptable));
  await page.getByLabel("Late: within (hours)").fill(String(SET.late));
  await page.getByRole("button", { name: "Save and rescore" }).click();
  await expect(page.getByText(/Last rescored on/)).toBeVisible({ timeout: 30_000 });
  await expect(page.getByLabel("Best: within (hours)")).toHaveValue("2");
  await expect(page.getByLabel("Late: within (hours)")).toHaveValue("48");

  // Candidate page, awaiting: a countdown to each of the new thresholds.
  await page.goto(`/candidates/${org.awaiting.id}`);
  const countdown = page.getByTestId(`interview-status-${org.awaiting.interviewId}`);
  await expect(countdown).toContainText(/left to 2 h \(best\)/);
  await expect(countdown).toContainText("to 5 h (ideal)");
  await expect(countdown).toContainText("to 20 h (acceptable)");
  await expect(countdown).toContainText("to 48 h (late)");
  await expectNoDefaultThresholds(page.locator("main"));
  await screenshot(page, "thresholds-candidate-awaiting");

  // Candidate page, received: 3 h was "best" under the defaults and is "ideal" now.
  await page.goto(`/candidates/${org.ideal.id}`);
  await expect(page.getByTestId(`interview-status-${org.ideal.interviewId}`)).toContainText(
    "Received · Ideal (≤ 5 h)",
  );
  await expect(page.getByRole("article", { name: "Follow-up 1" })).toContainText("Ideal (≤ 5 h)");
  await expectNoDefaultThresholds(page.locator("main"));
  await screenshot(page, "thresholds-candidate-received");

  // Candidate page, a follow-up after the last window: the badge names the new last threshold.
  await page.goto(`/candidates/${org.tooLate.id}`);
  await expect(page.getByRole("article", { name: "Follow-up 1" })).toContainText("Too late (> 48 h)");
  await expectNoDefaultThresholds(page.locator("main"));

  // The position's pipeline: its window filter, a countdown and a received follow-up.
  await page.goto(`/positions/${org.positionId}`);
  await expect(page.getByLabel("Window").locator("option")).toHaveText([
    "Any window",
    "Best (≤ 2 h)",
    "Ideal (≤ 5 h)",
    "Acceptable (≤ 20 h)",
    "Late (≤ 48 h)",
  ]);
  const pipeline = page.getByRole("table", { name: /^Pipeline for / });
  await expect(pipeline.getByRole("row", { name: new RegExp(org.awaiting.name) })).toContainText(
    /left to 2 h \(best\)/,
  );
  await expect(pipeline.getByRole("row", { name: new RegExp(org.best.name) })).toContainText(
    "Received · Best (≤ 2 h)",
  );
  await expect(pipeline.getByRole("row", { name: new RegExp(org.late.name) })).toContainText(
    "Received · Late (≤ 48 h)",
  );
  await expectNoDefaultThresholds(page.locator("main"));
  await screenshot(page, "thresholds-pipeline");

  // Awaiting: the subtitle names the last window, the row counts down to the new best.
  await page.goto("/awaiting");
  await expect(page.getByText(/Interviews that ended less than 48 hours ago/)).toBeVisible();
  await expect(page.getByRole("row", { name: new RegExp(org.awaiting.name) })).toContainText(
    /left to 2 h \(best\)/,
  );
  await expectNoDefaultThresholds(page.locator("main"));
  await screenshot(page, "thresholds-awaiting");

  // Dashboard: the histogram's ranges and the curve's marks.
  await page.goto("/dashboard");
  await expectHistogramRanges(page);
  await expectNoDefaultThresholds(page.locator("main"));
  await screenshot(page, "thresholds-dashboard");

  // The client report: the same charts, each candidate's window, and the finding about the acceptable window.
  await page.goto(`/reports/${org.clientId}`);
  await expectHistogramRanges(page);
  const rows = page.getByRole("table", { name: /^Candidates for / });
  await expect(rows.getByRole("row", { name: new RegExp(org.best.name) })).toContainText(
    "Followed up: Best (≤ 2 h), after 1 h 00 min",
  );
  await expect(rows.getByRole("row", { name: new RegExp(org.ideal.name) })).toContainText(
    "Followed up: Ideal (≤ 5 h), after 3 h 00 min",
  );
  await expect(page.getByText(/Candidates who followed up within 20 hours/)).toBeVisible();
  await expectNoDefaultThresholds(page.locator("main"));
  await screenshot(page, "thresholds-report");

  // The same report through a share link, opened without an account.
  await page.getByRole("link", { name: "Share a read-only link" }).click();
  await page.getByRole("button", { name: "Create share link" }).click();
  const link = await page.getByLabel("Share link", { exact: true }).inputValue();
  const visitor = await browser.newContext();
  const shared = await visitor.newPage();
  await shared.goto(link);
  await expectHistogramRanges(shared);
  await expect(shared.getByText("Followed up: Best (≤ 2 h), after 1 h 00 min")).toBeVisible();
  await expectNoDefaultThresholds(shared.locator("body"));
  await visitor.close();
});

// Issue 18, item 4: an organization's default time zone (Settings) and each user's display zone
// (Account); every time shown in the reader's zone, named, and forms starting in it.
import { createPosition } from "../test/factories";
import { db, expect, expectAccessible, insertInterviewedCandidate, screenshot, test } from "./utils";

const VIEWPORTS = [
  { name: "desktop", size: null },
  { name: "phone", size: { width: 390, height: 844 } },
] as const;

for (const viewport of VIEWPORTS) {
  test(`an admin sets the organization's zone, a user their own, and times follow them, named (${viewport.name})`, async ({
    page,
    workspace,
    login,
  }) => {
    if (viewport.size) await page.setViewportSize(viewport.size);
    const suffix = viewport.size ? "-phone" : "";
    // An interview held in New York: 09:00–10:00 EST on 1 Dec 2026 (14:00–15:00 UTC).
    const position = await createPosition(db, { client_id: workspace.client.id, title: "Account Executive" });
    const candidateId = await insertInterviewedCandidate(position.id, {
      name: "Ada Lovelace",
      email: `ada.${Date.now()}@example.test`,
      interview: {
        interviewerName: "Sarah Chen",
        startsAt: "2026-12-01T14:00:00.000Z",
        endsAt: "2026-12-01T15:00:00.000Z",
        timeZone: "America/New_York",
        notes: "Territory plan.",
        closesAt: "2026-12-04T15:00:00.000Z",
      },
    });

    // The admin chooses Berlin for the organization; a zone off the list is not offered.
    const admin = await login("admin");
    await page.goto("/settings");
    const zone = page.getByLabel("Organization time zone");
    await expect(zone).toHaveValue("UTC");
    await zone.selectOption("Europe/Berlin");
    await page.getByRole("button", { name: "Save time zone" }).click();
    await expect(page.getByText("Now: Europe/Berlin (CET, UTC+01:00).")).toBeVisible();
    await expect(page.getByLabel("Organization time zone")).toHaveValue("Europe/Berlin");
    await expectAccessible(page);
    await screenshot(page, `time-zone-settings${suffix}`);

    // The audit log names the change, at a time in Berlin, named.
    await page.goto("/audit");
    const entry = page.getByRole("row").filter({ hasText: "time zone UTC → Europe/Berlin" });
    await expect(entry).toContainText(`${admin.name} changed the settings: time zone UTC → Europe/Berlin.`);
    await expect(entry).toContainText(/\d{2}:\d{2} CET/);

    // A recruiter who chose nothing reads the interview in Berlin, and logs in Berlin.
    await login("recruiter");
    await page.goto(`/candidates/${candidateId}`);
    const interview = page.getByRole("listitem", { name: "Interview round 1 with Sarah Chen" });
    await expect(interview.getByText("Tue 1 Dec 2026, 15:00 CET")).toBeVisible();
    await page.getByText("Log an interview").click();
    await expect(page.getByLabel("Time zone of those times")).toHaveValue("Europe/Berlin");

    // They choose Tokyo for themselves.
    await page.goto("/account");
    const own = page.getByLabel("Show times in");
    await expect(own).toHaveValue("");
    await expect(own.locator("option").first()).toHaveText("Organization default (Europe/Berlin)");
    await own.selectOption("Asia/Tokyo");
    await page.getByRole("button", { name: "Save time zone" }).click();
    await expect(page.getByText("Your time zone has been saved.")).toBeVisible();
    await expect(
      page.getByText(/Every time in the app is shown to you in Asia\/Tokyo \(UTC\+09:00\)/),
    ).toBeVisible();
    await expectAccessible(page);
    await screenshot(page, `time-zone-account${suffix}`);

    // The same interview, now in Tokyo; the follow-up form names Tokyo and reads the time in it.
    await page.goto(`/candidates/${candidateId}`);
    await expect(interview.getByText("Tue 1 Dec 2026, 23:00 UTC+09:00")).toBeVisible();
    await interview.getByText("Log a follow-up").click();
    await interview.getByLabel("Received (Asia/Tokyo)").fill("2026-12-02T02:30");
    await interview
      .getByLabel("Message", { exact: true })
      .fill("Thank you for the talk about the territory plan.");
    await interview.getByRole("button", { name: "Log follow-up" }).click();
    const followUp = interview.getByRole("article").first();
    await expect(
      followUp.getByText(/received Wed 2 Dec 2026, 02:30 UTC\+09:00 · 2 h 30 min after the interview/),
    ).toBeVisible();
    await expectAccessible(page);

    // Back to the organization's default: Berlin again.
    await page.goto("/account");
    await page.getByLabel("Show times in").selectOption("");
    await page.getByRole("button", { name: "Save time zone" }).click();
    await expect(page.getByText(/shown to you in Europe\/Berlin \(CET, UTC\+01:00\)/)).toBeVisible();
  });
}

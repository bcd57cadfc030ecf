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

// An interview of our own: 13:00–14:00 in Chicago on 24 Nov 2026, with notes the fixture message refers to.
async function interviewForDaniel(workspace: Workspace) {
  // A team that reads times in Chicago, where the interview was held.
  await setOrganizationZone(workspace, "America/Chicago");
  const position = await createPosition(db, { client_id: workspace.client.id });
  return insertInterviewedCandidate(position.id, {
    name: "Daniel Okafor",
    email: `daniel.${Date.now()}@example.test`,
    interview: {
      interviewerName: "Sarah Chen",
      interviewerEmail: "sarah.chen@brightlane.io",
      startsAt: "2026-11-24T19:00:00.000Z",
      endsAt: "2026-11-24T20:00:00.000Z",
      timeZone: "America/Chicago",
      notes:
        "Discussed the challenge of getting CFOs aligned with the champion; business case templates; references.",
      closesAt: "2026-11-27T20:00:00.000Z",
    },
  });
}

test("a recruiter logs a follow-up from an .eml file, after a dated-too-early attempt is refused beside the field", async ({
  page,
  workspace,
  login,
}) => {
  const candidateId = await interviewForDaniel(workspace);
  await login("recruiter");
  await page.goto(`/candidates/${candidateId}`);
  const interview = page.getByRole("listitem", { name: "Interview round 1 with Sarah Chen" });

  // Received at 10:00 in Chicago, before the interview ended at 14:00: refused, and the text stays.
  await interview.getByText("Log a follow-up").click();
  await interview.getByLabel("Received (America/Chicago)").fill("2026-11-24T10:00");
  await interview.getByLabel("Message", { exact: true }).fill("Thanks for today, Sarah.");
  await interview.getByRole("button", { name: "Log follow-up" }).click();
  await expect(interview.getByText(/The follow-up is dated before the interview ended/)).toBeVisible();
  await expect(interview.getByLabel("Received (America/Chicago)")).toHaveAttribute("aria-invalid", "true");
  await expect(interview.getByLabel("Message", { exact: true })).toHaveValue("Thanks for today, Sarah.");

  // The real message, as the .eml file the candidate sent: its Date (17:05 Chicago) and text are read from it.
  await interview.getByLabel("Received (America/Chicago)").fill("");
  await interview.getByLabel("Message", { exact: true }).fill("");
  await interview
    .getByLabel("Upload the message as an .eml file")
    .setInputFiles("app/intake/fixtures/eml/plain.eml");
  await interview.getByRole("button", { name: "Log follow-up" }).click();

  await expect(interview.getByText("Received · Best (≤ 6 h)")).toBeVisible();
  const followUp = interview.getByRole("article", { name: "Follow-up 1" });
  await expect(
    followUp.getByText(/received Tue 24 Nov 2026, 17:05 CST · 3 h 05 min after the interview/),
  ).toBeVisible();
  await expect(
    followUp.getByText("Subject: Thank you - Enterprise Account Executive interview"),
  ).toBeVisible();
  // The signature is set aside from the scored text; the evidence is marked in the text, and the score is out of 100.
  await expect(followUp.getByTestId("scored-message")).not.toContainText("linkedin.com/in/danielokafor");
  await expect(followUp.getByText("Set aside (2): not scored")).toBeVisible();
  await expect(followUp.locator("mark", { hasText: "interested" })).toBeVisible();
  const score = Number(
    (await followUp.getByLabel(/Quality score \d+ out of 100/).getAttribute("aria-label"))?.match(/\d+/)?.[0],
  );
  expect(score).toBeGreaterThanOrEqual(70);
  await expectAccessible(page);
  await screenshot(page, "follow-up");
});

test("the candidate page shows the own words as the scored message and, collapsed, what was set aside", async ({
  page,
  workspace,
  login,
}) => {
  const candidateId = await interviewForDaniel(workspace);
  await login("recruiter");
  await page.goto(`/candidates/${candidateId}`);
  const interview = page.getByRole("listitem", { name: "Interview round 1 with Sarah Chen" });

  await interview.getByText("Log a follow-up").click();
  await interview.getByLabel("Received (America/Chicago)").fill("2026-11-24T17:05");
  await interview
    .getByLabel("Message", { exact: true })
    .fill(
      [
        "Hi Sarah,",
        "",
        "Thank you for the conversation today about getting CFOs aligned with the champion. At Ledgerly I built a",
        "business case template with our finance lead that got us into the CFO's office on most of our largest deals.",
        "",
        "I'm very interested in the role, and I can send two references this week.",
        "",
        "Best,",
        "Daniel Okafor",
        "Account Executive | Ledgerly",
        "Schedule a call: calendly.com/x",
        "",
        "On Tue, Nov 24, 2026 at 2:02 PM Sarah Chen <sarah.chen@brightlane.io> wrote:",
        "> Thanks for coming in today. The panel will share feedback by Friday.",
      ].join("\n"),
    );
  await interview.getByRole("button", { name: "Log follow-up" }).click();

  const followUp = interview.getByRole("article", { name: "Follow-up 1" });
  const scored = followUp.getByTestId("scored-message");
  await expect(scored).toContainText(
    "I'm very interested in the role, and I can send two references this week.",
  );
  await expect(scored).not.toContainText("panel will share feedback");
  await expect(scored).not.toContainText("calendly.com");
  await expect(scored).not.toContainText("Daniel Okafor");

  // Collapsed until asked for, and opened from the keyboard.
  const setAside = followUp.getByText("Set aside (3): not scored");
  await expect(followUp.getByText("Schedule a call: calendly.com/x")).toBeHidden();
  await setAside.focus();
  await page.keyboard.press("Enter");
  const pieces = followUp.locator("details", { hasText: "Set aside" }).getByRole("listitem");
  await expect(pieces).toHaveCount(3);
  await expect(pieces.nth(0)).toContainText("Sign-off");
  await expect(pieces.nth(0)).toContainText("Best,\nDaniel Okafor");
  await expect(pieces.nth(1)).toContainText("Signature");
  await expect(pieces.nth(1)).toContainText("Account Executive | Ledgerly\nSchedule a call: calendly.com/x");
  await expect(pieces.nth(2)).toContainText("Quoted reply");
  await expect(pieces.nth(2)).toContainText(
    "Sarah Chen <sarah.chen@brightlane.io> wrote:\n> Thanks for coming in today. The panel will share feedback by Friday.",
  );
  await expectAccessible(page);
});

test("two candidates who send the same note with the names swapped are both told, and each links to the other", async ({
  page,
  workspace,
  login,
}) => {
  // One position: a near-copy is looked for among the same position's follow-ups.
  await setOrganizationZone(workspace, "America/Chicago");
  const position = await createPosition(db, { client_id: workspace.client.id });
  const interview = (name: string) =>
    insertInterviewedCandidate(position.id, {
      name,
      email: `${name.split(" ")[0].toLowerCase()}.${Date.now()}@example.test`,
      interview: {
        interviewerName: "Sarah Chen",
        startsAt: "2026-11-24T19:00:00.000Z",
        endsAt: "2026-11-24T20:00:00.000Z",
        timeZone: "America/Chicago",
        notes:
          "Discussed the challenge of getting CFOs aligned with the champion; business case templates; references.",
        closesAt: "2026-11-27T20:00:00.000Z",
      },
    });
  const template = (me: string) =>
    [
      "Hi Sarah,",
      "",
      "Thank you for the insightful conversation today. I really enjoyed learning about how your team approaches getting CFOs aligned",
      "with the champion, and the business case templates you use. It made me even more excited about the opportunity to contribute",
      "to such a strong sales organization and to bring my own experience with complex enterprise deals to the table.",
      "",
      "I'm very interested in the role and happy to send references whenever you need them.",
      "",
      `Best, ${me}`,
    ].join("\n");
  const first = await interview("Priya Raman");
  const second = await interview("Tom Becker");
  await login("recruiter");

  for (const [id, name] of [
    [first, "Priya"],
    [second, "Tom"],
  ] as const) {
    await page.goto(`/candidates/${id}`);
    const item = page.getByRole("listitem", { name: "Interview round 1 with Sarah Chen" });
    await item.getByText("Log a follow-up").click();
    await item.getByLabel("Received (America/Chicago)").fill("2026-11-24T16:30");
    await item.getByLabel("Message", { exact: true }).fill(template(name));
    await item.getByRole("button", { name: "Log follow-up" }).click();
    await expect(item.getByRole("article", { name: "Follow-up 1" })).toBeVisible();
  }

  // The second note is flagged against the first, and the first, rescored, against the second.
  for (const [id, other] of [
    [second, first],
    [first, second],
  ] as const) {
    await page.goto(`/candidates/${id}`);
    const followUp = page.getByRole("article", { name: "Follow-up 1" });
    await expect(
      followUp.getByText(/Nearly identical \(\d+% of phrases shared, names and greetings aside\)/),
    ).toBeVisible();
    const score = Number(
      (await followUp.getByLabel(/Quality score \d+ out of 100/).getAttribute("aria-label"))?.match(
        /\d+/,
      )?.[0],
    );
    expect(score).toBeLessThan(40);
    await followUp.getByRole("link", { name: "See that follow-up" }).click();
    await expect(page).toHaveURL(new RegExp(`/candidates/${other}#follow-up-\\d+$`));
    await expect(page.locator(`article${new URL(page.url()).hash}`)).toBeVisible();
  }
  await screenshot(page, "near-copy");
});

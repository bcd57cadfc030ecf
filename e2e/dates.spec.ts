import { createPosition } from "../test/factories";
import { test, expect, db, expectAccessible, insertInterviewedCandidate, setOrganizationZone } from "./utils";

// The night the clocks go back, 01:30 happens twice: the form asks which one, instead of taking the
// first and logging a 01:30-02:30 interview as two hours long.
test("logging an interview at 01:30 on the night the clocks go back asks which 01:30, and logs one hour", async ({
  page,
  workspace,
  login,
}) => {
  await setOrganizationZone(workspace, "America/New_York");
  const position = await createPosition(db, { client_id: workspace.client.id });
  const candidateId = await insertInterviewedCandidate(position.id, {
    name: "Grace Hopper",
    email: `grace.${Date.now()}@example.test`,
    interview: {
      interviewerName: "Sarah Chen",
      startsAt: "2026-10-20T14:00:00.000Z",
      endsAt: "2026-10-20T15:00:00.000Z",
      timeZone: "America/New_York",
      notes: "First round.",
      closesAt: "2026-10-23T15:00:00.000Z",
    },
  });
  await login("recruiter");
  await page.goto(`/candidates/${candidateId}`);

  await page.getByText("Log an interview").click();
  await page.getByLabel("Interviewer", { exact: true }).fill("Marco Diaz");
  await page.getByLabel("Started").fill("2026-11-01T01:30");
  await page.getByLabel("Ended").fill("2026-11-01T02:30");
  await page.getByLabel("Time zone of those times").selectOption("America/New_York");
  await page.getByRole("button", { name: "Log interview" }).click();

  await expect(
    page.getByText(
      "01:30 on 1 Nov 2026 happens twice in America/New_York (the clocks go back from UTC−04:00 to UTC−05:00 that night): choose which one.",
    ),
  ).toBeVisible();
  const which = page.getByRole("group", { name: "Which 01:30?" });
  await expect(which).toBeVisible();
  await expectAccessible(page);
  await which.getByLabel("01:30 the second time, after the clocks went back (UTC−05:00)").check();
  await page.getByRole("button", { name: "Log interview" }).click();

  const logged = page.getByRole("listitem", { name: "Interview round 1 with Marco Diaz" });
  // The second 01:30 (EST): 06:30 to 07:30 UTC, one hour.
  await expect(logged.getByText("Sun 1 Nov 2026, 01:30 EST")).toBeVisible();
  const stored = await db
    .selectFrom("interviews")
    .select(["starts_at", "ends_at"])
    .where("interviewer_name", "=", "Marco Diaz")
    .where("starts_at", "=", "2026-11-01T06:30:00.000Z")
    .executeTakeFirstOrThrow();
  expect(stored.ends_at).toBe("2026-11-01T07:30:00.000Z");
});

test("a follow-up dated in the year 9999 is refused beside the field, naming the date", async ({
  page,
  workspace,
  login,
}) => {
  await setOrganizationZone(workspace, "America/Chicago");
  const position = await createPosition(db, { client_id: workspace.client.id });
  const candidateId = await insertInterviewedCandidate(position.id, {
    name: "Katherine Johnson",
    email: `katherine.${Date.now()}@example.test`,
    interview: {
      interviewerName: "Sarah Chen",
      startsAt: "2026-11-24T19:00:00.000Z",
      endsAt: "2026-11-24T20:00:00.000Z",
      timeZone: "America/Chicago",
      notes: "Territory plan.",
      closesAt: "2026-11-27T20:00:00.000Z",
    },
  });
  await login("recruiter");
  await page.goto(`/candidates/${candidateId}`);
  const interview = page.getByRole("listitem", { name: "Interview round 1 with Sarah Chen" });
  await interview.getByText("Log a follow-up").click();
  await interview.getByLabel("Received (America/Chicago)").fill("9999-12-31T23:59");
  await interview.getByLabel("Message", { exact: true }).fill("Thanks for today, Sarah.");
  await interview.getByRole("button", { name: "Log follow-up" }).click();
  await expect(
    interview.getByText(
      "The received time (31 Dec 9999, 23:59 UTC−06:00) is more than a day after now: a message cannot arrive in the future; check the year.",
    ),
  ).toBeVisible();
  await expect(interview.getByLabel("Received (America/Chicago)")).toHaveAttribute("aria-invalid", "true");
});

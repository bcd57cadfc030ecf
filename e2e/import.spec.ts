// Issue 7: a recruiter imports a CSV from another system through the Import page: the column the
// guesser cannot place is chosen by hand, a bad row is reported with its row and column, the good rows
// are imported, and the candidates appear in the position's pipeline.
import { createApplication, createCandidate, createInterview, createPosition } from "../test/factories";
import { db, expect, expectAccessible, screenshot, setOrganizationZone, test } from "./utils";

const stamp = () => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;

// "Team" is the position, under a header no export uses for it, so the recruiter maps it by hand.
const CSV = [
  "First Name,Last Name,Email,Team,Current Stage,Interview Date,Interview Time,Interviewer,Scorecard",
  "Katherine,Johnson,katherine.j@example.test,Enterprise AE,Onsite,11/04/2026,2:00 PM,Priya Shah,Talked about the Acme renewal.",
  "Dorothy,Vaughan,dorothy.v@example.test,Enterprise AE,Phone Screen,11/05/2026,9:30 AM,Marco Diaz,Forecasting.",
  "Mary,Jackson,not-an-email,Enterprise AE,Application Review,,,,",
].join("\n");

test("a recruiter maps, checks and imports a CSV, and sees the candidates in the pipeline", async ({
  page,
  workspace,
  login,
}) => {
  const organizationId = workspace.organization.id;
  await login("recruiter");
  await page.goto("/");
  await page.getByRole("link", { name: "Import", exact: true }).click();
  await expect(page.getByRole("heading", { name: "Import", level: 1 })).toBeVisible();
  await expectAccessible(page);
  await screenshot(page, "import");
  await page.getByRole("link", { name: "Spreadsheet (CSV)" }).click();
  await expectAccessible(page);
  await screenshot(page, "import-csv");

  await page
    .getByLabel("CSV file")
    .setInputFiles({ name: "greenhouse-export.csv", mimeType: "text/csv", buffer: Buffer.from(CSV) });
  await page.getByRole("button", { name: "Upload and preview" }).click();
  await expect(page.getByRole("heading", { name: /Which column is which/ })).toBeVisible();
  // Suggested from the headers.
  await expect(page.getByLabel("First name", { exact: true })).toHaveValue("0");
  await expect(page.getByLabel("Interview time", { exact: true })).toHaveValue("6");
  await expect(page.getByLabel("Position (job title)")).toHaveValue("");
  await page.getByLabel("Time zone of the dates").selectOption("America/New_York");

  // Checking without the position column is refused with a plain reason.
  await page.getByRole("button", { name: "Check rows" }).click();
  await expect(page.getByRole("alert")).toContainText("Choose the column with the position");

  await page.getByLabel("Position (job title)").selectOption({ label: "Team" });
  await page.getByRole("button", { name: "Check rows" }).click();
  await expect(page.getByText("has problems")).toBeVisible();
  const problems = page.getByRole("table", { name: "Problems found, by row" });
  await expect(problems.getByRole("row").nth(1)).toContainText("4");
  await expect(problems.getByRole("row").nth(1)).toContainText("Email");
  await expect(problems.getByRole("row").nth(1)).toContainText("not an email address");
  await expectAccessible(page);
  await screenshot(page, "import-mapping");

  await page.getByRole("button", { name: "Import the 2 good rows" }).click();
  await expect(page.getByRole("heading", { name: "Imported" })).toBeVisible();
  await expect(page.getByRole("status")).toContainText("2 new candidates");
  await expect(page.getByRole("status")).toContainText("1 bad row was left out");
  await screenshot(page, "import-done");

  const position = await db
    .selectFrom("positions")
    .select("id")
    .where("organization_id", "=", organizationId)
    .where("title", "=", "Enterprise AE")
    .executeTakeFirstOrThrow();
  await page.goto(`/positions/${position.id}`);
  await expect(page.getByRole("link", { name: "Katherine Johnson", exact: true })).toBeVisible();
  await expect(page.getByRole("link", { name: "Dorothy Vaughan", exact: true })).toBeVisible();
  await expect(page.getByText("Mary Jackson")).toHaveCount(0);

  // The pipeline as CSV, with the page's filters.
  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: "Download CSV" }).click();
  const file = await download;
  expect(file.suggestedFilename()).toBe("pipeline-enterprise-ae.csv");
  const text = await (await import("node:fs")).promises.readFile((await file.path())!, "utf8");
  expect(text).toContain("Katherine Johnson");
  expect(text).toContain("Dorothy Vaughan");
});

test("a large CSV imports with a progress bar that moves, then the summary", async ({
  page,
  workspace,
  login,
}) => {
  test.setTimeout(120_000);
  const fs = await import("node:fs");
  const os = await import("node:os");
  const path = await import("node:path");
  const { writeImportCsv } = await import("../scripts/bench-data");
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "followthrough-e2e-import-"));
  const file = path.join(dir, "ats-export.csv");
  await writeImportCsv(file, 20_000, 7);
  const organizationId = workspace.organization.id;
  await login("recruiter");
  await page.goto("/import/csv");
  await page.getByLabel("CSV file").setInputFiles(file);
  await page.getByRole("button", { name: "Upload and preview" }).click();
  await page.getByRole("button", { name: "Check rows" }).click();
  await expect(page.getByText("All 20,000 rows are ready to import.")).toBeVisible({ timeout: 30_000 });

  await page.getByRole("button", { name: "Import 20,000 rows" }).click();
  const bar = page.getByRole("progressbar", { name: "Import progress" });
  await expect(bar).toBeVisible();
  // The server reports how far it has got: rows first, then the scoring of their interviews.
  await expect(
    page.getByText(/Reading and checking rows: [\d,]+ of 20,000|Scoring and saving rows: [\d,]+ of [\d,]+/),
  ).toBeVisible({ timeout: 30_000 });
  await expect
    .poll(() => bar.evaluate((el) => (el as HTMLProgressElement).value), { timeout: 30_000 })
    .toBeGreaterThan(0);
  await screenshot(page, "import-progress");

  await expect(page.getByRole("heading", { name: "Imported" })).toBeVisible({ timeout: 90_000 });
  await expect(page.getByRole("status")).toContainText("10,000 new candidates");
  const scored = await db
    .selectFrom("follow_ups")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("organization_id", "=", organizationId)
    .where("score", "is not", null)
    .executeTakeFirstOrThrow();
  expect(Number(scored.n)).toBeGreaterThan(10_000);
  fs.rmSync(dir, { recursive: true, force: true });
});

test("a recruiter drops .eml files: one is logged, one waits in the inbox and is assigned by hand", async ({
  page,
  workspace,
  login,
}) => {
  const fs = await import("node:fs");
  const organizationId = workspace.organization.id;
  const position = await createPosition(db, { client_id: workspace.client.id, title: "Enterprise AE" });
  for (const [name, address] of [
    ["Daniel Okafor", `daniel.okafor@gmail.com`],
    ["Jamal Harris", `jamal.${stamp()}@example.test`],
  ]) {
    const application = await createApplication(db, {
      position_id: position.id,
      candidate: { name, email: address, source: null },
    });
    await createInterview(db, {
      application_id: application.id,
      interviewer_name: "Sarah Chen",
      ends_at: "2026-11-24T16:00:00.000Z",
      time_zone: "America/Chicago",
      notes: "CFO alignment",
      mail_token: `e2e${stamp()}`,
    });
  }
  await login("recruiter");
  await page.goto("/import/email");
  await page.getByLabel("Email files").setInputFiles([
    {
      name: "plain.eml",
      mimeType: "message/rfc822",
      buffer: fs.readFileSync("app/intake/fixtures/eml/plain.eml"),
    },
    {
      name: "html-only.eml",
      mimeType: "message/rfc822",
      buffer: fs.readFileSync("app/intake/fixtures/eml/html-only.eml"),
    },
  ]);
  await page.getByRole("button", { name: "Log follow-ups" }).click();
  const results = page.getByRole("list", { name: "Results" });
  await expect(results).toContainText("plain.eml: Logged as Daniel Okafor's follow-up");
  await expect(results).toContainText("html-only.eml: not matched.");
  await expect(page.getByRole("heading", { name: /Inbox/ })).toContainText("1 unmatched");
  await expectAccessible(page);
  await screenshot(page, "import-eml-inbox");

  const jamal = await db
    .selectFrom("interviews as i")
    .innerJoin("applications as a", "a.id", "i.application_id")
    .innerJoin("candidates as c", "c.id", "a.candidate_id")
    .select("i.id")
    .where("c.organization_id", "=", organizationId)
    .where("c.name", "=", "Jamal Harris")
    .executeTakeFirstOrThrow();
  await page.getByRole("link", { name: "Assign the unmatched messages" }).click();
  await expectAccessible(page);
  await screenshot(page, "import-inbox");
  await page.getByLabel("Interview it follows up").selectOption(String(jamal.id));
  await page.getByRole("button", { name: "Assign" }).click();
  await expect(page.getByRole("status")).toContainText("Logged as that interview's follow-up.");
  await expect(page.getByRole("heading", { name: /Inbox/ })).toContainText("0 unmatched");

  // No mail-in address is offered while it cannot receive mail (e2e runs without the receiver, on 127.0.0.1).
  const daniel = await db
    .selectFrom("candidates")
    .select("id")
    .where("organization_id", "=", organizationId)
    .where("name", "=", "Daniel Okafor")
    .executeTakeFirstOrThrow();
  await page.goto(`/candidates/${daniel.id}`);
  await expect(page.getByRole("heading", { name: "Daniel Okafor" })).toBeVisible();
  await expect(page.getByText(/followup\+/)).toHaveCount(0);
  await expectAccessible(page);
  await screenshot(page, "import-mail-in-address");
});

test("a file with a quoted cell left open past the preview is refused with its row, and nothing is imported", async ({
  page,
  workspace,
  login,
}) => {
  const organizationId = workspace.organization.id;
  await login("recruiter");
  await page.goto("/import/csv");
  // The preview shows the first five rows; the open quote is on row 8.
  const rows = ["name,email,position,notes"];
  for (let i = 1; i <= 6; i++) rows.push(`Person ${i},person${i}@example.test,Enterprise AE,fine`);
  rows.push(
    'Open Quote,open@example.test,Enterprise AE,"this note never ends',
    "Last,last@example.test,Enterprise AE,x",
  );
  await page
    .getByLabel("CSV file")
    .setInputFiles({ name: "open-quote.csv", mimeType: "text/csv", buffer: Buffer.from(rows.join("\n")) });
  await page.getByRole("button", { name: "Upload and preview" }).click();
  // The preview reads the whole file (for the values it lists), so it refuses the file at once.
  await expect(page.getByRole("heading", { name: /Which column is which/ })).toBeVisible();
  await expect(page.getByRole("alert")).toContainText(
    "This file could not be read as CSV: Row 8: a quoted cell is not closed properly",
  );
  await screenshot(page, "import-unreadable");
  const candidates = await db
    .selectFrom("candidates")
    .select("id")
    .where("organization_id", "=", organizationId)
    .execute();
  expect(candidates).toEqual([]);
});

test("a recruiter drops calendar files: the broken one is reported, the other's interview is imported", async ({
  page,
  workspace,
  login,
}) => {
  const organizationId = workspace.organization.id;
  const position = await createPosition(db, {
    organization_id: organizationId,
    client_id: workspace.client.id,
    title: "Enterprise AE",
  });
  const address = `alan.${stamp()}@example.test`;
  const candidate = await createCandidate(db, {
    organization_id: organizationId,
    name: "Alan Turing",
    email: address,
  });
  await createApplication(db, { candidate_id: candidate.id, position_id: position.id, stage: "interview" });
  // Outlook's shape, its zone's display name unquoted (the colon in "(UTC-05:00)" used to break the
  // whole upload); the interview is a week from now, whenever the test runs.
  const day = new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10).replace(/-/g, "");
  const outlook = [
    "BEGIN:VCALENDAR",
    "METHOD:PUBLISH",
    "PRODID:Microsoft Exchange Server 2010",
    "VERSION:2.0",
    "BEGIN:VEVENT",
    "ORGANIZER;CN=Marco Diaz:mailto:marco@agency.test",
    `ATTENDEE;ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=TRUE;CN=Alan Turing:mailto:${address}`,
    "DESCRIPTION;LANGUAGE=en-US:\\n____________________\\nMicrosoft Teams meeting\\nJoin on your computer\\, mobile app or room device\\nMeeting ID: 213 050 950 66\\nPasscode: 7tQx9M\\n",
    `UID:040000008200E00074C5B7101A82E008000000${stamp()}`,
    "SUMMARY;LANGUAGE=en-US:Interview: Alan Turing",
    `DTSTART;TZID=(UTC-05:00) Eastern Time (US & Canada):${day}T093000`,
    `DTEND;TZID=(UTC-05:00) Eastern Time (US & Canada):${day}T103000`,
    "STATUS:CONFIRMED",
    "SEQUENCE:0",
    "LOCATION;LANGUAGE=en-US:Microsoft Teams Meeting",
    "END:VEVENT",
    "END:VCALENDAR",
    "",
  ].join("\r\n");
  const broken = (await import("node:fs")).readFileSync("app/intake/fixtures/ics/broken.ics");

  await login("recruiter");
  await page.goto("/import/calendar");
  await page.getByLabel("Calendar files").setInputFiles([
    { name: "outlook.ics", mimeType: "text/calendar", buffer: Buffer.from(outlook) },
    { name: "broken.ics", mimeType: "text/calendar", buffer: broken },
  ]);
  await page.getByRole("button", { name: "Preview events" }).click();
  const events = page.getByRole("table", { name: "Events found" });
  await expect(events.getByRole("row", { name: /Interview: Alan Turing/ })).toContainText(
    "An interview with Alan Turing",
  );
  await expect(events.getByRole("row", { name: /broken\.ics/ })).toContainText(
    "broken.ics cannot be read: The file is cut off",
  );
  await expectAccessible(page);
  await screenshot(page, "import-calendars");

  await page.getByRole("button", { name: "Import 1 interview" }).click();
  await expect(page.getByRole("status")).toContainText("1 interview imported");
  const interview = await db
    .selectFrom("interviews as i")
    .innerJoin("applications as a", "a.id", "i.application_id")
    .select(["i.time_zone", "i.round", "i.notes", "i.interviewer_name"])
    .where("a.candidate_id", "=", candidate.id)
    .executeTakeFirstOrThrow();
  expect(interview).toEqual({
    time_zone: "America/New_York",
    round: 1,
    notes: "",
    interviewer_name: "Marco Diaz",
  });
});

test("a recruiter drops a CSV, an email, a mailbox and calendars together, one broken, and sees each file's result", async ({
  page,
  workspace,
  login,
}) => {
  const fs = await import("node:fs");
  const organizationId = workspace.organization.id;
  // Results name times in the reader's zone: the organization's, as the recruiter chose none.
  await setOrganizationZone(workspace, "America/Chicago");
  const position = await createPosition(db, {
    organization_id: organizationId,
    client_id: workspace.client.id,
    title: "Enterprise AE",
  });
  // Daniel sent plain.eml on 24 Nov 2026 after his interview; Alan is invited by the calendar file.
  const daniel = await createApplication(db, {
    position_id: position.id,
    candidate: { name: "Daniel Okafor", email: "daniel.okafor@gmail.com", source: null },
  });
  const danielInterview = await createInterview(db, {
    application_id: daniel.id,
    interviewer_name: "Sarah Chen",
    starts_at: "2026-11-24T15:00:00.000Z",
    ends_at: "2026-11-24T16:00:00.000Z",
    time_zone: "America/Chicago",
    notes: "CFO alignment",
    mail_token: null,
  });
  const address = `alan.${stamp()}@example.test`;
  const alan = await createApplication(db, {
    position_id: position.id,
    candidate: { name: "Alan Turing", email: address, source: null },
  });
  const day = new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10).replace(/-/g, "");
  const calendar = [
    "BEGIN:VCALENDAR",
    "VERSION:2.0",
    "PRODID:-//Google Inc//Google Calendar 70.9054//EN",
    "BEGIN:VEVENT",
    `UID:mixed-${stamp()}@agency.test`,
    `DTSTART;TZID=America/New_York:${day}T093000`,
    `DTEND;TZID=America/New_York:${day}T103000`,
    "ORGANIZER;CN=Marco Diaz:mailto:marco@agency.test",
    `ATTENDEE;CN=Alan Turing:mailto:${address}`,
    "SUMMARY:Interview: Alan Turing",
    "END:VEVENT",
    "END:VCALENDAR",
    "",
  ].join("\r\n");
  const csv = [
    "name,email,position,interview_start,time_zone,interviewer,notes",
    `Grace Hopper,grace.${stamp()}@example.test,Enterprise AE,2026-11-20 10:00,Europe/London,Priya Shah,Enterprise deals.`,
  ].join("\n");

  await login("recruiter");
  await page.goto("/import");
  await page.getByLabel("Files to import").setInputFiles([
    { name: "people.csv", mimeType: "text/csv", buffer: Buffer.from(csv) },
    {
      name: "plain.eml",
      mimeType: "message/rfc822",
      buffer: fs.readFileSync("app/intake/fixtures/eml/plain.eml"),
    },
    {
      name: "mailbox.mbox",
      mimeType: "application/mbox",
      buffer: fs.readFileSync("app/intake/fixtures/mixed/mailbox.mbox"),
    },
    { name: "interview.ics", mimeType: "text/calendar", buffer: Buffer.from(calendar) },
    {
      name: "truncated.ics",
      mimeType: "text/calendar",
      buffer: fs.readFileSync("app/intake/fixtures/mixed/truncated.ics"),
    },
  ]);
  await page.getByRole("button", { name: "Import files" }).click();

  const results = page.getByRole("region", { name: "Results" });
  await expect(results.getByRole("status")).toContainText(
    "5 messages: 1 logged as a follow-up, 4 waiting in the inbox",
  );
  const emails = results.getByRole("table", { name: "Emails" });
  await expect(emails.getByRole("row", { name: /plain\.eml/ })).toContainText(
    "Logged as the follow-up to Daniel Okafor's interview of Tue 24 Nov 2026, 09:00 CST",
  );
  await expect(emails.getByRole("row", { name: /plain\.eml/ })).toContainText("daniel.okafor@gmail.com");
  await expect(emails.getByRole("row", { name: /mailbox\.mbox#4/ })).toContainText(
    "In the inbox No interview of a candidate with the address luca.bianchi@libero.it",
  );
  const events = results.getByRole("table", { name: "Calendar events" });
  const alanRow = events.getByRole("row", { name: /Interview: Alan Turing/ });
  await expect(alanRow).toContainText("Imported as Alan Turing's interview.");
  await expect(alanRow).toContainText("America/New_York");
  await expect(alanRow).toContainText("09:30");
  await expect(events.getByRole("row", { name: /truncated\.ics/ })).toContainText(
    "Not read truncated.ics cannot be read: The file is cut off",
  );
  await expect(results).toContainText("people.csv: Waiting");
  await expectAccessible(page);
  await screenshot(page, "import-drop-files");

  const followUps = await db
    .selectFrom("follow_ups")
    .select("id")
    .where("interview_id", "=", danielInterview.id)
    .execute();
  expect(followUps).toHaveLength(1);
  const alanInterviews = await db
    .selectFrom("interviews")
    .select("time_zone")
    .where("application_id", "=", alan.id)
    .execute();
  expect(alanInterviews).toEqual([{ time_zone: "America/New_York" }]);

  // The CSV's columns are confirmed on its own page.
  await page.getByRole("link", { name: "Review columns and import people.csv" }).click();
  await expect(page.getByRole("heading", { name: /Which column is which/ })).toBeVisible();
  await expect(page.getByLabel("Candidate email", { exact: true })).toHaveValue("1");
});

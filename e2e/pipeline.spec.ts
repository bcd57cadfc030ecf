// Issue 4: what a hiring manager or recruiter checks every morning. Each test works in a workspace of
// its own (the `workspace` fixture) and adds its rows with the factories, so none depends on the demo data.
import type { TimedWindow } from "../app/core/windows";
import { utcToZoned } from "../app/core/time";
import {
  createApplication,
  createFollowUp,
  createInterview,
  createPosition,
  createUser,
} from "../test/factories";
import { db, expect, expectAccessible, screenshot, test, type Workspace } from "./utils";

const HOUR = 3_600_000;
const ZONE = "America/New_York";
const stamp = () => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
const iso = (ms: number) => new Date(ms).toISOString();

async function addPosition(clientId: number, title: string, hiringManagerId: number | null) {
  return (await createPosition(db, { client_id: clientId, title, hiring_manager_id: hiringManagerId })).id;
}

/** A candidate in a position with one interview and, optionally, its first follow-up and the application's best score. */
async function addApplication(
  positionId: number,
  name: string,
  o: {
    endedHoursAgo?: number;
    followUpAfterHours?: number;
    window?: TimedWindow;
    bestScore?: number;
  } = {},
) {
  const now = Date.now();
  const ends = o.endedHoursAgo == null ? null : now - o.endedHoursAgo * HOUR;
  const application = await createApplication(db, {
    position_id: positionId,
    candidate: { name, email: `${name.toLowerCase().replace(/\W+/g, ".")}@example.test` },
    created_at: iso(now),
    best_score: o.bestScore ?? null,
    last_interview_end: ends == null ? null : iso(ends),
  });
  if (ends != null) {
    const received = o.followUpAfterHours == null ? null : ends + o.followUpAfterHours * HOUR;
    const interview = await createInterview(db, {
      application_id: application.id,
      interviewer_name: "Imogen Thrale",
      ends_at: iso(ends),
      time_zone: ZONE,
      notes: "Territory planning.",
      mail_token: null,
      first_follow_up_at: received == null ? null : iso(received),
      latency_minutes: o.followUpAfterHours == null ? null : o.followUpAfterHours * 60,
      window: o.window ?? null,
    });
    if (received != null) {
      await createFollowUp(db, {
        interview_id: interview.id,
        received_at: iso(received),
        body: "Thank you for your time today.",
        created_at: iso(received),
      });
    }
  }
  return { candidateId: application.candidate_id, applicationId: application.id };
}

/** The test's workspace as these tests name it: its client, a recruiter and two hiring managers. */
async function pipelineWorkspace(workspace: Workspace) {
  const otherManager = await createUser(db, {
    organization_id: workspace.organization.id,
    role: "hiring_manager",
    name: `Omar Othermanager ${stamp()}`,
  });
  return {
    id: stamp(),
    organizationId: workspace.organization.id,
    clientId: workspace.client.id,
    clientName: workspace.client.name,
    recruiter: workspace.users.recruiter,
    manager: workspace.users.hiring_manager,
    otherManager,
  };
}

const local = (ms: number) => utcToZoned(iso(ms), ZONE);

test("a recruiter creates a client, position and candidate, logs an interview, watches it on /awaiting, and sees the follow-up arrive", async ({
  page,
  workspace,
  login,
}) => {
  const ws = await pipelineWorkspace(workspace);
  await login(ws.recruiter);

  // A new client, then straight on to its first position.
  await page.goto("/positions");
  await expect(page.getByRole("heading", { name: "Positions", level: 1 })).toBeVisible();
  await page.getByRole("link", { name: "New client" }).click();
  await page.getByLabel("Name").fill(`Globex ${ws.id}`);
  await page.getByRole("button", { name: "Create client" }).click();
  await expect(page.getByRole("heading", { name: "New position" })).toBeVisible();

  // The server validates: an empty title is refused beside the field, the rest stays as chosen.
  await page.getByLabel("Hiring manager").selectOption({ label: `${ws.manager.name} (${ws.manager.email})` });
  await page.getByRole("button", { name: "Create position" }).click();
  await expect(page.getByText("Enter the position's title.")).toBeVisible();
  await expect(page.getByLabel("Title")).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByLabel("Client")).toHaveValue(/\d+/);
  await expectAccessible(page);
  await screenshot(page, "position-form-errors");

  const title = `Enterprise Account Executive ${ws.id}`;
  await page.getByLabel("Title").fill(title);
  await page.getByRole("button", { name: "Create position" }).click();
  await expect(page.getByRole("heading", { name: title })).toBeVisible();
  await expect(page.getByText("No candidates in this pipeline yet.")).toBeVisible();
  await expectAccessible(page);

  // A candidate, added straight into this pipeline.
  await page.getByRole("link", { name: "Add candidate to this position" }).click();
  await expect(page.getByRole("heading", { name: "Add a candidate to this position" })).toBeVisible();
  await expectAccessible(page);
  await screenshot(page, "add-candidate");
  const candidate = `Nadia Okafor ${ws.id}`;
  await page.getByLabel("Name", { exact: true }).fill(candidate);
  await page.getByLabel("Email (optional)").fill("not-an-email");
  await page.getByRole("button", { name: "Add candidate" }).click();
  await expect(page.getByText("Enter a valid email address, or leave it empty.")).toBeVisible();
  await expect(page.getByLabel("Name", { exact: true })).toHaveValue(candidate);
  await page.getByLabel("Email (optional)").fill(`nadia.${ws.id}@example.test`);
  await page.getByRole("button", { name: "Add candidate" }).click();
  await expect(page.getByRole("heading", { name: candidate, level: 1 })).toBeVisible();

  // An interview that ended two hours ago, entered in New York time.
  const now = Date.now();
  await page.getByText("Log an interview").click();
  await page.getByLabel("Interviewer", { exact: true }).fill("Hal Jordan");
  await page.getByLabel("Time zone of those times").selectOption(ZONE);
  await page.getByLabel("Started").fill(local(now - 3 * HOUR));
  await page.getByLabel("Ended").fill(local(now - 2 * HOUR));
  await page
    .getByLabel("Notes: what was discussed")
    .fill("Discussed the Q3 pipeline review and the Midwest territory expansion.");
  await page.getByRole("button", { name: "Log interview" }).click();
  await expect(page.getByText("Interview logged.")).toBeVisible();

  // On /awaiting: about four hours left to the six-hour threshold, counting down without a reload.
  await page.getByRole("link", { name: "Awaiting follow-up" }).click();
  await expect(page.getByRole("heading", { name: "Awaiting follow-up" })).toBeVisible();
  const row = page.getByRole("row", { name: new RegExp(candidate) });
  await expect(row).toContainText(title);
  await expect(row).toContainText("Hal Jordan");
  await expect(row).toContainText(/(3 h 5\d|4 h 00) min left to 6 h \(best\)/);
  await expectAccessible(page);
  await screenshot(page, "awaiting");

  // A follow-up an hour after the interview ended.
  await row.getByRole("link", { name: candidate }).click();
  await page.getByText("Log a follow-up").click();
  // The follow-up form is in the reader's zone: the workspace's default, UTC.
  await page.getByLabel("Received (UTC)").fill(utcToZoned(iso(now - HOUR), "UTC"));
  await page.getByLabel("Subject (optional)").fill("Thank you — Midwest territory");
  await page
    .getByRole("textbox", { name: "Message" })
    .fill(
      "Hi Hal, thank you for the conversation today. You mentioned the Midwest territory expansion and the Q3 pipeline review; at Initech I rebuilt a stalled territory and grew it 40% in two quarters. I'm very interested in this role. I can send two references by Friday, or we could set up a call next week.\n\nBest,\nNadia",
    );
  await page.getByRole("button", { name: "Log follow-up" }).click();
  await expect(page.getByText("Follow-up logged and scored.")).toBeVisible();

  // The pipeline shows it received, in the best window, with its latency and score.
  await page.goto("/positions");
  await page.getByRole("link", { name: title }).click();
  const pipelineRow = page.getByRole("row", { name: new RegExp(candidate) });
  await expect(pipelineRow).toContainText("Received · Best (≤ 6 h)");
  await expect(pipelineRow).toContainText(/after 1 h 0\d min/);
  await expect(pipelineRow.getByRole("cell").nth(5)).toHaveText(/^\d{1,3}\/100$/);
  await expectAccessible(page);
  await screenshot(page, "pipeline-received");

  // Gone from /awaiting.
  await page.getByRole("link", { name: "Awaiting follow-up" }).click();
  await expect(page.getByRole("row", { name: new RegExp(candidate) })).toHaveCount(0);
});

test("the pipeline filters by status and score band on the server, and the URL brings the same view back after a reload", async ({
  page,
  workspace,
  login,
}) => {
  const ws = await pipelineWorkspace(workspace);
  const positionId = await addPosition(ws.clientId, `Sales Development Rep ${ws.id}`, ws.manager.id);
  await addApplication(positionId, "Ava Awaiting", { endedHoursAgo: 2 });
  await addApplication(positionId, "Ben Best", {
    endedHoursAgo: 20,
    followUpAfterHours: 2,
    window: "best",
    bestScore: 84,
  });
  await addApplication(positionId, "Cal Careful", {
    endedHoursAgo: 30,
    followUpAfterHours: 10,
    window: "ideal",
    bestScore: 72.2,
  });
  await addApplication(positionId, "Dot Dull", {
    endedHoursAgo: 40,
    followUpAfterHours: 20,
    window: "acceptable",
    bestScore: 31,
  });
  await addApplication(positionId, "Eli Empty", { endedHoursAgo: 100 });
  await addApplication(positionId, "Fay Fresh");

  await login(ws.recruiter);
  await page.goto("/positions");
  await expect(page.getByRole("heading", { name: ws.clientName })).toBeVisible();
  const summary = page.getByRole("row", { name: new RegExp(`Sales Development Rep ${ws.id}`) });
  await expect(summary).toContainText("1 awaiting");
  await expectAccessible(page);
  await screenshot(page, "positions");

  await summary.getByRole("link", { name: `Sales Development Rep ${ws.id}` }).click();
  await expect(page.locator("tbody tr")).toHaveCount(6);
  await expectAccessible(page);
  await screenshot(page, "pipeline");

  const filters = page.getByRole("search", { name: "Filter the pipeline" });
  await filters.getByLabel("Follow-up status").selectOption("received");
  await filters.getByLabel("Best score").selectOption("high");
  await filters.getByRole("button", { name: "Apply filters" }).click();
  await expect(page).toHaveURL(/status=received/);
  await expect(page).toHaveURL(/band=high/);
  const names = () => page.locator("tbody tr a[href^='/candidates/']").allTextContents();
  await expect(page.locator("tbody tr")).toHaveCount(2);
  expect((await names()).sort()).toEqual(["Ben Best", "Cal Careful"]);

  // Sort by score, lowest first, and hide the recruiter column: both in the URL.
  await page.getByRole("link", { name: /^Best score/ }).click();
  await expect(page).toHaveURL(/sort=score&dir=asc/);
  await expect(page.getByRole("columnheader", { name: /Best score/ })).toHaveAttribute(
    "aria-sort",
    "ascending",
  );
  expect(await names()).toEqual(["Cal Careful", "Ben Best"]);
  await page.getByText("Choose columns").click();
  await page.getByRole("checkbox", { name: "Recruiter" }).uncheck();
  await page.getByRole("button", { name: "Show these columns" }).click();
  await expect(page).toHaveURL(/cols=/);
  await expect(page.getByRole("columnheader", { name: "Recruiter" })).toHaveCount(0);

  const shared = page.url();
  await page.reload();
  expect(page.url()).toBe(shared);
  expect(await names()).toEqual(["Cal Careful", "Ben Best"]);
  await expect(filters.getByLabel("Follow-up status")).toHaveValue("received");
  await expect(filters.getByLabel("Best score")).toHaveValue("high");
  await expect(page.getByRole("columnheader", { name: "Recruiter" })).toHaveCount(0);
  await expect(page.getByRole("columnheader", { name: /Best score/ })).toHaveAttribute(
    "aria-sort",
    "ascending",
  );

  // The same link opened fresh (as a colleague would) shows the same view.
  const colleague = await page.context().newPage();
  await colleague.goto(shared);
  await expect(colleague.locator("tbody tr a[href^='/candidates/']")).toHaveText(["Cal Careful", "Ben Best"]);
  await colleague.close();

  // Awaiting filter, then none.
  await filters.getByLabel("Follow-up status").selectOption("awaiting");
  await filters.getByLabel("Best score").selectOption("");
  await filters.getByRole("button", { name: "Apply filters" }).click();
  await expect(page.locator("tbody tr a[href^='/candidates/']")).toHaveText(["Ava Awaiting"]);
  await filters.getByLabel("Follow-up status").selectOption("none");
  await filters.getByRole("button", { name: "Apply filters" }).click();
  await expect(page.locator("tbody tr a[href^='/candidates/']")).toHaveText(["Eli Empty"]);
  await screenshot(page, "pipeline-filtered");

  // A filter with no match says so, with a way out.
  await filters.getByLabel("Search by name or email").fill("nobody-matches-this");
  await filters.getByRole("button", { name: "Apply filters" }).click();
  await expect(page.getByText("No application matches these filters.")).toBeVisible();
  await page.getByRole("link", { name: "Clear the filters" }).click();
  await expect(page.locator("tbody tr")).toHaveCount(6);
});

test("a recruiter records an offer and moves the stage, and sees both in the pipeline", async ({
  page,
  workspace,
  login,
}) => {
  const ws = await pipelineWorkspace(workspace);
  const title = `Account Manager ${ws.id}`;
  const positionId = await addPosition(ws.clientId, title, ws.manager.id);
  await addApplication(positionId, "Olive Offer", {
    endedHoursAgo: 30,
    followUpAfterHours: 3,
    window: "best",
    bestScore: 77,
  });
  await addApplication(positionId, "Paul Pending", { endedHoursAgo: 5 });

  await login(ws.recruiter);
  await page.goto(`/positions/${positionId}?sort=candidate&dir=asc`);
  await page.getByRole("link", { name: "Manage Olive Offer's application" }).click();
  await expect(page.getByRole("heading", { name: /Olive Offer/ })).toBeVisible();
  await expectAccessible(page);

  await page.getByLabel("Stage", { exact: true }).selectOption("offer");
  await page.getByRole("button", { name: "Move" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Moved to Offer." })).toBeVisible();

  // Without a date the server refuses, beside the field, keeping the choice.
  await page.getByLabel("Outcome", { exact: true }).selectOption("offer");
  await page.getByLabel("Decided on").fill("");
  await page.getByRole("button", { name: "Record outcome" }).click();
  await expect(page.getByText("Enter the date it was decided.")).toBeVisible();
  await expect(page.getByLabel("Outcome", { exact: true })).toHaveValue("offer");
  await page.getByLabel("Decided on").fill("2026-11-20");
  await page.getByLabel("Reason (optional)").fill("Strong references; follow-up named our Q3 plan.");
  await page.getByRole("button", { name: "Record outcome" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Outcome recorded: Offer." })).toBeVisible();
  await screenshot(page, "application");

  await page.getByRole("link", { name: `Pipeline for ${title}` }).click();
  await expect(page).toHaveURL(/sort=candidate&dir=asc/);
  const row = page.getByRole("row", { name: /Olive Offer/ });
  await expect(row).toContainText("Offer");
  await expect(row).toContainText("20 Nov 2026");
  const filters = page.getByRole("search", { name: "Filter the pipeline" });
  await filters.getByLabel("Outcome").selectOption("offer");
  await filters.getByRole("button", { name: "Apply filters" }).click();
  await expect(page.locator("tbody tr a[href^='/candidates/']")).toHaveText(["Olive Offer"]);
});

test("a hiring manager sees only their positions, and a recruiter of another organization sees nothing", async ({
  page,
  workspace,
  login,
}) => {
  const ws = await pipelineWorkspace(workspace);
  const mine = await addPosition(ws.clientId, `Mine ${ws.id}`, ws.manager.id);
  const theirs = await addPosition(ws.clientId, `Theirs ${ws.id}`, ws.otherManager.id);
  const theirApp = await addApplication(theirs, "Hidden Hannah", { endedHoursAgo: 1 });
  await addApplication(mine, "Visible Vic", { endedHoursAgo: 1 });

  await login(ws.manager);
  await page.goto("/positions");
  await expect(page.getByRole("link", { name: `Mine ${ws.id}` })).toBeVisible();
  await expect(page.getByRole("link", { name: `Theirs ${ws.id}` })).toHaveCount(0);
  // Hiring managers do not create positions or clients.
  await expect(page.getByRole("link", { name: "New position" })).toHaveCount(0);
  await page.goto("/awaiting");
  await expect(page.getByRole("row", { name: /Visible Vic/ })).toBeVisible();
  await expect(page.getByRole("row", { name: /Hidden Hannah/ })).toHaveCount(0);
  // By URL: not found, for the page, the application and the candidate alike.
  expect((await page.request.get(`/positions/${theirs}`)).status()).toBe(404);
  expect((await page.request.get(`/applications/${theirApp.applicationId}`)).status()).toBe(404);
  expect((await page.request.get(`/candidates/${theirApp.candidateId}`)).status()).toBe(404);
  expect((await page.request.get(`/positions/${mine}`)).status()).toBe(200);
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/sign-in$/);

  // A recruiter of a new organization of their own.
  await login(await createUser(db, { role: "recruiter", name: `Olga Outsider ${ws.id}` }));
  await page.goto("/positions");
  await expect(page.getByText("No open positions.")).toBeVisible();
  await expectAccessible(page);
  await screenshot(page, "positions-empty");
  await page.goto("/awaiting");
  await expect(page.getByText("Nothing is awaiting a follow-up right now")).toBeVisible();
  await screenshot(page, "awaiting-empty");
  expect((await page.request.get(`/positions/${mine}`)).status()).toBe(404);
  expect((await page.request.get(`/applications/${theirApp.applicationId}`)).status()).toBe(404);
  expect((await page.request.post(`/positions/${mine}/delete`, { form: { confirm: "yes" } })).status()).toBe(
    404,
  );
});

test("a client viewer reads the pipeline with no write controls", async ({ page, workspace, login }) => {
  const ws = await pipelineWorkspace(workspace);
  const positionId = await addPosition(ws.clientId, `Field Sales ${ws.id}`, ws.manager.id);
  await addApplication(positionId, "Rita Readonly", { endedHoursAgo: 3 });
  await login("client_viewer");
  await page.goto(`/positions/${positionId}`);
  await expect(page.getByRole("row", { name: /Rita Readonly/ })).toBeVisible();
  await expect(page.getByRole("link", { name: /Add candidate|Edit position|Manage/ })).toHaveCount(0);
  await page.goto("/positions");
  await expect(page.getByRole("link", { name: /New position|New client/ })).toHaveCount(0);
  expect((await page.request.get("/positions/new")).status()).toBe(403);
});

test("a recruiter edits a candidate and deletes them entirely on request", async ({
  page,
  workspace,
  login,
}) => {
  const ws = await pipelineWorkspace(workspace);
  const positionId = await addPosition(ws.clientId, `Closer ${ws.id}`, ws.manager.id);
  const app = await addApplication(positionId, "Gus Gone", {
    endedHoursAgo: 30,
    followUpAfterHours: 4,
    window: "best",
  });

  await login(ws.recruiter);
  await page.goto(`/candidates/${app.candidateId}`);
  await page.getByRole("link", { name: "Edit", exact: true }).click();
  await page.getByLabel("Phone (optional)").fill("+1 555 0100");
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByText("+1 555 0100")).toBeVisible();

  await page.getByRole("link", { name: "Delete…" }).click();
  await expect(page.getByRole("heading", { name: "Delete Gus Gone?" })).toBeVisible();
  await expect(
    page.getByText(
      "1 application, 1 interview with their notes, and 1 follow-up with their messages and scores.",
    ),
  ).toBeVisible();
  await expectAccessible(page);
  await screenshot(page, "delete-candidate");
  // Without ticking the box, nothing is deleted.
  await page.getByRole("button", { name: "Delete candidate" }).click();
  await expect(page.getByRole("alert")).toContainText("Tick the box");
  await page.getByLabel("Yes, delete Gus Gone and everything that belongs to them.").check();
  await page.getByRole("button", { name: "Delete candidate" }).click();
  await expect(page.getByRole("heading", { name: "Candidates" })).toBeVisible();

  const left = await db
    .selectFrom("applications")
    .select("id")
    .where("candidate_id", "=", app.candidateId)
    .execute();
  expect(left).toEqual([]);
  const interviews = await db
    .selectFrom("interviews")
    .select("id")
    .where("application_id", "=", app.applicationId)
    .execute();
  expect(interviews).toEqual([]);
});

test("a recruiter renames a client, is refused deleting it while it has a position, deletes the position after confirming, then the client", async ({
  page,
  workspace,
  login,
}) => {
  const ws = await pipelineWorkspace(workspace);
  const positionId = await addPosition(ws.clientId, `Inside Sales ${ws.id}`, ws.manager.id);
  await addApplication(positionId, "Tess Takenwith", {
    endedHoursAgo: 10,
    followUpAfterHours: 2,
    window: "best",
  });
  await login(ws.recruiter);

  await page.goto("/positions");
  await page.getByRole("link", { name: "Clients", exact: true }).click();
  await expect(page.getByRole("heading", { name: "Clients", level: 1 })).toBeVisible();
  await expectAccessible(page);
  await screenshot(page, "clients");
  await page.getByRole("link", { name: `Rename ${ws.clientName}` }).click();
  await expect(page.getByRole("heading", { name: `Rename ${ws.clientName}` })).toBeVisible();
  await page.getByRole("textbox", { name: "Name" }).fill(`Northwind Traders ${ws.id}`);
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByRole("link", { name: `Northwind Traders ${ws.id}`, exact: true })).toBeVisible();

  await page.getByRole("link", { name: `Delete Northwind Traders ${ws.id}` }).click();
  await expect(page.getByRole("alert")).toContainText("cannot be deleted while it has 1 position");
  await expect(page.getByRole("button", { name: "Delete client" })).toHaveCount(0);
  await expectAccessible(page);
  await screenshot(page, "client-delete-refused");

  // The position goes only once its application's loss is confirmed.
  await page.goto(`/positions/${positionId}/edit`);
  await expectAccessible(page);
  await screenshot(page, "position-edit");
  await page.getByRole("link", { name: "Delete position…" }).click();
  await expect(page.getByText(/Its 1 application, with 1 interview and 1 follow-up\./)).toBeVisible();
  await expectAccessible(page);
  await screenshot(page, "position-delete");
  await page.getByRole("button", { name: "Delete position" }).click();
  await expect(page.getByRole("alert")).toContainText("Tick the box");
  await page.getByLabel(/Yes, delete this position and its 1 application/).check();
  await page.getByRole("button", { name: "Delete position" }).click();
  await expect(page.getByRole("heading", { name: "Positions", level: 1 })).toBeVisible();
  await expect(page.getByRole("link", { name: `Inside Sales ${ws.id}` })).toHaveCount(0);

  await page.goto(`/clients/${ws.clientId}/delete`);
  await page.getByRole("button", { name: "Delete client" }).click();
  await expect(page.getByRole("heading", { name: "Clients", level: 1 })).toBeVisible();
  await expect(page.getByText("No clients yet.")).toBeVisible();
});

test("a recruiter creates a candidate from the candidates list", async ({ page, workspace, login }) => {
  const ws = await pipelineWorkspace(workspace);
  await addPosition(ws.clientId, `Channel Partner Manager ${ws.id}`, ws.manager.id);
  await login(ws.recruiter);
  await page.goto("/candidates");
  await page.getByRole("link", { name: "New candidate" }).click();
  await expect(page.getByRole("heading", { name: "New candidate" })).toBeVisible();
  await page.getByRole("button", { name: "Create candidate" }).click();
  await expect(page.getByText("Enter the candidate's name.")).toBeVisible();
  await expectAccessible(page);
  await screenshot(page, "candidate-new-errors");
  await page.getByLabel("Name").fill(`Quinn Quick ${ws.id}`);
  await page.getByLabel("Source (optional)").fill("LinkedIn");
  await page
    .getByLabel("Add to a position (optional)")
    .selectOption({ label: `Channel Partner Manager ${ws.id}` });
  await page.getByRole("button", { name: "Create candidate" }).click();
  await expect(page.getByRole("heading", { name: `Quinn Quick ${ws.id}`, level: 1 })).toBeVisible();
  await expect(
    page.getByRole("heading", { name: new RegExp(`Channel Partner Manager ${ws.id}`) }),
  ).toBeVisible();
});

// Issue 6: roles and client reporting. Each test works in a workspace of its own (the `workspace`
// fixture): its client, a second client with distinctive names, and the workspace's users.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import type { Page } from "@playwright/test";
import {
  createApplication,
  createClient,
  createFollowUp,
  createInterview,
  createPosition,
} from "../test/factories";
import { db, expect, expectAccessible, screenshot, test, type Workspace } from "./utils";

const HOUR = 3_600_000;
const stamp = () => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
const iso = (ms: number) => new Date(ms).toISOString();

const WINDOWS = [
  { window: "best", hours: 3 },
  { window: "ideal", hours: 9 },
  { window: "acceptable", hours: 20 },
  { window: "late", hours: 50 },
  { window: null, hours: null },
] as const;

/** One position of the client with `count` decided applications spread over the windows, some offered. */
async function fillClient(client: { id: number; name: string }, title: string, count: number) {
  const now = Date.now();
  const position = await createPosition(db, { client_id: client.id, title, opened_on: "2026-09-01" });
  for (let i = 0; i < count; i++) {
    const w = WINDOWS[i % WINDOWS.length];
    const ends = now - (6 + i) * 24 * HOUR;
    const offered = w.window !== null && i % 3 !== 2;
    const application = await createApplication(db, {
      position_id: position.id,
      candidate: {
        name: `${client.name.split(" ")[0]} Candidate ${i + 1}`,
        email: null,
        source: null,
        created_at: iso(ends),
      },
      stage: offered ? "offer" : "closed",
      outcome: offered ? "offer" : "rejected",
      outcome_on: iso(now).slice(0, 10),
      created_at: iso(ends),
      interview_count: 1,
      decided_interview_count: 1,
      followed_up_count: w.window ? 1 : 0,
      behaviour: w.window ? "always" : "never",
      best_score: w.window ? 50 + i * 3 : null,
      mean_score: w.window ? 50 + i * 3 : null,
      median_latency_minutes: w.hours === null ? null : w.hours * 60,
      last_interview_end: iso(ends),
    });
    const received = w.hours === null ? null : ends + w.hours * HOUR;
    const interview = await createInterview(db, {
      application_id: application.id,
      interviewer_name: `${client.name.split(" ")[0]} Interviewer`,
      ends_at: iso(ends),
      notes: "Pipeline review.",
      mail_token: null,
      first_follow_up_at: received === null ? null : iso(received),
      latency_minutes: w.hours === null ? null : w.hours * 60,
      business_latency_minutes: w.hours === null ? null : w.hours * 60,
      window: w.window,
    });
    if (received !== null) {
      const followUp = await createFollowUp(db, {
        interview_id: interview.id,
        received_at: iso(received),
        body: "Thank you for your time today.",
        created_at: iso(received),
        latency_minutes: w.hours! * 60,
        business_latency_minutes: w.hours! * 60,
        window: w.window,
        score: 50 + i * 3,
      });
      await db
        .updateTable("interviews")
        .set({ first_follow_up_id: followUp.id })
        .where("id", "=", interview.id)
        .execute();
    }
  }
}

/** The workspace's client ("ours", the client viewer's) with 12 applications, and another with 4. */
async function makeAgency(workspace: Workspace) {
  const id = stamp();
  const ours = {
    clientId: workspace.client.id,
    name: workspace.client.name,
    title: `Field Sales Lead ${id}`,
  };
  const other = await createClient(db, {
    organization_id: workspace.organization.id,
    name: `Quarry Metals ${id}`,
  });
  const theirs = { clientId: other.id, name: other.name, title: `Quarry Account Manager ${id}` };
  await fillClient(workspace.client, ours.title, 12);
  await fillClient(other, theirs.title, 4);
  return { id, ours, theirs };
}

/** Charts draw only after hydration: wait until every chart box holds its svg. */
async function chartsReady(page: Page, count: number) {
  await expect(page.locator('[data-chart="ready"] svg.recharts-surface')).toHaveCount(count);
}

test("a client viewer signs in and sees only their own client, read-only", async ({
  page,
  workspace,
  login,
}) => {
  const ws = await makeAgency(workspace);
  await login("client_viewer");
  await page.goto("/");

  const nav = page.getByRole("navigation", { name: "Main" });
  await expect(nav.getByRole("link", { name: "Reports" })).toBeVisible();
  await expect(nav.getByRole("link", { name: "Users" })).toHaveCount(0);
  await expect(nav.getByRole("link", { name: "Settings" })).toHaveCount(0);

  // Their report: /reports sends them to their own client's.
  await nav.getByRole("link", { name: "Reports" }).click();
  await expect(page).toHaveURL(new RegExp(`/reports/${ws.ours.clientId}$`));
  await expect(page.getByRole("heading", { name: ws.ours.name, level: 1 })).toBeVisible();
  await chartsReady(page, 4);
  await expect(page.getByRole("link", { name: "Share a read-only link" })).toHaveCount(0);
  await screenshot(page, "report-client-viewer");
  await expectAccessible(page);

  // No other client's name on any page they can open, nor in the options of a filter.
  for (const path of [
    "/dashboard",
    "/positions?status=all",
    "/candidates",
    "/awaiting",
    "/clients",
    `/reports/${ws.ours.clientId}`,
  ]) {
    await page.goto(path);
    await expect(page.locator("main")).toBeVisible();
    const html = await page.content();
    expect(html, path).not.toContain(ws.theirs.name);
    expect(html, path).not.toContain(ws.theirs.title);
  }
  // Another client's report and its CSV: not found, naming nothing.
  const other = await page.goto(`/reports/${ws.theirs.clientId}`);
  expect(other?.status()).toBe(404);
  expect(await page.content()).not.toContain(ws.theirs.name);
  const csv = await page.request.get(`/reports/${ws.theirs.clientId}/export.csv`);
  expect(csv.status()).toBe(404);
  const own = await page.request.get(`/reports/${ws.ours.clientId}/export.csv`);
  expect(own.status()).toBe(200);
  expect(own.headers()["content-type"]).toContain("text/csv");
  const text = await own.text();
  expect(text).toContain(ws.ours.name);
  expect(text).toContain("Candidate 1");
  expect(text).not.toContain(ws.theirs.name);
});

test("a recruiter shares a report link; it opens without an account and is refused once revoked", async ({
  page,
  browser,
  workspace,
  login,
}) => {
  const ws = await makeAgency(workspace);
  await login("recruiter");
  await page.goto(`/reports/${ws.ours.clientId}`);
  await page.getByRole("link", { name: "Share a read-only link" }).click();
  await expect(page.getByRole("heading", { name: "Share links" })).toBeVisible();
  const form = page.locator("form").filter({ has: page.getByRole("button", { name: "Create share link" }) });
  await expect(form.getByLabel("Client")).toHaveValue(String(ws.ours.clientId));
  await form.getByRole("button", { name: "Create share link" }).click();
  const link = await page.getByLabel("Share link", { exact: true }).inputValue();
  expect(link).toMatch(/\/share\/[A-Za-z0-9_-]{43}$/);
  await screenshot(page, "report-share-links");

  // A fresh browser, no cookies: the report and nothing else.
  const visitor = await browser.newContext();
  const shared = await visitor.newPage();
  const response = await shared.goto(link);
  expect(response?.status()).toBe(200);
  await expect(shared.getByRole("heading", { name: ws.ours.name, level: 1 })).toBeVisible();
  await expect(shared.getByRole("navigation", { name: "Main" })).toHaveCount(0);
  await expect(shared.getByRole("button", { name: "Sign out" })).toHaveCount(0);
  await chartsReady(shared, 4);
  expect(await shared.content()).not.toContain(ws.theirs.name);
  await screenshot(shared, "report-shared");
  await expectAccessible(shared);

  // Revoked: the same link now says so, with a 410 and no client name.
  await page.getByRole("button", { name: /Revoke the link to/ }).click();
  await expect(page.getByText("Link revoked")).toBeVisible();
  await expect(page.getByRole("cell", { name: "Revoked", exact: true })).toBeVisible();
  const refused = await shared.goto(link);
  expect(refused?.status()).toBe(410);
  await expect(shared.getByRole("heading", { name: "This link is no longer valid" })).toBeVisible();
  expect(await shared.content()).not.toContain(ws.ours.name);
  await screenshot(shared, "report-share-revoked", { fullPage: false });
  const csv = await shared.request.get(`${link}/export.csv`);
  expect(csv.status()).toBe(410);
  await visitor.close();
});

test("the client report prints to PDF with its charts and without the navigation", async ({
  page,
  workspace,
  login,
}) => {
  const ws = await makeAgency(workspace);
  // A long pipeline: its table spans pages, the case that once left "Pipelines" alone on a page.
  await fillClient(workspace.client, `Account Executive ${ws.id}`, 45);
  await login("admin");
  await page.goto(`/reports/${ws.ours.clientId}`);
  await expect(page.getByRole("heading", { name: ws.ours.name, level: 1 })).toBeVisible();
  await chartsReady(page, 4);
  // Explicit sizes: each chart is drawn at the report's width, not measured from the screen.
  const widths = await page
    .locator('[data-chart="ready"] svg.recharts-surface')
    .evaluateAll((svgs) => svgs.map((s) => s.getAttribute("width")));
  expect(widths).toEqual(["620", "620", "620", "620"]);
  await expect(page.getByText(/received offers .* as often|not enough data/).first()).toBeVisible();
  await screenshot(page, "report");

  await page.emulateMedia({ media: "print" });
  await expect(page.getByRole("navigation", { name: "Main" })).toBeHidden();
  await expect(page.getByRole("button", { name: "Print or save as PDF" })).toBeHidden();
  await expect(page.locator('[data-chart="ready"] svg.recharts-surface')).toHaveCount(4);
  await screenshot(page, "report-print");
  const pdf = await page.pdf({ format: "A4", printBackground: true });
  // Kept for a look (pdftoppm -png test-results/report.pdf); test-results/ is not committed.
  fs.mkdirSync("test-results", { recursive: true });
  fs.writeFileSync("test-results/report.pdf", pdf);
  expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
  // Sections start on new pages: the headline, the offer charts, the latency charts, the pipelines.
  const pages = (pdf.toString("latin1").match(/\/Type\s*\/Page[^s]/g) ?? []).length;
  expect(pages).toBeGreaterThanOrEqual(5);

  // No heading is left at the foot of a page: headings keep with what follows them, and a table's
  // header row repeats on every page it spans. Read from the pages, where poppler's pdftotext is installed.
  const headings = (await page.locator(".client-report :is(h1, h2, h3)").allInnerTexts())
    .map((h) => h.replace(/\s+/g, " ").trim())
    .filter(Boolean);
  const pageTexts = pdfPages("test-results/report.pdf");
  if (pageTexts) {
    expect(pageTexts.length).toBe(pages);
    // A heading's line, or the first line of a wrapped one (long enough not to be a wrapped name).
    const isHeading = (line: string) =>
      headings.some((h) => line.startsWith(h) || (line.length >= 12 && h.startsWith(line)));
    pageTexts.forEach((lines, i) => {
      expect(lines.length, `page ${i + 1} is empty`).toBeGreaterThan(0);
      expect(lines.every(isHeading), `page ${i + 1} holds only headings: ${lines.join(" / ")}`).toBe(false);
      expect(isHeading(lines.at(-1)!), `page ${i + 1} ends with a heading: ${lines.at(-1)}`).toBe(false);
      // A page with rows of the long table starts them under its header row.
      if (lines.some((l) => /Candidate \d+/.test(l)))
        expect(
          lines.some((l) => /^Candidate\s+Stage/.test(l)),
          `page ${i + 1} has no header row`,
        ).toBe(true);
    });
  }
  // The rules, as the browser computes them for print (where pdftotext is missing, all that is checked).
  const styles = await page.evaluate(() => {
    const of = (selector: string) => getComputedStyle(document.querySelector(selector)!);
    return {
      h2: of(".client-report h2#pipelines-heading").breakAfter,
      h3: of(".client-report section h3").breakAfter,
      thead: of(".client-report thead").display,
      row: of(".client-report tbody tr").breakInside,
    };
  });
  expect(styles).toEqual({ h2: "avoid", h3: "avoid", thead: "table-header-group", row: "avoid" });
  await page.emulateMedia({ media: "screen" });
});

/** Each page's non-empty lines of text, or null when poppler's pdftotext is not installed. */
function pdfPages(file: string): string[][] | null {
  let text: string;
  try {
    text = execFileSync("pdftotext", ["-layout", file, "-"], { encoding: "utf8" });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw e;
  }
  // Pages end with a form feed.
  return text
    .split("\f")
    .slice(0, -1)
    .map((p) =>
      p
        .split("\n")
        .map((l) => l.trim())
        .filter(Boolean),
    );
}

test("an admin invites a user with a one-time link that sets their password", async ({
  page,
  browser,
  workspace,
  login,
}) => {
  const ws = await makeAgency(workspace);
  await login("admin");
  await page.goto("/");
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Users" }).click();
  await expect(page.getByRole("heading", { name: "Users", level: 1 })).toBeVisible();
  const invite = page
    .locator("form")
    .filter({ has: page.getByRole("button", { name: "Create invitation link" }) });
  await invite.getByLabel("Name").fill("Vera Viewer");
  await invite.getByLabel("Email").fill(`vera.${ws.id}@reports.e2e.test`);
  await invite.getByLabel("Role").selectOption("client_viewer");
  await invite.getByRole("button", { name: "Create invitation link" }).click();
  await expect(page.getByText("Choose the client this person may see.")).toBeVisible();
  await invite.getByLabel("Role").selectOption("client_viewer");
  await invite.getByLabel("Client (client viewers only)").selectOption({ label: ws.ours.name });
  await invite.getByRole("button", { name: "Create invitation link" }).click();
  const link = await page.getByLabel("One-time link").inputValue();
  expect(link).toMatch(/\/invite\/[A-Za-z0-9_-]{43}$/);
  await expect(page.getByText("expires in 7 days")).toBeVisible();
  await expect(invite.getByLabel("Name")).toHaveValue("");
  await expect(page.getByRole("row", { name: /Vera Viewer/ })).toContainText("Invited (no password yet)");
  await screenshot(page, "users");
  await expectAccessible(page);

  const context = await browser.newContext();
  const invited = await context.newPage();
  await invited.goto(link);
  await invited.getByLabel("New password", { exact: true }).fill("vera-password-1");
  await invited.getByLabel("Confirm password").fill("vera-password-1");
  await invited.getByRole("button", { name: "Set password and sign in" }).click();
  await expect(invited.getByRole("button", { name: "Sign out" })).toBeVisible();
  // Used once: the link now refuses.
  const again = await invited.goto(link);
  expect(again?.status()).toBe(410);

  // Deactivated: the next request is signed out.
  await page.reload();
  await page.getByRole("button", { name: "Deactivate Vera Viewer" }).click();
  await expect(page.getByText("Deactivated: their sessions have ended.")).toBeVisible();
  await invited.goto("/dashboard");
  await expect(invited).toHaveURL(/\/sign-in/);
  await context.close();

  // The audit log shows the invitation, filtered by action on the server.
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Audit log" }).click();
  await expect(page.getByRole("heading", { name: "Audit log", level: 1 })).toBeVisible();
  await page.getByLabel("Action").selectOption("invite");
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(/action=invite/);
  await expect(page.getByRole("cell", { name: /invited Vera Viewer as Client viewer\./ })).toBeVisible();
  await expect(page.locator("tbody tr").filter({ hasNotText: "invited" })).toHaveCount(0);
  await screenshot(page, "audit");
  await expectAccessible(page);
});
